#!/usr/bin/env bash
# Make sure PostgreSQL server binaries (initdb, pg_ctl) exist, installing them from Debian if not.
# The database tests start their own throwaway server with these binaries (tests/pg.py).
set -euo pipefail
if command -v initdb >/dev/null 2>&1 || compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
  exit 0
fi
echo "PostgreSQL server binaries not found; installing Debian's postgresql package"
if [ "$(id -u)" -ne 0 ]; then
  echo "error: installing postgresql needs root; run: sudo apt-get install -y postgresql" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends postgresql >/dev/null
