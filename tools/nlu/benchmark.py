"""`make bench-nlu`: parse latency through a trained NLU model, as a benchmark (not a test).

Loads the model (or trains one from a config), warms it up, then parses the held-out messages
over and over, timing each parse through Rasa's Agent. Prints p50/p95/p99 per message and
parses per second, with the machine it ran on.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bot.settings import ROOT
from tools.nlu.evaluate import load_heldout
from tools.nlu.model import Parser, quiet, train

TARGET_P95_MS = 10.0


def machine() -> str:
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}"


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered)) - 1))
    return ordered[index]


def measure(parser: Parser, texts: list[str], count: int, warmup: int = 50) -> list[float]:
    """Milliseconds for each of `count` parses after `warmup` untimed ones."""
    for i in range(warmup):
        parser.parse(texts[i % len(texts)])
    timings = []
    for i in range(count):
        start = time.perf_counter()
        parser.parse(texts[i % len(texts)])
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def report(timings: list[float]) -> dict[str, float]:
    return {
        "p50_ms": statistics.median(timings),
        "p95_ms": percentile(timings, 95),
        "p99_ms": percentile(timings, 99),
        "mean_ms": statistics.fmean(timings),
        "parses_per_s": 1000 / statistics.fmean(timings),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.nlu.benchmark", description=__doc__)
    parser.add_argument("--model", type=Path, help="a trained model (default: train from --config)")
    parser.add_argument("--config", type=Path, default=ROOT / "config.yml")
    parser.add_argument("--messages", type=int, default=3000)
    args = parser.parse_args(argv)
    quiet()
    texts = load_heldout(ROOT / "tests" / "nlu" / "heldout.yml").texts
    with tempfile.TemporaryDirectory(prefix="spinebot-bench-") as tmp:
        model = args.model or train(args.config, ROOT / "data" / "nlu.yml", Path(tmp), "bench")
        loaded = Parser(model)
        timings = measure(loaded, texts, args.messages)
        loaded.close()
    figures = report(timings)
    print(f"machine: {machine()}")
    print(f"model: {args.model or args.config}; {args.messages} parses of {len(texts)} messages")
    for name, value in figures.items():
        print(f"  {name:<13} {value:8.2f}")
    ok = figures["p95_ms"] < TARGET_P95_MS
    print(f"p95 target < {TARGET_P95_MS:.0f} ms: {'met' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
