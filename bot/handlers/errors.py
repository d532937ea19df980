"""The one error handler: log without message texts, and never leave the user without a reply."""

from __future__ import annotations

import contextlib
import logging

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from ..conversation import reply_locally
from ..services import services

logger = logging.getLogger(__name__)


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the exception; tell the user we cannot answer right now (with emergency numbers)."""
    logger.error("Error while handling an update", exc_info=context.error)
    handover = services(context).handover
    if isinstance(update, Update) and update.effective_chat is not None:
        if handover is not None and update.effective_chat.id in handover.staff_chats:
            return  # the bot does not talk in staff groups except about tickets
        with contextlib.suppress(TelegramError):
            await reply_locally(update, context, "utter_cannot_answer_now")
