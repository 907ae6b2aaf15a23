"""What the web app needs to know, from the environment with local defaults."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from bot.clinic import Clinic, load_clinic
from bot.settings import ROOT

WIDGET_SOURCE = ROOT / "web" / "widget"
WIDGET_VENDOR = ROOT / "web" / "dist"


@dataclass(frozen=True)
class WebConfig:
    clinic: Clinic
    rasa_url: str  # where browsers reach the Rasa server's socket.io channel
    widget_dir: Path = WIDGET_SOURCE
    vendor_dir: Path = WIDGET_VENDOR


def web_config(environ: Mapping[str, str] | None = None) -> WebConfig:
    """$SPINEBOT_RASA_PUBLIC_URL (default: the local Rasa server) and the clinic file."""
    env = os.environ if environ is None else environ
    rasa_url = env.get("SPINEBOT_RASA_PUBLIC_URL") or "http://localhost:5005"
    return WebConfig(clinic=load_clinic(), rasa_url=rasa_url.rstrip("/"))
