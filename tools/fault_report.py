"""`python -m tools.fault_report` (`make fault-report`): bad input, faults and load against a real
stack, reported as one table.

It starts an action server and a Rasa server on free loopback ports with the trained model, a
throwaway PostgreSQL server as the application database (intake records) and an SQLite tracker
store, then:
1. sends every kind of bad input (tools/fault_inputs.py) and checks each gets a reply or a clear
   4xx, and that the conversation goes on afterwards;
2. drives consultation-request conversations at concurrency 8 with no fault (load);
3. stops PostgreSQL while requests are saved (each must be kept and the person told how to reach
   the clinic), starts it again and delivers the kept requests;
4. stops the action server in the middle of conversations (each message must get guidance with
   the emergency number and the clinic phone), starts it again, and finishes them;
5. restarts the Rasa server in the middle of conversations and finishes them.

Requests sent are the conversations that gave their contact time; requests saved are those found
in the database afterwards by conversation. Crashes are server processes that exited without
being stopped, HTTP 5xx answers, tracebacks in any answer, and requests that failed outright.
It exits 0 only if saved equals sent and there were no crashes.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import create_engine, select

from bot.db.models import IntakeRecord
from bot.rasa_ext.channels.guard import service_problem_text
from bot.settings import ROOT
from tools.bench import driver
from tools.bench.conversations import SPINEBOT, Script
from tools.bench.services import Postgres
from tools.bench.setups import clean_environment
from tools.fault_inputs import BAD_INPUTS, TRACEBACK_SIGNS, send_bad_input
from tools.server_pair import RestartableStack

MODEL = ROOT / "models" / "spinebot.tar.gz"
CONCURRENCY = 8
# The contact details, then the yes to their read-back.
CONTACT = ("Sam Lee", "+1 555 010 0199", "weekday mornings", "/affirm")
# Quick requests, and a whole chronic triage that ends in one (the benchmark's script).
QUICK = Script("a consultation asked for straight away",
               (("I'd like to book a consultation",), ("/affirm",),
                *((m,) for m in CONTACT)))  # fmt: skip
_CHRONIC = SPINEBOT[3]
WHOLE = Script("a chronic triage ending in a consultation request",
               (*_CHRONIC.steps[:-2], ("/affirm",), ("/affirm",),
                *((m,) for m in CONTACT)))  # fmt: skip


@dataclass
class Tally:
    inputs_tried: int = 0
    inputs_answered: int = 0
    faults: list[str] = field(default_factory=list)
    conversations: int = 0
    completed: int = 0
    senders: list[str] = field(default_factory=list)  # conversations that sent a request
    saved: int = 0
    crashes: list[str] = field(default_factory=list)

    def table(self) -> str:
        rows = [
            ("inputs tried", f"{self.inputs_tried} ({self.inputs_answered} answered sensibly)"),
            ("faults injected", f"{len(self.faults)}: " + "; ".join(self.faults)),
            ("conversations completed", f"{self.completed} of {self.conversations}"),
            ("consultation requests saved / sent", f"{self.saved} / {len(self.senders)}"),
            ("crashes", str(len(self.crashes))),
        ]
        width = max(len(name) for name, _ in rows)
        lines = [f"| {'check'.ljust(width)} | figure |", f"|{'-' * (width + 2)}|---|"]
        lines += [f"| {name.ljust(width)} | {value} |" for name, value in rows]
        lines += [f"- crash: {crash}" for crash in self.crashes[:10]]
        return "\n".join(lines)

    @property
    def ok(self) -> bool:
        return self.saved == len(self.senders) and not self.crashes and self.completed > 0


def check_alive(stack: RestartableStack, tally: Tally) -> None:
    """A server that exited without being stopped is a crash; it is started again."""
    if not stack.actions.alive():
        tally.crashes.append("the action server exited on its own")
        stack.start_actions()
    if not stack.rasa.alive():
        tally.crashes.append("the Rasa server exited on its own")
        stack.start_rasa()


def _texts(conversation: driver.Conversation) -> list[str]:
    return [str(r.get("text")) for turn in conversation.turns for r in turn.replies]


def _record(tally: Tally, run: driver.Run, final_step: bool = True) -> None:
    """Count a driven batch: completions, requests sent, crashes."""
    for conversation in run.conversations:
        if conversation.error:
            tally.crashes.append(f"{conversation.sender}: {conversation.error}")
            continue
        texts = _texts(conversation)
        if any(sign in text for text in texts for sign in TRACEBACK_SIGNS):
            tally.crashes.append(f"{conversation.sender}: a traceback in a reply")
        if not final_step:
            continue
        tally.conversations += 1
        last = [str(r.get("text")) for r in conversation.turns[-1].replies]
        if any("SB-" in text for text in last):
            tally.completed += 1
        tally.senders.append(conversation.sender)


def _drive(
    stack: RestartableStack, scripts: Sequence[Script], count: int, prefix: str
) -> driver.Run:
    return driver.run(stack.url, scripts, count, CONCURRENCY, 600, prefix)


def _halves(script: Script, at: int) -> tuple[Script, Script]:
    return (Script(script.name, script.steps[:at]), Script(script.name, script.steps[at:]))


def _count_saved(postgres: Postgres, senders: Sequence[str]) -> int:
    engine = create_engine(postgres.url(), future=True)
    try:
        with engine.connect() as connection:
            found = connection.execute(
                select(IntakeRecord.conversation_id).where(
                    IntakeRecord.conversation_id.in_(list(senders))
                )
            ).scalars()
            return len(set(found))
    finally:
        engine.dispose()


def run_report(model: Path, work: Path, load: int, say: bool = True) -> Tally:
    def note(text: str) -> None:
        if say:
            print(f"  {text}", file=sys.stderr, flush=True)

    tally = Tally()
    postgres = Postgres().start()
    stack = RestartableStack(model, work, postgres.url(), clean_environment())
    try:
        stack.start()

        note("bad input")
        for bad in BAD_INPUTS:
            tally.inputs_tried += 1
            problem = send_bad_input(stack.url, bad)
            if problem is None:
                tally.inputs_answered += 1
            else:
                tally.crashes.append(f"bad input {bad.name}: {problem}")
        check_alive(stack, tally)

        note(f"load: {load} request conversations at concurrency {CONCURRENCY}")
        _record(tally, _drive(stack, (QUICK, WHOLE), load, "load"))
        check_alive(stack, tally)

        note("database stopped while requests are saved")
        tally.faults.append("application database stopped during 8 saves")
        first, second = _halves(QUICK, 4)
        _drive(stack, (first,), 8, "db-down")
        postgres.pause()
        try:
            down = _drive(stack, (second,), 8, "db-down")
        finally:
            postgres.resume()
        _record(tally, down)
        kept = sum("has been kept" in " ".join(_texts(c)) for c in down.conversations)
        if kept != len(down.conversations):
            tally.crashes.append(f"{len(down.conversations) - kept} requests not kept")
        _record(tally, _drive(stack, (QUICK,), 1, "db-back"))  # delivers the kept ones first

        note("action server stopped mid-conversation")
        tally.faults.append("action server stopped mid-conversation (8), then restarted")
        first, second = _halves(QUICK, 2)
        _drive(stack, (first,), 8, "actions-down")
        stack.actions.stop()
        try:
            during = _drive(stack, (Script("one more", (("my back hurts",),)),), 8, "actions-down")
        finally:
            stack.start_actions()
        guidance = service_problem_text()
        answered = sum(guidance in _texts(c) for c in during.conversations)
        if answered != len(during.conversations):
            tally.crashes.append(f"{len(during.conversations) - answered} got no guidance")
        _record(tally, during, final_step=False)
        _record(tally, _drive(stack, (second,), 8, "actions-down"))  # the form asks again

        note("Rasa server restarted mid-conversation")
        tally.faults.append("Rasa server restarted mid-conversation (8)")
        first, second = _halves(WHOLE, 6)
        _drive(stack, (first,), 8, "restart")
        stack.rasa.stop()
        stack.start_rasa()
        _record(tally, _drive(stack, (second,), 8, "restart"))
        check_alive(stack, tally)

        tally.saved = _count_saved(postgres, tally.senders)
        return tally
    finally:
        stack.stop()
        postgres.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tools.fault_report",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--model", type=Path, default=MODEL, help=f"default {MODEL}")
    parser.add_argument("--load", type=int, default=40, help="request conversations under load")
    args = parser.parse_args(argv)
    if not args.model.exists():
        print(f"error: no model at {args.model}; run make train", file=sys.stderr)
        return 2
    os.environ["RASA_TELEMETRY_ENABLED"] = "false"
    work = Path(tempfile.mkdtemp(prefix="spinebot-faults-"))
    try:
        tally = run_report(args.model, work, args.load)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(tally.table())
    return 0 if tally.ok else 1


if __name__ == "__main__":
    sys.exit(main())
