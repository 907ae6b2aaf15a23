"""What the web app needs to know, from the environment with local defaults."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from bot import settings
from bot.clinic import Clinic, load_clinic
from bot.notifications.mail_settings import EmailSettings, email_settings
from bot.settings import ROOT
from bot.web.staff_sessions import idle_timeout

WIDGET_SOURCE = ROOT / "web" / "widget"
WIDGET_VENDOR = ROOT / "web" / "dist"


@dataclass(frozen=True)
class WebConfig:
    """The web app's settings; tests build one directly, production reads web_config()."""

    clinic: Clinic
    rasa_url: str  # where browsers reach the Rasa server's socket.io channel
    database_url: str = field(default_factory=settings.database_url)
    tracker_url: str = field(default_factory=settings.tracker_url)
    idle_timeout: timedelta = field(default_factory=idle_timeout)
    secure_cookies: bool = False  # true when the console is served over HTTPS
    widget_dir: Path = WIDGET_SOURCE
    vendor_dir: Path = WIDGET_VENDOR
    # New-request e-mails (clinic.yml notifications.email); None: the web app sends none.
    notifications: EmailSettings | None = None


def web_config(environ: Mapping[str, str] | None = None) -> WebConfig:
    """$SPINEBOT_RASA_PUBLIC_URL (default: the local Rasa server), the clinic file, the
    databases, $SPINEBOT_PUBLIC_URL (an https:// address makes cookies Secure) and the
    new-request e-mail settings (bot/notifications/mail_settings.py).

    Raises bot.clinic.ConfigError when the clinic file or its e-mail section is wrong.
    """
    env = os.environ if environ is None else environ
    rasa_url = env.get("SPINEBOT_RASA_PUBLIC_URL") or "http://localhost:5005"
    secure = (env.get("SPINEBOT_PUBLIC_URL") or "").startswith("https://")
    return WebConfig(
        clinic=load_clinic(),
        rasa_url=rasa_url.rstrip("/"),
        secure_cookies=secure,
        notifications=email_settings(environ=env),
    )
