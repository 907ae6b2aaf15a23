"""What is measured: SpineBot, comparator (a) (the same bot with the config.yml `rasa init`
writes, served the way a new Rasa user serves it) and comparator (b) (the starter bot `rasa init`
creates), each trained cold and started on free loopback ports.

Two ways of serving a bot:
- SpineBot's runtime: `python -m bot.rasa_server` (Rasa without JAX in the process and with
  the patches of bot/rasa_ext/patches.py), the project's channels (credentials.yml) and
  endpoints.yml (the caching SQL tracker store of bot/rasa_ext/tracker_store.py);
- Rasa's own: the plain `rasa` command (deliberately unpatched), Rasa's REST channel, Rasa's
  SQL tracker store on the same SQLite file, the same action server. This is (a): the same bot,
  done the way a new Rasa user would. (a') is (a)'s model on SpineBot's runtime, so the report
  can tell how much of the difference is the configuration (pipeline and policies) and how much
  the runtime.

"Cold" training means a fresh output folder and an empty Rasa cache: Rasa 3.6 keeps trained
components in `.rasa/cache` (or $RASA_CACHE_DIRECTORY, rasa/engine/caching.py), and a warm cache
would make a retrain skip most of the work.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from bot.launch import environment as runtime
from bot.launch.processes import (
    RASA,
    RASA_SERVER,
    Servers,
    free_port,
    start_action_server,
    wait_until_up,
)
from bot.settings import ROOT
from tools.bench.conversations import SPINEBOT, STARTER, Script

# Variables a developer's shell may carry that would point the benchmark at real services.
_SERVICE_VARIABLES = (
    "DATABASE_URL", "REDIS_URL", "ACTION_SERVER_URL", "TRACKER_DIALECT", "TRACKER_URL",
    "TRACKER_DB", "LOCK_STORE_TYPE", "REDIS_HOST", "REDIS_PORT", "REDIS_DB", "REDIS_PASSWORD",
    "RASA_CACHE_DIRECTORY", "SPINEBOT_DATA_DIR",
)  # fmt: skip


def clean_environment() -> dict[str, str]:
    """os.environ without the service variables, telemetry off."""
    env = {k: v for k, v in os.environ.items() if k not in _SERVICE_VARIABLES}
    env["RASA_TELEMETRY_ENABLED"] = "false"
    env["TF_CPP_MIN_LOG_LEVEL"] = "2"
    env["PYTHONWARNINGS"] = "ignore"
    return env


@dataclass(frozen=True)
class Setup:
    """One bot to measure: how to train it and how to serve it."""

    key: str  # "spinebot", "default", "default-ours", "starter"
    title: str
    scripts: tuple[Script, ...]
    project: Path  # the folder `rasa train` runs in
    config: Path
    domain: Path
    data: Path
    uses_actions: bool
    credentials: Path
    endpoints: Path | None  # None: Rasa's defaults (in-memory tracker store)
    program: tuple[str, ...] = RASA_SERVER  # how the Rasa server is started


# Rasa's own channel and SQL tracker store, with the same action server and database settings.
STOCK_CREDENTIALS = "rest:\n"
STOCK_ENDPOINTS = """action_endpoint:
  url: ${ACTION_SERVER_URL}
tracker_store:
  type: SQL
  dialect: ${TRACKER_DIALECT}
  url: ${TRACKER_URL}
  db: ${TRACKER_DB}
"""


def spinebot() -> Setup:
    return Setup("spinebot", "SpineBot (config.yml)", SPINEBOT, ROOT, ROOT / "config.yml",
                 ROOT / "domain.yml", ROOT / "data", True, ROOT / "credentials.yml",
                 ROOT / "endpoints.yml")  # fmt: skip


def default_config(config: Path, work: Path) -> Setup:
    """Comparator (a): SpineBot's domain, data and actions with the config.yml `rasa init` writes
    (pipeline and policies left empty, so Rasa fills in its default ones), served by Rasa's own
    runtime (files written to `work`)."""
    credentials, endpoints = work / "credentials-rasa.yml", work / "endpoints-rasa.yml"
    credentials.write_text(STOCK_CREDENTIALS, encoding="utf-8")
    endpoints.write_text(STOCK_ENDPOINTS, encoding="utf-8")
    return Setup("default", "(a) SpineBot with rasa init's config.yml, Rasa's runtime", SPINEBOT,
                 ROOT, config, ROOT / "domain.yml", ROOT / "data", True, credentials, endpoints,
                 (RASA,))  # fmt: skip


def default_on_our_runtime(config: Path) -> Setup:
    """(a'): comparator (a)'s model served by SpineBot's runtime."""
    return Setup("default-ours", "(a') rasa init's config.yml on SpineBot's runtime", SPINEBOT,
                 ROOT, config, ROOT / "domain.yml", ROOT / "data", True, ROOT / "credentials.yml",
                 ROOT / "endpoints.yml")  # fmt: skip


def starter_bot(starter: Path) -> Setup:
    """Comparator (b): the bot `rasa init --no-prompt` creates, as a new user gets it."""
    return Setup("starter", "(b) rasa init starter bot", STARTER, starter,
                 starter / "config.yml", starter / "domain.yml", starter / "data", False,
                 starter / "credentials.yml", None, (RASA,))  # fmt: skip


@dataclass(frozen=True)
class Trained:
    model: Path
    seconds: (
        float  # wall time of the `rasa train` (or `rasa init`) command, Python start-up included
    )


def _run_timed(command: list[str], cwd: Path, env: Mapping[str, str], log: Path) -> float:
    started = time.perf_counter()
    with log.open("ab") as out:
        result = subprocess.run(
            command, cwd=cwd, env=dict(env), stdout=out, stderr=subprocess.STDOUT
        )
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command[:3])} failed (exit {result.returncode}); see {log}")
    return seconds


def rasa_package() -> Path:
    spec = importlib.util.find_spec("rasa")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("Rasa is not installed in this environment")
    return Path(next(iter(spec.submodule_search_locations)))


def quick_config(path: Path, epochs: int = 1) -> Path:
    """Rasa's default config (the one an empty pipeline gets) written out in full, with every
    trained component cut to `epochs` epochs: for smoke runs only, never for figures."""
    defaults = rasa_package() / "engine" / "recipes" / "config_files" / "default_config.yml"
    config = yaml.safe_load(defaults.read_text(encoding="utf-8"))
    for component in [*config["pipeline"], *config["policies"]]:
        if "epochs" in component:
            component["epochs"] = epochs
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


def create_starter_quickly(work: Path, log: Path) -> tuple[Path, Trained]:
    """The starter project as `rasa init` copies it, trained for one epoch (smoke runs)."""
    folder = work / "rasa-init"
    shutil.copytree(rasa_package() / "cli" / "initial_project", folder)
    config = quick_config(work / "config-starter-quick.yml")
    setup = replace(starter_bot(folder), config=config)
    return folder, train_cold(setup, work, log)


def create_starter(work: Path, log: Path) -> tuple[Path, Trained]:
    """`rasa init --no-prompt` in a new folder, with an empty cache: it writes the starter
    project and trains it, so its wall time is the starter bot's cold training (plus copying a
    few files)."""
    folder = work / "rasa-init"
    folder.mkdir()
    env = {**clean_environment(), "RASA_CACHE_DIRECTORY": str(work / "cache-starter")}
    seconds = _run_timed([RASA, "init", "--no-prompt", "--init-dir", str(folder)], folder, env, log)
    models = sorted((folder / "models").glob("*.tar.gz"))
    if not models:
        raise RuntimeError(f"rasa init trained no model; see {log}")
    return folder, Trained(models[-1], seconds)


def train_cold(setup: Setup, work: Path, log: Path) -> Trained:
    """`rasa train` into a fresh folder with a fresh, empty cache."""
    out = work / f"model-{setup.key}"
    cache = work / f"cache-{setup.key}"
    env = {**clean_environment(), "RASA_CACHE_DIRECTORY": str(cache)}
    command = [RASA, "train", "--config", str(setup.config), "--domain", str(setup.domain),
               "--data", str(setup.data), "--out", str(out),
               "--fixed-model-name", setup.key]  # fmt: skip
    seconds = _run_timed(command, setup.project, env, log)
    return Trained(out / f"{setup.key}.tar.gz", seconds)


@dataclass(frozen=True)
class Serving:
    url: str
    rasa_pids: list[int]
    action_pids: list[int]
    servers: Servers


@contextmanager
def serve(setup: Setup, model: Path, work: Path, log: Path) -> Iterator[Serving]:
    """The action server (if the bot has actions) and the Rasa server, on free ports; an SQLite
    tracker store and database in `work` for SpineBot's endpoints, stopped on exit."""
    rasa_port, action_port = free_port(), free_port()
    data = work / f"data-{setup.key}"
    data.mkdir(exist_ok=True)
    env = runtime.environment(
        {
            **clean_environment(),
            "SPINEBOT_DATA_DIR": str(data),
            "SPINEBOT_ACTION_PORT": str(action_port),
            "SPINEBOT_RASA_PORT": str(rasa_port),
            "DATABASE_URL": f"sqlite:///{data / 'spinebot.sqlite3'}",
            # runtime.environment() derives this from the process's own data directory.
            "TRACKER_DB": str(data / "tracker.sqlite3"),
        }
    )
    servers = Servers(log=log)
    try:
        actions: list[int] = []
        if setup.uses_actions:
            start_action_server(servers, action_port, env)
            actions = [servers.processes[-1].pid]
        args = ["run", "--model", str(model), "--credentials", str(setup.credentials),
                "--port", str(rasa_port)]  # fmt: skip
        if setup.endpoints is not None:
            args += ["--endpoints", str(setup.endpoints)]
        process = servers.start(args, env, program=setup.program)
        wait_until_up(f"http://127.0.0.1:{rasa_port}/", process, f"the Rasa server ({setup.key})")
        yield Serving(f"http://127.0.0.1:{rasa_port}", [process.pid], actions, servers)
    finally:
        servers.stop()
