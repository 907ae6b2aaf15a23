#!/usr/bin/env bash
# Audit the locked dependencies for known vulnerabilities and fail on any finding that
# docs/dependency-audit.md does not list as reviewed.
#
#   Python: pip-audit (PyPI's advisory data) on requirements.lock, hashes required, no pip run.
#           pip-audit cannot live in the project's environment (it needs packaging>=21, Rasa 3.6
#           pins packaging<21), so uvx runs a pinned copy in its own environment.
#   npm:    `npm audit --omit=dev` in web/ against web/package-lock.json.
#
# Exit status: 0 every dependency audited and every finding reviewed; 1 a finding that is not
# reviewed; 2 the advisory data could not be fetched for some dependencies (nothing is known
# about them: an audit that checked nothing must not pass). AUDIT_ALLOW_UNAUDITED=1 turns 2 into
# a warning. For tests: AUDIT_PIP_REPORT / AUDIT_NPM_REPORT name ready-made JSON reports to read
# instead of running the tools, AUDIT_REVIEWED another reviewed-findings file.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PIP_AUDIT_VERSION="2.10.1"
REVIEWED="${AUDIT_REVIEWED:-$ROOT/docs/dependency-audit.md}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

UVX="$ROOT/.venv/bin/uvx"
PYTHON="$ROOT/.venv/bin/python"
[ -x "$PYTHON" ] || PYTHON="$(command -v python3)"

pip_report="${AUDIT_PIP_REPORT:-}"
if [ -z "$pip_report" ]; then
  pip_report="$WORK/pip-audit.json"
  [ -x "$UVX" ] || UVX="$(command -v uvx || true)"
  if [ -z "$UVX" ]; then
    echo "audit: uvx not found (run make setup)" >&2
    exit 2
  fi
  # pip-audit exits 1 when it finds something; the report is judged below either way.
  "$UVX" --quiet --from "pip-audit==$PIP_AUDIT_VERSION" pip-audit \
    --requirement "$ROOT/requirements.lock" --require-hashes --disable-pip \
    --format json --progress-spinner off --output "$pip_report" >/dev/null 2>"$WORK/pip.err" || true
  if [ ! -s "$pip_report" ]; then
    echo "audit: pip-audit produced no report:" >&2
    cat "$WORK/pip.err" >&2
    exit 2
  fi
fi

npm_report="${AUDIT_NPM_REPORT:-}"
if [ -z "$npm_report" ]; then
  npm_report="$WORK/npm-audit.json"
  if command -v npm >/dev/null; then
    (cd "$ROOT/web" && npm audit --omit=dev --json --loglevel=silent >"$npm_report" 2>/dev/null) || true
  else
    echo '{"error": {"summary": "npm not found"}}' >"$npm_report"
  fi
fi

exec "$PYTHON" - "$pip_report" "$npm_report" "$REVIEWED" "$ROOT/web/package-lock.json" <<'PY'
"""Judge the two reports against the reviewed findings (one table row per finding)."""

import json
import os
import re
import sys
from pathlib import Path

pip_path, npm_path, reviewed_path, npm_lock_path = (Path(arg) for arg in sys.argv[1:5])
ADVISORY = re.compile(r"\b(?:PYSEC-\d{4}-\d+|GHSA(?:-[0-9a-z]{4}){3}|CVE-\d{4}-\d+)\b", re.I)


def reviewed_rows(path):
    """(ecosystem, package, version, advisory) for every row of the reviewed-findings table."""
    rows = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip(" `") for cell in line.strip().strip("|").split("|")]
        if len(cells) >= 4 and ADVISORY.fullmatch(cells[3]):
            rows.add((cells[0].lower(), cells[1].lower(), cells[2], cells[3].upper()))
    return rows


def pip_findings(path):
    report = json.loads(path.read_text(encoding="utf-8"))
    findings, unaudited = [], []
    for dependency in report.get("dependencies", []):
        if "skip_reason" in dependency:
            unaudited.append(f"pypi {dependency['name']}: {dependency['skip_reason']}")
            continue
        for vuln in dependency.get("vulns", []):
            ids = [vuln["id"], *vuln.get("aliases", [])]
            fixes = ", ".join(vuln.get("fix_versions", [])) or "none"
            findings.append(("pypi", dependency["name"], dependency["version"], ids, fixes))
    return findings, unaudited


def npm_findings(path, lock_path):
    report = json.loads(path.read_text(encoding="utf-8") or "{}")
    if "error" in report or "vulnerabilities" not in report:
        summary = (report.get("error") or {}).get("summary") or report.get("message") or "no data"
        return [], [f"npm web/package-lock.json: audit unavailable ({summary.strip()[:160]})"]
    packages = json.loads(lock_path.read_text(encoding="utf-8")).get("packages", {})
    findings = []
    for name, entry in report["vulnerabilities"].items():
        version = packages.get(f"node_modules/{name}", {}).get("version", "?")
        for via in entry.get("via", []):
            if isinstance(via, dict):  # a string names another vulnerable package
                ids = ADVISORY.findall(f"{via.get('url', '')} {via.get('source', '')}")
                ids = ids or [f"npm-{via.get('source', '?')}"]
                findings.append(("npm", name, version, ids, str(entry.get("fixAvailable"))))
    return findings, []


reviewed = reviewed_rows(reviewed_path)
findings, unaudited = pip_findings(pip_path)
more, missing = npm_findings(npm_path, npm_lock_path)
findings += more
unaudited += missing

new = []
for ecosystem, name, version, ids, fixes in findings:
    known = any((ecosystem, name.lower(), version, i.upper()) in reviewed for i in ids)
    label = f"{ecosystem} {name} {version}: {' / '.join(ids)} (fixed in: {fixes})"
    print(("reviewed  " if known else "NEW       ") + label)
    if not known:
        new.append(label)
for line in unaudited[:10]:
    print(f"unaudited {line}")
if len(unaudited) > 10:
    print(f"unaudited ... and {len(unaudited) - 10} more")

print(
    f"audit: {len(findings)} finding(s), {len(new)} not reviewed, "
    f"{len(unaudited)} dependency(ies) not audited"
)
if new:
    print("audit: FAILED: review each NEW finding and record it in docs/dependency-audit.md")
    sys.exit(1)
if unaudited:
    if os.environ.get("AUDIT_ALLOW_UNAUDITED") == "1":
        print("audit: WARNING: advisory data unavailable for the dependencies listed above")
        sys.exit(0)
    print("audit: INCOMPLETE: advisory data unavailable; nothing is known about those dependencies")
    sys.exit(2)
print("audit: passed")
PY
