"""The fault-and-load report (`make fault-report`), run small on the shared stack's model: every
bad input answered, every fault survived, every consultation request sent is saved (the ones sent
while the database was down are kept and delivered), nothing crashed. And the report's verdict
itself: a lost request or a crash makes it fail."""

from __future__ import annotations

import re
from pathlib import Path

from tests.stack import Stack
from tools.fault_inputs import BAD_INPUTS
from tools.fault_report import Tally, run_report


def test_a_small_run_loses_nothing_and_crashes_nowhere(live_stack: Stack, tmp_path: Path) -> None:
    tally = run_report(live_stack.work / "e2e.tar.gz", tmp_path, load=8, say=False)
    assert tally.crashes == []
    assert tally.inputs_tried == len(BAD_INPUTS) == tally.inputs_answered
    assert len(tally.faults) == 3
    # 8 under load, 8 with the database down and 1 after it, 8 around the action server's
    # absence, 8 around the Rasa server's restart.
    assert len(tally.senders) == 33
    assert tally.saved == len(tally.senders)
    assert tally.completed == tally.conversations == 33
    assert tally.ok
    assert re.search(r"\| consultation requests saved / sent +\| 33 / 33 \|", tally.table())


def test_the_verdict_fails_on_a_lost_request_or_a_crash() -> None:
    whole = Tally(completed=2, conversations=2, senders=["a", "b"], saved=2)
    assert whole.ok
    assert not Tally(completed=2, conversations=2, senders=["a", "b"], saved=1).ok
    crashed = Tally(completed=2, conversations=2, senders=["a", "b"], saved=2, crashes=["x"])
    assert not crashed.ok
    assert re.search(r"\| crashes +\| 1 \|", crashed.table())
