# unionkg: the two commands of the quick start, and their parts.
#   make sample   set up .venv and build the graph of the bundled sample pages into build/
#   make test     lint, then run the whole test suite against a real local Neo4j server
#   make test-fast  the offline tests only (no Neo4j, no browser, nothing slow)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export NEO4J_PASSWORD ?= unionkg-dev-password

.PHONY: sample test test-fast lint format setup eval eval-real clean chromium

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

# the real development set (examples/real/): rebuild its texts from saved pages, score both splits
#   make eval-real PAGES=/path/to/saved/pages
eval-real: setup
	@test -n "$(PAGES)" || { echo "usage: make eval-real PAGES=<folder of saved pages, <id>.txt>"; exit 2; }
	$(BIN)/python examples/real/regather.py --pages $(PAGES)
	@for split in dev test; do echo "== $$split, one article a file"; \
	  $(BIN)/unionkg eval --gold examples/real/$$split/gold examples/real/$$split/texts --misses 0 | tail -n 1; \
	  echo "== $$split, four articles a page"; \
	  $(BIN)/unionkg eval --gold examples/real/$$split/pages/gold examples/real/$$split/pages/texts --misses 0 | tail -n 1; done

# the server is stopped whatever pytest's outcome, and pytest's exit code is make's
test: lint chromium
	$(BIN)/unionkg neo4j start
	$(BIN)/python -m pytest $(PYTEST_ARGS); rc=$$?; $(BIN)/unionkg neo4j stop; exit $$rc

test-fast: setup
	$(BIN)/python -m pytest -m "not neo4j and not browser and not slow" $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# headless Chromium renders `unionkg view` pages in tests/test_view.py; the font gives the
# canvas its Chinese labels (CI runs as root on a fresh Debian machine)
chromium:
	@test -x /usr/bin/chromium -a -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc || { apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-wqy-microhei; }

clean:
	rm -rf build .pytest_cache
