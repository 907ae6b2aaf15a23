"""The dialogue check: Rasa's validator plus the responses only forms and actions use. It passes on
the project, and fails, naming the culprit, on small projects that each have one fault."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.dialogue.validate import ASKED_BY_FORM, NAMED_IN_ACTIONS, action_responses, check
from bot.settings import ROOT

CONFIG = """
recipe: default.v1
language: en
assistant_id: validate-test
pipeline: []
policies: []
"""

DOMAIN = """
version: "3.1"
intents:
  - greet
  - inform
slots:
  name:
    type: text
    mappings:
      - type: from_text
        conditions:
          - active_loop: name_form
            requested_slot: name
forms:
  name_form:
    required_slots:
      - name
actions:
  - action_thank
responses:
  utter_greet:
    - text: Hello.
  utter_ask_name:
    - text: What is your name?
  utter_thank_name:
    - text: Thank you.
"""

NLU = """
version: "3.1"
nlu:
  - intent: greet
    examples: |
      - hello
      - hi there
  - intent: inform
    examples: |
      - my name is Sam
      - I am Alex
"""

RULES = """
version: "3.1"
rules:
  - rule: Greet
    steps:
      - intent: greet
      - action: utter_greet
  - rule: Ask the name
    steps:
      - intent: inform
      - action: name_form
      - active_loop: name_form
"""

ACTION = '''
"""An action that thanks, by a literal response name."""

NAMES = {"name": "utter_thank_name"}


def thank(dispatcher):
    dispatcher.utter_message(response=NAMES["name"])
'''


CONFLICTING_STORIES = """
version: "3.1"
stories:
  - story: A greeting is answered with hello
    steps:
      - intent: greet
      - action: utter_greet
  - story: A greeting is answered with thanks
    steps:
      - intent: greet
      - action: utter_thank_name
"""


def project(
    root: Path,
    *,
    domain: str = DOMAIN,
    nlu: str = NLU,
    action: str = ACTION,
    stories: str = 'version: "3.1"\n',
) -> Path:
    (root / "data").mkdir()
    (root / "actions").mkdir()
    (root / "config.yml").write_text(CONFIG)
    (root / "domain.yml").write_text(domain)
    (root / "data" / "nlu.yml").write_text(nlu)
    (root / "data" / "rules.yml").write_text(RULES)
    (root / "data" / "stories.yml").write_text(stories)
    (root / "actions" / "thank.py").write_text(action)
    return root


def test_the_project_passes_with_only_the_warnings_rasa_cannot_resolve() -> None:
    report = check(ROOT)
    assert report.problems == ()
    assert report.accepted[ASKED_BY_FORM] > 0 and report.accepted[NAMED_IN_ACTIONS] > 0
    assert "story structure" in report.checks


def test_a_small_clean_project_passes(tmp_path: Path) -> None:
    report = check(project(tmp_path))
    assert report.problems == ()
    assert report.accepted == {ASKED_BY_FORM: 1, NAMED_IN_ACTIONS: 1}


@pytest.mark.parametrize(
    ("fault", "change", "named"),
    [
        (
            "a response nothing uses",
            {"domain": DOMAIN + "  utter_unused:\n    - text: Nobody says this.\n"},
            "'utter_unused' is used nowhere",
        ),
        (
            "a question for a slot no form requires",
            {"domain": DOMAIN + "  utter_ask_colour:\n    - text: Which colour?\n"},
            "'utter_ask_colour' is used nowhere",
        ),
        (
            "an action's question named like a form's question for a slot that is none",
            {
                "domain": DOMAIN + "  utter_ask_colour:\n    - text: Which colour?\n",
                "action": ACTION
                + '\ndef ask(d):\n    d.utter_message(response="utter_ask_colour")\n',
            },
            "response 'utter_ask_colour' is named like a form's question",
        ),
        (
            "an action naming a response the domain lacks",
            {"action": ACTION + '\ndef bye(d):\n    d.utter_message(response="utter_bye")\n'},
            "thank.py:11: response 'utter_bye' is named in actions/ but not in domain.yml",
        ),
        (
            "a response name built at run time",
            {"action": ACTION + '\ndef ask(d, s):\n    d.utter_message(response=f"utter_{s}")\n'},
            "thank.py:11: response name built at run time",
        ),
        (
            "an intent no story or rule uses",
            {
                "domain": DOMAIN.replace("  - inform\n", "  - inform\n  - goodbye\n"),
                "nlu": NLU + "  - intent: goodbye\n    examples: |\n      - bye\n      - see you\n",
            },
            "The intent 'goodbye' is not used in any story or rule",
        ),
        (
            "two stories that disagree",
            {"stories": CONFLICTING_STORIES},
            "Rasa check failed: story structure",
        ),
    ],
)
def test_a_fault_fails_the_check_and_is_named(
    tmp_path: Path, fault: str, change: dict[str, str], named: str
) -> None:
    report = check(project(tmp_path, **change))
    assert any(named in problem for problem in report.problems), (fault, report.problems)
    assert f"Problems: {len(report.problems)}" in report.summary()


def test_response_names_are_read_from_arguments_and_mappings_not_from_prose(
    tmp_path: Path,
) -> None:
    (tmp_path / "actions").mkdir()
    (tmp_path / "actions" / "a.py").write_text(
        '"""Mentions utter_in_docstring."""\n'
        'LEVELS = {"l1": "utter_level_one"}\n'
        'x.utter_message(response="utter_direct")\n'
        'y = "utter_" + level\n'
        'utter_together(d, domain, ["utter_listed", "utter_too"])\n'
        'parts.append("utter_appended")\n'
        'class Form:\n    way_on_offer = "utter_assigned"\n'
    )
    found = action_responses(tmp_path / "actions")
    assert found.named == {
        "utter_level_one": "actions/a.py:2",
        "utter_direct": "actions/a.py:3",
        "utter_listed": "actions/a.py:5",
        "utter_too": "actions/a.py:5",
        "utter_appended": "actions/a.py:6",
        "utter_assigned": "actions/a.py:8",
    }
    assert found.built == ("actions/a.py:4",)
