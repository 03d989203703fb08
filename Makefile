# Samenplan — `make run` to try it, `make test` to test it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
PYTEST_ARGS ?= -n auto --durations=20
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: vendor-css run test test-pg fuzz lint format bench pages audit lock clean messages demo setup backup restore cluster cluster-up cluster-down

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Development and tests install requirements/dev.txt; production installs only
# requirements/runtime.txt. Both are pinned with hashes (`make lock`).
$(VENV)/.installed: requirements/dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/dev.txt
	touch $@

# The .po files are the source; the compiled .mo files are made here, not kept in git.
MO := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po))
$(MO): $(wildcard locale/*/LC_MESSAGES/django.po) | $(VENV)/.installed
	DEBUG=1 $(BIN)/python manage.py compile_catalogues

setup: $(VENV)/.installed $(MO)

run: setup
	DEBUG=1 SAMENPLAN_DEMO=1 $(BIN)/python manage.py migrate --verbosity 0
	DEBUG=1 SAMENPLAN_DEMO=1 $(BIN)/python manage.py createcachetable
	DEBUG=1 SAMENPLAN_DEMO=1 $(BIN)/python manage.py demo
	@echo "Samenplan draait op http://127.0.0.1:$(PORT)/ (stoppen: Ctrl+C)"
	@echo "De achtergrondwerker verstuurt de e-mails; ze staan hieronder in de console."
	@DEBUG=1 SAMENPLAN_DEMO=1 $(BIN)/python manage.py db_worker --interval 1 --no-startup-delay & worker=$$!; \
	DEBUG=1 SAMENPLAN_DEMO=1 $(BIN)/python manage.py notices --every 300 --verbosity 0 & ticker=$$!; \
	trap 'kill $$worker $$ticker 2>/dev/null' EXIT INT TERM; \
	DEBUG=1 SAMENPLAN_DEMO=1 $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# The NL Design System's CSS is vendored (static/vendor/nl-design-system/); this
# downloads the pinned versions again (needs npm, not needed to run the app).
vendor-css:
	$(PYTHON) tools/vendor_nl_design_system.py

test: setup
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The same suite against the local PostgreSQL server.
test-pg: setup
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/samenplan} $(BIN)/python -m pytest $(PYTEST_ARGS)

# Hostile input with many fresh examples (not part of `make test`, which runs fixed
# and derandomized ones). Prints the seed; `SEED=<n> make fuzz` replays a run.
fuzz: setup
	@seed=$${SEED:-$$(date +%s)}; echo "Hypothesis seed: $$seed (replay with SEED=$$seed make fuzz)"; \
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest $(PYTEST_ARGS) --hypothesis-seed=$$seed -k hostile

# A consistent copy of the database of DATABASE_URL (default: the SQLite file), and
# back again into an empty database: `make restore FILE=backups/samenplan-….sqlite3`.
backup: setup
	$(BIN)/python manage.py backup $(FILE)

restore: setup
	@test -n "$(FILE)" || (echo "Usage: make restore FILE=backups/..."; exit 2)
	$(BIN)/python manage.py restore $(FILE)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Collect new and changed strings into every catalogue but Dutch (the source
# language; its small catalogue only rewords allauth's pages), then compile. New strings arrive empty or fuzzy; a test fails
# until they are translated.
TRANSLATIONS := $(filter-out nl,$(notdir $(wildcard locale/*)))
messages: setup
	DEBUG=1 $(BIN)/python manage.py makemessages $(addprefix --locale ,$(TRANSLATIONS)) --no-obsolete --no-location --ignore ".venv/*" --ignore "staticfiles/*" --ignore "*/tests/*" --ignore "bench/*"
	DEBUG=1 $(BIN)/python manage.py compile_catalogues

# The scale-out drill (not part of `make test`): nginx, two app servers, Redis,
# an RQ worker, a PostgreSQL primary and streaming replica, all made from nothing;
# load with one app server killed halfway; the table goes to bench/README.md.
cluster: setup
	$(BIN)/python bench/cluster.py drill

cluster-up: setup
	$(BIN)/python bench/cluster.py up

cluster-down: setup
	$(BIN)/python bench/cluster.py down

# Speed and load (not part of `make test`): prints the tables, keeps them in
# bench/README.md and bench/results.json. BENCH_ARGS="--families 100000" for the big run.
bench: setup
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# Every family page through Lighthouse (phone) and the Nu Html Checker, with the bytes
# a cold cache transfers: one table (bench/pages_check.py). The tools come from npm
# into .tools/ (Node.js, Java and Debian's chromium are needed). PAGES_ARGS="--limit 5".
pages: setup
	npm install --prefix .tools --no-audit --no-fund --silent lighthouse@12.8.2 vnu-jar@26.9.27
	$(BIN)/python bench/pages_check.py $(PAGES_ARGS)

# Known vulnerabilities in the pinned packages (asks PyPI's vulnerability data).
audit: setup
	$(BIN)/python -m pip install --quiet "pip-audit==2.10.1"
	$(BIN)/pip-audit --requirement requirements/runtime.txt --no-deps --disable-pip --progress-spinner off
	$(BIN)/pip-audit --requirement requirements/dev.txt --no-deps --disable-pip --progress-spinner off

# Recompute the pinned sets, with hashes, from pyproject.toml. Pins already in the
# files are kept unless pyproject.toml asks otherwise; UPGRADE=1 moves everything.
lock: setup
	$(BIN)/python -m pip install --quiet "pip-tools==7.6.2"
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-header $(if $(UPGRADE),--upgrade) -o requirements/runtime.txt pyproject.toml
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-header $(if $(UPGRADE),--upgrade) --extra dev -c requirements/runtime.txt -o requirements/dev.txt pyproject.toml

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache test-results
