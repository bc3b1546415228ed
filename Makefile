# Two commands set everything up on a fresh machine: `make run` and `make test`; `make demo` needs no token.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CONFIG ?= config/example.toml
DB ?= data/rumorbot.sqlite3

.PHONY: run test demo lint bench clean postgres-binaries

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml $(BIN)/activate
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(BIN)/activate
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(VENV)/.installed $@

run: $(VENV)/.installed
	@mkdir -p $(dir $(DB))
	RUMORBOT_DB=$${RUMORBOT_DB:-$(DB)} $(BIN)/rumorbot run --config $(CONFIG)

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint postgres-binaries
	$(BIN)/pytest -q

# The PostgreSQL tests start a throw-away server of their own (tests/pg.py) and need the server's
# binaries: Debian's `postgresql` package, installed here when it is missing and apt-get can.
postgres-binaries:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 || \
	  { echo "installing the PostgreSQL server (apt-get install postgresql)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; } || \
	  echo "no PostgreSQL server binaries: the PostgreSQL tests will fail and say why"

# The Xiaomi story replayed offline: fake Telegram, local feeds, the real bot; prints both users' chats.
demo: $(VENV)/.installed-dev
	$(BIN)/python -m tests.story

bench: $(VENV)/.installed-dev
	@for b in bench/*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache .import_linter_cache
