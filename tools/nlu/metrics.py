"""Precision, recall and F1 for intents and entities (pure functions on plain data)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Score:
    support: int
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def label_scores(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, Score]:
    """Per-label scores for single-label classification (intents)."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for g, p in zip(gold, predicted, strict=True):
        if g == p:
            tp[g] += 1
        else:
            fp[p] += 1
            fn[g] += 1
    labels = sorted(set(gold) | set(predicted))
    return {
        label: Score(tp[label] + fn[label], tp[label], fp[label], fn[label]) for label in labels
    }


def macro_f1(scores: dict[str, Score], labels: Iterable[str]) -> float:
    chosen = [scores[label].f1 for label in labels if label in scores]
    return sum(chosen) / len(chosen) if chosen else 0.0


Mention = tuple[str, str]  # (entity, value)


def entity_scores(
    gold: Sequence[set[Mention]], predicted: Sequence[set[Mention]], *, by_value: bool
) -> dict[str, Score]:
    """Per-entity (or per entity=value) scores over messages, comparing sets of mentions."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()

    def key(mention: Mention) -> str:
        return f"{mention[0]}={mention[1]}" if by_value else mention[0]

    for g, p in zip(gold, predicted, strict=True):
        for mention in g & p:
            tp[key(mention)] += 1
        for mention in p - g:
            fp[key(mention)] += 1
        for mention in g - p:
            fn[key(mention)] += 1
    keys = sorted(set(tp) | set(fp) | set(fn))
    return {k: Score(tp[k] + fn[k], tp[k], fp[k], fn[k]) for k in keys}


def exact_value_accuracy(
    gold: Sequence[set[Mention]], predicted: Sequence[set[Mention]], entity: str
) -> tuple[float, int]:
    """Among messages whose gold has `entity`, the share whose predicted values equal the gold.

    Returns the accuracy and the number of such messages.
    """
    pairs = [
        ({v for e, v in g if e == entity}, {v for e, v in p if e == entity})
        for g, p in zip(gold, predicted, strict=True)
        if any(e == entity for e, _ in g)
    ]
    correct = sum(1 for g, p in pairs if g == p)
    return (correct / len(pairs) if pairs else 1.0), len(pairs)
