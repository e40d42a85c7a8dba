"""`make data` is deterministic and the shipped files are what it produces from data/sources."""

import importlib.util
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
import shapely
from shapely.geometry import box

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def build_data():
    spec = importlib.util.spec_from_file_location("build_data", ROOT / "scripts" / "build_data.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def rebuilt(build_data, tmp_path_factory):
    out = tmp_path_factory.mktemp("rebuilt")
    assert build_data.main(["--layers-dir", str(out / "layers"), "--events-dir", str(out / "events")]) == 0
    return out


@pytest.mark.ci  # rebuilds every layer (about 30 s): make test-ci
@pytest.mark.parametrize("relative", sorted(
    str(p.relative_to(ROOT / "data")) for p in (ROOT / "data").glob("*/*")
    if p.parent.name in ("layers", "events")))
def test_shipped_file_is_byte_identical_to_a_rebuild(rebuilt, relative):
    assert (rebuilt / relative).read_bytes() == (ROOT / "data" / relative).read_bytes()


@pytest.mark.parametrize("name, dataset, cites", [
    ("ucdp_ged211_sahel.csv", "ucdp", "UCDP GED 21.1"),
    ("article_events.csv", "native", "Bassist"),
    ("ucdp_ged241_mali.csv", "ucdp", "UCDP GED 24.1"),
])
def test_shipped_event_files_are_clean_and_attributed(name, dataset, cites):
    from geo.events import load_events

    result = load_events(ROOT / "data" / "events" / name)
    assert len(result.rejects) == 0
    assert (result.events["dataset"] == dataset).all()
    assert result.events["source"].str.contains(cites, regex=False).all()
    assert result.events["geo_precision"].notna().all()
    if name == "ucdp_ged241_mali.csv":  # SOURCES.md: 2,120 events, 1990-06-28 .. 2023-12-31
        assert len(result.events) == 2120
        assert str(result.events["event_date"].min().date()) == "1990-06-28"
        assert str(result.events["event_date"].max().date()) == "2023-12-31"
        per_year = result.events["event_date"].dt.year.value_counts()
        assert [per_year[y] for y in (2019, 2020, 2021, 2022, 2023)] == [199, 232, 215, 408, 319]
        deaths = result.events.groupby(result.events["event_date"].dt.year)["fatalities"].sum()
        assert [deaths[y] for y in (2021, 2022, 2023)] == [1287, 3650, 2109]
        assert (result.events["location"] != "").all()
    elif dataset == "ucdp":
        assert len(result.events) == 3888
        assert result.events["event_id"].str.fullmatch(r"\d+").all()  # GED ids kept
        assert set(result.events["source_event_type"]) == {
            "State-based violence", "Non-state violence", "One-sided violence"}
    else:
        assert len(result.events) == 22
        raw = pd.read_csv(ROOT / "data" / "events" / name, dtype=str, keep_default_na=False)
        assert raw["time_precision"].isin(["1", "2", "3"]).all()


# Edge-matching on hand-drawn squares (answers worked out by hand). Areas in square degrees.

def _units(rows):
    names, iso3s, geometries = zip(*rows, strict=True)
    return gpd.GeoDataFrame({"name": names, "iso3": iso3s}, geometry=list(geometries),
                            crs="EPSG:4326")


def _fitted(frame):
    return dict(zip(frame["name"], frame.geometry, strict=True))


def test_edge_match_an_overlap_goes_to_the_earlier_outline(build_data):
    # Mali 0..1 and Niger 0.9..2 overlap by a 0.1-wide strip; Mali is first in precedence
    fitted, report = build_data.edge_match(_units([
        ("Mali A", "MLI", box(0, 0, 1, 1)), ("Niger A", "NER", box(0.9, 0, 2, 1)),
    ]), {})
    got = _fitted(fitted)
    assert shapely.equals(got["Mali A"], box(0, 0, 1, 1))
    assert shapely.equals(got["Niger A"], box(1, 0, 2, 1))
    assert report["gaps"] == []


def test_edge_match_a_gap_goes_to_the_later_outline_split_by_nearest_region(build_data):
    # Mali is a "C" around a notch x 1..2, y 0..2; Burkina's two regions fill the notch from
    # x = 1.1, leaving a 0.1-wide gap along Mali's edge. Mali's line is the border, so the gap
    # goes to Burkina: its lower half to "Low", its upper half to "High".
    mali = shapely.difference(box(0, -1, 2, 3), box(1, 0, 2, 2))
    fitted, report = build_data.edge_match(_units([
        ("Mali C", "MLI", mali), ("Low", "BFA", box(1.1, 0, 2, 1)), ("High", "BFA", box(1.1, 1, 2, 2)),
    ]), {})
    got = _fitted(fitted)
    assert shapely.equals(got["Mali C"], mali)
    assert got["Low"].area == pytest.approx(0.9 + 0.1, abs=5e-4)  # seeds every 0.005°
    assert got["High"].area == pytest.approx(0.9 + 0.1, abs=5e-4)
    assert shapely.equals(shapely.union_all([got["Low"], got["High"]]), box(1, 0, 2, 2))
    assert [(g["between"], g["to"]) for g in report["gaps"]] == [(["BFA", "MLI"], "BFA")]


def test_edge_match_a_gap_next_to_an_unmapped_country_stays_outside(build_data):
    # the same notch, but closed on the right by a country outside our layers ("NGA"): the
    # gap between Burkina and Nigeria ranks Nigeria last, so nobody of ours takes it
    mali = shapely.difference(box(0, -1, 3, 3), box(1, 0, 3, 2))
    fitted, report = build_data.edge_match(_units([
        ("Mali C", "MLI", mali), ("Burkina", "BFA", box(1, 0, 2, 2)),
    ]), {"NGA": box(2.1, 0, 3, 2)})
    got = _fitted(fitted)
    assert shapely.equals(got["Burkina"], box(1, 0, 2, 2))
    assert [(g["between"], g["to"], g["mapped"]) for g in report["gaps"]] == [
        (["BFA", "MLI", "NGA"], "NGA", False)]


@pytest.mark.ci
def test_context_layers_carry_the_niger_the_senegal_and_every_key_town(rebuilt):
    rivers = gpd.read_file(rebuilt / "layers" / "rivers.geojson")
    assert {"Niger", "Sénégal"} <= set(rivers["name"])
    places = gpd.read_file(rebuilt / "layers" / "context_places.geojson")
    by_name = places.set_index("name")
    for town in ("Bamako", "Mopti", "Gao", "Kidal", "Niamey", "Ouagadougou", "Timbuktu"):
        assert town in by_name.index, town
    assert by_name.loc["Timbuktu", "name_fr"] == "Tombouctou"
    assert by_name.loc["Kidal", "source"].startswith("GeoNames")
    # Kidal from the gazetteer lies in Mali's Kidal region box, not at a typed coordinate
    kidal = by_name.loc["Kidal", "geometry"]
    assert 1.0 < kidal.x < 1.8 and 18.0 < kidal.y < 18.8
    assert (places["scalerank"].diff().dropna() >= 0).all()  # most important first


def test_mali_ged211_events_carry_ged241_names_precision_and_reports():
    """Every Mali event of the GED 21.1 extract is in UCDP's GED 24.1 download under its id
    (SOURCES.md); the extract's other countries have no source that names their places."""
    from geo.events import load_events

    events = load_events(ROOT / "data" / "events" / "ucdp_ged211_sahel.csv").events.set_index("event_id")
    mali = events["country"] == "Mali"
    assert mali.sum() == 891 and (events.loc[mali, "location"] != "").all()
    assert (events.loc[~mali, "location"] == "").all()
    ogossagou = events.loc["281679"]  # the Ogossagou massacre, 23 March 2019
    assert (ogossagou["location"], ogossagou["admin1"], ogossagou["admin2"]) == (
        "Ogossogou village", "Mopti region", "Bankass cercle")
    assert str(ogossagou["event_date"].date()) == "2019-03-23" and ogossagou["fatalities"] == 145
    assert (ogossagou["geo_precision"], ogossagou["time_precision"]) == (1, 1)
    assert (ogossagou["latitude"], ogossagou["longitude"]) == (14.0664, -3.45379)  # unmoved
    assert "Egossogou / Ogossogou village, Bankass district" in ogossagou["notes"]
    assert "UCDP GED 24.1" in ogossagou["source"] and "Reuters News, 2019-03-23" in ogossagou["source"]
    # GED 24.1 moved 290573 by 156 km (Raz el Ma, west of Timbuktu): its name goes with its point
    moved = events.loc["290573"]
    assert (moved["location"], moved["latitude"], moved["longitude"]) == (
        "Raz el Ma location", 16.605592, -4.459817)
    assert "GED 21.1 placed it 156.2 km away, at 16.770456, -3.005588" in moved["notes"]
