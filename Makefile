# CareerDesk developer commands. `make run` and `make test` set everything up on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
DIST_STAMP := $(VENV)/.dist-stamp
EXTRAS ?= test,pg

.PHONY: run test faults lint format bench dist dist-test selftest clean mutation

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[$(EXTRAS)]'
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/careerdesk

# pytest exits 5 when it collects no tests (e.g. a filtered run); that is not a failure.
# Tests run in parallel (pytest-xdist, one worker per core) and in random order
# (pytest-randomly; the seed is printed at the top: repeat an order with
# PYTEST_ARGS=--randomly-seed=N, keep the file order with PYTEST_ARGS="-p no:randomly").
# worksteal: an idle worker takes tests queued on a busy one, so the few long tests (the
# screen walks, the start-up trace, the PostgreSQL races) do not leave a core idle at the end.
PYTEST_XDIST ?= -n auto --dist worksteal
# Bytecode caches on, whatever the shell says (containers often set PYTHONDONTWRITEBYTECODE):
# without them every worker and each of the ~40 subprocesses the tests start (the CLI, the
# self-test, the start-up trace) compiles every module again — 80 s of a 6.5-minute run here.
TEST_ENV := env -u PYTHONDONTWRITEBYTECODE QT_QPA_PLATFORM=offscreen
test: $(STAMP)
	$(TEST_ENV) $(BIN)/python -m pytest $(PYTEST_XDIST) $(PYTEST_ARGS); rc=$$?; \
	  if [ $$rc -eq 5 ]; then echo "no tests collected"; exit 0; fi; exit $$rc

# The fault-injection suite (kill -9 during imports, backup, restore, calendar push) and the
# process races (two or three processes importing at once, a restore during a 10,000-row
# import): slow, so `make test` leaves them out (pyproject addopts `-m "not faults and not
# races"`); CI runs them after `make test`, on SQLite and PostgreSQL.
faults: $(STAMP)
	$(TEST_ENV) $(BIN)/python -m pytest $(PYTEST_XDIST) -m "faults or races" tests $(PYTEST_ARGS)

# Mutation testing of the pure rule modules (tools/mutation.toml lists them and their
# tests); writes mutation-report.json. Long: pick modules with
# MUTATION_ARGS="--module fit_rules" or "--changed-since origin/main".
MUTATION_ARGS ?=
mutation: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[$(EXTRAS),mutation]'
	$(BIN)/python tools/mutation.py $(MUTATION_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check careerdesk tests benchmarks tools packaging
	$(BIN)/ruff format --check careerdesk tests benchmarks tools packaging
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff format careerdesk tests benchmarks tools packaging
	$(BIN)/ruff check --fix careerdesk tests benchmarks tools packaging

selftest: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/careerdesk self-test

bench: $(STAMP)
	@for b in benchmarks/*.py; do \
	  case $$b in */_*) continue;; esac; \
	  echo "== $$b"; QT_QPA_PLATFORM=offscreen $(BIN)/python $$b || exit 1; \
	done

$(DIST_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[$(EXTRAS),dist]'
	@touch $(DIST_STAMP)

# The one-folder bundle dist/CareerDesk (and dist/CareerDesk.app on macOS); see build.spec.
# On Linux the build also wants binutils and icu-devtools (see packaging/pyinstaller).
dist: $(DIST_STAMP)
	$(BIN)/python -m PyInstaller --noconfirm --clean build.spec

# Prove the bundle works from inside the bundle: its own self-test, then the packaging tests.
dist-test: $(STAMP)
	QT_QPA_PLATFORM=offscreen QT_LOGGING_RULES="qt.multimedia.symbolsresolver=false" \
	  dist/CareerDesk/careerdesk self-test
	CAREERDESK_BUNDLE=dist/CareerDesk QT_QPA_PLATFORM=offscreen \
	  $(BIN)/python -m pytest -q tests/packaging/test_bundle.py

clean:
	rm -rf build dist .pytest_cache
