"""The restartable server pair (moved from bot/servers.py, now bot/launch/processes.py): an action
server and a Rasa server that the fault report (tools/fault_report.py) and the fault tests
(tests/reliability/) stop and start again one at a time, started the way `make run` starts them
(bot/launch/processes.py)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from bot.launch.processes import Servers, free_port, start_action_server, start_rasa_server


class RestartableStack:
    """An action server and a Rasa server on free loopback ports, with an SQLite tracker store in
    `work`, that fault tests and the fault report stop and start again one at a time."""

    def __init__(self, model: Path, work: Path, database_url: str, base: Mapping[str, str]) -> None:
        from bot.launch import environment as runtime

        self.model = model
        self.log = work / "servers.log"
        self.rasa_port, self.action_port = free_port(), free_port()
        self.env = runtime.environment(
            {
                **base,
                "SPINEBOT_DATA_DIR": str(work),
                "SPINEBOT_ACTION_PORT": str(self.action_port),
                "SPINEBOT_RASA_PORT": str(self.rasa_port),
                "ACTION_SERVER_URL": f"http://127.0.0.1:{self.action_port}/webhook",
                "DATABASE_URL": database_url,
                # The tracker store stays in SQLite even when the application database is
                # PostgreSQL, so stopping that database stops only the application's tables.
                "TRACKER_DIALECT": "sqlite",
                "TRACKER_URL": "",
                "TRACKER_DB": str(work / "tracker.sqlite3"),
            }
        )
        self.actions = Servers(log=self.log)
        self.rasa = Servers(log=self.log)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"

    def start_actions(self) -> None:
        self.actions = Servers(log=self.log)
        start_action_server(self.actions, self.action_port, self.env)

    def start_rasa(self) -> None:
        self.rasa = Servers(log=self.log)
        start_rasa_server(self.rasa, self.model, self.rasa_port, self.env)

    def start(self) -> RestartableStack:
        self.start_actions()
        self.start_rasa()
        return self

    def stop(self) -> None:
        self.rasa.stop()
        self.actions.stop()
