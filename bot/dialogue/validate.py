"""Check the dialogue data as `rasa data validate` does, and account for what Rasa cannot see.

Rasa's validator looks only at stories and rules, so it reports every response that a form asks
(`utter_ask_<slot>`) or a custom action sends as "not used in any story or rule" (RasaHQ/rasa
issue #4200). This check runs the same validator and accepts exactly those warnings, one by one,
when the response is proven used; any other warning is a problem. It also fails when an action
names a response that domain.yml lacks, or builds a response name at run time (STYLE.md: Python
names responses with string literals, so that this check can read them), and when a response is
named `utter_ask_<x>` but no form asks it: that prefix is Rasa's for a form's slot question, so
other questions take other names (the screening's are `utter_screen_<flag>`).

    python -m bot.dialogue.validate      # exit status 0 when clean, 1 when there are problems
"""

from __future__ import annotations

import ast
import logging
import re
import sys
import warnings
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rasa.shared.importers.importer import TrainingDataImporter
from rasa.utils.common import EXPECTED_WARNINGS
from rasa.validator import Validator

from bot.settings import ROOT

UNUSED_RESPONSE = re.compile(r"The utterance '(?P<name>[^']+)' is not used in any story or rule\.")
ASKED_BY_FORM = "asked by a form (utter_ask_<slot> of a required slot)"
# Responses Rasa's own default actions say when the domain defines them.
SAID_BY_DEFAULT_ACTION = "said by a Rasa default action (utter_restart: action_restart)"
DEFAULT_ACTION_RESPONSES = frozenset({"utter_restart"})
NAMED_IN_ACTIONS = "sent by a custom action (a string literal in actions/)"
NOWHERE = (
    "not in data/, not asked by a form, not named in actions/, bot/triage/groups.py or "
    "bot/dialogue/outcome.py"
)

# The checks `rasa data validate` runs (rasa.cli.utils.validate_files), in its order. Each returns
# False on an error; warnings are collected separately and judged below.
CHECKS: tuple[tuple[str, Callable[[Any], bool]], ...] = (
    ("domain validity", lambda v: bool(v.verify_domain_validity())),
    ("actions in stories and rules", lambda v: bool(v.verify_actions_in_stories_rules())),
    ("forms in stories and rules", lambda v: bool(v.verify_forms_in_stories_rules())),
    ("form slots", lambda v: bool(v.verify_form_slots())),
    ("slot mappings", lambda v: bool(v.verify_slot_mappings())),
    ("intents, examples and responses", lambda v: bool(v.verify_nlu(ignore_warnings=True))),
    ("story structure", lambda v: bool(v.verify_story_structure(ignore_warnings=False))),
    ("config keys", lambda v: v.warn_if_config_mandatory_keys_are_not_set() is None),
)


@dataclass(frozen=True)
class Report:
    """What the check found: the Rasa checks run, accepted warnings by reason (reason -> count)
    and the problems, empty when the project is clean."""

    checks: tuple[str, ...]
    accepted: dict[str, int]  # why a warning is accepted -> how many
    problems: tuple[str, ...]

    def summary(self) -> str:
        """The report as printed: the checks, the accepted warnings and the problems, one a line."""
        lines = [f"Rasa validator checks run ({len(self.checks)}): {', '.join(self.checks)}"]
        lines.append(f"Warnings accepted: {sum(self.accepted.values())}")
        lines += [
            f"  {n} unused in stories and rules, but {why}" for why, n in self.accepted.items()
        ]
        lines.append(f"Problems: {len(self.problems) or 'none'}")
        lines += [f"  {problem}" for problem in self.problems]
        return "\n".join(lines)


@dataclass(frozen=True)
class ActionResponses:
    """Response names the actions use (name -> "actions/x.py:12", where first named) and where
    an action builds a name at run time."""

    named: dict[str, str]  # response name -> where an action names it ("actions/x.py:12")
    built: tuple[str, ...]  # where an action builds a response name at run time


# Modules outside actions/ whose data names the responses actions send: the screening groups
# (CLINICAL.md §8: each group has its own domain response).
RESPONSE_DATA = ("bot/triage/groups.py", "bot/dialogue/outcome.py")


def action_responses(actions_dir: Path, data: tuple[Path, ...] = ()) -> ActionResponses:
    """The response names that custom actions use: `response="utter_..."` arguments,
    "utter_..." strings in dict displays (a mapping from a slot, level or flag to a response),
    in list and tuple displays, as positional arguments (the responses sent together by
    actions/compose.py) and assigned to a name (a class attribute such as a form's
    `way_on_offer`); also in the modules `data` (response names kept as data)."""
    named: dict[str, str] = {}
    built: list[str] = []
    for path in [*sorted(actions_dir.rglob("*.py")), *(p for p in data if p.exists())]:
        where = path.relative_to(actions_dir.parent).as_posix()
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            literals: list[ast.expr | None] = []
            if isinstance(node, ast.Call):
                literals = [kw.value for kw in node.keywords if kw.arg == "response"]
                literals += node.args
            elif isinstance(node, ast.Dict):
                literals = [*node.keys, *node.values]
            elif isinstance(node, (ast.List, ast.Tuple)):
                literals = list(node.elts)
            elif isinstance(node, (ast.Assign, ast.AnnAssign)):
                literals = [node.value]
            for value in literals:
                if isinstance(value, ast.Constant) and str(value.value).startswith("utter_"):
                    named.setdefault(str(value.value), f"{where}:{value.lineno}")
            if _builds_response_name(node):
                built.append(f"{where}:{getattr(node, 'lineno', 0)}")
    return ActionResponses(named, tuple(built))


def _builds_response_name(node: ast.AST) -> bool:
    """An f-string or a concatenation that starts with "utter_"."""
    first: ast.AST | None = None
    if isinstance(node, ast.JoinedStr) and node.values:
        first = node.values[0]
    elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        first = node.left
    return isinstance(first, ast.Constant) and str(first.value).startswith("utter_")


def form_questions(domain: Any) -> set[str]:
    """The responses Rasa's forms ask with: utter_ask_<form>_<slot> or utter_ask_<slot>."""
    return {
        name
        for form in domain.form_names
        for slot in domain.required_slots_for_form(form)
        for name in (f"utter_ask_{form}_{slot}", f"utter_ask_{slot}")
    }


@contextmanager
def _captured(log_name: str) -> Iterator[list[str]]:
    """Rasa's warnings and the named logger's warnings (story conflicts), as messages."""
    messages: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            messages.append(record.getMessage())

    logger = logging.getLogger(log_name)
    handler, propagate = Collect(logging.WARNING), logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            # The warnings Rasa's command line hides, as `rasa data validate` does.
            for category, pattern in EXPECTED_WARNINGS:
                warnings.filterwarnings("ignore", message=f".*{pattern}", category=category)
            yield messages
        # Rasa warns with UserWarning (FutureWarning for its own deprecations); libraries'
        # DeprecationWarnings are not about this project's data. Each message counts once.
        rasa_warnings = (w for w in caught if issubclass(w.category, (UserWarning, FutureWarning)))
        messages += dict.fromkeys(str(w.message) for w in rasa_warnings)
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def check(root: Path = ROOT) -> Report:
    """Validate the project at `root` (domain.yml, config.yml, data/, actions/)."""
    problems: list[str] = []
    with _captured("rasa.validator") as messages:
        importer = TrainingDataImporter.load_from_config(
            config_path=str(root / "config.yml"),
            domain_path=str(root / "domain.yml"),
            training_data_paths=[str(root / "data")],
        )
        domain = importer.get_domain()
        if domain.is_empty():
            return Report((), {}, ("domain.yml is empty",))
        validator = Validator.from_importer(importer)
        problems += [f"Rasa check failed: {name}" for name, run in CHECKS if not run(validator)]

    actions = action_responses(root / "actions", tuple(root / p for p in RESPONSE_DATA))
    asked = form_questions(domain)
    accepted: Counter[str] = Counter()
    for message in messages:
        unused = UNUSED_RESPONSE.fullmatch(message)
        if unused is None:
            problems.append(f"Rasa: {message}")
        elif unused["name"] in asked:
            accepted[ASKED_BY_FORM] += 1
        elif unused["name"] in DEFAULT_ACTION_RESPONSES:
            accepted[SAID_BY_DEFAULT_ACTION] += 1
        elif unused["name"] in actions.named:
            accepted[NAMED_IN_ACTIONS] += 1
        else:
            problems.append(f"response '{unused['name']}' is used nowhere: {NOWHERE}")
    for name, where in actions.named.items():
        if name not in domain.responses:
            problems.append(
                f"{where}: response '{name}' is named in actions/ but not in domain.yml"
            )
    for name in sorted(n for n in domain.responses if n.startswith("utter_ask_")):
        if name not in asked:
            problems.append(
                f"response '{name}' is named like a form's question (utter_ask_<slot>) but no "
                "form requires that slot; name it for what it asks"
            )
    for where in actions.built:
        problems.append(f"{where}: response name built at run time; name it with a string literal")
    return Report(tuple(name for name, _ in CHECKS), dict(accepted), tuple(problems))


def main() -> int:
    """Print the report; exit status 0 when clean, 1 when there are problems."""
    report = check()
    print(report.summary())
    return 1 if report.problems else 0


if __name__ == "__main__":
    sys.exit(main())
