"""The terminal chat: try the bot without Telegram (one line in, replies out).

Buttons are shown as numbered choices; typing the number sends the button.
EOF or /stop ends the chat. Where Telegram would offer "Ask a person" (the human handover),
the chat says that this needs Telegram.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
import threading
import uuid
from typing import Any, TextIO

import aiohttp

from actions.settings import BotSettings

from .handover import split_marker
from .rasa_client import RasaClient, RasaUnavailable
from .texts import LocalTexts


def format_replies(replies: list[dict[str, Any]]) -> tuple[str, list[str]]:
    """Printable text and the payloads of the numbered choices."""
    lines: list[str] = []
    payloads: list[str] = []
    for reply in replies:
        if reply.get("text"):
            lines.append(reply["text"])
        for button in reply.get("buttons") or []:
            payloads.append(button["payload"])
            lines.append(f"  [{len(payloads)}] {button['title']}")
    return "\n".join(lines), payloads


def _line_reader(stdin: TextIO) -> asyncio.Queue[str]:
    """Lines of `stdin` ("" at EOF), read by a daemon thread: a blocked read never keeps the process alive."""
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[str] = asyncio.Queue()

    def read() -> None:
        while True:
            line = stdin.readline()
            loop.call_soon_threadsafe(queue.put_nowait, line)
            if not line:
                return

    threading.Thread(target=read, name="terminal-input", daemon=True).start()
    return queue


async def chat(
    settings: BotSettings, texts: LocalTexts, stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout
) -> None:
    lines = _line_reader(stdin)
    print("Integration guide – type your question (any language). /stop or Ctrl-D ends.", file=stdout, flush=True)
    watcher = texts.start_watching(settings.reload_interval_seconds)
    try:
        await _converse(settings, texts, lines, stdout)
    finally:
        if watcher is not None:
            watcher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await watcher


async def _converse(settings: BotSettings, texts: LocalTexts, lines: asyncio.Queue[str], stdout: TextIO) -> None:
    sender = f"terminal-{uuid.uuid4().hex[:8]}"
    choices: list[str] = []
    async with aiohttp.ClientSession() as session:
        rasa = RasaClient(session, settings.rasa_url, settings.rasa_timeout_seconds)
        while True:
            print("> ", end="", file=stdout, flush=True)
            line = await lines.get()
            if not line:
                break
            text = line.strip()
            if text == "/stop":
                break
            if not text:
                continue
            if text.isdigit() and 1 <= int(text) <= len(choices):
                text = choices[int(text) - 1]
            try:
                replies = await rasa.send(sender, text[: settings.max_text_chars], {})
            except RasaUnavailable:
                replies = [texts.render("utter_cannot_answer_now", texts.locale_for(None, text))]
            replies, marker = split_marker(replies)
            if marker is not None:  # "Ask a person" sends the question to a staff group: Telegram only
                replies.append(texts.render("utter_handover_needs_telegram", texts.locale_for(None, text)))
            output, choices = format_replies(replies)
            print(output, file=stdout, flush=True)
