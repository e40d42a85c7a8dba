"""The shipped layers checked like code: schema, CRS, validity, attribution, and real facts."""

import json

import pytest
import shapely

from geo.boundaries import LAYER_NAMES, LAYERS_DIR, _load, layer_metadata, load_layer
from geo.crs import area_km2
from geo.errors import DataError

EXPECTED_COLUMNS = {
    "mali_regions": {"name", "iso3", "iso_3166_2", "pcode", "attribution", "area_km2"},
    "admin1_regions": {"name", "iso3", "country", "attribution", "area_km2"},
    "countries": {"name", "iso3", "attribution", "area_km2"},
    "algeria_mali_border": {"name", "length_km", "attribution"},
    "border_band": {"name", "width_km", "area_km2"},
    "conflict_zones": {"zone", "name", "members", "area_km2"},
    "spillover": {"name", "iso3", "country", "attribution", "area_km2"},
    "admin2_districts": {"name", "pcode", "kind", "region", "region_pcode", "iso3", "country",
                         "attribution", "area_km2"},
    "admin3_communes": {"name", "pcode", "cercle", "cercle_pcode", "region", "iso3", "attribution",
                        "area_km2"},
    "places": {"name", "country", "geonameid", "attribution", "alternatenames"},
    # Natural Earth context (Kidal from GeoNames): the "Places and rivers" overlay and the figures
    "rivers": {"name", "featurecla", "scalerank", "attribution"},
    "lakes": {"name", "featurecla", "scalerank", "attribution"},
    "context_places": {"name", "name_fr", "iso3", "featurecla", "scalerank", "pop_max", "attribution"},
}
CONTEXT_LAYERS = ("context_places", "rivers", "lakes")  # the window reaches the Equator


@pytest.mark.parametrize("name", LAYER_NAMES)
def test_layer_is_valid_wgs84_with_schema_and_attribution(name):
    layer = load_layer(name)
    assert layer.crs.to_epsg() == 4326
    assert len(layer) > 0
    assert shapely.is_valid(layer.geometry.values).all()
    assert EXPECTED_COLUMNS[name] <= set(layer.columns)
    assert layer_metadata(name)["attribution"]
    minx, miny, maxx, maxy = layer.total_bounds
    south = 0 if name in CONTEXT_LAYERS else 4
    assert -20 <= minx <= maxx <= 26 and south <= miny <= maxy <= 38  # Libya reaches 25°E


def test_feature_counts():
    assert len(load_layer("mali_regions")) == 10
    assert len(load_layer("conflict_zones")) == 2
    assert len(load_layer("spillover")) == 7
    assert len(load_layer("algeria_mali_border")) == 1
    assert set(load_layer("countries")["iso3"]) >= {"MLI", "DZA", "BFA", "NER", "MRT"}


def test_mali_area_within_two_percent_of_official_figure():
    # Official area 1,240,192 km² (Mali national statistics, as quoted by the CIA World Factbook)
    total = area_km2(load_layer("mali_regions").geometry).sum()
    assert total == pytest.approx(1_240_192, rel=0.02)


def test_algeria_mali_border_length():
    # Reference 1,359 km; the COD-AB outline measures 1,353.1 km (data/sources/SOURCES.md)
    length = load_layer("algeria_mali_border")["length_km"].iloc[0]
    assert 1300 <= length <= 1400
    assert length == pytest.approx(1353.1, abs=0.5)


# Reference for the regions: ISO 3166-2:ML, ISO 3166-2:BF, ISO 3166-2:NE and the region pages
# of Wikipedia ("Regions of Mali", "Regions of Burkina Faso", "Regions of Niger"), which put
# each town below in the region named here. Coordinates come from the places layer (GeoNames).
@pytest.mark.parametrize("town, iso3, region", [
    ("Tessalit", "MLI", "Kidal"),
    ("Aguelhok", "MLI", "Kidal"),
    ("Kidal", "MLI", "Kidal"),
    ("Gao", "MLI", "Gao"),
    ("Ménaka", "MLI", "Ménaka"),
    ("Timbuktu", "MLI", "Tombouctou"),
    ("Taoudenni", "MLI", "Tombouctou"),  # Taoudénit region is inside Tombouctou in this frame
    ("Mopti", "MLI", "Mopti"),
    ("Douentza", "MLI", "Mopti"),
    ("Ségou", "MLI", "Ségou"),
    ("Kati", "MLI", "Koulikoro"),
    ("Bamako", "MLI", "Bamako"),
    ("Djibo", "BFA", "Sahel"),
    ("Dori", "BFA", "Sahel"),
    ("Ouahigouya", "BFA", "Nord"),
    ("Tillabéri", "NER", "Tillabéri"),
    ("Tahoua", "NER", "Tahoua"),
    ("Tlemcen", "DZA", "Tlemcen"),
])
def test_towns_fall_in_their_reference_region(town, iso3, region):
    places = load_layer("places").set_index("name")
    point = places.loc[town, "geometry"]
    admin1 = load_layer("admin1_regions")
    hits = admin1[admin1.contains(point)]
    assert list(zip(hits["iso3"], hits["name"], strict=True)) == [(iso3, region)]


def test_there_are_two_gaos_and_we_took_mali_s():
    places = load_layer("places").set_index("name")
    assert places.loc["Gao", "country"] == "ML"
    assert places.loc["Gao", "geonameid"] == 2457163


def test_loader_refuses_a_geojson_without_crs(tmp_path):
    source = json.loads((LAYERS_DIR / "border_band.geojson").read_text("utf-8"))
    del source["crs"]
    path = tmp_path / "border_band.geojson"
    path.write_text(json.dumps(source), "utf-8")
    with pytest.raises(DataError, match="has no CRS member"):
        _load(path)

