"""A learned safety net behind the red-flag rules: a small text classifier that suggests which
urgent warning signs a message may describe, for phrasings the rules in the pipeline miss.

It is trained on the project's own sentences (bot/language/safety_net_examples.yml, written for
it and never taken from an evaluation corpus): TF-IDF features of word 1-2-grams and character
2-5-grams inside word boundaries, and one logistic regression per flag (one-vs-rest, fixed
random state), where the "none" sentences (ordinary pain, denials, other people, small talk, out
of scope) are negatives for every flag.

    suggest("i cant feel the loo roll when i wipe")  ->  {"saddle_numbness"}
    suggest("my lower back aches")                   ->  set()
    scores("...")                                    ->  {"saddle_numbness": 0.71, ...}

Its output is only ever a reason to ASK: a suggested flag may become a `flag_topic` (the dialogue
then asks that flag's yes / not sure / no question at once), never a `red_flag` asserted as
present. The classifier cannot tell a denial or someone else's symptom from the person's own
reliably, so the rules' verdict always wins where they found the flag, present or denied.

Nothing happens at import time. The model is trained on first use (well under a second) and
cached for the life of the process; training is deterministic, so the same text always gets the
same answer.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import yaml
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import FeatureUnion, Pipeline

EXAMPLES = Path(__file__).with_name("safety_net_examples.yml")
# The intent classifier's training file (Rasa format): its ordinary messages are negatives too.
NLU_DATA = Path(__file__).resolve().parents[2] / "data" / "nlu.yml"
# Intents whose examples describe no warning sign (report_symptom and emergency do; a report_pain
# example is pain alone, by the labelling rule in docs/nlu-pipeline.md). Without them the net
# read the commonest openings as signs: "my neck hurts" as meningism, an age of "38" as a fever.
ORDINARY_INTENTS = frozenset(
    {
        "greet",
        "goodbye",
        "affirm",
        "deny",
        "unsure",
        "thank",
        "bot_challenge",
        "out_of_scope",
        "report_pain",
        "inform",
        "ask_treatment",
        "request_consultation",
        "request_human",
    }
)
NONE = "none"
# Probability at or above which a flag is suggested. Chosen by 5-fold cross-validation on the
# examples only (`python -m tools.safety_net_eval --cv`): of the thresholds 0.10 to 0.90 in steps
# of 0.05, the one with the highest held-out recall minus the share of held-out "none" sentences
# given any suggestion, the lower one on a tie, because a missed warning sign costs more than an
# extra question (the question is in the screening anyway; a topic only asks it first).
THRESHOLD = 0.35
RANDOM_STATE = 0
C = 3.0


@dataclass(frozen=True)
class Examples:
    """Training sentences: each flag's own, and the sentences that describe no flag."""

    flags: Mapping[str, Sequence[str]]
    none: Sequence[str]


def load_examples(path: Path = EXAMPLES, nlu_data: Path | None = NLU_DATA) -> Examples:
    """The examples file, with the ordinary messages of the NLU training file (if given) added
    to the "none" sentences. Raises OSError, yaml.YAMLError or KeyError."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    flags = {str(flag): [str(s) for s in sentences] for flag, sentences in raw["flags"].items()}
    none = [str(s) for s in raw[NONE]]
    if nlu_data is not None:
        none += ordinary_messages(nlu_data)
    return Examples(flags=flags, none=none)


def ordinary_messages(path: Path) -> list[str]:
    """The examples of ORDINARY_INTENTS in a Rasa NLU file (`- intent:` blocks whose
    `examples` is a block of "- text" lines). Raises OSError or yaml.YAMLError."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    messages: list[str] = []
    for block in raw.get("nlu") or []:
        if block.get("intent") in ORDINARY_INTENTS:
            lines = str(block.get("examples") or "").splitlines()
            messages += [line.strip()[2:] for line in lines if line.strip().startswith("- ")]
    return messages


@dataclass(frozen=True)
class Model:
    """A fitted classifier and the flag each of its outputs stands for."""

    pipeline: Pipeline
    flags: tuple[str, ...]

    def scores(self, texts: Sequence[str]) -> list[dict[str, float]]:
        """Each text's probability for every flag."""
        if not texts:
            return []
        probabilities = np.asarray(self.pipeline.predict_proba(list(texts)))
        return [
            {flag: float(p) for flag, p in zip(self.flags, row, strict=True)}
            for row in probabilities
        ]


def fit(texts: Sequence[str], labels: Sequence[str]) -> Model:
    """Train on sentences labelled with one flag key each, or NONE."""
    flags = tuple(sorted({label for label in labels if label != NONE}))
    targets = np.array([[int(label == flag) for flag in flags] for label in labels])
    features = FeatureUnion(
        [
            ("words", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, lowercase=True)),
            (
                "chars",
                TfidfVectorizer(
                    analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, lowercase=True
                ),
            ),
        ]
    )
    classifier = OneVsRestClassifier(
        LogisticRegression(
            C=C, class_weight="balanced", solver="liblinear", random_state=RANDOM_STATE
        )
    )
    pipeline = Pipeline([("features", features), ("classifier", classifier)])
    pipeline.fit(list(texts), targets)
    return Model(pipeline=pipeline, flags=flags)


def training_set(examples: Examples) -> tuple[list[str], list[str]]:
    """The examples as parallel lists of sentences and labels."""
    texts: list[str] = []
    labels: list[str] = []
    for flag, sentences in examples.flags.items():
        texts += sentences
        labels += [flag] * len(sentences)
    texts += examples.none
    labels += [NONE] * len(examples.none)
    return texts, labels


@cache
def model() -> Model:
    """The classifier trained on the examples file, once per process."""
    return fit(*training_set(load_examples()))


def scores(text: str) -> dict[str, float]:
    """The probability that the message describes each flag; empty for an empty message."""
    if not text.strip():
        return {}
    return model().scores([text])[0]


def suggest(text: str) -> set[str]:
    """The flags whose probability is at or above THRESHOLD: topics worth asking about."""
    return {flag for flag, p in scores(text).items() if p >= THRESHOLD}
