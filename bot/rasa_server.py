"""`python -m bot.rasa_server ARGS`: the Rasa server's entry point, the `rasa ARGS` command with
this project's patches installed and JAX kept out of the process.

Every Rasa server this project starts goes through here (`run` by bot/launch/processes.py and
the tools, `shell` by `make shell`), so each has the patches of bot/rasa_ext/patches.py,
installed once before Rasa's command line runs; the channels refuse to start without them.

Rasa 3.6 imports TensorFlow 2.12 at start-up whatever the pipeline (its policy base class
imports its TensorFlow utilities), and TensorFlow imports JAX when JAX is installed, which its
package requires. TensorFlow uses JAX for one thing, converting JAX functions to TensorFlow
Lite, and its import is written to do without it (tensorflow/lite/python/util.py catches the
ImportError). SpineBot's Rasa server never converts a model, yet JAX and jaxlib held 65 MiB of
its resident memory (docs/BENCHMARKS.md). This entry point makes `import jax` fail in its own
process only, then runs Rasa's command line as `rasa` would.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from importlib.abc import MetaPathFinder
from importlib.machinery import ModuleSpec
from types import ModuleType

KEPT_OUT = ("jax", "jaxlib")


class KeepOut(MetaPathFinder):
    """Refuses to import the named top-level packages and their modules."""

    def __init__(self, names: Sequence[str]) -> None:
        self.names = tuple(names)

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        """None (left to the usual finders), or ModuleNotFoundError for a kept-out package."""
        if fullname.split(".")[0] in self.names:
            raise ModuleNotFoundError(f"{fullname} is kept out of this process (rasa_server.py)")
        return None


def main(argv: Sequence[str]) -> None:
    """Run `rasa ARGV` in this process: JAX kept out, then the patches installed, then Rasa.

    Rasa's command line exits the process itself on an error (SystemExit).
    """
    sys.meta_path.insert(0, KeepOut(KEPT_OUT))  # before anything imports TensorFlow
    from bot.rasa_ext import patches

    patches.install()
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *argv]
    rasa_main()


if __name__ == "__main__":
    main(sys.argv[1:])
