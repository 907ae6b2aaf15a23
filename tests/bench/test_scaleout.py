"""The scale-out setup for real: PostgreSQL (tracker store), Redis (lock store), two action
servers and two Rasa servers behind nginx, all started by the test on loopback. Every
conversation's tracker must hold exactly the events sent and answered; the check itself must
catch a tracker that lost or duplicated a message; with Redis down a message fails clearly and
writes nothing, and the conversation goes on when Redis is back."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from tests.reliability.http import post_message
from tests.stack import Stack
from tools.bench import driver, scaleout
from tools.bench.scaleout import Cluster

CONVERSATIONS = 12
CONCURRENCY = 4


@pytest.fixture(scope="module")
def cluster(live_stack: Stack, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    work = tmp_path_factory.mktemp("scaleout")
    with scaleout.cluster(live_stack.work / "e2e.tar.gz", work, work / "servers.log") as found:
        yield found


@pytest.fixture(scope="module")
def driven(cluster: Cluster) -> driver.Run:
    return driver.run(cluster.url, scaleout.scripts(), CONVERSATIONS, CONCURRENCY, 600, "scale")


def _say(url: str, sender: str, message: str) -> list[dict[str, Any]]:
    answer = post_message(url, {"sender": sender, "message": message})
    assert answer.status == 200, answer.text
    replies: list[dict[str, Any]] = answer.json()
    return replies


def _execute(cluster: Cluster, statement: str, **values: Any) -> None:
    engine = create_engine(cluster.postgres.url(), future=True)
    try:
        with engine.begin() as connection:
            connection.execute(text(statement), values)
    finally:
        engine.dispose()


def test_every_tracker_holds_exactly_what_was_sent_and_answered(
    cluster: Cluster, driven: driver.Run
) -> None:
    assert driven.errors == []
    assert len(driven.conversations) == CONVERSATIONS
    result = scaleout.check(driven, cluster.postgres, cluster.nginx.upstream_counts())
    assert result.problems == {}
    assert result.conversations == CONVERSATIONS
    # Both Rasa servers answered: the lock store, not luck, kept the trackers whole.
    assert len(result.upstreams) == 2
    assert all(count > 0 for count in result.upstreams.values())
    reached = [c for c in driven.conversations if c.script.expect_level]
    assert reached and all(c.reached_expected for c in reached)


def test_the_check_catches_a_lost_and_a_duplicated_message(
    cluster: Cluster, driven: driver.Run
) -> None:
    lost, doubled = driven.conversations[0].sender, driven.conversations[1].sender
    _execute(cluster, "DELETE FROM events WHERE id = (SELECT min(id) FROM events "
             "WHERE sender_id = :s AND type_name = 'user')", s=lost)  # fmt: skip
    _execute(cluster, "INSERT INTO events (sender_id, type_name, timestamp, intent_name, "
             "action_name, data) SELECT sender_id, type_name, timestamp, intent_name, "
             "action_name, data FROM events WHERE id = (SELECT max(id) FROM events "
             "WHERE sender_id = :s AND type_name = 'user')", s=doubled)  # fmt: skip
    result = scaleout.check(driven, cluster.postgres, {})
    assert set(result.problems) == {lost, doubled}


def test_with_redis_down_a_message_fails_clearly_and_changes_no_tracker(
    cluster: Cluster,
) -> None:
    replies = _say(cluster.url, "redis-fault", "hello")
    assert replies
    count = _event_count(cluster, "redis-fault")
    cluster.redis.pause()
    try:
        replies = _say(cluster.url, "redis-fault", "my lower back hurts")
        texts = " ".join(str(r.get("text")) for r in replies)
        assert "911" in texts and "555" in texts, replies  # emergency number, clinic phone
        assert _event_count(cluster, "redis-fault") == count
    finally:
        cluster.redis.start()
    replies = _say(cluster.url, "redis-fault", "my lower back hurts")
    assert _event_count(cluster, "redis-fault") > count
    assert "911" not in " ".join(str(r.get("text")) for r in replies[:1])


def _event_count(cluster: Cluster, sender: str) -> int:
    engine = create_engine(cluster.postgres.url(), future=True)
    try:
        with engine.connect() as connection:
            found = connection.execute(
                text("SELECT count(*) FROM events WHERE sender_id = :s"), {"s": sender}
            ).scalar_one()
            return int(found)
    finally:
        engine.dispose()


def test_nginx_logs_no_message_text(cluster: Cluster, driven: driver.Run) -> None:
    log = Path(cluster.nginx.access_log).read_text()
    assert "/webhooks/rest/webhook" in log
    assert "lower back" not in log and "hurt" not in log
