"""How `python -m bot.launch` starts each server (bot/launch/processes.py): the Rasa server and
`rasa shell` through the patched entry point, and every server on loopback unless configured
otherwise (issue 19 item 5)."""

from __future__ import annotations

import sys
from pathlib import Path

import yaml
from rasa.__main__ import create_argument_parser

from bot.launch.processes import (
    RASA_SERVER,
    rasa_run_args,
    shell_command,
    web_app_args,
)
from bot.settings import ROOT

MODEL = Path("models/spinebot.tar.gz")


def test_rasa_shell_runs_patched_rasa_and_its_server_listens_on_loopback() -> None:
    command = shell_command(MODEL, 5005, {})
    assert command[: len(RASA_SERVER)] == [sys.executable, "-m", "bot.rasa_server"]
    assert command[len(RASA_SERVER)] == "shell"
    # Rasa's own parser reads the flags as its shell's server options.
    args = create_argument_parser().parse_args(command[len(RASA_SERVER) :])
    assert (args.interface, args.port) == ("127.0.0.1", 5005)
    assert args.endpoints == "endpoints.yml" and args.model == str(MODEL)


def test_the_rasa_server_listens_on_loopback_unless_configured() -> None:
    args = create_argument_parser().parse_args(rasa_run_args(MODEL, 15005, {}))
    assert (args.interface, args.port) == ("127.0.0.1", 15005)
    assert args.credentials == "credentials.yml" and not args.enable_api
    configured = {"SPINEBOT_RASA_INTERFACE": "10.0.0.11"}
    assert create_argument_parser().parse_args(
        rasa_run_args(MODEL, 5005, configured)
    ).interface == ("10.0.0.11")
    shell = shell_command(MODEL, 5005, configured)[len(RASA_SERVER) :]
    assert create_argument_parser().parse_args(shell).interface == "10.0.0.11"


def test_the_web_app_listens_on_loopback() -> None:
    assert web_app_args(18080, Path("m.tar.gz")) == [
        "-m",
        "bot.web",
        "--host",
        "127.0.0.1",
        "--port",
        "18080",
        "--model",
        "m.tar.gz",
    ]


def test_credentials_and_endpoints_name_classes_that_exist() -> None:
    from rasa.shared.utils.common import class_from_module_path

    credentials = yaml.safe_load((ROOT / "credentials.yml").read_text(encoding="utf-8"))
    endpoints = yaml.safe_load((ROOT / "endpoints.yml").read_text(encoding="utf-8"))
    for dotted in [*credentials, endpoints["tracker_store"]["type"]]:
        assert class_from_module_path(dotted).__module__.startswith("bot.rasa_ext.")
