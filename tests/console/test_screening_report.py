"""The screening report (issue 16 item 4, CLINICAL.md §8.4) read from tracker events.

The conversations are played with the screening's own code (actions/screening.py's validation,
bot/dialogue/grouped.py's next question) and written by Rasa's own SQLTrackerStore, so the rows
are the ones a live bot writes; they are then copied into the test's tracker database (SQLite,
and PostgreSQL as deployed).
"""

from __future__ import annotations

import asyncio
import csv
import dataclasses
import io
import json
import warnings
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import MetaData, Table, select
from sqlalchemy.engine import Engine

from bot.console.screening_report import (
    CSV_COLUMNS,
    NO_QUESTION,
    FlagRate,
    report_csv,
    screening_report,
    stage_of,
)
from bot.db.session import make_engine
from bot.dialogue import grouped
from bot.dialogue.state import case_or_back
from bot.triage import Flag, triage
from tests.console.factories import EVENTS, add_events

DAY = datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc)
LATER = datetime(2026, 12, 10, 9, 0, tzinfo=timezone.utc)  # outside the November range
INTAKE = {"body_region": "lower_back", "duration": "14", "pain_score": "5", "age": "40"}
SCREEN_SLOTS = {"screening_mode": "text", "screening_question": "text", "screening_answer": "text",
                "red_flags": "list", "unsure_flags": "list", "answered_flags": "list",
                "triage_level": "text", "body_region": "text", "duration": "text",
                "pain_score": "text", "age": "text"}  # fmt: skip
LISTS = {"red_flags": [], "unsure_flags": [], "answered_flags": []}


class Chat:
    """One conversation played the way the bot plays it, as Rasa events."""

    def __init__(self, sender: str, start: datetime) -> None:
        from rasa.shared.core.events import ActionExecuted, SessionStarted

        self.sender, self.clock = sender, start
        self.events: list[Any] = []
        self.slots: dict[str, Any] = {}
        self.add(ActionExecuted("action_session_start"), SessionStarted(),
                 ActionExecuted("action_listen"))  # fmt: skip

    def add(self, *events: Any) -> None:
        for event in events:
            self.clock += timedelta(seconds=2)
            event.timestamp = self.clock.timestamp()
            self.events.append(event)

    def set(self, **values: Any) -> None:
        from rasa.shared.core.events import SlotSet

        for name, value in values.items():
            self.add(SlotSet(name, value))
            self.slots[name] = value

    def say(self, text: str) -> None:
        from rasa.shared.core.events import BotUttered, UserUttered

        self.add(UserUttered(text, {"name": "inform", "confidence": 1.0}), BotUttered("Thanks."))

    def intake(self) -> Chat:
        self.say("my lower back has hurt for two weeks")
        self.set(**INTAKE)
        return self

    def new_session(self, after: timedelta = timedelta(hours=2)) -> Chat:
        """The person comes back after the session expired: the slots start empty."""
        from rasa.shared.core.events import ActionExecuted, SessionStarted

        self.clock += after
        self.add(ActionExecuted("action_session_start"), SessionStarted())
        self.slots = {}
        return self

    def restart(self) -> Chat:
        from rasa.shared.core.events import Restarted

        self.add(Restarted())
        self.slots = {}
        return self

    # ---- screening, as actions/screening.py does it ------------------------------------------

    def screen(self, mode: str) -> Chat:
        """ActionAskScreeningAnswer's first turn: the mode, then the first question."""
        self.set(screening_mode=mode, **{k: v for k, v in LISTS.items() if k not in self.slots})
        return self.ask()

    def ask(self) -> Chat:
        from actions.screening import next_question

        if self.slots["screening_mode"] == "grouped":
            ask = grouped.next_ask(self.slots)
            assert ask.kind != "done"
            self.set(screening_question=ask.question)
        else:
            flag = next_question(self.slots)
            assert flag is not None
            self.set(screening_question=flag.value)
        return self

    def answer(self, value: str | dict[str, Any]) -> Chat:
        """ValidateScreeningForm's turn; then the outcome, or the next question."""
        from actions.screening import ends_screening, recorded, recorded_grouped

        self.say(value if isinstance(value, str) else "the ones I tapped")
        asked = self.slots["screening_question"]
        if self.slots["screening_mode"] == "grouped":
            updates = recorded_grouped(self.slots, value if isinstance(value, str)
                                       else json.dumps(value))  # fmt: skip
        else:
            assert isinstance(value, str)
            updates = recorded(self.slots, Flag(asked), value)  # type: ignore[arg-type]
        self.set(**updates)
        if ends_screening(updates):
            case = dataclasses.replace(case_or_back(self.slots, {}), screening_complete=True)
            self.set(triage_level=triage(case).level.value)
            return self
        return self.ask()

    def answer_all(self, value: str = "no", **answers: str) -> Chat:
        """Answer every question `value` (a flag named in `answers` gets its own) to the end."""
        while "triage_level" not in self.slots:
            question = self.slots["screening_question"]
            self.answer(answers.get(question, value))
        return self


def conversations() -> list[Chat]:
    single = [
        Chat("s-none", DAY).intake().screen("single").answer_all(),
        Chat("s-chest-yes", DAY).intake().screen("single").answer("yes"),
        Chat("s-drop-fainting", DAY).intake().screen("single").answer("no").answer("no"),
        Chat("s-night-unsure", DAY).intake().screen("single").answer_all(night_pain="unsure"),
        # Dropped at the first question, restarted, and screened to the end.
        Chat("s-restart", DAY).intake().screen("single").restart().intake().screen("single")
        .answer_all(),
    ]  # fmt: skip
    group = [
        Chat("g-none", DAY).intake().screen("grouped").answer_all(),
        Chat("g-b2-saddle", DAY).intake().screen("grouped").answer("no").answer("yes")
        .answer({"chosen": ["saddle_numbness"]}),
        Chat("g-which-drop", DAY).intake().screen("grouped").answer("no").answer("unsure"),
        Chat("g-b2-drop", DAY).intake().screen("grouped").answer("no"),
        Chat("g-clarify-drop", DAY).intake().screen("grouped").answer("unsure")
        .answer({"unsure": ["tearing_pain"]}),
        # Stopped at the first group; came back in a new session and finished.
        Chat("g-new-session", DAY).intake().screen("grouped").new_session().intake()
        .screen("grouped").answer_all(),
        Chat("g-december", LATER).intake().screen("grouped").answer_all(),
    ]  # fmt: skip
    intake_only = Chat("no-screening", DAY).intake()
    intake_only.set(triage_level="self_care")
    return [*single, *group, intake_only]


@pytest.fixture(scope="module")
def rasa_rows(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    """The events of conversations() as Rasa's SQLTrackerStore writes them."""
    path = tmp_path_factory.mktemp("rasa") / "rasa-tracker.sqlite3"
    # Rasa's tracker store uses SQLAlchemy APIs that 1.4 deprecates, and the actions import
    # libraries that use deprecated APIs of theirs: keep those warnings out of the report.
    with warnings.catch_warnings(record=True):
        from rasa.core.tracker_store import SQLTrackerStore
        from rasa.shared.core.domain import Domain
        from rasa.shared.core.trackers import DialogueStateTracker

        domain = Domain.from_dict({"slots": {
            name: {"type": kind, "influence_conversation": False,
                   "mappings": [{"type": "custom"}]}
            for name, kind in SCREEN_SLOTS.items()
        }})  # fmt: skip
        store = SQLTrackerStore(domain, dialect="sqlite", db=str(path))
        for chat in conversations():
            tracker = DialogueStateTracker.from_events(chat.sender, chat.events, domain.slots)
            asyncio.run(store.save(tracker))
    engine = make_engine(f"sqlite:///{path}")
    with engine.connect() as connection:
        written = Table("events", MetaData(), autoload_with=connection)
        rows = [dict(row._mapping) for row in connection.execute(select(written))]
    engine.dispose()
    return rows


@pytest.fixture
def store(tracker: Engine, rasa_rows: list[dict[str, Any]]) -> Iterator[Engine]:
    with tracker.begin() as connection:
        connection.execute(EVENTS.insert(), rasa_rows)
    yield tracker


NOVEMBER = (datetime(2026, 11, 1, tzinfo=timezone.utc), datetime(2026, 12, 1, tzinfo=timezone.utc))


def test_rasa_wrote_the_slot_name_and_the_values_read(rasa_rows: list[dict[str, Any]]) -> None:
    slots = [r for r in rasa_rows if r["type_name"] == "slot"]
    assert {r["action_name"] for r in slots} >= {"screening_mode", "screening_question"}
    assert {"session_started", "restart"} <= {r["type_name"] for r in rasa_rows}


def test_started_reached_an_outcome_and_dropped_out_per_mode(store: Engine) -> None:
    report = screening_report(store, *NOVEMBER)
    single, group = report.modes
    assert (single.mode, single.started, single.reached_outcome, single.dropped_out) == (
        "single", 6, 4, 2,  # s-restart counts twice: once dropped, once finished
    )  # fmt: skip
    assert [(s.stage, s.dropped) for s in single.dropped] == [("chest_pain", 1), ("fainting", 1)]
    assert (group.mode, group.started, group.reached_outcome) == ("grouped", 7, 3)
    assert [(s.stage, s.dropped) for s in group.dropped] == [
        ("B1", 1),  # g-new-session's first session
        ("B2", 1),
        ("which B2", 1),
        ("clarify tearing_pain", 1),
    ]
    assert single.completion == pytest.approx(4 / 6) and group.completion == pytest.approx(3 / 7)


def test_per_flag_yes_and_not_sure_among_those_who_answered_it(store: Engine) -> None:
    report = screening_report(store, *NOVEMBER)
    single, group = report.mode("single"), report.mode("grouped")
    chest = single.rate("chest_pain")
    # Answered by all but the attempt dropped at it; one yes (which ended the screening).
    assert (chest.answered, chest.yes, chest.unsure) == (5, 1, 0)
    assert chest.yes_share == pytest.approx(0.2) and chest.unsure_share == 0
    night = single.rate("night_pain")
    assert (night.answered, night.yes, night.unsure) == (3, 0, 1)
    # Grouped: B1 answered by every attempt that got past it, tearing pain "not sure" once (an
    # item not tapped in the follow-up is a no); the B2 items by those that answered B2.
    assert (group.rate("chest_pain").answered, group.rate("chest_pain").yes) == (6, 0)
    tearing = group.rate("tearing_pain")
    assert (tearing.answered, tearing.yes, tearing.unsure) == (6, 0, 1)
    saddle = group.rate("saddle_numbness")
    assert (saddle.answered, saddle.yes, saddle.unsure) == (3, 1, 0)
    bladder = group.rate("bladder_dysfunction")  # listed in g-b2-saddle's follow-up, not tapped
    assert (bladder.answered, bladder.yes) == (3, 0)
    assert group.rate("night_pain").answered == 2  # the two that finished with all "none"
    assert single.rate("lhermitte") == FlagRate("lhermitte")  # a neck sign: never asked here
    assert report.flags[:4] == ("chest_pain", "tearing_pain", "fainting", "aortic_aneurysm")
    assert report.stages == (
        "B1", "B2", "which B2", "clarify tearing_pain", "chest_pain", "fainting",
    )  # fmt: skip


def test_the_date_range_is_on_the_conversations_first_event(store: Engine) -> None:
    everything = screening_report(store)
    assert everything.mode("grouped").started == 8  # with g-december
    december = screening_report(store, since=datetime(2026, 12, 1, tzinfo=timezone.utc))
    assert (december.mode("single").started, december.mode("grouped").started) == (0, 1)
    # g-new-session's second session is on a later day, but the conversation began on DAY.
    day_after = DAY.replace(hour=0) + timedelta(days=1)
    only_day = screening_report(store, DAY.replace(hour=0), day_after)
    assert only_day.mode("grouped").started == 7
    assert screening_report(store, day_after, NOVEMBER[1]).mode("grouped").started == 0


def test_conversations_are_read_in_chunks(store: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.console import screening_report as module

    whole = screening_report(store)
    monkeypatch.setattr(module, "CHUNK", 2)
    assert screening_report(store) == whole


def test_no_events_table_or_no_screening_gives_zeros(tmp_path: Path, tracker: Engine) -> None:
    empty = screening_report(make_engine(f"sqlite:///{tmp_path / 'none.sqlite3'}"))
    assert [(m.mode, m.started, m.dropped, m.flags) for m in empty.modes] == [
        ("single", 0, (), ()),
        ("grouped", 0, (), ()),
    ]
    assert empty.mode("single").completion is None
    add_events(tracker, "chat-only", ("user", DAY, {"text": "hello"}))
    assert screening_report(tracker).mode("single").started == 0


def test_rows_without_the_slot_name_column_are_read_too(tracker: Engine) -> None:
    """Rows written without Rasa's action_name (an import, an older writer) still count."""
    add_events(
        tracker,
        "plain",
        ("slot", DAY, {"name": "screening_mode", "value": "grouped"}),
        ("slot", DAY, {"name": "screening_question", "value": "group:B1"}),
        ("slot", DAY, {"name": "answered_flags", "value": ["chest_pain", "fainting"]}),
        ("slot", DAY, {"name": "screening_question", "value": "next"}),
        ("slot", DAY, {"name": "unsure_flags", "value": ["fainting"]}),
        ("slot", DAY, {"name": "screening_question", "value": "which:B1:unsure:fainting"}),
    )
    group = screening_report(tracker).mode("grouped")
    assert [(s.stage, s.dropped) for s in group.dropped] == [("which B1", 1)]
    assert (group.rate("fainting").answered, group.rate("fainting").unsure) == (1, 1)


def test_a_level_set_before_screening_began_is_not_its_outcome(tracker: Engine) -> None:
    add_events(
        tracker,
        "early-level",
        ("slot", DAY, {"name": "triage_level", "value": "doctor_today"}),
        ("slot", DAY, {"name": "screening_mode", "value": "single"}),
        ("slot", DAY, {"name": "screening_question", "value": "chest_pain"}),
    )
    single = screening_report(tracker).mode("single")
    assert (single.started, single.reached_outcome, single.dropped_at("chest_pain")) == (1, 0, 1)


@pytest.mark.parametrize(
    ("question", "stage"),
    [
        ("chest_pain", "chest_pain"),
        ("group:N3", "N3"),
        ("which:B2:yes:saddle_numbness,unable_to_walk", "which B2"),
        ("clarify:fever", "clarify fever"),
        ("inflammatory_pattern", "inflammatory_pattern"),
        (None, NO_QUESTION),
    ],
)
def test_stage_names(question: str | None, stage: str) -> None:
    assert stage_of(question) == stage


def test_the_csv_holds_the_same_figures(store: Engine) -> None:
    report = screening_report(store, *NOVEMBER)
    rows = list(csv.reader(io.StringIO(report_csv(report))))
    assert tuple(rows[0]) == CSV_COLUMNS
    by_key = {(r[2], r[3], r[4]): r for r in rows[1:]}
    assert by_key[("grouped", "conversations", "started")][:2] == ["2026-11-01", "2026-11-30"]
    assert by_key[("grouped", "conversations", "reached_outcome")][5:] == ["3", "7", "0.4286"]
    assert by_key[("single", "dropped_at", "fainting")][5:] == ["1", "6", "0.1667"]
    assert by_key[("grouped", "dropped_at", "which B2")][5:] == ["1", "7", "0.1429"]
    assert by_key[("single", "yes", "chest_pain")][5:] == ["1", "5", "0.2000"]
    assert by_key[("grouped", "not_sure", "tearing_pain")][5:] == ["1", "6", "0.1667"]
    flag_rows = [r for r in rows[1:] if r[3] in ("yes", "not_sure")]
    assert len(flag_rows) == 2 * sum(len(m.flags) for m in report.modes)
