"""Throwaway PostgreSQL, Redis and nginx servers on free loopback ports, each in its own
temporary folder, for the scale-out run and its test. Start with `start()`, always `stop()`.

The binaries come from Debian (scripts/ensure-debian-packages.sh postgres redis nginx).
As root, PostgreSQL runs as the postgres system user (initdb refuses root) and nginx's workers
as nobody, so their folders are made readable to them.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from bot.launch.processes import free_port
from tools.bench import nginx

START_SECONDS = 30


class ServiceError(RuntimeError):
    """A service's binary is missing or it did not start."""


def wait_for_port(port: int, process: subprocess.Popen[bytes] | None, name: str) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise ServiceError(f"{name} exited with code {process.returncode} while starting")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise ServiceError(f"{name} did not listen on port {port} within {START_SECONDS} s")


def _which(name: str, *patterns: str, hint: str) -> Path:
    found = shutil.which(name)
    if found:
        return Path(found)
    for pattern in patterns:
        matches = sorted(glob.glob(pattern), reverse=True)
        if matches:
            return Path(matches[0])
    raise ServiceError(f"{name} not found; run {hint}")


def _stop(process: subprocess.Popen[bytes] | None) -> None:
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


class Postgres:
    """A PostgreSQL server with one database for SpineBot's tracker store and tables (the
    benchmark, the fault report, and the tests' own server)."""

    def __init__(self, database: str = "spinebot", durable: bool = True) -> None:
        initdb = _which(
            "initdb",
            "/usr/lib/postgresql/*/bin/initdb",
            hint="scripts/ensure-debian-packages.sh postgres",
        )
        self.bin = initdb.resolve().parent  # /usr/local/bin may hold a symlink to initdb only
        self.database = database
        # Tests may skip fsync for speed; the benchmark keeps durable commits (fsync=off would
        # flatter the tracker store's write latency).
        self.durable = durable
        self.root = Path(tempfile.mkdtemp(prefix="spinebot-bench-pg-"))
        self.port = free_port()
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def _run(self, *args: str) -> None:
        subprocess.run(
            [*self.as_user, *args], check=True, capture_output=True, text=True, cwd=self.root
        )

    def start(self) -> Postgres:
        if self.as_user:
            shutil.chown(self.root, user="postgres")
        data = str(self.root / "data")
        self._run(str(self.bin / "initdb"), "-D", data, "-U", "postgres", "-A", "trust",
                  "--no-sync", "-E", "UTF8")  # fmt: skip
        self._start()
        self._create_database()
        return self

    def _start(self) -> None:
        options = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c max_connections=200"
        )
        if not self.durable:
            options += " -c fsync=off"
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.root / "data"), "-o", options,
                  "-l", str(self.root / "server.log"), "-w", "start")  # fmt: skip

    def pause(self) -> None:
        """Stop the server, keeping its data and port: `resume()` starts it again (faults)."""
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.root / "data"), "-m", "fast", "-w",
                  "stop")  # fmt: skip

    def resume(self) -> None:
        self._start()

    def _create_database(self) -> None:
        from sqlalchemy import create_engine, text

        admin = create_engine(self.url("postgres"), future=True, isolation_level="AUTOCOMMIT")
        try:
            with admin.connect() as connection:
                connection.execute(text(f'CREATE DATABASE "{self.database}"'))
        finally:
            admin.dispose()

    def url(self, database: str | None = None) -> str:
        name = database or self.database
        return f"postgresql+psycopg2://postgres@127.0.0.1:{self.port}/{name}"

    def stop(self) -> None:
        try:
            if (self.root / "data" / "postmaster.pid").exists():
                self._run(str(self.bin / "pg_ctl"), "-D", str(self.root / "data"),
                          "-m", "fast", "stop")  # fmt: skip
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


class Redis:
    """A Redis server that keeps nothing on disk (the lock store needs no persistence)."""

    def __init__(self) -> None:
        self.binary = _which("redis-server", hint="scripts/ensure-debian-packages.sh redis")
        self.root = Path(tempfile.mkdtemp(prefix="spinebot-bench-redis-"))
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> Redis:
        args = [str(self.binary), "--port", str(self.port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", str(self.root),
                "--logfile", str(self.root / "redis.log")]  # fmt: skip
        self.process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        wait_for_port(self.port, self.process, "redis-server")
        return self

    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def pause(self) -> None:
        """Stop the server but keep its port and folder: `start()` brings it back (fault tests)."""
        _stop(self.process)

    def stop(self) -> None:
        try:
            _stop(self.process)
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


class Nginx:
    """nginx in front of the Rasa servers and the action servers (deploy/spinebot-nginx.conf)."""

    def __init__(self, rasa: list[str], actions: list[str]) -> None:
        self.binary = _which(
            "nginx", "/usr/sbin/nginx", hint="scripts/ensure-debian-packages.sh nginx"
        )
        self.root = Path(tempfile.mkdtemp(prefix="spinebot-bench-nginx-"))
        self.port = free_port()
        self.actions_port = free_port()
        self.rasa = rasa
        self.actions = actions
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def access_log(self) -> Path:
        return self.root / "access.log"

    def start(self) -> Nginx:
        site = nginx.render(
            self.rasa,
            self.actions,
            listen=f"127.0.0.1:{self.port}",
            actions_listen=f"127.0.0.1:{self.actions_port}",
            access_log=str(self.access_log),
        )
        (self.root / "spinebot.conf").write_text(site)
        config = self.root / "nginx.conf"
        config.write_text(nginx.main_config(self.root, self.root / "spinebot.conf"))
        # Workers run as an unprivileged user when nginx starts as root: let them in.
        self.root.chmod(0o755)
        for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (self.root / "tmp" / name).mkdir(parents=True)
            (self.root / "tmp" / name).chmod(0o777)
        (self.root / "tmp").chmod(0o755)
        args = [str(self.binary), "-p", str(self.root), "-c", str(config),
                "-e", str(self.root / "error.log")]  # fmt: skip
        self.process = subprocess.Popen(
            args, stdout=subprocess.DEVNULL, stderr=(self.root / "stderr.log").open("wb")
        )
        wait_for_port(self.port, self.process, "nginx")
        wait_for_port(self.actions_port, self.process, "nginx")
        return self

    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def actions_url(self) -> str:
        return f"http://127.0.0.1:{self.actions_port}/webhook"

    def upstream_counts(self) -> dict[str, int]:
        """How many REST requests each Rasa server answered, from the access log."""
        counts: dict[str, int] = {}
        if not self.access_log.exists():
            return counts
        for line in self.access_log.read_text().splitlines():
            found = nginx.UPSTREAM.search(line)
            if found and "/webhooks/rest/webhook" in line:
                counts[found.group(1)] = counts.get(found.group(1), 0) + 1
        return counts

    def stop(self) -> None:
        try:
            _stop(self.process)
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
