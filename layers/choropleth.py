"""Events per admin-1 region in Fisher–Jenks classes, with a classed legend.

The page recounts and reclasses the regions for the time window and the filters, and offers
three measures: events, fatalities, and events per 10,000 km² of the region's area (area_km2,
measured in the equal-area CRS of geo/crs.py); see layers/static/js/live.js, whose classes
(jenks.js) follow `classify` step by step (tests/data/shared_cases/jenks.json checks both).  The classes written here are those of the whole map.
"""

from __future__ import annotations

import folium
import geopandas as gpd
import numpy as np
from branca.element import MacroElement
from folium.template import Template

from layers._bundle import js_literal
from layers._geojson import safe_geojson

__all__ = ["build", "classify", "fisher_jenks_breaks", "district_features", "simplified_districts"]

# ColorBrewer Blues, the 5 darker of 6 classes (the palest read as "no data" over the map);
# the heatmap keeps yellow-red, so the two never read alike. Regions with no events get
# their own pale grey class.
PALETTE = ("#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c")
ZERO_COLOR = "#f7f7f7"
METRICS = ("events", "killed", "density")  # density: events per 10,000 km² (live.js METRICS)
# From this zoom the choropleth shows districts (cercles, departments, provinces) instead of
# regions. The page's copy of the district lines is simplified by 0.01° (about 1 km; GEOS
# coverage simplification, shared lines stay shared) on a 1e-4° grid: 0.3 MB, not 1.5 MB.
DISTRICT_ZOOM = 7
DISTRICT_PAGE_TOLERANCE_DEG = 0.01


def fisher_jenks_breaks(values: np.ndarray, k: int) -> np.ndarray:
    """Upper bounds of the `k` classes minimising the within-class sum of squares (exact
    Fisher-Jenks, as mapclassify.FisherJenks; tests check they agree). Our own few lines
    because importing mapclassify (scipy.stats, sklearn) costs 1.3 s per build for ~80 values."""
    x = np.sort(np.asarray(values, dtype=float))
    n = len(x)
    prefix, prefix2 = np.concatenate([[0], np.cumsum(x)]), np.concatenate([[0], np.cumsum(x * x)])

    def cost(i: int, j: int) -> float:  # sum of squares of x[i:j]
        total = prefix[j] - prefix[i]
        return prefix2[j] - prefix2[i] - total * total / (j - i)

    best = np.full((k + 1, n + 1), np.inf)
    split = np.zeros((k + 1, n + 1), dtype=int)
    best[0, 0] = 0.0
    for classes in range(1, k + 1):
        for j in range(classes, n + 1):
            for i in range(classes - 1, j):
                candidate = best[classes - 1, i] + cost(i, j)
                if candidate < best[classes, j]:
                    best[classes, j], split[classes, j] = candidate, i
    bounds, j = [], n
    for classes in range(k, 0, -1):
        bounds.append(x[j - 1])
        j = split[classes, j]
    return np.array(bounds[::-1])


def classify(counts: np.ndarray, k: int = 5) -> tuple[np.ndarray, list[tuple[str, str]]]:
    """Class index per region (-1 for zero) and legend bins [(label, colour)]."""
    counts = np.asarray(counts, dtype=float)
    positive = counts[counts > 0]
    classes = np.full(len(counts), -1)
    bins: list[tuple[str, str]] = [("0", ZERO_COLOR)]
    if not len(positive):
        return classes, bins
    k = max(1, min(k, len(np.unique(positive))))
    if k == len(np.unique(positive)):
        upper = np.unique(positive)
    else:
        upper = fisher_jenks_breaks(positive, k)
    upper = np.unique(upper)
    classes[counts > 0] = np.searchsorted(upper, counts[counts > 0], side="left")
    palette = PALETTE[-len(upper):] if len(upper) < len(PALETTE) else PALETTE
    lower = 1
    for i, top in enumerate(upper):
        label = f"{lower:,.0f}" if lower == top else f"{lower:,.0f}–{top:,.0f}"
        bins.append((label, palette[i]))
        lower = int(top) + 1
    return classes, bins


class _Live(MacroElement):
    """The page recounts and reclasses the layer; its legend shows only while the layer is on."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        SahelMap.liveChoropleth({{ this._parent._parent.get_name() }},
            {{ this._parent.get_name() }}, {{ this.options_js }});
        {% endmacro %}
    """)

    def __init__(self, metric: str, districts: dict | None = None, district_zoom: int = DISTRICT_ZOOM,
                 note: str = ""):
        super().__init__()
        self._name = "ChoroplethLive"
        self.options_js = js_literal({"palette": list(PALETTE), "zeroColor": ZERO_COLOR,
                                      "k": len(PALETTE), "metric": metric,
                                      **({"districts": districts, "districtZoom": district_zoom}
                                         if districts else {}), **({"note": note} if note else {})})


def simplified_districts(districts: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The districts as the page draws them: simplified (DISTRICT_PAGE_TOLERANCE_DEG), with
    the properties the tooltips and the live counts use."""
    import shapely

    geometries = districts.geometry.values
    try:
        simple = shapely.coverage_simplify(geometries, DISTRICT_PAGE_TOLERANCE_DEG)
    except shapely.errors.GEOSException:  # not a clean coverage: each on its own
        simple = shapely.simplify(geometries, DISTRICT_PAGE_TOLERANCE_DEG, preserve_topology=True)
    return gpd.GeoDataFrame(
        districts[["name", "pcode", "kind", "region", "iso3", "area_km2"]].reset_index(drop=True),
        geometry=list(shapely.set_precision(simple, 1e-4)), crs=districts.crs)


def district_features(districts: gpd.GeoDataFrame) -> dict:
    """simplified_districts as GeoJSON."""
    from layers._geojson import geo_dict

    return geo_dict(simplified_districts(districts))


def build(regions: gpd.GeoDataFrame, counts: dict[tuple[str, str], int], *,
          name: str = "Events per region (choropleth)", show: bool = False,
          metric: str = "events", districts: gpd.GeoDataFrame | None = None,
          district_zoom: int = DISTRICT_ZOOM, note: str = "") -> folium.GeoJson:
    """The regions' choropleth; with `districts`, the page switches to them from
    `district_zoom` (layers/static/js/live.js), counted live like the regions. `note` is a
    line of the legend saying what is counted (a table of counts' source)."""
    if metric not in METRICS:
        raise ValueError(f"choropleth metric {metric!r} is not one of {', '.join(METRICS)}")
    frame = regions[["name", "country", "iso3", "area_km2", "geometry"]].copy()
    frame["events"] = [counts.get((i, n), 0) for i, n in zip(frame["iso3"], frame["name"], strict=True)]
    classes, bins = classify(frame["events"].to_numpy())
    frame["fill"] = [bins[c + 1][1] for c in classes]
    # no tooltip here: the page binds one with the live counts (layers/static/js/live.js)
    layer = safe_geojson(
        frame, name=name, show=show, pane="choropleth", style={},
        style_function=lambda f: {"color": "#525252", "weight": 0.6,
                                  "fillColor": f["properties"]["fill"], "fillOpacity": 0.85},
    )
    layer.add_child(_Live(metric, district_features(districts) if districts is not None and len(districts)
                          else None, district_zoom, note))
    return layer
