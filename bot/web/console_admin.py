"""The staff console's pages for administrators: staff accounts and the audit log.

Every handler is wrapped in `signed_in(admin=True)` (bot/web/console_auth.py): a staff member
who is not an administrator gets a 403 page. Account creation hashes the password with scrypt,
so it runs in a worker thread with the rest of the transaction (bot/web/console.py).
"""

from __future__ import annotations

from sanic import Blueprint, Request
from sanic.response import HTTPResponse, redirect
from sqlalchemy.orm import Session

from bot.console import users
from bot.console.audit import list_audit, record_audit
from bot.web.console import form, in_transaction, now, page
from bot.web.console_auth import signed_in
from bot.web.staff_sessions import StaffSession

AUDIT_PAGE = 500  # newest entries shown

admin = Blueprint("console_admin", url_prefix="/console")


@admin.get("/users")
@signed_in(admin=True)
async def staff_list(request: Request, staff: StaffSession) -> HTTPResponse:
    """GET /console/users: the staff accounts, with the form to add one (admins only)."""
    accounts = await in_transaction(request, users.list_users)
    return page(request, "console/users.html", users=accounts)


def _create_user(session: Session, username: str, password: str, role: str, by: str) -> None:
    """Create the account (scrypt: call it off the event loop) and audit it (UserError)."""
    users.create_user(session, username, password, role, now())
    record_audit(session, by, "user_created", None, f"{username} ({role})")


@admin.post("/users")
@signed_in(admin=True)
async def add_user(request: Request, staff: StaffSession) -> HTTPResponse:
    """POST /console/users: add a staff account, or the list again with the reason (400)."""
    username, role = form(request, "username").strip(), form(request, "role")
    password = form(request, "password")
    try:
        await in_transaction(
            request, lambda s: _create_user(s, username, password, role, staff.username)
        )
    except users.UserError as error:
        accounts = await in_transaction(request, users.list_users)
        return page(request, "console/users.html", 400, users=accounts, error=str(error))
    return redirect("/console/users")


@admin.get("/audit")
@signed_in(admin=True)
async def audit_log(request: Request, staff: StaffSession) -> HTTPResponse:
    """GET /console/audit[?reference=...]: the newest AUDIT_PAGE audit entries (admins only)."""
    reference = request.args.get("reference")
    entries = await in_transaction(
        request, lambda s: list_audit(s, reference=reference, limit=AUDIT_PAGE)
    )
    return page(request, "console/audit.html", entries=entries)
