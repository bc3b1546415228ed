# Two commands set everything up on a fresh machine: `make run` and `make test`; `make demo` needs no token.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CONFIG ?= config/example.toml
DB ?= data/rumorbot.sqlite3

.PHONY: run test demo lint bench clean

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

test: lint
	$(BIN)/pytest -q

# The Xiaomi story replayed offline: fake Telegram, local feeds, the real bot; prints both users' chats.
demo: $(VENV)/.installed-dev
	$(BIN)/python -m tests.story

bench: $(VENV)/.installed-dev
	@for b in bench/*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache .import_linter_cache
