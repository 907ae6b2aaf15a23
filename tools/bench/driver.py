"""Drive scripted conversations over Rasa's REST channel at a given concurrency.

A fixed number of conversations is shared by `concurrency` workers; each worker runs one
conversation at a time, sending the next message only when the reply to the last one has
arrived (a closed loop, like people typing). A time limit stops workers from starting new
conversations, so a slow setup cannot run for ever; the result says if it was reached.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import aiohttp

from tools.bench.conversations import Script

REQUEST_TIMEOUT_S = 120.0

Reply = dict[str, Any]


@dataclass(frozen=True)
class Turn:
    message: str
    step: int  # index of the script step the message belongs to
    replies: tuple[Reply, ...]
    seconds: float


@dataclass(frozen=True)
class Conversation:
    sender: str
    script: Script
    turns: tuple[Turn, ...]
    error: str | None = None

    def triage_levels(self) -> list[str]:
        """Every triage level the bot sent in this conversation, in order."""
        levels = []
        for turn in self.turns:
            for reply in turn.replies:
                custom = reply.get("custom")
                if isinstance(custom, dict) and isinstance(custom.get("triage"), dict):
                    levels.append(str(custom["triage"].get("level")))
        return levels

    @property
    def reached_expected(self) -> bool:
        return self.script.expect_level in self.triage_levels()


@dataclass(frozen=True)
class Run:
    concurrency: int
    conversations: tuple[Conversation, ...]
    seconds: float
    time_limited: bool  # the time limit stopped conversations from starting

    @property
    def latencies(self) -> list[float]:
        return [turn.seconds for c in self.conversations for turn in c.turns]

    @property
    def errors(self) -> list[str]:
        return [f"{c.sender}: {c.error}" for c in self.conversations if c.error]


Progress = Callable[[int, int], None]  # (conversations done, conversations planned)


async def _post(session: aiohttp.ClientSession, url: str, sender: str, message: str) -> Turn:
    started = time.perf_counter()
    async with session.post(url, json={"sender": sender, "message": message}) as response:
        body = await response.read()
        if response.status != 200:
            raise RuntimeError(f"HTTP {response.status}: {body[:200]!r}")
    elapsed = time.perf_counter() - started
    replies = json.loads(body)
    if not isinstance(replies, list):
        raise ValueError(f"expected a list of replies, got {body[:200]!r}")
    return Turn(message, -1, tuple(replies), elapsed)


async def converse(
    session: aiohttp.ClientSession, url: str, sender: str, script: Script
) -> Conversation:
    """One conversation; messages of a step are sent together, steps one after another."""
    turns: list[Turn] = []
    try:
        for index, step in enumerate(script.steps):
            sent = await asyncio.gather(*(_post(session, url, sender, m) for m in step))
            turns.extend(Turn(t.message, index, t.replies, t.seconds) for t in sent)
    except (aiohttp.ClientError, asyncio.TimeoutError, RuntimeError, ValueError) as error:
        return Conversation(sender, script, tuple(turns), f"{type(error).__name__}: {error}")
    return Conversation(sender, script, tuple(turns))


async def drive(
    base_url: str,
    scripts: Sequence[Script],
    conversations: int,
    concurrency: int,
    time_limit_s: float,
    sender_prefix: str,
    progress: Progress | None = None,
) -> Run:
    """Run `conversations` conversations (scripts in turn) with `concurrency` workers."""
    url = f"{base_url}/webhooks/rest/webhook"
    pending = iter(range(conversations))
    done: list[Conversation] = []
    started = time.perf_counter()
    limited = False
    timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT_S)
    connector = aiohttp.TCPConnector(limit=max(concurrency * 4, 10))

    async def worker(session: aiohttp.ClientSession) -> None:
        nonlocal limited
        for index in pending:
            if time.perf_counter() - started > time_limit_s:
                limited = True
                return
            script = scripts[index % len(scripts)]
            done.append(await converse(session, url, f"{sender_prefix}-{index}", script))
            if progress is not None:
                progress(len(done), conversations)

    async with aiohttp.ClientSession(timeout=timeout, connector=connector) as session:
        await asyncio.gather(*(worker(session) for _ in range(concurrency)))
    seconds = time.perf_counter() - started
    return Run(concurrency, tuple(done), seconds, limited)


def run(
    base_url: str,
    scripts: Sequence[Script],
    conversations: int,
    concurrency: int,
    time_limit_s: float,
    sender_prefix: str,
    progress: Progress | None = None,
) -> Run:
    """`drive` on a fresh event loop."""
    return asyncio.run(
        drive(base_url, scripts, conversations, concurrency, time_limit_s, sender_prefix, progress)
    )
