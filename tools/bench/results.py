"""What one benchmark run found, as plain data (JSON-serialisable through `asdict`)."""

from __future__ import annotations

import os
import platform
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from tools.bench.stats import Level


@dataclass(frozen=True)
class Machine:
    cpu: str
    cores: int
    ram_gib: float
    os: str
    python: str
    rasa: str
    rasa_sdk: str

    def describe(self) -> str:
        return (
            f"{self.cpu}, {self.cores} cores, {self.ram_gib:.1f} GiB RAM, {self.os}, "
            f"Python {self.python}, Rasa {self.rasa}, rasa-sdk {self.rasa_sdk}"
        )


def _first(path: Path, prefix: str, default: str) -> str:
    try:
        for line in path.read_text().splitlines():
            if line.startswith(prefix):
                return line.split(prefix, 1)[1].lstrip(" \t:=").strip().strip('"')
    except OSError:
        pass
    return default


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def this_machine() -> Machine:
    memory_kib = _first(Path("/proc/meminfo"), "MemTotal", "0 kB").split()[0]
    return Machine(
        cpu=_first(Path("/proc/cpuinfo"), "model name", platform.processor() or "unknown CPU"),
        cores=os.cpu_count() or 0,
        ram_gib=int(memory_kib) / 1024 / 1024,
        os=_first(Path("/etc/os-release"), "PRETTY_NAME", platform.platform()),
        python=platform.python_version(),
        rasa=_version("rasa"),
        rasa_sdk=_version("rasa-sdk"),
    )


@dataclass(frozen=True)
class SetupResult:
    key: str
    title: str
    train_seconds: float
    train_how: str
    levels: list[Level]
    rss_idle: dict[str, int]  # "rasa" / "actions" -> bytes after the warm-up
    rss_peak: dict[str, int]  # the same, peak while driven
    nlu: dict[str, float]  # parses_per_s, p50_ms, p95_ms (one model, one process)
    reached: int  # conversations that reached their script's expected triage level
    expected: int  # conversations whose script names one
    errors: list[str] = field(default_factory=list)
    time_limited: bool = False

    def level(self, concurrency: int) -> Level | None:
        return next((lv for lv in self.levels if lv.concurrency == concurrency), None)


@dataclass(frozen=True)
class ScaleOutResult:
    instances: int
    concurrency: int
    conversations: int
    messages: int
    seconds: float
    p50_ms: float
    p95_ms: float
    turns_per_s: float
    upstreams: dict[str, int]
    problems: dict[str, list[str]]
    errors: list[str]
    rss_peak: dict[str, int]

    @property
    def ok(self) -> bool:
        return not self.problems and not self.errors and self.conversations > 0


@dataclass(frozen=True)
class CrossValidation:
    date: str
    folds: int
    f1: dict[str, float]  # setup key -> intent macro-F1
    seconds: dict[str, float]
    machine: str


@dataclass(frozen=True)
class Results:
    date: str
    machine: Machine
    command: str
    quick: bool
    repetitions: int
    conversations: int
    concurrency: list[int]
    time_limit_s: float
    setups: dict[str, SetupResult]
    scaleout: ScaleOutResult | None
    cross_validation: CrossValidation | None
    seconds: float = 0.0
