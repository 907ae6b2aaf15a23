"""The Redis lock store (bot/rasa_ext/lock_store.py) against a real Redis server started for the
test: two stores (two Rasa servers) locking one conversation never hold it together, serve
messages in the order they arrived, skip a ticket whose server died, and fail clearly when Redis
is down. Rasa's own RedisLockStore can let two servers in at once (the last test shows how)."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Coroutine, Iterator
from typing import Any

import pytest
import redis
from rasa.core.lock_store import LockStore, RedisLockStore

from bot.rasa_ext.lock_store import RedisTicketLockStore
from tools.bench.services import Redis


@pytest.fixture(scope="module")
def server() -> Iterator[Redis]:
    started = Redis().start()
    yield started
    started.stop()


def _store(server: Redis) -> RedisTicketLockStore:
    return RedisTicketLockStore(client=redis.Redis(port=server.port))


def _contend(stores: list[LockStore], conversation: str, messages: int) -> tuple[int, list[int]]:
    """Each store in its own thread with its own event loop (as two Rasa servers would be),
    `messages` handlers spread over them, all at once. Returns the most that held the lock
    together, and the order they got it in."""
    guard = threading.Lock()
    holding, most, order, errors = 0, 0, [], []

    async def handle(store: LockStore, number: int) -> None:
        nonlocal holding, most
        await asyncio.sleep(number * 0.001)
        async with store.lock(conversation):
            with guard:
                holding += 1
                most = max(most, holding)
                order.append(number)
            await asyncio.sleep(0.005)  # the tracker is read, the policies run, it is saved
            with guard:
                holding -= 1

    def server(index: int) -> None:
        numbers = range(index, messages, len(stores))
        try:
            asyncio.run(_gather(*(handle(stores[index], n) for n in numbers)))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=server, args=(i,)) for i in range(len(stores))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return most, order


async def _gather(*handlers: Coroutine[Any, Any, None]) -> None:
    await asyncio.gather(*handlers)


def test_two_servers_never_hold_one_conversation_together(server: Redis) -> None:
    most, order = _contend([_store(server), _store(server)], "c-1", 40)
    assert most == 1
    assert sorted(order) == list(range(40))


def test_messages_are_served_in_the_order_their_tickets_were_taken(server: Redis) -> None:
    store = _store(server)
    first = store.issue_ticket("c-2")
    second = store.issue_ticket("c-2")
    assert second == first + 1

    async def scenario() -> list[str]:
        done: list[str] = []

        async def take(ticket: int, name: str) -> None:
            await store.wait_for("c-2", ticket, 60)
            done.append(name)
            store.release("c-2", ticket)

        await asyncio.gather(take(second, "second"), take(first, "first"))
        return done

    assert asyncio.run(scenario()) == ["first", "second"]


def test_a_ticket_whose_server_died_is_skipped_after_its_lifetime(server: Redis) -> None:
    store = _store(server)
    store.issue_ticket("c-3", lock_lifetime=0.2)  # taken by a server that then died

    async def next_message() -> float:
        loop = asyncio.get_running_loop()
        started = loop.time()
        async with store.lock("c-3", lock_lifetime=60):
            return loop.time() - started

    waited = asyncio.run(next_message())
    assert 0.1 < waited < 2


def test_with_redis_down_locking_fails_at_once(server: Redis) -> None:
    store = RedisTicketLockStore(client=redis.Redis(port=1, socket_connect_timeout=1))

    async def message() -> None:
        async with store.lock("c-4"):
            pass

    with pytest.raises(redis.ConnectionError):
        asyncio.run(message())


def test_rasa_s_own_redis_lock_store_can_give_two_servers_the_same_ticket(server: Redis) -> None:
    # Why bot/rasa_ext/lock_store.py exists. Rasa 3.6's LockStore.issue_ticket reads the lock,
    # adds a ticket and writes it back; here are those very steps of two servers, interleaved as
    # they can be.
    first, second = (RedisLockStore(port=server.port, db=0) for _ in range(2))
    read_by_first = first.get_or_create_lock("c-5")
    read_by_second = second.get_or_create_lock("c-5")
    ticket_of_first = read_by_first.issue_ticket(60)
    first.save_lock(read_by_first)
    ticket_of_second = read_by_second.issue_ticket(60)
    second.save_lock(read_by_second)
    assert ticket_of_first == ticket_of_second  # both are served at once
    assert not read_by_second.is_locked(ticket_of_second)


def test_a_turn_longer_than_the_lifetime_keeps_the_lock(server: Redis) -> None:
    store = _store(server)
    holding: list[str] = []

    async def message(name: str, seconds: float) -> None:
        async with store.lock("c-6", lock_lifetime=0.3):
            holding.append(f"{name} in")
            await asyncio.sleep(seconds)  # a slow action server, say
            holding.append(f"{name} out")

    async def both() -> None:
        first = asyncio.create_task(message("slow", 1.0))
        await asyncio.sleep(0.05)
        await message("next", 0.0)
        await first

    asyncio.run(both())
    assert holding == ["slow in", "slow out", "next in", "next out"]


def test_a_conversation_whose_counter_was_lost_recovers(server: Redis) -> None:
    store = _store(server)
    store.release("c-7", store.issue_ticket("c-7"))
    store.issue_ticket("c-7")  # a message whose server died
    _, serving, _ = store._keys("c-7")
    store.red.delete(serving)  # evicted, or deleted by hand

    async def message() -> None:
        async with store.lock("c-7", lock_lifetime=5):
            pass

    asyncio.run(asyncio.wait_for(message(), timeout=5))
