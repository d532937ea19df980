"""NgramClassifier: the same probabilities as the scikit-learn pipeline it was built from."""

from __future__ import annotations

import numpy as np
import pytest

from actions.content.ngram_classifier import NgramClassifier, train_pipeline

TWO = {
    "yes": ["help fire in the kitchen", "he is not breathing", "someone broke in now", "blood everywhere help"],
    "no": ["when is the office open", "phone number please", "thanks a lot", "where can I learn german"],
}
THREE = {**TWO, "maybe": ["not sure what to do", "maybe later", "i do not know"]}
PROBES = ["HELP my flat is on FIRE", "office hours?", "", "!!!", "112", "ноль", "شكرا"]


@pytest.mark.parametrize("corpus", [TWO, THREE], ids=["binary", "one-vs-rest"])
def test_probabilities_equal_the_pipelines(corpus: dict[str, list[str]]) -> None:
    texts = [text for label in corpus for text in corpus[label]]
    labels = [label for label in corpus for _ in corpus[label]]
    pipeline = train_pipeline(texts, labels)
    classifier = NgramClassifier(pipeline)
    probes = texts + PROBES
    expected = pipeline.predict_proba([text.casefold() for text in probes])
    got = np.array([[classifier.probabilities(text)[c] for c in classifier.classes] for text in probes])
    assert classifier.classes == [str(c) for c in pipeline.classes_]
    np.testing.assert_allclose(got, expected, atol=1e-12)


def test_ranked_puts_the_most_probable_first() -> None:
    classifier = NgramClassifier.train([t for v in TWO.values() for t in v], [k for k, v in TWO.items() for _ in v])
    ranked = classifier.ranked("fire in the kitchen, help")
    assert ranked[0][0] == "yes"
    assert ranked[0][1] > ranked[1][1]
    assert sum(p for _, p in ranked) == pytest.approx(1.0)


def test_one_label_is_not_a_classifier() -> None:
    with pytest.raises(ValueError, match="class"):
        train_pipeline(["alpha beta", "gamma delta"], ["x", "x"])
