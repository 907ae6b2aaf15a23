"""The conversation fuzzer (tools/fuzz): unit tests of its invariant checks on fabricated
replies and tracker events, and a fast walk (one message per category at every state) against
the live stack the end-to-end tests share, which must find no violation and leave no
"Circuit breaker tripped" in the Rasa server's log."""

from __future__ import annotations

import secrets
from typing import Any

import pytest

from tests.stack import Send, Stack
from tools.fuzz.corpus import RED_FLAG, Message, categories, load_corpus, sample
from tools.fuzz.invariants import (
    BREAKER,
    CONSENT,
    CONTINUATION,
    LEAK,
    REPLIES,
    SETUP,
    SLOT,
    URGENCY,
    VIOLATION,
    WARNING,
    Case,
    Finding,
    Turn,
    check_consent,
    check_continuation,
    check_expectation,
    check_leak,
    check_replies,
    check_screening,
    check_stored,
    check_urgent,
    evaluate,
    holds_text,
    tripped_senders,
)
from tools.fuzz.report import first_violations, render, violations
from tools.fuzz.states import State, select
from tools.fuzz.tracker import Event, Position, Snapshot, TrackerDB, replay, slot_sets
from tools.fuzz.walker import Record, Replay, StateResult, Walker, WalkResult

Reply = dict[str, Any]


def text(value: str) -> Reply:
    return {"recipient_id": "s", "text": value}


def triage(level: str) -> Reply:
    return {"recipient_id": "s", "custom": {"triage": {"level": level}}}


def at(slot: str, form: str = "intake_form", **slots: Any) -> Snapshot:
    return Snapshot({"requested_slot": slot, **slots}, form, None, 10)


def turn(
    said: str, replies: list[Reply], after: Snapshot, stored: tuple[tuple[str, Any], ...] = ()
) -> Turn:
    return Turn(said, tuple(replies), stored, after)


def kinds(findings: list[Any]) -> set[str]:
    return {finding.invariant for finding in findings}


# --- invariant 1: replies ---


def test_one_to_four_distinct_replies_pass() -> None:
    assert check_replies([text("a")], "t") == []
    assert check_replies([text("a"), triage("self_care"), text("b"), text("c")], "t") == []


def test_no_reply_too_many_replies_and_repeated_bubbles_are_violations() -> None:
    assert kinds(check_replies([], "t")) == {REPLIES}
    assert kinds(check_replies([text(str(n)) for n in range(5)], "t")) == {REPLIES}
    repeated = check_replies([text("Sorry?"), text("again"), text("again")], "t")
    assert len(repeated) == 1 and "2 times" in repeated[0].detail


# --- invariant 2: circuit breaker ---


def test_circuit_breaker_lines_are_attributed_to_their_sender() -> None:
    log = (
        "2026-12-02 12:00:00 WARNING  rasa.core.processor  - Circuit breaker tripped. Stopped "
        "predicting more actions for sender 'fuzz-ab-duration-003'.\nother line\n"
    )
    assert tripped_senders(log) == {"fuzz-ab-duration-003"}
    assert tripped_senders("all fine") == set()


# --- invariant 3: leak ---


def test_tracebacks_and_exceptions_in_the_text_are_violations() -> None:
    assert check_leak([text("Where is the pain?")], "t") == []
    leaked = text('Traceback (most recent call last):\n  File "x.py", line 3, in f')
    assert kinds(check_leak([leaked], "t")) == {LEAK}
    assert kinds(check_leak([text("KeyError Exception raised")], "t")) == {LEAK}


# --- invariant 4: consent ---


def test_consent_from_an_off_script_message_is_a_violation() -> None:
    before = at("consent_contact", "consultation_form")
    taken = at("contact_name", "consultation_form", consent_contact=True)
    assert kinds(check_consent(before, taken)) == {CONSENT}
    asked_again = at("consent_contact", "consultation_form", consent_contact=None)
    assert check_consent(before, asked_again) == []
    assert check_consent(at("contact_name", "consultation_form", consent_contact=True), taken) == []


# --- invariant 5: slots ---


def test_a_sentence_stored_as_the_name_is_a_violation_and_gibberish_a_warning() -> None:
    before = at("contact_name", "consultation_form")
    flag = Message("both my legs have gone like jelly", RED_FLAG, "both_legs")
    stored = turn(
        flag.text, [text("x")], before, (("contact_name", "Both my legs have gone like jelly."),)
    )
    assert [(f.invariant, f.severity) for f in check_stored(before, stored, flag)] == [
        (SLOT, VIOLATION)
    ]
    gibberish = Message("blorp", "gibberish")
    named = turn("blorp", [text("x")], before, (("contact_name", "Blorp"),))
    assert [f.severity for f in check_stored(before, named, gibberish)] == [WARNING]
    for char, severity in (("m", WARNING), ("?", VIOLATION)):
        single = turn(char, [text("x")], before, (("contact_name", char),))
        assert [f.severity for f in check_stored(before, single, Message(char, "single_char"))] == [
            severity
        ]
    dunno = Message("dunno", "dont_know")
    not_a_name = turn("dunno", [text("x")], before, (("contact_name", "dunno"),))
    assert [f.severity for f in check_stored(before, not_a_name, dunno)] == [VIOLATION]


def test_a_text_stored_where_it_answers_the_question_is_legitimate() -> None:
    age = at("age")
    typo = Message("im 45 yrs", "typo")
    assert check_stored(age, turn(typo.text, [], age, (("age", "im 45 yrs"),)), typo) == []
    score = Message("paim is lik 7 outa 10", "typo")
    stored = turn(score.text, [], age, (("age", score.text),))
    assert kinds(check_stored(age, stored, score)) == {SLOT}
    when = at("contact_time", "consultation_form")
    time = Message("mayb tmrw aftrnoon ish", "typo")
    assert check_stored(when, turn(time.text, [], when, (("contact_time", time.text),)), time) == []


def test_a_text_stored_in_a_slot_that_was_not_asked_is_a_violation() -> None:
    before = at("duration")
    message = Message("im 45 yrs", "typo")
    stored = turn(message.text, [], before, (("age", "im 45 yrs"),))
    assert [f.severity for f in check_stored(before, stored, message)] == [VIOLATION]
    normalised = turn(message.text, [], before, (("duration", "21"),))
    assert check_stored(before, normalised, message) == []


def test_only_a_plain_no_is_recorded_as_no_to_a_warning_sign_question() -> None:
    before = Snapshot(
        {"requested_slot": "screening_answer", "screening_question": "night_pain"},
        "screening_form",
    )

    def answered(*lists: str) -> Turn:
        slots = {"answered_flags": ["night_pain"], **{name: ["night_pain"] for name in lists}}
        return turn("x", [text("next")], Snapshot(slots, "screening_form"))

    hedge = Message("probably not but I'm not 100%", "hedge")
    assert kinds(check_screening(before, answered(), hedge)) == {SLOT}
    assert check_screening(before, answered("unsure_flags"), hedge) == []
    assert check_screening(before, answered(), Message("nah m8", "typo")) == []
    assert kinds(check_screening(before, answered(), Message("No sé", "other_language"))) == {SLOT}
    taken = check_screening(before, answered("red_flags"), Message("blorp", "gibberish"))
    assert [f.severity for f in taken] == [WARNING]
    assert check_screening(before, turn("x", [], before), hedge) == []  # asked again


def test_slot_values_match_the_message_whatever_the_case_spacing_and_edges() -> None:
    assert holds_text("  Why do you need THAT ", "why do you need that?")
    assert holds_text("?", "?")
    assert holds_text(
        "I went to pee this morning and nothing", "I went to pee this morning and nothing came out"
    )
    assert not holds_text("lower_back", "lowr bak")
    assert not holds_text("", "x")


# --- invariant 6: continuation ---


def _case(
    off: Turn, follow_at: Snapshot, control: Snapshot, before: Snapshot | None = None
) -> Case:
    before = before or at("duration")
    return Case(
        "duration",
        Message(off.text, "dont_know"),
        "s",
        before,
        off,
        turn("2 weeks", [text("q")], follow_at),
        control,
    )


def test_the_valid_answer_must_continue_from_the_same_question_as_the_control() -> None:
    control = at("pain_score")
    same = _case(turn("dunno", [text("?")], at("duration")), at("pain_score"), control)
    assert check_continuation(same) == []
    stuck = _case(turn("dunno", [text("?")], at("duration")), at("duration"), control)
    assert kinds(check_continuation(stuck)) == {CONTINUATION}


def test_an_off_script_message_taken_as_an_answer_moves_on_legitimately() -> None:
    control = at("pain_score")
    unknown = turn(
        "dunno", [text("?")], at("pain_score", duration="unknown"), (("duration", "unknown"),)
    )
    assert check_continuation(_case(unknown, at("radiation"), control)) == []
    payload = turn("legs gone dead", [text("Go now"), triage("emergency_department")], Snapshot())
    assert check_continuation(_case(payload, Snapshot(), control)) == []
    re_set = turn("x", [text("?")], at("duration"), (("body_region", "lower_back"),))
    before = at("duration", body_region="lower_back")
    assert kinds(check_continuation(_case(re_set, at("duration"), control, before))) == {
        CONTINUATION
    }


# --- invariant 7: red flags ---


def test_a_red_flag_needs_an_urgent_triage_payload() -> None:
    assert check_urgent([text("Go"), triage("call_emergency")], "chest", "t") == []
    assert kinds(check_urgent([triage("doctor_today")], "saddle", "t")) == {URGENCY}
    assert kinds(check_urgent([text("Where is the pain?")], "bladder", "t")) == {URGENCY}


def test_a_dead_conversation_breaks_the_reply_breaker_and_continuation_invariants() -> None:
    sorry = [text("Sorry"), *[text("I'm still not understanding")] * 9]
    off = turn("no", sorry, at("pain_score"))
    case = Case(
        "pain_score",
        Message("no", "typo"),
        "dead",
        at("pain_score"),
        off,
        turn("5", [], at("pain_score")),
        at("radiation"),
    )
    assert kinds(evaluate(case, {"dead"})) == {REPLIES, BREAKER, CONTINUATION}


def test_a_prefix_that_misses_its_state_is_reported() -> None:
    assert check_expectation({"active_loop": "intake_form"}, at("duration")) == []
    assert kinds(check_expectation({"requested_slot": "age"}, at("duration"))) == {SETUP}


# --- tracker, corpus, states ---


def test_the_tracker_state_is_rebuilt_from_the_latest_session() -> None:
    events = [
        Event(1, "slot", {"name": "age", "value": "99"}),
        Event(2, "session_started", {}),
        Event(3, "active_loop", {"name": "screening_form"}),
        Event(4, "slot", {"name": "screening_question", "value": "chest_pain"}),
        Event(
            5, "bot", {"text": "Do you...", "metadata": {"utter_action": "utter_screen_chest_pain"}}
        ),
        Event(6, "slot", {"name": "requested_slot", "value": "screening_answer"}),
    ]
    snapshot = replay(events)
    assert snapshot.slot("age") is None and snapshot.last_id == 6
    assert snapshot.position == Position("screening_form", "chest_pain")
    assert slot_sets(events, 0) == []  # no action ran: nothing an action stored
    done = replay([*events, Event(7, "active_loop", {"name": None})])
    assert done.position == Position(None, None, "utter_screen_chest_pain")


def test_a_turn_stores_what_actions_set_not_what_the_mappings_proposed() -> None:
    events = [
        Event(10, "action", {"name": "action_listen"}),
        Event(11, "user", {"text": "dunno"}),
        Event(12, "slot", {"name": "contact_detail", "value": "dunno"}),  # the mapping's candidate
        Event(13, "action", {"name": "consultation_form"}),
        Event(14, "slot", {"name": "contact_detail", "value": None}),  # refused by validation
        Event(15, "slot", {"name": "requested_slot", "value": "contact_detail"}),
    ]
    stored = slot_sets(events, 10)
    assert stored == [("contact_detail", None), ("requested_slot", "contact_detail")]
    before = at("contact_detail", "consultation_form")
    refused = Turn("dunno", (text("?"),), tuple(stored), replay(events))
    assert check_stored(before, refused, Message("dunno", "dont_know")) == []
    unvalidated = Turn("dunno", (text("?"),), (), replay(events[:3]))  # no action validated it
    assert kinds(check_stored(before, unvalidated, Message("dunno", "dont_know"))) == {SLOT}


def test_violations_are_listed_taking_each_state_in_turn() -> None:
    bad = (Finding(REPLIES, "x"),)
    one = StateResult("a", tuple(Record("a", "typo", str(n), bad, 1) for n in range(3)), 1.0)
    two = StateResult("b", (Record("b", "typo", "y", bad, 1),), 1.0)
    walk = WalkResult((one, two), 2.0, 10)
    listed = first_violations(walk, 3)
    assert [(r.state, r.text) for r, _ in listed] == [("a", "0"), ("b", "y"), ("a", "1")]
    assert "total" in render(walk)


def test_the_corpus_and_its_sample() -> None:
    corpus = load_corpus()
    assert len(corpus) >= 80 and len(categories(corpus)) >= 10
    assert all((m.flag is not None) == (m.category == RED_FLAG) for m in corpus)
    one = sample(corpus, 1, "duration")
    assert len(one) == len(categories(corpus)) and one == sample(corpus, 1, "duration")
    assert sample(corpus, None, "x") == corpus


def test_states_are_selected_by_name_in_walk_order() -> None:
    assert [s.name for s in select(["age", "duration"])] == ["duration", "age"]
    with pytest.raises(KeyError):
        select(["nowhere"])


def test_only_states_a_stack_can_reach_in_its_screening_mode_are_walked() -> None:
    single = {s.name for s in select(None, "single")}
    grouped = {s.name for s in select(None, "grouped")}
    either = {s.name for s in select(None, "compare")}
    assert "screening_middle" in single and "group_which" not in single
    assert {"group_middle", "group_which"} <= grouped and "screening_middle" not in grouped
    assert "screening_first" in either and not {"screening_middle", "group_which"} & either


# --- the fast walk against the live stack ---


def _walk(stack: Stack, send: Send, states: list[State]) -> WalkResult:
    corpus = load_corpus()
    walker = Walker(
        send,
        TrackerDB(stack.work / "tracker.sqlite3"),
        stack.work / "servers.log",
        Replay(),
        f"fuzz-{secrets.token_hex(3)}",
        jobs=2,
    )
    result = walker.walk(states, lambda state: sample(corpus, 1, state.name))
    print(render(result))
    return result


# The states the clinic's own stack (one question per sign) can reach, and the grouped
# screening's own states on the grouped stack.
SINGLE_STATES = select(None, "single")
GROUPED_STATES = [s for s in select(None, "grouped") if s.mode == "grouped"]


@pytest.fixture(scope="module")
def fast_walk(live_stack: Stack, send: Send) -> WalkResult:
    return _walk(live_stack, send, SINGLE_STATES)


@pytest.fixture(scope="module")
def fast_walk_grouped(grouped_stack: Stack, grouped_send: Send) -> WalkResult:
    return _walk(grouped_stack, grouped_send, GROUPED_STATES)


def test_a_fast_walk_over_every_state_finds_no_violation(fast_walk: WalkResult) -> None:
    """Every invariant at every state: 1-4 replies, no circuit breaker, no leak, no consent
    from off-script text, no slot holding another question's sentence, the next valid answer
    continuing from the same question, and a warning sign acted on (`make fuzz` walks them
    all with the whole corpus)."""
    assert {state.state for state in fast_walk.states} == {state.name for state in SINGLE_STATES}
    assert not violations(fast_walk), render(fast_walk)


def test_a_fast_walk_over_the_grouped_screening_states_finds_no_violation(
    fast_walk_grouped: WalkResult,
) -> None:
    names = {state.state for state in fast_walk_grouped.states}
    assert names == {state.name for state in GROUPED_STATES} == {"group_middle", "group_which"}
    assert not violations(fast_walk_grouped), render(fast_walk_grouped)


def test_the_circuit_breaker_tripped_in_no_conversation_of_the_run(
    live_stack: Stack, fast_walk: WalkResult
) -> None:
    log = (live_stack.work / "servers.log").read_text(errors="replace")
    tripped = [line for line in log.splitlines() if "Circuit breaker tripped" in line]
    assert not tripped, f"{len(tripped)} times, first: {tripped[:3]}"
