"""Odd and hostile input to the running servers: the REST channel answers every message sensibly
or refuses it with a clear 4xx, stays up, and the conversation carries on; the web app answers odd
requests with a short plain 4xx. Runs against the live stack (tests/stack.py)."""

from __future__ import annotations

import json
import sqlite3
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from tests.reliability.http import Answer, call, post_message
from tests.stack import Send, Stack

# The intake's next question: how long (usually), or the pain score when the odd message itself
# gave a duration ("since 0 March" is read as since 1 March).
INTAKE_QUESTIONS = ("How long have you had this pain?", "how bad is it at the moment?")

ODD_MESSAGES = {
    "empty": "",
    "whitespace": " \t\n  \n",
    "very_long": "my back hurts " * 715,  # 10,010 characters
    "emoji": "😭😭 🔥🦴 back 💥",
    "spanish": "Me duele mucho la espalda baja desde hace tres semanas",
    "chinese": "我的腰很痛，已经三个星期了",
    "arabic": "أشعر بألم في أسفل الظهر منذ ثلاثة أسابيع",
    "html": '<b>hi</b><img src=x onerror="alert(1)">',
    "script": "<script>fetch('/console/').then(r => r.text()).then(alert)</script>",
    "sql": "'; DROP TABLE events; --",
    "nul": "back\x00pain\x00",
    "ansi_escape": "\x1b[31mmy back\x1b[0m \x1b[2J",
    "bidi_override": "\u202emy back hurts\u202c",
    "format_string": "{sender} %s %n {{7*7}} ${7*7}",
    "day_zero_of_a_month": "my back has hurt since 0 March",
    "huge_number": "my back has hurt for " + "9" * 400 + " days",
}


def new_sender(label: str) -> str:
    return f"rel-{label}-{uuid.uuid4().hex[:8]}"


def assert_up(stack: Stack) -> None:
    """The Rasa server still answers on / and its processes are all alive."""
    health = call(f"{stack.rasa_url}/")
    assert health.status == 200 and "Rasa" in health.text, health
    assert stack.servers.alive()


def assert_sensible(answer: Answer) -> list[dict[str, Any]]:
    """200 with at least one bot message and nothing that looks like a traceback."""
    assert answer.status == 200, answer
    assert not answer.shows_internals(), answer.text[:500]
    replies: list[dict[str, Any]] = answer.json()
    assert isinstance(replies, list) and replies, answer.text[:500]
    assert all(
        reply.get("text") or reply.get("custom") or reply.get("buttons") for reply in replies
    )
    return replies


def assert_clear_refusal(answer: Answer) -> None:
    """A 4xx whose body is short and shows no internals."""
    assert 400 <= answer.status < 500, answer
    assert len(answer.body) < 2000, answer.text[:500]
    assert not answer.shows_internals(), answer.text[:500]


def assert_conversation_continues(send: Send, sender: str) -> None:
    replies = send(sender, "my lower back hurts")
    said = " ".join(reply.get("text") or "" for reply in replies)
    assert any(question in said for question in INTAKE_QUESTIONS), said


@pytest.mark.parametrize("message", ODD_MESSAGES.values(), ids=ODD_MESSAGES.keys())
def test_odd_messages_get_a_reply_and_the_conversation_goes_on(
    live_stack: Stack, send: Send, message: str
) -> None:
    sender = new_sender("odd")
    answer = post_message(live_stack.rasa_url, {"sender": sender, "message": message})
    assert_sensible(answer)
    assert_up(live_stack)
    assert_conversation_continues(send, sender)


def test_markup_in_a_message_is_never_echoed_back(live_stack: Stack) -> None:
    for key in ("html", "script"):
        answer = post_message(
            live_stack.rasa_url, {"sender": new_sender(key), "message": ODD_MESSAGES[key]}
        )
        replies = assert_sensible(answer)
        assert all("<" not in (reply.get("text") or "") for reply in replies), replies


def test_sql_looking_text_leaves_the_tracker_store_intact(live_stack: Stack, send: Send) -> None:
    sender = new_sender("sql")
    send(sender, ODD_MESSAGES["sql"])
    with sqlite3.connect(live_stack.work / "tracker.sqlite3") as db:
        texts = [
            json.loads(data).get("text")
            for (data,) in db.execute(
                "SELECT data FROM events WHERE sender_id = ? AND type_name = 'user'", (sender,)
            )
        ]
    assert texts == [ODD_MESSAGES["sql"]]  # stored as text, the table still there
    assert_conversation_continues(send, sender)


MALFORMED_BODIES: dict[str, tuple[bytes, str]] = {
    "not_json": (b"this is not json {", "application/json"),
    "truncated_json": (b'{"sender": "x", "message": "hel', "application/json"),
    "form_encoded": (b"sender=x&message=hello", "application/x-www-form-urlencoded"),
    "json_array": (b'["sender", "message"]', "application/json"),
    "json_string": (b'"hello"', "application/json"),
    "no_message": (b'{"sender": "rel-no-message"}', "application/json"),
    "message_number": (b'{"sender": "rel-number", "message": 42}', "application/json"),
    "message_list": (b'{"sender": "rel-list", "message": ["my", "back"]}', "application/json"),
    "message_object": (b'{"sender": "rel-obj", "message": {"text": "hi"}}', "application/json"),
    "sender_object": (b'{"sender": {"id": 1}, "message": "hi"}', "application/json"),
    "deeply_nested": (
        b'{"sender": "rel-nested", "message": "hi", "extra": '
        + b'{"a": ' * 5000
        + b"1"
        + b"}" * 5000
        + b"}",
        "application/json",
    ),
    "huge_object": (
        json.dumps(
            {"sender": "rel-huge", "message": "hi", "metadata": {str(i): i for i in range(200_000)}}
        ).encode(),
        "application/json",
    ),
}


@pytest.mark.parametrize(
    ("body", "content_type"), MALFORMED_BODIES.values(), ids=MALFORMED_BODIES.keys()
)
def test_malformed_bodies_are_refused_or_answered_never_a_crash(
    live_stack: Stack, body: bytes, content_type: str
) -> None:
    answer = call(f"{live_stack.rasa_url}/webhooks/rest/webhook", body, "POST", content_type)
    assert answer.status < 500, answer
    if answer.status == 200:
        assert_sensible(answer)
    else:
        assert_clear_refusal(answer)
    assert_up(live_stack)


def test_the_same_message_ten_times_at_once_is_answered_and_recorded_ten_times(
    live_stack: Stack, send: Send
) -> None:
    sender = new_sender("burst")
    message = "my neck hurts"
    with ThreadPoolExecutor(max_workers=10) as pool:
        answers = list(
            pool.map(
                lambda _: post_message(live_stack.rasa_url, {"sender": sender, "message": message}),
                range(10),
            )
        )
    for answer in answers:
        assert_sensible(answer)
    with sqlite3.connect(live_stack.work / "tracker.sqlite3") as db:
        (count,) = db.execute(
            "SELECT COUNT(*) FROM events WHERE sender_id = ? AND type_name = 'user'", (sender,)
        ).fetchone()
    assert count == 10
    assert_up(live_stack)
    replies = send(sender, "about 2 weeks")
    assert " ".join(reply.get("text") or "" for reply in replies)  # still talking


def test_a_conversation_the_server_has_never_seen_starts_from_the_beginning(
    live_stack: Stack, send: Send
) -> None:
    sender = new_sender("unseen")
    with sqlite3.connect(live_stack.work / "tracker.sqlite3") as db:
        assert not db.execute("SELECT 1 FROM events WHERE sender_id = ?", (sender,)).fetchone()
    answer = post_message(live_stack.rasa_url, {"sender": sender, "message": "/affirm"})
    assert_sensible(answer)  # a yes to a question never asked
    assert_conversation_continues(send, sender)


def test_a_message_with_no_sender_gets_a_reply(live_stack: Stack) -> None:
    assert_sensible(post_message(live_stack.rasa_url, {"message": "hello"}))


ODD_WEB_REQUESTS: dict[str, tuple[str, str, bytes | None]] = {
    "missing_page": ("GET", "/no/such/page", None),
    "dot_dot": ("GET", "/static/../../../etc/passwd", None),
    "encoded_dot_dot": ("GET", "/static/%2e%2e/%2e%2e/etc/passwd", None),
    "widget_dot_dot": ("GET", "/widget/..%2f..%2fpyproject.toml", None),
    "nul_in_path": ("GET", "/console/%00", None),
    "huge_query": ("GET", "/?q=" + "A" * 20_000, None),
    "many_params": ("GET", "/console/login?" + "&".join(f"p{i}=x" for i in range(2000)), None),
    "delete_home": ("DELETE", "/", None),
    "put_console": ("PUT", "/console/", b"x"),
    "patch_login": ("PATCH", "/console/login", b"{}"),
    "post_health": ("POST", "/health", b"{}"),
    "post_login_garbage": ("POST", "/console/login", b"\xff\xfe\x00garbage"),
}


@pytest.mark.parametrize(
    ("method", "path", "body"), ODD_WEB_REQUESTS.values(), ids=ODD_WEB_REQUESTS.keys()
)
def test_the_web_app_answers_odd_requests_with_a_short_plain_4xx(
    live_stack: Stack, method: str, path: str, body: bytes | None
) -> None:
    answer = call(f"{live_stack.web_url}{path}", body, method, "application/octet-stream")
    assert 400 <= answer.status < 500, answer
    assert len(answer.body) < 2000, answer.text[:500]
    assert not answer.shows_internals(), answer.text[:500]
    assert "root:" not in answer.text
    health = call(f"{live_stack.web_url}/health")
    assert health.status == 200
