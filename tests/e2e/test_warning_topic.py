"""End to end over REST with the real servers (issue 15): a warning sign named but not described
("something's not right with my bladder") gets that sign's question next, before anything else;
"yes" gives the urgent instruction at once, "no" goes back to where the person was."""

from __future__ import annotations

from tests.e2e.conftest import Send, triage_of

BLADDER_QUESTION = "Any new trouble with your bladder"


def texts(replies: list[dict]) -> str:  # type: ignore[type-arg]
    return " ".join(str(r.get("text") or "") for r in replies)


def test_an_unresolved_bladder_mention_is_asked_about_next_and_yes_escalates(
    either_send: Send,
) -> None:
    replies = either_send(
        "e2e-topic-yes", "my lower back hurts and something is not right with my bladder"
    )
    assert triage_of(replies) is None
    assert BLADDER_QUESTION in texts(replies), replies
    assert "How long" not in texts(replies)  # the bladder question comes before the intake's
    payload = triage_of(either_send("e2e-topic-yes", "yes"))
    assert payload is not None and payload["level"] == "emergency_department"


def test_a_no_goes_back_to_the_question_the_person_was_at(either_send: Send) -> None:
    first = either_send("e2e-topic-no", "my neck hurts")
    assert "How long" in texts(first), first
    asked = either_send("e2e-topic-no", "3 weeks, and my wee is weird")
    assert BLADDER_QUESTION in texts(asked) and "0 (no pain)" not in texts(asked), asked
    after = either_send("e2e-topic-no", "no")
    assert "0 (no pain)" in texts(after), after  # the duration was kept; the pain score is next
    assert "didn't catch" not in texts(after)  # "no" was the bladder answer, not a pain score


def test_a_topic_typed_at_the_name_question_is_not_kept_as_the_name(either_send: Send) -> None:
    either_send("e2e-topic-name", "I want to book a consultation")
    either_send("e2e-topic-name", "/affirm")
    asked = either_send("e2e-topic-name", "my bladder feels odd")
    assert BLADDER_QUESTION in texts(asked), asked
    after = either_send("e2e-topic-name", "no")
    assert "What name should the clinic use" in texts(after), after
