"""HTML templates (Jinja2, autoescaped: text from people and records is never read as HTML)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from sanic.response import HTTPResponse, html

_environment = Environment(
    loader=FileSystemLoader(Path(__file__).with_name("templates")),
    autoescape=select_autoescape(default=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


def render(name: str, status: int = 200, **values: Any) -> HTTPResponse:
    """An HTML response from the template `name` (under bot/web/templates/), autoescaped."""
    return html(_environment.get_template(name).render(**values), status=status)
