"""NLU figures for the benchmark, run in a child process so the benchmark itself never loads
TensorFlow: parses per second through a trained model, and intent cross-validation of a config.

`python -m tools.bench.nlu parse --model M --messages N` and
`python -m tools.bench.nlu cv --config C --folds 5` print one JSON object on standard output
(Rasa's own output goes to standard error). They reuse bot/language's benchmark and evaluation.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import tempfile
import time
from pathlib import Path

from bot.settings import ROOT

HELDOUT = ROOT / "tests" / "nlu" / "heldout.yml"


def parse_rate(model: Path, messages: int) -> dict[str, float]:
    """Parse the held-out messages through the model one at a time (after a warm-up)."""
    from tools.nlu.benchmark import measure, report
    from tools.nlu.evaluate import load_heldout
    from tools.nlu.model import Parser

    texts = load_heldout(HELDOUT).texts
    parser = Parser(model)
    timings = measure(parser, texts, messages)
    parser.close()
    return report(timings)


def cross_validation(config: Path, folds: int) -> dict[str, float]:
    """Intent macro-F1 of `folds`-fold cross-validation on data/nlu.yml (tools.nlu.evaluate)."""
    from tools.nlu.evaluate import cross_validate

    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="spinebot-bench-cv-") as tmp:
        f1 = cross_validate(config, ROOT / "data" / "nlu.yml", folds, Path(tmp))
    return {"intent_macro_f1": f1, "seconds": time.perf_counter() - started}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.bench.nlu", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    parse = commands.add_parser("parse")
    parse.add_argument("--model", type=Path, required=True)
    parse.add_argument("--messages", type=int, default=2000)
    cv = commands.add_parser("cv")
    cv.add_argument("--config", type=Path, required=True)
    cv.add_argument("--folds", type=int, default=5)
    args = parser.parse_args(argv)
    from tools.nlu.model import quiet

    quiet()
    with contextlib.redirect_stdout(sys.stderr):
        if args.command == "parse":
            figures = parse_rate(args.model, args.messages)
        else:
            figures = cross_validation(args.config, args.folds)
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
