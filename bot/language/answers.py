"""Short answers to the bot's own questions, read by words rather than by the intent classifier.

The classifier gives every message some intent, gibberish included ("asdfghjkl" once scored as
`affirm` and was taken as consent). Where an answer decides something that matters, consent or a
warning-sign "no", the dialogue asks this module instead:

- `explicit_yes(text)`: True only for an unambiguous yes ("yes", "I agree", the button's
  `/affirm` payload). Anything else is not consent.
- `explicit_no(text)`: True only for an unambiguous no.
- `hedged(text)`: True when the message hedges ("I think so", "a bit", "not really, only
  when…", "maybe"): such an answer to a warning-sign question is never recorded as "no".
- `dont_know(text)`: True for "not sure", "no idea", "dunno", "it varies", "on and off",
  "ages", "skip": an intake answer the person cannot give, recorded as unknown.

All take the raw message text (str) and return bool; none raises.
"""

from __future__ import annotations

import re

_WORDS = re.compile(r"[a-z']+")


def _norm(text: str) -> str:
    words = _WORDS.findall(text.lower().replace("’", "'"))
    return " ".join(words)


YES = frozenset(
    {
        "yes", "yes please", "yes i agree", "i agree", "agree", "agreed", "i do", "yes i do",
        "yeah", "yep", "yup", "y", "ok", "okay", "ok i agree", "okay i agree", "sure",
        "yes sure", "yes that's fine", "that's fine", "fine", "go ahead", "yes go ahead",
        "of course", "absolutely", "yes that's right", "that's right", "correct", "right",
        "yes it is", "yes ok", "yes okay",
    }
)  # fmt: skip
NO = frozenset(
    {
        "no", "nope", "nah", "n", "no thanks", "no thank you", "no i don't", "i don't agree",
        "i do not agree", "don't", "no way", "not at all", "none", "no none", "none of these",
        "no i don't agree", "no never", "never",
    }
)  # fmt: skip
# Saying one does not know: a don't-know answer, and a hedge as well. Written once for both.
_UNSURE = (
    "not sure", "unsure", "not certain", "don't know", "dont know", "do not know", "dunno",
    "idk", "hard to say", "can't tell", "cant tell", "can't say", "on and off",
)  # fmt: skip
# Words that turn an answer into "not sure": hedges and partial yeses.
_HEDGES = re.compile(
    r"\b("
    + "|".join(_UNSURE)
    + r"|i think|i guess|maybe|perhaps|probably|possibly|might|kind of|kinda|sort of|sorta|"
    r"a bit|a little|slightly|sometimes|occasionally|now and then|not really|only when|only if|"
    r"except|not exactly|i suppose|i believe|hmm+|a few times|once or twice|not much|barely|"
    r"mostly|partly)\b"
)
# Answers the person cannot give, or would rather skip: the intake records them as unknown.
_DONT_KNOW = re.compile(
    r"\b("
    + "|".join(_UNSURE)
    + r"|no idea|no clue|can't remember|cant remember|cannot remember|don't remember|"
    r"dont remember|cant say|it varies|varies|on off|off and on|comes and goes|ages|forever|"
    r"years and years|skip|pass|rather not say|prefer not to say|no comment|who knows|"
    r"haven't a clue|not a clue)\b"
)


def _payload(text: str) -> str:
    return text.strip().split("{", 1)[0].lower()


def explicit_yes(text: str) -> bool:
    """An unambiguous yes: the `/affirm` button or one of a closed list of plain yeses."""
    if _payload(text) == "/affirm":
        return True
    return _norm(text) in YES and not hedged(text)


def explicit_no(text: str) -> bool:
    """An unambiguous no: the `/deny` button or one of a closed list of plain noes."""
    if _payload(text) == "/deny":
        return True
    return _norm(text) in NO


def hedged(text: str) -> bool:
    """True when the answer hedges or qualifies itself (never a clear "no")."""
    if text.strip().startswith("/"):
        return False  # a button's payload says exactly what it means
    return bool(_HEDGES.search(_norm(text))) or text.strip().endswith("?")


def dont_know(text: str) -> bool:
    """True for an answer that says the person does not know, or wants to skip the question."""
    if _payload(text) == "/unsure":
        return True
    return bool(_DONT_KNOW.search(_norm(text)))
