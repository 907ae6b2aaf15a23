#!/usr/bin/env bash
# Make sure Debian's Chromium exists for the browser tests (tests/browser drive it with Playwright;
# no test tool ever downloads a browser of its own).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
echo "Chromium not found; installing Debian's chromium package"
if [ "$(id -u)" -ne 0 ]; then
  echo "error: installing chromium needs root; run: sudo apt-get install -y chromium" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
