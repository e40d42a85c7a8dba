"""Shared fixtures. Real data files are reached only through these fixtures."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TODAY = dt.date(2026, 11, 27)  # fixed "today" so that future-date checks are reproducible


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def bad_dir() -> Path:
    return ROOT / "tests" / "data" / "bad"


@pytest.fixture(scope="session")
def real_dir() -> Path:
    """Real-layout ACLED/HDX/UCDP fixtures; origins in tests/data/real/SOURCES.md."""
    return ROOT / "tests" / "data" / "real"


@pytest.fixture(scope="session")
def hostile_dir() -> Path:
    return ROOT / "tests" / "data" / "hostile"


@pytest.fixture(scope="session")
def ucdp_sample() -> Path:
    """29 real UCDP GED 23.1 rows with all 49 columns (see data/sources/SOURCES.md)."""
    return ROOT / "data" / "sources" / "events" / "ucdp_ged231_sample_sahel_uncertainUCDP.csv"


@pytest.fixture(scope="session")
def default_prepared():
    import build_map

    return build_map._prepare(build_map.options())


@pytest.fixture(scope="session")
def default_map(tmp_path_factory) -> Path:
    """The default map, built once through the CLI; beside it the run's summary, rejects and
    joined table (mali_conflict_map_summary.json, _rejects.csv, _joined.csv)."""
    import build_map

    out = tmp_path_factory.mktemp("default") / "mali_conflict_map.html"
    assert build_map.main(["--quiet", "--out", str(out), "--joined", str(out.with_name(out.stem + "_joined.csv"))]) == 0
    return out


@pytest.fixture(scope="session")
def hdx_counts_map(tmp_path_factory, real_dir) -> tuple[Path, dict]:
    """The map of HDX's aggregated ACLED fixture (a table of counts, geo/counts.py), built once
    through the CLI: the page and its summary."""
    import json

    import build_map

    out = tmp_path_factory.mktemp("hdx_counts") / "counts.html"
    summary = out.with_suffix(".json")
    assert build_map.main(["--quiet", "--events", str(real_dir / "hdx_acled_counts_sahel.xlsx"),
                           "--out", str(out), "--summary", str(summary)]) == 0
    return out, json.loads(summary.read_text("utf-8"))


def pytest_collection_modifyitems(config, items):
    """Files with browser or slow tests first, then the command line's own files (tests/test_*.py:
    each builds many maps), then the rest. `make test` hands whole files to two workers in this
    order (`--dist loadfile --no-loadscope-reorder`), each worker holding one file in reserve: a
    long file handed out last would keep one core busy while the other waits."""
    heavy = {item.nodeid.split("::")[0] for item in items
             if any(item.get_closest_marker(mark) for mark in ("browser", "slow", "ci"))}

    def order(item) -> tuple[bool, bool]:
        path = item.nodeid.split("::")[0]
        return path not in heavy, path.count("/") > 1

    items.sort(key=order)
