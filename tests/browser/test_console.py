"""The staff console in a real browser: a consultation request made in a bot conversation is
found, followed up and exported by a member of staff who signs in."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

from playwright.sync_api import Browser, expect

from bot.intake.fhir import validate_r4
from bot.intake.fhir_questionnaire import walk
from bot.settings import ROOT
from tests.browser.conftest import ARTIFACTS
from tests.e2e.test_triage_conversation import answer_until_outcome, text_of
from tests.stack import Send, Stack

PASSWORD = "a long enough passphrase"


def add_staff_user(database_url: str, username: str) -> None:
    """The way a clinic creates accounts: the command line, password on standard input."""
    subprocess.run(
        [sys.executable, "-m", "bot.console.users", "add", username, "--password-stdin"],
        input=PASSWORD + "\n", text=True, check=True, capture_output=True, cwd=ROOT,
        env={**os.environ, "DATABASE_URL": database_url},
    )  # fmt: skip


def request_consultation(send: Send, sender: str) -> str:
    send(sender, "my lower back has hurt for 5 months, 6/10, physio didn't help")
    send(sender, "/deny")
    send(sender, "52")
    answer_until_outcome(send, sender, "/deny")
    send(sender, "/affirm")
    send(sender, "/affirm")
    send(sender, "Robin Diaz")
    send(sender, "robin@example.org")
    send(sender, "after 5pm")
    saved = text_of(send(sender, "/affirm"))  # the details read back are right
    found = re.search(r"SB-[0-9A-Z]{6}", saved)
    assert found, saved
    return found.group()


def test_staff_sign_in_open_a_bots_request_change_its_status_and_export_it(
    browser: Browser, live_stack: Stack, send: Send, database_url: str, tmp_path: Path
) -> None:
    reference = request_consultation(send, "browser-console")
    add_staff_user(database_url, "frontdesk")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))

    page.goto(live_stack.web_url + "/console/")
    expect(page).to_have_url(re.compile(r"/console/login$"))  # nothing without signing in
    page.get_by_label("Username").fill("frontdesk")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="People to contact")).to_be_visible()

    page.get_by_label("Reference or name").fill(reference)
    page.get_by_role("button", name="Show").click()
    page.get_by_role("link", name=reference).click()
    expect(page.get_by_role("heading", name=f"Consultation {reference}")).to_be_visible()
    contact = page.get_by_role("region", name="Contact")
    expect(contact).to_contain_text("Robin Diaz")
    expect(contact).to_contain_text("robin@example.org")
    transcript = page.locator(".transcript")
    expect(transcript).to_contain_text("physio didn't help")  # read from the tracker store
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "console-record.png"), full_page=True)

    page.get_by_label("Change status to").select_option("contacted")
    page.get_by_label("Note (optional)").fill("Left a message, will try again tomorrow")
    page.get_by_role("button", name="Save status").click()
    expect(page.get_by_role("status")).to_have_text("Status saved.")
    expect(page.locator("main > p.muted")).to_contain_text("status contacted")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download as FHIR QuestionnaireResponse").click()
    exported = tmp_path / "export.json"
    download_info.value.save_as(exported)
    resource = json.loads(exported.read_text())
    assert resource["resourceType"] == "QuestionnaireResponse"
    assert validate_r4(resource) == []
    # Issue 19: the export of a real conversation carries the age, contact details and reasons.
    found = {item["linkId"]: item for item in walk(resource["item"])}
    assert found["age"]["answer"] == [{"valueInteger": 52}]
    assert found["reasons"]["answer"] and found["level"]["answer"]
    (patient,) = resource["contained"]
    assert patient["name"] == [{"text": "Robin Diaz"}]
    assert {"system": "email", "value": "robin@example.org"} in patient["telecom"]

    # The list's CSV of the same request: one row with contact details, age and reasons.
    page.goto(f"{live_stack.web_url}/console/?q={reference}")
    with page.expect_download() as csv_info:
        page.get_by_role("link", name="Download this list as CSV").click()
    csv_path = tmp_path / "export.csv"
    csv_info.value.save_as(csv_path)
    [row] = [
        r for r in csv.DictReader(io.StringIO(csv_path.read_text())) if r["reference"] == reference
    ]
    assert (row["name"], row["email"], row["age"]) == ("Robin Diaz", "robin@example.org", "52")
    assert row["reasons"] and row["level"] == found["level"]["answer"][0]["valueCoding"]["code"]
    assert errors == []
    context.close()
