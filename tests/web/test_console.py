"""The staff console through the web app's factory and test client: sign-in, roles, CSRF, the
queue, a record, follow-up, exports and the audit log."""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sanic import Sanic
from sqlalchemy import update
from sqlalchemy.orm import Session

from bot.clinic import load_clinic
from bot.console import passwords, users
from bot.console.audit import list_audit
from bot.db.models import IntakeRecord
from bot.db.session import create_schema, make_engine
from bot.intake.fhir import validate_r4
from bot.records.intake_records import IntakeRequest, save_request
from bot.records.queue import record_detail
from bot.records.triage_summary import TriageSummary
from bot.records.workflow import change_status
from bot.web.app import create_app
from bot.web.config import WebConfig
from tests.console.factories import create_events_table
from tests.records.factories import add_request, add_triage

_names = itertools.count()
PASSWORD = "correct horse battery"
MINUTE = timedelta(minutes=1)
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@dataclass
class Console:
    app: Sanic
    database_url: str
    tracker_url: str

    def session(self) -> Session:
        return Session(make_engine(self.database_url), future=True)

    def get(self, path: str, cookies: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
        _, response = self.app.test_client.get(path, cookies=cookies or {},
                                               allow_redirects=False)  # fmt: skip
        return response

    def post(self, path: str, data: dict[str, str], cookies: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
        _, response = self.app.test_client.post(path, data=data, cookies=cookies or {},
                                                allow_redirects=False)  # fmt: skip
        return response

    def login(self, username: str, password: str = PASSWORD) -> dict[str, str]:
        form = self.get("/console/login")
        token = CSRF.search(form.text).group(1)  # type: ignore[union-attr]
        response = self.post(
            "/console/login",
            {"csrf_token": token, "username": username, "password": password},
            cookies={"spinebot_login": form.cookies["spinebot_login"]},
        )
        assert response.status == 302, response.text
        return {"spinebot_staff": response.cookies["spinebot_staff"]}

    def csrf(self, cookies: dict[str, str], path: str = "/console/") -> str:
        return CSRF.search(self.get(path, cookies).text).group(1)  # type: ignore[union-attr]


@pytest.fixture(autouse=True)
def cheap_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(passwords, "CURRENT", passwords.ScryptParams(n=2**8, r=8, p=1))


def make_console(tmp_path: Path, idle: timedelta = timedelta(minutes=15)) -> Console:
    database_url = f"sqlite:///{tmp_path / 'app.sqlite3'}"
    tracker_url = f"sqlite:///{tmp_path / 'tracker.sqlite3'}"
    create_events_table(make_engine(tracker_url))
    engine = make_engine(database_url)
    create_schema(engine)
    with Session(engine, future=True) as session, session.begin():
        users.create_user(session, "ana", PASSWORD, "staff")
        users.create_user(session, "root", PASSWORD, "admin")
        add_request(session, name="Sam Lee", conversation_id="conv-sam")
        add_request(session, name="=HYPERLINK(evil)", level="doctor_soon", conversation_id="c2")
        add_triage(session, level="emergency_department")
    config = WebConfig(
        clinic=load_clinic(),
        rasa_url="http://localhost:5005",
        database_url=database_url,
        tracker_url=tracker_url,
        idle_timeout=idle,
    )
    app = create_app(config, name=f"test_console_{next(_names)}")
    return Console(app, database_url, tracker_url)


@pytest.fixture
def console(tmp_path: Path) -> Console:
    return make_console(tmp_path)


def first_reference(console: Console, name: str) -> str:
    with console.session() as session:
        from bot.records.queue import queue

        return next(item.reference for item in queue(session) if item.name == name)


def console_routes(app: Sanic) -> list[tuple[str, str]]:
    found = []
    for route in app.router.routes:
        path = "/" + route.path
        if not path.startswith("/console") or path.startswith("/console/login"):
            continue
        path = re.sub(r"<reference(:str)?>", "SB-ABCDEF", path)
        for method in route.methods:
            found.append((method, path))
    return sorted(found)


def test_no_console_page_or_export_is_reachable_without_signing_in(console: Console) -> None:
    routes = console_routes(console.app)
    assert len(routes) >= 10  # queue, CSV, record, status, notes, FHIR, users, audit, logout...
    for method, path in routes:
        response = console.get(path) if method == "GET" else console.post(path, {})
        assert response.status == 302, (method, path)
        assert response.headers["location"] == "/console/login"


def test_staff_sign_in_and_see_the_people_to_contact_most_urgent_first(console: Console) -> None:
    cookies = console.login("ana")
    page = console.get("/console/", cookies)
    assert page.status == 200
    rows = re.findall(r'<tr class="level-([a-z_]+)">', page.text)
    assert rows == ["doctor_soon", "routine_appointment"]  # requests only: no triage here
    assert "Sign out ana" in page.text
    assert "Showing 1–2 of 2" in page.text
    log = console.get("/console/triages", cookies)
    assert re.findall(r'<tr class="level-([a-z_]+)">', log.text) == ["emergency_department"]


def test_a_wrong_password_is_refused_without_saying_which_part_was_wrong(console: Console) -> None:
    form = console.get("/console/login")
    token = CSRF.search(form.text).group(1)  # type: ignore[union-attr]
    cookie = {"spinebot_login": form.cookies["spinebot_login"]}
    wrong_password = console.post("/console/login", {"csrf_token": token, "username": "ana",
                                  "password": "nope nope nope"}, cookie)  # fmt: skip
    unknown_user = console.post("/console/login", {"csrf_token": token, "username": "nobody",
                                "password": PASSWORD}, cookie)  # fmt: skip
    assert wrong_password.status == unknown_user.status == 401
    assert "Wrong username or password." in wrong_password.text
    assert "spinebot_staff" not in wrong_password.cookies


def test_sign_in_is_rate_limited(console: Console) -> None:
    form = console.get("/console/login")
    token = CSRF.search(form.text).group(1)  # type: ignore[union-attr]
    cookie = {"spinebot_login": form.cookies["spinebot_login"]}
    statuses = [
        console.post(
            "/console/login",
            {"csrf_token": token, "username": "ana", "password": f"guess number {n}"},
            cookie,
        ).status
        for n in range(6)
    ]
    assert statuses == [401] * 5 + [429]
    right = console.post("/console/login", {"csrf_token": token, "username": "ana",
                         "password": PASSWORD}, cookie)  # fmt: skip
    assert right.status == 429  # even the right password waits
    with console.session() as session:
        actions = [entry.action for entry in list_audit(session)]
    assert actions.count("login_failed") == 5 and "login_blocked" in actions


def test_the_sign_in_form_needs_its_csrf_token(console: Console) -> None:
    response = console.post("/console/login", {"username": "ana", "password": PASSWORD})
    assert response.status == 403
    assert "spinebot_staff" not in response.cookies


def test_a_form_without_the_sessions_csrf_token_is_rejected(console: Console) -> None:
    cookies = console.login("ana")
    reference = first_reference(console, "Sam Lee")
    forged = console.post(f"/console/records/{reference}/status",
                          {"status": "contacted", "csrf_token": "forged"}, cookies)  # fmt: skip
    assert forged.status == 403
    with console.session() as session:
        assert record_detail(session, reference).status == "new"  # type: ignore[union-attr]


def test_viewing_changing_and_noting_a_record_is_audited(console: Console) -> None:
    cookies = console.login("ana")
    reference = first_reference(console, "Sam Lee")
    page = console.get(f"/console/records/{reference}", cookies)
    assert page.status == 200 and "Sam Lee" in page.text
    token = console.csrf(cookies, f"/console/records/{reference}")
    changed = console.post(f"/console/records/{reference}/status",
                           {"status": "contacted", "note": "left a voicemail", "csrf_token": token},
                           cookies)  # fmt: skip
    assert changed.status == 302
    noted = console.post(f"/console/records/{reference}/notes",
                         {"note": "called back, booked", "csrf_token": token}, cookies)  # fmt: skip
    assert noted.status == 302
    page = console.get(f"/console/records/{reference}?done=status", cookies)
    assert "left a voicemail" in page.text and "called back, booked" in page.text
    assert "Status saved." in page.text
    with console.session() as session:
        assert record_detail(session, reference).status == "contacted"  # type: ignore[union-attr]
        trail = [(e.username, e.action) for e in list_audit(session, reference=reference)]
    assert ("ana", "viewed") in trail
    assert ("ana", "status_changed") in trail and ("ana", "note_added") in trail


def test_a_status_the_workflow_does_not_allow_is_refused(console: Console) -> None:
    cookies = console.login("ana")
    reference = first_reference(console, "Sam Lee")
    token = console.csrf(cookies)
    response = console.post(f"/console/records/{reference}/status",
                            {"status": "scheduled", "csrf_token": token}, cookies)  # fmt: skip
    assert response.status == 400 and "cannot go from new to scheduled" in response.text


def test_the_queue_filters_and_search(console: Console) -> None:
    cookies = console.login("ana")
    reference = first_reference(console, "Sam Lee")
    by_level = console.get("/console/?level=doctor_soon", cookies).text
    assert "HYPERLINK" in by_level and "Sam Lee" not in by_level
    by_reference = console.get(f"/console/?q={reference.lower()}", cookies).text
    assert "Sam Lee" in by_reference and "HYPERLINK" not in by_reference
    by_name = console.get("/console/?q=sam", cookies).text
    assert "Sam Lee" in by_name
    assert console.get("/console/?since=yesterday", cookies).status == 400
    assert console.get("/console/?level=urgent", cookies).status == 400
    assert console.get("/console/?kind=triage", cookies).headers["location"] == "/console/triages"
    moved = console.get("/console/?kind=triage&level=self_care&q=TR-ABC234", cookies)
    assert moved.headers["location"] == "/console/triages?level=self_care&q=TR-ABC234"
    assert console.get("/console/triages?region=elbow", cookies).status == 400
    assert console.get("/console/triages?status=contacted", cookies).status == 400


def test_the_csv_export_is_audited_and_neutralises_formulas(console: Console) -> None:
    cookies = console.login("ana")
    response = console.get("/console/export.csv", cookies)
    assert response.status == 200 and response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert {row["name"] for row in rows} == {"Sam Lee", "'=HYPERLINK(evil)"}  # the requests
    log = console.get("/console/triages.csv?level=emergency_department", cookies)
    assert [row["kind"] for row in csv.DictReader(io.StringIO(log.text))] == ["triage"]
    assert console.get("/console/triages.csv?level=self_care", cookies).text.count("\r\n") == 1
    with console.session() as session:
        assert "exported_csv" in [entry.action for entry in list_audit(session)]


def test_a_staff_member_cannot_do_admin_actions(console: Console) -> None:
    cookies = console.login("ana")
    token = console.csrf(cookies)
    assert console.get("/console/users", cookies).status == 403
    assert console.get("/console/audit", cookies).status == 403
    made = console.post("/console/users", {"username": "mallory", "password": PASSWORD,
                        "role": "admin", "csrf_token": token}, cookies)  # fmt: skip
    assert made.status == 403
    with console.session() as session:
        assert users.get_user(session, "mallory") is None


def test_an_admin_adds_staff_and_reads_the_audit_log(console: Console) -> None:
    cookies = console.login("root")
    token = console.csrf(cookies)
    made = console.post("/console/users", {"username": "bea", "password": PASSWORD,
                        "role": "staff", "csrf_token": token}, cookies)  # fmt: skip
    assert made.status == 302
    short = console.post("/console/users", {"username": "cai", "password": "short",
                         "role": "staff", "csrf_token": token}, cookies)  # fmt: skip
    assert short.status == 400 and "12" in short.text
    assert "bea" in console.get("/console/users", cookies).text
    assert "user created" in console.get("/console/audit", cookies).text
    console.login("bea")


def test_signing_out_ends_the_session(console: Console) -> None:
    cookies = console.login("ana")
    token = console.csrf(cookies)
    assert console.post("/console/logout", {"csrf_token": token}, cookies).status == 302
    assert console.get("/console/", cookies).status == 302


def test_an_idle_session_times_out(tmp_path: Path) -> None:
    console = make_console(tmp_path, idle=timedelta(seconds=0))
    cookies = console.login("ana")
    response = console.get("/console/", cookies)
    assert response.status == 302 and response.headers["location"] == "/console/login"


def test_the_record_page_escapes_what_people_typed(tmp_path: Path) -> None:
    console = make_console(tmp_path)
    with console.session() as session, session.begin():
        add_request(session, name="<script>alert(1)</script>", conversation_id="xss")
    cookies = console.login("ana")
    reference = first_reference(console, "<script>alert(1)</script>")
    page = console.get(f"/console/records/{reference}", cookies).text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_an_unknown_reference_is_a_plain_not_found(console: Console) -> None:
    cookies = console.login("ana")
    response = console.get("/console/records/SB-ZZZZZZ", cookies)
    assert response.status == 404 and "no record with that reference" in response.text


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/console/records/SB-ZZZZZZ/status", {"status": "contacted"}),
        ("/console/records/SB-ZZZZZZ/notes", {"note": "called"}),
        ("/console/records/TR-ZZZZZZ/fhir.json", None),
    ],
)
def test_a_change_or_export_of_an_unknown_reference_is_a_plain_not_found(
    console: Console, path: str, data: dict[str, str] | None
) -> None:
    cookies = console.login("ana")
    if data is None:
        response = console.get(path, cookies)
    else:
        response = console.post(path, {**data, "csrf_token": console.csrf(cookies)}, cookies)
    assert response.status == 404 and "no record with that reference" in response.text
    assert "Sign out ana" in response.text  # the console's own page, not the bare error text
    with console.session() as session:
        assert "exported_fhir" not in [entry.action for entry in list_audit(session)]


def test_deactivating_or_demoting_a_user_takes_effect_on_their_open_session(
    console: Console,
) -> None:
    admin = console.login("root")
    staff = console.login("ana")
    with console.session() as session, session.begin():
        users.set_role(session, "root", "staff")
        users.deactivate(session, "ana")
    assert console.get("/console/users", admin).status == 403
    assert console.get("/console/", staff).status == 302


def test_a_record_exports_as_valid_fhir_r4_and_the_export_is_audited(console: Console) -> None:
    cookies = console.login("ana")
    reference = first_reference(console, "Sam Lee")
    response = console.get(f"/console/records/{reference}/fhir.json", cookies)
    assert response.status == 200
    assert response.headers["content-type"].startswith("application/fhir+json")
    resource = json.loads(response.text)
    assert resource["resourceType"] == "QuestionnaireResponse"
    assert resource["identifier"]["value"] == reference
    assert validate_r4(resource) == []
    definition = json.loads(console.get("/console/questionnaire.json", cookies).text)
    assert validate_r4(definition) == []
    with console.session() as session:
        trail = [(e.username, e.action) for e in list_audit(session, reference=reference)]
    assert ("ana", "exported_fhir") in trail


# ---- people to contact: what a row shows, pages, the clinic's clock -----------------------


def _person(
    session: Session,
    name: str,
    level: str | None,
    created_at: datetime,
    age: float = 67,
    **contact: str,
) -> str:
    """A request as the bot saves it, with a summary, received at `created_at`."""
    reference = save_request(
        session,
        IntakeRequest(
            kind="callback",
            name=name,
            contact_time="after 5pm",
            consent_given_at=created_at,
            conversation_id=f"conv-{name}",
            summary=TriageSummary(
                region="neck",
                age=age,  # type: ignore[arg-type]
                duration_days=21,
                level=level,
                reasons=("New weakness in an arm over the age of 50", "Pain for 3 weeks"),
            ),
            **contact,
        ),
    )
    session.execute(
        update(IntakeRecord)
        .where(IntakeRecord.reference == reference)
        .values(created_at=created_at)
    )
    return reference


def test_a_row_says_who_to_call_why_and_how_long_they_have_waited(console: Console) -> None:
    received = datetime.now(timezone.utc) - timedelta(hours=3, minutes=5)
    with console.session() as session, session.begin():
        urgent = _person(session, "Ada Byron", "doctor_today", received, phone="2125550143")
        _person(session, "Bo Chen", None, received, 44.0, email="bo@example.org")  # a float slot
    page = console.get("/console/", console.login("ana")).text
    rows = re.findall(r"<tr class=\"level-([a-z_]+)\">(.*?)</tr>", page, re.S)
    assert [level for level, _ in rows][:2] == ["doctor_today", "none"]
    first = rows[0][1]
    assert f'href="/console/records/{urgent}"' in first
    assert ">doctor today</span>" in first  # the words, not only the colour
    assert "New weakness in an arm over the age of 50" in first and "Pain for 3 weeks" not in first
    assert ">neck<" in first and "about 3 weeks (21 days)" in first and "<td>67</td>" in first
    assert '<a class="call" href="tel:+1-212-555-0143">(212) 555-0143</a>' in first
    assert "after 5pm" in first and ">3 h</time>" in first
    assert ">not assessed</span>" in rows[1][1] and "<td>44</td>" in rows[1][1]
    assert '<a href="mailto:bo@example.org">bo@example.org</a>' in rows[1][1]


def test_people_to_contact_page_through_with_the_filters_in_every_link(console: Console) -> None:
    received = datetime.now(timezone.utc) - timedelta(days=2)
    with console.session() as session, session.begin():
        for number in range(30):
            _person(session, f"Person {number:02d}", "doctor_soon", received + number * MINUTE,
                    phone="2125550143")  # fmt: skip
    cookies = console.login("ana")
    first = console.get("/console/?level=doctor_soon", cookies).text
    assert "Showing 1–25 of 31" in first  # the 30 and the fixture's doctor_soon request
    assert "Previous page" not in first
    assert 'href="/console/?level=doctor_soon&amp;page=2" rel="next"' in first
    second = console.get("/console/?level=doctor_soon&page=2", cookies).text
    assert "Showing 26–31 of 31" in second and "Next page" not in second
    assert 'href="/console/?level=doctor_soon&amp;page=1" rel="prev"' in second
    assert second.count('class="call"') == 6
    small = console.get("/console/?level=doctor_soon&size=10&page=2", cookies).text
    assert "Showing 11–20 of 31" in small
    assert "level=doctor_soon&amp;page=3&amp;size=10" in small  # the size is kept too
    assert "Showing 26–31 of 31" in console.get("/console/?page=99&level=doctor_soon", cookies).text
    assert (
        "Showing 1–31 of 31" in console.get("/console/?level=doctor_soon&size=9999", cookies).text
    )
    oldest_first = re.findall(r"Person (\d\d)", first)
    assert oldest_first == sorted(oldest_first)


def test_times_and_date_filters_are_in_the_clinics_time_zone(console: Console) -> None:
    # 03:30 UTC on 21 November is 22:30 on the 20th in New York (clinic.yml: America/New_York).
    late_evening = datetime(2026, 11, 21, 3, 30, tzinfo=timezone.utc)
    with console.session() as session, session.begin():
        reference = _person(session, "Late Caller", None, late_evening, phone="2125550143")
    cookies = console.login("ana")
    page = console.get("/console/?q=Late", cookies).text
    assert "times in EST" in page or "times in EDT" in page
    assert 'title="received 2026-11-20 22:30"' in page
    assert reference in console.get("/console/?since=2026-11-20&until=2026-11-20", cookies).text
    assert reference not in console.get("/console/?since=2026-11-21", cookies).text


def test_a_closed_request_leaves_the_list_and_is_found_again_by_status(console: Console) -> None:
    reference = first_reference(console, "Sam Lee")
    with console.session() as session, session.begin():
        change_status(session, reference, "closed", "ana", "duplicate")
    cookies = console.login("ana")
    assert reference not in console.get("/console/", cookies).text
    assert reference in console.get("/console/?status=closed", cookies).text
    every = console.get("/console/?status=any", cookies).text
    assert reference in every and "Showing 1–2 of 2" in every


def test_the_triage_log_links_a_triage_to_the_request_it_ended_in(console: Console) -> None:
    with console.session() as session, session.begin():
        triage = add_triage(session, level="doctor_soon", conversation_id="conv-sam")
    request = first_reference(console, "Sam Lee")
    page = console.get("/console/triages?level=doctor_soon", console.login("ana")).text
    row = re.search(rf"<tr[^>]*>.*?{triage}.*?</tr>", page, re.S)
    assert row is not None and f'href="/console/records/{request}"' in row.group()
