"""Walk the states: for each, a control conversation, one conversation per off-script message
and a red-flag probe, each from a fresh sender; then the invariants (tools/fuzz/invariants.py).

A conversation is opened at a state by an `Opener`: `Replay` sends the state's prefix in every
conversation (works against any stack, e.g. the test stack, whose HTTP API is off); `Fork` sends
the prefix once per state and copies the resulting events into each new conversation through
Rasa's HTTP API (PUT /conversations/<id>/tracker/events), which gives the same tracker without
replaying a 20-turn screening 157 times.

Shapes: `Send(sender, text) -> [reply, ...]` posts to the REST channel; results are `Record`s
(one per conversation: its state, category, text, findings and most replies in a turn) grouped
in a `StateResult` per state and a `WalkResult` for the walk.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from tools.fuzz.corpus import Message
from tools.fuzz.invariants import (
    REPLIES,
    SETUP,
    Case,
    Finding,
    Probe,
    Turn,
    check_breaker,
    check_expectation,
    check_leak,
    check_replies,
    evaluate,
    evaluate_probe,
    triage_of,
    tripped_senders,
)
from tools.fuzz.states import EMERGENCY, MAX_OUTCOME_TURNS, State, Step
from tools.fuzz.tracker import Snapshot, TrackerDB, replay, slot_sets

Send = Callable[[str, str], list[dict[str, Any]]]
PROBE_GIBBERISH = "asdfghjkl"
PROBE_RED_FLAG = EMERGENCY
CONTROL, PROBE = "(control)", "(red-flag probe)"
# What a conversation can fail with: HTTP errors and timeouts (OSError), a body that is not
# JSON (ValueError), a prefix that never reaches its outcome (PrefixError).
CONVERSATION_ERRORS = (OSError, ValueError)


class PrefixError(RuntimeError):
    """A prefix step that repeats until an outcome never got one."""


def play(send: Send, sender: str, steps: Sequence[Step]) -> None:
    """Send a state's prefix."""
    for step in steps:
        if not step.until_outcome:
            send(sender, step.text)
            continue
        for _ in range(MAX_OUTCOME_TURNS):
            if triage_of(send(sender, step.text)) is not None:
                break
        else:
            raise PrefixError(f"no outcome after {MAX_OUTCOME_TURNS} times {step.text!r}")


class Opener(Protocol):
    def prepare(self, state: State, sender: str, send: Send) -> None:
        """Called once per state, before any conversation is opened there."""

    def open(self, state: State, sender: str, send: Send) -> None:
        """Bring the new conversation `sender` to `state`."""


class Replay:
    """Every conversation sends the state's prefix itself."""

    def prepare(self, state: State, sender: str, send: Send) -> None:
        return None

    def open(self, state: State, sender: str, send: Send) -> None:
        play(send, sender, state.prefix)


class EventsApi(Protocol):
    def events(self, sender: str) -> list[dict[str, Any]]:
        """The events of the conversation's latest session."""

    def replace(self, sender: str, events: list[dict[str, Any]]) -> None:
        """Make `events` the whole conversation of `sender`."""


@dataclass
class Fork:
    """The prefix is sent once per state (by `prepare`); conversations get a copy of its events."""

    api: EventsApi
    _events: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def prepare(self, state: State, sender: str, send: Send) -> None:
        play(send, sender, state.prefix)
        self._events[state.name] = self.api.events(sender)

    def open(self, state: State, sender: str, send: Send) -> None:
        self.api.replace(sender, self._events[state.name])


@dataclass(frozen=True)
class Record:
    state: str
    category: str  # the message's, or CONTROL / PROBE
    text: str
    findings: tuple[Finding, ...]
    max_replies: int

    @property
    def is_answer(self) -> bool:
        """An off-script message of the corpus (not the control or the probe)."""
        return self.category not in (CONTROL, PROBE)


@dataclass(frozen=True)
class StateResult:
    state: str
    records: tuple[Record, ...]
    seconds: float


@dataclass(frozen=True)
class WalkResult:
    states: tuple[StateResult, ...]
    seconds: float
    turns: int


@dataclass
class _Counter:
    value: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self) -> None:
        with self.lock:
            self.value += 1


@dataclass
class Walker:
    send: Send
    db: TrackerDB
    log: Path  # the Rasa server's log, read for circuit-breaker lines
    opener: Opener
    run_id: str  # makes every sender of this walk new: "<run_id>-<state>-<n>"
    jobs: int = 2
    progress: Callable[[StateResult], None] | None = None  # called after each state
    _turns: _Counter = field(default_factory=_Counter)

    def _send(self, sender: str, text: str) -> list[dict[str, Any]]:
        self._turns.add()
        return self.send(sender, text)

    def turn(self, sender: str, text: str, before: Snapshot) -> Turn:
        replies = tuple(self._send(sender, text))
        events = self.db.events(sender)
        return Turn(text, replies, tuple(slot_sets(events, before.last_id)), replay(events))

    def walk(
        self, states: Sequence[State], messages: Callable[[State], list[Message]]
    ) -> WalkResult:
        """Every state in order, with the messages `messages(state)` chooses for it."""
        start = time.monotonic()
        self._turns = _Counter()
        results: list[StateResult] = []
        for state in states:
            results.append(self.walk_state(state, messages(state)))
            if self.progress is not None:
                self.progress(results[-1])
        return WalkResult(tuple(results), time.monotonic() - start, self._turns.value)

    def walk_state(self, state: State, messages: Sequence[Message]) -> StateResult:
        start = time.monotonic()
        base = f"{self.run_id}-{state.name}"
        try:
            self.opener.prepare(state, f"{base}-source", self._send)
            control, control_findings = self._control(state, f"{base}-control")
        except (*CONVERSATION_ERRORS, PrefixError) as error:
            failed = Record(state.name, CONTROL, state.valid, (_failure(SETUP, error),), 0)
            return StateResult(state.name, (failed,), time.monotonic() - start)
        if control is None:  # the prefix does not reach the state: fuzzing it would mean nothing
            record = Record(state.name, CONTROL, state.valid, tuple(control_findings), 0)
            return StateResult(state.name, (record,), time.monotonic() - start)
        senders = [f"{base}-{number:03d}" for number in range(len(messages))]

        def one(pair: tuple[Message, str]) -> Case | Record:
            return self._case(state, pair[0], pair[1], control)

        with ThreadPoolExecutor(max_workers=max(1, self.jobs)) as pool:
            outcomes = list(pool.map(one, zip(messages, senders, strict=True)))
            probe = self._probe(state, f"{base}-probe")
        tripped = (
            tripped_senders(self.log.read_text(errors="replace")) if self.log.exists() else set()
        )
        records = [self._control_record(state, control, control_findings, tripped, base)]
        records += [_record(outcome, tripped) for outcome in outcomes]
        records.append(_record(probe, tripped))
        return StateResult(state.name, tuple(records), time.monotonic() - start)

    def _control(self, state: State, sender: str) -> tuple[Turn | None, list[Finding]]:
        self.opener.open(state, sender, self._send)
        before = self.db.snapshot(sender)
        findings = check_expectation(state.expect, before)
        if findings:
            return None, findings
        follow = self.turn(sender, state.valid, before)
        findings = check_replies(follow.replies, f"the valid answer {state.valid!r}")
        findings += check_leak(follow.replies, "the valid answer")
        return follow, [Finding(SETUP, f"control: {f.detail}", excerpt=f.excerpt) for f in findings]

    def _control_record(
        self, state: State, control: Turn, findings: list[Finding], tripped: set[str], base: str
    ) -> Record:
        for sender in (f"{base}-source", f"{base}-control"):
            findings = findings + [
                Finding(SETUP, f"control: {f.detail}") for f in check_breaker(sender, tripped)
            ]
        return Record(state.name, CONTROL, state.valid, tuple(findings), len(control.replies))

    def _case(self, state: State, message: Message, sender: str, control: Turn) -> Case | Record:
        try:
            self.opener.open(state, sender, self._send)
            before = self.db.snapshot(sender)
            off = self.turn(sender, message.text, before)
            follow = self.turn(sender, state.valid, off.after)
        except (*CONVERSATION_ERRORS, PrefixError) as error:
            return Record(
                state.name, message.category, message.text, (_failure(REPLIES, error),), 0
            )
        return Case(state.name, message, sender, before, off, follow, control.after)

    def _probe(self, state: State, sender: str) -> Probe | Record:
        try:
            self.opener.open(state, sender, self._send)
            before = self.db.snapshot(sender)
            gibberish = self.turn(sender, PROBE_GIBBERISH, before)
            red_flag = self.turn(sender, PROBE_RED_FLAG, gibberish.after)
        except (*CONVERSATION_ERRORS, PrefixError) as error:
            return Record(state.name, PROBE, PROBE_RED_FLAG, (_failure(REPLIES, error),), 0)
        return Probe(state.name, sender, gibberish, red_flag)


def _failure(invariant: str, error: BaseException) -> Finding:
    """A conversation that could not be held: no reply, an HTTP error, a prefix gone wrong."""
    if isinstance(error, json.JSONDecodeError):
        detail = f"the reply was not JSON: {error}"
    elif isinstance(error, OSError):
        detail = f"HTTP or connection error: {error}"
    else:
        detail = f"{type(error).__name__}: {error}"
    return Finding(invariant, detail[:200])


def _record(outcome: Case | Probe | Record, tripped: set[str]) -> Record:
    if isinstance(outcome, Record):
        return outcome
    if isinstance(outcome, Probe):
        turns = (outcome.gibberish, outcome.red_flag)
        findings = evaluate_probe(outcome, tripped)
        return Record(outcome.state, PROBE, PROBE_RED_FLAG, tuple(findings), _most(turns))
    findings = evaluate(outcome, tripped)
    message = outcome.message
    turns = (outcome.off, outcome.follow)
    return Record(outcome.state, message.category, message.text, tuple(findings), _most(turns))


def _most(turns: Sequence[Turn]) -> int:
    return max(len(turn.replies) for turn in turns)
