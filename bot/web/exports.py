"""What the console hands out: records as CSV (one row per record) and a record as FHIR.

The CSV's columns are CSV_COLUMNS. Numbers (age in years, pain score 0-10, duration in days) are
left empty when the person did not give them; text columns say "not asked" or "not given"
instead (`bot.records.facts`). Lists are joined: warning signs, treatments and recommendations
with "; ", reasons (sentences) with " | ". Every cell a spreadsheet would run as a formula is
neutralised (`_cell`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import asdict

from bot.intake.fhir import questionnaire_json, questionnaire_response_json
from bot.records.facts import duration_words, radiation_words, screening_mode_words, words
from bot.records.queue import RecordDetail
from bot.records.triage_summary import TriageSummary
from bot.records.warning_sign_answers import Answer, answered, screening_answers
from bot.web.console import LEVEL_WORDS

__all__ = ["CSV_COLUMNS", "fhir_json", "questionnaire_json", "records_csv"]

CSV_COLUMNS = (
    "reference",
    "kind",
    "status",
    "created_at",
    "urgency",
    "level",
    "name",
    "phone",
    "email",
    "contact_time",
    "consent_given_at",
    "age",
    "region",
    "pain_score",
    "duration_days",
    "duration",
    "radiation",
    "warning_signs_yes",
    "warning_signs_not_sure",
    "warning_signs_cleared",
    "warning_sign_questions_answered",
    "reasons",
    "recommendations",
    "treatments_tried",
    "screening_mode",
)
NOT_ASSESSED = "not assessed"
# A cell a spreadsheet would run as a formula (a name typed into the chat as "=HYPERLINK(...)")
# is prefixed with an apostrophe, so it is shown as text (OWASP, CSV injection). A phone number
# stored as "+1555..." is prefixed too, which also keeps a spreadsheet from reading it as a number.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> str:
    """A CSV cell: None as empty, a would-be formula prefixed with an apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _whole(value: float | None) -> int | None:
    """A stored number as a whole number (slots may hold 67.0); None stays None."""
    return None if value is None else int(value)


def _warning_signs(summary: TriageSummary) -> list[object]:
    """The warning signs answered yes, not sure and cleared (each list of keys in words), and
    how many questions were answered, as the four warning-sign cells."""
    answers = screening_answers(summary)
    cells: list[object] = [
        "; ".join(words(item.flag) for item in answers if item.answer is wanted)
        for wanted in (Answer.YES, Answer.NOT_SURE, Answer.CLEARED)
    ]
    return [*cells, answered(answers)]


def _row(record: RecordDetail) -> list[str]:
    """One record as the cells of CSV_COLUMNS."""
    summary = record.summary
    level = record.level or summary.level
    consent = record.consent_given_at
    days = _whole(summary.duration_days)
    values: list[object] = [
        record.reference,
        record.kind,
        record.status,
        record.created_at.isoformat(timespec="seconds"),
        LEVEL_WORDS.get(level or "", NOT_ASSESSED),
        level,
        record.name,
        record.phone,
        record.email,
        record.contact_time,
        consent.isoformat(timespec="seconds") if consent else None,
        _whole(summary.age),
        words(summary.region),
        _whole(summary.pain_score),
        days,
        duration_words(days),
        radiation_words(summary.radiation),
        *_warning_signs(summary),
        " | ".join(summary.reasons),
        "; ".join(summary.recommendations),
        "; ".join(words(key) for key in summary.treatments_tried),
        screening_mode_words(summary.screening_mode),
    ]
    return [_cell(value) for value in values]


def records_csv(records: Iterable[RecordDetail]) -> str:
    """Records as CSV text: a header of CSV_COLUMNS, then one row per record, CRLF lines, every
    cell a spreadsheet would run as a formula neutralised. Times are ISO 8601 in UTC."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for record in records:
        writer.writerow(_row(record))
    return out.getvalue()


def fhir_json(detail: RecordDetail) -> str:
    """The record as a FHIR R4 QuestionnaireResponse (bot/intake/fhir.py), as JSON text."""
    return questionnaire_response_json(asdict(detail))
