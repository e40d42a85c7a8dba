"""`make data` is deterministic and the shipped files are what it produces from data/sources."""

import importlib.util
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory):
    spec = importlib.util.spec_from_file_location("build_data", ROOT / "scripts" / "build_data.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = tmp_path_factory.mktemp("rebuilt")
    assert module.main(["--layers-dir", str(out / "layers"), "--events-dir", str(out / "events")]) == 0
    return out


@pytest.mark.parametrize("relative", sorted(
    str(p.relative_to(ROOT / "data")) for p in (ROOT / "data").glob("*/*")
    if p.parent.name in ("layers", "events")))
def test_shipped_file_is_byte_identical_to_a_rebuild(rebuilt, relative):
    assert (rebuilt / relative).read_bytes() == (ROOT / "data" / relative).read_bytes()


@pytest.mark.parametrize("name, dataset, cites", [
    ("ucdp_ged211_sahel.csv", "ucdp", "UCDP GED 21.1"),
    ("article_events.csv", "native", "Bassist"),
])
def test_shipped_event_files_are_clean_and_attributed(name, dataset, cites):
    from geo.events import load_events

    result = load_events(ROOT / "data" / "events" / name)
    assert len(result.rejects) == 0
    assert (result.events["dataset"] == dataset).all()
    assert result.events["source"].str.contains(cites, regex=False).all()
    assert result.events["geo_precision"].notna().all()
    if dataset == "ucdp":
        assert len(result.events) == 3888
        assert result.events["event_id"].str.fullmatch(r"\d+").all()  # GED ids kept
        assert set(result.events["source_event_type"]) == {
            "State-based violence", "Non-state violence", "One-sided violence"}
    else:
        assert len(result.events) == 22
        raw = pd.read_csv(ROOT / "data" / "events" / name, dtype=str, keep_default_na=False)
        assert raw["time_precision"].isin(["1", "2", "3"]).all()
