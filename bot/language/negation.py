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
    NEGATION_AFTER_CUES,
    NEGATION_CUES,
    SCOPE_BREAKS,
)

LOOK_BACK = 6
LOOK_AHEAD = 4
# "not sure", "no idea", "not only": a negation word that does not deny what follows.
PSEUDO_NEGATION_NEXT = frozenset({"sure", "certain", "idea", "clue", "doubt", "only", "just"})
# "no better after physio": these words between a cue and a treatment end the cue's reach.
TREATMENT_SCOPE_BREAKS = frozenset(
    {"after", "since", "with", "from", "despite", "better", "worse", "help", "helped", "work",
     "worked", "working", "helping"}
)  # fmt: skip


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


def _denied_before(words: list[str]) -> bool:
    for i, word in enumerate(words):
        following = words[i + 1] if i + 1 < len(words) else ""
        if word in NEGATION_CUES and following not in PSEUDO_NEGATION_NEXT:
            return True
    return False


def _denied_after(doc: Doc, span: Span) -> bool:
    words = _norms(doc, span.end, span.end + LOOK_AHEAD + 1)
    for i, word in enumerate(words[:LOOK_AHEAD]):
        if word in SCOPE_BREAKS - {"and", "or"}:
            return False
        if word in NEGATION_AFTER_CUES:
            return True
        if word in ("no", "not") and words[i + 1 : i + 2] in (
            ["problem"],
            ["problems"],
            ["issue"],
            ["issues"],
            ["change"],
        ):
            return True
    return False


def _in_question(doc: Doc, span: Span) -> bool:
    sentence_end = next((t for t in doc[span.end :] if t.norm_ in (".", "!", "?")), None)
    return sentence_end is not None and sentence_end.norm_ == "?"


def _hypothetical(doc: Doc, span: Span) -> bool:
    words = _clause_before(doc, span, 10, frozenset({".", "!", ";", "but", "however"}))
    for cue in HYPOTHETICAL_CUES:
        for i in range(len(words) - len(cue) + 1):
            if tuple(words[i : i + len(cue)]) == cue:
                return cue != ("if",) or _in_question(doc, span)
    return False


def symptom_absent(doc: Doc, span: Span) -> bool:
    """True if a red-flag mention is denied or hypothetical."""
    before = _clause_before(doc, span, LOOK_BACK, SCOPE_BREAKS)
    return _denied_before(before) or _denied_after(doc, span) or _hypothetical(doc, span)


def treatment_denied(doc: Doc, span: Span) -> bool:
    """True if a treatment is said not to have been had ("never had an epidural", "no physio")."""
    before = _clause_before(doc, span, 3, SCOPE_BREAKS | TREATMENT_SCOPE_BREAKS)
    return _denied_before(before)
