"""`python -m tools.bench` (`make bench`): SpineBot's performance against Rasa's defaults.

Trains SpineBot, comparator (a) (the same bot with the config.yml `rasa init` writes) and
comparator (b) (`rasa init`'s starter bot) cold; drives scripted whole conversations over REST
at each concurrency level; reports per-turn latency p50/p95/p99, turns per second, the servers'
memory, cold training time and NLU parses per second, the ratios and the issue's targets; runs
two Rasa servers and two action servers behind nginx with PostgreSQL and Redis and checks every
conversation's tracker. Writes the figures into docs/BENCHMARKS.md.

`--cross-validate` instead runs the (slow, about 30 minutes) NLU cross-validation of both
configs and stores it, dated, in docs/BENCHMARKS.md, where later runs read it.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path

from bot.settings import ROOT
from tools.bench import benchmark, report
from tools.bench.progress import Progress

DOC = ROOT / "docs" / "BENCHMARKS.md"


def arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m tools.bench",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="smoke run in a few minutes: 1 repetition, 5 conversations, "
        "concurrency 1 and 8, comparators trained for one epoch; "
        "does not write docs/BENCHMARKS.md unless --doc is given",
    )
    parser.add_argument("--repetitions", type=int, help="per concurrency level (default 3)")
    parser.add_argument(
        "--conversations", type=int, help="per repetition, at least the concurrency (default 20)"
    )
    parser.add_argument(
        "--concurrency", type=benchmark.parse_levels, help="comma-separated levels (default 1,8,32)"
    )
    parser.add_argument(
        "--time-limit",
        type=float,
        dest="time_limit_s",
        help="seconds per repetition before no new conversation starts (default 180)",
    )
    parser.add_argument("--no-comparators", action="store_true", help="SpineBot only")
    parser.add_argument("--no-scaleout", action="store_true", help="skip the two-instance run")
    parser.add_argument(
        "--cross-validate",
        action="store_true",
        help="only cross-validate both NLU configs and store the figures",
    )
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--doc", type=Path, help=f"where to write the figures (default {DOC})")
    parser.add_argument("--json", type=Path, help="also write the raw results here")
    parser.add_argument("--keep", action="store_true", help="keep the work folder (models, logs)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
    os.environ["RASA_TELEMETRY_ENABLED"] = "false"
    command = shlex.join(["python", "-m", "tools.bench", *(sys.argv[1:] if argv is None else argv)])
    doc = args.doc or (None if args.quick else DOC)
    progress = Progress()
    work = Path(tempfile.mkdtemp(prefix="spinebot-bench-"))
    progress.phase(f"work folder (models, server logs): {work}")
    try:
        if args.cross_validate:
            cv = benchmark.cross_validate(
                benchmark.default_configs(work), args.folds, work / "cv.log", progress
            )
            titles = {"spinebot": "config.yml (SpineBot)", "default": "rasa init's config.yml (a)"}
            body = report.cv_markdown(cv, titles)
            print(body)
            if doc is not None:
                report.write_doc(doc, cv_body=body)
                progress.phase(f"stored in {doc}")
            return 0
        base = benchmark.QUICK if args.quick else benchmark.Options()
        options = benchmark.options_with(
            base,
            repetitions=args.repetitions,
            conversations=args.conversations,
            concurrency=args.concurrency,
            time_limit_s=args.time_limit_s,
        )
        options = benchmark.options_with(
            options,
            comparators=False if args.no_comparators else None,
            scaleout=False if args.no_scaleout else None,
        )
        results = benchmark.run(options, work, command, report.cached_cv(DOC), progress)
        body = report.markdown(results)
        print("\n" + body)
        if doc is not None:
            report.write_doc(doc, results_body=body)
            progress.phase(f"figures written to {doc}")
        if args.json is not None:
            args.json.write_text(json.dumps(asdict(results), indent=2, default=str))
        ok = results.scaleout is None or results.scaleout.ok
        return 0 if ok else 1
    except KeyboardInterrupt:
        progress.phase("interrupted")
        return 130
    finally:
        if args.keep:
            progress.phase(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
