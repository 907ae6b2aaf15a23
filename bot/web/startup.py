"""What the web app checks before it serves anyone: a chat page whose widget cannot load, or a
bot with no model behind it, must not go live looking healthy (issue 19 item 5)."""

from __future__ import annotations

from pathlib import Path

from bot.settings import ROOT
from bot.web.chat import VENDOR_FILES, WIDGET_FILES
from bot.web.config import WebConfig

DEFAULT_MODEL = ROOT / "models" / "spinebot.tar.gz"


def deployment_problems(config: WebConfig, model: Path | None) -> list[str]:
    """Each missing piece as a sentence naming the command that makes it; [] when all is there.

    Checks the widget's own files (web/widget/), the socket.io client `make widget` copies into
    web/dist/, and the trained model the Rasa server loads (`make train`), unless `model` is None
    (a deployment whose Rasa server runs on another machine).
    """
    problems = [
        f"the chat widget file {config.widget_dir / name} is missing (restore it from git)"
        for name in WIDGET_FILES
        if not (config.widget_dir / name).is_file()
    ]
    problems += [
        f"the socket.io client {config.vendor_dir / name} is missing: run `make widget`"
        for name in VENDOR_FILES
        if not (config.vendor_dir / name).is_file()
    ]
    if model is not None and not model.is_file():
        problems.append(f"no trained model at {model}: run `make train`")
    return problems
