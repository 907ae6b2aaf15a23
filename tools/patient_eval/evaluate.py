"""`make eval-nlu` (second part): the language pipeline on patient messages nobody here wrote.

The corpus (tests/nlu/patients.yml) was written blind by a helper session that had read only
DESIGN.md's language contract and CLINICAL.md §1; it is evaluation data, never training data
(tests/nlu/test_patients.py keeps the two apart). Printed:

- per red flag: support, recall (a sign found in its more urgent form, SAFER_READING, counts
  and is shown in its own column), false positives, precision, and whether the flag leads to an
  urgent level (call_emergency or emergency_department, from the triage engine itself); a key
  the labelled keys imply (a possible pregnancy beside a labelled known one, the G1-G4 gateway
  beside its follow-up: `implied_by`) is not a false positive and is counted in its own column;
- denied, resolved or someone else's flags emitted as present (the `absent_red_flag` labels);
- the safety figure: of the messages whose labelled flags set call_emergency or
  emergency_department, how many the flags found still send there (a flag found under another
  key of the same urgency counts, "can't feel my legs" as unable_to_walk for both legs), and how
  many more get the flag's question at once because its topic was named (`flag_topic`);
- exact-value accuracy of body_region, duration, pain_score and radiation where labelled;
- with `--model`, intent accuracy and out-of-scope recall and precision through the trained model;
- subtotals for the spine's own red flags (CLINICAL.md §1) and for the keys of pain that may not
  come from the spine (§7B, NON_SPINAL), so that a corpus written before §7 (whose messages are
  not labelled with §7 keys) shows its §1 figures unchanged and its §7 extras apart; `--only
  nonspinal` (or `spinal`) prints the per-flag rows of one family only.

Any corpus in the same format can be given with `--corpus` (tests/nlu/patients_nonspinal.yml and
its held-back twin patients_nonspinal_check.yml are issue 17's).

Targets (issue 15): recall 100% on every urgent flag, at least 95% on the others. Exit status 1
when a target is missed, 2 on bad arguments.

Entities come from `bot.language.extract` with the corpus's reference date, the same rules the
model's extractor runs, so that dates like "since Sunday" are counted from the day the corpus was
written and not from the day of the run.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from bot.language.lexicon import NON_SPINAL
from bot.settings import ROOT

CORPUS = ROOT / "tests" / "nlu" / "patients.yml"
URGENT_TARGET, OTHER_TARGET = 1.0, 0.95
VALUE_ENTITIES = ("body_region", "duration", "pain_score", "radiation")
# A labelled sign found in its more urgent form is not missed: it is read on the safer side, and
# counted apart ("higher") so the table shows it. A weakness told as getting worse is
# progressive weakness (LB-2; limb_weakness means one not getting worse, bot/triage/flags.py); a
# sports collision or a crash is a serious accident for the neck (CLINICAL.md §8.2.2 N2).
SAFER_READING = {"limb_weakness": "progressive_weakness", "minor_trauma": "major_trauma"}
# The red-flag keys of pain that may not come from the spine (CLINICAL.md §7B, with the two gateway
# keys G1 and G2 that bot/triage/flags.py names) are the lexicon's NON_SPINAL; every other key is a
# spine red flag (§1).
FAMILIES = {"spinal": "§1 spine red flags", "nonspinal": "§7 may not come from the spine"}


def family(flag: str) -> str:
    """'nonspinal' for a §7B key, 'spinal' otherwise."""
    return "nonspinal" if flag in NON_SPINAL else "spinal"


@dataclass(frozen=True)
class Example:
    text: str
    intent: str
    entities: dict[str, set[str]]
    absent: set[str]


def load(path: Path = CORPUS) -> tuple[date, list[Example]]:
    """The corpus's reference date and examples. Raises OSError or yaml.YAMLError."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    examples = [
        Example(
            text=str(e["text"]),
            intent=str(e["intent"]),
            entities={k: {str(v) for v in vs} for k, vs in (e.get("entities") or {}).items()},
            absent={str(v) for v in e.get("absent_red_flag") or []},
        )
        for e in raw["examples"]
    ]
    return date.fromisoformat(str(raw["reference_date"])), examples


@dataclass
class Figures:
    found: Counter[str] = field(default_factory=Counter)
    missed: Counter[str] = field(default_factory=Counter)
    higher: Counter[str] = field(default_factory=Counter)  # read as SAFER_READING's flag
    extra: Counter[str] = field(default_factory=Counter)
    implied: Counter[str] = field(default_factory=Counter)  # not labelled, implied by the labels
    absent_emitted: Counter[str] = field(default_factory=Counter)
    absent_total: Counter[str] = field(default_factory=Counter)
    exact: Counter[str] = field(default_factory=Counter)
    labelled: Counter[str] = field(default_factory=Counter)
    emergencies: int = 0  # messages whose labelled flags set an emergency level
    emergencies_kept: int = 0  # of those, the ones the flags found still send there
    emergencies_asked: int = 0  # of the rest, those whose flag is asked about at once (topic)
    misses: list[tuple[str, str]] = field(default_factory=list)


def implied_by(labels: set[str]) -> set[str]:
    """The keys the labelled keys imply (bot.language.lexicon.IMPLIED_FLAGS, followed up the
    chain), which the extractor adds: a corpus that labels a known pregnancy without the possible
    one it implies is not contradicted by the extractor saying both."""
    from bot.language.lexicon import IMPLIED_FLAGS

    found, todo = set(labels), list(labels)
    while todo:
        for above in IMPLIED_FLAGS.get(todo.pop(), ()):
            if above not in found:
                found.add(above)
                todo.append(above)
    return found - labels


def emergency_level(region: set[str], flags: set[str]) -> bool:
    """True when these flags, for this region (back when unlabelled), set call_emergency or
    emergency_department in the triage engine."""
    from bot.dialogue.interrupt import assess_with
    from bot.triage import Level

    slots = {"body_region": sorted(region)[0] if region else "back"}
    level = assess_with(slots, sorted(flags)).level
    return level in (Level.CALL_EMERGENCY, Level.EMERGENCY_DEPARTMENT)


def measure(examples: Sequence[Example], today: date) -> Figures:
    """Compare the extractor's entities with the labels."""
    from bot.language import extract

    figures = Figures()
    for example in examples:
        got: dict[str, set[str]] = {}
        for entity in extract(example.text, today):
            got.setdefault(entity["entity"], set()).add(str(entity["value"]))
        gold = example.entities.get("red_flag", set())
        flags = got.get("red_flag", set())
        for flag in gold & flags:
            figures.found[flag] += 1
        for flag in gold - flags:
            if SAFER_READING.get(flag) in flags:
                figures.higher[flag] += 1
                figures.misses.append((f"read higher {flag}", example.text))
                continue
            figures.missed[flag] += 1
            figures.misses.append((f"missed {flag}", example.text))
        implied = implied_by(gold)
        for flag in flags - gold:
            if flag in implied:
                figures.implied[flag] += 1
                continue
            figures.extra[flag] += 1
            figures.misses.append((f"extra {flag}", example.text))
        region = example.entities.get("body_region", set())
        if gold and emergency_level(region, gold):
            figures.emergencies += 1
            if emergency_level(region, flags):
                figures.emergencies_kept += 1
            elif got.get("flag_topic", set()) & gold:
                figures.emergencies_asked += 1
            else:
                figures.misses.append(("emergency not reached", example.text))
        for flag in example.absent:
            figures.absent_total[flag] += 1
            if flag in flags:
                figures.absent_emitted[flag] += 1
        for name in VALUE_ENTITIES:
            if name in example.entities:
                figures.labelled[name] += 1
                figures.exact[name] += got.get(name, set()) == example.entities[name]
    return figures


def urgent_flags() -> set[str]:
    """Flags that alone set call_emergency or emergency_department for a back or a neck."""
    from bot.dialogue.interrupt import assess_with
    from bot.triage import Flag, Level

    top = {Level.CALL_EMERGENCY, Level.EMERGENCY_DEPARTMENT}
    return {
        flag.value
        for flag in Flag
        for region in ("lower_back", "neck")
        if assess_with({"body_region": region}, [flag.value]).level in top
    }


def _ratio(part: int, whole: int) -> str:
    return f"{part / whole:.3f}" if whole else "  -  "


def _total_line(name: str, figures: Figures, flags: set[str]) -> str:
    def total(counter: Counter[str]) -> int:
        return sum(n for flag, n in counter.items() if flag in flags)

    found, higher, extra = total(figures.found), total(figures.higher), total(figures.extra)
    support = found + higher + total(figures.missed)
    return (
        f"{name:<28} {'':>6} {support:>7} {_ratio(found + higher, support):>7} "
        f"{higher or '':>6} {extra:>5} {total(figures.implied) or '':>7} "
        f"{_ratio(found, found + extra):>9} "
        f"{total(figures.absent_emitted):>9} of {total(figures.absent_total):<6}"
    )


def report(
    figures: Figures, urgent: set[str], only: str | None = None
) -> tuple[list[str], list[str]]:
    """The table as lines (per-flag rows of one family only when `only` names it), and the flags
    whose recall misses its target."""
    lines = [f"{'red flag':<28} {'urgent':>6} {'support':>7} {'recall':>7} {'higher':>6} "
             f"{'extra':>5} {'implied':>7} {'precision':>9} "
             f"{'denied but emitted':>18}"]  # fmt: skip
    missed_targets = []
    every = (
        set(figures.found)
        | set(figures.missed)
        | set(figures.extra)
        | set(figures.higher)
        | set(figures.implied)
        | set(figures.absent_total)
    )
    for flag in sorted(every):
        found, higher = figures.found[flag], figures.higher[flag]
        support = found + higher + figures.missed[flag]
        emitted = found + figures.extra[flag]
        target = URGENT_TARGET if flag in urgent else OTHER_TARGET
        if support and (found + higher) / support < target:
            missed_targets.append(flag)
        if only is not None and family(flag) != only:
            continue
        lines.append(
            f"{flag:<28} {'yes' if flag in urgent else '':>6} {support:>7} "
            f"{_ratio(found + higher, support):>7} {higher or '':>6} {figures.extra[flag]:>5} "
            f"{figures.implied[flag] or '':>7} {_ratio(found, emitted):>9} "
            f"{figures.absent_emitted[flag]:>9} of {figures.absent_total[flag]:<6}"
        )
    for name, label in FAMILIES.items():
        lines.append(_total_line(label, figures, {f for f in every if family(f) == name}))
    lines.append(_total_line("all flags", figures, every))
    found, higher = sum(figures.found.values()), sum(figures.higher.values())
    support = found + higher + sum(figures.missed.values())
    lines.append(
        f"recall counting only the labelled key (no safer reading): {_ratio(found, support)}"
    )
    lines.append(
        f"emergency level still reached: {figures.emergencies_kept}/{figures.emergencies} "
        f"= {_ratio(figures.emergencies_kept, figures.emergencies)}; with the sign asked about "
        f"at once (a warning-sign topic): "
        f"{figures.emergencies_kept + figures.emergencies_asked}/{figures.emergencies} = "
        f"{_ratio(figures.emergencies_kept + figures.emergencies_asked, figures.emergencies)}"
    )
    lines.append("")
    for name in VALUE_ENTITIES:
        exact, labelled = figures.exact[name], figures.labelled[name]
        lines.append(f"{name} exact value: {exact}/{labelled} = {_ratio(exact, labelled)}")
    lines.append(
        "targets missed (recall 1.0 urgent, 0.95 others): "
        + (", ".join(missed_targets) if missed_targets else "none")
    )
    return lines, missed_targets


def intent_lines(examples: Sequence[Example], model: Path) -> list[str]:
    """Intent accuracy and out-of-scope recall and precision through the trained model."""
    from tools.nlu.model import Parser, quiet

    quiet()
    parser = Parser(model)
    try:
        predicted = [parser.parse(e.text)["intent"]["name"] for e in examples]
    finally:
        parser.close()
    gold = [e.intent for e in examples]
    right = sum(p == g for p, g in zip(predicted, gold, strict=True))
    oos_gold = sum(g == "out_of_scope" for g in gold)
    oos_said = sum(p == "out_of_scope" for p in predicted)
    oos_right = sum(p == g == "out_of_scope" for p, g in zip(predicted, gold, strict=True))
    fallback = sum(p == "nlu_fallback" for p in predicted)
    # Issue 17: a warning sign, and pain that may not come from the spine, never gets the scope
    # reply (the intent after FactsOverFallback, as the dialogue sees it).
    flagged = [p for p, e in zip(predicted, examples, strict=True) if e.entities.get("red_flag")]
    nonspinal = [
        p
        for p, e in zip(predicted, examples, strict=True)
        if e.entities.get("red_flag", set()) & NON_SPINAL
    ]
    return [
        f"intent accuracy: {right}/{len(gold)} = {_ratio(right, len(gold))} "
        f"(nlu_fallback {fallback})",
        f"out_of_scope recall {_ratio(oos_right, oos_gold)} ({oos_right}/{oos_gold}), "
        f"precision {_ratio(oos_right, oos_said)} ({oos_right}/{oos_said})",
        f"messages with a labelled red flag read as out_of_scope: "
        f"{flagged.count('out_of_scope')}/{len(flagged)}; with a §7 key: "
        f"{nonspinal.count('out_of_scope')}/{len(nonspinal)}",
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.patient_eval", description=__doc__)
    parser.add_argument("--model", type=Path, help="a trained model, for the intent figures")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--misses", action="store_true", help="list every missed or extra flag")
    parser.add_argument(
        "--only",
        choices=sorted(FAMILIES),
        help="per-flag rows of one family only: spinal (CLINICAL.md §1) or nonspinal (§7B)",
    )
    args = parser.parse_args(argv)
    try:
        today, examples = load(args.corpus)
    except (OSError, yaml.YAMLError, KeyError, ValueError) as error:
        print(f"cannot read the corpus {args.corpus}: {error}", file=sys.stderr)
        return 2
    figures = measure(examples, today)
    table, missed_targets = report(figures, urgent_flags(), args.only)
    lines = [f"patient corpus: {len(examples)} messages, reference date {today}", "", *table]
    if args.model is not None:
        lines += intent_lines(examples, args.model)
    if args.misses:
        lines += ["", *(f"{kind:<34} {text}" for kind, text in sorted(figures.misses))]
    print("\n".join(lines))
    return 1 if missed_targets else 0
