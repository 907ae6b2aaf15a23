"""scripts/audit-dependencies.sh judges pip-audit and npm audit reports against the reviewed
findings in docs/dependency-audit.md: a new finding fails, a reviewed one passes, and an audit that
could not fetch advisory data never passes silently. The reports here are recorded, so these tests
need no network; the live audit is `scripts/audit-dependencies.sh` itself (make audit)."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path
from typing import Any

from bot.settings import ROOT

SCRIPT = ROOT / "scripts" / "audit-dependencies.sh"
AUDITED_OK = {"name": "pyyaml", "version": "6.0.3", "vulns": []}
ADVISORY = {
    "id": "GHSA-aaaa-bbbb-cccc",
    "aliases": ["CVE-2099-0001"],
    "fix_versions": ["9.9.9"],
    "description": "made up for this test",
}
NPM_CLEAN = {"auditReportVersion": 2, "vulnerabilities": {}, "metadata": {}}


def run_audit(
    tmp_path: Path,
    pip: dict[str, Any],
    npm: dict[str, Any] = NPM_CLEAN,
    reviewed: str = "",
    **env: str,
) -> subprocess.CompletedProcess[str]:
    (tmp_path / "pip.json").write_text(json.dumps(pip))
    (tmp_path / "npm.json").write_text(json.dumps(npm))
    (tmp_path / "reviewed.md").write_text(reviewed)
    return subprocess.run(
        [str(SCRIPT)],
        env={
            **os.environ,
            "AUDIT_PIP_REPORT": str(tmp_path / "pip.json"),
            "AUDIT_NPM_REPORT": str(tmp_path / "npm.json"),
            "AUDIT_REVIEWED": str(tmp_path / "reviewed.md"),
            **env,
        },
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def report_with_finding() -> dict[str, Any]:
    vulnerable = {"name": "sanic", "version": "21.12.2", "vulns": [ADVISORY]}
    return {"dependencies": [AUDITED_OK, vulnerable], "fixes": []}


def test_a_clean_report_passes(tmp_path: Path) -> None:
    result = run_audit(tmp_path, {"dependencies": [AUDITED_OK], "fixes": []})
    assert result.returncode == 0, result.stdout + result.stderr
    assert "audit: passed" in result.stdout


def test_a_finding_nobody_reviewed_fails_and_is_named(tmp_path: Path) -> None:
    result = run_audit(tmp_path, report_with_finding())
    assert result.returncode == 1
    assert "NEW       pypi sanic 21.12.2: GHSA-aaaa-bbbb-cccc / CVE-2099-0001" in result.stdout


def test_a_finding_reviewed_under_any_of_its_ids_passes(tmp_path: Path) -> None:
    table = (
        "| Ecosystem | Package | Version | Advisory | Severity | Reached | Action |\n"
        "|---|---|---|---|---|---|---|\n"
        "| pypi | sanic | 21.12.2 | `CVE-2099-0001` | high | no | pinned by Rasa 3.6 |\n"
    )
    result = run_audit(tmp_path, report_with_finding(), reviewed=table)
    assert result.returncode == 0, result.stdout
    assert "reviewed  pypi sanic 21.12.2" in result.stdout


def test_a_review_of_another_version_does_not_cover_the_finding(tmp_path: Path) -> None:
    table = "| pypi | sanic | 21.12.1 | GHSA-aaaa-bbbb-cccc | high | no | old |\n"
    assert run_audit(tmp_path, report_with_finding(), reviewed=table).returncode == 1


def test_dependencies_without_advisory_data_make_the_audit_incomplete(tmp_path: Path) -> None:
    skipped = {"name": "aiohttp", "skip_reason": "Dependency not found on PyPI"}
    report = {"dependencies": [AUDITED_OK, skipped], "fixes": []}
    result = run_audit(tmp_path, report)
    assert result.returncode == 2
    assert "unaudited pypi aiohttp" in result.stdout and "INCOMPLETE" in result.stdout
    allowed = run_audit(tmp_path, report, AUDIT_ALLOW_UNAUDITED="1")
    assert allowed.returncode == 0 and "WARNING" in allowed.stdout


def test_an_npm_registry_that_refuses_audits_makes_the_audit_incomplete(tmp_path: Path) -> None:
    refused = {"message": "405 Method Not Allowed", "error": {"summary": "405"}}
    result = run_audit(tmp_path, {"dependencies": [AUDITED_OK]}, npm=refused)
    assert result.returncode == 2
    assert "npm web/package-lock.json: audit unavailable" in result.stdout


def test_an_npm_finding_is_judged_with_the_locked_version(tmp_path: Path) -> None:
    lock = json.loads((ROOT / "web" / "package-lock.json").read_text())
    version = lock["packages"]["node_modules/socket.io-client"]["version"]
    npm = {
        "auditReportVersion": 2,
        "vulnerabilities": {
            "socket.io-client": {
                "name": "socket.io-client",
                "severity": "moderate",
                "via": [{"source": 1, "url": "https://github.com/advisories/GHSA-zzzz-yyyy-xxxx"}],
                "fixAvailable": True,
            }
        },
    }
    result = run_audit(tmp_path, {"dependencies": [AUDITED_OK]}, npm=npm)
    assert result.returncode == 1
    assert re.search(rf"NEW +npm socket.io-client {re.escape(version)}: GHSA-zzzz", result.stdout)


def test_every_reviewed_finding_in_the_document_names_an_advisory_and_an_action() -> None:
    doc = (ROOT / "docs" / "dependency-audit.md").read_text()
    rows = [line for line in doc.splitlines() if re.match(r"\| *(pypi|npm) *\|", line)]
    for row in rows:
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        assert len(cells) == 7 and all(cells), row
