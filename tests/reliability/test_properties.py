"""Property-based tests (hypothesis) of the language parsers and the triage engine.

Parsers: any text, including text built from the words they look for, yields well-formed
entities with known names and normalised values, never an exception. Triage: any valid case gets
one of the six levels; more red flags, a pain score or an unfinished screening never make the
level less urgent, except a yes to the one key that CLINICAL.md NS-1 lets keep a level lower
(previous kidney stones), which is held to exactly that. tests/triage checks the same rules one
flag at a time on a fixed case; these draw whole cases (several flags, unsure answers, radiation,
age, treatments) at random.
"""

from __future__ import annotations

import itertools
import re
from datetime import date

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bot.db.content import load_treatments
from bot.language import extract
from bot.language.duration import find_durations
from bot.language.numbers import to_number
from bot.language.pain import find_pain_scores
from bot.settings import treatments_file
from bot.triage import Case, Flag, Level, Radiation, Region, triage
from bot.triage.rules import LOWERING_KEYS

PARSER_SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
TRIAGE_SETTINGS = settings(max_examples=300, deadline=None)

TREATMENT_KEYS = {entry.key for entry in load_treatments(treatments_file())}
KNOWN_VALUES: dict[str, set[str]] = {
    "body_region": {region.value for region in Region},
    "radiation": {radiation.value for radiation in Radiation},
    "side": {"left", "right", "both"},
    "treatment": TREATMENT_KEYS,
    "red_flag": {flag.value for flag in Flag},
    "flag_topic": {flag.value for flag in Flag},  # a warning sign named, asked about at once
}
WHOLE_DAYS = re.compile(r"(0|[1-9]\d*)")

# Words the parsers react to, so random messages reach their branches, not only their misses.
VOCABULARY = [
    "my", "lower", "back", "neck", "hurts", "pain", "for", "since", "about", "a", "an", "no",
    "not", "never", "3", "0", "00", "10", "7/10", "8-9/10", "7.5", "out of ten", "of", "ten",
    "seven", "two or three", "a couple of", "half a", "and a half", "weeks", "days", "months",
    "years", "wks", "3/7", "2/52", "3/12", "March", "may", "the 31st of", "February", "2024",
    "1999", "last", "Tuesday", "weekend", "Christmas", "Easter", "yesterday", "this morning",
    "more than", "over", "-", "/", "numb", "between my legs", "can't", "pee", "bladder", "fever",
    "weight loss", "chest pain", "physio", "injection", "PRP", "left", "right", "both legs",
    "down my arm", "headache", "knee", ",", ".", "?", "but", "if", "what if", "😭", "\x00",
    "\u202e", "ü", "背", "الظهر", "9999999999", "9" * 320,
]  # fmt: skip
messages = st.one_of(
    st.text(max_size=200),
    st.lists(st.sampled_from(VOCABULARY), max_size=20).map(" ".join),
    st.lists(st.one_of(st.sampled_from(VOCABULARY), st.text(max_size=4)), max_size=12).map("".join),
)
# Found by these properties: a day 0 of a month, and a number too big for a float.
KNOWN_BREAKERS = ["my back has hurt since 0 March", "for " + "9" * 400 + " days"]
days = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))


@PARSER_SETTINGS
@given(text=messages, today=days)
@example(text=KNOWN_BREAKERS[0], today=date(2026, 11, 21))
@example(text=KNOWN_BREAKERS[1], today=date(2026, 11, 21))
def test_extract_gives_known_entities_with_normalised_values(text: str, today: date) -> None:
    entities = extract(text, today=today)
    seen = set()
    for entity in entities:
        name, value = entity["entity"], entity["value"]
        if name == "duration":
            assert WHOLE_DAYS.fullmatch(value), entity
        elif name == "pain_score":
            assert value in {str(score) for score in range(11)}, entity
        else:
            assert value in KNOWN_VALUES[name], entity
        assert 0 <= entity["start"] < entity["end"] <= len(text)
        assert text[entity["start"] : entity["end"]] == entity["text"]
        assert (name, value) not in seen  # each pair reported once
        seen.add((name, value))
    assert [e["start"] for e in entities] == sorted(e["start"] for e in entities)


@PARSER_SETTINGS
@given(text=messages, today=days)
@example(text=KNOWN_BREAKERS[0], today=date(2026, 11, 21))
@example(text=KNOWN_BREAKERS[1], today=date(2026, 11, 21))
def test_durations_are_whole_non_negative_days_at_separate_places(text: str, today: date) -> None:
    found = find_durations(text, today)
    for duration in found:
        assert isinstance(duration.days, int) and duration.days >= 0
        assert 0 <= duration.start < duration.end <= len(text)
    for before, after in itertools.pairwise(found):
        assert before.end <= after.start


@PARSER_SETTINGS
@given(text=messages)
def test_pain_scores_are_whole_numbers_from_0_to_10_at_separate_places(text: str) -> None:
    found = find_pain_scores(text)
    for score in found:
        assert isinstance(score.score, int) and 0 <= score.score <= 10
        assert 0 <= score.start < score.end <= len(text)
    for before, after in itertools.pairwise(found):
        assert before.end <= after.start


@PARSER_SETTINGS
@given(text=st.one_of(st.text(max_size=30), st.sampled_from(VOCABULARY)))
def test_a_number_is_read_or_refused_with_a_value_error(text: str) -> None:
    try:
        value = to_number(text)
    except ValueError:
        return
    assert isinstance(value, float | int)


# --- the triage engine -------------------------------------------------------------------------

flags = st.frozensets(st.sampled_from(list(Flag)), max_size=6)
cases = st.builds(
    Case,
    region=st.sampled_from(list(Region)),
    duration_days=st.none() | st.integers(0, 365 * 100),
    pain_score=st.none() | st.integers(0, 10),
    age=st.none() | st.integers(0, 130),
    radiation=st.none() | st.sampled_from(list(Radiation)),
    red_flags=flags,
    unsure=flags,
    answered=flags,
    screening_complete=st.booleans(),
    treatments_tried=st.dictionaries(st.sampled_from(sorted(TREATMENT_KEYS)), st.integers(1, 5)),
)


def with_changes(case: Case, **changes: object) -> Case:
    return Case(**{**case.__dict__, **changes})  # type: ignore[arg-type]


@TRIAGE_SETTINGS
@given(case=cases)
def test_every_case_gets_one_of_the_six_levels_with_reasons(case: Case) -> None:
    result = triage(case)
    assert result.level in list(Level)
    assert result.reasons and result.reasons[0].level is result.level
    assert [r.level.rank for r in result.reasons] == sorted(r.level.rank for r in result.reasons)


@TRIAGE_SETTINGS
@given(case=cases, extra=st.sampled_from(sorted(set(Flag) - LOWERING_KEYS)))
def test_adding_a_red_flag_never_makes_the_level_less_urgent(case: Case, extra: Flag) -> None:
    before = triage(case).level
    after = triage(with_changes(case, red_flags=case.red_flags | {extra})).level
    assert after.rank <= before.rank, (before, after)


@TRIAGE_SETTINGS
@given(case=cases, extra=st.sampled_from(sorted(LOWERING_KEYS)))
@example(
    case=Case(Region.LOWER_BACK, age=70, red_flags=frozenset({Flag.FLANK_PAIN_TO_GROIN})),
    extra=Flag.PREVIOUS_KIDNEY_STONES,
)
def test_the_one_lowering_key_only_ever_keeps_side_to_groin_pain_at_doctor_today(
    case: Case, extra: Flag
) -> None:
    # CLINICAL.md NS-1: over 50, pain from the side to the groin is L2 "with no previous stones";
    # a yes to previous stones is the one answer that can keep a level lower (at L3), and only by
    # taking away that one reason: every other rule that applied still applies.
    before = triage(with_changes(case, red_flags=case.red_flags - {extra}))
    after = triage(with_changes(case, red_flags=case.red_flags | {extra}))
    if after.level.rank > before.level.rank:
        assert before.level is Level.EMERGENCY_DEPARTMENT and after.level is Level.DOCTOR_TODAY
        gone = {r.rule for r in before.reasons} - {r.rule for r in after.reasons}
        assert gone == {"NS-1 renal colic over 50, no previous stones"}


@TRIAGE_SETTINGS
@given(case=cases, extra=st.sampled_from(list(Flag)))
def test_answering_not_sure_never_makes_the_level_less_urgent_than_no(
    case: Case, extra: Flag
) -> None:
    said_no = with_changes(
        case, answered=case.answered | {extra}, red_flags=case.red_flags - {extra}
    )
    not_sure = with_changes(said_no, unsure=case.unsure | {extra})
    assert triage(not_sure).level.rank <= triage(said_no).level.rank


@TRIAGE_SETTINGS
@given(case=cases, score=st.integers(0, 10))
def test_a_pain_score_never_lowers_the_level(case: Case, score: int) -> None:
    without = triage(with_changes(case, pain_score=None)).level
    with_score = triage(with_changes(case, pain_score=score)).level
    assert with_score.rank <= without.rank, (score, without, with_score)


@TRIAGE_SETTINGS
@given(case=cases)
def test_an_unfinished_screening_never_gives_self_care(case: Case) -> None:
    unfinished = with_changes(case, screening_complete=False, answered=frozenset())
    result = triage(unfinished)
    assert result.level is not Level.SELF_CARE
    assert result.pending_questions and not result.screening_complete
