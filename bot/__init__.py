"""Telegram frontend and terminal chat (filled in by the Telegram frontend issue)."""
