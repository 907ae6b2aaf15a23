"""The patches to Rasa (bot/rasa_ext/patches.py): importing changes nothing, the Rasa server's
entry point installs them all; the speed fixes behave exactly as Rasa does (action answers
accepted and refused alike, with Rasa's explanation; every event name resolves to the same class;
a tracker's applied events are the ones Rasa's own walk finds, at every length of a
conversation); and a failing tracker store raises instead of going on with an empty
conversation."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.core.tracker_store import FailSafeTrackerStore, InMemoryTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActionExecutionRejected,
    ActionReverted,
    ActiveLoop,
    DefinePrevUserUtteredFeaturization,
    Event,
    Restarted,
    SessionStarted,
    SlotSet,
    UserUtteranceReverted,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.utils.common import all_subclasses

from bot.rasa_ext import patches
from bot.settings import ROOT

ORIGINAL_VALIDATE = patches.patch("action_result_validator").original("_validate_action_result")
ORIGINAL_RESOLVE = patches.patch("event_class_table").original("resolve_by_type")
ORIGINAL_APPLIED = patches.patch("applied_events_continued").original("applied_events")

ACTION = RemoteAction("action_greet", None)

VALID = [
    {"events": [], "responses": []},
    {
        "events": [{"event": "slot", "name": "pain_score", "value": 7}],
        "responses": [{"text": "Hi"}],
    },
    {"events": [{"event": "active_loop", "name": None}, {"event": "followup", "name": "x"}]},
    {},
]
INVALID = [
    {"events": "not a list"},
    {"events": [{"event": "slot"}]},  # a slot event needs a name
    {"events": [{"event": "no_such_event"}]},
    {"responses": ["a string, not an object"]},
    [],
]


@pytest.fixture(autouse=True, scope="module")
def _installed() -> Iterator[None]:
    patches.install()  # as python -m bot.rasa_server does; idempotent
    yield


def test_importing_changes_nothing_and_the_entry_point_installs_every_patch() -> None:
    check = (
        "import bot.rasa_ext.channels.rest, bot.rasa_ext.channels.socketio, "
        "bot.rasa_ext.tracker_store, bot.rasa_ext.lock_store, bot.rasa_server\n"
        "from bot.rasa_ext import patches\n"
        "assert not any(p.applied() for p in patches.PATCHES), 'applied at import'\n"
        "try:\n"
        "    bot.rasa_server.main(['--version'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "assert patches.installed()\n"
        "patches.install()\n"  # a second install changes nothing
        "assert patches.installed()\n"
        "print('ok')\n"
    )
    env = {
        "TF_CPP_MIN_LOG_LEVEL": "2",
        "PYTHONWARNINGS": "ignore",
        "PATH": "/usr/bin:/bin",
        "RASA_TELEMETRY_ENABLED": "false",
    }
    command = [sys.executable, "-c", check]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300, env=env)
    assert done.stdout.strip().endswith("ok"), done.stderr[-2000:]


def test_every_patch_names_what_it_replaces_and_why() -> None:
    assert patches.RASA_VERSION == "3.6.21"
    assert len({each.name for each in patches.PATCHES}) == len(patches.PATCHES) == 5
    for each in patches.PATCHES:
        assert each.rasa_source.startswith("rasa/") and each.why and each.upstream
        assert each.applied()
        for attribute in each.replacements:
            assert each.original(attribute) is not getattr(each.owner, attribute)


class _BrokenStore(InMemoryTrackerStore):  # type: ignore[misc]
    """A tracker store whose database is down."""

    async def retrieve(self, sender_id: str) -> None:
        raise ConnectionError("database down")

    async def save(self, tracker: DialogueStateTracker) -> None:
        raise ConnectionError("database down")


def test_a_failing_tracker_store_raises_instead_of_going_on_with_an_empty_conversation() -> None:
    store = FailSafeTrackerStore(_BrokenStore(Domain.empty()))
    with pytest.raises(ConnectionError):
        asyncio.run(store.retrieve("someone"))
    with pytest.raises(ConnectionError):
        asyncio.run(store.save(DialogueStateTracker("someone", [])))
    assert asyncio.run(store.fallback_tracker_store.retrieve("someone")) is None  # nothing kept


@pytest.mark.parametrize("answer", VALID)
def test_valid_answers_pass_as_with_rasa(answer: dict[str, object]) -> None:
    assert ORIGINAL_VALIDATE(ACTION, answer) is True
    assert ACTION._validate_action_result(answer) is True


@pytest.mark.parametrize("answer", INVALID)
def test_invalid_answers_are_refused_as_with_rasa(answer: dict[str, object]) -> None:
    with pytest.raises(ValidationError) as original:
        ORIGINAL_VALIDATE(ACTION, answer)
    with pytest.raises(ValidationError) as fixed:
        ACTION._validate_action_result(answer)
    assert fixed.value.message == original.value.message
    assert "Failed to validate Action server response" in fixed.value.message


def test_every_event_name_resolves_to_the_class_rasa_finds() -> None:
    names = {cls.type_name for cls in all_subclasses(Event)}
    assert {"user", "bot", "action", "slot", "active_loop", "session_started"} <= names
    for name in names:
        assert Event.resolve_by_type(name) is ORIGINAL_RESOLVE(name)


def test_an_unknown_event_name_is_refused_as_with_rasa() -> None:
    with pytest.raises(ValueError, match="Unknown event name 'no_such_event'"):
        Event.resolve_by_type("no_such_event")
    assert Event.resolve_by_type("topic") is None  # Rasa's old TopicSet events


# Applied events: the remembered walk gives Rasa's answer at every length of a conversation.

FORM, OTHER_FORM = "intake_form", "consultation_form"


def _event(kind: int, step: int) -> Event:
    """One of the events that change how Rasa counts applied events."""
    menu: list[Event] = [
        UserUttered("hi", {"name": "greet", "confidence": 1.0}),
        ActionExecuted("action_listen"),
        ActionExecuted(FORM),
        ActionExecuted(OTHER_FORM),
        ActiveLoop(FORM),
        ActiveLoop(OTHER_FORM),
        ActiveLoop(None),
        ActionExecutionRejected(FORM),
        ActionExecuted("utter_ask_age"),
        SlotSet("pain_score", str(step % 11)),
        ActionReverted(),
        UserUtteranceReverted(),
        Restarted(),
        SessionStarted(),
        DefinePrevUserUtteredFeaturization(False),
    ]
    return menu[kind % len(menu)]


def _grow_and_compare(kinds: list[int]) -> None:
    tracker = DialogueStateTracker("grow", [])
    for step, kind in enumerate(kinds):
        tracker.update(_event(kind, step))
        expected = ORIGINAL_APPLIED(tracker)
        assert tracker.applied_events() == expected  # the remembered walk, continued
        assert patches.applied_events(tracker) == expected  # the same answer again


@given(st.lists(st.integers(min_value=0, max_value=14), max_size=60))
@settings(max_examples=300, deadline=None)
def test_applied_events_continue_exactly_as_rasa_computes_them(kinds: list[int]) -> None:
    _grow_and_compare(kinds)


def test_a_form_conversation_is_compressed_as_rasa_does() -> None:
    # listen, user, form twice with a rejection between: Rasa drops the form's earlier steps.
    _grow_and_compare([1, 0, 4, 2, 9, 1, 0, 2, 7, 8, 1, 0, 2, 6, 1, 0, 5, 3, 1, 0, 3, 10, 11, 12])


def test_a_rebuilt_event_list_is_walked_again() -> None:
    tracker = DialogueStateTracker("rebuilt", [])
    for step, kind in enumerate([1, 0, 4, 2, 1, 0, 2]):
        tracker.update(_event(kind, step))
    assert tracker.applied_events() == ORIGINAL_APPLIED(tracker)
    tracker.events.popleft()  # an event dropped at the front (a bounded history)
    tracker.events.append(ActionExecuted(FORM))
    assert tracker.applied_events() == ORIGINAL_APPLIED(tracker)
    tracker.events.clear()
    assert tracker.applied_events() == []
