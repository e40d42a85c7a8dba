# The two commands a new user needs: `make map` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: map test data bench fuzz lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

map: $(STAMP)
	$(PY) build_map.py --out out/mali_conflict_map.html --png out/mali_conflict_map.png

test: $(STAMP)
	./scripts/ensure_chromium.sh
	$(PY) -m pytest

data: $(STAMP)
	$(PY) scripts/build_data.py

bench: $(STAMP)
	$(PY) bench/run.py

fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(PY) -m pytest tests/geo/test_fuzz.py -q

lint: $(STAMP)
	$(PY) -m ruff check .

clean:
	rm -rf out $(VENV)
