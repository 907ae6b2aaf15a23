"""Consultation and callback requests the database could not take are kept, not lost.

When the database is unavailable as a request is saved, the request is written to its own file
in `$SPINEBOT_DATA_DIR/pending-requests` (JSON, readable by the service's user only, written
atomically), under the reference number the person was given. Every later save by the bot first
delivers what is waiting, and `python -m bot.records.pending` delivers it on demand (or from
cron) and says how many requests are still waiting. Delivery is idempotent: a request whose
reference is already in the database (saved, then the file could not be removed) is not saved
twice; a request whose reference another record took is never refiled under a new one but set
aside in `pending-requests/failed/` with an error in the log, as is one the database refuses.

`python -m bot.records.pending [--list]` exits 0 when nothing is left waiting, 1 when requests
are still waiting (the database is still unavailable), 2 on a bad argument.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import os
import sys
import tempfile
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import InterfaceError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session

from bot import settings
from bot.db.clock import as_utc
from bot.db.models import IntakeRecord, TriageRecord
from bot.records.intake_records import IntakeRequest, save_request
from bot.records.triage_summary import TriageSummary, summary_from_json

log = logging.getLogger(__name__)


def pending_dir() -> Path:
    """The folder of requests waiting for the database: `$SPINEBOT_DATA_DIR/pending-requests`."""
    return settings.data_dir() / "pending-requests"


def _to_json(request: IntakeRequest, reference: str) -> str:
    raw: dict[str, Any] = asdict(request)
    raw["consent_given_at"] = request.consent_given_at.isoformat()
    return json.dumps({"reference": reference, "request": raw}, sort_keys=True)


def _from_json(text: str) -> tuple[str, IntakeRequest]:
    raw = json.loads(text)
    fields = dict(raw["request"])
    summary: dict[str, Any] = {
        key: tuple(value) if isinstance(value, list) else value
        for key, value in fields.pop("summary").items()
    }
    fields["consent_given_at"] = datetime.fromisoformat(fields["consent_given_at"])
    return str(raw["reference"]), IntakeRequest(summary=TriageSummary(**summary), **fields)


def keep(request: IntakeRequest, reference: str, directory: Path | None = None) -> Path:
    """Write the request to its own file (mode 0600, atomically). Raises OSError if it cannot."""
    folder = directory or pending_dir()
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    target = folder / f"{reference}.json"
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".incoming-", suffix=".json")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(_to_json(request, reference))
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target


def waiting(directory: Path | None = None) -> list[Path]:
    """The waiting requests' files, by reference (not those set aside in failed/)."""
    folder = directory or pending_dir()
    if not folder.is_dir():
        return []
    return sorted(folder.glob("SB-*.json"))


@dataclass(frozen=True)
class Delivery:
    """What a delivery did: requests saved, and requests still waiting after it."""

    delivered: int
    waiting: int


class ReferenceTaken(Exception):
    """A kept request's reference belongs to another conversation's record."""


def _with_later_triage(session: Session, request: IntakeRequest) -> IntakeRequest:
    """The request with the summary of its conversation's triage when that triage was saved
    after the request was kept (the triage could not link a request the database did not yet
    hold, bot/records/triage_records.py); otherwise the request as kept."""
    triage = session.execute(
        select(TriageRecord.summary, TriageRecord.updated_at).where(
            TriageRecord.conversation_id == request.conversation_id
        )
    ).first()
    if triage is None or as_utc(triage.updated_at) < as_utc(request.consent_given_at):
        return request
    return dataclasses.replace(request, summary=summary_from_json(triage.summary))


def _deliver_one(session: Session, reference: str, request: IntakeRequest) -> None:
    existing = session.execute(
        select(IntakeRecord.conversation_id).where(IntakeRecord.reference == reference)
    ).first()
    if existing is None:
        save_request(session, _with_later_triage(session, request), reference=reference)
    elif existing[0] != request.conversation_id:
        # The person was told this reference: never file their request under another one.
        raise ReferenceTaken(reference)


def _set_aside(path: Path, why: str) -> None:
    """Move a request that can never be delivered as it is to failed/, for a person to look at."""
    failed = path.parent / "failed"
    failed.mkdir(exist_ok=True, mode=0o700)
    path.replace(failed / path.name)
    log.error("pending request %s set aside in %s: %s", path.stem, failed, why)


def deliver(engine: Engine, directory: Path | None = None) -> Delivery:
    """Save every waiting request. The database unreachable: stop, the rest keep waiting. A
    request that cannot be saved as it is (unreadable, its reference taken, refused by the
    database): set aside in failed/ so it does not block the others, and logged."""
    delivered = 0
    for path in waiting(directory):
        try:
            reference, request = _from_json(path.read_text(encoding="utf-8"))
        except (OSError, ValueError, KeyError, TypeError) as error:
            _set_aside(path, f"unreadable ({type(error).__name__})")
            continue
        try:
            with Session(engine, future=True) as session, session.begin():
                _deliver_one(session, reference, request)
        except (OperationalError, InterfaceError) as error:
            log.warning("pending requests not delivered yet: %s", type(error).__name__)
            break
        except (SQLAlchemyError, ReferenceTaken) as error:
            _set_aside(path, type(error).__name__)
            continue
        try:
            path.unlink()
        except OSError as error:  # saved; delivering it again later is harmless (idempotent)
            log.warning("delivered request %s not removed: %s", path.stem, type(error).__name__)
        delivered += 1
    return Delivery(delivered, len(waiting(directory)))


def main(argv: list[str] | None = None) -> int:
    """`python -m bot.records.pending [--list]`: exit 0 nothing waiting, 1 some still waiting,
    2 bad argument."""
    parser = argparse.ArgumentParser(
        prog="python -m bot.records.pending",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--list", action="store_true", help="only list the waiting references")
    args = parser.parse_args(argv)
    if args.list:
        files = waiting()
        for path in files:
            print(path.stem)
        print(f"{len(files)} request(s) waiting in {pending_dir()}")
        return 1 if files else 0
    from bot.db.session import ready_engine

    try:
        engine = ready_engine()
    except SQLAlchemyError as error:
        still = len(waiting())
        print(
            f"database unavailable ({type(error).__name__}); {still} request(s) still waiting",
            file=sys.stderr,
        )
        return 1
    result = deliver(engine)
    print(f"{result.delivered} delivered, {result.waiting} still waiting")
    failed = sorted((pending_dir() / "failed").glob("*.json"))
    if failed:
        print(f"{len(failed)} set aside for a person to look at: {pending_dir() / 'failed'}")
    return 1 if result.waiting else 0


if __name__ == "__main__":
    sys.exit(main())
