"""Audit the locked dependencies against the committed advisory snapshot (audit/advisories.json).

Every package pinned in requirements.lock and web/package-lock.json must have been looked up in
the snapshot; every advisory whose affected ranges contain a locked version is a finding; every
finding must have a row in docs/dependency-audit.md, and every row there must still match a
finding. An advisory file that was listed for a locked package but not read (`not_read` in the
snapshot) fails the audit too, unless it is a duplicate of an advisory that is stored or the
package version has a package-wide review row (Advisory column `all (package-wide)`). Exit
status 0 when all of that holds, 1 otherwise. With --live, the pip-audit and npm
audit run of scripts/audit-dependencies.sh follows; when that cannot reach advisory data it says
so in one line and does not fail the audit, because the snapshot check is the gate.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOT = ROOT / "audit" / "advisories.json"
PIP_LOCK = ROOT / "requirements.lock"
NPM_LOCK = ROOT / "web" / "package-lock.json"
REVIEWED = ROOT / "docs" / "dependency-audit.md"
LIVE_SCRIPT = ROOT / "scripts" / "audit-dependencies.sh"
LIVE_TIMEOUT_S = 300

ADVISORY_ID = re.compile(r"(?:PYSEC-\d{4}-[\w-]+|GHSA(?:-[0-9a-z]{4}){3}|CVE-\d{4}-\d+)", re.I)
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)")
PACKAGE_WIDE = "all (package-wide)"
DUPLICATE = re.compile(r"^duplicate of (\S+)$")
EMBEDDED_CVE = re.compile(r"CVE-\d{4}-\d+", re.I)
SEMVER = re.compile(r"^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$")


@dataclass(frozen=True)
class Locked:
    """One pinned package: ecosystem ("pypi" or "npm"), normalised name, exact version."""

    ecosystem: str
    name: str
    version: str


@dataclass(frozen=True)
class Finding:
    """A locked package version that an advisory in the snapshot covers."""

    package: Locked
    advisory: str
    aliases: tuple[str, ...]
    severity: str

    def ids(self) -> set[str]:
        return {self.advisory.upper(), *(alias.upper() for alias in self.aliases)}


@dataclass(frozen=True)
class Row:
    """One row of the reviewed-findings table."""

    ecosystem: str
    name: str
    version: str
    advisory: str


@dataclass(frozen=True)
class Unread:
    """An advisory file listed for a locked package but not read into the snapshot."""

    package: Locked
    file: str
    note: str


def normalise(ecosystem: str, name: str) -> str:
    """PEP 503 names for PyPI; npm names are already canonical (lower case, scopes kept)."""
    return canonicalize_name(name) if ecosystem == "pypi" else name.lower()


# Version ordering -------------------------------------------------------------------------------


def _semver_key(version: str) -> tuple[Any, ...]:
    """Sort key following semver.org section 11: a pre-release sorts before its release."""
    match = SEMVER.match(version)
    if not match:
        raise ValueError(f"not a semantic version: {version!r}")
    major, minor, patch, pre = match.groups()
    if pre is None:
        return (int(major), int(minor), int(patch), 1, ())
    parts = tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in pre.split("."))
    return (int(major), int(minor), int(patch), 0, parts)


def version_key(ecosystem: str, version: str) -> Any:
    """A comparable key for a version of the given ecosystem; "0" is below every version."""
    if ecosystem == "npm":
        return _semver_key("0.0.0-0" if version == "0" else version)
    try:
        return Version(version)
    except InvalidVersion as error:
        raise ValueError(f"not a PEP 440 version: {version!r}") from error


def in_range(ecosystem: str, version: str, events: Sequence[dict[str, str]]) -> bool:
    """Whether version falls in an OSV range given by its ordered events.

    An "introduced" event opens an interval; "fixed" closes it before that version and
    "last_affected" closes it after. An interval left open reaches every later version.
    """
    here = version_key(ecosystem, version)
    affected = False
    for event in sorted(events, key=lambda e: version_key(ecosystem, next(iter(e.values())))):
        kind, bound = next(iter(event.items()))
        at = version_key(ecosystem, bound)
        if kind == "introduced" and here >= at:
            affected = True
        elif (kind == "fixed" and here >= at) or (kind == "last_affected" and here > at):
            affected = False
    return affected


def affects(advisory: dict[str, Any], package: Locked) -> bool:
    """Whether the advisory lists the package's version, explicitly or through a range."""
    if advisory["ecosystem"] != package.ecosystem:
        return False
    if normalise(package.ecosystem, advisory["package"]) != package.name:
        return False
    if package.version in advisory.get("versions", []):
        return True
    return any(
        in_range(package.ecosystem, package.version, span["events"])
        for span in advisory.get("ranges", [])
        if span.get("type") in ("ECOSYSTEM", "SEMVER")
    )


# Inputs ----------------------------------------------------------------------------------


def pip_locked(text: str) -> list[Locked]:
    """Pinned packages of a requirements lock (name==version lines; hashes and comments skipped)."""
    pins = (PIN.match(line) for line in text.splitlines())
    return [Locked("pypi", normalise("pypi", m[1]), m[2]) for m in pins if m]


def npm_locked(lock: dict[str, Any]) -> list[Locked]:
    """Installed packages of an npm lock file (lockfileVersion 2 or 3), nested copies included."""
    found = set()
    for path, entry in lock.get("packages", {}).items():
        if path and "version" in entry and not entry.get("link"):
            name = path.rsplit("node_modules/", 1)[-1]
            found.add(Locked("npm", normalise("npm", name), entry["version"]))
    return sorted(found, key=lambda p: (p.name, p.version))


def _table_cells(markdown: str) -> Iterable[list[str]]:
    """Cells of the table rows that start with an ecosystem: | pypi | package | version | ..."""
    for line in markdown.splitlines():
        cells = [cell.strip(" `") for cell in line.strip().strip("|").split("|")]
        if len(cells) >= 4 and cells[0].lower() in ("pypi", "npm"):
            yield cells


def reviewed_rows(markdown: str) -> list[Row]:
    """Rows of the reviewed-findings table: | ecosystem | package | version | advisory | ..."""
    rows = []
    for cells in _table_cells(markdown):
        if ADVISORY_ID.fullmatch(cells[3]):
            eco = cells[0].lower()
            rows.append(Row(eco, normalise(eco, cells[1]), cells[2], cells[3].upper()))
    return rows


def package_wide_rows(markdown: str) -> list[Locked]:
    """Package versions reviewed as a whole: rows whose Advisory column is `all (package-wide)`.

    Such a row states that no advisory of that package can be reached in our use, so the files
    listed for it but not read do not fail the audit. It covers no finding of an advisory that
    is stored: those keep their own rows.
    """
    return [
        Locked(cells[0].lower(), normalise(cells[0].lower(), cells[1]), cells[2])
        for cells in _table_cells(markdown)
        if cells[3].lower() == PACKAGE_WIDE
    ]


# The audit -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Report:
    findings: list[Finding]
    unreviewed: list[Finding]
    stale: list[Row]
    not_looked_up: list[Locked]
    unread: list[Unread] = field(default_factory=list)
    reviewed_whole: list[Unread] = field(default_factory=list)
    stale_package_wide: list[Locked] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not (
            self.unreviewed
            or self.stale
            or self.not_looked_up
            or self.unread
            or self.stale_package_wide
        )


def listed_not_read(snapshot: dict[str, Any], packages: Iterable[Locked]) -> list[Unread]:
    """Files listed for a locked package but not read; a duplicate of a stored advisory is read.

    A `duplicate of X` mark counts only when X is stored for the same package and, where the
    file's name carries a CVE (PYSEC-0000-CVE-...), X lists that CVE among its identifiers.
    """
    stored = {
        (adv["ecosystem"], normalise(adv["ecosystem"], adv["package"]), adv["id"].upper()): {
            adv["id"].upper(),
            *(alias.upper() for alias in adv.get("aliases", [])),
        }
        for adv in snapshot["advisories"]
    }
    entries = {
        (eco, normalise(eco, name)): entry.get("not_read", {})
        for eco, names in snapshot["looked_up"].items()
        for name, entry in names.items()
    }
    unread = []
    for package in packages:
        for file, note in entries.get((package.ecosystem, package.name), {}).items():
            duplicate = DUPLICATE.match(note)
            if duplicate:
                ids = stored.get((package.ecosystem, package.name, duplicate[1].upper()))
                cve = EMBEDDED_CVE.search(file)
                if ids is not None and (cve is None or cve[0].upper() in ids):
                    continue
            unread.append(Unread(package, file, note))
    return unread


def audit(
    snapshot: dict[str, Any],
    locked: Iterable[Locked],
    rows: Sequence[Row],
    package_wide: Sequence[Locked] = (),
) -> Report:
    """Match every locked package against the snapshot and the findings against the review."""
    looked_up = {
        (eco, normalise(eco, name))
        for eco, names in snapshot["looked_up"].items()
        for name in names
    }
    packages = list(locked)
    findings = [
        Finding(package, adv["id"], tuple(adv.get("aliases", [])), adv.get("severity") or "")
        for package in packages
        for adv in snapshot["advisories"]
        if affects(adv, package)
    ]

    def covers(row: Row, finding: Finding) -> bool:
        key = (finding.package.ecosystem, finding.package.name, finding.package.version)
        return (row.ecosystem, row.name, row.version) == key and row.advisory in finding.ids()

    not_read = listed_not_read(snapshot, packages)
    whole = set(package_wide)
    return Report(
        findings=findings,
        unreviewed=[f for f in findings if not any(covers(r, f) for r in rows)],
        stale=[r for r in rows if not any(covers(r, f) for f in findings)],
        not_looked_up=[p for p in packages if (p.ecosystem, p.name) not in looked_up],
        unread=[u for u in not_read if u.package not in whole],
        reviewed_whole=[u for u in not_read if u.package in whole],
        stale_package_wide=[p for p in package_wide if not any(u.package == p for u in not_read)],
    )


def print_report(report: Report, snapshot: dict[str, Any], locked_count: int) -> None:
    unreviewed = set(map(id, report.unreviewed))
    for finding in report.findings:
        package = finding.package
        state = "NEW     " if id(finding) in unreviewed else "reviewed"
        names = " / ".join([finding.advisory, *finding.aliases])
        print(f"{state} {package.ecosystem} {package.name} {package.version}: {names}")
    for row in report.stale:
        print(f"STALE    {row.ecosystem} {row.name} {row.version}: {row.advisory} matches nothing")
    for package in report.not_looked_up:
        print(f"MISSING  {package.ecosystem} {package.name} {package.version}: not in the snapshot")
    for unread in report.unread:
        package, file = unread.package, unread.file
        what = "every file listed" if file == "*" else file
        print(
            f"UNREAD   {package.ecosystem} {package.name} {package.version}: {what} "
            f"({unread.note}) and no package-wide review"
        )
    for package in sorted({u.package for u in report.reviewed_whole}, key=lambda p: p.name):
        print(
            f"reviewed {package.ecosystem} {package.name} {package.version}: advisory files not "
            f"read, covered by its package-wide review"
        )
    for package in report.stale_package_wide:
        print(
            f"STALE    {package.ecosystem} {package.name} {package.version}: package-wide row "
            f"matches no locked package with files not read"
        )
    print(
        f"audit: {locked_count} locked packages, {len(snapshot['advisories'])} advisories in the "
        f"snapshot of {snapshot['snapshot_date']}, {len(report.findings)} finding(s), "
        f"{len(report.unreviewed)} not reviewed, "
        f"{len(report.stale) + len(report.stale_package_wide)} stale row(s), "
        f"{len(report.not_looked_up)} package(s) not looked up, "
        f"{len(report.unread)} file(s) not read without a package-wide review"
    )
    if not report.passed:
        print(
            "audit: FAILED: look up new packages in audit/advisories.json, read each UNREAD "
            "file into it (or review the package as a whole), review each NEW finding in "
            "docs/dependency-audit.md and remove STALE rows"
        )


def run_live() -> bool:
    """Run pip-audit and npm audit; False only when they reach data and find unreviewed items."""
    try:
        live = subprocess.run(
            [str(LIVE_SCRIPT)], capture_output=True, text=True, timeout=LIVE_TIMEOUT_S, check=False
        )
    except subprocess.TimeoutExpired:
        print(f"live audit: no answer within {LIVE_TIMEOUT_S} s; the snapshot check stands")
        return True
    if live.returncode == 2:
        print("live audit: advisory services unreachable from here; the snapshot check stands")
        return True
    print(live.stdout, end="")
    print(live.stderr, end="", file=sys.stderr)
    return live.returncode == 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--snapshot", type=Path, default=SNAPSHOT)
    parser.add_argument("--pip-lock", type=Path, default=PIP_LOCK)
    parser.add_argument("--npm-lock", type=Path, default=NPM_LOCK)
    parser.add_argument("--reviewed", type=Path, default=REVIEWED)
    parser.add_argument("--live", action="store_true", help="also run pip-audit and npm audit")
    args = parser.parse_args(argv)

    snapshot = json.loads(args.snapshot.read_text(encoding="utf-8"))
    locked = pip_locked(args.pip_lock.read_text(encoding="utf-8"))
    locked += npm_locked(json.loads(args.npm_lock.read_text(encoding="utf-8")))
    reviewed = args.reviewed.read_text(encoding="utf-8")
    report = audit(snapshot, locked, reviewed_rows(reviewed), package_wide_rows(reviewed))
    print_report(report, snapshot, len(locked))
    live_ok = run_live() if args.live else True
    return 0 if report.passed and live_ok else 1


if __name__ == "__main__":
    sys.exit(main())
