"""The action server: rasa_sdk actions + the NLG endpoint in one aiohttp process.

    python -m actions.server          (ACTIONS_HOST / ACTIONS_PORT, default 127.0.0.1:5055)

Routes: POST /webhook (custom actions, rasa_sdk protocol), POST /nlg (responses Rasa utters itself),
GET /health, GET /actions, DELETE /conversations/{sender_id} (/delete_me; needs
ACTIONS_API_TOKEN as a bearer token when one is set). Content edits in knowledge/
and responses/ are picked up while it runs (see actions.content); conversations
older than RETENTION_DAYS are purged at start and then every PURGE_INTERVAL_HOURS.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import zlib
from collections.abc import AsyncIterator

from aiohttp import web
from rasa_sdk.executor import ActionExecutor
from rasa_sdk.interfaces import ActionExecutionRejection, ActionNotFoundException

from actions.answers import all_actions
from actions.answers.runtime import Runtime
from actions.server.nlg import generate
from actions.server.stored_conversations import ConversationStore
from actions.settings import ActionSettings

logger = logging.getLogger(__name__)

RUNTIME_KEY = web.AppKey("runtime", Runtime)
EXECUTOR_KEY = web.AppKey("executor", ActionExecutor)
CONVERSATIONS_KEY = web.AppKey("conversations", ConversationStore)
TOKEN_KEY = web.AppKey("api_token", str)


async def _json_body(request: web.Request) -> dict | None:
    raw = await request.read()
    if request.headers.get("Content-Encoding") == "deflate":
        raw = zlib.decompress(raw)
    try:
        body = json.loads(raw)
    except ValueError:
        return None
    return body if isinstance(body, dict) else None


async def webhook(request: web.Request) -> web.Response:
    """Run one custom action (rasa_sdk's /webhook contract)."""
    action_call = await _json_body(request)
    if action_call is None:
        return web.json_response({"error": "Invalid body request"}, status=400)
    try:
        result = await request.app[EXECUTOR_KEY].run(action_call)
    except ActionExecutionRejection as exc:
        return web.json_response({"error": exc.message, "action_name": exc.action_name}, status=400)
    except ActionNotFoundException as exc:
        logger.error("%s", exc)
        return web.json_response({"error": exc.message, "action_name": exc.action_name}, status=404)
    return web.json_response(result)


async def nlg(request: web.Request) -> web.Response:
    """Render one response for Rasa's NLG callback."""
    body = await _json_body(request)
    if body is None or "response" not in body:
        return web.json_response({"error": "expected {response, arguments, tracker}"}, status=400)
    return web.json_response(generate(request.app[RUNTIME_KEY], body))


async def health(request: web.Request) -> web.Response:
    content = request.app[RUNTIME_KEY].content
    return web.json_response({"status": "ok", "content_version": content.version})


async def list_actions(request: web.Request) -> web.Response:
    return web.json_response([{"name": name} for name in sorted(request.app[EXECUTOR_KEY].actions)])


async def delete_conversation(request: web.Request) -> web.Response:
    """Erase one user's stored conversation (Telegram's /delete_me)."""
    token = request.app[TOKEN_KEY]
    if token and not hmac.compare_digest(request.headers.get("Authorization", ""), f"Bearer {token}"):
        return web.json_response({"error": "unauthorized"}, status=401)
    store = request.app.get(CONVERSATIONS_KEY)
    if store is None:
        return web.json_response({"error": "no tracker store configured"}, status=503)
    deleted = await asyncio.to_thread(store.delete, request.match_info["sender_id"])
    logger.info("Deleted a conversation on request (%d events)", deleted)
    return web.json_response({"deleted_events": deleted})


async def purge_periodically(store: ConversationStore, retention_days: int, interval_seconds: float) -> None:
    """The retention job: delete what is older than the retention period, now and then every interval."""
    while True:
        try:
            result = await asyncio.to_thread(store.purge, retention_days)
            logger.info(
                "Retention purge: %d events of %d conversations older than %d days deleted",
                result.events, result.conversations, retention_days,
            )  # fmt: skip
        except Exception:  # a database hiccup must not end the job
            logger.exception("Retention purge failed; retrying at the next interval")
        await asyncio.sleep(interval_seconds)


def create_app(
    runtime: Runtime,
    reload_interval_seconds: float | None = 1.0,
    *,
    conversations: ConversationStore | None = None,
    api_token: str = "",
    purge_interval_seconds: float | None = None,
) -> web.Application:
    """The aiohttp app serving every custom action of actions.answers, all answering from `runtime`."""
    runtime.load()
    executor = ActionExecutor()
    for action in all_actions(runtime):
        executor.register_action(action)
    app = web.Application(client_max_size=8 * 1024 * 1024)
    app[RUNTIME_KEY] = runtime
    app[EXECUTOR_KEY] = executor
    app[TOKEN_KEY] = api_token
    if conversations is not None:
        app[CONVERSATIONS_KEY] = conversations
    app.add_routes(
        [
            web.post("/webhook", webhook),
            web.post("/nlg", nlg),
            web.get("/health", health),
            web.get("/actions", list_actions),
            web.delete("/conversations/{sender_id}", delete_conversation),
        ]
    )

    async def background(app: web.Application) -> AsyncIterator[None]:
        await asyncio.to_thread(runtime.detector.warm_up)
        await asyncio.to_thread(runtime.safety.warm_up)
        tasks = []
        if reload_interval_seconds:
            tasks.append(asyncio.create_task(runtime.store.watch(reload_interval_seconds)))
        if conversations is not None and purge_interval_seconds:
            retention = runtime.retention_days
            tasks.append(asyncio.create_task(purge_periodically(conversations, retention, purge_interval_seconds)))
        yield
        for task in tasks:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        if conversations is not None:
            conversations.dispose()

    app.cleanup_ctx.append(background)
    return app


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("aiohttp.access").setLevel(logging.WARNING)  # access logs would carry nothing useful
    settings = ActionSettings.from_env()
    app = create_app(
        Runtime.from_settings(settings),
        settings.reload_interval_seconds,
        conversations=ConversationStore(settings.tracker_store_url) if settings.tracker_store_url else None,
        api_token=settings.api_token,
        purge_interval_seconds=settings.purge_interval_hours * 3600 or None,
    )
    logger.info("Action server (actions + NLG) on http://%s:%s", settings.host, settings.port)
    web.run_app(app, host=settings.host, port=settings.port, print=None, access_log=None)


if __name__ == "__main__":
    main()
