"""The web app refuses a broken deployment (issue 19 item 5): a checkout where `make widget` or
`make train` never ran exits at once with what to run, instead of serving a chat page whose
widget can never connect."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from bot.launch.processes import free_port
from bot.settings import ROOT
from bot.web.config import web_config
from bot.web.startup import deployment_problems


def checkout_without_builds(tmp_path: Path) -> Path:
    """The tracked files the web app needs, as a fresh clone has them: no web/dist, no models/."""
    copy = tmp_path / "checkout"
    shutil.copytree(ROOT / "bot", copy / "bot", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "web" / "widget", copy / "web" / "widget")
    shutil.copytree(ROOT / "content", copy / "content")
    shutil.copy(ROOT / "clinic.yml", copy / "clinic.yml")
    return copy


def start(checkout: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SPINEBOT_DATA_DIR": str(checkout / "var")}
    for name in ("SPINEBOT_CLINIC_FILE", "SPINEBOT_TREATMENTS_FILE", "DATABASE_URL"):
        env.pop(name, None)
    command = [sys.executable, "-m", "bot.web", "--port", str(free_port()), *args]
    return subprocess.run(command, cwd=checkout, env=env, capture_output=True, text=True,
                          timeout=120)  # fmt: skip


def test_a_checkout_without_the_built_widget_or_a_model_does_not_start(tmp_path: Path) -> None:
    result = start(checkout_without_builds(tmp_path))
    assert result.returncode == 1
    assert "socket.io.min.js is missing: run `make widget`" in result.stderr
    assert "no trained model at" in result.stderr and "run `make train`" in result.stderr
    assert "Traceback" not in result.stderr


def test_without_a_model_check_only_the_widget_is_asked_for(tmp_path: Path) -> None:
    result = start(checkout_without_builds(tmp_path), "--no-model-check")
    assert result.returncode == 1
    assert "run `make widget`" in result.stderr and "make train" not in result.stderr


def test_a_complete_deployment_has_no_problem(tmp_path: Path) -> None:
    config = web_config()
    model = tmp_path / "model.tar.gz"
    model.write_bytes(b"")
    assert deployment_problems(config, model) == []
    assert deployment_problems(config, None) == []
    assert deployment_problems(config, tmp_path / "missing.tar.gz") == [
        f"no trained model at {tmp_path / 'missing.tar.gz'}: run `make train`"
    ]
