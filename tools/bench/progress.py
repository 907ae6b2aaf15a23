"""Progress on standard error while the benchmark runs: the phase, and conversations done."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.started = time.monotonic()
        self.live = self.stream.isatty()
        self._label = ""
        self._pending_newline = False

    def _clock(self) -> str:
        elapsed = int(time.monotonic() - self.started)
        return f"[{elapsed // 60:02d}:{elapsed % 60:02d}]"

    def phase(self, text: str) -> None:
        """A new phase: one line."""
        self._end_line()
        print(f"{self._clock()} {text}", file=self.stream, flush=True)

    def start(self, label: str) -> None:
        """Start counting conversations for `label`."""
        self._end_line()
        self._label = label

    def conversations(self, done: int, total: int) -> None:
        """Conversations done: redrawn in place on a terminal, every quarter in a log."""
        line = f"{self._clock()}   {self._label}: {done}/{total} conversations"
        if self.live:
            print(f"\r{line}", end="", file=self.stream, flush=True)
            self._pending_newline = True
        elif done == total or done % max(1, total // 4) == 0:
            print(line, file=self.stream, flush=True)

    def note(self, text: str) -> None:
        self._end_line()
        print(f"{self._clock()}   {text}", file=self.stream, flush=True)

    def _end_line(self) -> None:
        if self._pending_newline:
            print(file=self.stream, flush=True)
            self._pending_newline = False
