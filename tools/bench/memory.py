"""Resident memory (RSS) of server processes and all their descendants, read from /proc, and a
sampler thread that keeps each group's peak while the benchmark drives the servers."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from pathlib import Path

PROC = Path("/proc")


def _parents(proc: Path = PROC) -> dict[int, int]:
    """pid -> parent pid for every process that can be read."""
    parents = {}
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name is in parentheses and may contain spaces: split after the last ')'.
        fields = stat[stat.rindex(")") + 2 :].split()
        parents[int(entry.name)] = int(fields[1])
    return parents


def descendants(pid: int, parents: Mapping[int, int]) -> set[int]:
    """`pid` and every process below it."""
    children: dict[int, list[int]] = {}
    for child, parent in parents.items():
        children.setdefault(parent, []).append(child)
    found, stack = set(), [pid]
    while stack:
        current = stack.pop()
        if current in found:
            continue
        found.add(current)
        stack.extend(children.get(current, []))
    return found


def rss_bytes(pid: int, proc: Path = PROC) -> int:
    """VmRSS of one process (0 if it has gone or is a kernel thread)."""
    try:
        for line in (proc / str(pid) / "status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        return 0
    return 0


def tree_rss(pids: Iterable[int], proc: Path = PROC) -> int:
    """The summed RSS of these processes and all their descendants, each process counted once."""
    parents = _parents(proc)
    every: set[int] = set()
    for pid in pids:
        every |= descendants(pid, parents)
    return sum(rss_bytes(pid, proc) for pid in every)


class PeakSampler:
    """Sample each named group of processes every `interval` seconds; keep the peak sums.

    Use as a context manager around the load; read `peaks` (bytes) afterwards.
    """

    def __init__(self, groups: Mapping[str, list[int]], interval: float = 0.5) -> None:
        self.groups = {name: list(pids) for name, pids in groups.items()}
        self.interval = interval
        self.peaks = dict.fromkeys(self.groups, 0)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="rss-sampler", daemon=True)

    def sample(self) -> None:
        for name, pids in self.groups.items():
            self.peaks[name] = max(self.peaks[name], tree_rss(pids))

    def _loop(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakSampler:
        self.sample()
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()
        self.sample()
