"""The project's spaCy pipeline: a blank English model with rule components that find and
normalise the language contract's entities (DESIGN.md).

    span ruler   lexicon phrases (regions, radiation, side, treatments, red flags, exclusions,
                 words that are a sign only in a pregnancy)
    proximity    red flags named by two word groups close together in one clause
    numbers      durations in days and 0-10 pain scores (regular expressions on the text)
    resolver     drops excluded and nested mentions, denied or hypothetical red flags, and
                 someone else's or past ones (an urgent one is kept as a topic to ask); reads
                 pregnancy-only words in a pregnancy and adds the gateway a follow-up sign
                 implies (CLINICAL.md §7B: burning when peeing is a change when peeing); keeps a
                 warning-sign topic ("my bladder is weird") only where no mention of that flag
                 was found, present or denied, so the dialogue can ask about it at once; and
                 adds as topics the urgent signs a learned classifier suggests where the rules
                 found no trace of them (safety_net.py)

`extract(text, today=...)` returns Rasa-style entity dictionaries.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any

import spacy
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, SpanGroup

from bot.language.duration import current_episode, find_durations
from bot.language.lexicon import (
    ASKING_IS_ENOUGH,
    FIRST_PERSON,
    GAP_FREE_WORDS,
    HISTORY_FLAGS,
    HYPOTHETICAL_READINGS,
    IMPLIED_FLAGS,
    NON_SPINAL,
    ORDINARY_WORDS,
    OTHER_PEOPLE,
    PREGNANCY_FLAGS,
    PROGRESSION_CUES,
    PROXIMITY,
    REGION_BOUND_WORDS,
    THIRD_PERSON,
    WARNING_TOPICS,
    YIELDS_TO,
)
from bot.language.negation import (
    denied,
    denied_between,
    hypothetical,
    resolved,
    someone_else,
    symptom_absent,
    treatment_denied,
)
from bot.language.pain import find_pain_scores
from bot.language.patterns import DETERMINERS, ruler_patterns, token_pattern
from bot.language.safety_net import suggest

CANDIDATES = "spine_candidates"
ENTITIES = "spine_entities"
EXCLUSIONS = {"not_body_region": "body_region", "not_side": "side", "not_red_flag": "red_flag"}
# Values that give way to a more specific mention of the same entity where the two overlap.
GENERIC = {
    ("body_region", "back"),
    ("red_flag", "limb_numbness"),
    ("red_flag", "limb_weakness"),
    ("red_flag", "minor_trauma"),
}
ENTITY_ORDER = (
    "body_region",
    "radiation",
    "side",
    "duration",
    "pain_score",
    "treatment",
    "red_flag",
    "flag_topic",
)


@Language.component("spine_numbers")
def add_numbers(doc: Doc) -> Doc:
    """Add duration and pain-score candidates; the reference date is doc.user_data['today']."""
    today = doc.user_data.get("today") or date.today()
    durations = current_episode(doc.text, find_durations(doc.text, today))
    found = [("duration", d.start, d.end, str(d.days)) for d in durations]
    found += [("pain_score", p.start, p.end, str(p.score)) for p in find_pain_scores(doc.text)]
    group = doc.spans[CANDIDATES]
    for label, start, end, value in found:
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is not None:
            group.append(Span(doc, span.start, span.end, label=label, span_id=value))
    return doc


CLAUSE_BREAKS = frozenset({".", "!", "?", ";", ",", "but", "however", "although", "though"})


# No annotations: spaCy validates factory arguments from them at run time, and this module's
# postponed annotations would reach it as unresolvable strings.
@Language.factory("spine_proximity")
def make_proximity(nlp, name):  # type: ignore[no-untyped-def]
    """SpaCy's factory for the `spine_proximity` component (a `ProximityFinder`)."""
    return ProximityFinder(nlp)


class ProximityFinder:
    """Adds a red-flag candidate where a word of each of two groups (lexicon.PROXIMITY) stands in
    the same clause within a few words of each other. A word that is part of a body-region phrase
    ("the bottom of my back") or of an excluded phrase ("dead tired") does not count, nor a pair
    inside a listed phrase for another flag, nor a pair with a negation between its words ("my
    eyes aren't yellow"), nor a second word that belongs to a spine region beside it and stands
    before the first ("back pain and my tummy is bloated"; "tummy and back pain" counts)."""

    def __init__(self, nlp: Language) -> None:
        self.rules = []
        for value, first, second, window in PROXIMITY:
            matchers = []
            for group in (first, second):
                matcher = Matcher(nlp.vocab)
                matcher.add(value, [token_pattern(nlp, phrase) for phrase in group])
                matchers.append(matcher)
            self.rules.append((value, matchers[0], matchers[1], window))

    def __call__(self, doc: Doc) -> Doc:
        """Add the pairs found in `doc` to its candidate spans; returns the same doc."""
        regions = [s for s in doc.spans[CANDIDATES] if s.label_ == "body_region"]
        phrases = [s for s in doc.spans[CANDIDATES] if s.label_ == "red_flag"]
        excluded = [s for s in doc.spans[CANDIDATES] if s.label_ == "not_red_flag"]
        found = []
        for value, first, second, window in self.rules:
            a_spans = [doc[s:e] for _, s, e in first(doc)]
            a_spans = [
                a
                for a in a_spans
                if not any(_inside(a, r) for r in regions)
                and not any(_inside(a, x) for x in excluded)
            ]
            for a in a_spans:
                for _, s, e in second(doc):
                    b = doc[s:e]
                    if any(_inside(b, x) for x in excluded):  # "dead" in "dead tired"
                        continue
                    start, end = min(a.start, b.start), max(a.end, b.end)
                    between = doc[start:end]
                    gap = _gap(doc, a, b, regions, loose=value in NON_SPINAL)
                    owned = any(  # "numb between my legs" is saddle numbness, not both legs
                        p.start <= start and end <= p.end and p.id_ != value for p in phrases
                    )
                    if (
                        0 <= gap <= window
                        and not owned
                        and not any(t.norm_ in CLAUSE_BREAKS for t in between)
                        and not _negated_pair(doc, a, b)
                        and not _regions_word(doc, a, b, regions)
                    ):
                        found.append(Span(doc, start, end, label="red_flag", span_id=value))
        doc.spans[CANDIDATES].extend(found)
        return doc


def _inside(inner: Span, outer: Span) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end


def _gap(doc: Doc, a: Span, b: Span, regions: list[Span], *, loose: bool) -> int:
    """How many words stand between a pair's two words (-1 when they overlap); when `loose` (the
    §7 pairs), not counting determiners, intensifiers or the words of a spine region
    (lexicon.GAP_FREE_WORDS): "pain in my back and my belly" is as close as "pain in the belly"."""
    first, second = (a, b) if a.start < b.start else (b, a)
    if second.start < first.end:
        return -1
    if not loose:
        return second.start - first.end
    in_region = {i for r in regions for i in range(r.start, r.end)}
    return sum(
        1
        for t in doc[first.end : second.start]
        if t.norm_ not in GAP_FREE_WORDS and t.i not in in_region
    )


def _negated_pair(doc: Doc, a: Span, b: Span) -> bool:
    """A negation between the two words of a pair denies it ("legs are not numb")."""
    first, second = (a, b) if a.start < b.start else (b, a)
    if second.start <= first.end:
        return False
    words = [t.norm_ for t in doc[first.end : second.start]]
    return denied_between(words, [t.norm_ for t in second])


JOINING = frozenset({"and", "or", "&", "/", ","})


def _regions_word(doc: Doc, a: Span, b: Span, regions: list[Span]) -> bool:
    """The pair's second word belongs to a spine region right beside it: "back pain and my
    tummy is bloated", "a lump in my tummy with back pain" (the pain is the back's); not when the
    first word is joined to that region before it, "tummy and back pain", "my tummy and my back
    hurt" (the pain is both)."""
    if not REGION_BOUND_WORDS.intersection(t.norm_ for t in b):
        return False
    for region in regions:
        if region.end != b.start and b.end != region.start:
            continue
        before = region.start - 1
        if before >= 0 and doc[before].norm_ in DETERMINERS:
            before -= 1
        joined = a.end <= region.start and before >= 0 and doc[before].norm_ in JOINING
        if not joined:
            return True
    return False


def _keep(doc: Doc, span: Span, candidates: list[Span]) -> bool:
    excluded_by = [c for c in candidates if EXCLUSIONS.get(c.label_) == span.label_]
    if any(_inside(span, c) for c in excluded_by):
        return False
    same_label = [c for c in candidates if c.label_ == span.label_ and c is not span]
    # A generic value yields to any other mention it touches: "mid-back ache" is mid_back, and
    # the "numb" in "numb between my legs" is the saddle-numbness flag.
    touches_specific = any(
        c.start < span.end and span.start < c.end and len(c) >= len(span) and c.id_ != span.id_
        for c in same_label
    )
    if (span.label_, span.id_) in GENERIC and touches_specific:
        return False
    yields_to = YIELDS_TO.get(span.id_, frozenset()) if span.label_ == "red_flag" else ()
    if any(  # "might be pregnant" is not a known pregnancy
        c.id_ in yields_to and c.start < span.end and span.start < c.end and len(c) >= len(span)
        for c in same_label
    ):
        return False
    if any(_inside(span, c) and len(c) > len(span) and c.id_ == span.id_ for c in same_label):
        return False
    if span.label_ != "red_flag" and any(
        _inside(span, c) and len(c) > len(span) for c in same_label
    ):
        return False
    if span.label_ == "red_flag" and span.id_ in ASKING_IS_ENOUGH:
        # "could I be pregnant?" is a possibility all the same; "not pregnant" is not.
        return not denied(doc, span) and not _not_current(doc, span)
    if span.label_ in ("red_flag", "radiation"):
        # "I don't have any numbness in my legs": the denial covers where it spreads too.
        return not symptom_absent(doc, span) and not _not_current(doc, span)
    if span.label_ == "flag_topic":
        # A flag only asked or worried about ("worried it might be a tumour") is not resolved:
        # asking about it is right.
        resolved = any(
            c.label_ == "red_flag" and c.id_ == span.id_ and not hypothetical(doc, c)
            for c in candidates
        )
        excluded = any(c.label_ == "not_red_flag" and _inside(span, c) for c in candidates)
        return not resolved and not excluded and not denied(doc, span)
    if span.label_ == "treatment":
        return not treatment_denied(doc, span)
    return True


def _not_current(doc: Doc, span: Span) -> bool:
    """A mention of someone else's symptom, or of one that is over (a history stays a history).
    In a report made for another person (`proxy_report`) their signs are the patient's."""
    if someone_else(doc, span) and not doc.user_data.get("proxy"):
        return True
    return span.id_ not in HISTORY_FLAGS and resolved(doc, span)


def _owner(doc: Doc, region: Span) -> str | None:
    """Whose body a region is, from the nearest personal word before it in its sentence:
    "first" (my back, I hurt my neck), "third" (his back, she has neck pain, my husband's back),
    or None."""
    before = list(reversed(doc[: region.start]))
    # "my husband's back": another person's, said with the possessive right before the region.
    if len(before) >= 2 and before[0].norm_ == "'s" and before[1].norm_ in OTHER_PEOPLE:
        return "third"
    for token in before:
        if token.norm_ in SENTENCE_ENDS:
            return None
        if token.norm_ in THIRD_PERSON:
            return "third"
        if token.norm_ in FIRST_PERSON:
            return "first"
    return None


def proxy_report(doc: Doc, candidates: list[Span]) -> bool:
    """True for a message told for another person (a carer, a parent): it names another
    person's own back or neck ("he's holding his back", "she has neck pain") and no back or
    neck of the writer's ("my husband has a fever and I've hurt my back" is the writer's)."""
    owners = {_owner(doc, s) for s in candidates if s.label_ == "body_region"}
    return "third" in owners and "first" not in owners


def _topics_to_ask(doc: Doc, candidates: list[Span], kept: list[Span]) -> list[Span]:
    """Warning signs with a question of their own that were mentioned only as someone else's or
    as over ("my husband has a fever", "I had bladder trouble, long sorted"): not reported as
    present, but kept as topics so the dialogue asks the person directly."""
    have = {(s.label_, s.id_) for s in kept}
    topics: list[Span] = []
    for span in candidates:
        key = ("flag_topic", span.id_)
        if (
            span.label_ == "red_flag"
            and span.id_ in WARNING_TOPICS
            and ("red_flag", span.id_) not in have
            and key not in have
            and not symptom_absent(doc, span)
            and _not_current(doc, span)
        ):
            have.add(key)
            topics.append(Span(doc, span.start, span.end, label="flag_topic", span_id=span.id_))
    return topics


SENTENCE_ENDS = frozenset({".", "!", "?", ";"})
WEAKNESS_SIGNS = ("limb_weakness", "foot_drop")


def _sentence(doc: Doc, span: Span) -> list[str]:
    """The norms of the sentence holding the span (split at . ! ? ;)."""
    start, end = span.start, span.end
    while start > 0 and doc[start - 1].norm_ not in SENTENCE_ENDS:
        start -= 1
    while end < len(doc) and doc[end].norm_ not in SENTENCE_ENDS:
        end += 1
    return [t.norm_ for t in doc[start:end]]


def _has_cue(words: list[str], cue: tuple[str, ...]) -> bool:
    return any(tuple(words[i : i + len(cue)]) == cue for i in range(len(words)))


def _progressive(doc: Doc, kept: list[Span]) -> list[Span]:
    """A limb weakness or foot drop told as getting worse over time ("at first my foot was a
    bit weak, now I can't stand on my toes", "day by day") is progressive weakness (LB-2): a
    limb weakness becomes it (that flag means a weakness not getting worse), a foot drop gains
    it."""
    if any(s.label_ == "red_flag" and s.id_ == "progressive_weakness" for s in kept):
        return kept
    for i, span in enumerate(kept):
        if span.label_ == "red_flag" and span.id_ in WEAKNESS_SIGNS:
            words = _sentence(doc, span)
            if any(_has_cue(words, cue) for cue in PROGRESSION_CUES):
                progressive = _relabel(doc, span, "progressive_weakness")
                if span.id_ == "limb_weakness":
                    return [*kept[:i], progressive, *kept[i + 1 :]]
                return [*kept, progressive]
    return kept


def _relabel(doc: Doc, span: Span, flag: str) -> Span:
    return Span(doc, span.start, span.end, label="red_flag", span_id=flag)


def _hypothetical_readings(doc: Doc, candidates: list[Span]) -> list[Span]:
    """A flag only asked or wondered about that reads as another ("what if I'm pregnant?" is a
    possible pregnancy, lexicon.HYPOTHETICAL_READINGS); a denial stays a denial."""
    read: list[Span] = []
    for span in candidates:
        other = HYPOTHETICAL_READINGS.get(span.id_) if span.label_ == "red_flag" else None
        if other and hypothetical(doc, span) and not denied(doc, span):
            span = _relabel(doc, span, other)
        read.append(span)
    return read


def _in_pregnancy(doc: Doc, candidates: list[Span], kept: list[Span]) -> list[Span]:
    """Words that name a sign only in a pregnancy ("bleeding", "comes and goes", "leaking",
    lexicon.PREGNANCY_CONTEXT), read as that sign when the message tells of a pregnancy and no
    other red flag covers them ("leaking urine" stays a bladder sign)."""
    if not any(s.label_ == "red_flag" and s.id_ in PREGNANCY_FLAGS for s in kept):
        return kept
    have = {s.id_ for s in kept if s.label_ == "red_flag"}
    flags = [s for s in candidates if s.label_ == "red_flag"]
    added: list[Span] = []
    for span in candidates:
        if span.label_ != "in_pregnancy" or span.id_ in have:
            continue
        if any(f.start < span.end and span.start < f.end for f in flags):
            continue
        flag = _relabel(doc, span, span.id_)
        if _keep(doc, flag, [*candidates, flag]):
            have.add(span.id_)
            added.append(flag)
    return [*kept, *added]


def _implied(doc: Doc, kept: list[Span]) -> list[Span]:
    """Add the flags a found flag implies (lexicon.IMPLIED_FLAGS: a follow-up sign implies its
    gateway, a known pregnancy a possible one), at the implying mention, until nothing changes."""
    have = {s.id_ for s in kept if s.label_ == "red_flag"}
    result = list(kept)
    index = 0
    while index < len(result):
        span = result[index]
        index += 1
        if span.label_ != "red_flag":
            continue
        for flag in IMPLIED_FLAGS.get(span.id_, ()):
            if flag not in have:
                have.add(flag)
                result.append(_relabel(doc, span, flag))
    return result


def _unexplained_words(doc: Doc, kept: list[Span]) -> int:
    """Content words no entity the rules found accounts for (not a stop word, not an ordinary
    pain-report word, not inside a kept span): what the learned net has left to read."""
    covered = {i for span in kept for i in range(span.start, span.end)}
    return sum(
        1
        for token in doc
        if token.i not in covered
        and token.is_alpha
        and token.norm_ not in STOP_WORDS
        and token.norm_ not in ORDINARY_WORDS
    )


def _learned_topics(doc: Doc, candidates: list[Span], kept: list[Span]) -> list[Span]:
    """Urgent warning signs the learned safety net (safety_net.py) suggests where the rules found
    no mention of that sign or its topic (present, denied, someone else's or over): kept as
    topics over the whole message,
    so the dialogue asks the person directly (issue 15, item 6). Never a present red flag.
    Off when doc.user_data["learned"] is False (to measure the rules alone)."""
    if doc.user_data.get("learned") is False or _unexplained_words(doc, kept) < 2:
        return []
    # A topic word the rules resolved ("my bladder is fine") counts as seen: a denial is kept.
    seen = {s.id_ for s in candidates if s.label_ in ("red_flag", "flag_topic")}
    return [
        Span(doc, 0, len(doc), label="flag_topic", span_id=flag)
        for flag in sorted(suggest(doc.text))
        if flag not in seen and len(doc)
    ]


@Language.component("spine_resolver")
def resolve(doc: Doc) -> Doc:
    """Choose the entities to report from the candidates."""
    candidates = _hypothetical_readings(doc, list(doc.spans[CANDIDATES]))
    doc.user_data["proxy"] = proxy_report(doc, candidates)
    kept: list[Span] = []
    seen: set[tuple[str, str, int]] = set()
    for span in sorted(candidates, key=lambda s: (s.start, -len(s))):
        key = (span.label_, span.id_, span.start)
        if span.label_ in ENTITY_ORDER and key not in seen and _keep(doc, span, candidates):
            seen.add(key)
            kept.append(span)
    kept = _progressive(doc, kept)
    kept = _implied(doc, _in_pregnancy(doc, candidates, _implied(doc, kept)))
    kept.extend(_topics_to_ask(doc, candidates, kept))
    kept.extend(_learned_topics(doc, candidates, kept))
    kept.sort(key=lambda s: s.start)
    doc.spans[ENTITIES] = SpanGroup(doc, name=ENTITIES, spans=kept)
    return doc


def build_pipeline() -> Language:
    """A blank English pipeline with the span ruler, numbers and resolver components."""
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe(
        "span_ruler", config={"spans_key": CANDIDATES, "validate": True, "overwrite": False}
    )
    ruler.add_patterns(ruler_patterns(nlp))  # type: ignore[attr-defined]
    nlp.add_pipe("spine_proximity")
    nlp.add_pipe("spine_numbers")
    nlp.add_pipe("spine_resolver")
    return nlp


@cache
def pipeline() -> Language:
    """The pipeline, built once per process on first use."""
    return build_pipeline()


def extract(text: str, today: date | None = None, *, learned: bool = True) -> list[dict[str, Any]]:
    """The entities in a message, as Rasa entity dictionaries, in text order.

    Each (entity, value) pair is reported once, at its first mention. `today` is the date
    durations count back from (default: today); `learned=False` leaves out the topics the learned
    safety net adds, for measuring the rules alone.
    """
    nlp = pipeline()
    doc = nlp.make_doc(text)
    doc.user_data["today"] = today
    doc.user_data["learned"] = learned
    for _, component in nlp.pipeline:
        doc = component(doc)
    entities: list[dict[str, Any]] = []
    reported: set[tuple[str, str]] = set()
    for span in doc.spans[ENTITIES]:
        if (span.label_, span.id_) in reported:
            continue
        reported.add((span.label_, span.id_))
        entities.append(
            {
                "entity": span.label_,
                "value": span.id_,
                "start": span.start_char,
                "end": span.end_char,
                "text": span.text,
            }
        )
    return entities
