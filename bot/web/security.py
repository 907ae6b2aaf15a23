"""Response headers every page of the web app carries: no third-party content, no framing."""

from __future__ import annotations

from urllib.parse import urlsplit

from sanic.response import BaseHTTPResponse


def content_security_policy(rasa_url: str) -> str:
    """Only this app's own scripts and styles; connections only to itself and the Rasa server."""
    parts = urlsplit(rasa_url)
    ws_scheme = "wss" if parts.scheme == "https" else "ws"
    rasa = f"{parts.scheme}://{parts.netloc}"
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            f"connect-src 'self' {rasa} {ws_scheme}://{parts.netloc}",
            "frame-ancestors 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "object-src 'none'",
        ]
    )


def add_security_headers(response: BaseHTTPResponse, csp: str) -> None:
    """Add the CSP and the anti-framing, anti-sniffing and privacy headers, keeping any the
    response set itself."""
    response.headers.setdefault("Content-Security-Policy", csp)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
