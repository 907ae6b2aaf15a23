"""The project's spaCy pipeline: a blank English model with rule components that find and
normalise the language contract's entities (DESIGN.md).

    span ruler   lexicon phrases (regions, radiation, side, treatments, red flags, exclusions)
    numbers      durations in days and 0-10 pain scores (regular expressions on the text)
    resolver     drops excluded and nested mentions, denied or hypothetical red flags

`extract(text, today=...)` returns Rasa-style entity dictionaries.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, SpanGroup

from bot.language.duration import find_durations
from bot.language.negation import symptom_absent, treatment_denied
from bot.language.pain import find_pain_scores
from bot.language.patterns import ruler_patterns

CANDIDATES = "spine_candidates"
ENTITIES = "spine_entities"
EXCLUSIONS = {"not_body_region": "body_region", "not_side": "side", "not_red_flag": "red_flag"}
ENTITY_ORDER = (
    "body_region",
    "radiation",
    "side",
    "duration",
    "pain_score",
    "treatment",
    "red_flag",
)


@Language.component("spine_numbers")
def add_numbers(doc: Doc) -> Doc:
    """Add duration and pain-score candidates; the reference date is doc.user_data['today']."""
    today = doc.user_data.get("today") or date.today()
    found = [("duration", d.start, d.end, str(d.days)) for d in find_durations(doc.text, today)]
    found += [("pain_score", p.start, p.end, str(p.score)) for p in find_pain_scores(doc.text)]
    group = doc.spans[CANDIDATES]
    for label, start, end, value in found:
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is not None:
            group.append(Span(doc, span.start, span.end, label=label, span_id=value))
    return doc


def _inside(inner: Span, outer: Span) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end


def _keep(doc: Doc, span: Span, candidates: list[Span]) -> bool:
    excluded_by = [c for c in candidates if EXCLUSIONS.get(c.label_) == span.label_]
    if any(_inside(span, c) for c in excluded_by):
        return False
    longer = [c for c in candidates if c.label_ == span.label_ and len(c) > len(span)]
    if any(_inside(span, c) for c in longer):
        return False
    if span.label_ == "body_region" and span.id_ == "back":
        # An unspecified "back" yields to any specific region it touches ("mid-back ache").
        specific = [c for c in candidates if c.label_ == "body_region" and c.id_ != "back"]
        if any(c.start < span.end and span.start < c.end for c in specific):
            return False
    if span.label_ == "red_flag":
        return not symptom_absent(doc, span)
    if span.label_ == "treatment":
        return not treatment_denied(doc, span)
    return True


@Language.component("spine_resolver")
def resolve(doc: Doc) -> Doc:
    """Choose the entities to report from the candidates."""
    candidates = list(doc.spans[CANDIDATES])
    kept: list[Span] = []
    seen: set[tuple[str, str, int]] = set()
    for span in sorted(candidates, key=lambda s: (s.start, -len(s))):
        key = (span.label_, span.id_, span.start)
        if span.label_ in ENTITY_ORDER and key not in seen and _keep(doc, span, candidates):
            seen.add(key)
            kept.append(span)
    doc.spans[ENTITIES] = SpanGroup(doc, name=ENTITIES, spans=kept)
    return doc


def build_pipeline() -> Language:
    """A blank English pipeline with the span ruler, numbers and resolver components."""
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe(
        "span_ruler", config={"spans_key": CANDIDATES, "validate": True, "overwrite": False}
    )
    ruler.add_patterns(ruler_patterns(nlp))  # type: ignore[attr-defined]
    nlp.add_pipe("spine_numbers")
    nlp.add_pipe("spine_resolver")
    return nlp


@cache
def pipeline() -> Language:
    """The pipeline, built once per process on first use."""
    return build_pipeline()


def extract(text: str, today: date | None = None) -> list[dict[str, Any]]:
    """The entities in a message, as Rasa entity dictionaries, in text order.

    Each (entity, value) pair is reported once, at its first mention.
    """
    nlp = pipeline()
    doc = nlp.make_doc(text)
    doc.user_data["today"] = today
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
