"""scripts/audit-dependencies.sh judges pip-audit and npm audit reports against the reviewed
findings in docs/dependency-audit.md: a new finding fails, a reviewed one passes, and an audit that
could not fetch advisory data never passes silently. The reports here are recorded, so these tests
need no network; the live audit is `scripts/audit-dependencies.sh` itself (make audit)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

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


# The snapshot audit (scripts/audit_snapshot.py): the gate `make test` runs, with no network. ----

from scripts import audit_snapshot as snap  # noqa: E402  (kept beside the tests it serves)

SNAPSHOT_FILE = ROOT / "audit" / "advisories.json"
TABLE_HEAD = (
    "| Ecosystem | Package | Version | Advisory | Severity | Reached | What was done |\n"
    "|---|---|---|---|---|---|---|\n"
)


def advisory(
    package: str,
    *spans: list[dict[str, str]],
    ecosystem: str = "pypi",
    versions: tuple[str, ...] = (),
) -> dict[str, Any]:
    """An invented advisory (ids reserved for tests: GHSA-test-*)."""
    return {
        "id": "GHSA-test-test-test",
        "aliases": ["CVE-2099-0002"],
        "ecosystem": ecosystem,
        "package": package,
        "ranges": [{"type": "ECOSYSTEM", "events": list(span)} for span in spans],
        "versions": list(versions),
    }


def affected(version: str, adv: dict[str, Any], ecosystem: str = "pypi", name: str = "") -> bool:
    package = snap.Locked(ecosystem, snap.normalise(ecosystem, name or adv["package"]), version)
    return snap.affects(adv, package)


INTRODUCED_0_FIXED = advisory("demo", [{"introduced": "0"}, {"fixed": "2.0.0"}])


@pytest.mark.parametrize(
    ("version", "expected"),
    [("0.0.1", True), ("1.9.9", True), ("2.0.0rc1", True), ("2.0.0", False), ("2.0.1", False)],
)
def test_introduced_zero_to_fixed_covers_everything_before_the_fix(
    version: str, expected: bool
) -> None:
    assert affected(version, INTRODUCED_0_FIXED) is expected


def test_last_affected_includes_that_version_and_nothing_after() -> None:
    adv = advisory("demo", [{"introduced": "1.0"}, {"last_affected": "1.4.2"}])
    assert [affected(v, adv) for v in ("0.9", "1.0", "1.4.2", "1.4.3", "1.5.0a1")] == [
        False,
        True,
        True,
        False,
        False,
    ]


def test_an_open_range_covers_every_later_version() -> None:
    adv = advisory("demo", [{"introduced": "3.1"}])
    assert not affected("3.0.9", adv) and affected("3.1.0", adv) and affected("99.0", adv)


def test_several_ranges_leave_the_gaps_between_them_unaffected() -> None:
    adv = advisory(
        "demo",
        [{"introduced": "1.7"}, {"fixed": "1.7.4"}],
        [{"introduced": "1.8"}, {"fixed": "1.8.2"}],
    )
    assert [affected(v, adv) for v in ("1.6", "1.7.3", "1.7.4", "1.8.1", "1.8.2", "1.10.9")] == [
        False,
        True,
        False,
        True,
        False,
        False,
    ]


def test_an_explicit_versions_list_counts_without_a_range() -> None:
    adv = advisory("demo", versions=("1.2.3",))
    assert affected("1.2.3", adv) and not affected("1.2.4", adv)


def test_a_pre_release_of_the_fixed_version_is_still_affected() -> None:
    adv = advisory("demo", [{"introduced": "0"}, {"fixed": "3.9.0"}])
    assert affected("3.9.0b1", adv) and affected("3.9.0rc0", adv) and not affected("3.9.0", adv)


def test_package_names_are_compared_after_pep_503_normalisation() -> None:
    adv = advisory("Ruamel.YAML", [{"introduced": "0"}, {"fixed": "1.0"}])
    assert affected("0.17.21", adv, name="ruamel-yaml")
    assert snap.pip_locked("Ruamel_Yaml==0.17.21 \\\n") == [
        snap.Locked("pypi", "ruamel-yaml", "0.17.21")
    ]


def test_npm_versions_follow_semver_with_pre_releases_before_the_release() -> None:
    adv = advisory("ws", [{"introduced": "8.0.0"}, {"fixed": "8.17.1"}], ecosystem="npm")
    assert [affected(v, adv, "npm") for v in ("7.5.9", "8.0.0", "8.17.1-beta.1", "8.17.1")] == [
        False,
        True,
        True,
        False,
    ]
    assert not affected("8.17.0", adv, "pypi", "ws")  # another ecosystem's package of that name


def test_the_npm_lock_yields_nested_copies_with_their_own_versions() -> None:
    lock = {
        "packages": {
            "": {},
            "node_modules/debug": {"version": "4.3.7"},
            "node_modules/a/node_modules/debug": {"version": "4.4.3"},
        }
    }
    assert snap.npm_locked(lock) == [
        snap.Locked("npm", "debug", "4.3.7"),
        snap.Locked("npm", "debug", "4.4.3"),
    ]


def tiny_snapshot(*advisories: dict[str, Any]) -> dict[str, Any]:
    return {
        "snapshot_date": "2099-01-01",
        "looked_up": {"pypi": {"demo": {}}, "npm": {}},
        "advisories": list(advisories),
    }


DEMO = [snap.Locked("pypi", "demo", "1.5")]


def test_a_finding_nobody_reviewed_fails_the_snapshot_audit() -> None:
    report = snap.audit(tiny_snapshot(INTRODUCED_0_FIXED), DEMO, [])
    assert not report.passed and [f.package.name for f in report.unreviewed] == ["demo"]


def test_a_finding_reviewed_under_an_alias_passes() -> None:
    rows = snap.reviewed_rows(
        TABLE_HEAD + "| pypi | Demo | 1.5 | `CVE-2099-0002` | low | no | x |\n"
    )
    report = snap.audit(tiny_snapshot(INTRODUCED_0_FIXED), DEMO, rows)
    assert report.passed and len(report.findings) == 1


def test_a_row_that_matches_no_finding_is_stale_and_fails() -> None:
    rows = snap.reviewed_rows(
        TABLE_HEAD + "| pypi | demo | 1.4 | GHSA-test-test-test | low | no | x |\n"
    )
    report = snap.audit(tiny_snapshot(INTRODUCED_0_FIXED), DEMO, rows)
    assert not report.passed and report.stale == rows and report.unreviewed


def test_a_locked_package_that_was_never_looked_up_fails() -> None:
    locked = [*DEMO, snap.Locked("pypi", "newcomer", "1.0")]
    report = snap.audit(tiny_snapshot(), locked, [])
    assert not report.passed and report.not_looked_up == [locked[1]]


def test_the_command_exits_1_and_names_what_is_missing(tmp_path: Path) -> None:
    (tmp_path / "snap.json").write_text(json.dumps(tiny_snapshot(INTRODUCED_0_FIXED)))
    (tmp_path / "req.lock").write_text("demo==1.5 \\\n    --hash=sha256:00\nother==2.0\n")
    (tmp_path / "package-lock.json").write_text(json.dumps({"packages": {}}))
    (tmp_path / "reviewed.md").write_text(TABLE_HEAD)
    args = [
        "--snapshot",
        "snap.json",
        "--pip-lock",
        "req.lock",
        "--npm-lock",
        "package-lock.json",
        "--reviewed",
        "reviewed.md",
    ]
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "audit_snapshot.py"), *args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert "NEW      pypi demo 1.5: GHSA-test-test-test" in result.stdout
    assert "MISSING  pypi other 2.0" in result.stdout


def snapshot_with_not_read(not_read: dict[str, str], *advisories: dict[str, Any]) -> dict[str, Any]:
    snapshot = tiny_snapshot(*advisories)
    snapshot["looked_up"]["pypi"]["demo"] = {"pypa": len(not_read), "not_read": not_read}
    return snapshot


PACKAGE_WIDE_ROW = (
    "| pypi | demo | 1.5 | all (package-wide) | n/a | no: nothing imports it | kept |\n"
)


def test_a_file_listed_but_not_read_fails_without_a_package_wide_row() -> None:
    snapshot = snapshot_with_not_read({"PYSEC-2099-1": "listed, not read"})
    report = snap.audit(snapshot, DEMO, [])
    assert not report.passed
    assert report.unread == [snap.Unread(DEMO[0], "PYSEC-2099-1", "listed, not read")]


def test_a_package_wide_row_covers_the_unread_files_of_that_version_only() -> None:
    snapshot = snapshot_with_not_read({"*": "listed, not read (too many)"})
    whole = snap.package_wide_rows(TABLE_HEAD + PACKAGE_WIDE_ROW)
    assert whole == [snap.Locked("pypi", "demo", "1.5")]
    report = snap.audit(snapshot, DEMO, [], whole)
    assert report.passed and not report.unread and len(report.reviewed_whole) == 1
    other_version = [snap.Locked("pypi", "demo", "1.6")]
    later = snap.audit(snapshot, other_version, [], whole)
    assert not later.passed and later.unread and later.stale_package_wide == whole


def test_a_package_wide_row_is_not_a_review_of_a_stored_finding() -> None:
    snapshot = snapshot_with_not_read({"*": "listed, not read"}, INTRODUCED_0_FIXED)
    whole = snap.package_wide_rows(TABLE_HEAD + PACKAGE_WIDE_ROW)
    report = snap.audit(snapshot, DEMO, [], whole)
    assert not report.passed and [f.advisory for f in report.unreviewed] == ["GHSA-test-test-test"]


def test_a_package_wide_row_with_nothing_left_unread_is_stale() -> None:
    whole = snap.package_wide_rows(TABLE_HEAD + PACKAGE_WIDE_ROW)
    report = snap.audit(tiny_snapshot(), DEMO, [], whole)
    assert not report.passed and report.stale_package_wide == whole


def test_a_duplicate_counts_as_read_only_when_its_original_is_stored_with_that_cve() -> None:
    duplicate = {"PYSEC-0000-CVE-2099-0002": "duplicate of GHSA-test-test-test"}
    stored = snap.audit(snapshot_with_not_read(duplicate, INTRODUCED_0_FIXED), DEMO, [])
    assert not stored.unread
    missing = snap.audit(snapshot_with_not_read(duplicate), DEMO, [])
    assert [u.file for u in missing.unread] == ["PYSEC-0000-CVE-2099-0002"]
    wrong_cve = {"PYSEC-0000-CVE-2099-0009": "duplicate of GHSA-test-test-test"}
    mismatch = snap.audit(snapshot_with_not_read(wrong_cve, INTRODUCED_0_FIXED), DEMO, [])
    assert [u.file for u in mismatch.unread] == ["PYSEC-0000-CVE-2099-0009"]


def test_the_command_names_unread_files_and_passes_with_a_package_wide_row(
    tmp_path: Path,
) -> None:
    snapshot = snapshot_with_not_read({"PYSEC-2099-1": "listed, not read"})
    (tmp_path / "snap.json").write_text(json.dumps(snapshot))
    (tmp_path / "req.lock").write_text("demo==1.5\n")
    (tmp_path / "package-lock.json").write_text(json.dumps({"packages": {}}))
    args = ["--snapshot", "snap.json", "--pip-lock", "req.lock", "--npm-lock", "package-lock.json"]

    def run(table: str) -> subprocess.CompletedProcess[str]:
        (tmp_path / "reviewed.md").write_text(table)
        return subprocess.run(
            [
                sys.executable,
                str(ROOT / "scripts" / "audit_snapshot.py"),
                *args,
                "--reviewed",
                "reviewed.md",
            ],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )

    failed = run(TABLE_HEAD)
    assert failed.returncode == 1
    assert "UNREAD   pypi demo 1.5: PYSEC-2099-1" in failed.stdout
    passed = run(TABLE_HEAD + PACKAGE_WIDE_ROW)
    assert passed.returncode == 0, passed.stdout
    assert "covered by its package-wide review" in passed.stdout


def test_every_advisory_in_the_snapshot_names_its_source_at_a_commit() -> None:
    snapshot = json.loads(SNAPSHOT_FILE.read_text())
    assert snapshot["snapshot_date"] == "2026-11-21"
    source = re.compile(r"https://github\.com/(pypa|github)/advisory-database/blob/[0-9a-f]{40}/")
    for adv in snapshot["advisories"]:
        assert source.match(adv["source"]) and adv["summary"] and adv["ranges"], adv["id"]


def test_the_locked_dependencies_pass_the_committed_snapshot_and_review() -> None:
    """The real gate: every locked package looked up, every finding reviewed, no stale row."""
    snapshot = json.loads(SNAPSHOT_FILE.read_text())
    locked = snap.pip_locked((ROOT / "requirements.lock").read_text())
    locked += snap.npm_locked(json.loads((ROOT / "web" / "package-lock.json").read_text()))
    reviewed = (ROOT / "docs" / "dependency-audit.md").read_text()
    rows = snap.reviewed_rows(reviewed)
    report = snap.audit(snapshot, locked, rows, snap.package_wide_rows(reviewed))
    assert len(locked) > 200
    assert report.passed, (
        report.unreviewed,
        report.stale,
        report.not_looked_up,
        report.unread,
        report.stale_package_wide,
    )
