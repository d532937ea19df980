"""One module per feature; `register` wires them into the application in priority order."""

from __future__ import annotations

from telegram.ext import Application

from . import callbacks, contacts, district, errors, language, media, messages, privacy, simple_commands, staff, start


def register(application: Application) -> None:
    # staff first: staff groups never reach the user-facing handlers, nor Rasa.
    for module in (staff, start, language, district, simple_commands, contacts, privacy, callbacks, media, messages):
        module.register(application)
    application.add_error_handler(errors.on_error)
