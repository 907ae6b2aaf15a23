"""The console a front desk runs a morning from, in a real browser (issue 19): after a day of
traffic (150 completed triages and a few consultation and callback requests, seeded through
bot/records as the bot saves them), a member of staff signs in and sees the people to contact
first, most urgent first, with the level, the reason, the age and a number to tap; pages
through the triage log; and opens a record to find the age and every answer.

Only the web app runs (`python -m bot.web`, as `make run` starts it): no model or Rasa server is
needed to read records. It also counts the clicks from signing in to calling the most urgent
waiting person, the figure docs/console.md reports.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import pytest
from playwright.sync_api import Browser, Locator, Page, expect
from sqlalchemy import update
from sqlalchemy.orm import Session

from bot.db.models import IntakeRecord
from bot.db.session import create_schema, make_engine
from bot.records.intake_records import IntakeRequest, save_request
from bot.records.queue import LEVEL_ORDER
from bot.records.triage_records import save_triage
from bot.records.triage_summary import TriageSummary
from tests.browser.conftest import ARTIFACTS, web_app_alone
from tests.browser.test_console import PASSWORD, add_staff_user
from tests.console.factories import add_events, create_events_table

NOW = datetime.now(timezone.utc)
TRIAGES = 150
LOG_PAGE = 50  # the triage log's page size (bot/web/console_views.py TRIAGES)
REGIONS = ("lower_back", "neck", "mid_back", "upper_back", "tailbone", "back")
REASONS = {
    "call_emergency": "Chest pain with back pain: possible heart attack or aortic dissection",
    "emergency_department": "Numbness between the legs with back pain (cauda equina)",
    "doctor_today": "New weakness in a leg over the age of 50",
    "doctor_soon": "Pain spreading down one leg for more than 4 weeks",
    "routine_appointment": "Back pain for more than 12 weeks without warning signs",
    "self_care": "Back pain for less than 6 weeks without warning signs",
    None: "",
}
WORDS = {  # what staff read for each level (bot/web/console.py LEVEL_WORDS)
    "emergency_department": "emergency department now",
    "doctor_today": "doctor today",
    "doctor_soon": "doctor within days",
    "routine_appointment": "routine appointment",
    None: "not assessed",
}
SCREENED = ("chest_pain", "saddle_numbness", "bladder_dysfunction", "progressive_weakness")


@dataclass(frozen=True)
class Person:
    """A request seeded for the test, with what its row must show."""

    name: str
    level: str | None
    age: int
    waited: timedelta
    phone: str | None = None
    email: str | None = None
    status: str = "new"


# Made in an order unlike the one staff should see them in.
PEOPLE = (
    Person("Ines Alvarez", "routine_appointment", 33, timedelta(days=2), phone="2125550172"),
    Person("Lee Park", None, 29, timedelta(hours=3), phone="+447700900123"),  # no triage
    Person("Maya Ortiz", "doctor_today", 71, timedelta(minutes=40), phone="2125550143"),
    Person("Dev Rao", "doctor_soon", 45, timedelta(days=1), email="dev.rao@example.org"),
    Person("Tom Reed", "emergency_department", 58, timedelta(minutes=10), phone="6175550188"),
    Person("Ann Closed", "call_emergency", 80, timedelta(days=3), phone="2125550101",
           status="closed"),  # dealt with: not on the list
)  # fmt: skip
EXPECTED_ORDER = ("Tom Reed", "Maya Ortiz", "Lee Park", "Dev Rao", "Ines Alvarez")
MOST_URGENT = "Tom Reed"


def _summary(level: str | None, age: int, number: int) -> TriageSummary:
    """A triage summary as the bot keeps it; a flag is answered yes where the level needs one."""
    yes = {"emergency_department": ("saddle_numbness",), "call_emergency": ("chest_pain",)}
    return TriageSummary(
        region=REGIONS[number % len(REGIONS)],
        age=age,
        duration_days=(3, 20, 45, 120, 400)[number % 5],
        pain_score=number % 11,
        radiation="leg" if number % 3 else None,
        red_flags=yes.get(level or "", ()),
        answered_flags=SCREENED if level else (),
        level=level,
        reasons=(REASONS[level], "You told us the pain started after lifting") if level else (),
        recommendations=("See the clinic",) if level else (),
        screening_mode="single" if level else None,
    )


def _dated(session: Session, reference: str, created_at: datetime, status: str) -> None:
    session.execute(
        update(IntakeRecord)
        .where(IntakeRecord.reference == reference)
        .values(created_at=created_at, status=status)
    )


def seed(database_url: str) -> dict[str, str]:
    """150 triages of mixed levels, ages and regions over the last days and the PEOPLE's
    requests, as the bot saves them; the references of the requests by name."""
    engine = make_engine(database_url)
    create_schema(engine)
    levels = (*LEVEL_ORDER, None)
    references = {}
    with Session(engine) as session, session.begin():
        for number in range(TRIAGES - 1):
            level = levels[number % len(levels)]
            at = NOW - timedelta(minutes=23 * number + 5)
            save_triage(session, f"triage-{number}", _summary(level, 18 + number % 73, number), at)
        for person in PEOPLE:
            summary = _summary(person.level, person.age, len(person.name))
            created = NOW - person.waited
            request = IntakeRequest(
                kind="consultation" if person.phone else "callback",
                name=person.name,
                contact_time="weekday mornings",
                consent_given_at=created,
                conversation_id=f"conv-{person.name}",
                phone=person.phone,
                email=person.email,
                summary=summary,
            )
            references[person.name] = save_request(session, request)
            _dated(session, references[person.name], created, person.status)
        # The most urgent person's triage: the 150th, in the log and linked to the request.
        tom = next(person for person in PEOPLE if person.name == MOST_URGENT)
        save_triage(session, f"conv-{MOST_URGENT}", _summary(tom.level, tom.age, 5), NOW)
    engine.dispose()
    return references


def seed_conversation(tracker_url: str, conversation_id: str) -> None:
    """The start of the most urgent person's conversation in the tracker store, with buttons."""
    tracker = make_engine(tracker_url)
    create_events_table(tracker)
    second = timedelta(seconds=1)
    start = NOW - timedelta(minutes=12)
    yes_no = {"buttons": [{"title": "Yes", "payload": "/affirm"},
                          {"title": "Not sure", "payload": "/dont_know"},
                          {"title": "No", "payload": "/deny"}]}  # fmt: skip
    add_events(
        tracker,
        conversation_id,
        ("user", start, {"text": "/greet"}),
        ("bot", start + second, {"text": "Where does it hurt, and for how long?"}),
        ("user", start + 2 * second, {"text": "low back for 3 weeks, 8/10"}),
        ("bot", start + 3 * second, {"text": "How old are you? Some warning signs depend on age."}),
        ("user", start + 4 * second, {"text": "58"}),
        ("bot", start + 5 * second, {"text": "Any numbness between your legs?", "data": yes_no}),
        ("user", start + 6 * second, {"text": "/affirm"}),
    )
    tracker.dispose()


@dataclass(frozen=True)
class Console:
    """The web app serving the seeded records, and the requests' references by name."""

    url: str
    references: dict[str, str]


@pytest.fixture(scope="module")
def console(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Console]:
    work = tmp_path_factory.mktemp("console-queue")
    database_url = f"sqlite:///{work / 'spinebot.sqlite3'}"
    tracker_url = f"sqlite:///{work / 'tracker.sqlite3'}"
    references = seed(database_url)
    seed_conversation(tracker_url, f"conv-{MOST_URGENT}")
    add_staff_user(database_url, "frontdesk")
    env = {
        **os.environ,
        "SPINEBOT_DATA_DIR": str(work),
        "DATABASE_URL": database_url,
        "TRACKER_URL": tracker_url,
    }
    with web_app_alone(work, env) as url:
        yield Console(url, references)


class Counted:
    """The page, with every click and submit the test makes on it counted (typing is not)."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.clicks = 0

    def click(self, target: Locator) -> None:
        """Click `target` and count it."""
        target.click()
        self.clicks += 1


def shot(page: Page, name: str) -> None:
    """A full-page screenshot into test-artifacts/browser/."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def rows_of(page: Page) -> Locator:
    """The rows of the page's list."""
    return page.locator("table.queue tbody tr")


def test_the_front_desk_calls_the_most_urgent_person_first_then_audits_the_triage_log(
    browser: Browser, console: Console
) -> None:
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30_000)
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    # Record the number a tap on a tel: link dials (a headless browser has no phone to hand it to).
    page.add_init_script(
        "document.addEventListener('click', e => { const a = e.target.closest('a[href^=\"tel:\"]');"
        " if (a) { e.preventDefault(); window.dialled = a.getAttribute('href'); } }, true);"
    )
    desk = Counted(page)

    # Sign in: the one submit that starts the day.
    page.goto(console.url + "/console/")
    expect(page).to_have_url(re.compile(r"/console/login$"))
    page.get_by_label("Username").fill("frontdesk")
    page.get_by_label("Password").fill(PASSWORD)
    desk.click(page.get_by_role("button", name="Sign in"))
    signed_in_after = desk.clicks

    # People to contact: the requests, most urgent first, then not assessed, then oldest waiting.
    expect(page.get_by_role("heading", name="People to contact")).to_be_visible()
    expect(page.locator("header")).to_contain_text(re.compile(r"times in E[SD]T"))
    rows = rows_of(page)
    expect(rows).to_have_count(len(EXPECTED_ORDER))
    expect(page.locator(".pager .count").first).to_have_text("Showing 1–5 of 5")
    by_name = {person.name: person for person in PEOPLE}
    for row, name in zip(rows.all(), EXPECTED_ORDER, strict=True):
        person = by_name[name]
        expect(row).to_contain_text(name)
        expect(row).to_contain_text(console.references[name])
        expect(row.locator(".level")).to_have_text(WORDS[person.level])
        expect(row.locator("td.reason")).to_have_text(REASONS[person.level] or "—")
        expect(row.locator("td").nth(5)).to_have_text(str(person.age))
        if person.phone:  # dials the number, with the clinic's country code where none was given
            dialled = person.phone[1:] if person.phone.startswith("+") else "1" + person.phone
            href = row.locator("a.call").get_attribute("href") or ""
            assert href.startswith("tel:+") and re.sub(r"\D", "", href) == dialled, href
        else:
            expect(row.locator('a[href^="mailto:"]')).to_have_text(person.email or "")
    first = rows.first
    expect(first.locator("a.call")).to_have_text("(617) 555-0188")
    expect(first.locator("time")).to_have_text(re.compile(r"^1[0-4] min$"))  # waiting
    expect(rows.nth(2).locator("a.call")).to_have_text("+44 7700 900123")
    expect(page.get_by_text("Ann Closed")).to_have_count(0)  # closed: not waiting
    shot(page, "console-people-to-contact")

    # Call the most urgent person: one tap on the first row's number.
    desk.click(first.locator("a.call"))
    assert page.evaluate("window.dialled") == "tel:+1-617-555-0188"
    clicks_to_call = desk.clicks - signed_in_after
    assert clicks_to_call == 1, clicks_to_call
    assert desk.clicks == 2  # the sign-in submit and the tap

    # The triage log: 150 triages, 50 a page, newest first, with next and previous.
    desk.click(page.get_by_role("link", name="Triage log", exact=True))
    expect(page.get_by_role("heading", name="Triage log")).to_be_visible()
    count = page.locator(".pager .count").first
    expect(count).to_have_text(f"Showing 1–{LOG_PAGE} of {TRIAGES}")
    expect(rows_of(page)).to_have_count(LOG_PAGE)
    newest = rows_of(page).first
    expect(newest.get_by_role("link", name=console.references[MOST_URGENT])).to_be_visible()
    first_page = rows_of(page).locator("td:first-child a").all_inner_texts()
    desk.click(page.get_by_role("link", name="Next page").first)
    expect(count).to_have_text(f"Showing {LOG_PAGE + 1}–{2 * LOG_PAGE} of {TRIAGES}")
    expect(page).to_have_url(re.compile(r"/console/triages\?page=2$"))
    second_page = rows_of(page).locator("td:first-child a").all_inner_texts()
    assert len(second_page) == LOG_PAGE and not set(first_page) & set(second_page)
    shot(page, "console-triage-log-page-2")
    desk.click(page.get_by_role("link", name="Next page").first)
    expect(count).to_have_text(f"Showing {2 * LOG_PAGE + 1}–{TRIAGES} of {TRIAGES}")
    expect(page.get_by_role("link", name="Next page")).to_have_count(0)
    desk.click(page.get_by_role("link", name="Previous page").first)
    expect(count).to_have_text(f"Showing {LOG_PAGE + 1}–{2 * LOG_PAGE} of {TRIAGES}")
    # A filter is kept in the URL and in the page links.
    page.get_by_label("Urgency").select_option("emergency_department")
    desk.click(page.get_by_role("button", name="Show"))
    expect(page).to_have_url(re.compile(r"level=emergency_department"))
    emergencies = 1 + sum(  # the most urgent person's triage and every 7th seeded one
        1 for n in range(TRIAGES - 1) if (*LEVEL_ORDER, None)[n % 7] == "emergency_department"
    )
    expect(count).to_have_text(f"Showing 1–{emergencies} of {emergencies}")
    for cell in rows_of(page).locator(".level").all():
        expect(cell).to_have_text("emergency department now")

    # A record: the most urgent person's, from the list, with the age and every answer.
    page.goto(console.url + "/console/")
    desk.click(rows_of(page).first.get_by_role("link", name=console.references[MOST_URGENT]))
    reference = console.references[MOST_URGENT]
    expect(page.get_by_role("heading", name=f"Consultation {reference}")).to_be_visible()
    learned = page.get_by_role("region", name="What the bot learned")
    expect(learned).to_contain_text("58")  # the age, on the record itself
    answers = page.get_by_role("region", name="Warning-sign questions").locator("tbody tr")
    expect(answers).to_have_count(len(SCREENED))
    expect(answers.filter(has_text="between your legs")).to_contain_text("yes")
    expect(answers.filter(has_text="chest")).to_contain_text("no")
    transcript = page.locator(".transcript")
    expect(transcript).to_contain_text("How old are you?")
    expect(transcript.locator("li").nth(4)).to_contain_text("58")  # the age, as the person gave it
    expect(transcript.locator("li").nth(6)).to_contain_text("Yes")  # the button, not /affirm
    expect(transcript).not_to_contain_text("/affirm")
    expect(transcript.locator("li").first).to_contain_text("(opened the chat)")
    shot(page, "console-record")
    assert errors == []
    context.close()
