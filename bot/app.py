"""Building the python-telegram-bot Application: its intake (bot/intake.py), handlers, rate limiter, a session."""

from __future__ import annotations

import asyncio
import logging

import aiohttp
from telegram import BotCommand
from telegram.error import TelegramError
from telegram.ext import AIORateLimiter, Application, ApplicationBuilder
from telegram.request import BaseRequest, HTTPXRequest

from actions.content.locales import LOCALES
from actions.content.store import Content
from actions.settings import MAX_PENDING_LIMIT, BotSettings, bot_api_root, check_staff_districts

from . import handlers
from .backpressure import RasaQueue
from .delivery import Delivery
from .handover import Handover
from .intake import WEBHOOK_HOLD_SECONDS, IntakeBot, IntakeQueue, UpdateIntake
from .preferences import PreferenceStore
from .rasa_client import ConversationEraser, RasaClient
from .services import SERVICES_KEY, BotServices
from .texts import LocalTexts
from .tickets import TicketStore

logger = logging.getLogger(__name__)

PURGE_INTERVAL_SECONDS = 24 * 3600
# Updates handled at once. The bound on what the bot takes from Telegram is the intake's (TELEGRAM_MAX_PENDING_UPDATES,
# bot/intake.py), the bound on Rasa RasaQueue's (RASA_MAX_IN_FLIGHT): every update taken should reach the latter, to
# wait there visibly ("typing…", counted, warned about) – not in python-telegram-bot's default 256 slots, where one
# chat sending hundreds of messages would hold up every other chat's.
UPDATES_AT_ONCE = MAX_PENDING_LIMIT
# Connections for the Bot API calls other than getUpdates (python-telegram-bot's ApplicationBuilder default).
BOT_API_CONNECTIONS = 256
# Connections to the action server (/delete_me) beside the RASA_MAX_IN_FLIGHT ones to Rasa.
ERASER_CONNECTIONS = 4
COMMANDS = ("start", "language", "district", "help", "contacts", "hotlines", "privacy", "delete_me")


def build_services(settings: BotSettings) -> BotServices:
    texts = LocalTexts.from_settings(settings)
    delivery = Delivery()
    return BotServices(
        settings=settings,
        preferences=PreferenceStore(settings.preferences_path),
        texts=texts,
        delivery=delivery,
        handover=build_handover(settings, texts, delivery),
    )


def build_handover(settings: BotSettings, texts: LocalTexts, delivery: Delivery) -> Handover | None:
    """The human handover when STAFF_GROUPS names at least one group (its districts checked against
    knowledge/; SettingsError naming a wrong entry), else None: the bot behaves as without it."""
    if not settings.staff_groups:
        return None
    check_staff_districts(settings.staff_groups, [d.id for d in texts.knowledge.districts])
    return Handover(TicketStore(settings.ticket_store_url), settings.staff_groups, texts, delivery)


async def post_init(application: Application) -> None:
    """Open the one aiohttp session to Rasa, publish the localized command menu, start the background jobs."""
    svc: BotServices = application.bot_data[SERVICES_KEY]
    settings = svc.settings
    # A connection for every request that has its turn (none waits for one once its deadline runs), plus a few for
    # /delete_me; aiohttp's default is 100 in all.
    connector = aiohttp.TCPConnector(limit=settings.rasa_max_in_flight + ERASER_CONNECTIONS)
    svc.session = aiohttp.ClientSession(connector=connector)
    svc.rasa_queue = RasaQueue(settings.rasa_max_in_flight, settings.rasa_queue_warn_seconds)
    svc.rasa = RasaClient(svc.session, settings.rasa_url, settings.rasa_timeout_seconds, queue=svc.rasa_queue)
    svc.eraser = ConversationEraser(
        svc.session, svc.settings.actions_url, svc.settings.actions_api_token, svc.settings.rasa_timeout_seconds
    )
    await set_command_menus(application, svc)

    async def republish_menus(_content: Content) -> None:
        await set_command_menus(application, svc)

    watcher = svc.texts.start_watching(svc.settings.reload_interval_seconds, on_change=republish_menus)
    if watcher is not None:
        svc.background.append(watcher)
    svc.background.append(asyncio.create_task(purge_preferences_daily(svc), name="purge-preferences"))


async def purge_preferences_daily(svc: BotServices) -> None:
    """The retention job of the bot: forget chats silent for longer than RETENTION_DAYS, and tickets
    without activity for that long."""
    while True:
        forgotten = await asyncio.to_thread(svc.preferences.purge, svc.settings.retention_days)
        logger.info("Retention purge: preferences of %d silent chats forgotten", forgotten)
        if svc.handover is not None:
            tickets = await svc.handover.purge(svc.settings.retention_days)
            logger.info("Retention purge: %d tickets deleted", tickets)
        await asyncio.sleep(PURGE_INTERVAL_SECONDS)


async def post_shutdown(application: Application) -> None:
    svc: BotServices = application.bot_data[SERVICES_KEY]
    for task in svc.background:
        task.cancel()
    await asyncio.gather(*svc.background, return_exceptions=True)
    svc.background.clear()
    if svc.session is not None:
        await svc.session.close()
    if svc.handover is not None:
        svc.handover.store.dispose()


def command_menus(texts: LocalTexts) -> dict[str, tuple[tuple[str, str], ...]]:
    """The command menu per language Telegram knows (not de-simple), German first."""
    return {
        locale: tuple((name, texts.render(f"command_{name}", locale)["text"][:256]) for name in COMMANDS)
        for locale in ("de", *[loc for loc in LOCALES if loc not in ("de", "de-simple")])
    }


async def set_command_menus(application: Application, svc: BotServices) -> None:
    """setMyCommands once per language (Telegram picks by the user's app language), German as default.

    At start, and again when an edit of responses/ changed a menu text.
    """
    menus = command_menus(svc.texts)
    if menus == svc.command_menus:
        return
    for locale, entries in menus.items():
        commands = [BotCommand(name, description) for name, description in entries]
        try:
            if locale == "de":
                await application.bot.set_my_commands(commands)
            await application.bot.set_my_commands(commands, language_code=locale)
        except TelegramError as exc:  # the menu is a nicety; never block start-up on it
            logger.warning("setMyCommands(%s) failed: %s", locale, exc)
    svc.command_menus = menus


def rejected_token_message(settings: BotSettings) -> str:
    """What to tell the operator when getMe answers 401/404 (python-telegram-bot's InvalidToken).

    PTB's own message contains the token; this one names the URL tried with the token masked.
    """
    if not settings.api_base_url:
        return (
            "Telegram rejected TELEGRAM_BOT_TOKEN (getMe answered 401/404): copy the token again from "
            "@BotFather (it looks like 123456789:AA…)."
        )
    root = bot_api_root(settings.api_base_url)
    return (
        f"The Bot API server at TELEGRAM_API_BASE_URL answered 401/404 to {root}/bot<token>/getMe: either "
        "TELEGRAM_BOT_TOKEN is wrong or the URL does not point at a Bot API server. TELEGRAM_API_BASE_URL is the "
        "server's root, e.g. http://127.0.0.1:8081 (http://127.0.0.1:8081/bot works too); leave it unset to "
        "use Telegram itself."
    )


def build_application(
    settings: BotSettings,
    services: BotServices | None = None,
    request: BaseRequest | None = None,
    get_updates_request: BaseRequest | None = None,
) -> Application:
    """The bot application, taking updates through its intake (bot/intake.py: IntakeBot when polling, IntakeQueue
    holding webhook requests when settings.webhook_url is set); its UpdateIntake is services.intake.

    `request` and `get_updates_request` replace python-telegram-bot's HTTP requests (tests pass offline ones);
    ValueError when no token is set.
    """
    if settings.token is None:
        raise ValueError("TELEGRAM_BOT_TOKEN is not set")
    services = services or build_services(settings)
    services.intake = UpdateIntake(settings.max_pending_updates)
    urls = {}
    if settings.api_base_url:
        base = bot_api_root(settings.api_base_url)
        urls = {"base_url": f"{base}/bot", "base_file_url": f"{base}/file/bot"}
    bot = IntakeBot(
        services.intake,
        token=settings.token,
        request=request or HTTPXRequest(connection_pool_size=BOT_API_CONNECTIONS),
        get_updates_request=get_updates_request or HTTPXRequest(),
        rate_limiter=AIORateLimiter(max_retries=5),
        **urls,
    )
    hold = WEBHOOK_HOLD_SECONDS if settings.webhook_url else None
    application = (
        ApplicationBuilder()
        .bot(bot)
        .update_queue(IntakeQueue(services.intake, hold_seconds=hold))
        .concurrent_updates(UPDATES_AT_ONCE)
        .post_init(post_init)
        .post_shutdown(post_shutdown)
        .build()
    )
    application.bot_data[SERVICES_KEY] = services
    handlers.register(application)
    return application
