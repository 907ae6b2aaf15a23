"""The web app's factory: `create_app(config)` builds it; tests pass their own configuration.

It serves the chat page and the widget's files (bot/web/chat.py) and the staff console
(bot/web/console_auth.py, console_views.py, console_admin.py). The routes are module-level
handlers on module-level blueprints; what they need (the configuration, the database session
factory, the tracker store) is on the app, as `app.ctx.config` and `app.ctx.console`.
"""

from __future__ import annotations

import asyncio

from sanic import Request, Sanic
from sanic.exceptions import MethodNotSupported, NotFound
from sanic.response import BaseHTTPResponse, HTTPResponse, text

from bot.db.session import create_schema, engine_for
from bot.notifications.outbox import deliver_forever
from bot.web.chat import chat
from bot.web.config import WebConfig, web_config
from bot.web.console import attach_services
from bot.web.console_admin import admin
from bot.web.console_auth import auth
from bot.web.console_views import views
from bot.web.security import add_security_headers, content_security_policy


def create_app(config: WebConfig | None = None, name: str = "spinebot_web") -> Sanic:
    """The web app for `config` (default: from the environment, bot/web/config.py); `name` must
    be unique in the process (Sanic keeps a registry of apps by name).

    Raises:
        bot.clinic.ConfigError: the clinic file is missing or wrong (only when `config` is None).

    """
    config = config or web_config()
    app = Sanic(name, configure_logging=False)
    app.config.ACCESS_LOG = False  # request paths can carry reference numbers; keep logs quiet
    create_schema(engine_for(config.database_url))  # the console's tables, on first start
    app.ctx.config = config
    attach_services(app, config)
    for blueprint in (chat, auth, views, admin):
        app.blueprint(blueprint)
    if config.notifications is not None:
        settings = config.notifications

        async def notify(app: Sanic, loop: asyncio.AbstractEventLoop) -> None:
            app.add_task(deliver_forever(engine_for(config.database_url), settings))

        app.register_listener(notify, "after_server_start")
    csp = content_security_policy(config.rasa_url)

    async def headers(request: Request, response: BaseHTTPResponse) -> None:
        add_security_headers(response, csp)

    app.register_middleware(headers, "response")
    for error in (Exception, NotFound, MethodNotSupported):  # Sanic looks up the exact class first
        app.error_handler.add(error, failure)
    return app


def failure(request: Request, error: Exception) -> HTTPResponse:
    """A short plain message: no traceback or internal detail ever reaches a browser."""
    status = getattr(error, "status_code", 500)
    message = {404: "Not found.", 405: "Not allowed."}.get(status, "Something went wrong.")
    return text(message, status=status)
