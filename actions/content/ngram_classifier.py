"""A small text classifier on character and word n-grams, trained in-process from plain lists.

Shared by the romanized-language identifier (`romanized.py`) and the emergency classifier
(`safety_model.py`): TF-IDF of character 1–4-grams within words plus whole words, logistic
regression (scikit-learn, liblinear). Training takes about a second for a few thousand lines;
scoring one message ~0.3 ms, because `NgramClassifier.probabilities` does the pipeline's
arithmetic itself instead of going through scikit-learn's per-call input checks (~1.5 ms).
The tests compare both on every training line.
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np


def train_pipeline(texts: Sequence[str], labels: Sequence[str], char_ngrams: tuple[int, int] = (1, 4)) -> Any:
    """The fitted scikit-learn pipeline (features, then logistic regression) for casefolded texts.

    Raises ValueError (scikit-learn's) with fewer than two labels or no usable text.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline, make_union

    features = make_union(
        TfidfVectorizer(analyzer="char_wb", ngram_range=char_ngrams, sublinear_tf=True),
        TfidfVectorizer(analyzer="word", token_pattern=r"[^\W\d_]{2,}", sublinear_tf=True),
    )
    # liblinear (one-vs-rest): ~1 s on 3,200 lines, where lbfgs took ~5 s for the same verdicts.
    regression = LogisticRegression(C=10.0, max_iter=2000, class_weight="balanced", solver="liblinear")
    model = make_pipeline(features, regression)
    model.fit([text.casefold() for text in texts], list(labels))
    return model


class NgramClassifier:
    """The probabilities a `train_pipeline` pipeline gives one text, computed directly.

    Per vectorizer: sublinear TF (1 + ln count) times IDF, L2-normalised; the logistic
    regression's decision on the concatenation; one-vs-rest sigmoids normalised to sum 1 (as
    scikit-learn does), or for two classes the sigmoid of the one decision.
    """

    def __init__(self, pipeline: Any) -> None:
        union, regression = pipeline.steps[0][1], pipeline.steps[-1][1]
        self.classes = [str(c) for c in regression.classes_]
        self._intercept = np.asarray(regression.intercept_, dtype=float)
        # Per vectorizer: its analyzer and {feature: (idf, the classes' weights of that feature)}.
        self._parts: list[tuple[Callable[[str], list[str]], dict[str, tuple[float, Any]]]] = []
        offset = 0
        for _name, vectorizer in union.transformer_list:
            idf = vectorizer.idf_
            features = {
                feature: (float(idf[index]), regression.coef_[:, offset + index])
                for feature, index in vectorizer.vocabulary_.items()
            }
            self._parts.append((vectorizer.build_analyzer(), features))
            offset += len(idf)

    @classmethod
    def train(cls, texts: Sequence[str], labels: Sequence[str]) -> NgramClassifier:
        return cls(train_pipeline(texts, labels))

    def probabilities(self, text: str) -> dict[str, float]:
        """{class: probability} for one text (casefolded here), summing to 1. The last 4,096 texts are
        remembered: one message is scored by several steps of one turn."""
        return dict(self._cached(text.casefold()))

    @functools.lru_cache(maxsize=4096)  # noqa: B019 - one classifier per process, kept for its lifetime
    def _cached(self, text: str) -> tuple[tuple[str, float], ...]:
        return tuple(self._probabilities(text).items())

    def _probabilities(self, text: str) -> dict[str, float]:
        decision = self._intercept.copy()
        for analyze, features in self._parts:
            counts = Counter(feature for feature in analyze(text) if feature in features)
            if not counts:
                continue
            values = {feature: (1.0 + math.log(count)) * features[feature][0] for feature, count in counts.items()}
            norm = math.sqrt(sum(value * value for value in values.values()))
            for feature, value in values.items():
                decision += features[feature][1] * (value / norm)
        if len(self.classes) == 2:
            positive = 1.0 / (1.0 + math.exp(-float(decision[0])))
            return {self.classes[0]: 1.0 - positive, self.classes[1]: positive}
        sigmoid = 1.0 / (1.0 + np.exp(-decision))
        sigmoid /= sigmoid.sum()
        return {label: float(p) for label, p in zip(self.classes, sigmoid, strict=True)}

    def ranked(self, text: str) -> list[tuple[str, float]]:
        """(class, probability), most probable first."""
        return sorted(self.probabilities(text).items(), key=lambda item: item[1], reverse=True)
