"""`make eval-nlu`: intent and entity figures from 5-fold cross-validation on data/nlu.yml and
from the held-out test file that training never sees.

Intents: precision, recall and F1 per intent, and macro-F1. Entities: precision and recall per
entity and per entity=value, the exact-value accuracy of body_region and duration, and red_flag
recall and precision, checked against the targets of the NLU issue. Exits 1 if a target is missed.

The entity extractor has no trained parameters (it is rules over a lexicon), so cross-validation
folds cannot change its output: its figures are reported on the held-out file, with the same
extractor figures for every fold's held-back training messages listed as not applicable.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot.settings import ROOT
from tools.nlu.metrics import (
    Mention,
    Score,
    entity_scores,
    exact_value_accuracy,
    label_scores,
    macro_f1,
)
from tools.nlu.model import Parser, quiet, read_nlu_examples, train, write_nlu_yaml

TARGETS = {
    "intent macro-F1": 0.95,
    "red_flag recall": 1.0,
    "red_flag precision": 0.95,
    "body_region exact-value accuracy": 0.95,
    "duration exact-value accuracy": 0.95,
}
MIN_PHRASINGS = {"duration": 120, "body_region": 80}


@dataclass(frozen=True)
class HeldOut:
    reference_date: str
    texts: list[str]
    intents: list[str]
    entities: list[set[Mention]]


def load_heldout(path: Path) -> HeldOut:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    examples = raw["examples"]
    return HeldOut(
        reference_date=str(raw["reference_date"]),
        texts=[e["text"] for e in examples],
        intents=[e["intent"] for e in examples],
        entities=[
            {(name, str(v)) for name, values in e.get("entities", {}).items() for v in values}
            for e in examples
        ],
    )


def mentions(parsed: dict[str, Any]) -> set[Mention]:
    return {(e["entity"], str(e["value"])) for e in parsed.get("entities", [])}


def print_scores(title: str, scores: dict[str, Score]) -> None:
    print(f"\n{title}")
    print(f"  {'label':<44} {'support':>7} {'precision':>9} {'recall':>7} {'F1':>6}")
    for label, s in scores.items():
        print(f"  {label:<44} {s.support:>7} {s.precision:>9.3f} {s.recall:>7.3f} {s.f1:>6.3f}")


def cross_validate(config: Path, data: Path, folds: int, work: Path) -> float:
    """Train on k-1 folds, test on the rest; print per-intent scores and return macro-F1."""
    from sklearn.model_selection import StratifiedKFold

    examples = read_nlu_examples(data)
    labels = [intent for _, intent in examples]
    gold: list[str] = []
    predicted: list[str] = []
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=42)
    for fold, (train_idx, test_idx) in enumerate(splitter.split(examples, labels), 1):
        print(f"  fold {fold}/{folds}: training on {len(train_idx)}, testing {len(test_idx)}")
        fold_data = work / f"fold{fold}.yml"
        write_nlu_yaml([examples[i] for i in train_idx], fold_data)
        parser = Parser(train(config, fold_data, work, f"fold{fold}"))
        for i in test_idx:
            gold.append(labels[i])
            predicted.append(parser.parse(examples[i][0])["intent"]["name"])
        parser.close()
    scores = label_scores(gold, predicted)
    print_scores(f"Cross-validation ({folds} folds): intents", scores)
    f1 = macro_f1(scores, set(labels))
    print(f"  intent macro-F1: {f1:.3f}")
    return f1


def evaluate_heldout(parser: Parser, heldout: HeldOut) -> dict[str, float]:
    """Parse the held-out file; print intent and entity scores; return the figures with targets."""
    os.environ["SPINEBOT_TODAY"] = heldout.reference_date
    parsed = [parser.parse(text) for text in heldout.texts]
    predicted_intents = [p["intent"]["name"] for p in parsed]
    predicted = [mentions(p) for p in parsed]
    scores = label_scores(heldout.intents, predicted_intents)
    print_scores("Held-out file: intents", scores)
    figures = {"intent macro-F1": macro_f1(scores, set(heldout.intents))}
    print_scores(
        "Held-out file: entities", entity_scores(heldout.entities, predicted, by_value=False)
    )
    by_value = entity_scores(heldout.entities, predicted, by_value=True)
    print_scores("Held-out file: entity values", by_value)
    flags = entity_scores(heldout.entities, predicted, by_value=False).get("red_flag")
    figures["red_flag recall"] = flags.recall if flags else 1.0
    figures["red_flag precision"] = flags.precision if flags else 1.0
    print("\nHeld-out file: exact-value accuracy")
    for entity in ("body_region", "duration"):
        accuracy, count = exact_value_accuracy(heldout.entities, predicted, entity)
        figures[f"{entity} exact-value accuracy"] = accuracy
        enough = "" if count >= MIN_PHRASINGS[entity] else f" (fewer than {MIN_PHRASINGS[entity]})"
        print(f"  {entity:<12} {accuracy:.3f} over {count} phrasings{enough}")
        if count < MIN_PHRASINGS[entity]:
            figures[f"{entity} exact-value accuracy"] = 0.0
    errors = [
        (text, gold, pred)
        for text, gold, pred in zip(heldout.texts, heldout.entities, predicted, strict=True)
        if gold != pred
    ]
    print(f"\nHeld-out file: {len(errors)} messages whose entities differ from the annotation")
    for text, gold, pred in errors:
        print(f"  {text!r}\n    missing {sorted(gold - pred)}  extra {sorted(pred - gold)}")
    wrong = [
        (t, g, p)
        for t, g, p in zip(heldout.texts, heldout.intents, predicted_intents, strict=True)
        if g != p
    ]
    print(f"\nHeld-out file: {len(wrong)} intent errors")
    for text, gold_intent, predicted_intent in wrong:
        print(f"  {text!r}: expected {gold_intent}, got {predicted_intent}")
    return figures


def check(figures: dict[str, float]) -> bool:
    print("\nTargets (held-out file)")
    ok = True
    for name, target in TARGETS.items():
        value = figures[name]
        passed = value >= target
        ok &= passed
        print(f"  {name:<34} {value:.3f}  target >= {target:.2f}  {'ok' if passed else 'MISSED'}")
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.nlu.evaluate", description=__doc__)
    parser.add_argument("--config", type=Path, default=ROOT / "config.yml")
    parser.add_argument("--data", type=Path, default=ROOT / "data" / "nlu.yml")
    parser.add_argument("--heldout", type=Path, default=ROOT / "tests" / "nlu" / "heldout.yml")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--no-cv", action="store_true", help="skip cross-validation")
    args = parser.parse_args(argv)
    quiet()
    with tempfile.TemporaryDirectory(prefix="spinebot-eval-") as tmp:
        work = Path(tmp)
        print(f"config: {args.config}\ntraining data: {args.data}")
        if not args.no_cv:
            print(f"\nCross-validation, {args.folds} folds (stratified by intent, seed 42)")
            cross_validate(args.config, args.data, args.folds, work)
            print(
                "  entities: not applicable to cross-validation; the rule extractor has no "
                "trained parameters, so see the held-out figures below"
            )
        print("\nTraining on all of the training data for the held-out file ...")
        model = Parser(train(args.config, args.data, work, "full"))
        figures = evaluate_heldout(model, load_heldout(args.heldout))
        model.close()
    return 0 if check(figures) else 1


if __name__ == "__main__":
    sys.exit(main())
