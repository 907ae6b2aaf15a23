"""The tracker consistency check of the scale-out run: it must pass a conversation stored as it
was sent and answered, and catch every way two servers could spoil one (a lost, duplicated,
interleaved or reordered message, or replies that differ from what the patient saw)."""

from __future__ import annotations

from typing import Any

from tools.bench.consistency import SentTurn, blocks, check_conversation

Event = dict[str, Any]
PAYLOAD = {"triage": {"level": "self_care"}}


def _start() -> list[Event]:
    return [
        {"event": "action", "name": "action_session_start"},
        {"event": "session_started"},
        {"event": "action", "name": "action_listen"},
    ]


def _turn(text: str, *bot: Event) -> list[Event]:
    return [
        {"event": "user", "text": text},
        *bot,
        {"event": "action", "name": "action_listen"},
    ]


def _bot(text: str | None = None, **data: Any) -> Event:
    return {"event": "bot", "text": text, "data": data}


def _sent(step: int, message: str, *texts: str) -> SentTurn:
    return SentTurn(message, step, tuple({"recipient_id": "x", "text": t} for t in texts))


def test_a_conversation_stored_as_sent_and_answered_is_consistent() -> None:
    events = [
        *_start(),
        *_turn("hello", _bot("Hi.")),
        *_turn("my back hurts", _bot("How long?")),
    ]
    sent = [_sent(0, "hello", "Hi."), _sent(1, "my back hurts", "How long?")]
    assert check_conversation(sent, events) == []


def test_replies_are_compared_the_way_the_rest_channel_sends_them() -> None:
    # Plain text is split at blank lines; text with buttons stays whole; a custom payload is a
    # message of its own.
    events = [
        *_start(),
        *_turn(
            "go",
            _bot("First part.\n\nSecond part."),
            _bot("Any of these?\n\nYes or no", buttons=[{"title": "Yes", "payload": "/affirm"}]),
            _bot(None, custom=PAYLOAD),
        ),
    ]
    replies = (
        {"text": "First part."},
        {"text": "Second part."},
        {"text": "Any of these?\n\nYes or no", "buttons": [{"title": "Yes"}]},
        {"custom": PAYLOAD},
    )
    assert check_conversation([SentTurn("go", 0, replies)], events) == []


def test_a_lost_message_is_caught() -> None:
    events = [*_start(), *_turn("hello", _bot("Hi."))]
    sent = [_sent(0, "hello", "Hi."), _sent(1, "my back hurts", "How long?")]
    problems = check_conversation(sent, events)
    assert "2 messages sent but 1 stored" in problems


def test_a_duplicated_message_is_caught() -> None:
    events = [*_start(), *_turn("hello", _bot("Hi.")), *_turn("hello", _bot("Hi."))]
    problems = check_conversation([_sent(0, "hello", "Hi.")], events)
    assert "1 messages sent but 2 stored" in problems
    assert any("unexpected extra message 'hello'" in p for p in problems)


def test_two_turns_interleaved_by_two_servers_are_caught() -> None:
    # Server 1 stores "thanks", server 2 stores "bye" before server 1 has finished its turn.
    events = [
        *_start(),
        {"event": "user", "text": "thanks"},
        {"event": "user", "text": "bye"},
        _bot("You're welcome."),
        _bot("Goodbye."),
        {"event": "action", "name": "action_listen"},
        {"event": "action", "name": "action_listen"},
    ]
    sent = [_sent(0, "thanks", "You're welcome."), _sent(0, "bye", "Goodbye.")]
    problems = check_conversation(sent, events)
    assert any("arrived before the previous turn ended" in p for p in problems)


def test_messages_sent_at_the_same_moment_may_be_stored_in_either_order() -> None:
    events = [*_start(), *_turn("bye", _bot("Goodbye.")), *_turn("thanks", _bot("Welcome."))]
    sent = [_sent(0, "thanks", "Welcome."), _sent(0, "bye", "Goodbye.")]
    assert check_conversation(sent, events) == []


def test_messages_sent_one_after_another_must_keep_their_order() -> None:
    events = [*_start(), *_turn("second", _bot("B")), *_turn("first", _bot("A"))]
    sent = [_sent(0, "first", "A"), _sent(1, "second", "B")]
    assert check_conversation(sent, events) != []


def test_replies_that_differ_from_what_the_client_received_are_caught() -> None:
    events = [*_start(), *_turn("hello", _bot("Hi."), _bot("Another reply."))]
    problems = check_conversation([_sent(0, "hello", "Hi.")], events)
    assert problems == [
        "the replies stored after 'hello' differ from the ones the client received: "
        "stored 2, received 1"
    ]


def test_a_turn_that_never_ended_is_caught() -> None:
    events = [*_start(), {"event": "user", "text": "hello"}, _bot("Hi.")]
    _, problems = blocks(events)
    assert problems == ["the turn of 'hello' never ended with action_listen"]
