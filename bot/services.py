"""What the handlers share, created once per application (see app.py)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

import aiohttp
from telegram.ext import ContextTypes

from actions.settings import BotSettings

from .backpressure import RasaQueue, TypingBudget
from .delivery import Delivery
from .handover import Handover
from .intake import UpdateIntake
from .preferences import PreferenceStore
from .rasa_client import ConversationEraser, RasaClient
from .texts import LocalTexts

SERVICES_KEY = "services"


@dataclass
class BotServices:
    settings: BotSettings
    preferences: PreferenceStore
    texts: LocalTexts
    delivery: Delivery
    session: aiohttp.ClientSession | None = None
    rasa: RasaClient | None = None
    rasa_queue: RasaQueue | None = None  # the queue `rasa` waits in; .stats() for tests and operators
    typing: TypingBudget = field(default_factory=TypingBudget)
    intake: UpdateIntake | None = None  # what the bot takes from Telegram (build_application); .stats()
    eraser: ConversationEraser | None = None
    background: list[asyncio.Task[None]] = field(default_factory=list)
    # The human handover; None when no staff group is configured (STAFF_GROUPS).
    handover: Handover | None = None
    # Groups already logged as "message from unconfigured group" (once per group).
    logged_groups: set[int] = field(default_factory=set)
    # What setMyCommands last published, per locale: (command, description) pairs.
    command_menus: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)


def services(context: ContextTypes.DEFAULT_TYPE) -> BotServices:
    return context.application.bot_data[SERVICES_KEY]
