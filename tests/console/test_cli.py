"""The command lines: `python -m bot.console.users` and `python -m bot.console.purge`."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from bot.console import purge, users_cli
from bot.console.audit import list_audit
from bot.console.users import authenticate, create_user, get_user
from bot.records.queue import record_detail
from bot.settings import ROOT
from tests.console.factories import add_events, count_events
from tests.records.factories import NOW, add_request

PASSWORD = "twelve chars!"


@pytest.fixture
def app_database(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> Engine:
    """Point the commands at the test database, as $DATABASE_URL does in a deployment."""
    monkeypatch.setenv("DATABASE_URL", engine.url.render_as_string(hide_password=False))
    return engine


def run(*argv: str, stdin: str = "") -> int:
    return users_cli.main(list(argv), io.StringIO(stdin))


def test_add_creates_a_staff_user_who_can_sign_in(
    app_database: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("add", "Alex", "--password-stdin", stdin=PASSWORD + "\n") == 0
    assert capsys.readouterr().out == "added alex (staff)\n"
    with Session(app_database) as session:
        user = authenticate(session, "alex", PASSWORD)
        assert user is not None and user.role == "staff"
        [entry] = list_audit(session)
        assert (entry.username, entry.action, entry.detail) == ("cli", "user_created",
                                                                "alex (staff)")  # fmt: skip


def test_admin_only_with_the_flag(app_database: Engine) -> None:
    assert run("add", "robin", "--admin", "--password-stdin", stdin=PASSWORD) == 0
    with Session(app_database) as session:
        assert get_user(session, "robin").is_admin  # type: ignore[union-attr]


def test_deactivate_then_reactivate(app_database: Engine) -> None:
    run("add", "robin", "--password-stdin", stdin=PASSWORD)
    assert run("deactivate", "robin") == 0
    with Session(app_database) as session:
        assert authenticate(session, "robin", PASSWORD) is None
    assert run("reactivate", "ROBIN") == 0
    with Session(app_database) as session:
        assert authenticate(session, "robin", PASSWORD) is not None
        assert list_audit(session)[0].action == "user_reactivated"


def test_passwd_deactivate_and_list(
    app_database: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    run("add", "alex", "--password-stdin", stdin=PASSWORD)
    run("add", "robin", "--password-stdin", stdin=PASSWORD)
    assert run("passwd", "alex", "--password-stdin", stdin="a brand new password\r\n") == 0
    assert run("deactivate", "robin") == 0
    capsys.readouterr()
    assert run("list") == 0
    assert capsys.readouterr().out.splitlines() == [
        "alex\tstaff\tactive\tnever signed in",
        "robin\tstaff\tinactive\tnever signed in",
    ]
    with Session(app_database) as session:
        assert authenticate(session, "alex", "a brand new password") is not None
        assert authenticate(session, "robin", PASSWORD) is None
        actions = [entry.action for entry in list_audit(session)]
        assert actions[:2] == ["user_deactivated", "password_changed"]


@pytest.mark.parametrize(
    ("argv", "stdin", "code", "message"),
    [
        (
            ["add", "alex", "--password-stdin"],
            "short",
            1,
            "the password must have at least 12 characters",
        ),
        (["add", "alex", "--password-stdin"], "", 2, "no password on standard input"),
        (["add", "alex"], "", 2, "no terminal to ask for the password; use --password-stdin"),
        (["passwd", "ghost", "--password-stdin"], PASSWORD, 1, "no staff user named 'ghost'"),
        (["deactivate", "ghost"], "", 1, "no staff user named 'ghost'"),
    ],
)
def test_refusals_are_one_clear_line(
    app_database: Engine,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    stdin: str,
    code: int,
    message: str,
) -> None:
    assert run(*argv, stdin=stdin) == code
    assert capsys.readouterr().err == f"error: {message}\n"


def test_a_taken_username_exits_1(app_database: Engine, capsys: pytest.CaptureFixture[str]) -> None:
    with Session(app_database) as session, session.begin():
        create_user(session, "alex", PASSWORD)
    assert run("add", "alex", "--password-stdin", stdin="another password") == 1
    assert "already exists" in capsys.readouterr().err


def test_bad_arguments_exit_2(app_database: Engine) -> None:
    with pytest.raises(SystemExit) as exited:
        run("promote", "alex")
    assert exited.value.code == 2


def cli_environment(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "TRACKER_URL")}
    env.update(SPINEBOT_DATA_DIR=str(tmp_path), RASA_TELEMETRY_ENABLED="false")
    return env


def test_the_module_runs_from_a_shell_without_a_terminal(tmp_path: Path) -> None:
    env = cli_environment(tmp_path)
    command = [sys.executable, "-m", "bot.console.users"]
    added = subprocess.run([*command, "add", "alex", "--password-stdin"], input=PASSWORD + "\n",
                           capture_output=True, text=True, env=env, cwd=ROOT)  # fmt: skip
    assert (added.returncode, added.stdout, added.stderr) == (0, "added alex (staff)\n", "")
    listed = subprocess.run([*command, "list"], capture_output=True, text=True, env=env, cwd=ROOT)
    assert listed.stdout.startswith("alex\tstaff\tactive")
    assert (tmp_path / "spinebot.sqlite3").exists()


def test_purge_runs_on_the_configured_databases(
    app_database: Engine,
    tracker: Engine,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("TRACKER_URL", tracker.url.render_as_string(hide_password=False))
    monkeypatch.setenv("SPINEBOT_RETENTION_DAYS", "30")
    with Session(app_database) as session, session.begin():
        old = add_request(session, NOW.replace(year=2020), conversation_id="old")
    add_events(tracker, "old", ("user", NOW.replace(year=2020), {"text": "my back hurts"}))

    assert purge.main(["--dry-run"]) == 0
    assert capsys.readouterr().out.startswith("would delete what is older than 30 days")
    assert count_events(tracker, "old") == 1

    assert purge.main([]) == 0
    out = capsys.readouterr().out
    assert out.startswith("deleted what is older than 30 days") and "1 requests" in out
    assert count_events(tracker, "old") == 0
    with Session(app_database) as session:
        assert record_detail(session, old) is None


def test_purge_refuses_a_bad_retention(
    app_database: Engine, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SPINEBOT_RETENTION_DAYS", "a year")
    assert purge.main([]) == 2
    assert "SPINEBOT_RETENTION_DAYS must be a whole number" in capsys.readouterr().err
