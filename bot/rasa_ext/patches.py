"""Every change this project makes to Rasa's own code, each a named `Patch`, applied by `install()`.

Written against Rasa 3.6.21 (`RASA_VERSION`). Nothing here is applied when this module is
imported: `python -m bot.rasa_server` (the Rasa server's entry point) calls `install()` once,
before Rasa's command line runs, and the channels refuse to start if it has not
(bot/rasa_ext/channels/guard.py). tests/rasa_ext/test_patch_shapes.py fails, naming the patch
to re-check, if a Rasa upgrade changes the signature or the source of anything replaced here.

Speed (found by profiling; docs/BENCHMARKS.md, "Where the time goes"):

1. `action_result_validator` - rasa/core/actions/action.py, `RemoteAction._validate_action_result`.
   Rasa checks every answer from the action server with `jsonschema.validate(answer, schema)`,
   which finds the validator class and checks the schema itself against the JSON-Schema
   meta-schema on every call, before it looks at the answer. The schema never changes, yet
   that was about half of the Rasa server's busy time under the benchmark's conversations.
   The replacement validates against a validator built once. The answer is checked exactly as
   before (same schema, same draft, the best-matching error raised with Rasa's explanation).

2. `event_class_table` - rasa/shared/core/events.py, `Event.resolve_by_type`. Every stored event
   read back and every event an action returns is turned into its class by a walk of the whole
   tree of Event subclasses, once per event. The replacement looks the class up in a table built
   from the same walk, in the same order (so the same class wins when two share a name); a name
   not in the table is resolved the original way.

3. `applied_events_continued` - rasa/shared/core/trackers.py,
   `DialogueStateTracker.applied_events`. Rasa asks for a tracker's applied events (the events
   left after undoing reverted ones and the repeated steps of a form) several times per message,
   and each answer walks the whole conversation (a triage's late turns spent a fifth of the
   server's time there). The replacement remembers the answer on the tracker with the events it
   came from; when the tracker has only gained events since, it continues the walk with the new
   ones; anything else (an event list rebuilt, events dropped, a new form name appearing, which
   changes how earlier events count) recomputes it Rasa's way.

Safety (a failure must reach the person as guidance, bot/rasa_ext/channels/guard.py):

4. `remote_action_failures_noted` - rasa/core/actions/action.py, `RemoteAction.run`. Rasa's
   processor (rasa/core/processor.py, `MessageProcessor._run_action`) logs a failing custom
   action, drops its events and goes on, so the person gets no reply or half of one. The
   replacement notes the failure's type for the message being handled (`failures_noted()`)
   and re-raises, so Rasa behaves as before and the guard can add guidance afterwards.

5. `tracker_store_errors_raised` - rasa/core/tracker_store.py, `FailSafeTrackerStore.retrieve`,
   `.retrieve_full_tracker` and `.save`. Rasa wraps the configured tracker store in a
   FailSafeTrackerStore that logs an error (whose text can hold the SQL parameters: the
   person's message) and carries on with an empty conversation on a failed read, or keeps the
   tracker in memory on a failed write. The replacements call the wrapped store directly, so
   its errors are raised and the guard answers with guidance.

No upstream issue is known for any of these five.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from functools import cache
from types import MappingProxyType
from typing import Any

from jsonschema import validators
from jsonschema.exceptions import best_match
from rasa.core.actions.action import ActionExecutionRejection, RemoteAction
from rasa.core.tracker_store import FailSafeTrackerStore
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

RASA_VERSION = "3.6.21"  # the Rasa every patch was written against and checked with

NO_UPSTREAM_ISSUE = "no upstream issue known"


@dataclass(frozen=True)
class Patch:
    """One named change to a Rasa class: which attributes it replaces, with what, and why.

    `originals` are Rasa's own attributes, read when this module is imported (before any
    install), so they can be compared and called whether or not the patch is installed.
    """

    name: str
    owner: type  # the Rasa class whose attributes are replaced
    replacements: Mapping[str, Any]  # attribute name -> what install() sets
    rasa_source: str  # the Rasa file and function the patch replaces
    upstream: str  # the upstream issue it works around, or NO_UPSTREAM_ISSUE
    why: str
    originals: Mapping[str, Any] = field(init=False)

    def __post_init__(self) -> None:
        originals = {name: self.owner.__dict__[name] for name in self.replacements}
        object.__setattr__(self, "originals", MappingProxyType(originals))

    def original(self, attribute: str) -> Any:
        """Rasa's own function for `attribute` (a staticmethod unwrapped), callable as Rasa's."""
        value = self.originals[attribute]
        return value.__func__ if isinstance(value, staticmethod) else value

    def apply(self) -> None:
        """Set every replacement on the Rasa class (applying twice changes nothing)."""
        for attribute, replacement in self.replacements.items():
            setattr(self.owner, attribute, replacement)

    def applied(self) -> bool:
        """Whether every replacement is what the Rasa class holds now."""
        return all(
            self.owner.__dict__.get(attribute) is replacement
            for attribute, replacement in self.replacements.items()
        )


# 1. action_result_validator


@cache
def _validator() -> Any:
    schema = RemoteAction.action_response_format_spec()
    cls = validators.validator_for(schema)
    cls.check_schema(schema)  # once, instead of on every answer
    return cls(schema)


def validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
    """RemoteAction._validate_action_result with the validator built once.

    Returns True for a valid answer; raises jsonschema's ValidationError, with Rasa's
    explanation appended, for an invalid one.
    """
    error = best_match(_validator().iter_errors(result))
    if error is None:
        return True
    error.message += (
        ". Failed to validate Action server response from API, make sure your response from "
        f"the Action endpoint is valid. For more information about the format visit "
        f"{DOCS_BASE_URL}/custom-actions"
    )
    raise error


# 2. event_class_table


@cache
def _event_classes() -> dict[str, type[Event]]:
    table: dict[str, type[Event]] = {}
    for cls in all_subclasses(Event):
        table.setdefault(cls.type_name, cls)  # the first in Rasa's walk wins, as in Rasa
    return table


def resolve_by_type(type_name: str, default: type[Event] | None = None) -> type[Event] | None:
    """Event.resolve_by_type from a table instead of a walk of the class tree.

    Returns the Event subclass named `type_name`; an unknown name goes to Rasa's own lookup,
    which returns `default`, None for Rasa's retired names, or raises ValueError.
    """
    found = _event_classes().get(type_name)
    if found is not None:
        return found
    resolved: type[Event] | None = _ORIGINAL_RESOLVE(type_name, default)
    return resolved


# 3. applied_events_continued

_MEMO = "_spinebot_applied_events"


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
    """DialogueStateTracker.applied_events, continued from the last answer when possible.

    Returns a new list of the tracker's applied events, equal to Rasa's own answer.
    """
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


# 4. remote_action_failures_noted

# The failures seen while the current message is handled (None outside failures_noted()).
_failures: ContextVar[list[str] | None] = ContextVar("spinebot_failures", default=None)


@contextmanager
def failures_noted() -> Iterator[list[str]]:
    """A list that collects the type names of custom actions failing inside the `with` block.

    Each message's handling gets its own list (a context variable), so concurrent messages
    never see each other's failures. Needs `install()` to have run to see anything.
    """
    found: list[str] = []
    token = _failures.set(found)
    try:
        yield found
    finally:
        _failures.reset(token)


async def run_noting_failures(self: RemoteAction, *args: Any, **kwargs: Any) -> Any:
    """RemoteAction.run, noting a failure for `failures_noted()` before Rasa swallows it.

    Returns what Rasa's RemoteAction.run returns and raises what it raises.
    """
    try:
        return await _ORIGINAL_RUN(self, *args, **kwargs)
    except ActionExecutionRejection:
        raise  # a form refusing an answer: part of the dialogue, not a failure
    except Exception as error:
        found = _failures.get()
        if found is not None:
            found.append(type(error).__name__)
        raise


# 5. tracker_store_errors_raised


async def retrieve_raising(self: FailSafeTrackerStore, sender_id: str) -> Any:
    """FailSafeTrackerStore.retrieve without the fallback: the wrapped store's errors raise."""
    return await self._tracker_store.retrieve(sender_id)


async def retrieve_full_tracker_raising(self: FailSafeTrackerStore, sender_id: str) -> Any:
    """FailSafeTrackerStore.retrieve_full_tracker without the fallback (errors raise)."""
    return await self._tracker_store.retrieve_full_tracker(sender_id)


async def save_raising(self: FailSafeTrackerStore, tracker: DialogueStateTracker) -> None:
    """FailSafeTrackerStore.save without the fallback: the wrapped store's errors raise."""
    await self._tracker_store.save(tracker)


PATCHES: tuple[Patch, ...] = (
    Patch(
        "action_result_validator",
        RemoteAction,
        {"_validate_action_result": validate_action_result},
        "rasa/core/actions/action.py, RemoteAction._validate_action_result",
        NO_UPSTREAM_ISSUE,
        "the JSON schema was checked against its meta-schema on every action answer",
    ),
    Patch(
        "event_class_table",
        Event,
        {"resolve_by_type": staticmethod(resolve_by_type)},
        "rasa/shared/core/events.py, Event.resolve_by_type",
        NO_UPSTREAM_ISSUE,
        "every event read back walked the whole tree of Event subclasses",
    ),
    Patch(
        "applied_events_continued",
        DialogueStateTracker,
        {"applied_events": applied_events},
        "rasa/shared/core/trackers.py, DialogueStateTracker.applied_events",
        NO_UPSTREAM_ISSUE,
        "the whole conversation was walked again for every policy's prediction",
    ),
    Patch(
        "remote_action_failures_noted",
        RemoteAction,
        {"run": run_noting_failures},
        "rasa/core/actions/action.py, RemoteAction.run (swallowed in rasa/core/processor.py, "
        "MessageProcessor._run_action)",
        NO_UPSTREAM_ISSUE,
        "a failing custom action left the person without a reply, and nothing said so",
    ),
    Patch(
        "tracker_store_errors_raised",
        FailSafeTrackerStore,
        {
            "retrieve": retrieve_raising,
            "retrieve_full_tracker": retrieve_full_tracker_raising,
            "save": save_raising,
        },
        "rasa/core/tracker_store.py, FailSafeTrackerStore.retrieve, .retrieve_full_tracker "
        "and .save",
        NO_UPSTREAM_ISSUE,
        "a failing tracker store logged the SQL with the message and went on with an empty "
        "conversation",
    ),
)

_BY_NAME = {patch.name: patch for patch in PATCHES}
_ORIGINAL_RESOLVE = _BY_NAME["event_class_table"].original("resolve_by_type")
_ORIGINAL_RUN = _BY_NAME["remote_action_failures_noted"].original("run")


def patch(name: str) -> Patch:
    """The patch called `name` (one of PATCHES); KeyError for an unknown name."""
    return _BY_NAME[name]


def install() -> None:
    """Apply every patch to Rasa's classes in this process (idempotent)."""
    for each in PATCHES:
        each.apply()


def installed() -> bool:
    """Whether every patch is applied in this process."""
    return all(each.applied() for each in PATCHES)


__all__ = [
    "PATCHES",
    "RASA_VERSION",
    "Patch",
    "applied_events",
    "failures_noted",
    "install",
    "installed",
    "patch",
    "resolve_by_type",
    "validate_action_result",
]
