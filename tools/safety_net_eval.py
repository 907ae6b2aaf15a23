"""Measure the learned red-flag safety net (bot/language/safety_net.py). Aggregate numbers only:
this script never prints a sentence, of the corpus or of the examples.

    python -m tools.safety_net_eval --cv                    cross-validation on the net's own
                                                            examples, over a range of thresholds
    python -m tools.safety_net_eval --corpus PATH           rules alone against rules + net

On a corpus (loaded with tools.patient_eval.evaluate.load), a flag the net suggests counts as
asked when the rules found it neither as `red_flag` nor as `flag_topic` (the way it would be
wired: as a topic to ask about, never as a flag asserted present). Printed:

- the emergency figure exactly as tools/patient_eval/evaluate.py computes it: of the messages
  whose labelled flags set call_emergency or emergency_department, how many the rules' flags
  still send there ("reached"), and how many more have a labelled flag asked about at once
  ("reached or asked"), for the rules alone and with the net's topics added;
- the cost: topics the net adds that the message's labels do not hold (one more question each),
  on messages with no labelled red flag and on the others, and how many of them are flags the
  labels mark as denied, over or someone else's (`absent_red_flag`);
- per urgent flag: labelled mentions, those the rules missed (neither flag nor topic), and how
  many of those the net would ask about.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np
import yaml
from sklearn.model_selection import StratifiedKFold

from bot.language import extract, safety_net
from tools.patient_eval.evaluate import Example, emergency_level, load, measure, urgent_flags

THRESHOLDS = tuple(round(0.05 * i, 2) for i in range(2, 19))


def cross_validate(folds: int = 5) -> list[str]:
    """Held-out figures on the net's own examples, for each threshold in THRESHOLDS."""
    texts, labels = safety_net.training_set(safety_net.load_examples())
    held_out: list[dict[str, float]] = [{} for _ in texts]
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=safety_net.RANDOM_STATE)
    for train, test in splitter.split(np.zeros(len(labels)), labels):
        model = safety_net.fit([texts[i] for i in train], [labels[i] for i in train])
        for i, row in zip(test, model.scores([texts[i] for i in test]), strict=True):
            held_out[i] = row
    flags = sorted(set(labels) - {safety_net.NONE})
    positives = sum(label != safety_net.NONE for label in labels)
    negatives = len(labels) - positives
    lines = [
        f"{folds}-fold cross-validation on {len(texts)} own examples "
        f"({positives} flag sentences in {len(flags)} flags, {negatives} none)",
        f"{'threshold':>9} {'recall':>7} {'flags<0.8':>9} {'wrong flag':>10} "
        f"{'none with any':>13} {'recall - none rate':>18}",
    ]
    for threshold in THRESHOLDS:
        hit: Counter[str] = Counter()
        wrong = none_hit = 0
        for label, row in zip(labels, held_out, strict=True):
            suggested = {flag for flag, p in row.items() if p >= threshold}
            if label == safety_net.NONE:
                none_hit += bool(suggested)
            else:
                hit[label] += label in suggested
                wrong += len(suggested - {label})
        support = Counter(label for label in labels if label != safety_net.NONE)
        weak = sum(hit[flag] / support[flag] < 0.8 for flag in flags)
        mark = "  <- THRESHOLD" if threshold == safety_net.THRESHOLD else ""
        lines.append(
            f"{threshold:>9.2f} {sum(hit.values()) / positives:>7.3f} {weak:>9} {wrong:>10} "
            f"{none_hit:>6} ({none_hit / negatives:.3f}) "
            f"{sum(hit.values()) / positives - none_hit / negatives:>18.3f}{mark}"
        )
    lines.append(f"per-flag held-out recall at threshold {safety_net.THRESHOLD}:")
    for flag in flags:
        rows = [row for label, row in zip(labels, held_out, strict=True) if label == flag]
        got = sum(row[flag] >= safety_net.THRESHOLD for row in rows)
        lines.append(f"  {flag:<26} {got:>3}/{len(rows):<3}")
    return lines


@dataclass
class Comparison:
    emergencies: int = 0
    reached: int = 0
    asked_rules: int = 0  # not reached; a labelled flag is a rules topic
    asked_net: int = 0  # not reached; a labelled flag is a rules topic or a net topic
    asked_wired: int = 0  # the same, net topics the rules had seen and resolved left out
    extra_flag_free: int = 0  # net topics on messages with no labelled red flag
    extra_flag_free_messages: int = 0
    extra_other: int = 0  # net topics not labelled, on messages with some labelled red flag
    extra_other_messages: int = 0
    extra_absent: int = 0  # of all those, topics the labels mark as denied, over or another's
    wired_flag_free: int = 0  # as extra_flag_free, with the rules' denials respected
    wired_other: int = 0
    flag_free: int = 0
    with_flags: int = 0
    extra_by_flag: Counter[str] = field(default_factory=Counter)
    support: Counter[str] = field(default_factory=Counter)
    missed: Counter[str] = field(default_factory=Counter)  # neither red_flag nor flag_topic
    caught: Counter[str] = field(default_factory=Counter)  # of those, suggested by the net
    caught_wired: Counter[str] = field(default_factory=Counter)  # and not resolved by the rules


def rules(text: str, today: date) -> tuple[dict[str, set[str]], set[str]]:
    """The pipeline's entities (as `bot.language.extract` reports them) and the red flags it saw
    mentioned at all, before its resolver dropped denied, hypothetical, past or someone else's
    mentions."""
    from bot.language.pipeline import CANDIDATES, ENTITIES, pipeline

    nlp = pipeline()
    doc = nlp.make_doc(text)
    doc.user_data["today"] = today
    doc.user_data["learned"] = False  # the rules alone; the net is added below
    for _, component in nlp.pipeline:
        doc = component(doc)
    got: dict[str, set[str]] = {}
    for span in doc.spans[ENTITIES]:
        got.setdefault(span.label_, set()).add(span.id_)
    seen = {span.id_ for span in doc.spans[CANDIDATES] if span.label_ in ("red_flag", "flag_topic")}
    return got, seen


def compare(examples: Sequence[Example], today: date, urgent: set[str]) -> Comparison:
    """Rules alone against rules plus the net's topics, on labelled examples."""
    result = Comparison()
    for example in examples:
        got, seen = rules(example.text, today)
        flags, topics = got.get("red_flag", set()), got.get("flag_topic", set())
        added = safety_net.suggest(example.text) & urgent - flags - topics
        # As wired (bot.language.extract): a flag the rules saw and resolved (denied, someone
        # else's, over) is not asked, nor anything in a message the rules explain whole.
        wired = {
            str(e["value"]) for e in extract(example.text, today) if e["entity"] == "flag_topic"
        } - topics
        assert wired <= added - seen
        gold = example.entities.get("red_flag", set())
        region = example.entities.get("body_region", set())
        if gold and emergency_level(region, gold):
            result.emergencies += 1
            if emergency_level(region, flags):
                result.reached += 1
            else:
                result.asked_rules += bool(topics & gold)
                result.asked_net += bool((topics | added) & gold)
                result.asked_wired += bool((topics | wired) & gold)
        extra = added - gold
        result.extra_by_flag.update(extra)
        result.extra_absent += len(extra & example.absent)
        if gold:
            result.with_flags += 1
            result.extra_other += len(extra)
            result.extra_other_messages += bool(extra)
            result.wired_other += len(wired - gold)
        else:
            result.wired_flag_free += len(wired - gold)
            result.flag_free += 1
            result.extra_flag_free += len(extra)
            result.extra_flag_free_messages += bool(extra)
        for flag in gold & urgent:
            result.support[flag] += 1
            if flag not in flags and flag not in topics:
                result.missed[flag] += 1
                result.caught[flag] += flag in added
                result.caught_wired[flag] += flag in wired
    return result


def corpus_lines(path: Path) -> list[str]:
    today, examples = load(path)
    urgent = urgent_flags()
    started = time.perf_counter()
    safety_net.model()
    trained = time.perf_counter() - started
    result = compare(examples, today, urgent)
    # The evaluator's own figures (the pipeline as wired, net included), to show they agree.
    check = measure(examples, today)
    assert (check.emergencies, check.emergencies_kept, check.emergencies_asked) == (
        result.emergencies,
        result.reached,
        result.asked_wired,
    ), "the comparison disagrees with tools.patient_eval.evaluate.measure"
    total = result.emergencies
    lines = [
        f"corpus {path.name}: {len(examples)} messages ({result.flag_free} with no labelled red "
        f"flag), threshold {safety_net.THRESHOLD}, net trained in {trained:.2f} s",
        f"{'':<14} {'reached':>9} {'reached or asked':>17} {'extra topics':>13} "
        f"{'(flag-free msgs / others)':>26}",
        f"{'rules alone':<14} {result.reached:>4}/{total:<4} "
        f"{result.reached + result.asked_rules:>11}/{total:<5} {0:>13}",
        f"{'rules + net':<14} {result.reached:>4}/{total:<4} "
        f"{result.reached + result.asked_net:>11}/{total:<5} "
        f"{result.extra_flag_free + result.extra_other:>13} "
        f"   {result.extra_flag_free} on {result.extra_flag_free_messages} of {result.flag_free}"
        f" / {result.extra_other} on {result.extra_other_messages} of {result.with_flags}",
        f"{'net, wired':<14} {result.reached:>4}/{total:<4} "
        f"{result.reached + result.asked_wired:>11}/{total:<5} "
        f"{result.wired_flag_free + result.wired_other:>13} "
        f"   {result.wired_flag_free} / {result.wired_other}"
        "   (flags the rules saw and resolved are not asked)",
        f"extra topics on flags labelled denied, over or someone else's: {result.extra_absent}",
        "extra topics by flag: "
        + ", ".join(f"{flag} {n}" for flag, n in sorted(result.extra_by_flag.items())),
        f"{'urgent flag':<26} {'support':>7} {'missed by rules':>15} {'caught by net':>13} "
        f"{'(wired)':>7}",
    ]
    for flag in sorted(result.support):
        lines.append(
            f"{flag:<26} {result.support[flag]:>7} {result.missed[flag]:>15} "
            f"{result.caught[flag]:>13} {result.caught_wired[flag]:>7}"
        )
    lines.append(
        f"{'all urgent':<26} {sum(result.support.values()):>7} "
        f"{sum(result.missed.values()):>15} {sum(result.caught.values()):>13} "
        f"{sum(result.caught_wired.values()):>7}"
    )
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.safety_net_eval", description=__doc__)
    parser.add_argument("--corpus", type=Path, action="append", default=[])
    parser.add_argument("--cv", action="store_true", help="cross-validate on the own examples")
    args = parser.parse_args(argv)
    if not args.cv and not args.corpus:
        parser.print_usage(sys.stderr)
        return 2
    lines: list[str] = []
    if args.cv:
        lines += cross_validate()
    for path in args.corpus:
        try:
            lines += ["", *corpus_lines(path)]
        except (OSError, yaml.YAMLError, KeyError, ValueError) as error:
            print(f"cannot read the corpus {path}: {error}", file=sys.stderr)
            return 2
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
