"""The load balancer's configuration (deploy/spinebot-nginx.conf.template): rendered for N
servers and accepted by Debian's nginx itself (`nginx -t`)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tools.bench import nginx

RASA = ["10.0.0.11:5005", "10.0.0.12:5005", "10.0.0.13:5005"]
ACTIONS = ["10.0.0.21:5055", "10.0.0.22:5055"]


def test_every_server_is_in_its_upstream() -> None:
    site = nginx.render(RASA, ACTIONS)
    for address in RASA + ACTIONS:
        assert f"server {address} max_fails=3 fail_timeout=10s;" in site
    # The Rasa servers appear twice (REST and socket.io), the action servers once.
    assert site.count("10.0.0.11:5005") == 2
    assert site.count("10.0.0.21:5055") == 1
    assert "{{" not in site


def test_socketio_clients_stay_on_one_server_and_posts_are_never_retried() -> None:
    site = nginx.render(RASA, ACTIONS)
    socketio = site.split("upstream spinebot_socketio {", 1)[1].split("}", 1)[0]
    assert "hash $remote_addr consistent;" in socketio
    # A POST retried on another server could deliver one message twice.
    directives = [line for line in site.splitlines() if not line.strip().startswith("#")]
    assert not any("non_idempotent" in line for line in directives)


@pytest.mark.parametrize("address", ["", "10.0.0.1", "10.0.0.1:80; evil", "host:port"])
def test_a_bad_address_is_refused(address: str) -> None:
    with pytest.raises(ValueError):
        nginx.render([address], ACTIONS)


def test_the_command_reports_a_bad_address_in_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert nginx.main(["--rasa", "nowhere", "--actions", "10.0.0.21:5055"]) == 2
    assert capsys.readouterr().err == "error: not a host:port address: 'nowhere'\n"


def test_nginx_accepts_the_rendered_configuration(tmp_path: Path) -> None:
    binary = shutil.which("nginx") or "/usr/sbin/nginx"  # scripts/ensure-debian-packages.sh nginx
    site = tmp_path / "spinebot.conf"
    site.write_text(
        nginx.render(
            RASA, ACTIONS, listen="127.0.0.1:8099", access_log=str(tmp_path / "access.log")
        )
    )
    for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (tmp_path / "tmp" / name).mkdir(parents=True)
    config = tmp_path / "nginx.conf"
    config.write_text(nginx.main_config(tmp_path, site))
    result = subprocess.run(
        [binary, "-t", "-p", str(tmp_path), "-c", str(config),
         "-e", str(tmp_path / "error.log")],
        capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr
