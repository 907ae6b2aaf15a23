"""The two-instance run: PostgreSQL (tracker store and application tables), Redis (lock store),
two action servers and two Rasa servers behind nginx, all on loopback; conversations driven
through nginx; then every conversation's tracker checked in PostgreSQL (tools/bench/consistency.py).

Each scripted conversation ends with a double send (two messages at the same moment, as a
patient tapping twice), which nginx spreads over both Rasa servers: only the lock store keeps
those two turns from interleaving in the shared tracker.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from bot.launch import environment as runtime
from bot.launch.processes import RASA_SERVER, Servers, free_port, start_action_server, wait_until_up
from tools.bench import driver
from tools.bench.consistency import SentTurn, check_conversation
from tools.bench.conversations import SPINEBOT, Script
from tools.bench.services import Nginx, Postgres, Redis
from tools.bench.setups import clean_environment

INSTANCES = 2


# Impatient typing: several messages of one conversation in flight at once, which nginx sends
# to both Rasa servers. Without a working lock this is where turns interleave.
BURSTS = Script(
    "bursts of two to four messages at once",
    (
        ("hello",),
        ("thanks", "are you a bot?"),
        ("what is physiotherapy?", "thank you", "bye"),
        ("hi", "who are you?", "what is an epidural?", "goodbye"),
    ),
)


def with_double_send(scripts: Sequence[Script]) -> tuple[Script, ...]:
    """The scripts with a closing step of two messages sent at once."""
    closing = ("what is physiotherapy?", "thank you")
    return tuple(
        Script(f"{s.name}, then a double send", (*s.steps, closing), s.expect_level)
        for s in scripts
    )


@dataclass
class Cluster:
    url: str  # nginx
    nginx: Nginx
    postgres: Postgres
    redis: Redis
    rasa_pids: list[int] = field(default_factory=list)
    action_pids: list[int] = field(default_factory=list)


@contextmanager
def cluster(
    model: Path,
    work: Path,
    log: Path,
    instances: int = INSTANCES,
    overrides: Mapping[str, str] | None = None,
) -> Iterator[Cluster]:
    """PostgreSQL, Redis, `instances` action servers and Rasa servers, and nginx; all stopped on
    exit, whatever happens. `overrides` replace variables of the servers' environment (for
    trying another lock store, say)."""
    with ExitStack() as stack:
        postgres = Postgres().start()
        stack.callback(postgres.stop)
        redis = Redis().start()
        stack.callback(redis.stop)
        _seed(postgres.url())
        rasa_ports = [free_port() for _ in range(instances)]
        action_ports = [free_port() for _ in range(instances)]
        balancer = Nginx([f"127.0.0.1:{p}" for p in rasa_ports],
                         [f"127.0.0.1:{p}" for p in action_ports])  # fmt: skip
        servers = Servers(log=log)
        stack.callback(servers.stop)
        found = Cluster(balancer.url(), balancer, postgres, redis)
        for index, (rasa_port, action_port) in enumerate(
            zip(rasa_ports, action_ports, strict=True)
        ):
            data = work / f"scaleout-{index + 1}"
            data.mkdir(parents=True, exist_ok=True)
            env = runtime.environment(
                {
                    **clean_environment(),
                    "SPINEBOT_DATA_DIR": str(data),
                    "SPINEBOT_ACTION_PORT": str(action_port),
                    "SPINEBOT_RASA_PORT": str(rasa_port),
                    "DATABASE_URL": postgres.url(),
                    "REDIS_URL": redis.url(),
                    # The Rasa servers reach the action servers through nginx's private listener.
                    "ACTION_SERVER_URL": balancer.actions_url(),
                }
            )
            env.update(overrides or {})
            start_action_server(servers, action_port, env)
            found.action_pids.append(servers.processes[-1].pid)
            # One at a time: the first start creates the tracker store's tables.
            args = ["run", "--model", str(model), "--endpoints", "endpoints.yml",
                    "--credentials", "credentials.yml", "--port", str(rasa_port)]  # fmt: skip
            process = servers.start(args, env, program=RASA_SERVER)
            wait_until_up(f"http://127.0.0.1:{rasa_port}/", process, f"Rasa server {index + 1}")
            found.rasa_pids.append(process.pid)
        balancer.start()
        stack.callback(balancer.stop)
        yield found


def _seed(url: str) -> None:
    """Create the application tables and seed the treatment table once, before two action
    servers could race to do it."""
    from bot.db.seed import ensure_seeded
    from bot.db.session import make_engine

    engine = make_engine(url)
    try:
        ensure_seeded(engine)
    finally:
        engine.dispose()


def stored_events(postgres: Postgres, senders: Sequence[str]) -> dict[str, list[dict[str, object]]]:
    """Each conversation's events from the tracker store's `events` table, in stored order."""
    from sqlalchemy import create_engine, text

    engine = create_engine(postgres.url(), future=True)
    found: dict[str, list[dict[str, object]]] = {}
    try:
        with engine.connect() as connection:
            for sender in senders:
                rows = connection.execute(
                    text("SELECT data FROM events WHERE sender_id = :s ORDER BY id"), {"s": sender}
                )
                found[sender] = [json.loads(row[0]) for row in rows]
    finally:
        engine.dispose()
    return found


@dataclass(frozen=True)
class Consistency:
    conversations: int
    messages: int
    problems: dict[str, list[str]]  # sender -> what is wrong
    upstreams: dict[str, int]  # Rasa server address -> REST requests it answered
    errors: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems and not self.errors and self.conversations > 0


def check(run: driver.Run, postgres: Postgres, upstreams: dict[str, int]) -> Consistency:
    """Compare every driven conversation with its tracker in PostgreSQL."""
    conversations = [c for c in run.conversations if c.error is None]
    events = stored_events(postgres, [c.sender for c in conversations])
    problems = {}
    for conversation in conversations:
        sent = [SentTurn(t.message, t.step, t.replies) for t in conversation.turns]
        found = check_conversation(sent, events[conversation.sender])
        if found:
            problems[conversation.sender] = found
    messages = sum(len(c.turns) for c in conversations)
    return Consistency(len(conversations), messages, problems, upstreams, run.errors)


def scripts() -> tuple[Script, ...]:
    """Whole triage conversations ending in a double send, and a conversation of bursts."""
    return (*with_double_send(SPINEBOT), BURSTS)
