"""The action server: rasa_sdk actions + the NLG endpoint in one aiohttp process.

    python -m actions.server          (ACTIONS_HOST / ACTIONS_PORT, default 127.0.0.1:5055)

Routes: POST /webhook (custom actions, rasa_sdk protocol), POST /nlg (responses),
GET /health, GET /actions. Content edits in knowledge/ and responses/ are picked
up while it runs (see actions.content).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import zlib
from collections.abc import AsyncIterator

from aiohttp import web
from rasa_sdk.executor import ActionExecutor
from rasa_sdk.interfaces import ActionExecutionRejection, ActionNotFoundException

from . import runtime as runtime_module
from .nlg import generate
from .runtime import Runtime
from .settings import ActionSettings

logger = logging.getLogger(__name__)

RUNTIME_KEY = web.AppKey("runtime", Runtime)
EXECUTOR_KEY = web.AppKey("executor", ActionExecutor)


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


def create_app(runtime: Runtime, reload_interval_seconds: float | None = 1.0) -> web.Application:
    """The aiohttp app; actions registered from this package use `runtime`."""
    runtime_module.install(runtime)
    runtime.content  # noqa: B018 - load and validate now: refuse to start on broken content
    executor = ActionExecutor()
    executor.register_package("actions")
    app = web.Application(client_max_size=8 * 1024 * 1024)
    app[RUNTIME_KEY] = runtime
    app[EXECUTOR_KEY] = executor
    app.add_routes(
        [
            web.post("/webhook", webhook),
            web.post("/nlg", nlg),
            web.get("/health", health),
            web.get("/actions", list_actions),
        ]
    )

    async def background(app: web.Application) -> AsyncIterator[None]:
        await asyncio.to_thread(runtime.detector.warm_up)
        watcher = asyncio.create_task(runtime.store.watch(reload_interval_seconds)) if reload_interval_seconds else None
        yield
        if watcher:
            watcher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await watcher

    app.cleanup_ctx.append(background)
    return app


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("aiohttp.access").setLevel(logging.WARNING)  # access logs would carry nothing useful
    settings = ActionSettings.from_env()
    app = create_app(Runtime.from_settings(settings), settings.reload_interval_seconds)
    logger.info("Action server (actions + NLG) on http://%s:%s", settings.host, settings.port)
    web.run_app(app, host=settings.host, port=settings.port, print=None, access_log=None)


if __name__ == "__main__":
    main()
