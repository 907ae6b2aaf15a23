"""The invariants, as pure functions of what one fuzzed conversation produced.

Shapes: a reply is one object of the REST channel's answer (``{"recipient_id", "text"?,
"buttons"?, "custom"?}``; a triage payload is ``{"custom": {"triage": {"level": ...}}}``); a
`Turn` is one message sent, its replies, the slot values actions set during it and the tracker
state after it; a `Case` is a state's prefix, one off-script message, the state's valid answer,
and the control (the same prefix and valid answer in a fresh conversation). Every check returns
a list of `Finding`s, empty when the invariant holds.

1. replies: each turn gets 1 to 4 reply objects, and no text bubble twice in one turn.
2. circuit breaker: Rasa never logs "Circuit breaker tripped" for the conversation's sender.
3. leak: no "Traceback", "Exception" or Python stack frame in any text the person sees.
4. consent: at the consent question, an off-script message (none is a plain consent) leaves
   consent_contact not true.
5. slot: no slot stores the off-script text unless it is a legitimate answer to the question
   being asked (`stored_severity`); a name in gibberish or another language cannot be verified
   and is a warning. At a warning-sign question only a plain no is recorded as "no"
   (`check_screening`; a non-answer taken as "yes" is a warning).
6. continuation: after the off-script message and then the valid answer, the conversation is at
   the same `Position` (active form and its question, or outside forms the last response) as
   the control, or the off-script message legitimately moved it on (`moved_on`): its reply
   carried a triage payload, it started a form from outside one, or it stored a new non-empty
   value in one of `FACT_SLOTS` (an answer taken, such as "dunno" as unknown or a hedge as "not
   sure"; a fact volunteered for a later question; a flag noted; an offer declined).
7. red flag: a message of the unusual_red_flag category gets a triage payload in its reply,
   at an urgent level (call_emergency or emergency_department) for the flags in URGENT_FLAGS.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from tools.fuzz.corpus import RED_FLAG, Message
from tools.fuzz.tracker import Snapshot

Reply = Mapping[str, Any]

VIOLATION, WARNING = "violation", "warning"
SETUP = "0 setup"
REPLIES = "1 replies"
BREAKER = "2 circuit breaker"
LEAK = "3 leak"
CONSENT = "4 consent"
SLOT = "5 slot"
CONTINUATION = "6 continuation"
URGENCY = "7 red flag"
INVARIANTS = (SETUP, REPLIES, BREAKER, LEAK, CONSENT, SLOT, CONTINUATION, URGENCY)

MIN_REPLIES, MAX_REPLIES = 1, 4
URGENT_LEVELS = frozenset({"call_emergency", "emergency_department"})
URGENT_FLAGS = frozenset(
    {"bladder", "bowel", "saddle", "both_legs", "chest", "tearing", "fever_stiff_neck", "fainting"}
)
# Slots whose new value means the conversation took something from the message.
FACT_SLOTS = frozenset(
    {
        "body_region",
        "duration",
        "pain_score",
        "radiation",
        "age",
        "side",
        "treatments_tried",
        "red_flags",
        "unsure_flags",
        "answered_flags",
        "consent_contact",
        "contact_name",
        "contact_detail",
        "contact_time",
        "consultation_offered",
        "callback_offered",
        "request_kind",
        "triage_level",
    }
)
BREAKER_LINE = re.compile(
    r"Circuit breaker tripped\. Stopped predicting more actions for sender '([^']*)'"
)
LEAK_TEXT = re.compile(r"Traceback|Exception|File \"[^\"]*\", line \d+")

# Categories that are never the answer to a free-text question (name, contact, time, age).
NEVER_AN_ANSWER = frozenset({"question_back", RED_FLAG, "very_long", "chit_chat"})
# Categories whose text could be a name the fuzzer cannot judge.
UNVERIFIABLE = frozenset({"gibberish", "other_language"})
NOT_A_NAME = frozenset({"dont_know", "hedge", "emoji", "typo"})
TIME_WORDS = re.compile(
    r"\b(morn\w*|afternoon|aftrnoon|evening|noon|lunch\w*|night|tonight|week ?days?|weekends?"
    r"|(mon|tues|wednes|thurs|fri|satur|sun)days?|today|tomorrow|tmrw|any ?time|whenever"
    r"|\d{1,2}(:\d\d)? ?[ap]\.?m\.?|\d{1,2}:\d\d|(before|after|b4) \d{1,2})\b",
    re.IGNORECASE,
)
NOT_AN_AGE = re.compile(r"/\s*10|out\s*of|outa|\b(weeks?|wks?|days?|months?|hours?|mins?)\b", re.I)
# A message that can be recorded as "no" to a warning-sign question.
PLAIN_NO = re.compile(
    r"\s*(no+|nope|nah|never|none|not at all)\b[\s,.!]*((m8|mate|thanks|thx)[\s.!]*)?$", re.I
)
# Categories that answer no question: taking them as a yes to a warning sign is a warning.
NO_ANSWER = frozenset({"gibberish", "emoji", "single_char", "chit_chat", "question_back"})
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
EDGE = " .,!?;:'\"…-*#~"


@dataclass(frozen=True)
class Finding:
    invariant: str
    detail: str
    severity: str = VIOLATION
    excerpt: str = ""  # the bot's reply that shows it


@dataclass(frozen=True)
class Turn:
    text: str
    replies: tuple[Reply, ...]
    stored: tuple[tuple[str, Any], ...]  # (slot, value) set by an action in this turn
    after: Snapshot


@dataclass(frozen=True)
class Case:
    state: str
    message: Message
    sender: str
    before: Snapshot  # after the prefix
    off: Turn  # the off-script message
    follow: Turn  # the state's valid answer after it
    control: Snapshot  # the control conversation after the prefix and the valid answer


@dataclass(frozen=True)
class Probe:
    """A state's extra conversation: one gibberish message, then an urgent red flag."""

    state: str
    sender: str
    gibberish: Turn
    red_flag: Turn


def bubbles(replies: Iterable[Reply]) -> list[str]:
    return [str(reply["text"]) for reply in replies if reply.get("text")]


def excerpt(replies: Iterable[Reply], limit: int = 160) -> str:
    parts = [" ".join(text.split()) for text in bubbles(replies)]
    if not parts:
        parts = ["(payload)" if any("custom" in r for r in replies) else "(no reply)"]
    joined = " | ".join(parts)
    return joined if len(joined) <= limit else joined[: limit - 1] + "…"


def triage_of(replies: Iterable[Reply]) -> Mapping[str, Any] | None:
    """The triage payload among the replies, if any."""
    for reply in replies:
        custom = reply.get("custom")
        if isinstance(custom, Mapping) and isinstance(custom.get("triage"), Mapping):
            payload: Mapping[str, Any] = custom["triage"]
            return payload
    return None


def check_replies(replies: Sequence[Reply], turn: str) -> list[Finding]:
    """Invariant 1 for one turn (`turn` names it in the finding)."""
    found: list[Finding] = []
    if not MIN_REPLIES <= len(replies) <= MAX_REPLIES:
        detail = f"{len(replies)} replies to {turn} (allowed {MIN_REPLIES}-{MAX_REPLIES})"
        found.append(Finding(REPLIES, detail, excerpt=excerpt(replies)))
    texts = bubbles(replies)
    repeated = sorted({text for text in texts if texts.count(text) > 1})
    if repeated:
        detail = f"the same bubble {texts.count(repeated[0])} times in the reply to {turn}"
        found.append(Finding(REPLIES, detail, excerpt=repeated[0][:160]))
    return found


def check_leak(replies: Iterable[Reply], turn: str) -> list[Finding]:
    """Invariant 3: texts and button titles carry no traceback or exception."""
    for reply in replies:
        seen = [str(reply.get("text") or "")]
        seen += [
            str(b.get("title") or "") for b in reply.get("buttons") or [] if isinstance(b, Mapping)
        ]
        for text in seen:
            if LEAK_TEXT.search(text):
                return [Finding(LEAK, f"error text in the reply to {turn}", excerpt=text[:160])]
    return []


def tripped_senders(log_text: str) -> set[str]:
    """The senders for whom Rasa logged that the circuit breaker tripped."""
    return set(BREAKER_LINE.findall(log_text))


def check_breaker(sender: str, tripped: set[str] | frozenset[str]) -> list[Finding]:
    """Invariant 2, from the senders found in the Rasa log."""
    if sender in tripped:
        return [Finding(BREAKER, f"circuit breaker tripped for {sender}")]
    return []


def check_consent(before: Snapshot, after: Snapshot) -> list[Finding]:
    """Invariant 4: at the consent question, the message did not record consent."""
    if before.requested_slot == "consent_contact" and after.slot("consent_contact") is True:
        return [Finding(CONSENT, "consent_contact became true without explicit consent")]
    return []


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def holds_text(value: str, text: str) -> bool:
    """True if a slot value is the message (ignoring case, spacing and edge punctuation), or a
    long piece of it (a sentence cut short is still the sentence)."""
    held, sent = _norm(value), _norm(text)
    if not held or not sent:
        return False
    if held == sent or (held.strip(EDGE) and held.strip(EDGE) == sent.strip(EDGE)):
        return True
    return len(held) >= 12 and held in sent


def looks_like_age(text: str) -> bool:
    numbers = re.findall(r"\d+", text)
    return len(numbers) == 1 and 1 <= int(numbers[0]) <= 120 and not NOT_AN_AGE.search(text)


def looks_like_contact(text: str) -> bool:
    return bool(EMAIL.search(text)) or len(re.findall(r"\d", text)) >= 7


def stored_severity(slot: str, asked: str | None, message: Message) -> str | None:
    """What it means that `slot` holds the message's text when `asked` was the question: None
    if it is a legitimate answer, else WARNING (a name that cannot be verified) or VIOLATION."""
    text, category = message.text, message.category
    if slot != asked or category in NEVER_AN_ANSWER:
        return VIOLATION  # meant for another question, or no answer to any
    if slot == "contact_name":
        if category in NOT_A_NAME:
            return VIOLATION
        if category == "single_char":
            return WARNING if text.strip().isalpha() else VIOLATION
        return WARNING  # gibberish, another language: cannot be verified
    if slot == "contact_time":
        if TIME_WORDS.search(text):
            return None
        return WARNING if category in UNVERIFIABLE else VIOLATION
    if slot == "contact_detail":
        return None if looks_like_contact(text) else VIOLATION
    if slot == "age":
        return None if looks_like_age(text) else VIOLATION
    return VIOLATION  # entity slots and screening answers hold normalised values, never the text


def _values(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple):
        return [item for item in value if isinstance(item, str)]
    return []


def kept(before: Snapshot, turn: Turn) -> list[tuple[str, Any]]:
    """(slot, value) for what the turn stored: the values actions set during it (`Turn.stored`),
    then every slot whose value after the turn differs from before it."""
    changed = [(k, v) for k, v in turn.after.slots.items() if v != before.slot(k)]
    return [*turn.stored, *changed]


def check_stored(before: Snapshot, turn: Turn, message: Message) -> list[Finding]:
    """Invariant 5: every slot the turn stored the message's text in."""
    found: list[Finding] = []
    asked = before.requested_slot
    stored = kept(before, turn)
    for slot in dict.fromkeys(name for name, value in stored if _held(value, message.text)):
        severity = stored_severity(slot, asked, message)
        if severity is not None:
            where = f"while asking {asked}" if asked else "outside a form"
            found.append(Finding(SLOT, f"{slot} stored the message {where}", severity))
    return found


def screening_recorded(before: Snapshot, turn: Turn) -> str | None:
    """How the turn answered the screening question asked before it: "yes", "unsure", "no",
    or None if it recorded no answer (from the flag lists: answered_flags gains the question's
    flag; red_flags gains it for yes, unsure_flags for not sure)."""
    flag = before.slot("screening_question") if before.active_loop == "screening_form" else None
    if flag is None:
        return None

    def gained(slot: str) -> bool:
        return flag in _values(turn.after.slot(slot)) and flag not in _values(before.slot(slot))

    if not gained("answered_flags"):
        return None
    if gained("red_flags"):
        return "yes"
    return "unsure" if gained("unsure_flags") else "no"


def check_screening(before: Snapshot, turn: Turn, message: Message) -> list[Finding]:
    """Invariant 5 at a warning-sign question: only a plain no is recorded as "no" (a hedge,
    a don't-know or a foreign "No sé" never is); a message that is no answer at all recorded as
    "yes" is a warning (safe, but it can send someone to emergency care for gibberish)."""
    answer = screening_recorded(before, turn)
    flag = before.slot("screening_question")
    if answer == "no" and not PLAIN_NO.match(message.text):
        return [Finding(SLOT, f"{flag} recorded as 'no'")]
    if answer == "yes" and message.category in NO_ANSWER:
        return [Finding(SLOT, f"{flag} recorded as 'yes'", WARNING)]
    return []


def _held(value: Any, text: str) -> bool:
    return any(holds_text(item, text) for item in _values(value))


def moved_on(before: Snapshot, turn: Turn) -> str | None:
    """Why the off-script turn legitimately moved the conversation on, or None (invariant 6)."""
    if triage_of(turn.replies) is not None:
        return "a triage payload"
    if before.active_loop is None and turn.after.active_loop is not None:
        return f"started {turn.after.active_loop}"
    changed = sorted(
        {
            name
            for name, value in kept(before, turn)
            if name in FACT_SLOTS and value is not None and value != before.slot(name)
        }
    )
    return f"recorded {', '.join(changed)}" if changed else None


def check_continuation(case: Case) -> list[Finding]:
    """Invariant 6."""
    final, expected = case.follow.after.position, case.control.position
    if final == expected or moved_on(case.before, case.off) is not None:
        return []
    detail = f"after {case.follow.text!r} at {final}; the control is at {expected}"
    return [Finding(CONTINUATION, detail, excerpt=excerpt(case.follow.replies))]


def check_urgent(replies: Sequence[Reply], flag: str | None, turn: str) -> list[Finding]:
    """Invariant 7 for a message that describes a red flag."""
    payload = triage_of(replies)
    level = None if payload is None else payload.get("level")
    if flag is not None and flag not in URGENT_FLAGS:
        ok = payload is not None
    else:
        ok = level in URGENT_LEVELS
    if ok:
        return []
    detail = f"{flag or 'red flag'} in {turn}: triage level {level or 'none'}"
    return [Finding(URGENCY, detail, excerpt=excerpt(replies))]


def evaluate(case: Case, tripped: set[str] | frozenset[str]) -> list[Finding]:
    """Every invariant for one fuzzed conversation."""
    message = case.message
    found = [
        *check_replies(case.off.replies, "the off-script message"),
        *check_replies(case.follow.replies, "the valid answer after it"),
        *check_breaker(case.sender, tripped),
        *check_leak(case.off.replies, "the off-script message"),
        *check_leak(case.follow.replies, "the valid answer after it"),
        *check_consent(case.before, case.off.after),
        *check_stored(case.before, case.off, message),
        *check_screening(case.before, case.off, message),
        *check_continuation(case),
    ]
    if message.category == RED_FLAG:
        found += check_urgent(case.off.replies, message.flag, "the off-script message")
    return found


def evaluate_probe(probe: Probe, tripped: set[str] | frozenset[str]) -> list[Finding]:
    """Invariants 1-3 and 7 for a state's red-flag probe."""
    return [
        *check_replies(probe.gibberish.replies, "the gibberish"),
        *check_replies(probe.red_flag.replies, "the red flag after gibberish"),
        *check_breaker(probe.sender, tripped),
        *check_leak(probe.gibberish.replies, "the gibberish"),
        *check_leak(probe.red_flag.replies, "the red flag after gibberish"),
        *check_urgent(probe.red_flag.replies, None, "the red flag after gibberish"),
    ]


def check_expectation(expect: Mapping[str, object], snapshot: Snapshot) -> list[Finding]:
    """The state's prefix reached the state: the tracker shows what `expect` lists."""
    found: list[Finding] = []
    for key, wanted in expect.items():
        actual = snapshot.active_loop if key == "active_loop" else snapshot.slot(key)
        if actual != wanted:
            detail = f"prefix did not reach the state: {key} is {actual!r}, expected {wanted!r}"
            found.append(Finding(SETUP, detail))
    return found
