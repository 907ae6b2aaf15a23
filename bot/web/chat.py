"""The chat page and the widget's files: what a clinic embeds with one script tag."""

from __future__ import annotations

from pathlib import Path
from typing import cast

from sanic import Blueprint, Request
from sanic.exceptions import NotFound
from sanic.response import HTTPResponse, file, json

from bot.web.config import WebConfig
from bot.web.templates import render

WIDGET_FILES = {
    "spinebot.js": "application/javascript",
    "spinebot.css": "text/css",
}
VENDOR_FILES = {"socket.io.min.js": "application/javascript"}
STATIC_DIR = Path(__file__).with_name("static")
STATIC_FILES = {"page.css": "text/css", "console.css": "text/css"}

chat = Blueprint("chat")


def _config(request: Request) -> WebConfig:
    """The configuration of the app serving this request (set by bot/web/app.py)."""
    return cast(WebConfig, request.app.ctx.config)


@chat.get("/")
async def chat_page(request: Request) -> HTTPResponse:
    """GET /: the clinic's chat page."""
    config = _config(request)
    return render("chat.html", clinic=config.clinic, rasa_url=config.rasa_url)


@chat.get("/widget/clinic.json")
async def clinic(request: Request) -> HTTPResponse:
    """GET /widget/clinic.json: the public contact facts the widget shows (tap-to-call links in
    an emergency)."""
    facts = _config(request).clinic
    return json(
        {
            "name": facts.name,
            "phone": facts.phone,
            "hours": facts.hours,
            "emergency_number": facts.emergency_number,
        },
        headers=_embeddable(),
    )


@chat.get("/widget/<name:str>")
async def widget(request: Request, name: str) -> HTTPResponse:
    """GET /widget/<name>: the widget's script and style sheet."""
    return await _serve(_config(request).widget_dir, name, WIDGET_FILES)


@chat.get("/widget/vendor/<name:str>")
async def vendor(request: Request, name: str) -> HTTPResponse:
    """GET /widget/vendor/<name>: the socket.io client the widget loads."""
    return await _serve(_config(request).vendor_dir, name, VENDOR_FILES)


@chat.get("/static/<name:str>")
async def static(request: Request, name: str) -> HTTPResponse:
    """GET /static/<name>: the chat page's and the console's style sheets."""
    return await _serve(STATIC_DIR, name, STATIC_FILES)


@chat.get("/health")
async def health(request: Request) -> HTTPResponse:
    """GET /health: {"status": "ok"} while the app serves requests."""
    return json({"status": "ok"})


async def _serve(directory: Path, name: str, allowed: dict[str, str]) -> HTTPResponse:
    """Only the listed files, so no other path under the folder can be fetched."""
    path = directory / name
    if name not in allowed or not path.is_file():
        raise NotFound("no such file")
    return await file(path, mime_type=allowed[name], headers=_embeddable())


def _embeddable() -> dict[str, str]:
    """The widget's files are loaded by the clinic's own site, a different origin."""
    return {
        "Access-Control-Allow-Origin": "*",
        "Cross-Origin-Resource-Policy": "cross-origin",
        "Cache-Control": "no-cache",
    }
