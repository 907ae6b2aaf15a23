"""The notification outbox: written with the request, sent when the mail server answers.

`enqueue` adds a row in the caller's session, so the notification exists exactly when the request
does (same transaction). `deliver_due` sends the rows whose time has come, one transaction per row:
a sent row gets `sent_at`, a failed one waits `retry_seconds`, then twice as long each time
(capped at 15 minutes), and is never given up on. On PostgreSQL the rows are claimed with
SKIP LOCKED, so several web app instances never send the same one twice.
"""

from __future__ import annotations

import asyncio
import logging
import smtplib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage

from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from bot.db.clock import as_utc, utc_now
from bot.db.models import Notification
from bot.db.session import session_factory
from bot.notifications.mail_settings import MAX_RETRY_SECONDS, EmailSettings
from bot.notifications.message import band_of, compose

log = logging.getLogger(__name__)

BATCH = 50  # rows claimed per pass; the rest wait for the next pass
Send = Callable[[EmailSettings, EmailMessage], None]


def enqueue(session: Session, reference: str, level: str | None) -> None:
    """Add the notification of a new request (its reference and stored level value, or None)."""
    now = utc_now()
    session.add(
        Notification(
            reference=reference,
            band=band_of(level),
            created_at=now,
            next_attempt_at=now,
            attempts=0,
        )
    )


def send_smtp(settings: EmailSettings, message: EmailMessage) -> None:
    """Hand one message to the SMTP server; raises OSError or smtplib.SMTPException on failure."""
    with smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout_seconds) as smtp:
        if settings.starttls:
            smtp.starttls()
        if settings.username is not None and settings.password is not None:
            smtp.login(settings.username, settings.password)
        smtp.send_message(message)


@dataclass(frozen=True)
class Delivery:
    """What one pass did: messages sent, sends that failed (to be retried) and rows still waiting
    for a later attempt."""

    sent: int = 0
    failed: int = 0
    waiting: int = 0


def retry_delay(settings: EmailSettings, attempts: int) -> timedelta:
    """How long to wait after the `attempts`-th failure (1, 2, ...): doubling, capped."""
    seconds = settings.retry_seconds * 2 ** min(attempts - 1, 30)
    return timedelta(seconds=min(seconds, MAX_RETRY_SECONDS))


def deliver_due(
    engine: Engine,
    settings: EmailSettings,
    send: Send = send_smtp,
    now: Callable[[], datetime] = utc_now,
) -> Delivery:
    """Send every notification due by now; never raises for a failed send (it is logged with
    the reference and the exception's type only, and retried later)."""
    sessions = session_factory(engine)
    sent = failed = 0
    with sessions() as session:
        due = list(
            session.execute(
                select(Notification.id)
                .where(Notification.sent_at.is_(None), Notification.next_attempt_at <= now())
                .order_by(Notification.id)
                .limit(BATCH)
            ).scalars()
        )
    for row_id in due:
        with sessions() as session, session.begin():
            row = session.execute(
                select(Notification)
                .where(Notification.id == row_id, Notification.sent_at.is_(None))
                .with_for_update(skip_locked=True)
            ).scalar_one_or_none()
            if row is None:  # another instance has it, or sent it meanwhile
                continue
            try:
                send(settings, compose(settings, row.reference, row.band))
            except (OSError, smtplib.SMTPException) as error:
                row.attempts += 1
                row.last_error = type(error).__name__
                row.next_attempt_at = now() + retry_delay(settings, row.attempts)
                failed += 1
                log.warning(
                    "notification of %s not sent (%s), attempt %d; next try after %s",
                    row.reference,
                    type(error).__name__,
                    row.attempts,
                    as_utc(row.next_attempt_at).isoformat(timespec="seconds"),
                )
            else:
                row.sent_at = now()
                sent += 1
    with sessions() as session:
        waiting = session.execute(
            select(func.count(Notification.id)).where(Notification.sent_at.is_(None))
        ).scalar_one()
    return Delivery(sent=sent, failed=failed, waiting=waiting)


async def deliver_forever(engine: Engine, settings: EmailSettings) -> None:
    """Send what is due every `settings.poll_seconds` until cancelled (the web app runs this in
    the background). The database or mail work runs in a worker thread; a pass that fails as a
    whole (the database down) is logged by the exception's type and tried again next time."""
    while True:
        try:
            await asyncio.to_thread(deliver_due, engine, settings)
        except Exception as error:  # noqa: BLE001 - the loop must outlive any one failed pass
            log.error("notification pass failed (%s)", type(error).__name__)
        await asyncio.sleep(settings.poll_seconds)
