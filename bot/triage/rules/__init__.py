"""The triage rules, one row per rule, as CLINICAL.md tables them: `spine` holds §1C's red flags
(which summarise §1A and §1B) with the duration and pain rows, and `nonspinal` §7A's pain that may
not come from the spine (rows NS-1 to NS-8); `rule` holds the shape every row shares.

Each rule names the CLINICAL.md row it encodes, the level it sets, a plain-language reason shown to
the person, and its source. `review=True` marks a rule that encodes a row or threshold CLINICAL.md
flags as unverified (U) or as a design choice; the safer, more urgent option was taken and the rule
is listed in docs/clinical-review.md for a clinician's sign-off.

The engine takes the most urgent level of every rule that applies, so a §7 rule never lowers a
level a §1 rule set. `RULES` is every rule, the spine's first; every §7 rule id starts with its row
("NS-1 ...") and is in `NONSPINAL_RULES`, which `bot.triage.nonspinal_reasons` reads for the outcome
wording.
"""

from bot.triage.rules.nonspinal import (
    KIDNEY_STONE_AGE,
    LOWERING_KEYS,
    NONSPINAL_RULES,
    PREGNANCY_AGES,
)
from bot.triage.rules.rule import Rule
from bot.triage.rules.spine import FRACTURE_AGE, SPINE_RULES

RULES: tuple[Rule, ...] = SPINE_RULES + NONSPINAL_RULES

__all__ = [
    "FRACTURE_AGE",
    "KIDNEY_STONE_AGE",
    "LOWERING_KEYS",
    "NONSPINAL_RULES",
    "PREGNANCY_AGES",
    "RULES",
    "SPINE_RULES",
    "Rule",
]
