"""The blind patient corpora (tests/nlu/patients.yml, patients_check.yml) stay evaluation data,
never training data (of the intent classifier or the learned safety net), labelled only with the
language contract's names, and the evaluator counts what it says it counts."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
import yaml

from bot.settings import ROOT
from bot.triage import Flag
from tools.patient_eval.evaluate import CORPUS, Example, load, measure, report, urgent_flags

CHECK_CORPUS = ROOT / "tests" / "nlu" / "patients_check.yml"

INTENTS = set(yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))["intents"])
REGIONS = {"neck", "upper_back", "mid_back", "lower_back", "back", "tailbone"}
RADIATION = {"arm", "leg", "both_legs", "both_arms"}


def _key(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def _training_texts() -> set[str]:
    texts = set()
    for path in (ROOT / "data").glob("*.yml"):
        for block in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu", []):
            for line in str(block.get("examples", "")).splitlines():
                texts.add(_key(re.sub(r"\[([^\]]*)\]\([^)]*\)|\[([^\]]*)\]\{[^}]*\}", r"\1\2",
                                      line.lstrip("- "))))  # fmt: skip
    # The learned safety net's own training sentences (bot/language/safety_net.py).
    net = yaml.safe_load((ROOT / "bot" / "language" / "safety_net_examples.yml").read_text())
    for sentence in [*net["none"], *(s for group in net["flags"].values() for s in group)]:
        texts.add(_key(str(sentence)))
    return texts - {""}


def test_the_corpus_is_large_and_labelled_with_the_contracts_names() -> None:
    today, examples = load()
    assert today == date(2026, 12, 2) and len(examples) >= 400
    flags = {f.value for f in Flag}
    for example in examples:
        assert example.intent in INTENTS, example.text
        assert example.entities.get("red_flag", set()) <= flags, example.text
        assert example.absent <= flags, example.text
        assert example.entities.get("body_region", set()) <= REGIONS, example.text
        assert example.entities.get("radiation", set()) <= RADIATION, example.text
        assert all(v.isdigit() for v in example.entities.get("duration", set())), example.text


@pytest.mark.parametrize("corpus", [CORPUS, CHECK_CORPUS], ids=["patients", "check"])
def test_no_corpus_sentence_is_training_data(corpus: Path) -> None:
    # Short messages coincide by nature ("yes", "lower back", "what are your opening hours");
    # a sentence of six words or more in both would mean one was copied from the other.
    _, examples = load(corpus)
    sentences = {_key(e.text) for e in examples if len(_key(e.text).split()) >= 6}
    shared = sentences & _training_texts()
    assert not shared, sorted(shared)[:5]


def test_the_evaluator_counts_found_missed_extra_and_denied_flags() -> None:
    examples = [
        Example("I wet myself today", "report_symptom", {"red_flag": {"bladder_dysfunction"}},
                set()),
        Example("my back aches, 5/10", "report_pain", {"red_flag": {"fever"}}, set()),
        Example("no numbness in my groin", "report_pain", {}, {"saddle_numbness"}),
        Example("I have numbness in my groin", "report_pain", {}, {"saddle_numbness"}),
    ]  # fmt: skip
    figures = measure(examples, date(2026, 12, 2))
    assert figures.found["bladder_dysfunction"] == 1 and figures.missed["fever"] == 1
    assert figures.extra["saddle_numbness"] == 1  # the last message has it, unlabelled
    assert figures.absent_total["saddle_numbness"] == 2
    assert figures.absent_emitted["saddle_numbness"] == 1
    lines, missed = report(figures, urgent_flags())
    assert "fever" in missed and "bladder_dysfunction" not in missed
    assert any(line.startswith("all flags") for line in lines)


def test_the_flags_that_must_never_be_missed_are_the_emergency_ones() -> None:
    urgent = urgent_flags()
    assert {"saddle_numbness", "bladder_dysfunction", "chest_pain", "fainting"} <= urgent
    assert "weight_loss" not in urgent and "night_pain" not in urgent
