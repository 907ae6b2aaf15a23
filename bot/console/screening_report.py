"""The screening report (issue 16 item 4): the side-by-side comparison of grouped and one-by-one
warning-sign screening that CLINICAL.md §8.4 asks for before a clinic relies on grouped
screening. Per screening mode: how many screenings started, how many reached an outcome, where
the others stopped, and per warning sign the share answered "yes" and "not sure".

Read from Rasa's SQL tracker store (the `events` table, bot/console/transcripts.py), from the
slot events the screening actions write (actions/screening.py, bot/dialogue/grouped.py):

    screening_mode       "single" or "grouped", set when screening starts
    screening_question   the question being shown: a flag key in single mode; in grouped mode
                         "group:B2", "which:B2:<answer>:<items>", "clarify:<flag>", a flag key,
                         or "next" (an answer was recorded, nothing is being shown)
    red_flags            flags answered yes (or volunteered, or typed and acted on at once)
    unsure_flags         flags answered "not sure"
    answered_flags       flags whose question was answered, whatever the answer
    triage_level         set whenever an outcome is given (the routine outcome or an urgent one)

How the figures are defined:

- **An attempt** is one screening: it starts when `screening_mode` is set and ends at the next
  `session_started`, `restart` or `reset_slots` event (each empties the slots: the domain does
  not carry slots over to a new session) or at the conversation's end. A conversation that
  starts over and is screened again counts twice; most count once.
- **Started**: attempts in that mode. **Reached an outcome**: `triage_level` was set after the
  attempt started (a level set before screening began does not count).
- **Dropped out at**: for the attempts that did not reach an outcome, the last question shown,
  as a stage: the flag key in single mode; in grouped mode the group ("B2"), its follow-up
  ("which B2"), a clarifying question ("clarify tearing_pain") or a single question (its key).
  "next" is not a question; an attempt that showed none is counted at `NO_QUESTION`.
  Conversations still under way count here until they reach an outcome. An L1 group answered
  yes gives the call-now instruction before its follow-up (§8.3 A4) without setting a level, so
  an attempt that stops at "which B1" or "which N1" may already have had that instruction.
- **Per flag**: among the attempts of the mode in which the flag was answered (in
  `answered_flags`, `red_flags` or `unsure_flags` at the attempt's end, as grouped screening
  itself counts it), the share in `red_flags` (yes) and the share in `unsure_flags` but not in
  `red_flags` (not sure). The slot values at the attempt's end are used, so an answer changed
  later (a clarifying question, "that's not right") counts as changed; flags the person
  mentioned before screening started count as answered yes, in either mode alike.
- **Date range**: a conversation is included when its first event falls in [since, until).

Events that undo others (`rewind`, `undo`) are not replayed: the screening never writes them.
A mode other than "single" or "grouped" in the slot is left out. Nothing is logged.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.engine import Connection, Engine

from bot.console.transcripts import EVENTS, event_data, has_events
from bot.triage.flags import Flag
from bot.triage.groups import BACK_GROUPS, NECK_GROUPS

MODES = ("single", "grouped")
SLOTS = (
    "screening_mode",
    "screening_question",
    "red_flags",
    "unsure_flags",
    "answered_flags",
    "triage_level",
)
# Rasa's type names for SessionStarted, Restarted and AllSlotsReset: each empties the slots.
RESETS = ("session_started", "restart", "reset_slots")
NEXT = "next"  # bot.dialogue.grouped.NEXT: an answer was recorded, no question is shown
NO_QUESTION = "no question shown"
CHUNK = 500  # conversations per query

# Rasa's events table (bot/console/transcripts.py). Rasa stores a slot event's slot name in
# `action_name` (the event's "name"); rows written otherwise may leave it empty.

_GROUP_ORDER = {group.name: i for i, group in enumerate((*BACK_GROUPS, *NECK_GROUPS))}
_FLAG_ORDER = {flag.value: i for i, flag in enumerate(Flag)}


@dataclass(frozen=True)
class StageCount:
    """How many attempts stopped at one stage, e.g. StageCount("which B2", 3)."""

    stage: str
    dropped: int


@dataclass(frozen=True)
class FlagRate:
    """One warning sign in one mode: answered in `answered` attempts, of which `yes` were yes and
    `unsure` not sure. Shares are fractions (0.25), None when nobody answered it."""

    flag: str
    answered: int = 0
    yes: int = 0
    unsure: int = 0

    @property
    def yes_share(self) -> float | None:
        """The share answered yes (0 to 1), None when nobody answered it."""
        return share(self.yes, self.answered)

    @property
    def unsure_share(self) -> float | None:
        """The share answered not sure (0 to 1), None when nobody answered it."""
        return share(self.unsure, self.answered)


@dataclass(frozen=True)
class ModeReport:
    """One screening mode.

    `dropped` lists the stages at which attempts stopped, in screening order (StageCount); its
    counts add up to `dropped_out`. `flags` lists each warning sign answered at least once in
    this mode, in the order of bot.triage.Flag (FlagRate)."""

    mode: str  # single | grouped
    started: int = 0
    reached_outcome: int = 0
    dropped: tuple[StageCount, ...] = ()
    flags: tuple[FlagRate, ...] = ()

    @property
    def dropped_out(self) -> int:
        """Attempts that did not reach an outcome."""
        return self.started - self.reached_outcome

    @property
    def completion(self) -> float | None:
        """The share of started attempts that reached an outcome."""
        return share(self.reached_outcome, self.started)

    def dropped_at(self, stage: str) -> int:
        """Attempts that stopped at this stage (0 if none did)."""
        return next((s.dropped for s in self.dropped if s.stage == stage), 0)

    def rate(self, flag: str) -> FlagRate:
        """The flag's figures in this mode (all zero if it was never answered)."""
        return next((r for r in self.flags if r.flag == flag), FlagRate(flag))


@dataclass(frozen=True)
class ScreeningReport:
    """The report for conversations whose first event is in [since, until) (None: open).

    `modes` always holds "single" then "grouped" (ModeReport), so the two can be read side by
    side; `stages` and `flags` are the rows of the side-by-side tables: every stage and every
    flag that appears in either mode, in screening order."""

    since: datetime | None
    until: datetime | None
    modes: tuple[ModeReport, ...]

    def mode(self, name: str) -> ModeReport:
        """The figures of one mode, "single" or "grouped" (StopIteration for another name)."""
        return next(m for m in self.modes if m.mode == name)

    @property
    def stages(self) -> tuple[str, ...]:
        """Every stage either mode stopped at, in screening order."""
        found = {s.stage for m in self.modes for s in m.dropped}
        return tuple(sorted(found, key=stage_order))

    @property
    def flags(self) -> tuple[str, ...]:
        """Every flag answered in either mode, in the order of bot.triage.Flag."""
        found = {r.flag for m in self.modes for r in m.flags}
        return tuple(sorted(found, key=flag_order))


def share(part: int, whole: int) -> float | None:
    """`part` as a fraction of `whole` (0.25); None when `whole` is 0."""
    return part / whole if whole else None


def stage_of(question: str | None) -> str:
    """The stage a `screening_question` value stands for: "group:B2" -> "B2",
    "which:B2:yes:a,b" -> "which B2", "clarify:fever" -> "clarify fever", a flag key -> itself."""
    if not question:
        return NO_QUESTION
    kind, _, rest = question.partition(":")
    if kind == "group" and rest:
        return rest
    if kind == "which" and rest:
        return f"which {rest.split(':')[0]}"
    if kind == "clarify" and rest:
        return f"clarify {rest}"
    return question


def stage_words(stage: str) -> str:
    """A stage for a person to read: "B2" -> "group B2", "which B2" -> "which of these? (B2)",
    "clarify fever" -> "clarifying question: fever", "chest_pain" -> "chest pain"."""
    kind, _, rest = stage.partition(" ")
    if stage in _GROUP_ORDER:
        return f"group {stage}"
    if kind == "which" and rest in _GROUP_ORDER:
        return f"which of these? ({rest})"
    if kind == "clarify" and rest:
        return f"clarifying question: {rest.replace('_', ' ')}"
    return stage.replace("_", " ")


def stage_order(stage: str) -> tuple[int, int, int, str]:
    """Screening order: groups by their table order, each followed by its follow-up; then
    clarifying questions and single questions by flag order; anything unknown last."""
    if stage == NO_QUESTION:
        return (0, 0, 0, stage)
    kind, _, rest = stage.partition(" ")
    if stage in _GROUP_ORDER:
        return (1, _GROUP_ORDER[stage], 0, stage)
    if kind == "which" and rest in _GROUP_ORDER:
        return (1, _GROUP_ORDER[rest], 1, stage)
    if kind == "clarify":
        return (2, _FLAG_ORDER.get(rest, len(_FLAG_ORDER)), 0, stage)
    return (3, _FLAG_ORDER.get(stage, len(_FLAG_ORDER)), 0, stage)


def flag_order(flag: str) -> tuple[int, str]:
    """A sort key putting flags in the order of bot.triage.Flag, unknown ones last by name."""
    return (_FLAG_ORDER.get(flag, len(_FLAG_ORDER)), flag)


# ---- reading the events ---------------------------------------------------------------------


@dataclass(frozen=True)
class Attempt:
    """One screening as read from the events: its mode, whether it reached an outcome, the
    stage it stopped at (None when it reached an outcome), and its flags at the end."""

    mode: str
    outcome: bool
    stage: str | None
    answered: frozenset[str]
    yes: frozenset[str]
    unsure: frozenset[str]


@dataclass
class _Conversation:
    """The fold over one conversation's slot and reset events, in order."""

    slots: dict[str, Any] = field(default_factory=dict)
    mode: str | None = None  # set while an attempt is open
    question: str | None = None
    outcome: bool = False
    attempts: list[Attempt] = field(default_factory=list)

    def slot(self, name: str, value: Any) -> None:
        self.slots[name] = value
        if self.mode is None:
            if name == "screening_mode" and isinstance(value, str) and value:
                self.mode, self.question, self.outcome = value, None, False
        elif name == "screening_question" and value and value != NEXT:
            self.question = str(value)
        elif name == "triage_level" and value:
            self.outcome = True

    def reset(self) -> None:
        self.close()
        self.slots = {}

    def close(self) -> None:
        if self.mode is None:
            return
        yes, unsure = _keys(self.slots.get("red_flags")), _keys(self.slots.get("unsure_flags"))
        self.attempts.append(
            Attempt(
                mode=self.mode,
                outcome=self.outcome,
                stage=None if self.outcome else stage_of(self.question),
                answered=_keys(self.slots.get("answered_flags")) | yes | unsure,
                yes=yes,
                unsure=unsure - yes,
            )
        )
        self.mode = None


def _keys(value: Any) -> frozenset[str]:
    return (
        frozenset(v for v in value if isinstance(v, str))
        if isinstance(value, list)
        else frozenset()
    )


def _sender_chunks(
    connection: Connection, since: datetime | None, until: datetime | None
) -> Iterator[list[str]]:
    """The conversations whose first event is in [since, until), CHUNK at a time, in order."""
    first = func.min(EVENTS.c.timestamp)
    query = select(EVENTS.c.sender_id).group_by(EVENTS.c.sender_id)
    if since is not None:
        query = query.having(first >= since.timestamp())
    if until is not None:
        query = query.having(first < until.timestamp())
    query = query.order_by(EVENTS.c.sender_id).limit(CHUNK)
    after: str | None = None
    while True:
        page = query if after is None else query.where(EVENTS.c.sender_id > after)
        senders = list(connection.execute(page).scalars())
        if senders:
            yield senders
        if len(senders) < CHUNK:
            return
        after = senders[-1]


def _events_query(senders: list[str]) -> Any:
    slot_event = and_(
        EVENTS.c.type_name == "slot",
        or_(EVENTS.c.action_name.in_(SLOTS), EVENTS.c.action_name.is_(None)),
    )
    return (
        select(EVENTS.c.sender_id, EVENTS.c.type_name, EVENTS.c.data)
        .where(EVENTS.c.sender_id.in_(senders), or_(slot_event, EVENTS.c.type_name.in_(RESETS)))
        .order_by(EVENTS.c.sender_id, EVENTS.c.id)
    )


def attempts(
    tracker_engine: Engine, since: datetime | None = None, until: datetime | None = None
) -> Iterator[Attempt]:
    """Every screening attempt (Attempt) of the conversations whose first event is in
    [since, until), conversation by conversation. The events are streamed one chunk of
    conversations at a time, only one conversation's slots held at once."""
    with tracker_engine.connect() as connection:
        if not has_events(connection):
            return
        for senders in _sender_chunks(connection, since, until):
            rows = connection.execution_options(stream_results=True, yield_per=1000).execute(
                _events_query(senders)
            )
            sender: str | None = None
            conversation = _Conversation()
            for row in rows:
                if row.sender_id != sender:
                    conversation.close()
                    yield from conversation.attempts
                    sender, conversation = row.sender_id, _Conversation()
                if row.type_name in RESETS:
                    conversation.reset()
                    continue
                data = event_data(row.data)
                if data.get("name") in SLOTS:
                    conversation.slot(str(data["name"]), data.get("value"))
            conversation.close()
            yield from conversation.attempts


def summarise(
    found: Iterable[Attempt], since: datetime | None = None, until: datetime | None = None
) -> ScreeningReport:
    """The report's figures from attempts (see the module docstring for the definitions)."""
    started: Counter[str] = Counter()
    reached: Counter[str] = Counter()
    dropped: dict[str, Counter[str]] = {mode: Counter() for mode in MODES}
    answered: dict[str, Counter[str]] = {mode: Counter() for mode in MODES}
    yes: dict[str, Counter[str]] = {mode: Counter() for mode in MODES}
    unsure: dict[str, Counter[str]] = {mode: Counter() for mode in MODES}
    for attempt in found:
        mode = attempt.mode
        if mode not in MODES:
            continue
        started[mode] += 1
        if attempt.outcome:
            reached[mode] += 1
        else:
            dropped[mode][attempt.stage or NO_QUESTION] += 1
        answered[mode].update(attempt.answered)
        yes[mode].update(attempt.yes & attempt.answered)
        unsure[mode].update(attempt.unsure & attempt.answered)
    modes = tuple(
        ModeReport(
            mode=mode,
            started=started[mode],
            reached_outcome=reached[mode],
            dropped=tuple(
                StageCount(stage, dropped[mode][stage])
                for stage in sorted(dropped[mode], key=stage_order)
            ),
            flags=tuple(
                FlagRate(flag, answered[mode][flag], yes[mode][flag], unsure[mode][flag])
                for flag in sorted(answered[mode], key=flag_order)
            ),
        )
        for mode in MODES
    )
    return ScreeningReport(since=since, until=until, modes=modes)


def screening_report(
    tracker_engine: Engine, since: datetime | None = None, until: datetime | None = None
) -> ScreeningReport:
    """The screening report for conversations whose first event is in [since, until): `since`
    and `until` are aware datetimes, or None for no bound. Empty (all zero) when the tracker
    store has no events table yet."""
    return summarise(attempts(tracker_engine, since, until), since, until)


# ---- the CSV download -----------------------------------------------------------------------

CSV_COLUMNS = ("from", "to", "mode", "measure", "item", "count", "of", "share")


def report_rows(report: ScreeningReport) -> list[tuple[str, ...]]:
    """The report as rows of CSV_COLUMNS: per mode, `conversations` (item started,
    reached_outcome, dropped_out; of = started), `dropped_at` (item a stage; of = started), and
    per flag `yes` and `not_sure` (of = attempts that answered it). Shares to 4 places. `from`
    and `to` are the first and last day included (UTC), empty when open."""
    since = report.since.date().isoformat() if report.since else ""
    last = report.until - timedelta(microseconds=1) if report.until else None
    until = last.date().isoformat() if last else ""

    def row(mode: str, measure: str, item: str, count: int, of: int) -> tuple[str, ...]:
        part = share(count, of)
        shown = "" if part is None else f"{part:.4f}"
        return (since, until, mode, measure, item, str(count), str(of), shown)

    rows = []
    for m in report.modes:
        rows += [
            row(m.mode, "conversations", "started", m.started, m.started),
            row(m.mode, "conversations", "reached_outcome", m.reached_outcome, m.started),
            row(m.mode, "conversations", "dropped_out", m.dropped_out, m.started),
        ]
        rows += [row(m.mode, "dropped_at", s.stage, s.dropped, m.started) for s in m.dropped]
        for rate in m.flags:
            rows.append(row(m.mode, "yes", rate.flag, rate.yes, rate.answered))
            rows.append(row(m.mode, "not_sure", rate.flag, rate.unsure, rate.answered))
    return rows


def report_csv(report: ScreeningReport) -> str:
    """The report as CSV text (a header row of CSV_COLUMNS, then report_rows). Every cell is a
    date, a count, a share or a fixed name: nothing a person typed."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(report_rows(report))
    return out.getvalue()
