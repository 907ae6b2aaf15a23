"""Storing a frozen dataclass as a database row, for the modules that build one and keep both.

The staff notes (bot/records/workflow.py) and the audit log (bot/console/audit.py) each make a
frozen dataclass to hand back and a row with the same fields to store; `add_row` does the second
step for both, so the field list is written once, in the dataclass.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from sqlalchemy.orm import Session


def add_row(session: Session, model: Callable[..., Any], values: Any, **columns: Any) -> None:
    """Add a `model` row whose columns are the fields of the dataclass `values` (plus any given
    as `columns`), and flush, so a database error is raised by this call.

    Raises:
        TypeError: a field of `values` (or a name in `columns`) is not a column of `model`.
        sqlalchemy.exc.SQLAlchemyError: the database refused the row.

    """
    session.add(model(**asdict(values), **columns))
    session.flush()
