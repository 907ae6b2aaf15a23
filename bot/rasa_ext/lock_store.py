"""A Redis lock store whose tickets are issued atomically, for several Rasa servers.

Rasa keeps a conversation's messages in order with a ticket lock: each message takes a ticket and
waits until its number is served. Rasa 3.6's RedisLockStore issues a ticket by reading the lock
as JSON, adding the ticket and writing the JSON back (rasa/core/lock_store.py, `issue_ticket`).
Two Rasa servers taking a ticket for the same conversation at the same moment both read the same
lock, so both get the same number and handle their messages at once: the benchmark's two-server
run lost a message that way (a patient tapping twice). Waiting messages also poll only once a
second.

This store keeps the same ticket-lock idea in Redis with atomic operations (three short Lua
scripts, each run by Redis as one step):
- `next` counts tickets (INCR), `serving` holds the number being served;
- each ticket has an `alive` key that expires after the lock lifetime; a waiting message renews
  its own, and the message being handled renews its own every third of the lifetime however
  long the turn takes, so only a ticket whose server died is skipped, not waited for;
- releasing serves the next ticket; the counters expire an hour after the conversation's last
  message, so Redis does not fill up.

The Redis client is synchronous, as in Rasa's own store: each call is a short loopback round
trip, with 2-second timeouts so an unreachable Redis fails a message quickly rather than holding
the server. Redis should run with `maxmemory-policy noeviction` (the keys carry TTLs).

endpoints.yml selects it when $REDIS_URL is set (bot/launch/environment.py):
`lock_store: type: bot.rasa_ext.lock_store.RedisTicketLockStore`. Redis being unreachable
raises, and the channels answer with safe guidance (bot/rasa_ext/channels/guard.py); nothing is
written to the tracker.

Written against Rasa 3.6.21's `LockStore` (rasa/core/lock_store.py), whose `lock()` is the one
method Rasa's agent calls. Upstream: no issue known for this race in Rasa Open Source; RasaHQ/rasa
pull request #11256 discussed a concurrent Redis lock store, which Rasa 3.6.21 does not ship.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import redis
from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, LockStore
from rasa.utils.endpoints import EndpointConfig

log = logging.getLogger(__name__)

POLL_SECONDS = 0.02  # how often a waiting message looks again
COUNTER_TTL_MS = 3_600_000
SOCKET_TIMEOUT_S = 2.0  # the counters outlive a conversation's last message by an hour

# KEYS: next, serving. ARGV: alive key prefix, ticket lifetime (ms), counter lifetime (ms).
_ISSUE = """
local ticket = redis.call('INCR', KEYS[1])
-- A new conversation, or one whose `serving` key was lost: this ticket is served next.
if ticket == 1 or redis.call('EXISTS', KEYS[2]) == 0 then redis.call('SET', KEYS[2], ticket) end
redis.call('SET', ARGV[1] .. ticket, 1, 'PX', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
redis.call('PEXPIRE', KEYS[2], ARGV[3])
return ticket
"""

# KEYS: serving. ARGV: alive key prefix, ticket, ticket lifetime (ms).
# Returns 1 when the ticket is served, 0 to wait, -1 when the ticket can never be served.
_POLL = """
local serving = tonumber(redis.call('GET', KEYS[1]) or '0')
local ticket = tonumber(ARGV[2])
if serving == ticket then return 1 end
if serving == 0 or serving > ticket then return -1 end
redis.call('PEXPIRE', ARGV[1] .. ticket, ARGV[3])
if redis.call('EXISTS', ARGV[1] .. serving) == 0 then
  redis.call('INCR', KEYS[1])
end
return 0
"""

# KEYS: serving. ARGV: alive key prefix, ticket.
_RELEASE = """
redis.call('DEL', ARGV[1] .. ARGV[2])
if tonumber(redis.call('GET', KEYS[1]) or '0') == tonumber(ARGV[2]) then
  redis.call('INCR', KEYS[1])
end
return 1
"""


class RedisTicketLockStore(LockStore):  # type: ignore[misc]
    """Rasa's lock store interface; only `lock()` is used by Rasa's agent, and it is atomic."""

    def __init__(
        self,
        endpoint_config: EndpointConfig | None = None,
        client: redis.Redis | None = None,
        key_prefix: str = "spinebot",
    ) -> None:
        kwargs: dict[str, Any] = dict(endpoint_config.kwargs) if endpoint_config else {}
        self.red = client or redis.Redis(
            host=(endpoint_config.url if endpoint_config else None) or "localhost",
            port=int(kwargs.get("port") or 6379),
            db=int(kwargs.get("db") or 0),
            password=kwargs.get("password") or None,
            socket_timeout=float(kwargs.get("socket_timeout") or SOCKET_TIMEOUT_S),
            socket_connect_timeout=float(kwargs.get("socket_timeout") or SOCKET_TIMEOUT_S),
        )
        prefix = str(kwargs.get("key_prefix") or key_prefix)
        if not prefix.isalnum():
            raise ValueError("the lock store's key_prefix must be letters and digits")
        self.prefix = f"{prefix}:ticketlock:"
        self._issue = self.red.register_script(_ISSUE)
        self._poll = self.red.register_script(_POLL)
        self._release = self.red.register_script(_RELEASE)
        super().__init__()

    def _keys(self, conversation_id: str) -> tuple[str, str, str]:
        base = self.prefix + conversation_id
        return f"{base}:next", f"{base}:serving", f"{base}:alive:"

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        """A new ticket number for the conversation, alive for `lock_lifetime` seconds unless
        renewed; raises redis.RedisError when Redis cannot be reached."""
        next_key, serving, alive = self._keys(conversation_id)
        ticket = self._issue(
            keys=[next_key, serving], args=[alive, int(lock_lifetime * 1000), COUNTER_TTL_MS]
        )
        return int(ticket)

    async def wait_for(self, conversation_id: str, ticket: int, lock_lifetime: float) -> None:
        """Return once `ticket` is served, renewing it (seconds) while it waits; raises
        LockError if it can never be served (its turn was skipped as dead)."""
        _, serving, alive = self._keys(conversation_id)
        while True:
            state = int(self._poll(keys=[serving], args=[alive, ticket, int(lock_lifetime * 1000)]))
            if state == 1:
                return
            if state == -1:
                raise LockError(f"ticket {ticket} can no longer be served")
            await asyncio.sleep(POLL_SECONDS)

    async def _keep_alive(self, conversation_id: str, ticket: int, lock_lifetime: float) -> None:
        """Renew the held ticket's `alive` key while its message is handled."""
        _, _, alive = self._keys(conversation_id)
        while True:
            await asyncio.sleep(lock_lifetime / 3)
            try:
                self.red.pexpire(f"{alive}{ticket}", int(lock_lifetime * 1000))
            except redis.RedisError as error:
                log.warning("lock not renewed: %s", type(error).__name__)

    def release(self, conversation_id: str, ticket: int) -> None:
        """Drop `ticket` and, if it was being served, serve the next one."""
        _, serving, alive = self._keys(conversation_id)
        self._release(keys=[serving], args=[alive, ticket])

    @asynccontextmanager
    async def lock(
        self,
        conversation_id: str,
        lock_lifetime: float = LOCK_LIFETIME,
        wait_time_in_seconds: float = POLL_SECONDS,
    ) -> AsyncIterator[TicketLock]:
        """Hold the conversation's lock for the `async with` block (Rasa's agent calls this).

        Lifetime in seconds; `wait_time_in_seconds` is accepted for Rasa's interface and not
        used (this store polls every POLL_SECONDS). Raises LockError or redis.RedisError.
        """
        ticket = self.issue_ticket(conversation_id, lock_lifetime)
        keep_alive: asyncio.Task[None] | None = None
        try:
            await self.wait_for(conversation_id, ticket, lock_lifetime)
            keep_alive = asyncio.create_task(
                self._keep_alive(conversation_id, ticket, lock_lifetime)
            )
            yield TicketLock(conversation_id)
        finally:
            if keep_alive is not None:
                keep_alive.cancel()
            try:
                self.release(conversation_id, ticket)
            except redis.RedisError as error:  # the ticket's lifetime frees the others
                log.warning("lock not released: %s", type(error).__name__)

    # Rasa's JSON-lock interface, which this store does not use.
    def get_lock(self, conversation_id: str) -> TicketLock | None:
        """Always None: this store keeps no JSON lock (Rasa's interface)."""
        return None

    def delete_lock(self, conversation_id: str) -> None:
        """Forget the conversation's ticket counters."""
        next_key, serving, _ = self._keys(conversation_id)
        self.red.delete(next_key, serving)

    def save_lock(self, lock: TicketLock) -> None:
        """Not supported (NotImplementedError): tickets are issued atomically instead."""
        raise NotImplementedError("tickets are issued atomically by issue_ticket")
