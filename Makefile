# Two set-up commands on a fresh machine: `make run` and `make test`.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-postgres lint typecheck bench clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -qq --upgrade pip
	$(BIN)/pip install -qq -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)

# The main job: migrate the embedded SQLite database (./var), load the 博山区 2023 demo,
# print the admin password and serve http://127.0.0.1:8000
run: $(STAMP)
	$(BIN)/luoshi run

test: $(STAMP)
	$(BIN)/ruff check luoshi tests bench
	$(BIN)/mypy
	$(BIN)/pytest

# The pytest suite again on PostgreSQL (the tests that need row locks run only there):
#   make test-postgres DATABASE_URL=postgres://USER:PASSWORD@127.0.0.1:5432/DB   (.ci/run sets one up)
test-postgres: $(STAMP)
	@case "$$DATABASE_URL" in postgres://*|postgresql://*) ;; \
	  *) echo "make test-postgres: set DATABASE_URL=postgres://USER:PASSWORD@HOST:PORT/DB" >&2; exit 2;; esac
	DATABASE_URL="$$DATABASE_URL" $(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python bench/extract.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
