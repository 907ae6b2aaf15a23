"""`python -m tools.bench.profile`: where a Rasa server's time goes while it answers the
benchmark's conversations.

Serves a trained model (SpineBot's by default) with its action server, warms it up, then records
the Rasa server with py-spy (sampling, 200 Hz; fetched with `uv tool run`, not a project
dependency) while the benchmark's scripted conversations are driven. Prints the per-turn
latency, then the share of the server's busy samples (those inside Rasa's message handling)
spent in each part of a turn. Parts may overlap (validation happens inside an action call);
"other" is what no part claims. docs/BENCHMARKS.md records what it found.
"""

from __future__ import annotations

import argparse
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

from bot.settings import ROOT
from tools.bench import driver, setups
from tools.bench.conversations import SPINEBOT
from tools.bench.stats import summarise

UV = Path(sys.executable).with_name("uv")
PY_SPY = "py-spy==0.4.3"
BUSY = "handle_message (rasa/core/processor.py"


def frame(function: str, *places: str) -> re.Pattern[str]:
    """A stack frame of `function` (any function if "") in a file under one of `places`
    (py-spy writes a frame as 'name (path:line)')."""
    name = re.escape(function) if function else "[^;(]+"
    where = "|".join(re.escape(place) for place in places)
    return re.compile(rf"(^|;){name} \(({where})")


# A turn's parts, as the frames that show a sample was taken inside that part.
PARTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("tracker store: read the conversation", frame("retrieve", "rasa/core/tracker_store.py",
                                                   "bot/rasa_ext/tracker_store.py")),
    ("tracker store: save the new events", frame("save", "rasa/core/tracker_store.py",
                                                 "bot/rasa_ext/tracker_store.py")),
    ("NLU: parse the message", frame("parse_message", "rasa/core/processor.py")),
    ("policies: predict the next action",
     frame("_predict_next_with_tracker", "rasa/core/processor.py")),
    ("  of which: the tracker's states for the policies",
     frame("past_states", "rasa/shared/core/")),
    ("the tracker's applied events (any caller)",
     frame("applied_events", "rasa/shared/core/trackers.py", "bot/rasa_ext/patches.py")),
    ("Rasa's graph runner (dask), around the NLU and the policies",
     frame("get_sync", "dask/local.py")),
    ("custom actions: HTTP round trip", frame("request", "rasa/utils/endpoints.py")),
    ("custom actions: answer checked against the JSON schema",
     frame("_validate_action_result", "rasa/", "bot/")),
    ("events: class looked up by name", frame("resolve_by_type", "rasa/", "bot/")),
    ("session expiry check", frame("_has_session_expired", "rasa/core/processor.py")),
    ("lock store", frame("", "rasa/core/lock_store.py", "bot/rasa_ext/lock_store.py")),
)  # fmt: skip


def read_samples(raw: Path) -> list[tuple[list[str], int]]:
    """py-spy's raw (collapsed) output: one stack per line, frames joined by ';', a count."""
    samples = []
    for line in raw.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if stack and count.isdigit():
            samples.append((stack.split(";"), int(count)))
    return samples


def shares(samples: Iterable[tuple[list[str], int]]) -> tuple[int, dict[str, float]]:
    """Busy samples, and each part's share of them (0-1)."""
    busy = 0
    found = dict.fromkeys([name for name, _ in PARTS], 0)
    claimed = 0
    for frames, count in samples:
        stack = ";".join(frames)
        if BUSY not in stack:
            continue
        busy += count
        hit = False
        for name, pattern in PARTS:
            if pattern.search(stack):
                found[name] += count
                hit = hit or not name.startswith(" ")
        claimed += count if hit else 0
    result = {name: value / busy for name, value in found.items()} if busy else {}
    if busy:
        result["other"] = (busy - claimed) / busy
    return busy, result


def _record(pid: int, out: Path) -> subprocess.Popen[bytes]:
    command = [str(UV), "tool", "run", PY_SPY, "record", "--pid", str(pid), "--rate", "200",
               "--format", "raw", "--output", str(out), "--nonblocking"]  # fmt: skip
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tools.bench.profile",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--model", type=Path, default=ROOT / "models" / "spinebot.tar.gz")
    parser.add_argument("--conversations", type=int, default=10)
    parser.add_argument("--concurrency", type=int, default=1)
    args = parser.parse_args(argv)
    if not args.model.exists():
        print(f"error: no model at {args.model}; run make train", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="spinebot-profile-"))
    raw = work / "rasa.txt"
    with setups.serve(setups.spinebot(), args.model, work, work / "servers.log") as serving:
        driver.run(serving.url, SPINEBOT, len(SPINEBOT), 1, 300, f"warm-{time.time():.0f}")
        spy = _record(serving.rasa_pids[0], raw)
        time.sleep(3)  # py-spy attaches
        run = driver.run(serving.url, SPINEBOT, args.conversations, args.concurrency, 600,
                         f"profile-{time.time():.0f}")  # fmt: skip
        spy.send_signal(signal.SIGINT)
        spy.wait(timeout=120)
    summary = summarise(run.latencies, run.seconds)
    print(f"{summary.turns} turns at concurrency {args.concurrency}: p50 {summary.p50_ms:.0f} ms, "
          f"p95 {summary.p95_ms:.0f} ms, {summary.turns_per_s:.1f} turns/s")  # fmt: skip
    busy, found = shares(read_samples(raw))
    print(f"\nRasa server, {busy} busy samples (py-spy, 200 Hz); share of busy time:\n")
    print("| part of a turn | share |\n|---|---:|")
    for name, value in found.items():
        print(f"| {name} | {value * 100:.0f} % |")
    print(f"\nraw samples: {raw}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
