#!/usr/bin/env bash
# Make sure the programs the tests and the benchmark start for themselves exist, installing the
# missing ones from Debian's packages in one apt-get run. No test tool ever downloads a program
# (or a browser) of its own.
#
#   scripts/ensure-debian-packages.sh postgres chromium redis nginx
#
#   postgres  initdb and pg_ctl: throwaway PostgreSQL servers (tests/pg.py, tools/bench/services.py)
#   chromium  /usr/bin/chromium: the browser tests (tests/browser) drive it with Playwright
#   redis     redis-server: the lock store of the scale-out run (tools/bench/scaleout.py)
#   nginx     the load balancer of the scale-out run (deploy/spinebot-nginx.conf.template)
set -euo pipefail

present() {
  case "$1" in
    postgres) command -v initdb >/dev/null 2>&1 || compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null ;;
    chromium) [ -x /usr/bin/chromium ] ;;
    redis) command -v redis-server >/dev/null 2>&1 ;;
    nginx) command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] ;;
    *) echo "error: unknown program '$1' (postgres, chromium, redis or nginx)" >&2; exit 2 ;;
  esac
}

packages() {
  case "$1" in
    postgres) echo postgresql ;;
    chromium) echo chromium fonts-dejavu-core ;;
    redis) echo redis-server ;;
    nginx) echo nginx ;;
  esac
}

missing=()
for program in "$@"; do
  present "$program" || missing+=($(packages "$program"))
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "installing Debian packages: ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "error: installing packages needs root; run: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# A package may start a system-wide service (redis on 6379, nginx on 80); nothing here uses them:
# the tests and the benchmark start their own on free loopback ports.
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
for program in "$@"; do
  present "$program" || { echo "error: $program still missing after installing" >&2; exit 1; }
done
