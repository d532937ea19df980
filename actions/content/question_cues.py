"""Words that make a place name a question: "numara nienburg?", "رقم نينبورغ؟", "nomer ninburg?".

The NLU reads a town plus one word as "this is my district". When that word asks for a
phone number, an e-mail, an address or the opening hours, the user wants the district's
contacts (or hours) now, not a confirmation. Stems, matched at the start of a word, in
every supported language and the usual transliterations; shared by the action server only.
"""

from __future__ import annotations

import re

CONTACT_STEMS = (
    # de / en / tr
    "nummer", "telefon", "handynummer", "e-mail", "email", "mail", "adresse", "anschrift", "kontakt",
    "ansprechp", "number", "phone", "address", "adress", "contact", "numara", "adres", "iletisim", "iletişim",
    "eposta", "e-posta",
    # ar (also Arabizi), fa (also Finglish)
    "رقم", "الرقم", "تلفون", "تليفون", "هاتف", "ايميل", "إيميل", "عنوان", "العنوان", "ra2m", "ra2am", "raqam", "rakam",
    "شماره", "تلفن", "ایمیل", "آدرس", "ادرس", "نشانی", "shomare", "tamas",
    # ru / uk (also Latin)
    "номер", "телефон", "почт", "имейл", "адрес", "контакт", "пошт", "адрес", "nomer", "telefon", "adres",
    # the website
    "website", "webseite", "homepage", "internetseite", "site", "sajt", "сайт", "سایت", "موقع", "الموقع",
)  # fmt: skip
# Someone to talk to (the crisis line, TelefonSeelsorge): "телефон доверия", "someone to talk to at night".
CRISIS_LINE = re.compile(
    r"seelsorge|sorgentelefon|telefon doveri|телефон довери|телефон довіри|лінія довіри|"
    r"someone to talk to|somebody to talk to|talk to someone|(?:lonely|so alone)\b|einsam\b|"
    r"(?:mit jemandem|mit wem) (?:\S+ ){0,2}reden|تنهام|دلم گرفته|با کسی حرف بزنم|حدا احكي معه|وحيد|وحيدة|"
    r"просто поговорить|поговорити|тоскливо|самотн\w*|одиноко|konuşacak (?:\S+ ){0,1}(?:biri|kimse)|yalnızım|yalnizim",
    re.IGNORECASE,
)
HOURS_STEMS = (
    "öffnungszeit", "offnungszeit", "geöffnet", "geoffnet", "sprechzeit", "offen", "opening hour", "open", "hours",
    "açık", "acik", "saat", "mesai",
    "دوام", "مواعيد", "ساعات", "ساعت", "باز", "mawa3id", "dawam",
    "часы", "график", "открыт", "работает", "години", "графік", "відкрит", "працює",
)  # fmt: skip


def _pattern(stems: tuple[str, ...]) -> re.Pattern[str]:
    # Arabic words take attached prefixes (و ب ل ال): allow them before the stem.
    return re.compile(
        r"(?:^|[\s,.;:!?()\"'«»])(?:[وبلف]{0,2}(?:ال)?)?(?:"
        + "|".join(map(re.escape, sorted(set(stems), key=len, reverse=True)))
        + ")",
        re.IGNORECASE,
    )


_CONTACT = _pattern(CONTACT_STEMS)
_HOURS = _pattern(HOURS_STEMS)


def asked_field(text: str) -> str | None:
    """ "ask_opening_hours" or "ask_contact" when the text asks for one of them, else None."""
    if _HOURS.search(text):
        return "ask_opening_hours"
    if _CONTACT.search(text):
        return "ask_contact"
    return None


def asks_for_someone_to_talk_to(text: str) -> bool:
    """True for "a number to call at night when I feel so alone" (the crisis line's question)."""
    return CRISIS_LINE.search(text) is not None
