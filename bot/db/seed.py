"""Seed the treatment table from the content file, idempotently (upsert by key).

Run `python -m bot.db.seed` (or `make seed`); running it twice changes nothing.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from bot import settings
from bot.clinic import Clinic, ConfigError, load_clinic
from bot.db.content import TreatmentInfo, load_treatments
from bot.db.models import Treatment, TreatmentRegion
from bot.db.session import create_schema, default_engine


@dataclass(frozen=True)
class SeedReport:
    """How many treatment rows one seeding inserted, updated, left unchanged and removed."""

    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0

    @property
    def changed(self) -> bool:
        """True when the seeding wrote anything."""
        return bool(self.inserted or self.updated or self.removed)


def _columns(entry: TreatmentInfo, position: int, offered: bool) -> dict[str, object]:
    """The row's columns but its key and regions: every other field of the entry (a column of the
    same name), its position in the content file, and whether the clinic offers it."""
    columns: dict[str, object] = asdict(replace(entry, offered=offered))
    del columns["key"], columns["regions"]
    return {"position": position, **columns}


def _same(row: Treatment, columns: dict[str, object], regions: tuple[str, ...]) -> bool:
    current = tuple(sorted(r.region for r in row.regions))
    return current == regions and all(getattr(row, k) == v for k, v in columns.items())


def seed_treatments(
    session: Session, entries: Iterable[TreatmentInfo], clinic: Clinic
) -> SeedReport:
    """Make the table equal to the entries, touching only rows that differ (upsert by key, in the
    entries' order; `offered` from the clinic's `offers`). Flushes, does not commit.

    Raises:
        ConfigError: the clinic offers a key the entries do not have.

    """
    entries = list(entries)
    unknown = clinic.offers - {entry.key for entry in entries}
    if unknown:
        raise ConfigError(f"clinic offers unknown treatment keys: {', '.join(sorted(unknown))}")
    existing = {row.key: row for row in session.execute(select(Treatment)).scalars()}
    inserted = updated = unchanged = 0
    for position, entry in enumerate(entries):
        columns = _columns(entry, position, entry.key in clinic.offers)
        row = existing.pop(entry.key, None)
        if row is None:
            row = Treatment(key=entry.key, **columns)
            row.regions = [TreatmentRegion(region=region) for region in entry.regions]
            session.add(row)
            inserted += 1
        elif _same(row, columns, entry.regions):
            unchanged += 1
        else:
            for name, value in columns.items():
                setattr(row, name, value)
            row.regions = [TreatmentRegion(region=region) for region in entry.regions]
            updated += 1
    for row in existing.values():
        session.delete(row)
    session.flush()
    return SeedReport(inserted, updated, unchanged, removed=len(existing))


def ensure_seeded(engine: Engine) -> SeedReport:
    """Create missing tables and bring the treatment table up to date with the content file and
    the clinic file, in one transaction.

    Raises:
        ConfigError: the content or clinic file is unreadable or invalid.

    """
    create_schema(engine)
    entries = load_treatments(settings.treatments_file())
    clinic = load_clinic()
    with Session(engine, future=True) as session, session.begin():
        return seed_treatments(session, entries, clinic)


def main() -> int:
    """Seed the configured database and print the counts; exit status 0, or 2 on a bad file."""
    try:
        report = ensure_seeded(default_engine())
    except ConfigError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(
        f"treatments: {report.inserted} inserted, {report.updated} updated, "
        f"{report.unchanged} unchanged, {report.removed} removed"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
