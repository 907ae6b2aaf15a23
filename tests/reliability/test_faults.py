"""Faults survived with nothing lost, on real servers this module starts for itself (the model
of the shared stack, its own ports, data folder and SQLite tracker store): the action server
down and back, the Rasa server restarted mid-conversation. (The database down while a request is
saved: tests/actions/test_consultation.py; Redis down in the scaled setup:
tests/bench/test_scaleout.py.)"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from bot import runtime
from bot.channels.guard import service_problem_text
from bot.servers import Servers, start_action_server, start_rasa_server
from tests.reliability.http import post_message
from tests.stack import Stack, free_port

PROBLEM = service_problem_text()


@dataclass
class Own:
    """An action server and a Rasa server that tests may stop and start again."""

    model: Path
    env: dict[str, str]
    rasa_port: int
    action_port: int
    log: Path
    actions: Servers
    rasa: Servers

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"

    def start_actions(self) -> None:
        self.actions = Servers(log=self.log)
        start_action_server(self.actions, self.action_port, self.env)

    def start_rasa(self) -> None:
        self.rasa = Servers(log=self.log)
        start_rasa_server(self.rasa, self.model, self.rasa_port, self.env)


@pytest.fixture(scope="module")
def own(live_stack: Stack, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Own]:
    work = tmp_path_factory.mktemp("faults")
    rasa_port, action_port = free_port(), free_port()
    env = runtime.environment(
        {
            **os.environ,
            "SPINEBOT_DATA_DIR": str(work),
            "SPINEBOT_ACTION_PORT": str(action_port),
            "SPINEBOT_RASA_PORT": str(rasa_port),
            "ACTION_SERVER_URL": f"http://127.0.0.1:{action_port}/webhook",
            "TRACKER_DB": str(work / "tracker.sqlite3"),
            "DATABASE_URL": f"sqlite:///{work / 'spinebot.sqlite3'}",
        }
    )
    servers = Own(live_stack.work / "e2e.tar.gz", env, rasa_port, action_port,
                  work / "servers.log", Servers(), Servers())  # fmt: skip
    servers.start_actions()
    servers.start_rasa()
    yield servers
    servers.rasa.stop()
    servers.actions.stop()


def say(own: Own, sender: str, message: str) -> list[dict[str, Any]]:
    answer = post_message(own.url, {"sender": sender, "message": message})
    assert answer.status == 200, answer.text
    replies: list[dict[str, Any]] = answer.json()
    return replies


def texts(replies: list[dict[str, Any]]) -> list[str]:
    return [str(reply.get("text")) for reply in replies if reply.get("text")]


def test_guidance_names_the_emergency_number_and_the_clinic_phone() -> None:
    assert "call 911 now" in PROBLEM and "+1 555 0100" in PROBLEM


def test_with_the_action_server_down_the_bot_gives_safe_guidance_and_recovers(own: Own) -> None:
    assert PROBLEM not in texts(say(own, "down-1", "hello"))
    own.actions.stop()
    try:
        assert texts(say(own, "down-1", "my lower back has hurt for 3 weeks"))[-1] == PROBLEM
        # A red flag while the actions are away still gets the emergency number.
        assert PROBLEM in texts(say(own, "down-2", "I can't control my bladder"))
    finally:
        own.start_actions()
    # Back: the red flag is handled by the real interrupt, the conversation by the real actions.
    replies = say(own, "down-2", "I can't control my bladder")
    assert PROBLEM not in texts(replies)
    assert any(r.get("custom", {}).get("triage", {}).get("level") == "emergency_department"
               for r in replies)  # fmt: skip
    assert PROBLEM not in texts(say(own, "down-1", "about 3 weeks"))
    # The failures were logged, but never with what the person wrote.
    log = own.log.read_text()
    assert "message not fully handled" in log
    assert "has hurt for 3 weeks" not in log and "control my bladder" not in log


def test_a_restarted_rasa_server_resumes_the_conversation_from_the_tracker_store(
    own: Own,
) -> None:
    first = ["hi", "my lower back has hurt for 3 weeks, about 5/10"]
    rest = ["no", "35", "no"]
    # The same conversation twice: once straight through, once with a restart in the middle.
    straight = [texts(say(own, "straight", message)) for message in first + rest]
    for message in first:
        say(own, "restarted", message)
    own.rasa.stop()
    own.start_rasa()
    resumed = [texts(say(own, "restarted", message)) for message in rest]
    assert resumed == straight[len(first) :]
    assert all(replies and PROBLEM not in replies for replies in resumed)
