"""Check and normalise the contact details a person types, with a message naming what is wrong.

Pure functions: each returns the normalised value, or raises ContactError with a sentence the
dialogue can show as a re-prompt hint.
"""

from __future__ import annotations

import difflib
import re


class ContactError(ValueError):
    """The value cannot be used; the message says why, in plain words."""


EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$")
MAX_NAME = 100


# Words of a sentence, not of a name ("I really couldn't tell you", "is that ok"): pronouns,
# auxiliaries and other function words (not "Will", "Can" or "Do", which are names too).
_SENTENCE_WORDS = frozenset(
    {
        "i",
        "i'm",
        "im",
        "i've",
        "ive",
        "i'd",
        "id",
        "me",
        "my",
        "you",
        "your",
        "you're",
        "it",
        "it's",
        "its",
        "is",
        "are",
        "was",
        "were",
        "am",
        "be",
        "been",
        "does",
        "did",
        "don't",
        "dont",
        "can't",
        "cant",
        "could",
        "would",
        "should",
        "won't",
        "the",
        "this",
        "that",
        "these",
        "what",
        "why",
        "how",
        "when",
        "where",
        "who",
        "which",
        "not",
        "no",
        "yes",
        "to",
        "of",
        "in",
        "on",
        "for",
        "with",
        "but",
        "so",
        "just",
        "really",
        "have",
        "has",
        "had",
        "about",
        "like",
        "there",
        "here",
        "because",
        "if",
        "or",
        "tell",
        "know",
        "think",
        "sure",
        "pain",
        "hurts",
        "hurt",
        "hurting",
        # greetings and chat, not names
        "hi",
        "hello",
        "hey",
        "bye",
        "goodbye",
        "cool",
        "lol",
        "haha",
        "hahaha",
        "sorry",
        "brb",
        "ok",
        "okay",
        "thanks",
        "thank",
        "wat",
        "wut",
        "huh",
        # when to call, typed at the name ("mayb tmrw aftrnoon ish")
        "maybe",
        "mayb",
        "ish",
        "tomorrow",
        "tmrw",
        "tmr",
        "tomoz",
        "morning",
        "mornin",
        "mornings",
        "afternoon",
        "aftrnoon",
        "arvo",
        "evening",
        "evenings",
        "tonight",
        "asap",
        "anytime",
        "whenever",
        "weekday",
        "weekdays",
        "weekend",
    }
)
# Where it hurts, typed at the name, typos included ("necck an sholder"): a word this close to
# one of these (difflib's ratio, words of four letters or more) is not part of a name.
_BODY_WORDS = (
    "neck",
    "shoulder",
    "shoulders",
    "back",
    "spine",
    "lower",
    "upper",
    "legs",
    "arms",
    "knee",
    "ache",
    "aching",
    "sore",
    "numb",
    "tingling",
    "sciatica",
)
_BODY_LIKENESS = 0.8
_NAME_CHARACTERS = re.compile(r"^[^\W\d_]+(?:[ .'’-]+[^\W\d_]+)*[.]?$")


def normalise_name(text: str) -> str:
    """A person's name: letters, with spaces, hyphens, apostrophes and dots between them; not a
    sentence ("I don't know") and no digits, symbols or emoji; at most 100 characters, white space
    folded. Raises ContactError otherwise."""
    name = " ".join(text.split())
    if not name:
        raise ContactError("a name is needed")
    if len(name) > MAX_NAME:
        raise ContactError(f"the name is longer than {MAX_NAME} characters")
    if not _NAME_CHARACTERS.match(name):
        raise ContactError(
            "a name has letters only, with no digits, symbols such as < > / or @, or emoji"
        )
    if sum(ch.isalpha() for ch in name) < 2 or re.search(r"([^\W\d_])\1{3}", name):
        raise ContactError("please type your name as you would like the clinic to use it")
    words = {word.strip(".'’-").lower() for word in name.split()}
    if _SENTENCE_WORDS & words:
        raise ContactError("that reads like a sentence rather than a name")
    if any(
        len(w) >= 4 and difflib.get_close_matches(w, _BODY_WORDS, 1, _BODY_LIKENESS) for w in words
    ):
        raise ContactError("that reads like where it hurts rather than a name")
    return name


def normalise_phone(text: str) -> str:
    """Digits with an optional leading +; spaces, dots, dashes and brackets are dropped. Raises
    ContactError unless 7 to 15 digits remain (E.164's longest is 15)."""
    cleaned = re.sub(r"[\s().-]", "", text.strip())
    if not re.fullmatch(r"\+?\d+", cleaned):
        raise ContactError("a phone number has digits only, with an optional + in front")
    digits = cleaned.lstrip("+")
    if not 7 <= len(digits) <= 15:  # E.164 allows at most 15 digits
        raise ContactError("a phone number has between 7 and 15 digits")
    return cleaned


def normalise_email(text: str) -> str:
    """An email address, trimmed, with its domain lower-cased (the local part is kept as typed);
    at most 254 characters (RFC 5321). Raises ContactError otherwise."""
    email = text.strip()
    if len(email) > 254 or not EMAIL.match(email):
        raise ContactError("an email address looks like name@example.com")
    local, domain = email.rsplit("@", 1)
    return f"{local}@{domain.lower()}"


# A preferred time names a part of the day or week, a day, a clock time, or "any time".
_WHEN = re.compile(
    r"\b(mornings?|am|a\.m\.?|afternoons?|pm|p\.m\.?|evenings?|nights?|tonight|noon|midday|"
    r"lunch(time)?|daytime|any ?day|weekdays?|weekends?|"
    r"mon(day)?s?|tue(s(day)?)?s?|wed(nesday)?s?|thu(r(s(day)?)?)?s?|fri(day)?s?|"
    r"sat(urday)?s?|sun(day)?s?|today|tomorrow|asap|whenever|any ?time|"
    r"o'?clock|\d{1,2}:\d{2}|\d{1,2}\s*(am|pm)|"
    r"(after|before|at|from|by|around|until|till|between)\s+\d{1,2})\b",
    re.IGNORECASE,
)


# A greeting at the start ("good morning :)") names no time to call.
_GREETING = re.compile(
    r"^\W*(?:(?:hi|hello|hey)\b\W*)?(?:good\s+(?:morning|afternoon|evening|night|day)\b)?\W*",
    re.IGNORECASE,
)


def normalise_contact_time(text: str) -> str:
    """Free text that names a time ("weekday mornings", "after 5pm", "any time"), trimmed; a
    greeting alone ("good morning :)") does not. White space folded; at most 200 characters.
    Raises ContactError otherwise."""
    when = " ".join(text.split())
    if not when or not _WHEN.search(_GREETING.sub("", when, count=1)):
        raise ContactError(
            "please say when suits you, for example 'weekday mornings', 'after 5pm' or 'any time'"
        )
    if len(when) > 200:
        raise ContactError("please keep the preferred time under 200 characters")
    return when
