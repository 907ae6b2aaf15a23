#!/usr/bin/env bash
# Print the path of a working CPython 3.10 interpreter, or explain what to install and exit 1.
# Rasa Open Source 3.6 requires Python >=3.8,<3.11; the project is tested on 3.10 only.
# Order: $PYTHON if set, then python3.10 on PATH, then pyenv's installed versions.
set -u

works() { "$1" -c 'import sys, venv; sys.exit(sys.version_info[:2] != (3, 10))' >/dev/null 2>&1; }

if [ -n "${PYTHON:-}" ]; then
  if works "$PYTHON"; then echo "$PYTHON"; exit 0; fi
  echo "error: PYTHON=$PYTHON is not a working Python 3.10 interpreter" >&2
  exit 1
fi

# A pyenv shim named python3.10 can sit on PATH without 3.10 being selected; `works` runs it, so
# such a shim is skipped rather than trusted.
if candidate=$(command -v python3.10 2>/dev/null) && works "$candidate"; then
  echo "$candidate"; exit 0
fi

pyenv_root="${PYENV_ROOT:-$HOME/.pyenv}"
if command -v pyenv >/dev/null 2>&1; then pyenv_root="$(pyenv root)"; fi
for candidate in $(ls -d "$pyenv_root"/versions/3.10.*/bin/python3.10 2>/dev/null | sort -V -r); do
  if works "$candidate"; then echo "$candidate"; exit 0; fi
done

cat >&2 <<'MSG'
error: no Python 3.10 interpreter found (looked at $PYTHON, python3.10 on PATH, and pyenv versions).
SpineBot runs on Rasa Open Source 3.6, which needs Python 3.10. Install one of:
  pyenv install 3.10        (then run make again)
  apt-get install python3.10 python3.10-venv
or point PYTHON at an interpreter: make test PYTHON=/path/to/python3.10
MSG
exit 1
