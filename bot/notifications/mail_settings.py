"""Where new-request e-mails go: clinic.yml's `notifications.email` section, credentials from the
environment (never from a file in the repository)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot import settings
from bot.clinic import ConfigError, read_clinic_file

USERNAME_VARIABLE = "SPINEBOT_SMTP_USERNAME"
PASSWORD_VARIABLE = "SPINEBOT_SMTP_PASSWORD"
# The first retry waits this long; each later one twice as long as the one before, up to the cap.
RETRY_VARIABLE = "SPINEBOT_NOTIFY_RETRY_SECONDS"
DEFAULT_RETRY_SECONDS = 30.0
MAX_RETRY_SECONDS = 900.0
# How often the web app looks for notifications to send.
POLL_VARIABLE = "SPINEBOT_NOTIFY_POLL_SECONDS"
DEFAULT_POLL_SECONDS = 15.0


@dataclass(frozen=True)
class EmailSettings:
    """An SMTP server and the intake address.

    `console_url` is the console's address as staff open it (the e-mail links a record below
    it). `starttls` upgrades the connection before signing in; `username` and `password` come
    from $SPINEBOT_SMTP_USERNAME and $SPINEBOT_SMTP_PASSWORD, both or neither.
    `retry_seconds` is the first retry's delay and `poll_seconds` the pause between the web
    app's looks for notifications to send, both in seconds.
    """

    host: str
    port: int
    sender: str
    recipients: tuple[str, ...]
    console_url: str
    starttls: bool = False
    username: str | None = None
    password: str | None = None
    timeout_seconds: float = 10.0
    retry_seconds: float = DEFAULT_RETRY_SECONDS
    poll_seconds: float = DEFAULT_POLL_SECONDS


def email_settings(
    path: Path | None = None, environ: Mapping[str, str] | None = None
) -> EmailSettings | None:
    """The clinic's e-mail settings, or None when clinic.yml has no `notifications.email`.

    Raises ConfigError naming the file and the field when a value is missing or malformed.
    """
    path = path or settings.clinic_file()
    env = os.environ if environ is None else environ
    section = read_clinic_file(path).get("notifications")
    if section is not None and not isinstance(section, dict):
        raise ConfigError(f"{path}: notifications must be a mapping")
    if section is None or section.get("email") is None:
        return None
    email = section["email"]
    if not isinstance(email, dict):
        raise ConfigError(f"{path}: notifications.email must be a mapping")
    username, password = _credentials(path, env)
    return EmailSettings(
        host=_text(path, email, "smtp_host"),
        port=_port(path, email.get("smtp_port", 25)),
        sender=_address(path, "sender", email.get("sender")),
        recipients=_recipients(path, email.get("recipients")),
        console_url=_text(path, email, "console_url").rstrip("/") + "/",
        starttls=bool(email.get("starttls", False)),
        username=username,
        password=password,
        retry_seconds=_seconds(env, RETRY_VARIABLE, DEFAULT_RETRY_SECONDS),
        poll_seconds=_seconds(env, POLL_VARIABLE, DEFAULT_POLL_SECONDS),
    )


def _text(path: Path, section: dict[str, Any], name: str) -> str:
    value = section.get(name)
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{path}: notifications.email.{name} must be a non-empty string")
    return value.strip()


def _port(path: Path, value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 < value < 65536:
        raise ConfigError(f"{path}: notifications.email.smtp_port must be a port number")
    return value


def _address(path: Path, name: str, value: object) -> str:
    if not isinstance(value, str) or value.count("@") != 1 or value.strip() != value:
        raise ConfigError(f"{path}: notifications.email.{name} must be one e-mail address")
    return value


def _recipients(path: Path, value: object) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not items:
        raise ConfigError(f"{path}: notifications.email.recipients must list e-mail addresses")
    return tuple(_address(path, "recipients", item) for item in items)


def _credentials(path: Path, env: Mapping[str, str]) -> tuple[str | None, str | None]:
    username, password = env.get(USERNAME_VARIABLE) or None, env.get(PASSWORD_VARIABLE) or None
    if (username is None) != (password is None):
        raise ConfigError(
            f"{path}: set both {USERNAME_VARIABLE} and {PASSWORD_VARIABLE} for the mail server, "
            "or neither"
        )
    return username, password


def _seconds(env: Mapping[str, str], variable: str, default: float) -> float:
    raw = env.get(variable)
    if not raw:
        return default
    try:
        seconds = float(raw)
    except ValueError:
        raise ConfigError(f"{variable} must be a number of seconds") from None
    if not 0 < seconds <= MAX_RETRY_SECONDS:
        raise ConfigError(f"{variable} must be between 0 and {MAX_RETRY_SECONDS:g} seconds")
    return seconds
