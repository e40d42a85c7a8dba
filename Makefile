# The two commands a new user needs: `make map` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --quiet --quiet --disable-pip-version-check
RUNTIME := $(VENV)/.runtime-installed
TESTING := $(VENV)/.test-installed

.PHONY: map test test-fast test-ci test-js coverage-js data bench fuzz lint check-install clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip

# runtime dependencies only: enough to build maps
$(RUNTIME): pyproject.toml | $(PY)
	$(PIP) install -e .
	touch $(RUNTIME)

# plus pytest, selenium, hypothesis, ruff and the reference libraries the tests compare against
$(TESTING): $(RUNTIME)
	$(PIP) install -e '.[test]'
	touch $(TESTING)

map: $(RUNTIME)
	$(PY) build_map.py --out out/mali_conflict_map.html --png out/mali_conflict_map.png

# two workers (this machine has two cores); a test file stays on one worker, so its module
# fixtures (a built map, a browser page) are made once
test: $(TESTING) test-js
	./scripts/ensure_chromium.sh
	$(PY) -m pytest -n 2 --dist loadfile --no-loadscope-reorder -m "not ci"

test-fast: $(TESTING) test-js
	$(PY) -m pytest -n 2 --dist loadfile --no-loadscope-reorder -m "not browser and not slow and not ci"

# what CI runs after make test: every command the README shows, run as written, and data/
# rebuilt from data/sources byte for byte (a few minutes: outputs, not code paths)
test-ci: $(TESTING)
	$(PY) -m pytest -n 2 --dist loadfile --no-loadscope-reorder -m ci

# the pure browser files (layers/static/js/, before core.js in JS_FILES) under node 18+
test-js:
	node --test tests/js/*.test.js

# their line coverage, per file (node 20+)
coverage-js:
	node --test --experimental-test-coverage tests/js/*.test.js

data: $(RUNTIME)
	$(PY) scripts/build_data.py

# quick (a few minutes): 1k..1M on the repeated mix; the whole benchmark (both mixes, 10M on
# --engine dask): make bench BENCH_ARGS=--full
bench: $(TESTING)
	$(PY) bench/run.py $(BENCH_ARGS)
	$(PY) bench/redraw.py

fuzz: $(TESTING)
	HYPOTHESIS_PROFILE=fuzz $(PY) -m pytest tests/geo/test_fuzz.py -q

lint: $(TESTING)
	$(PY) -m ruff check .

# a non-editable install into a fresh venv, run from another directory (CI runs this)
check-install:
	./scripts/check_install.sh "$(PYTHON)"

clean:
	rm -rf out build $(VENV)
