"""What an assessment says about pain that may not come from the spine (CLINICAL.md §7), for the
outcome wording: which §7 reasons apply and where to send the person.

Use `nonspinal(assessment)`. It reads only the assessment's reasons (the ids of the §7 rules in
`bot.triage.rules.nonspinal`), so it needs no case and no slots. Pure: no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from bot.triage.engine import Assessment, Reason
from bot.triage.levels import Level
from bot.triage.rules.nonspinal import NONSPINAL_RULES

# Every §7 rule id ("NS-1 renal colic with vomiting", ...). Each one starts with its row.
NONSPINAL_RULE_IDS = frozenset(rule.id for rule in NONSPINAL_RULES)
# Rows whose rules fire only in a pregnancy: NS-4 for a known pregnancy, NS-3 for a possible one.
MATERNITY_ROW, EARLY_PREGNANCY_ROW = "NS-4", "NS-3"
# The L6 rules marking a pregnancy with no warning sign: the outcome adds the pregnancy safety net.
PREGNANCY_SELF_CARE = frozenset(
    {"NS-4 pregnancy, no warning feature", "NS-3 could be pregnant, no warning feature"}
)


class Destination(str, Enum):
    """Where a §7 outcome sends the person (CLINICAL.md §7: "pregnancy changes the destination,
    not the level"); the level's own wording says how fast."""

    # Pregnant now (NS-4): "call your maternity unit / labour ward" (at L2: now).
    MATERNITY_UNIT = "maternity_unit"
    # Could be pregnant (NS-3): "early pregnancy unit or emergency department" (at L2: today).
    EARLY_PREGNANCY_UNIT = "early_pregnancy_unit"
    # Anything else in §7: the usual destination for the level, with words saying this kind of
    # pain can sometimes come from somewhere other than the spine (never a diagnosis as fact).
    NOT_THE_SPINE = "not_the_spine"


@dataclass(frozen=True)
class NonSpinal:
    """The §7 part of an assessment.

    `reasons`: the §7 reasons, most urgent first (each `Reason.text` is a plain sentence that
    names no diagnosis as fact, `Reason.source` its guideline). `destination`: see `Destination`.
    `pregnancy_safety_net`: True when the person is or could be pregnant, so the safety net must
    list the pregnancy warning signs (bleeding, fluid, tightenings, fever, pain peeing, fewer
    movements, or for a possible pregnancy one-sided tummy pain, bleeding, shoulder-tip pain).
    `pregnancy_self_care`: True when a pregnancy with no warning sign is the only §7 finding and
    the level is self-care (R7-L6): spine self-care advice must then come with the pregnancy
    safety net and nothing unsafe in pregnancy.
    """

    reasons: tuple[Reason, ...]
    destination: Destination
    pregnancy_safety_net: bool
    pregnancy_self_care: bool


def row_of(reason: Reason) -> str:
    """The row a rule id starts with: "NS-4", "NS-1/NS-5", "NS-8/NK-5"."""
    return reason.rule.split(" ", 1)[0]


def nonspinal(assessment: Assessment) -> NonSpinal | None:
    """The §7 findings of an assessment, or None when no §7 rule fired.

    The destination is the maternity unit when any NS-4 rule fired (a known pregnancy always
    fires one: a warning sign, or "NS-4 pregnancy, no warning feature"), else the early pregnancy
    unit when any NS-3 rule fired (a possible pregnancy always fires one), else "not the spine".
    A §1 rule can still set the level (the most urgent wins): at call_emergency the instruction
    is the emergency number whatever the destination.

    Source: CLINICAL.md §7 (framing and pregnancy destinations; design choices, U).
    """
    reasons = tuple(r for r in assessment.reasons if r.rule in NONSPINAL_RULE_IDS)
    if not reasons:
        return None
    rows = {row_of(r) for r in reasons}
    if MATERNITY_ROW in rows:
        destination = Destination.MATERNITY_UNIT
    elif EARLY_PREGNANCY_ROW in rows:
        destination = Destination.EARLY_PREGNANCY_UNIT
    else:
        destination = Destination.NOT_THE_SPINE
    pregnant = destination is not Destination.NOT_THE_SPINE
    self_care = assessment.level is Level.SELF_CARE and all(
        r.rule in PREGNANCY_SELF_CARE for r in reasons
    )
    return NonSpinal(reasons, destination, pregnant, self_care)
