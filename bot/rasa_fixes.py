"""Two speed fixes to Rasa 3.6 found by profiling (docs/BENCHMARKS.md, "Where the time goes").

1. Rasa checks every answer from the action server against a JSON schema with
`jsonschema.validate(answer, schema)` (rasa/core/actions/action.py,
`RemoteAction._validate_action_result`). That function first finds the validator class for the
schema and checks the schema itself against the JSON-Schema meta-schema, on every call, before it
looks at the answer. The schema never changes, so that work is wasted: profiling SpineBot's Rasa
server under the benchmark's conversations put about half of its busy time there.

   The fix validates against a validator built once. The answer is checked exactly as before
   (same schema, same draft, the best-matching error raised with Rasa's explanation), so an
   invalid answer from an action server is still refused.

2. Every stored event read back from the tracker store, and every event an action returns, is
   turned into its class by `Event.resolve_by_type`, which walks the whole tree of Event
   subclasses for each one (rasa/shared/core/events.py). A conversation of 200 events walks it
   200 times per message. The fix looks the class up in a table built from the same walk, in
   the same order (so the same class wins when two share a name); a name not in the table is
   resolved the original way.

3. Rasa asks a tracker for its "applied events" (the events left after undoing reverted ones and
   the repeated steps of a form) several times per message: to check the session, then once for
   every prediction of every policy (`DialogueStateTracker.applied_events`, which walks every
   event of the conversation, and for each step of a form walks back through the events before
   it). A triage's late turns spent a fifth of the server's time there. The fix remembers the
   answer on the tracker, with the events it was computed from; when the tracker has only
   gained events since, it continues from the remembered answer with the new ones, exactly as
   the walk would have gone on; anything else (an event list rebuilt, events dropped, a new form
   name appearing, which changes how earlier events count) recomputes it Rasa's way.

`install()` applies all three. It runs when the Rasa server loads this project's channels
(bot/channels/rest.py), so every Rasa server that uses credentials.yml has them, including the
benchmark's comparator (a).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from jsonschema import validators
from jsonschema.exceptions import best_match
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL
from rasa.shared.core.events import (
    ActionExecuted,
    ActionReverted,
    ActiveLoop,
    Event,
    Restarted,
    SessionStarted,
    UserUtteranceReverted,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.utils.common import all_subclasses

_ORIGINAL = RemoteAction._validate_action_result
_ORIGINAL_RESOLVE = Event.resolve_by_type
_ORIGINAL_APPLIED = DialogueStateTracker.applied_events
_MEMO = "_spinebot_applied_events"


@cache
def _validator() -> Any:
    schema = RemoteAction.action_response_format_spec()
    cls = validators.validator_for(schema)
    cls.check_schema(schema)  # once, instead of on every answer
    return cls(schema)


def validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
    """RemoteAction._validate_action_result with the validator built once."""
    error = best_match(_validator().iter_errors(result))
    if error is None:
        return True
    error.message += (
        ". Failed to validate Action server response from API, make sure your response from "
        f"the Action endpoint is valid. For more information about the format visit "
        f"{DOCS_BASE_URL}/custom-actions"
    )
    raise error


@cache
def _event_classes() -> dict[str, type[Event]]:
    table: dict[str, type[Event]] = {}
    for cls in all_subclasses(Event):
        table.setdefault(cls.type_name, cls)  # the first in Rasa's walk wins, as in Rasa
    return table


def resolve_by_type(type_name: str, default: type[Event] | None = None) -> type[Event] | None:
    """Event.resolve_by_type from a table instead of a walk of the class tree."""
    found = _event_classes().get(type_name)
    if found is not None:
        return found
    resolved: type[Event] | None = _ORIGINAL_RESOLVE(type_name, default)
    return resolved


@dataclass(frozen=True)
class _Applied:
    count: int  # how many of the tracker's events were walked
    first: Event  # the first of them and the last, to recognise the same list grown
    last: Event
    loop_names: frozenset[str]
    applied: tuple[Event, ...]


def _loop_names(events: Iterable[Event]) -> set[str]:
    return {event.name for event in events if isinstance(event, ActiveLoop) and event.name}


def _walk(
    tracker: DialogueStateTracker,
    applied: list[Event],
    events: Iterable[Event],
    loops: frozenset[str],
) -> None:
    """Rasa's walk over `events`, continuing from `applied` (changed in place)."""
    for event in events:
        if isinstance(event, (Restarted, SessionStarted)):
            applied.clear()
        elif isinstance(event, ActionReverted):
            tracker._undo_till_previous(ActionExecuted, applied)
        elif isinstance(event, UserUtteranceReverted):
            tracker._undo_till_previous(UserUttered, applied)
            tracker._undo_till_previous(ActionExecuted, applied)
        elif (
            isinstance(event, ActionExecuted)
            and event.action_name in loops
            and not tracker._first_loop_execution_or_unhappy_path(event.action_name, applied)
        ):
            tracker._undo_till_previous_loop_execution(event.action_name, applied)
        else:
            applied.append(event)


def applied_events(self: DialogueStateTracker) -> list[Event]:
    """DialogueStateTracker.applied_events, continued from the last answer when possible."""
    events = self.events
    count = len(events)
    if count == 0:
        return []
    memo: _Applied | None = self.__dict__.get(_MEMO)
    if (
        memo is not None
        and count >= memo.count
        and events[0] is memo.first
        and (events[memo.count - 1] is memo.last)
    ):
        if count == memo.count:
            return list(memo.applied)
        new = list(itertools.islice(events, memo.count, count))
        if _loop_names(new) <= memo.loop_names:
            applied = list(memo.applied)
            _walk(self, applied, new, memo.loop_names)
            self.__dict__[_MEMO] = replace(
                memo, count=count, last=events[-1], applied=tuple(applied)
            )
            return applied
    loops = frozenset(_loop_names(events))
    applied = []
    _walk(self, applied, events, loops)
    self.__dict__[_MEMO] = _Applied(count, events[0], events[-1], loops, tuple(applied))
    return applied


def install() -> None:
    RemoteAction._validate_action_result = validate_action_result
    Event.resolve_by_type = staticmethod(resolve_by_type)
    DialogueStateTracker.applied_events = applied_events


def installed() -> bool:
    return (
        RemoteAction._validate_action_result is validate_action_result
        and Event.resolve_by_type is resolve_by_type
        and DialogueStateTracker.applied_events is applied_events
    )


__all__ = ["applied_events", "install", "installed", "resolve_by_type", "validate_action_result"]
