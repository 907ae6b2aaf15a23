# SpineBot: the conventional entry points. `make run` and `make test` set up whatever is missing.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV       := .venv
BIN        := $(VENV)/bin
PY         := $(BIN)/python
STAMP      := $(VENV)/.installed
UV_VERSION := 0.13.9
MODEL      := models/spinebot.tar.gz
WIDGET     := web/dist/socket.io.min.js

export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL   := 2
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help setup widget run shell train test lint typecheck unit dialogue audit seed lock clean eval-nlu bench-nlu compare-nlu bench fault-report fuzz bench-screening

help:
	@echo "make run    start the bot (action server, Rasa server, chat page); sets up and trains if needed"
	@echo "make test   lint, type-check and run every test; sets up what is missing"
	@echo "make shell  talk to the bot in a terminal (rasa shell) against the action server"
	@echo "make train  train the Rasa model if config, domain or data changed"
	@echo "make seed   create the database tables and seed the treatment table"
	@echo "make lock   re-resolve requirements.in into requirements.lock (Python 3.10)"
	@echo "make eval-nlu     NLU figures: 5-fold cross-validation, the held-out file, the patient corpus"
	@echo "make bench-nlu    parse latency through the trained model (p50/p95/p99)"
	@echo "make audit        known vulnerabilities in the locked dependencies"
	@echo "make bench        latency, throughput, memory and training time against Rasa's defaults,"
	@echo "                  and two servers behind nginx (docs/BENCHMARKS.md; BENCH_ARGS=--quick)"
	@echo "make fault-report bad input, faults and load against a real stack, as one table"
	@echo "make fuzz         off-script messages at every dialogue state, invariants checked (FUZZ_ARGS=--help)"
	@echo "make compare-nlu  compare candidate NLU pipelines (docs/nlu-pipeline.md)"
	@echo "make bench-screening  person messages to an outcome in both screening modes (issue 16)"

# The virtual environment is rebuilt only when the lock file (or this recipe's inputs) change,
# so a second `make test` installs nothing.
$(STAMP): requirements.lock scripts/find-python.sh
	@python=$$(scripts/find-python.sh) || exit 1; \
	if [ ! -x $(PY) ] || ! $(PY) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))'; then \
	  echo "creating $(VENV) with $$python"; rm -rf $(VENV); "$$python" -m venv $(VENV) || exit 1; \
	fi
	@$(PY) -m pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)" 2> >(grep -v "^WARNING: Location" >&2)
	@echo "installing locked dependencies into $(VENV) (first run takes a few minutes)"
	@$(BIN)/uv pip sync --quiet --python $(PY) --require-hashes requirements.lock
	@touch $(STAMP)

setup: $(STAMP)

# The chat widget's one dependency (the socket.io client), installed from the committed npm lock.
$(WIDGET): web/package.json web/package-lock.json
	cd web && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	mkdir -p web/dist
	cp web/node_modules/socket.io-client/dist/socket.io.min.js $(WIDGET)

widget: $(WIDGET)

# The model embeds the project's own Rasa components, so their code is a prerequisite too.
$(MODEL): $(STAMP) config.yml domain.yml $(wildcard data/*.yml) $(wildcard bot/language/*.py) \
          bot/dialogue/rasa_policy.py bot/dialogue/interrupt.py
	$(BIN)/rasa train --fixed-model-name spinebot --out models

train: $(MODEL)

seed: $(STAMP)
	$(PY) -m bot.db.seed

# Both start through bot/launch: every server on loopback, the Rasa server (and rasa shell's)
# through python -m bot.rasa_server, so Rasa runs with the project's patches.
run: $(MODEL) $(WIDGET)
	$(PY) -m bot.launch

shell: $(MODEL)
	$(PY) -m bot.launch --shell

lint: $(STAMP)
	$(BIN)/ruff check bot actions tests tools scripts/audit_snapshot.py
	$(BIN)/ruff format --check bot actions tests tools scripts/audit_snapshot.py

typecheck: $(STAMP)
	$(BIN)/mypy bot actions tools scripts/audit_snapshot.py

unit: $(STAMP) $(WIDGET)
	scripts/ensure-debian-packages.sh postgres chromium redis nginx
	$(PY) -m pytest

# Dialogue: the training data is consistent, and the test stories are predicted exactly.
# `rasa test` stays plain, unpatched Rasa: it loads no channels and serves nothing, and the
# patches (bot/rasa_ext/patches.py) give the same predictions, only faster.
dialogue: $(MODEL)
	$(PY) -m bot.dialogue.validate
	$(BIN)/rasa test core --stories tests/stories --model $(MODEL) \
	  --fail-on-prediction-errors --out var/rasa-test-results

test: lint typecheck unit dialogue audit

# Known vulnerabilities in the locked dependencies (docs/dependency-audit.md): the committed
# advisory snapshot (audit/advisories.json) is the gate; pip-audit and npm audit run too and
# count only when they reach advisory data (they do not from a registry-only machine).
audit: $(STAMP)
	$(PY) scripts/audit_snapshot.py --live

lock: $(STAMP)
	$(BIN)/uv pip compile --quiet --python-version 3.10 --generate-hashes requirements.in -o requirements.lock

# The second command's exit status is 1 until every red flag meets its recall target (issue 15).
eval-nlu: $(MODEL)
	$(PY) -m tools.nlu.evaluate
	$(PY) -m tools.patient_eval --model $(MODEL) $(EVAL_ARGS)

bench-nlu: $(MODEL)
	$(PY) -m tools.nlu.benchmark --model $(MODEL)

# Performance against Rasa's default configuration and starter bot, and the two-server setup
# with PostgreSQL, Redis and nginx it starts itself. Writes docs/BENCHMARKS.md. About 20 min;
# BENCH_ARGS=--quick for a smoke run, BENCH_ARGS=--cross-validate for the NLU F1 comparison.
bench: $(STAMP)
	scripts/ensure-debian-packages.sh postgres redis nginx
	$(PY) -m tools.bench $(BENCH_ARGS)

# Bad input, faults (database, action server, Rasa server) and load; one table; exits 1 if a
# consultation request was lost or anything crashed (tools/fault_report.py). About 5 min.
fault-report: $(MODEL)
	scripts/ensure-debian-packages.sh postgres
	$(PY) -m tools.fault_report

# The conversation fuzzer (issue 14): every state of the dialogue, every message of the frozen
# corpus tests/fuzz/offscript.yml; prints a table and exits 1 on any violation (tools/fuzz).
fuzz: $(MODEL)
	$(PY) -m tools.fuzz --model $(MODEL) $(FUZZ_ARGS)

# Scripted patients through both screening modes (issue 16): person messages to the outcome and
# the level each warning sign reaches in each mode (tools/screening_bench.py; no servers).
bench-screening: $(STAMP)
	$(PY) -m tools.screening_bench

compare-nlu: $(STAMP)
	$(PY) -m tools.nlu.compare

clean:
	rm -rf $(VENV) models .pytest_cache .mypy_cache .ruff_cache web/node_modules web/dist
