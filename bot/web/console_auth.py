"""Signing in to and out of the staff console, and the `signed_in` guard on every other route.

The sign-in form carries a one-time token in a cookie of its own (there is no session yet to
hold a CSRF token); sign-in is rate-limited per username and per address (bot/console/users.py);
a signed-in staff member's cookie names a session kept in the database
(bot/web/staff_sessions.py), checked on every request against the account, so deactivating or
demoting someone takes effect on their open session at once.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, replace
from datetime import timedelta
from functools import wraps
from typing import Any

from sanic import Blueprint, Request
from sanic.response import HTTPResponse, redirect
from sqlalchemy.orm import Session

from bot.console import users
from bot.console.audit import record_audit
from bot.web.console import error_page, form, in_transaction, now, page, services
from bot.web.staff_sessions import (
    COOKIE,
    StaffSession,
    csrf_matches,
    end_session,
    end_sessions_of,
    resume_session,
    start_session,
)

LOGIN_COOKIE = "spinebot_login"

Handler = Callable[..., Coroutine[Any, Any, HTTPResponse]]

auth = Blueprint("console_auth", url_prefix="/console")


@dataclass(frozen=True)
class SignIn:
    """What a sign-in attempt came to: a session token, or a refusal with its status and words."""

    token: str | None = None  # the new session's cookie value; None when refused
    status: int = 302
    error: str | None = None


TOO_MANY_ATTEMPTS = SignIn(status=429, error="Too many attempts. Wait 15 minutes and try again.")
WRONG_CREDENTIALS = SignIn(status=401, error="Wrong username or password.")


def current_staff(session: Session, token: str | None, idle: timedelta) -> StaffSession | None:
    """The live session for the cookie token, with the account's role as it is now; None (and
    every session of the account ended) if the account was deactivated meanwhile."""
    staff = resume_session(session, token, now(), idle)
    if staff is None:
        return None
    account = users.get_user(session, staff.username)
    if account is None or not account.active:
        end_sessions_of(session, staff.username)
        return None
    return replace(staff, role=account.role)  # a role change counts now


def signed_in(admin: bool = False) -> Callable[[Handler], Handler]:
    """Require a live session (and, with `admin`, the admin role); check CSRF on every POST.

    The handler is called as `handler(request, staff, *route_args)`. Without a session the
    browser is sent to the sign-in page; a staff member on an admin page, or a POST without the
    session's CSRF token, gets a 403 page.
    """

    def decorate(handler: Handler) -> Handler:
        @wraps(handler)
        async def guarded(request: Request, *args: Any, **kwargs: Any) -> HTTPResponse:
            token = request.cookies.get(COOKIE)
            idle = services(request).config.idle_timeout
            staff = await in_transaction(request, lambda s: current_staff(s, token, idle))
            if staff is None:
                return redirect("/console/login")
            request.ctx.staff = staff
            if admin and not staff.is_admin:
                return error_page(request, 403, "Not allowed", "This page is for administrators.")
            if request.method == "POST" and not csrf_matches(staff, form(request, "csrf_token")):
                return error_page(request, 403, "Form expired", "Reload the page and try again.")
            return await handler(request, staff, *args, **kwargs)

        return guarded

    return decorate


def client_address(request: Request) -> str:
    """The peer address (the app runs behind a proxy only via its forwarded-for setting)."""
    return str(request.remote_addr or request.ip or "unknown")[:64]


def set_cookie(
    response: HTTPResponse,
    name: str,
    value: str,
    secure: bool,
    path: str,
    max_age: int | None = None,
) -> None:
    """Set an HttpOnly, SameSite=Strict cookie on `path` (Secure over HTTPS); `max_age` in
    seconds, 0 to delete it, None for a browser-session cookie."""
    response.cookies[name] = value
    cookie = response.cookies[name]
    if max_age is not None:
        cookie["max-age"] = max_age
    cookie["httponly"] = True
    cookie["samesite"] = "Strict"
    cookie["path"] = path
    if secure:
        cookie["secure"] = True


def login_page(
    request: Request, error: str | None = None, username: str = "", status: int = 200
) -> HTTPResponse:
    """The sign-in form with a fresh one-time token, in the page and in its own cookie."""
    token = secrets.token_urlsafe(24)
    values = {"csrf_token": token, "error": error, "username": username}
    response = page(request, "console/login.html", status, **values)
    secure = services(request).config.secure_cookies
    set_cookie(response, LOGIN_COOKIE, token, secure, path="/console/login")
    return response


def sign_in(session: Session, username: str, password: str, address: str) -> SignIn:
    """Check the rate limit and the password (scrypt: call it off the event loop), start a
    session if both pass, and audit the attempt whatever it came to."""
    if not users.login_allowed(session, username, address, now()):
        record_audit(session, username or None, "login_blocked", None, "rate limit")
        return TOO_MANY_ATTEMPTS
    user = users.authenticate(session, username, password, address, now())
    if user is None:
        record_audit(session, username or None, "login_failed")
        return WRONG_CREDENTIALS
    token = start_session(session, user.username, user.role, now())
    record_audit(session, user.username, "login")
    return SignIn(token=token)


@auth.get("/login")
async def login_form(request: Request) -> HTTPResponse:
    """GET /console/login: the sign-in form."""
    request.ctx.staff = None
    return login_page(request)


@auth.post("/login")
async def login(request: Request) -> HTTPResponse:
    """POST /console/login: sign in and go to the queue, or the form again with the reason."""
    request.ctx.staff = None
    submitted = form(request, "csrf_token")
    expected = request.cookies.get(LOGIN_COOKIE)
    if not (submitted and expected and secrets.compare_digest(submitted, expected)):
        return login_page(request, "The sign-in form expired. Please try again.", status=403)
    username = form(request, "username").strip()[:64]
    password = form(request, "password")[:1024]
    address = client_address(request)
    outcome = await in_transaction(request, lambda s: sign_in(s, username, password, address))
    if outcome.token is None:
        return login_page(request, outcome.error, username, status=outcome.status)
    response = redirect("/console/")
    secure = services(request).config.secure_cookies
    set_cookie(response, COOKIE, outcome.token, secure, path="/console")
    return response


@auth.post("/logout")
@signed_in()
async def logout(request: Request, staff: StaffSession) -> HTTPResponse:
    """POST /console/logout: end this session and go to the sign-in page."""

    def end(session: Session) -> None:
        end_session(session, request.cookies.get(COOKIE))
        record_audit(session, staff.username, "logout")

    await in_transaction(request, end)
    response = redirect("/console/login")
    secure = services(request).config.secure_cookies
    set_cookie(response, COOKIE, "", secure, path="/console", max_age=0)
    return response
