"""Logging for the bot process: secrets never reach a log line, start-up failures stay readable."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable

from telegram.error import InvalidToken

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class RedactingFormatter(logging.Formatter):
    """Replaces each secret by `<redacted>` in the whole formatted record, tracebacks included.

    python-telegram-bot puts the token into exception texts (`The token `…` was rejected`)
    and httpx into request URLs; redacting the output catches every such path at once.
    """

    def __init__(self, secrets: Iterable[str], fmt: str = FORMAT) -> None:
        super().__init__(fmt)
        self._secrets = [s for s in secrets if s]

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        for secret in self._secrets:
            text = text.replace(secret, "<redacted>")
        return text


class ExplainedFailures(logging.Filter):
    """Drops the traceback of failures the bot explains itself (a rejected token or Bot API URL).

    PTB logs them with three chained tracebacks before our one-line explanation; the log
    line stays, only the stack trace goes.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and isinstance(record.exc_info[1], (InvalidToken, json.JSONDecodeError)):
            record.exc_info = None
            record.exc_text = None
        return True


def configure_logging(secrets: Iterable[str]) -> None:
    """INFO to stderr through RedactingFormatter; httpx quiet (it logs every Bot API URL)."""
    handler = logging.StreamHandler()
    handler.setFormatter(RedactingFormatter(secrets))
    handler.addFilter(ExplainedFailures())
    logging.basicConfig(level=logging.INFO, handlers=[handler], force=True)
    logging.getLogger("httpx").setLevel(logging.WARNING)
