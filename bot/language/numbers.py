"""Numbers written as digits or words ("3", "three", "a couple of", "half a")."""

from __future__ import annotations

import math

WORDS: dict[str, float] = {
    "zero": 0,
    "nil": 0,
    "none": 0,
    "one": 1,
    "a": 1,
    "an": 1,
    "single": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "couple": 2,
    "a couple": 2,
    "a couple of": 2,
    "couple of": 2,
    "a few": 3,
    "few": 3,
    "several": 3,
    "half a": 0.5,
    "half an": 0.5,
    "a half": 0.5,
    "a dozen": 12,
    "dozen": 12,
}

# Longest first, so "a couple of" wins over "a".
WORD_PATTERN = "|".join(sorted((w.replace(" ", r"\s+") for w in WORDS), key=len, reverse=True))
NUMBER_PATTERN = rf"(?:\d+(?:\.\d+)?|{WORD_PATTERN})"


def to_number(text: str) -> float:
    """The value of a number written as digits or as words; raise ValueError otherwise."""
    cleaned = " ".join(text.lower().split())
    if cleaned in WORDS:
        return WORDS[cleaned]
    return float(cleaned)


def round_half_up(value: float) -> int:
    """The nearest whole number, halves rounded up (2.5 is 3, where round() gives 2)."""
    return math.floor(value + 0.5)
