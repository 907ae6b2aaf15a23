"""Try one case without the chat: `python -m bot.triage < case.json` prints one JSON result.

Input keys: region, duration_days, pain_score, age, red_flags, screening_complete,
treatments_tried, and optionally radiation, unsure and answered (see README). Bad input exits 2
with a one-line message naming the field; any other failure exits 1 with a one-line message.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from bot.care import care_plan
from bot.clinic import ConfigError
from bot.db.queries import pathway_steps
from bot.db.seed import ensure_seeded
from bot.db.session import default_engine
from bot.triage import triage
from bot.triage.parse import CaseError, parse_case


def run(text: str) -> dict[str, Any]:
    """Assess the JSON case in `text` against the configured database, seeding it first.

    Returns the result as a JSON-ready dict (level, reasons, recommendations, ...: see README).

    Raises:
        CaseError: the text is not JSON or the case is invalid (the message names the field).
        ConfigError: the clinic or content file is invalid.
        SQLAlchemyError: the database cannot be reached.

    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise CaseError(
            "case", f"malformed JSON at line {error.lineno} column {error.colno}"
        ) from None
    engine = default_engine()
    ensure_seeded(engine)
    with Session(engine, future=True) as session:
        case = parse_case(data, pathway_steps(session))
        assessment = triage(case)
        plan = care_plan(session, case, assessment)
    return {
        "level": assessment.level.value,
        "level_rank": assessment.level.rank,
        "interrupt": assessment.interrupt,
        "reasons": [str(reason) for reason in assessment.reasons],
        "rules": [reason.rule for reason in assessment.reasons],
        "recommendations": [t.key for t in plan.recommendations],
        "consultation_topics": [t.key for t in plan.consultation_topics],
        "pending_questions": [flag.value for flag in assessment.pending_questions],
        "screening_complete": assessment.screening_complete,
        "duration_category": assessment.duration_category.value,
        "pain_band": assessment.pain_band.value,
        "pathway_step": assessment.pathway_step,
        "disclaimer": True,
    }


def main() -> int:
    """Read a case from standard input and print its result as JSON.

    Returns the exit status: 0, 2 for bad input, 1 for a configuration, database or other error;
    each error is one line on standard error, never a traceback.
    """
    try:
        result = run(sys.stdin.read())
    except CaseError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except ConfigError as error:
        print(f"error: configuration: {error}", file=sys.stderr)
        return 1
    except SQLAlchemyError as error:
        print(f"error: database unavailable ({type(error).__name__})", file=sys.stderr)
        return 1
    except Exception as error:  # noqa: BLE001 - a clinician sees one line, never a traceback
        print(f"error: unexpected {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    json.dump(result, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
