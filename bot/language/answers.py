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
- `warning_sign_answer(text, intent)`: the answer to a yes / not sure / no warning-sign
  question ("yes", "no", "unsure"), or None when the message is not an answer. A "no" needs a
  word of denial as well as the classifier's `deny`, and a "yes" a word of assent as well as
  its `affirm`; a hedge is "unsure"; a question back is not an answer.
- `is_question(text)`: True for a question back ("why do you need that") or "I don't
  understand" in English or another common language.
- `asks_to_explain(text)`: True when the person asks for the question to be explained or
  said another way.

All take the raw message text (str) and return bool; none raises.
"""

from __future__ import annotations

import re

# Letters of any alphabet ("sé", "não") and apostrophes; digits and punctuation split words.
_WORDS = re.compile(r"(?:[^\W\d_]|')+")


def _norm(text: str) -> str:
    words = _WORDS.findall(text.lower().replace("’", "'"))
    return " ".join(words)


YES = frozenset(
    {
        "yes",
        "yes please",
        "yes i agree",
        "i agree",
        "agree",
        "agreed",
        "i do",
        "yes i do",
        "yeah",
        "yep",
        "yup",
        "y",
        "ok",
        "okay",
        "ok i agree",
        "okay i agree",
        "sure",
        "yes sure",
        "yes that's fine",
        "that's fine",
        "fine",
        "go ahead",
        "yes go ahead",
        "of course",
        "absolutely",
        "yes that's right",
        "that's right",
        "correct",
        "right",
        "yes it is",
        "yes ok",
        "yes okay",
    }
)
NO = frozenset(
    {
        "no",
        "nope",
        "nah",
        "n",
        "no thanks",
        "no thank you",
        "no i don't",
        "i don't agree",
        "i do not agree",
        "don't",
        "no way",
        "not at all",
        "none",
        "no none",
        "none of these",
        "no i don't agree",
        "no never",
        "never",
    }
)
# Saying one does not know: a don't-know answer, and a hedge as well. Written once for both.
_UNSURE = (
    "not sure",
    "unsure",
    "not certain",
    "don't know",
    "dont know",
    "do not know",
    "dunno",
    "idk",
    "hard to say",
    "can't tell",
    "cant tell",
    "can't say",
    "on and off",
    # The same in the languages the clinic's patients most often write in besides English.
    "no sé",
    "no se",
    "no lo sé",
    "no lo se",
    "não sei",
    "nao sei",
    "je ne sais pas",
    "je sais pas",
    "non lo so",
    "weiß nicht",
    "weiss nicht",
    "keine ahnung",
    "nie wiem",
)
# Saying the question was not understood: asked again with help, never an answer. Without this
# "I don't understand" (classified `deny`, with the denial word "don't") was recorded as "no".
_NOT_UNDERSTOOD = re.compile(
    r"\b(don't understand|dont understand|do not understand|didn't understand|"
    r"didnt understand|not understand|don't get it|dont get it|what do you mean|"
    r"what does that mean|"
    r"no entiendo|no comprendo|je ne comprends pas|je comprends pas|"
    r"não entendo|nao entendo|non capisco|verstehe nicht|versteh nicht|nie rozumiem|"
    r"explain|simpler|rephrase|plain english|plainer|other words|another way|say that again|"
    r"say it again|repeat that|repeat the question|come again)\b"
)
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


# Words that deny, and words that assent, in an answer to a warning-sign question. "can't" is
# not a denial: "I can't feel my feet" reports a sign.
_DENIAL = re.compile(
    r"\b(no|nope|nah|not|never|none|nothing|neither|nor|don't|dont|doesn't|doesnt|didn't|didnt|"
    r"haven't|havent|hasn't|hasnt|isn't|isnt|aren't|arent|wasn't|wasnt|no one|negative)\b"
)
_ASSENT = re.compile(
    r"\b(yes|yeah|yea|yep|yup|ya|aye|definitely|absolutely|correct|true|sure|right|indeed|"
    r"i have|i do|i did|i am|i'm|it does|it did|it is|it has|i've|always|affirmative)\b"
)
_PAYLOAD_ANSWERS = {"/affirm": "yes", "/deny": "no", "/unsure": "unsure"}
_QUESTION_WORDS = re.compile(
    r"^(what|why|how|who|where|when|which|do|does|did|is|are|can|could|should|would|will|"
    r"whats|what's)\b"
)


def is_question(text: str) -> bool:
    """True for a question back ("what do you mean?", "why do you need that") or a message that
    says the question was not understood ("I don't understand", "no entiendo"): not an answer."""
    if text.strip().startswith("/"):
        return False
    words = _norm(text)
    return bool(_QUESTION_WORDS.match(words) or _NOT_UNDERSTOOD.search(words))


def asks_to_explain(text: str) -> bool:
    """True when the person asks for the question to be explained or put another way ("can
    you explain that in simpler words", "I don't understand"): the form gives its help, it is
    not a request for a consultation or anything else the classifier may have read."""
    return not text.strip().startswith("/") and bool(_NOT_UNDERSTOOD.search(_norm(text)))


def warning_sign_answer(text: str, intent: str | None) -> str | None:
    """Read an answer to a warning-sign question: "yes", "no", "unsure", or None for no answer.

    `intent` is the classifier's intent name for the message (affirm, deny, unsure or another).
    The classifier alone is not trusted: gibberish can score as `deny`, which would record a
    "no" nobody said.
    """
    payload = _payload(text)
    if payload in _PAYLOAD_ANSWERS:
        return _PAYLOAD_ANSWERS[payload]
    if is_question(text):
        return None  # asked back: explained and asked again, never taken as an answer
    if hedged(text) or dont_know(text) or intent == "unsure":
        return "unsure"
    words = _norm(text)
    if explicit_no(text) or (intent == "deny" and _DENIAL.search(words)):
        return "no"
    if explicit_yes(text) or (intent == "affirm" and _ASSENT.search(words)):
        return "yes"
    return None
