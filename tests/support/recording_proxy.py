"""A pass-through HTTP proxy that records the JSON size of every request: what Rasa sends the action server.

Put between Rasa and the action server (Rasa's ACTIONS_URL pointed at it) to see what crosses the
process boundary per message (issue 15: it must not grow with the conversation).
"""

from __future__ import annotations

import zlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

import aiohttp
from aiohttp import web

from scripts.stack import free_port

FORWARDED_HEADERS = ("Content-Type", "Content-Encoding", "Authorization")


@dataclass(frozen=True)
class Recorded:
    path: str  # e.g. "/webhook", "/nlg"
    json_bytes: int  # size of the request body as JSON, after undoing Rasa's deflate compression


@dataclass
class RecordingProxy:
    target: str  # where requests go on to, e.g. http://127.0.0.1:5055
    requests: list[Recorded] = field(default_factory=list)

    def sizes(self, path: str, since: int = 0, until: int | None = None) -> list[int]:
        """JSON sizes of the requests to `path` among requests[since:until]."""
        return [r.json_bytes for r in self.requests[since:until] if r.path == path]


@asynccontextmanager
async def recording_proxy(target: str) -> AsyncIterator[tuple[RecordingProxy, str]]:
    """(the proxy, its base URL) on a free 127.0.0.1 port, forwarding every request to `target`."""
    proxy = RecordingProxy(target.rstrip("/"))
    session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60))

    async def forward(request: web.Request) -> web.StreamResponse:
        raw = await request.read()
        encoded = request.headers.get("Content-Encoding") == "deflate"
        proxy.requests.append(Recorded(request.path, len(zlib.decompress(raw)) if encoded and raw else len(raw)))
        headers = {k: request.headers[k] for k in FORWARDED_HEADERS if k in request.headers}
        async with session.request(
            request.method, f"{proxy.target}{request.path_qs}", data=raw, headers=headers
        ) as reply:
            body = await reply.read()
            return web.Response(body=body, status=reply.status, content_type=reply.content_type)

    app = web.Application(client_max_size=64 * 1024 * 1024)
    app.router.add_route("*", "/{tail:.*}", forward)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        yield proxy, f"http://127.0.0.1:{port}"
    finally:
        await runner.cleanup()
        await session.close()
