# participation: `make run` to try it, `make test` to check everything.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Touched after a successful install; reinstalls whenever pyproject.toml changes.
INSTALLED := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 5000
# The CPU build of PyTorch (argos-translate's stanza imports it). Where no local CPU
# wheel is configured for pip, add: PIP_EXTRA=--extra-index-url=https://download.pytorch.org/whl/cpu
TORCH_CPU ?= 2.13.0
PIP_EXTRA ?=

.DEFAULT_GOAL := help
.PHONY: help venv translations translations-extract translations-update run test lint clean bench

help:
	@echo "make run                  set up, upgrade the database, load the demo city once, serve on http://$(HOST):$(PORT)"
	@echo "make test                 the whole suite on SQLite, then on a throwaway PostgreSQL (browser tests included)"
	@echo "make translations         compile the catalogs (.po -> .mo)"
	@echo "make translations-extract extract the strings of the code and templates into translations/messages.pot"
	@echo "make translations-update  merge translations/messages.pot into every catalog"
	@echo "make lint                 ruff, then mypy --strict on the pure cores (the ladder's rubric and indicators, budgeting/rules/)"
	@echo "make clean                remove caches, compiled catalogs and build files (keeps .venv and instance/)"

venv: $(INSTALLED)

$(INSTALLED): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --upgrade pip
	# torch's CPU build first, or argostranslate's dependencies pull a CUDA build.
	$(BIN)/python -m pip install $(PIP_EXTRA) 'torch==$(TORCH_CPU)'
	$(BIN)/python -m pip install -e '.[postgres,test,translate,serve]'
	touch $(INSTALLED)

translations: venv
	$(BIN)/pybabel compile -d translations

translations-extract: venv
	$(BIN)/pybabel extract -F babel.cfg -k _l -k N_ --no-location --sort-output \
		--project participation -o translations/messages.pot .

translations-update: venv
	$(BIN)/pybabel update -i translations/messages.pot -d translations --no-wrap \
		--no-fuzzy-matching

run: venv translations
	$(BIN)/flask --app participation demo
	$(BIN)/flask --app participation run --host $(HOST) --port $(PORT)

test: venv translations
	bash scripts/test.sh

# mypy reads its files (the pure cores) and strictness from [tool.mypy] in pyproject.toml.
lint: venv
	$(BIN)/ruff check .
	$(BIN)/mypy

clean:
	find . -path ./$(VENV) -prune -o -type d -name __pycache__ -exec rm -rf {} +
	rm -rf .pytest_cache .ruff_cache .mypy_cache .hypothesis test-artifacts build dist *.egg-info
	find translations -name '*.mo' -delete

bench: venv translations
	command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get install -y -q wrk; } || { echo "install wrk (Debian package wrk)"; exit 2; }
	$(BIN)/python -m benchmarks.translation
	$(BIN)/python -m benchmarks.map
	$(BIN)/python -m benchmarks.submit
	$(BIN)/python -m benchmarks.ballots
	$(BIN)/python -m benchmarks.budgeting --large
	$(BIN)/python -m benchmarks.timeline
