"""Phone numbers: stored as the source writes them, shown as +49 … so Telegram links them."""

from __future__ import annotations

import re

import phonenumbers
from phonenumbers import shortnumberinfo

REGION = "DE"
# 116xxx is the EU-wide range for harmonised services of social value (116 016,
# the Hilfetelefon, among them); libphonenumber lists only some of them for DE.
_EU_HARMONISED = re.compile(r"^116\d{3}$")
# libphonenumber reads letters as keypad digits (vanity numbers); staff never mean that.
_ALLOWED = re.compile(r"^[0-9+/()\- ]+$")


class PhoneNumberError(ValueError):
    """The text is not a dialable German phone number."""


def international_form(raw: str) -> str:
    """'05021 967-686' -> '+49 5021 967686'; short numbers like 112 stay as they are."""
    if not _ALLOWED.match(raw):
        raise PhoneNumberError(f"'{raw}' is not a phone number: use only digits, spaces and + / - ( )")
    try:
        parsed = phonenumbers.parse(raw, REGION)
    except phonenumbers.NumberParseException as exc:
        raise PhoneNumberError(f"'{raw}' is not a phone number: {exc}") from exc
    if phonenumbers.is_valid_number(parsed):
        return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    digits = re.sub(r"\D", "", raw)
    if shortnumberinfo.is_valid_short_number_for_region(parsed, REGION) or _EU_HARMONISED.match(digits):
        # 112, 110, 116 016 cannot be dialled with +49: keep the source's spacing.
        return raw.strip()
    raise PhoneNumberError(f"'{raw}' is not a valid German phone number")


def dial_form(raw: str) -> str:
    """Digits only (E.164 for normal numbers) for tel: links and contact cards."""
    parsed = phonenumbers.parse(raw, REGION)
    if phonenumbers.is_valid_number(parsed):
        return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    return str(parsed.national_number)
