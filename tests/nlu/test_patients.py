"""The blind patient corpora (tests/nlu/patients.yml, patients_check.yml, and issue 17's
patients_nonspinal.yml and patients_nonspinal_check.yml) stay evaluation data, never training
data (of the intent classifier or the learned safety net), labelled only with the language
contract's names, and the evaluator counts what it says it counts. The extractor keeps the recall
and precision it reached on the §7 dev corpus (docs/nlu-pipeline.md)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
import yaml

from bot.settings import ROOT
from bot.triage import Flag
from tools.patient_eval.evaluate import (
    CORPUS,
    NON_SPINAL,
    Example,
    Figures,
    implied_by,
    load,
    measure,
    report,
    urgent_flags,
)

CHECK_CORPUS = ROOT / "tests" / "nlu" / "patients_check.yml"
NONSPINAL_CORPUS = ROOT / "tests" / "nlu" / "patients_nonspinal.yml"
NONSPINAL_CHECK = ROOT / "tests" / "nlu" / "patients_nonspinal_check.yml"
CORPORA = [CORPUS, CHECK_CORPUS, NONSPINAL_CORPUS, NONSPINAL_CHECK]
# What the extractor reached on the §7 dev corpus, rounded down (issue 17; docs/nlu-pipeline.md):
# recall and precision over the §7 keys. A change that loses any of it fails here.
NONSPINAL_RECALL_FLOOR = 0.94
NONSPINAL_PRECISION_FLOOR = 0.97

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


@pytest.mark.parametrize("corpus", CORPORA, ids=[c.stem for c in CORPORA])
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


@pytest.mark.parametrize("corpus", [NONSPINAL_CORPUS, NONSPINAL_CHECK], ids=["dev", "check"])
def test_the_nonspinal_corpora_use_the_contracts_names(corpus: Path) -> None:
    _, examples = load(corpus)
    flags = {f.value for f in Flag}
    assert len(examples) >= 100
    assert any(e.entities.get("red_flag", set()) & NON_SPINAL for e in examples)
    for example in examples:
        assert example.intent in INTENTS, example.text
        assert example.entities.get("red_flag", set()) <= flags, example.text
        assert example.absent <= flags, example.text


def _family_figures(figures: Figures, keys: frozenset[str]) -> tuple[float, float]:
    found = sum(n for f, n in figures.found.items() if f in keys)
    higher = sum(n for f, n in figures.higher.items() if f in keys)
    missed = sum(n for f, n in figures.missed.items() if f in keys)
    extra = sum(n for f, n in figures.extra.items() if f in keys)
    return (found + higher) / (found + higher + missed), found / (found + extra)


def test_the_nonspinal_dev_corpus_keeps_the_recall_and_precision_reached() -> None:
    today, examples = load(NONSPINAL_CORPUS)
    recall, precision = _family_figures(measure(examples, today), NON_SPINAL)
    assert recall >= NONSPINAL_RECALL_FLOOR, f"§7 recall {recall:.3f}"
    assert precision >= NONSPINAL_PRECISION_FLOOR, f"§7 precision {precision:.3f}"


def test_a_key_the_labels_imply_is_not_a_false_alarm() -> None:
    assert implied_by({"known_pregnancy"}) == {"possible_pregnancy"}
    assert "abdominal_or_flank_pain" in implied_by({"one_sided_lower_abdominal_pain"})
    labels = {"red_flag": {"known_pregnancy"}}
    example = Example("I'm 20 weeks pregnant", "report_symptom", labels, set())
    figures = measure([example], date(2026, 12, 4))
    assert figures.found["known_pregnancy"] == 1 and figures.implied["possible_pregnancy"] == 1
    assert not figures.extra


def test_the_flags_that_must_never_be_missed_are_the_emergency_ones() -> None:
    urgent = urgent_flags()
    assert {"saddle_numbness", "bladder_dysfunction", "chest_pain", "fainting"} <= urgent
    assert "weight_loss" not in urgent and "night_pain" not in urgent
