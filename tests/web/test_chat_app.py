"""The chat page and the widget's files, through the web app's factory and test client."""

from __future__ import annotations

import itertools
from dataclasses import replace
from pathlib import Path

import pytest
from sanic import Sanic
from sanic_testing.testing import SanicTestClient

from bot.clinic import load_clinic
from bot.web.app import create_app
from bot.web.config import WebConfig

_names = itertools.count()


def make_client(tmp_path: Path, **changes: object) -> SanicTestClient:
    vendor = tmp_path / "dist"
    vendor.mkdir(exist_ok=True)
    (vendor / "socket.io.min.js").write_text("/* socket.io client */")
    (vendor / "secret.txt").write_text("not for the web")
    config = WebConfig(clinic=load_clinic(), rasa_url="http://localhost:5005", vendor_dir=vendor)
    app: Sanic = create_app(replace(config, **changes), name=f"test_web_{next(_names)}")
    return app.test_client


@pytest.fixture
def client(tmp_path: Path) -> SanicTestClient:
    return make_client(tmp_path)


def test_the_chat_page_embeds_the_widget_with_one_script_tag(client: SanicTestClient) -> None:
    _, response = client.get("/")
    assert response.status == 200
    assert response.text.count("<script") == 1
    assert 'src="/widget/spinebot.js" data-server="http://localhost:5005"' in response.text
    assert "Riverside Spine Clinic" in response.text and "call 911" in response.text


def test_the_clinic_name_is_escaped_on_the_page(tmp_path: Path) -> None:
    clinic = replace(load_clinic(), name='<script>alert("x")</script> Clinic')
    _, response = make_client(tmp_path, clinic=clinic).get("/")
    assert "<script>alert" not in response.text
    assert "&lt;script&gt;alert" in response.text


def test_pages_allow_no_third_party_content(client: SanicTestClient) -> None:
    _, response = client.get("/")
    policy = response.headers["content-security-policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    assert "connect-src 'self' http://localhost:5005 ws://localhost:5005" in policy
    assert "frame-ancestors 'none'" in policy
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"


@pytest.mark.parametrize(
    ("path", "mime"),
    [
        ("/widget/spinebot.js", "application/javascript"),
        ("/widget/spinebot.css", "text/css"),
        ("/widget/vendor/socket.io.min.js", "application/javascript"),
        ("/static/page.css", "text/css"),
    ],
)
def test_the_widget_files_are_served_for_other_sites(
    client: SanicTestClient, path: str, mime: str
) -> None:
    _, response = client.get(path)
    assert response.status == 200
    assert response.headers["content-type"].startswith(mime)
    assert response.headers["access-control-allow-origin"] == "*"


@pytest.mark.parametrize(
    "path",
    ["/widget/vendor/secret.txt", "/widget/app.py", "/widget/..%2F..%2Fclinic.yml", "/nothing"],
)
def test_only_the_listed_files_can_be_fetched(client: SanicTestClient, path: str) -> None:
    _, response = client.get(path)
    assert response.status == 404
    assert response.text == "Not found."  # a short message, never a traceback


def test_the_widget_learns_the_clinics_numbers(client: SanicTestClient) -> None:
    _, response = client.get("/widget/clinic.json")
    assert response.json == {
        "name": "Riverside Spine Clinic",
        "phone": "+1 555 0100",
        "hours": "Monday to Friday, 8am to 6pm",
        "emergency_number": "911",
    }


def test_the_health_check_answers(client: SanicTestClient) -> None:
    _, response = client.get("/health")
    assert response.json == {"status": "ok"}
