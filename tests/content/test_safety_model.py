"""The emergency classifier: its corpus (kept apart from the test sets) and its verdicts on the blind sets."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from actions.answers.base import MIN_CLASSIFIED_WORDS, MIN_DOUBT_PROBABILITY
from actions.content.romanized import load_corpus as load_romanized_corpus
from actions.content.safety import looks_like_emergency, says_not_acute
from actions.content.safety_model import EMERGENCY, NOT_EMERGENCY, EmergencyClassifier, load_corpus

from ..conftest import ROOT

LOCALES = {"ar", "de", "en", "fa", "ru", "tr", "uk"}


def blind_items() -> list[tuple[str, str, str]]:
    """(locale, text, kind) of every message and turn of the blind sets."""
    items = []
    for path in sorted((ROOT / "tests" / "conversations").rglob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        turns = list(data.get("messages", []))
        turns += [turn for talk in data.get("conversations", []) for turn in talk["turns"]]
        items += [(data["locale"], turn["text"], turn.get("kind", "answer")) for turn in turns]
    return items


def test_the_corpus_has_every_locale_both_labels_and_no_line_twice() -> None:
    corpus = load_corpus()
    assert set(corpus) == LOCALES
    for locale, lists in corpus.items():
        assert len(lists[EMERGENCY]) >= 250, locale
        assert len(lists[NOT_EMERGENCY]) >= 250, locale
        both = set(lists[EMERGENCY]) & set(lists[NOT_EMERGENCY])
        assert not both, (locale, both)


def test_no_test_message_is_in_a_training_corpus() -> None:
    """The blind sets measure understanding only while the classifiers have never seen them."""
    seen = {text.casefold().strip() for lists in load_corpus().values() for lines in lists.values() for text in lines}
    seen |= {text.casefold().strip() for lines in load_romanized_corpus().values() for text in lines}
    # Greetings, thanks and "baby not breathing" are everybody's words; longer lines must not be shared.
    shared = [text for _, text, _ in blind_items() if len(text.split()) >= 4 and text.casefold().strip() in seen]
    assert not shared


def test_a_broken_corpus_file_is_named(tmp_path: Path) -> None:
    (tmp_path / "de.yml").write_text("locale: de\nemergency: [Feuer]\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"de\.yml: 'not_emergency' must be a non-empty list"):
        load_corpus(tmp_path)
    with pytest.raises(FileNotFoundError):
        load_corpus(tmp_path / "missing")


def test_commands_and_empty_text_are_no_emergency() -> None:
    classifier = EmergencyClassifier({"x": {EMERGENCY: ["help fire now"], NOT_EMERGENCY: ["office hours please"]}})
    assert classifier.probability("") == 0.0
    assert classifier.probability("/start") == 0.0
    assert classifier.probability("help fire now") > 0.5


@pytest.fixture(scope="module")
def classified(safety: EmergencyClassifier) -> list[tuple[str, str, str, float, bool]]:
    return [
        (locale, text, kind, safety.probability(text), looks_like_emergency(text))
        for locale, text, kind in blind_items()
        if len(text.split()) >= MIN_CLASSIFIED_WORDS and not says_not_acute(text)
    ]


def test_it_catches_the_emergencies_the_lexicon_misses(classified: list[tuple[str, str, str, float, bool]]) -> None:
    missed_by_lexicon = [item for item in classified if item[2] == "emergency" and not item[4]]
    still_missed = [item for item in missed_by_lexicon if item[3] < MIN_DOUBT_PROBABILITY]
    # Measured 2026-11-30 on v1-v9: see MIN_DOUBT_PROBABILITY in actions/answers/base.py.
    assert len(still_missed) <= 0.1 * len(missed_by_lexicon), still_missed


def test_it_leaves_ordinary_messages_alone(classified: list[tuple[str, str, str, float, bool]]) -> None:
    ordinary = [item for item in classified if item[2] != "emergency"]
    in_doubt = [item for item in ordinary if not item[4] and item[3] >= MIN_DOUBT_PROBABILITY]
    assert len(in_doubt) <= 0.05 * len(ordinary), len(in_doubt)
