"""Pain scores on the 0-10 numeric rating scale: "7/10", "seven out of ten", "about a 6".

Words such as "excruciating" are not turned into numbers: no source says how, so the bot asks.
A decimal or a range takes the higher whole number ("7.5/10" = 8, "8-9/10" = 9).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from bot.language.numbers import to_number

_SMALL = "zero|one|two|three|four|five|six|seven|eight|nine|ten"
_SCORE = rf"(?:10|\d(?:\.\d)?|{_SMALL})"
_RANGE = rf"(?P<n>{_SCORE})(?:\s*(?:-|–|to|or)\s*(?P<n2>{_SCORE}))?"
# Units and words after a number that show it is not a pain score ("a 5 minute walk").
_NOT_SCORE_AFTER = (
    r"(?!\s*(?:%|percent|am\b|pm\b|o'?clock|x\b|times|kg|kilos?|lbs?|pounds?|stone|st\b|miles?|"
    r"km|k\b|m\b|min|mins|minutes?|hours?|hrs?|h\b|days?|d\b|nights?|weeks?|wks?|w\b|fortnights?|"
    r"months?|mths?|mos?\b|years?|yrs?|y\b|decades?|year|ft|feet|foot|inch|inches|cm|mm|"
    r"tablets?|pills?|mg|doses?|kids?|children|people|steps|stairs|flights?|sessions?|"
    r"injections?|of\s+(?:them|those)|and\s+a\s+half|\d|/\s*(?:7|52|12)\b))"
)
OUT_OF_TEN = re.compile(
    rf"\b{_RANGE}\s*(?:/|out\s+of|outta|of|on)\s*(?:10|ten)\b(?!\s*(?:days|weeks))", re.IGNORECASE
)
SCALE_SAID = re.compile(
    rf"\b(?:pain\s+(?:score|level|rating|is|was|at|of|around|about)|score\s+(?:of|is)|"
    rf"level\s+(?:of|is)?|rate\s+it\s+(?:a|an|at)?|rated\s+(?:it\s+)?(?:a|an|at)?|"
    rf"(?:it'?s|its|is|was|about|around|roughly|maybe|probably|like|at|solid|hits?)\s+(?:a|an)|"
    rf"(?:a|an))\s+{_RANGE}\b{_NOT_SCORE_AFTER}",
    re.IGNORECASE,
)
ONLY_A_NUMBER = re.compile(
    rf"^\s*(?:(?:about|around|maybe|probably|like|roughly|i'?d\s+say|prob)\s+)?(?:a\s+|an\s+)?"
    rf"{_RANGE}\s*(?:ish)?\s*[.!]?\s*$",
    re.IGNORECASE,
)
# "the pain is 7", "pain 8": the word pain right before a bare number.
PAIN_NUMBER = re.compile(
    rf"\bpain\s*(?:is|was|:|=|-)?\s*(?:at\s+)?{_RANGE}\b{_NOT_SCORE_AFTER}", re.IGNORECASE
)


@dataclass(frozen=True)
class PainScore:
    """A pain score found in a text: its character span `start`-`end` and its `score`, a whole
    number 0-10."""

    start: int
    end: int
    score: int


def _score(match: re.Match[str]) -> int | None:
    values = [to_number(match["n"])]
    if match["n2"]:
        values.append(to_number(match["n2"]))
    score = math.ceil(max(values))
    return score if 0 <= score <= 10 else None


def find_pain_scores(text: str) -> list[PainScore]:
    """Every 0-10 pain score in the text, in text order, without overlaps (where two patterns
    match the same words, "7/10" beats "a 7")."""
    found: list[PainScore] = []
    for pattern in (OUT_OF_TEN, ONLY_A_NUMBER, PAIN_NUMBER, SCALE_SAID):
        for match in pattern.finditer(text):
            score = _score(match)
            overlaps = any(match.start() < f.end and f.start < match.end() for f in found)
            if score is not None and not overlaps:
                found.append(PainScore(match.start(), match.end(), score))
    return sorted(found, key=lambda f: f.start)
