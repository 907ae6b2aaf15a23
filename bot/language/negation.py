"""Is a symptom mention denied ("no numbness", "bladder is fine") or only asked about ("what if my
legs go numb?")? Such mentions are never emitted as present red flags.

The rules lean towards "present": a cue is only honoured inside its clause, and uncertainty ("not
sure if", "no idea whether") counts as present, because missing a red flag is the failure that
matters most.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from bot.language.lexicon import (
    HYPOTHETICAL_CUES,
    LOSS_WORDS,
    NEGATION_AFTER_CUES,
    NEGATION_CUES,
    OTHER_PEOPLE,
    RESOLVED_AFTER_CUES,
    RESOLVED_BEFORE_CUES,
    SCOPE_BREAKS,
)

LOOK_BACK = 6
LOOK_AHEAD = 4
# A negation word followed by one of these does not deny the symptom after them: "not sure",
# "no idea", "don't know why", "can't stop", "no matter what", "without any warning",
# "nothing helps", "not right with my bladder": uncertainty, emphasis or a problem, so the symptom
# counts as present.
CANCELLING = frozenset(
    {
        "sure",
        "certain",
        "idea",
        "clue",
        "doubt",
        "only",
        "just",
        "know",
        "stop",
        "stops",
        "stopping",
        "matter",
        "warning",
        "reason",
        "help",
        "helps",
        "helped",
        "work",
        "works",
        "worked",
        "eases",
        "eased",
        "changes",
        "difference",
        "wonder",
        "understand",
        "explain",
        "normal",
        "right",
        "properly",
    }
)
# Words before an after-cue that make "X is fine" a statement about X.
COPULAS = frozenset(
    {
        "is",
        "are",
        "was",
        "were",
        "'s",
        "seems",
        "seem",
        "feels",
        "feel",
        "working",
        "be",
        "been",
        "looks",
        "all",
    }
)
# "no better after physio": these words between a cue and a treatment end the cue's reach.
TREATMENT_SCOPE_BREAKS = frozenset(
    {
        "after",
        "since",
        "with",
        "from",
        "despite",
        "better",
        "worse",
        "help",
        "helped",
        "work",
        "worked",
        "working",
        "helping",
    }
)


def _norms(doc: Doc, start: int, end: int) -> list[str]:
    return [token.norm_ for token in doc[max(start, 0) : end]]


def _clause_before(doc: Doc, span: Span, limit: int, breaks: frozenset[str]) -> list[str]:
    """The norms of up to `limit` tokens before the span, stopping at a clause break."""
    words: list[str] = []
    for token in reversed(doc[max(0, span.start - limit) : span.start]):
        if token.norm_ in breaks:
            break
        words.insert(0, token.norm_)
    return words


# "I didn't even realise I'd wet myself", "didn't notice I had until": not knowing it happened
# is not a denial that it did ("I haven't noticed any numbness" still is).
UNAWARE = frozenset({"realise", "realize", "realised", "realized", "notice", "noticed"})
UNAWARE_THEN = frozenset({"i", "until", "that", "till"})


def _unaware(after: list[str]) -> bool:
    lead = after[:3]
    return bool(UNAWARE.intersection(lead)) and bool(UNAWARE_THEN.intersection(after[1:6]))


def _denied_before(words: list[str]) -> bool:
    for i, word in enumerate(words):
        after = words[i + 1 :]
        if word in NEGATION_CUES and not CANCELLING.intersection(after) and not _unaware(after):
            return True
    return False


def denied_between(between: list[str], second: list[str]) -> bool:
    """True if the words standing between the two halves of a word-pair mention deny the second
    ("my legs are not numb", "my eyes aren't yellow"); not where the negation is cancelled ("my
    legs never stop tingling") or its clause ends first ("it burns and I can't feel when I pee":
    the "can't" is about feeling)."""
    for i, word in enumerate(between):
        if word in SCOPE_BREAKS:
            continue
        rest = between[i + 1 :]
        if word in NEGATION_CUES and not SCOPE_BREAKS.intersection(rest):
            return not CANCELLING.intersection([*rest, *second])
    return False


def _denied_after(doc: Doc, span: Span) -> bool:
    """'bladder is fine', 'bowels are normal', 'bladder: no problems' (not 'which is not normal',
    not 'all good otherwise')."""
    words = _norms(doc, span.end, span.end + LOOK_AHEAD + 2)
    for i, word in enumerate(words[:LOOK_AHEAD]):
        if word in SCOPE_BREAKS - {"and", "or"}:
            return False
        before = words[i - 1] if i else ""
        after = words[i + 1] if i + 1 < len(words) else ""
        if word in NEGATION_AFTER_CUES and before in COPULAS and before not in ("not", "no"):
            return after not in ("otherwise", "apart", "except", "besides")
        if word in ("no", "not") and after in ("problem", "problems", "issue", "issues", "change"):
            return True
    return False


def _never_before(doc: Doc, span: Span, words: list[str]) -> bool:
    """'I've never felt numb like this before' affirms the symptom."""
    later = _norms(doc, span.end, span.end + 5)
    return "never" in words and ("before" in later or "like" in later)


def _in_question(doc: Doc, span: Span) -> bool:
    sentence_end = next((t for t in doc[span.end :] if t.norm_ in (".", "!", "?")), None)
    return sentence_end is not None and sentence_end.norm_ == "?"


def hypothetical(doc: Doc, span: Span) -> bool:
    """True if the mention is only asked about or worried about ("what if", "worried it")."""
    words = _clause_before(doc, span, 10, frozenset({".", "!", "?", ";", ",", "but", "however"}))
    for cue in HYPOTHETICAL_CUES:
        for i in range(len(words) - len(cue) + 1):
            if tuple(words[i : i + len(cue)]) == cue:
                return cue != ("if",) or _in_question(doc, span)
    return False


def denied(doc: Doc, span: Span) -> bool:
    """True if a mention is denied, before it ("no numbness") or after it ("bladder is fine")."""
    before = _clause_before(doc, span, LOOK_BACK, SCOPE_BREAKS)
    said_no = _denied_before(before) and not _never_before(doc, span, before)
    return said_no or _denied_after(doc, span)


SENTENCE_ENDS = frozenset({".", "!", "?", ";"})
# Words that, standing between a mention and a later "gone now", make the cue about them.
PAIN_WORDS = frozenset({"pain", "pains", "ache", "aches", "aching", "hurts", "hurt", "sore"})
# How far after a mention a "gone now" may stand and still be about it.
RESOLVED_REACH = 12


def _contains(words: list[str], cue: tuple[str, ...]) -> int | None:
    """The index just past the first occurrence of cue in words ("*" matching an end or 'now')."""
    n = len(cue)
    for i in range(len(words) - n + 1 + (cue[-1] == "*")):
        window = words[i : i + n]
        if cue[-1] == "*":
            following = words[i + n - 1] if i + n - 1 < len(words) else "."
            if tuple(window[: n - 1]) == cue[:-1] and following in SENTENCE_ENDS | {",", "now"}:
                return i + n - 1
        elif tuple(window) == cue:
            return i + n
    return None


def resolved(doc: Doc, span: Span) -> bool:
    """True if the mention is of something over: "used to have pins and needles, gone now", "a
    bruise but it's faded now", "a mini stroke 5 years ago". Only within the mention's sentence,
    and not where a pain word stands between the mention and the cue ("a fever, but the pain has
    gone now") or a loss word makes "gone" a loss ("the feeling in my legs has gone")."""
    before = _clause_before(doc, span, 8, SCOPE_BREAKS - {"now"})
    if any(_contains(before, cue) is not None for cue in RESOLVED_BEFORE_CUES):
        return True
    after: list[str] = []
    for token in doc[span.end : span.end + RESOLVED_REACH]:
        if token.norm_ in SENTENCE_ENDS:
            break
        after.append(token.norm_)
    if LOSS_WORDS.intersection(t.norm_ for t in span):
        return False
    for cue in RESOLVED_AFTER_CUES:
        end = _contains(after, cue)
        if end is None:
            continue
        between = after[: end - len(cue)]
        if not PAIN_WORDS.intersection(between) and not LOSS_WORDS.intersection(between):
            return True
    return False


def someone_else(doc: Doc, span: Span) -> bool:
    """True if the mention's clause is about another person: "my husband has a fever", "my mum
    fainted yesterday" (not "my husband says I fainted", not "my wife noticed my face drooping")."""
    words = _clause_before(doc, span, 8, SCOPE_BREAKS)
    for i, word in enumerate(words):
        if word in OTHER_PEOPLE:
            return not {"i", "me", "myself", "my", "'m", "am"}.intersection(words[i + 1 :])
    return False


def symptom_absent(doc: Doc, span: Span) -> bool:
    """True if a red-flag mention is denied or hypothetical."""
    return denied(doc, span) or hypothetical(doc, span)


def treatment_denied(doc: Doc, span: Span) -> bool:
    """True if a treatment is said not to have been had ("never had an epidural", "no physio")."""
    before = _clause_before(doc, span, 3, SCOPE_BREAKS | TREATMENT_SCOPE_BREAKS)
    return _denied_before(before)
