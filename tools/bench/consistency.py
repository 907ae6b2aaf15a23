"""Check a conversation's tracker against what the client sent and received.

With several Rasa servers sharing one tracker store, a conversation is only safe if the lock
store serialises its messages. This check reads the conversation's events back and asserts:
every user message is there exactly once; messages sent one after another are in that order
(messages sent at the same moment may be in either order); each user message is followed by
exactly the bot replies the client received for it, and the turn closes with `action_listen`
before the next user message. A lost, duplicated or interleaved message fails it.
Pure functions on plain data: the events are the dicts Rasa stores (`events.data` as JSON).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

Event = Mapping[str, Any]


@dataclass(frozen=True)
class SentTurn:
    """A message the client sent, the script step it belonged to, and the replies it got."""

    message: str
    step: int
    replies: tuple[Mapping[str, Any], ...]


Block = tuple[str, tuple[tuple[str, str], ...]]  # user text, the bot replies after it


def _reply_key(text: Any, custom: Any) -> tuple[str, str]:
    return (str(text or ""), repr(custom) if custom else "")


def reply_keys_from_rest(replies: Sequence[Mapping[str, Any]]) -> tuple[tuple[str, str], ...]:
    """The REST channel's replies as (text, custom payload) pairs."""
    return tuple(_reply_key(reply.get("text"), reply.get("custom")) for reply in replies)


def _bot_outputs(event: Event) -> list[tuple[str, str]]:
    """What the REST channel sends for one bot event (rasa.core.channels.channel.OutputChannel
    and CollectingOutputChannel): text with buttons as one message, plain text split at blank
    lines into several, then the custom payload as a message of its own."""
    data = event.get("data") or {}
    text = str(event.get("text") or "")
    outputs = []
    if data.get("quick_replies") or data.get("buttons"):
        outputs.append(_reply_key(text, None))
    elif text:
        outputs.extend(_reply_key(part, None) for part in text.strip().split("\n\n"))
    if data.get("custom"):
        outputs.append(_reply_key(None, data["custom"]))
    return outputs


def blocks(events: Sequence[Event]) -> tuple[list[Block], list[str]]:
    """Split events into one block per user message; problems with the structure on the side."""
    found: list[Block] = []
    problems: list[str] = []
    current: tuple[str, list[tuple[str, str]]] | None = None
    listened = True  # the conversation starts waiting for the user
    for event in events:
        kind = event.get("event")
        if kind == "user":
            if not listened:
                problems.append(
                    f"user message {event.get('text')!r} arrived before the previous turn ended"
                )
            if current is not None:
                found.append((current[0], tuple(current[1])))
            current = (str(event.get("text")), [])
            listened = False
        elif kind == "bot" and current is not None:
            current[1].extend(_bot_outputs(event))
        elif kind == "action" and event.get("name") == "action_listen":
            listened = True
    if current is not None:
        found.append((current[0], tuple(current[1])))
        if not listened:
            problems.append(f"the turn of {current[0]!r} never ended with action_listen")
    return found, problems


def check_conversation(sent: Sequence[SentTurn], events: Sequence[Event]) -> list[str]:
    """Everything wrong with one conversation's tracker (empty when it is consistent)."""
    stored, problems = blocks(events)
    expected: list[Block] = [(turn.message, reply_keys_from_rest(turn.replies)) for turn in sent]
    if len(stored) != len(expected):
        problems.append(f"{len(expected)} messages sent but {len(stored)} stored")
    # Walk step by step: a step's messages must appear together, in any order among themselves.
    position = 0
    steps = sorted({turn.step for turn in sent})
    for step in steps:
        wanted = [block for turn, block in zip(sent, expected, strict=True) if turn.step == step]
        got = stored[position : position + len(wanted)]
        position += len(wanted)
        remaining = list(wanted)
        for block in got:
            if block in remaining:
                remaining.remove(block)
            else:
                problems.append(_describe(block, wanted))
        for block in remaining:
            if not any(block[0] == g[0] for g in got):
                problems.append(f"message {block[0]!r} is missing or out of order")
    for block in stored[position:]:
        problems.append(f"unexpected extra message {block[0]!r}")
    return problems


def _describe(block: Block, wanted: Sequence[Block]) -> str:
    same_text = [w for w in wanted if w[0] == block[0]]
    if not same_text:
        return f"stored message {block[0]!r} where {[w[0] for w in wanted]} were sent"
    return (
        f"the replies stored after {block[0]!r} differ from the ones the client received: "
        f"stored {len(block[1])}, received {len(same_text[0][1])}"
    )
