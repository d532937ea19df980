"""The reply locales and how they map onto babel, lingua and Telegram language codes."""

from __future__ import annotations

LOCALES: tuple[str, ...] = ("de", "de-simple", "en", "ar", "fa", "ru", "uk", "tr")
DEFAULT_LOCALE = "de"
# A missing template falls back along this chain (after the user's locale).
FALLBACK_CHAIN: tuple[str, ...] = ("en", "de")
RTL_LOCALES = frozenset({"ar", "fa"})


def babel_locale(locale: str) -> str:
    """Easy German is German for dates, weekdays and language names."""
    return "de" if locale == "de-simple" else locale


def normalize_locale(code: object) -> str | None:
    """A supported locale for codes like 'de', 'de-DE', 'uk_UA', 'de-simple'; else None."""
    if not isinstance(code, str) or not code.strip():
        return None
    value = code.strip().lower().replace("_", "-")
    if value in LOCALES:
        return value
    if value in ("de-easy", "de-ls", "easy-german", "simple-german"):
        return "de-simple"
    primary = value.split("-", 1)[0]
    if primary == "prs":  # Dari is answered in Farsi
        return "fa"
    return primary if primary in LOCALES else None
