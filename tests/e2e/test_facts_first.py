"""End to end over REST (issue 15, item 2): a message the intent classifier is unsure about, but
that names the region, how long and how bad, moves the conversation on with those facts instead
of asking the person to say it again (tests/nlu/test_heldout.py shows the same message tops the
classifier's ranking with nlu_fallback)."""

from __future__ import annotations

from tests.e2e.conftest import Send


def texts(replies: list[dict]) -> str:  # type: ignore[type-arg]
    return " ".join(str(r.get("text") or "") for r in replies)


def test_a_shaky_message_with_facts_moves_the_intake_on(either_send: Send) -> None:
    replies = either_send("e2e-facts-first", "hmm neck thing 2 months maybe 6/10 idk")
    said = texts(replies)
    assert "didn't understand" not in said, replies  # not the rephrase reply
    assert "How long" not in said and "0 (no pain)" not in said, replies  # facts kept
    assert "spread into an arm or a leg" in said, replies  # the next intake question


def test_a_shaky_message_without_facts_still_asks_to_rephrase(either_send: Send) -> None:
    replies = either_send("e2e-facts-none", "hmm thing idk whatever blorp")
    assert "didn't understand" in texts(replies), replies
