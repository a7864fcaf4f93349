# unionkg: the two commands of the quick start, and their parts.
#   make sample   set up .venv and build the graph of the bundled sample pages into build/
#   make test     run the whole test suite against a real local Neo4j server
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export NEO4J_PASSWORD ?= unionkg-dev-password

.PHONY: sample test setup eval clean

$(BIN)/unionkg: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

setup: $(BIN)/unionkg

sample: setup
	$(BIN)/unionkg build examples/pages --out build

eval: setup
	$(BIN)/unionkg eval --gold examples/gold examples/pages

test: setup
	$(BIN)/python -m pytest $(PYTEST_ARGS)

clean:
	rm -rf build .pytest_cache
