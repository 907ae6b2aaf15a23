"""What the console hands out: the queue as CSV, a record as FHIR, screening answers as rows."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import asdict

from bot.intake.fhir import questionnaire_json, questionnaire_response_json, screening_question
from bot.records.queue import QueueItem, RecordDetail
from bot.records.triage_summary import TriageSummary

__all__ = ["fhir_json", "questionnaire_json", "queue_csv", "screening_answers"]

CSV_COLUMNS = ("reference", "kind", "level", "status", "created_at", "name", "contact_time")
# A cell a spreadsheet would run as a formula (a name typed into the chat as "=HYPERLINK(...)")
# is prefixed with an apostrophe, so it is shown as text (OWASP, CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def queue_csv(items: Iterable[QueueItem]) -> str:
    """The queue as CSV text (CSV_COLUMNS, CRLF lines), cells a spreadsheet would run as a
    formula neutralised."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for item in items:
        writer.writerow(
            [
                _cell(item.reference),
                _cell(item.kind),
                _cell(item.level),
                _cell(item.status),
                item.created_at.isoformat(timespec="seconds"),
                _cell(item.name),
                _cell(item.contact_time),
            ]
        )
    return out.getvalue()


def screening_answers(summary: TriageSummary) -> list[tuple[str, str]]:
    """Each warning-sign question asked, with the person's answer, in the order asked."""
    asked = list(summary.answered_flags)
    for flag in (*summary.red_flags, *summary.unsure_flags):
        if flag not in asked:
            asked.append(flag)  # volunteered, or answered before the list was kept
    rows = []
    for flag in asked:
        if flag in summary.unsure_flags:
            answer = "not sure (counted as yes)"
        elif flag in summary.red_flags:
            answer = "yes"
        else:
            answer = "no"
        rows.append((screening_question(flag), answer))
    return rows


def fhir_json(detail: RecordDetail) -> str:
    """The record as a FHIR R4 QuestionnaireResponse (bot/intake/fhir.py)."""
    return questionnaire_response_json(asdict(detail))
