"""`python -m bot.rasa_server` (bot/rasa_server.py) keeps JAX out of the Rasa server: TensorFlow
still loads and works without it, and the running server has neither JAX nor jaxlib loaded.
That it installs the patches is tested in tests/rasa_ext/test_patches.py."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.rasa_server import KEPT_OUT, KeepOut
from bot.settings import ROOT
from tests.stack import Stack


def test_only_the_named_packages_are_refused() -> None:
    finder = KeepOut(KEPT_OUT)
    for name in ("jax", "jax.numpy", "jaxlib", "jaxlib.xla_client"):
        with pytest.raises(ImportError, match="kept out"):
            finder.find_spec(name, None)
    for name in ("json", "jaxon", "tensorflow", "rasa.core"):
        assert finder.find_spec(name, None) is None  # left to the usual finders


def test_tensorflow_works_without_jax() -> None:
    check = (
        "import sys; from bot.rasa_server import KEPT_OUT, KeepOut; "
        "sys.meta_path.insert(0, KeepOut(KEPT_OUT)); "
        "import tensorflow as tf; from tensorflow.lite.python import util; "
        "assert util._xla_computation is None; "
        "assert int(tf.reduce_sum(tf.constant([1, 2, 3]))) == 6; "
        "assert not any(m.split('.')[0] in KEPT_OUT for m in sys.modules); print('ok')"
    )
    done = subprocess.run([sys.executable, "-c", check], cwd=ROOT, capture_output=True,
                          text=True, timeout=300, env={"TF_CPP_MIN_LOG_LEVEL": "2",
                          "PYTHONWARNINGS": "ignore", "PATH": "/usr/bin:/bin"})  # fmt: skip
    assert done.stdout.strip() == "ok", done.stderr[-2000:]


def test_the_running_rasa_server_has_no_jax_loaded(live_stack: Stack) -> None:
    rasa = live_stack.servers.processes[1]  # action server, Rasa server, web app
    maps = Path(f"/proc/{rasa.pid}/maps").read_text()
    assert "tensorflow" in maps  # it is the Rasa server, and TensorFlow is loaded
    assert "jaxlib" not in maps and "/jax/" not in maps
