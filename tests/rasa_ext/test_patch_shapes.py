"""Rasa's code that this project replaces or builds on is the code the patches were written for.

Every patch in bot/rasa_ext/patches.py replaces a Rasa function, and the channels and stores in
bot/rasa_ext/ override Rasa methods and call Rasa helpers. Each is recorded here as it is in Rasa
3.6.21: its parameters (names and kinds) and a hash of its source. Upgrading Rasa, or any change
to those functions, makes a test below fail and name the patch or module to re-check against
the new code; after checking, record the new values (the message prints them).
"""

from __future__ import annotations

import hashlib
import importlib
import inspect
from collections.abc import Callable
from typing import Any

import pytest
import rasa

from bot.rasa_ext import patches

# (patch name, attribute it replaces): (Rasa's parameters, sha256 of Rasa's source, 16 hex)
PATCHED: dict[tuple[str, str], tuple[str, str]] = {
    ("action_result_validator", "_validate_action_result"): ("self, result", "f8cdb4be68123961"),
    ("event_class_table", "resolve_by_type"): ("type_name, default", "b5cf570fa7f286c7"),
    ("applied_events_continued", "applied_events"): ("self", "764d5065ea9997d6"),
    ("remote_action_failures_noted", "run"): (
        "self, output_channel, nlg, tracker, domain",
        "ccabf6f1160d527a",
    ),
    ("tracker_store_errors_raised", "retrieve"): ("self, sender_id", "35d77318b0cc7977"),
    ("tracker_store_errors_raised", "retrieve_full_tracker"): (
        "self, sender_id",
        "5272a6be0919b511",
    ),
    ("tracker_store_errors_raised", "save"): ("self, tracker", "8426dc08f58d7110"),
}

# (Rasa module, Class.method): (parameters, source hash) for what bot/rasa_ext/ overrides or calls.
RELIED_ON: dict[tuple[str, str], tuple[str, str]] = {
    ("rasa.core.channels.rest", "RestInput.blueprint"): (
        "self, on_new_message",
        "886a9338e4c2505a",
    ),
    ("rasa.core.channels.rest", "RestInput._extract_sender"): ("self, req", "1a9567a3062f0ab8"),
    ("rasa.core.channels.rest", "RestInput._extract_message"): ("self, req", "5182b25edf8d4baa"),
    ("rasa.core.channels.rest", "RestInput._extract_input_channel"): (
        "self, req",
        "ca08e7f6dc2980a5",
    ),
    ("rasa.core.channels.rest", "RestInput.get_metadata"): ("self, request", "26d23d28acfa89db"),
    ("rasa.core.channels.socketio", "SocketIOInput.__init__"): (
        "self, user_message_evt, bot_message_evt, namespace, session_persistence, socketio_path, "
        "jwt_key, jwt_method, metadata_key",
        "d9f5d7dbc59ba16b",
    ),
    ("rasa.core.channels.socketio", "SocketIOInput.blueprint"): (
        "self, on_new_message",
        "1246d69fa05c3b1f",
    ),
    ("rasa.core.channels.socketio", "SocketIOInput.get_output_channel"): (
        "self",
        "4b910f3c961c8ea4",
    ),
    ("rasa.core.channels.socketio", "SocketIOOutput.__init__"): (
        "self, sio, bot_message_evt",
        "8d2e708319c96bca",
    ),
    ("rasa.core.channels.socketio", "SocketIOOutput.send_custom_json"): (
        "self, recipient_id, json_message, **kwargs",
        "d777390bb194448a",
    ),
    ("rasa.core.channels.socketio", "SocketIOOutput._send_message"): (
        "self, socket_id, response",
        "7e650a5b43f28180",
    ),
    ("rasa.core.tracker_store", "SQLTrackerStore.__init__"): (
        "self, domain, dialect, host, port, db, username, password, event_broker, login_db, "
        "query, **kwargs",
        "64e704d159dfa35b",
    ),
    ("rasa.core.tracker_store", "SQLTrackerStore.retrieve"): (
        "self, sender_id",
        "0d99846daced97d3",
    ),
    ("rasa.core.tracker_store", "SQLTrackerStore.save"): ("self, tracker", "57165e46eab3de08"),
    ("rasa.core.tracker_store", "SQLTrackerStore._event_query"): (
        "self, session, sender_id, fetch_events_from_all_sessions",
        "cd44f7901b860bfd",
    ),
    ("rasa.core.tracker_store", "SQLTrackerStore._additional_events"): (
        "self, session, tracker",
        "d22f99eb863acb07",
    ),
    ("rasa.core.tracker_store", "SQLTrackerStore.session_scope"): ("self", "6775e1ede3ec8d2d"),
    ("rasa.core.tracker_store", "TrackerStore.stream_events"): (
        "self, tracker",
        "efd3615f5340218a",
    ),
    ("rasa.core.tracker_store", "FailSafeTrackerStore.__init__"): (
        "self, tracker_store, on_tracker_store_error, fallback_tracker_store",
        "a1d5d95d2f96830b",
    ),
    ("rasa.core.lock_store", "LockStore.lock"): (
        "self, conversation_id, lock_lifetime, wait_time_in_seconds",
        "8b9b716c031a3444",
    ),
    ("rasa.core.lock_store", "LockStore.issue_ticket"): (
        "self, conversation_id, lock_lifetime",
        "4dfdfb5e62c1dda9",
    ),
    ("rasa.core.lock_store", "LockStore.get_lock"): ("self, conversation_id", "c1ce212dd72b643d"),
    ("rasa.core.lock_store", "LockStore.delete_lock"): (
        "self, conversation_id",
        "b1517a9dc4bca5a8",
    ),
    ("rasa.core.lock_store", "LockStore.save_lock"): ("self, lock", "3368e86c6e79a295"),
    ("rasa.shared.core.trackers", "DialogueStateTracker._undo_till_previous"): (
        "event_type, done_events",
        "3a3710e5e73cb945",
    ),
    ("rasa.shared.core.trackers", "DialogueStateTracker._undo_till_previous_loop_execution"): (
        "loop_action_name, done_events",
        "7ecfe12cccb39814",
    ),
    ("rasa.shared.core.trackers", "DialogueStateTracker._first_loop_execution_or_unhappy_path"): (
        "self, loop_action_name, applied_events",
        "b67fe33e30d9b68c",
    ),
    ("rasa.core.actions.action", "RemoteAction.action_response_format_spec"): (
        "",
        "091b74aa3738d126",
    ),
}

# Which of this project's modules relies on each Rasa module's code.
RELIED_ON_BY = {
    "rasa.core.channels.rest": "bot/rasa_ext/channels/rest.py",
    "rasa.core.channels.socketio": "bot/rasa_ext/channels/socketio.py",
    "rasa.core.tracker_store": "bot/rasa_ext/tracker_store.py and patches.py",
    "rasa.core.lock_store": "bot/rasa_ext/lock_store.py",
    "rasa.shared.core.trackers": "patches.py (applied_events_continued)",
    "rasa.core.actions.action": "patches.py (action_result_validator)",
}


def parameters(function: Callable[..., Any]) -> str:
    """A function's parameters as written: names, `*args`, `**kwargs`, a bare `*`, `name/`."""
    written: list[str] = []
    star = False
    for parameter in inspect.signature(function).parameters.values():
        if parameter.kind is parameter.VAR_POSITIONAL:
            written.append(f"*{parameter.name}")
            star = True
        elif parameter.kind is parameter.VAR_KEYWORD:
            written.append(f"**{parameter.name}")
        elif parameter.kind is parameter.KEYWORD_ONLY:
            if not star:
                written.append("*")
                star = True
            written.append(parameter.name)
        elif parameter.kind is parameter.POSITIONAL_ONLY:
            written.append(f"{parameter.name}/")
        else:
            written.append(parameter.name)
    return ", ".join(written)


def source_hash(function: Callable[..., Any]) -> str:
    """The first 16 hex digits of the sha256 of the function's source text."""
    return hashlib.sha256(inspect.getsource(function).encode()).hexdigest()[:16]


def _shape(function: Callable[..., Any]) -> tuple[str, str]:
    return parameters(function), source_hash(function)


def test_the_installed_rasa_is_the_one_the_patches_were_written_for() -> None:
    assert rasa.__version__ == patches.RASA_VERSION, (
        f"Rasa {rasa.__version__} is installed; every patch in bot/rasa_ext/patches.py was "
        f"written against {patches.RASA_VERSION}: re-check each, then update RASA_VERSION"
    )


def test_every_replaced_attribute_is_recorded() -> None:
    replaced = {
        (each.name, attribute) for each in patches.PATCHES for attribute in each.replacements
    }
    assert replaced == set(PATCHED)


@pytest.mark.parametrize(("name", "attribute"), sorted(PATCHED))
def test_what_each_patch_replaces_has_not_changed_shape(name: str, attribute: str) -> None:
    patch = patches.patch(name)
    found = _shape(patch.original(attribute))
    assert found == PATCHED[(name, attribute)], (
        f"Rasa's {patch.owner.__name__}.{attribute} ({patch.rasa_source}) changed: re-check the "
        f"patch {name!r} in bot/rasa_ext/patches.py against it; now {found}"
    )


@pytest.mark.parametrize(("module", "target"), sorted(RELIED_ON))
def test_what_the_channels_and_stores_build_on_has_not_changed_shape(
    module: str, target: str
) -> None:
    class_name, attribute = target.split(".")
    value = vars(getattr(importlib.import_module(module), class_name))[attribute]
    function = inspect.unwrap(
        value.__func__ if isinstance(value, (staticmethod, classmethod)) else value
    )
    found = _shape(function)
    assert found == RELIED_ON[(module, target)], (
        f"Rasa's {module}.{target} changed: re-check {RELIED_ON_BY[module]} against it; now {found}"
    )


def test_a_changed_function_is_noticed() -> None:
    def validate(self: object, result: dict[str, Any]) -> bool:
        return True

    assert _shape(validate) != PATCHED[("action_result_validator", "_validate_action_result")]
    assert parameters(validate) == "self, result"
