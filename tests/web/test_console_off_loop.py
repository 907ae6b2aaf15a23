"""The console never blocks the event loop: its database statements and its scrypt hashing run in
worker threads, so one slow sign-in does not hold up every other request to the web app."""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import event

from bot.console import passwords
from bot.db.session import engine_for
from tests.web.test_console import CSRF, PASSWORD, Console, first_reference, make_console

RELEASE_AFTER = 3.0  # seconds a held sign-in waits at most before it goes on anyway


def on_event_loop() -> bool:
    """Whether the calling thread is running an asyncio event loop (the server's thread)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


@pytest.fixture
def console(tmp_path: Path) -> Console:
    return make_console(tmp_path)


def test_a_slow_sign_in_does_not_hold_up_other_requests(
    console: Console, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While one sign-in's password check is still running, /health answers; on a handler that
    ran scrypt in the event loop's thread, nothing else is served until the check ends."""
    checking, release = threading.Event(), threading.Event()
    still_checking = threading.Event()
    real_verify = passwords.verify_password

    def held_verify(password: str, stored: str) -> bool:
        still_checking.set()
        checking.set()
        release.wait(RELEASE_AFTER)  # a slow hash, held until the test lets it go
        still_checking.clear()
        return real_verify(password, stored)

    monkeypatch.setattr(passwords, "verify_password", held_verify)

    async def scenario() -> tuple[int, bool, int]:
        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
        port = listener.getsockname()[1]
        server = await console.app.create_server(sock=listener, return_asyncio_server=True)
        assert server is not None  # already listening: create_server awaits it
        await server.startup()
        try:
            async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
                form = await client.get("/console/login")
                token = CSRF.search(form.text).group(1)  # type: ignore[union-attr]
                signing_in = asyncio.create_task(
                    client.post(
                        "/console/login",
                        data={"csrf_token": token, "username": "ana", "password": PASSWORD},
                        cookies={"spinebot_login": form.cookies["spinebot_login"]},
                        allow_redirects=False,
                    )
                )
                while not checking.is_set():
                    await asyncio.sleep(0.01)
                health = await client.get("/health")
                served_meanwhile = still_checking.is_set()
                release.set()
                signed_in = await signing_in
                return health.status_code, served_meanwhile, signed_in.status_code
        finally:
            release.set()
            await server.before_stop()
            await server.close()  # type: ignore[misc]
            await server.after_stop()

    health, served_meanwhile, signed_in = asyncio.run(asyncio.wait_for(scenario(), 30))
    assert health == 200
    assert served_meanwhile, "/health waited for the password check: it ran on the event loop"
    assert signed_in == 302


@pytest.fixture
def loop_calls(console: Console) -> Iterator[list[str]]:
    """What ran on the event loop's thread: each SQL statement sent to the application
    database or the tracker store, and each password hash or check."""
    found: list[str] = []

    def statement(conn: Any, cursor: Any, sql: str, *args: Any) -> None:
        if on_event_loop():
            found.append(" ".join(sql.split())[:60])

    engines = [engine_for(console.database_url), engine_for(console.tracker_url)]
    for engine in engines:
        event.listen(engine, "before_cursor_execute", statement)
    yield found
    for engine in engines:
        event.remove(engine, "before_cursor_execute", statement)


def test_no_database_statement_or_hash_runs_on_the_event_loop(
    console: Console, loop_calls: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    hashes: list[bool] = []  # on the loop's thread or not, per hash or check
    real_hash, real_verify = passwords.hash_password, passwords.verify_password

    def watched_hash(password: str, params: Any = None) -> str:
        hashes.append(on_event_loop())
        return real_hash(password, params)

    def watched_verify(password: str, stored: str) -> bool:
        hashes.append(on_event_loop())
        return real_verify(password, stored)

    monkeypatch.setattr(passwords, "hash_password", watched_hash)
    monkeypatch.setattr(passwords, "verify_password", watched_verify)

    cookies = console.login("root")  # an administrator: every page is open
    reference = first_reference(console, "Sam Lee")
    token = console.csrf(cookies)
    asked = [
        ("GET", "/console/", {}, 200),
        ("GET", "/console/export.csv", {}, 200),
        ("GET", "/console/triages", {}, 200),
        ("GET", "/console/triages.csv", {}, 200),
        ("GET", f"/console/records/{reference}", {}, 200),
        ("GET", f"/console/records/{reference}/fhir.json", {}, 200),
        ("POST", f"/console/records/{reference}/status", {"status": "contacted"}, 302),
        ("POST", f"/console/records/{reference}/notes", {"note": "called"}, 302),
        ("GET", "/console/screening", {}, 200),
        ("GET", "/console/screening.csv", {}, 200),
        ("GET", "/console/users", {}, 200),
        ("POST", "/console/users", {"username": "bea", "password": PASSWORD, "role": "staff"}, 302),
        ("GET", "/console/audit", {}, 200),
        ("POST", "/console/logout", {}, 302),
    ]
    for method, path, data, status in asked:
        if method == "GET":
            response = console.get(path, cookies)
        else:
            response = console.post(path, {**data, "csrf_token": token}, cookies)
        assert response.status == status, (method, path)
    assert loop_calls == []
    assert hashes == [False, False]  # root's sign-in check, bea's new hash
