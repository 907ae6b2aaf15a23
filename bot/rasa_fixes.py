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

`install()` applies both. It runs when the Rasa server loads this project's channels
(bot/channels/rest.py), so every Rasa server that uses credentials.yml has them, including the
benchmark's comparator (a).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from jsonschema import validators
from jsonschema.exceptions import best_match
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL
from rasa.shared.core.events import Event
from rasa.shared.utils.common import all_subclasses

_ORIGINAL = RemoteAction._validate_action_result
_ORIGINAL_RESOLVE = Event.resolve_by_type


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


def install() -> None:
    RemoteAction._validate_action_result = validate_action_result
    Event.resolve_by_type = staticmethod(resolve_by_type)


def installed() -> bool:
    return (
        RemoteAction._validate_action_result is validate_action_result
        and Event.resolve_by_type is resolve_by_type
    )


__all__ = ["install", "installed", "resolve_by_type", "validate_action_result"]
