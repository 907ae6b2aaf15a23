"""Turn lexicon phrases (bot/language/lexicon.py mini-syntax) into spaCy token patterns."""

from __future__ import annotations

from typing import Any

from spacy.language import Language

from bot.language import lexicon

DETERMINERS = ["my", "the", "his", "her", "their", "your", "our", "a", "an", "this", "that", "me"]
# "@my" also takes a side after the determiner: "can't lift my left arm", "the right foot".
SIDE_WORDS = ["left", "right", "other"]
Token = dict[str, Any]
OPTIONAL_HYPHEN: Token = {"ORTH": {"IN": ["-", "/"]}, "OP": "?"}


def _word(nlp: Language, word: str) -> list[Token]:
    if word == "@my":
        return [{"NORM": {"IN": DETERMINERS}, "OP": "?"}, {"NORM": {"IN": SIDE_WORDS}, "OP": "?"}]
    optional = word.endswith("?") and len(word) > 1
    if optional:
        word = word[:-1]
    alternatives = [[t.norm_ for t in nlp.make_doc(a)] for a in word.split("|")]
    if len(alternatives) == 1:
        tokens: list[Token] = [{"NORM": norm} for norm in alternatives[0]]
    elif all(len(norms) == 1 for norms in alternatives):
        tokens = [{"NORM": {"IN": [norms[0] for norms in alternatives]}}]
    else:
        raise ValueError(f"alternatives must be single words: {word!r}")
    if optional:
        for token in tokens:
            token["OP"] = "?"
    return tokens


def token_pattern(nlp: Language, phrase: str) -> list[Token]:
    """One spaCy Matcher pattern for a phrase; a hyphen or slash may join any two words."""
    pattern: list[Token] = []
    for word in phrase.split():
        tokens = _word(nlp, word)
        for token in tokens:
            if pattern:
                pattern.append(dict(OPTIONAL_HYPHEN))
            pattern.append(token)
    return pattern


def ruler_patterns(nlp: Language) -> list[dict[str, Any]]:
    """Every lexicon phrase as a span-ruler pattern: label is the entity, id the value."""
    patterns: list[dict[str, Any]] = []
    for label, table in (
        ("body_region", lexicon.BODY_REGION),
        ("radiation", lexicon.RADIATION),
        ("side", lexicon.SIDE),
        ("treatment", lexicon.TREATMENT),
        ("red_flag", lexicon.RED_FLAG),
        ("flag_topic", lexicon.WARNING_TOPICS),
        ("in_pregnancy", lexicon.PREGNANCY_CONTEXT),
    ):
        for value, phrases in table.items():
            for phrase in phrases:
                patterns.append(
                    {"label": label, "id": value, "pattern": token_pattern(nlp, phrase)}
                )
    for label, phrases in (
        ("not_body_region", lexicon.NOT_REGION),
        ("not_side", lexicon.NOT_SIDE),
        ("not_red_flag", lexicon.NOT_RED_FLAG),
    ):
        for phrase in phrases:
            patterns.append({"label": label, "pattern": token_pattern(nlp, phrase)})
    return patterns
