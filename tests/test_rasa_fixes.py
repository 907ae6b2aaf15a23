"""The speed fixes to Rasa (bot/rasa_fixes.py) behave exactly as Rasa does: action answers are
accepted and refused alike, with Rasa's explanation; every event name resolves to the same class;
and the Rasa server has them as soon as it loads the project's channels."""

from __future__ import annotations

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.events import Event
from rasa.shared.utils.common import all_subclasses

import bot.channels.rest  # noqa: F401 - loading the channels installs the fix
from bot import rasa_fixes

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


def test_loading_the_channels_installs_the_fix() -> None:
    assert rasa_fixes.installed()


@pytest.mark.parametrize("answer", VALID)
def test_valid_answers_pass_as_with_rasa(answer: dict[str, object]) -> None:
    assert rasa_fixes._ORIGINAL(ACTION, answer) is True
    assert ACTION._validate_action_result(answer) is True


@pytest.mark.parametrize("answer", INVALID)
def test_invalid_answers_are_refused_as_with_rasa(answer: dict[str, object]) -> None:
    with pytest.raises(ValidationError) as original:
        rasa_fixes._ORIGINAL(ACTION, answer)
    with pytest.raises(ValidationError) as fixed:
        ACTION._validate_action_result(answer)
    assert fixed.value.message == original.value.message
    assert "Failed to validate Action server response" in fixed.value.message


def test_every_event_name_resolves_to_the_class_rasa_finds() -> None:
    names = {cls.type_name for cls in all_subclasses(Event)}
    assert {"user", "bot", "action", "slot", "active_loop", "session_started"} <= names
    for name in names:
        assert Event.resolve_by_type(name) is rasa_fixes._ORIGINAL_RESOLVE(name)


def test_an_unknown_event_name_is_refused_as_with_rasa() -> None:
    with pytest.raises(ValueError, match="Unknown event name 'no_such_event'"):
        Event.resolve_by_type("no_such_event")
    assert Event.resolve_by_type("topic") is None  # Rasa's old TopicSet events
