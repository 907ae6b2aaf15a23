"""The urgency band of a request and the e-mail that announces it.

The e-mail may travel unencrypted and sit in shared inboxes, so it holds no health information:
the reference, the request's kind (consultation or callback), an urgency band and a link to the
console, where signed-in staff see the rest. Not the person's name, words, symptoms or level.
"""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import make_msgid

from bot.notifications.mail_settings import EmailSettings
from bot.triage.levels import Level

# Three bands and "not assessed" (a request made before any triage), coarser than the six levels
# of the triage contract (CLINICAL.md §0.2): enough to decide which e-mail to open first.
URGENT, SOON, ROUTINE, NOT_ASSESSED = "urgent", "soon", "routine", "not assessed"
BANDS = (URGENT, SOON, ROUTINE, NOT_ASSESSED)


def band_of(level: str | None) -> str:
    """The band of a stored level value (a `Level` value, or None before any triage).

    L1-L3 are urgent (the levels that interrupt the conversation), L4 soon, L5-L6 routine; an
    unknown value is "not assessed" rather than an error, so a request is always announced.
    """
    try:
        known = Level(level) if level is not None else None
    except ValueError:
        known = None
    if known is None:
        return NOT_ASSESSED
    if known.is_urgent:
        return URGENT
    return SOON if known is Level.DOCTOR_SOON else ROUTINE


def record_url(settings: EmailSettings, reference: str) -> str:
    """The console page of a record: `console_url` + records/<reference>."""
    return f"{settings.console_url}records/{reference}"


def compose(settings: EmailSettings, reference: str, band: str) -> EmailMessage:
    """The e-mail for one new request, or one a later triage made urgent; `band` is one of
    BANDS (ValueError otherwise)."""
    if band not in BANDS:
        raise ValueError(f"unknown urgency band {band!r}")
    message = EmailMessage()
    message["Subject"] = f"Request {reference} waiting ({band})"
    message["From"] = settings.sender
    message["To"] = ", ".join(settings.recipients)
    message["Message-ID"] = make_msgid(idstring=reference)
    message.set_content(
        "A request is waiting in the intake console: new, or now more urgent after the\n"
        "person's triage.\n"
        "\n"
        f"Reference:    {reference}\n"
        f"Urgency band: {band}\n"
        f"Open it:      {record_url(settings, reference)}\n"
        "\n"
        "The details are in the console, for signed-in staff only. This e-mail carries no\n"
        "health information; please do not forward it with any added.\n"
    )
    return message
