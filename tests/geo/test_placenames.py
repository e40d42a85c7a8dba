"""One name per place (geo/placenames.py, data/place_names.toml)."""

import tomllib

import pytest

from geo.placenames import PLACE_NAMES_TOML, corrected, place_name


@pytest.mark.parametrize("name, lang, expected", [
    ("Lake Dbo", "en", "Lake Débo"), ("Lake Dbo", "fr", "Lac Débo"),
    ("Ndjamena", "en", "N'Djamena"), ("Ndjamena", "fr", "N'Djamena"), ("Lake Chad", "en", "Lake Chad"),
])
def test_natural_earth_names_are_corrected(name, lang, expected):
    assert corrected(name, lang) == expected


def test_every_correction_names_its_source():
    table = tomllib.loads(PLACE_NAMES_TOML.read_text("utf-8"))["natural_earth"]
    assert all(entry["source"] for corrections in table.values() for entry in corrections.values())


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_malis_towns_by_their_official_names_in_every_language(lang):
    assert place_name("Timbuktu", "Tombouctou", "MLI", lang) == "Tombouctou"
    assert place_name("Algiers", "Alger", "DZA", lang) == ("Alger" if lang == "fr" else "Algiers")
    assert place_name("Ndjamena", "N'Djamena", "TCD", lang) == "N'Djamena"
