"""One name per place in every output: the map's labels, the figures and the report.

Mali's towns by their official French names in every language (Tombouctou, as COD-AB, the
regions and the events write them); other places by Natural Earth's NAME in English and
NAME_FR in French; Natural Earth 4.0.0's damaged names corrected from data/place_names.toml,
where each correction names its source.
"""

from __future__ import annotations

import tomllib
from functools import cache

from geo.errors import ConfigError
from geo.paths import DATA_DIR

__all__ = ["PLACE_NAMES_TOML", "OFFICIAL_FRENCH_ISO3", "corrected", "place_name"]

PLACE_NAMES_TOML = DATA_DIR / "place_names.toml"
OFFICIAL_FRENCH_ISO3 = "MLI"  # the map's country: its towns by their official names


@cache
def _corrections() -> dict[str, dict[str, str]]:
    try:
        raw = tomllib.loads(PLACE_NAMES_TOML.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{PLACE_NAMES_TOML}: cannot read the place-name corrections: {exc}") from None
    out: dict[str, dict[str, str]] = {}
    for lang, table in raw.get("natural_earth", {}).items():
        missing = [k for k, v in table.items() if not v.get("name") or not v.get("source")]
        if missing:
            raise ConfigError(f"{PLACE_NAMES_TOML} [natural_earth.{lang}]: {', '.join(missing)} need a "
                              "name and a source")
        out[lang] = {k: v["name"] for k, v in table.items()}
    return out


def corrected(name: str, lang: str = "en") -> str:
    """A Natural Earth name as every output writes it in `lang` (English corrections are
    the fallback of other languages)."""
    table = _corrections()
    return table.get(lang, {}).get(name) or table.get("en", {}).get(name) or name


def place_name(name, name_fr, iso3: str, lang: str = "en") -> str:
    """A Natural Earth place's label: NAME_FR in French and for Mali's towns, else NAME."""
    french = lang == "fr" or iso3 == OFFICIAL_FRENCH_ISO3
    chosen = name_fr if french and isinstance(name_fr, str) and name_fr else name
    return corrected(str(chosen), lang)
