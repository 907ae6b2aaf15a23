"""The product never depends on its tools (issue 18 step 1): bot/ and actions/ are what runs in
production, tools/ (benchmark, fault report, fuzzer, NLU evaluation) and tests/ are not shipped
with it. Checked by parsing every production module's imports, so an import of a tool inside a
function fails as surely as one at the top."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.dialogue.test_imports import imported_modules

ROOT = Path(__file__).resolve().parents[1]
PRODUCT = ("bot", "actions")
NOT_SHIPPED = ("tools", "tests")


def _not_shipped(module: str) -> bool:
    return any(module == name or module.startswith(f"{name}.") for name in NOT_SHIPPED)


def test_the_check_sees_every_way_of_importing_a_tool() -> None:
    for source in (
        "import tools.bench",
        "from tools.fuzz import walk",
        "from tools import fault_report",
        "def later():\n    import tests.stack",
    ):
        assert any(_not_shipped(name) for name in imported_modules(source)), source
    assert not any(_not_shipped(name) for name in imported_modules("from bot import tooling"))


@pytest.mark.parametrize("package", PRODUCT)
def test_production_code_imports_no_tool_and_no_test(package: str) -> None:
    files = sorted((ROOT / package).rglob("*.py"))
    assert len(files) > 5  # the walk found the package at all
    offending = {
        f"{path.relative_to(ROOT)} imports {name}"
        for path in files
        for name in imported_modules(path.read_text(encoding="utf-8"))
        if _not_shipped(name)
    }
    assert not offending


def test_no_two_product_modules_share_a_name() -> None:
    # "duration" in the triage and in the language package once meant two different things;
    # a reader following a name from the README should land on one module.
    seen: dict[str, list[str]] = {}
    for package in PRODUCT:
        for path in sorted((ROOT / package).rglob("*.py")):
            if path.name not in ("__init__.py", "__main__.py"):
                seen.setdefault(path.name, []).append(str(path.relative_to(ROOT)))
    assert len(seen) > 20
    assert not {name: paths for name, paths in seen.items() if len(paths) > 1}


def test_the_action_server_code_loads_neither_spacy_nor_tensorflow() -> None:
    # The actions read answers with bot.language's plain-regex modules; importing the package
    # once pulled in the spaCy pipeline and TensorFlow, and the action server's memory went from
    # about 130 MB to 550 MB (docs/BENCHMARKS.md). A fresh interpreter shows what one import costs.
    script = (
        "import importlib, pkgutil, sys, actions\n"
        "for module in pkgutil.iter_modules(actions.__path__):\n"
        "    importlib.import_module(f'actions.{module.name}')\n"
        "print(' '.join(sorted({name.split('.')[0] for name in sys.modules})))\n"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    assert "actions" in loaded and "bot" in loaded
    assert not {"spacy", "tensorflow", "sklearn", "rasa"} & set(loaded)
