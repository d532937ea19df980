"""The romanized-language identifier: its corpus, its fast scorer and its verdicts on the blind sets."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
import yaml

from actions.content.language_policy import LanguageDetector, LightLanguageDetector
from actions.content.ngram_classifier import NgramClassifier, train_pipeline
from actions.content.romanized import (
    LATIN_LOCALES,
    ROMANIZED_LOCALES,
    RomanizedLanguageIdentifier,
    load_corpus,
)

from ..conftest import ROOT

NOT_LATIN = re.compile(r"[\u0400-\u04ff\u0600-\u06ff]")


@pytest.fixture(scope="module")
def corpus() -> dict[str, list[str]]:
    return load_corpus()


@pytest.fixture(scope="module")
def identifier(corpus: dict[str, list[str]]) -> RomanizedLanguageIdentifier:
    return RomanizedLanguageIdentifier(corpus)


def blind_latin_messages() -> list[tuple[str, str]]:
    """(locale, text) of every Latin-script message and turn of the blind sets (tests/conversations)."""
    messages = []
    for path in sorted((ROOT / "tests" / "conversations").rglob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        texts = [m["text"] for m in data.get("messages", [])]
        texts += [turn["text"] for talk in data.get("conversations", []) for turn in talk["turns"]]
        messages += [(data["locale"], t) for t in texts if not NOT_LATIN.search(t)]
    return messages


def test_the_corpus_has_every_locale_in_latin_letters_without_duplicates(corpus: dict[str, list[str]]) -> None:
    assert set(corpus) == set(ROMANIZED_LOCALES + LATIN_LOCALES)
    for locale, lines in corpus.items():
        assert len(lines) >= 300, locale
        assert len(set(lines)) == len(lines), [line for line, n in Counter(lines).items() if n > 1]
        assert not [line for line in lines if NOT_LATIN.search(line)], locale


def test_a_missing_corpus_file_fails_loudly(tmp_path: Path) -> None:
    (tmp_path / "ru.txt").write_text("privet\n", encoding="utf-8")
    with pytest.raises(FileNotFoundError, match=r"uk\.txt"):
        load_corpus(tmp_path)


def test_the_fast_scorer_gives_scikit_learns_probabilities(corpus: dict[str, list[str]]) -> None:
    texts = [text for locale in sorted(corpus) for text in corpus[locale]]
    pipeline = train_pipeline(texts, [locale for locale in sorted(corpus) for _ in corpus[locale]])
    scorer = NgramClassifier(pipeline)
    texts = [text.casefold() for lines in corpus.values() for text in lines[::7]]
    texts += ["", "!!!", "112", "a", "wi2e3 3an el survey", "ŝčž ąę"]
    expected = pipeline.predict_proba(texts)
    got = np.array([[scorer.probabilities(text)[c] for c in scorer.classes] for text in texts])
    assert scorer.classes == [str(c) for c in pipeline.classes_]
    np.testing.assert_allclose(got, expected, atol=1e-12)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # Written by the blind-set helpers (tests/conversations/v8), never in the corpus.
        ("saate kari edare integration chande?", "fa"),
        ("Idorai integratsiya az soati chand to chand kor mekunad?", "fa"),
        ("Kudaki man chor sola dar boghi bozi mekard va hozir nest!", "fa"),
        ("pomożit, susid ne dysze, leżyt na pidlozi", "uk"),
        ("Skażitie, nużna li strachowka Haftpflicht, jesli ja snimaju komnatu?", "ru"),
        ("kan fi mo2tamar integration b goslar, emta kan w 3al sa3a kam bada?", "ar"),
    ],
)
def test_romanized_messages_are_identified(identifier: RomanizedLanguageIdentifier, text: str, locale: str) -> None:
    assert identifier.identify(text) == locale


@pytest.mark.parametrize(
    "text",
    ["ofisin saatleri ne, Öffnungszeiten yani", "whats the adress of the koordinierungsstelle", "wo is dat amt", "ok"],
)
def test_german_english_and_turkish_are_left_to_lingua(identifier: RomanizedLanguageIdentifier, text: str) -> None:
    assert identifier.identify(text) is None


def test_on_the_blind_sets_it_finds_the_romanized_and_leaves_the_rest(identifier: RomanizedLanguageIdentifier) -> None:
    found: Counter[str] = Counter()
    total: Counter[str] = Counter()
    wrong: list[tuple[str, str, str | None]] = []
    for locale, text in blind_latin_messages():
        guess = identifier.identify(text)
        total[locale] += 1
        if locale in ROMANIZED_LOCALES:
            found[locale] += guess == locale
            if guess is not None and guess != locale:
                wrong.append((locale, text, guess))
        elif guess is not None:
            wrong.append((locale, text, guess))
    # Measured 2026-11-30 on v1-v12 (the sets' short follow-ups - "merci", "va goslar?" - are left to
    # the conversation's language): ar 0.86, fa 0.89, ru 0.85, uk 0.79 found; 9 of 3,557 German,
    # English and Turkish messages claimed ("adres?", "JazakAllah").
    for locale in ROMANIZED_LOCALES:
        assert found[locale] / total[locale] >= 0.75, (locale, found[locale], total[locale])
    latin = sum(total[locale] for locale in LATIN_LOCALES)
    assert len(wrong) <= 0.005 * latin, wrong


def test_the_action_servers_detector_uses_it_and_the_bots_does_not() -> None:
    assert isinstance(LanguageDetector().romanized, RomanizedLanguageIdentifier)
    assert LightLanguageDetector().romanized is None


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        # Turkish with German office words: lingua said German (blind sets v1-v8).
        ("cuma gunu Koordinierungsstelle kacta kapaniyor", "tr"),
        ("komsumun aufenthaltserlaubnis'i bitiyor ausländerbehörde cevap vermiyor ne yapmali", "tr"),
        # A digit-word ("3yo") is no Arabizi in an English sentence.
        ("my son 3yo drank something from a bottle under the sink i think its cleaner, he is crying", "en"),
    ],
)
def test_where_the_identifier_is_sure_it_overrules_the_rules(text: str, locale: str) -> None:
    assert LanguageDetector().detect(text) == locale
