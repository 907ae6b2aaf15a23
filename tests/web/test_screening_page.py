"""The staff console's screening report page and its CSV, through the web app's test client
(the figures themselves are tested in tests/console/test_screening_report.py)."""

from __future__ import annotations

import csv
import io
import re
from datetime import datetime, timezone
from pathlib import Path

import pytest

from bot.console import passwords
from bot.console.audit import list_audit
from bot.db.session import make_engine
from tests.console.factories import add_events
from tests.web.test_console import Console, make_console

NOVEMBER = datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc)
DECEMBER = datetime(2026, 12, 3, 9, 0, tzinfo=timezone.utc)
B1 = ["chest_pain", "tearing_pain", "fainting", "aortic_aneurysm"]


@pytest.fixture(autouse=True)
def cheap_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(passwords, "CURRENT", passwords.ScryptParams(n=2**8, r=8, p=1))


def slot(moment: datetime, name: str, value: object) -> tuple[str, datetime, dict[str, object]]:
    return ("slot", moment, {"name": name, "value": value})


@pytest.fixture
def console(tmp_path: Path) -> Console:
    """The console, with three screenings in the tracker store: one by one and finished, and
    grouped stopped at B2's follow-up, in November; grouped with a yes, in December."""
    made = make_console(tmp_path)
    tracker = make_engine(f"sqlite:///{tmp_path / 'tracker.sqlite3'}")
    add_events(tracker, "single-done",
               ("user", NOVEMBER, {"text": "my back hurts"}),
               slot(NOVEMBER, "screening_mode", "single"),
               slot(NOVEMBER, "screening_question", "chest_pain"),
               slot(NOVEMBER, "answered_flags", ["chest_pain"]),
               slot(NOVEMBER, "triage_level", "self_care"))  # fmt: skip
    add_events(tracker, "grouped-stopped",
               ("user", NOVEMBER, {"text": "my back hurts"}),
               slot(NOVEMBER, "screening_mode", "grouped"),
               slot(NOVEMBER, "screening_question", "group:B1"),
               slot(NOVEMBER, "answered_flags", B1),
               slot(NOVEMBER, "screening_question", "next"),
               slot(NOVEMBER, "screening_question", "group:B2"),
               slot(NOVEMBER, "screening_question", "which:B2:unsure:saddle_numbness"))  # fmt: skip
    add_events(tracker, "grouped-december",
               ("user", DECEMBER, {"text": "my back hurts"}),
               slot(DECEMBER, "screening_mode", "grouped"),
               slot(DECEMBER, "screening_question", "group:B1"),
               slot(DECEMBER, "red_flags", ["chest_pain"]),
               slot(DECEMBER, "answered_flags", B1),
               slot(DECEMBER, "triage_level", "call_emergency"))  # fmt: skip
    tracker.dispose()
    return made


def cells(page: str, heading: str) -> list[str]:
    """The cell texts of the table row whose heading cell is `heading`."""
    row = re.search(rf'<th scope="row">{re.escape(heading)}</th>(.*?)</tr>', page, re.S)
    assert row, heading
    return [re.sub(r"\s+", " ", cell).strip() for cell in re.findall(r"<td>(.*?)</td>", row[1])]


def test_a_staff_member_opens_the_report_from_the_console_navigation(console: Console) -> None:
    assert console.get("/console/screening").headers["location"] == "/console/login"
    cookies = console.login("ana")  # staff, not an administrator
    assert 'href="/console/screening"' in console.get("/console/", cookies).text
    page = console.get("/console/screening", cookies)
    assert page.status == 200 and "<h1>Screening report</h1>" in page.text
    # Started, reached an outcome (share), stopped.
    assert cells(page.text, "One question per sign") == ["1", "1 (100.0%)", "0"]
    assert cells(page.text, "Grouped") == ["2", "1 (50.0%)", "1"]
    assert cells(page.text, "which of these? (B2)") == ["—", "1 (50.0%)"]
    # Answered, yes, not sure: single, then grouped.
    assert cells(page.text, "chest pain") == ["1", "0.0% (0)", "0.0% (0)",
                                              "2", "50.0% (1)", "0.0% (0)"]  # fmt: skip
    assert cells(page.text, "fainting") == ["0", "—", "—", "2", "0.0% (0)", "0.0% (0)"]


def test_the_period_is_kept_in_the_url_and_the_csv_link(console: Console) -> None:
    cookies = console.login("ana")
    page = console.get("/console/screening?since=2026-11-01&until=2026-11-30", cookies).text
    assert 'name="since" value="2026-11-01"' in page and 'name="until" value="2026-11-30"' in page
    assert 'href="/console/screening.csv?since=2026-11-01&amp;until=2026-11-30"' in page
    assert cells(page, "Grouped") == ["1", "0 (0.0%)", "1"]  # December's left out
    assert cells(page, "chest pain")[3:] == ["1", "0.0% (0)", "0.0% (0)"]
    wrong = console.get("/console/screening?since=last+week", cookies)
    assert wrong.status == 400 and "Dates must look like 2026-11-21." in wrong.text
    assert console.get("/console/screening.csv?until=9999-12-31", cookies).status == 400


def test_the_csv_has_the_same_figures_and_is_audited(console: Console) -> None:
    cookies = console.login("ana")
    response = console.get("/console/screening.csv?since=2026-11-01&until=2026-11-30", cookies)
    assert response.status == 200 and response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = {(r["mode"], r["measure"], r["item"]): r for r in csv.DictReader(io.StringIO(
        response.text))}  # fmt: skip
    started = rows[("grouped", "conversations", "started")]
    assert (started["from"], started["to"], started["count"]) == ("2026-11-01", "2026-11-30", "1")
    assert rows[("grouped", "dropped_at", "which B2")]["share"] == "1.0000"
    assert rows[("single", "conversations", "reached_outcome")]["share"] == "1.0000"
    with console.session() as session:
        entries = [(e.username, e.action, e.detail) for e in list_audit(session)]
    assert ("ana", "exported_csv", "screening report") in entries
