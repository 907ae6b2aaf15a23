"""The off-script corpus (tests/fuzz/offscript.yml, frozen evaluation data, never trained on)
and a deterministic sample of it.

Shape of the file: ``{"messages": [{"text": str, "category": str, "flag"?: str}, ...]}``;
``flag`` is present only for the ``unusual_red_flag`` category.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

CORPUS = Path(__file__).resolve().parents[2] / "tests" / "fuzz" / "offscript.yml"
RED_FLAG = "unusual_red_flag"


@dataclass(frozen=True)
class Message:
    """One off-script message: its text, its category and, for red flags, the flag's name."""

    text: str
    category: str
    flag: str | None = None


class CorpusError(ValueError):
    """The corpus file does not have the documented shape."""


def load_corpus(path: Path = CORPUS) -> list[Message]:
    """The corpus's messages in file order."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("messages"), list):
        raise CorpusError(f"{path}: expected a mapping with a list under 'messages'")
    messages: list[Message] = []
    for number, item in enumerate(data["messages"], 1):
        if not isinstance(item, dict):
            raise CorpusError(f"{path}: message {number} is not a mapping")
        text, category, flag = item.get("text"), item.get("category"), item.get("flag")
        if not isinstance(text, str) or not isinstance(category, str):
            raise CorpusError(f"{path}: message {number} needs a string text and category")
        if flag is not None and not isinstance(flag, str):
            raise CorpusError(f"{path}: message {number} has a flag that is not a string")
        messages.append(Message(text, category, flag))
    return messages


def categories(messages: Iterable[Message]) -> list[str]:
    """The categories in order of first appearance."""
    return list(dict.fromkeys(message.category for message in messages))


def sample(messages: Sequence[Message], per_category: int | None, salt: str) -> list[Message]:
    """`per_category` messages of each category (all of them for None), in corpus order.

    The choice is deterministic and depends on `salt` (the state's name), so that different
    states of one run try different messages while a run can always be repeated exactly."""
    if per_category is None:
        return list(messages)

    def rank(message: Message) -> str:
        return hashlib.sha256(f"{salt}\n{message.text}".encode()).hexdigest()

    chosen: set[Message] = set()
    for category in categories(messages):
        members = sorted((m for m in messages if m.category == category), key=rank)
        chosen.update(members[:per_category])
    return [message for message in messages if message in chosen]
