"""`python -m tools.fuzz`: train (or take --model), start the servers, walk the states, print
the table; exit status 1 on any violation, 2 on bad arguments."""

from __future__ import annotations

import argparse
import json
import secrets
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from bot.clinic import load_clinic
from tools.fuzz.client import ConversationsApi, RestClient
from tools.fuzz.corpus import CORPUS, Message, load_corpus, sample
from tools.fuzz.report import as_json, render, row, violations
from tools.fuzz.stack import fuzz_stack
from tools.fuzz.states import STATES, State, select
from tools.fuzz.tracker import TrackerDB
from tools.fuzz.walker import Fork, Opener, Replay, StateResult, Walker


def parse(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tools.fuzz", description=__doc__)
    parser.add_argument("--model", type=Path, help="a trained model (default: train one)")
    parser.add_argument("--sample", type=int, metavar="N", help="N messages per category per state")
    parser.add_argument(
        "--states", help="comma-separated states: " + ", ".join(s.name for s in STATES)
    )
    parser.add_argument("--jobs", type=int, default=2, help="parallel conversations (default 2)")
    parser.add_argument(
        "--replay",
        action="store_true",
        help="send each state's prefix in every conversation instead of forking it (slower)",
    )
    parser.add_argument("--corpus", type=Path, default=CORPUS, help=argparse.SUPPRESS)
    parser.add_argument("--keep", action="store_true", help="keep the work folder (log, stores)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write every finding here")
    args = parser.parse_args(argv)
    if args.sample is not None and args.sample < 1:
        parser.error("--sample must be 1 or more")
    if args.jobs < 1:
        parser.error("--jobs must be 1 or more")
    try:
        # A clinic comparing the modes gives each conversation either, so only the states
        # written for both are walked.
        mode = load_clinic().screening_mode
        args.selected = select(args.states.split(",") if args.states else None, mode)
    except KeyError as error:
        parser.error(str(error.args[0]))
    return args


def _progress(result: StateResult) -> None:
    done = row(result)
    print(
        f"  {done.name}: {done.answers} answers, {done.violations} violations, "
        f"{done.seconds:.0f} s",
        flush=True,
    )


def _exit_on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)  # unwinds, so the servers are stopped


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(sys.argv[1:] if argv is None else argv)
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    corpus = load_corpus(args.corpus)
    states: list[State] = args.selected

    def messages(state: State) -> list[Message]:
        return sample(corpus, args.sample, state.name)

    work = Path(tempfile.mkdtemp(prefix="spinebot-fuzz-"))
    started = time.monotonic()
    print(
        f"work folder {work}; {'training a model' if args.model is None else args.model}",
        flush=True,
    )
    with fuzz_stack(work, args.model) as stack:
        print(
            f"servers up after {time.monotonic() - started:.0f} s; {len(states)} states", flush=True
        )
        send = RestClient(stack.rasa_url)
        opener: Opener = (
            Replay() if args.replay else Fork(ConversationsApi(stack.rasa_url, stack.token))
        )
        walker = Walker(
            send,
            TrackerDB(stack.tracker_db),
            stack.log,
            opener,
            f"fuzz-{secrets.token_hex(3)}",
            args.jobs,
            progress=_progress,
        )
        walk = walker.walk(states, messages)
    print(render(walk))
    if args.json is not None:
        args.json.write_text(json.dumps(as_json(walk), indent=1, ensure_ascii=False) + "\n")
    failed = bool(violations(walk))
    if failed or args.keep:
        print(f"servers' log and stores kept in {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 0
