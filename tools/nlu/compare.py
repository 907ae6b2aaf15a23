"""`make compare-nlu`: choose the intent classifier by measurement.

For each candidate config in tools/nlu/candidates/ (and config.yml): training time on all the
training data, intent macro-F1 from 5-fold cross-validation, intent macro-F1 on the held-out file,
and parse latency. Prints a Markdown table for docs/nlu-pipeline.md.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from bot.settings import ROOT
from tools.nlu.benchmark import measure, report
from tools.nlu.evaluate import cross_validate, load_heldout
from tools.nlu.metrics import label_scores, macro_f1
from tools.nlu.model import Parser, quiet, train

CANDIDATES = ROOT / "tools" / "nlu" / "candidates"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.nlu.compare", description=__doc__)
    parser.add_argument("configs", nargs="*", type=Path)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--messages", type=int, default=1000)
    args = parser.parse_args(argv)
    quiet()
    configs = args.configs or [*sorted(CANDIDATES.glob("*.yml")), ROOT / "config.yml"]
    data = ROOT / "data" / "nlu.yml"
    heldout = load_heldout(ROOT / "tests" / "nlu" / "heldout.yml")
    rows = []
    for config in configs:
        print(f"\n=== {config.name}", flush=True)
        with tempfile.TemporaryDirectory(prefix="spinebot-compare-") as tmp:
            work = Path(tmp)
            cv_f1 = cross_validate(config, data, args.folds, work)
            started = time.perf_counter()
            model = train(config, data, work, "full")
            train_s = time.perf_counter() - started
            loaded = Parser(model)
            predicted = [loaded.parse(text)["intent"]["name"] for text in heldout.texts]
            heldout_f1 = macro_f1(label_scores(heldout.intents, predicted), set(heldout.intents))
            latency = report(measure(loaded, heldout.texts, args.messages))
            loaded.close()
        rows.append((config.name, train_s, cv_f1, heldout_f1, latency["p50_ms"], latency["p95_ms"]))
    print(
        "\n| config | train (s) | CV intent macro-F1 | held-out intent macro-F1 | p50 ms | p95 ms |"
    )
    print("|---|---|---|---|---|---|")
    for name, train_s, cv, held, p50, p95 in rows:
        print(f"| {name} | {train_s:.0f} | {cv:.3f} | {held:.3f} | {p50:.1f} | {p95:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
