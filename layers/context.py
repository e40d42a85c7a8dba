"""Places and rivers: an offline base map of names (Natural Earth rivers, lakes, countries,
capitals and towns; Kidal from GeoNames), so a map without tiles still reads like a map.

Rivers and lakes are drawn as plain vector layers; names are one list of labels, each with
the zoom it may appear from and a priority, placed by layers/static/js/context.js so that
labels never overlap (the more important label wins).
"""

from __future__ import annotations

import geopandas as gpd
from folium.map import Layer
from folium.template import Template
from shapely.geometry import box

from geo.placenames import corrected, place_name
from layers._bundle import js_literal
from layers._geojson import geo_dict
from layers.i18n import t

__all__ = ["build", "labels", "FOCUS_ISO3", "RIVER_COLOR"]

FOCUS_ISO3 = "MLI"           # the map's country: its towns are labelled 3 zoom levels earlier
RIVER_COLOR = "#4a90c2"
LAKE_FILL = "#b7d3ea"
# Rivers with a label: Natural Earth's scalerank 0-4 (in this window: Niger, Sénégal, Bénoué, Bafing, Congo)
RIVER_LABEL_RANK = 4
SIMPLIFY_DEG = 0.005         # ~0.5 km: invisible below zoom 9, a third of the bytes


def _min_zoom(rank: float) -> int:
    """Natural Earth's scalerank (0 = most important) -> first zoom showing the label."""
    return int(min(10, max(3, rank + 1)))


def _place_labels(places: gpd.GeoDataFrame, lang: str) -> list[dict]:
    """geo.placenames: NAME_FR in French, NAME in English, Mali's towns by their official
    (French) names in every language (Tombouctou, not Timbuktu)."""
    out = []
    for row in places.itertuples(index=False):
        name = place_name(row.name, row.name_fr, row.iso3, lang)
        capital = row.featurecla.startswith("Admin-0 capital")
        rank = row.scalerank - (3 if row.iso3 == FOCUS_ISO3 else 0)
        out.append({
            "text": str(name), "lat": round(row.geometry.y, 4),
            "lon": round(row.geometry.x, 4), "kind": "capital" if capital else "town",
            "minZoom": _min_zoom(rank),
            # capitals first, then by rank, then the more populous
            "priority": (0 if capital else 2, rank, -int(row.pop_max or 0)),
        })
    return out


def _country_labels(countries: gpd.GeoDataFrame, lang: str) -> list[dict]:
    """At a point inside the part of each country near Mali (a label at Algeria's own
    centre would lie far off the map's first view)."""
    focus = countries[countries["iso3"] == FOCUS_ISO3].geometry.iloc[0]
    minx, miny, maxx, maxy = focus.bounds
    pad_x, pad_y = (maxx - minx) * 0.3, (maxy - miny) * 0.3
    window = box(minx - pad_x, miny - pad_y, maxx + pad_x, maxy + pad_y)
    out = []
    for iso3, geometry in zip(countries["iso3"], countries.geometry, strict=True):
        part = geometry.intersection(window)
        if part.is_empty:
            continue
        point = part.representative_point()
        out.append({"text": t(lang, f"country.{iso3}"), "lat": round(point.y, 4),
                    "lon": round(point.x, 4), "kind": "admin0", "minZoom": 3,
                    "priority": (1, 0, -int(part.area * 1000))})
    return out


def _water_labels(rivers: gpd.GeoDataFrame, lakes: gpd.GeoDataFrame, lang: str = "en") -> list[dict]:
    out = []
    named = rivers[(rivers["scalerank"] <= RIVER_LABEL_RANK) & rivers["name"].notna()
                   & (rivers["featurecla"] == "River")]
    for name, group in named.groupby("name", sort=True):
        line = group.geometry.union_all()
        longest = max(getattr(line, "geoms", [line]), key=lambda g: g.length)
        point = longest.interpolate(0.5, normalized=True)
        out.append({"text": str(name), "lat": round(point.y, 4), "lon": round(point.x, 4),
                    "kind": "river", "minZoom": _min_zoom(group["scalerank"].min()),
                    "priority": (3, int(group["scalerank"].min()), 0)})
    for row in lakes[lakes["name"].notna()].itertuples(index=False):
        point = row.geometry.representative_point()
        out.append({"text": corrected(str(row.name), lang), "lat": round(point.y, 4), "lon": round(point.x, 4),
                    "kind": "lake", "minZoom": _min_zoom(row.scalerank),
                    "priority": (3, int(row.scalerank), 0)})
    return out


def labels(places: gpd.GeoDataFrame, countries: gpd.GeoDataFrame, rivers: gpd.GeoDataFrame,
           lakes: gpd.GeoDataFrame, *, lang: str = "en") -> list[dict]:
    """Every label, most important first (the order the browser places them in)."""
    every = (_place_labels(places, lang) + _country_labels(countries, lang)
             + _water_labels(rivers, lakes, lang))
    every.sort(key=lambda label: (label["priority"], label["text"]))
    return [{k: v for k, v in label.items() if k != "priority"} for label in every]


def _geojson(frame: gpd.GeoDataFrame) -> dict:
    frame = frame[["name", "scalerank", "geometry"]].copy()
    frame["geometry"] = frame.geometry.simplify(SIMPLIFY_DEG, preserve_topology=True)
    frame["name"] = frame["name"].astype(object).where(frame["name"].notna(), None)
    return geo_dict(frame)


class ContextLayer(Layer):
    """One SahelMap.contextLayer: rivers, lakes and collision-free labels."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = SahelMap.contextLayer({{ this._parent.get_name() }}, {{ this.options_js }});
        {% endmacro %}
    """)

    def __init__(self, *, name: str, show: bool, options: dict):
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "ContextLayer"
        self.options_js = js_literal(options)


def build(places: gpd.GeoDataFrame, countries: gpd.GeoDataFrame, rivers: gpd.GeoDataFrame,
          lakes: gpd.GeoDataFrame, *, name: str = "Places and rivers", show: bool = False,
          lang: str = "en", on_tile_error: bool = True) -> ContextLayer:
    """The overlay; with `on_tile_error` it switches itself on when base-map tiles fail
    (unless the reader has turned it off)."""
    return ContextLayer(name=name, show=show, options={
        "rivers": _geojson(rivers[rivers["featurecla"] == "River"]),
        "lakes": _geojson(lakes),
        "labels": labels(places, countries, rivers, lakes, lang=lang),
        "riverColor": RIVER_COLOR, "lakeFill": LAKE_FILL, "onTileError": on_tile_error,
    })


