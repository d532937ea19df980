"""A lexicon of unmistakable emergency words, checked before every answer.

A statistical model may read "I have thoughts of killing myself" as another
topic; that must never cost the user the emergency numbers.
"""

from __future__ import annotations

import re

_EMERGENCY_TERMS = [
    # de
    r"notarzt",
    r"krankenwagen",
    r"rettungswagen",
    r"notfall",
    r"lebensgefahr",
    r"suizid",
    r"selbstmord",
    r"umbringen",
    r"nicht mehr leben",
    r"schl[äa]gt mich",
    r"mich (zu )?schlagen",
    r"bedroht mich",
    r"vergewaltig",
    # en
    r"ambulance",
    r"emergency",
    r"suicid",
    r"kill(ing)? myself",
    r"end(ing)? my life",
    r"want to die",
    r"(hits|hitting|beats|beating) me",
    r"threat(ens|ening) me",
    r"\braped?\b",
    r"overdose",
    # ar
    r"[إا]سعاف",
    r"انتحار",
    r"[اأ]قتل نفسي",
    r"يضربني",
    r"يهددني",
    r"طوارئ",
    # fa
    r"اورژانس",
    r"آمبولانس",
    r"خودکشی",
    r"خودمو? (ب)?کشم",
    r"کتکم میزنه",
    r"تهدیدم",
    # ru
    r"скор(ая|ую) помощ",
    r"суицид",
    r"покончить с собой",
    r"убить себя",
    r"бь[её]т меня",
    r"не хочу жить",
    # uk
    r"швидк(а|у) допомог",
    r"суїцид",
    r"покінчити з собою",
    r"вбити себе",
    r"б['ʼ’]є мене",
    # tr
    r"ambulans",
    r"intihar",
    r"kendimi öldür",
    r"beni dövüyor",
    r"beni tehdit",
    r"tecavüz",
]
_EMERGENCY = re.compile("|".join(_EMERGENCY_TERMS), re.IGNORECASE)


def looks_like_emergency(text: str) -> bool:
    """True for messages with an unmistakable emergency word in any supported language."""
    return bool(text) and not text.startswith("/") and _EMERGENCY.search(text) is not None
