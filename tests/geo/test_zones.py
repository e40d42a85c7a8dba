"""Zones from zones.toml: exact membership, clear errors, and a hand-checked border band."""

import tomllib

import geopandas as gpd
import pytest
from shapely.geometry import LineString, box

from geo.boundaries import load_layer
from geo.crs import area_km2
from geo.errors import ConfigError
from geo.zones import ZONES_TOML, border_band, conflict_zones, load_zone_config, spillover_regions


@pytest.fixture(scope="module")
def admin1():
    return load_layer("admin1_regions")


def test_each_zone_has_exactly_the_members_in_zones_toml(admin1):
    raw = tomllib.loads(ZONES_TOML.read_text("utf-8"))
    zones = conflict_zones(admin1, load_zone_config(admin1)).set_index("zone")
    assert zones.loc["north", "members"].split(", ") == raw["north"]["regions"]
    assert zones.loc["central", "members"].split(", ") == raw["central"]["regions"]
    assert zones.loc["central", "members"] == "Mopti, Ségou"
    spill = spillover_regions(admin1, load_zone_config(admin1))
    expected = {("BFA", n) for n in raw["spillover"]["regions"]["BFA"]} | {
        ("NER", n) for n in raw["spillover"]["regions"]["NER"]}
    assert set(zip(spill["iso3"], spill["name"], strict=True)) == expected


def test_shipped_zone_layer_matches_the_derivation(admin1):
    shipped = load_layer("conflict_zones").set_index("zone")
    derived = conflict_zones(admin1, load_zone_config(admin1)).set_index("zone")
    assert shipped.loc["north", "members"] == "Tombouctou, Gao, Kidal, Ménaka"
    for zone in ("north", "central"):
        assert shipped.loc[zone, "area_km2"] == pytest.approx(derived.loc[zone, "area_km2"], rel=1e-4)


def test_unknown_region_names_the_file_the_name_and_the_closest(admin1, tmp_path):
    text = ZONES_TOML.read_text("utf-8").replace('"Mopti"', '"Moptii"').replace('"Tahoua"', '"Tahua"')
    path = tmp_path / "zones.toml"
    path.write_text(text, "utf-8")
    with pytest.raises(ConfigError) as excinfo:
        load_zone_config(admin1, path)
    message = str(excinfo.value)
    assert str(path) in message
    assert "'Moptii'" in message and "did you mean 'Mopti'" in message
    assert "'Tahua'" in message and "'Tahoua'" in message


def test_border_band_on_a_hand_checked_square():
    # A 2° x 2° "country" at the equator and a border along its northern edge (lat 1):
    # the band of 55.3 km is the top half-degree strip: 2° x 0.5° ≈ 222.6 km x 55.3 km.
    country = gpd.GeoDataFrame(geometry=[box(0, -1, 2, 1)], crs="EPSG:4326")
    border = gpd.GeoDataFrame(geometry=[LineString([(0, 1), (2, 1)])], crs="EPSG:4326")
    band = border_band(country, border, 55.3)
    assert area_km2(band.geometry)[0] == pytest.approx(222.6 * 55.3, rel=0.02)
    assert band.geometry.iloc[0].bounds[1] == pytest.approx(0.5, abs=0.01)


def test_border_band_width_must_be_positive():
    country = gpd.GeoDataFrame(geometry=[box(0, 0, 1, 1)], crs="EPSG:4326")
    with pytest.raises(ConfigError, match="positive"):
        border_band(country, country.boundary.to_frame("geometry"), 0)
