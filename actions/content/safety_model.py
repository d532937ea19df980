"""How likely a message describes an acute emergency, learnt from examples: the safety lexicon's second opinion.

The lexicon (`safety.py`, `safety_lexicon.yml`) is precise but knows only the phrasings
someone wrote down; every new blind test set brought emergencies in words it had never
seen ("a man in the water by the bridge is thrashing and shouting", "she says goodbye to
everyone and wants to jump off the roof") and ordinary questions it mistook for one (a
smoke detector beeping for its battery, "my mom will kill me if..."). This classifier
learns from ``safety_corpus/<locale>.yml`` – emergencies told in everyday words, and
ordinary, out-of-scope and alarming-sounding but harmless messages beside them, in the
eight languages and their romanized forms, written by people who had not seen the test
sets – and answers with a probability. The actions (actions/answers/base.py) put the
nationwide numbers first, calmly, before the usual answer when it is likely enough
(MIN_DOUBT_PROBABILITY there); it never silences the lexicon's alarm.

An `NgramClassifier`, trained when first used (the action server does it at start-up).
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from pathlib import Path

import yaml

from actions.content.ngram_classifier import NgramClassifier

CORPUS_DIR = Path(__file__).with_name("safety_corpus")
EMERGENCY = "emergency"
NOT_EMERGENCY = "not_emergency"


def load_corpus(corpus_dir: Path = CORPUS_DIR) -> dict[str, dict[str, list[str]]]:
    """{locale: {"emergency": [...], "not_emergency": [...]}} from every ``<locale>.yml`` in corpus_dir.

    Raises FileNotFoundError when there is none, ValueError naming the file when one lacks a list.
    """
    corpus: dict[str, dict[str, list[str]]] = {}
    for path in sorted(corpus_dir.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        lists = {}
        for label in (EMERGENCY, NOT_EMERGENCY):
            lines = data.get(label)
            if not isinstance(lines, list) or not lines:
                raise ValueError(f"{path}: '{label}' must be a non-empty list of messages")
            lists[label] = [str(line).strip() for line in lines if str(line).strip()]
        corpus[path.stem] = lists
    if not corpus:
        raise FileNotFoundError(f"no <locale>.yml in {corpus_dir}")
    return corpus


class EmergencyClassifier:
    """p(acute emergency) for a message. Thread-safe; trained on first use (``warm_up`` does it ahead)."""

    def __init__(self, corpus: Mapping[str, Mapping[str, list[str]]] | None = None) -> None:
        self._corpus = corpus
        self._model: NgramClassifier | None = None
        self._lock = threading.Lock()

    def _get(self) -> NgramClassifier:
        with self._lock:
            if self._model is None:
                corpus = self._corpus if self._corpus is not None else load_corpus()
                texts = [text for lists in corpus.values() for label in lists for text in lists[label]]
                labels = [label for lists in corpus.values() for label in lists for _ in lists[label]]
                self._model = NgramClassifier.train(texts, labels)
            return self._model

    def warm_up(self) -> None:
        """Train the model now instead of on the first message."""
        self._get()

    def probability(self, text: str) -> float:
        """The probability (0–1) that text describes an acute emergency; 0.0 for empty text and commands."""
        if not text.strip() or text.startswith("/"):
            return 0.0
        return self._get().probabilities(text)[EMERGENCY]
