"""The dialogue never depends on the staff console (issue 18 step 2): it writes records through
bot/records/, which the console reads. Checked by parsing imports, directly and through every
bot/ module the dialogue imports, so a console import hidden one module away also fails."""

from __future__ import annotations

import ast
from pathlib import Path

BOT = Path(__file__).resolve().parents[2] / "bot"


def imported_modules(source: str) -> set[str]:
    """Every module a source imports, absolute names; `from a import b` gives a and a.b (b may
    be a submodule). Relative imports are not used in bot/ and are not resolved."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def _file_of(module: str) -> Path | None:
    relative = Path(*module.split("."))
    for candidate in (
        BOT.parent / relative.with_suffix(".py"),
        BOT.parent / relative / "__init__.py",
    ):
        if candidate.is_file():
            return candidate
    return None


def _module_of(path: Path) -> str:
    parts = path.relative_to(BOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def reachable_from(package: str) -> dict[str, str]:
    """Each bot module imported, directly or through other bot modules, by the package's
    modules, with the module that imports it."""
    start = [
        _module_of(path) for path in sorted((BOT.parent / Path(*package.split("."))).rglob("*.py"))
    ]
    seen: dict[str, str] = {module: module for module in start}
    todo = list(start)
    while todo:
        module = todo.pop()
        path = _file_of(module)
        if path is None:
            continue
        for name in imported_modules(path.read_text(encoding="utf-8")):
            if (name == "bot" or name.startswith("bot.")) and name not in seen and _file_of(name):
                seen[name] = module
                todo.append(name)
    return seen


def _is_console(module: str) -> bool:
    return module == "bot.console" or module.startswith("bot.console.")


def test_the_check_sees_every_way_of_importing_the_console() -> None:
    for source in (
        "import bot.console",
        "from bot.console import users",
        "from bot import console",
    ):
        assert any(_is_console(name) for name in imported_modules(source)), source
    assert not any(_is_console(name) for name in imported_modules("from bot.records import queue"))


def test_no_dialogue_module_imports_the_console() -> None:
    direct = {
        f"{path.relative_to(BOT.parent)} imports {name}"
        for path in sorted((BOT / "dialogue").rglob("*.py"))
        for name in imported_modules(path.read_text(encoding="utf-8"))
        if _is_console(name)
    }
    assert not direct


def test_the_dialogue_does_not_reach_the_console_through_other_modules() -> None:
    reached = reachable_from("bot.dialogue")
    assert "bot.records.triage_records" in reached  # the check follows imports at all
    assert not {
        f"{module} (imported by {by})" for module, by in reached.items() if _is_console(module)
    }


def test_the_records_package_imports_neither_the_console_nor_the_dialogue() -> None:
    reached = reachable_from("bot.records")
    assert not {
        f"{module} (imported by {by})"
        for module, by in reached.items()
        if _is_console(module) or module.startswith("bot.dialogue")
    }
