"""What changed between two periods (--compare): a diverging choropleth of the change per
admin-1 region from window A to window B (geo/compare.py), and from the choropleth's
DISTRICT_ZOOM per district (cercle, department, province), with areas whose events are too
few to compare shown as such, and a classed legend of the level shown while the layer is on."""

from __future__ import annotations

import folium
import geopandas as gpd
import pandas as pd
from branca.element import MacroElement
from folium.template import Template

from layers._bundle import js_literal
from layers._geojson import safe_geojson
from layers.choropleth import DISTRICT_ZOOM, simplified_districts
from layers.i18n import catalogue, format_int, format_number, t

__all__ = ["build", "PALETTE", "TOO_FEW_COLOR"]

# ColorBrewer RdBu, 5 classes from -2 to 2: blue for a fall, red for a rise, white for little change
PALETTE = ("#2166ac", "#92c5de", "#f7f7f7", "#f4a582", "#b2182b")
TOO_FEW_COLOR = "#bdbdbd"


class _Legend(MacroElement):
    """A classed legend whose rows show only while their layer is on (legends.js, tied rows):
    the regions' classes below DISTRICT_ZOOM, the districts' from it (change.js switches)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        // once the page's scripts have run: the layer is on the map if it shows at start
        setTimeout(function () {
            var map = {{ this._parent._parent.get_name() }};
            SahelMap.changeLevels(map, {{ this._parent.get_name() }}, {{ this.regions }},
                {{ this.districts }}, {{ this.zoom }});
            SahelMap.classedLegend(map, {title: {{ this.title }}, note: {{ this.note }},
                bins: {{ this.bins }}.map(function (b) {
                    return b.slice(0, 2).concat([b[2] === 'regions' ? [{{ this.regions }}] :
                        b[2] === 'districts' ? [{{ this.districts }}] :
                        [{{ this.regions }}, {{ this.districts }}].filter(Boolean)]); })});
        }, 0);
        {% endmacro %}
    """)

    def __init__(self, title: str, note: str, bins: list[list[str]], regions: str, districts: str, zoom: int):
        super().__init__()
        self._name = "ChangeLegend"
        self.title, self.note, self.bins = js_literal(title), js_literal(note), js_literal(bins)
        self.regions, self.districts, self.zoom = regions, districts, int(zoom)


def _signed(lang: str, value: float) -> str:
    text = format_number(lang, abs(value), 0 if float(value).is_integer() else 2)
    return ("+" if value > 0 else "−" if value < 0 else "±") + text


def bins(lang: str, bounds: list[float], min_events: int, level: str = "") -> list[list[str]]:
    """The legend's rows: five classes, then "too few"; `level` ("regions", "districts") ties
    the classes to that level's layer (the "too few" row stands for both)."""
    e1, e2 = (_signed(lang, b)[1:] for b in bounds)
    labels = [t(lang, "change.fall_more", n=e2), t(lang, "change.fall", low=e1, high=e2),
              t(lang, "change.little", n=e1), t(lang, "change.rise", low=e1, high=e2),
              t(lang, "change.rise_more", n=e2)]
    return [[label, colour, level] for label, colour in zip(labels, PALETTE, strict=True)] + [
        [t(lang, "change.too_few", n=min_events), TOO_FEW_COLOR, ""]]


def _areas(areas: gpd.GeoDataFrame, rows: list[dict], key: list[str], metric: str, lang: str) -> gpd.GeoDataFrame:
    """The areas with their tooltip texts and fill; an area with no row had no event in either
    window, so it is too few to compare as well."""
    frame = areas[[*key, "geometry"]].merge(pd.DataFrame(rows, columns=[*key, "change_class", "events_a", "events_b",
                                                                        "killed_a", "killed_b", f"{metric}_change"]),
                                            on=key, how="left")
    frame["change_class"] = frame["change_class"].fillna(-9).astype(int)
    for column in ("events_a", "events_b", "killed_a", "killed_b"):
        frame[column] = frame[column].fillna(0).astype(int)
    frame["window_a"] = [t(lang, "change.counts", events=format_int(lang, e), killed=format_int(lang, k))
                         for e, k in zip(frame["events_a"], frame["killed_a"], strict=True)]
    frame["window_b"] = [t(lang, "change.counts", events=format_int(lang, e), killed=format_int(lang, k))
                         for e, k in zip(frame["events_b"], frame["killed_b"], strict=True)]
    frame["change"] = [t(lang, "change.too_few_short") if c == -9 else
                       _signed(lang, round(v, 2)) for c, v in
                       zip(frame["change_class"], frame[f"{metric}_change"].fillna(0), strict=True)]
    frame["fill"] = [TOO_FEW_COLOR if c == -9 else PALETTE[c + 2] for c in frame["change_class"]]
    return frame


def _layer(frame: gpd.GeoDataFrame, place: tuple[str, str], ids: list[str], metric: str) -> folium.GeoJson:
    """One level's areas; not in the layer control (the group is)."""
    columns = list(dict.fromkeys([place[1], *ids, "window_a", "window_b", "change", "fill", "geometry"]))
    layer = safe_geojson(
        frame[columns], name="", show=True,
        pane="change", style={},
        style_function=lambda f: {"color": "#525252", "weight": 0.6, "fillColor": f["properties"]["fill"],
                                  "fillOpacity": 0.85},
        tooltip=[place, ("change.window_a", "window_a"), ("change.window_b", "window_b"),
                 (f"change.metric_{metric}", "change")])
    layer.control = False
    return layer


def build(regions: gpd.GeoDataFrame, compare: dict, *, districts: gpd.GeoDataFrame | None = None,
          name: str = "What changed", show: bool = True, lang: str = "en") -> folium.FeatureGroup:
    """`compare` is the summary's "compare" (geo.compare.compare_summary); with `districts`
    (and the summary's districts), the page shows them from DISTRICT_ZOOM, as the choropleth."""
    metric = compare["metric"]
    group = folium.FeatureGroup(name=name, show=show)
    region_frame = _areas(regions, compare["regions"], ["iso3", "name"], metric, lang)
    region_layer = _layer(region_frame, ("field.region", "name"), ["iso3"], metric)
    group.add_child(region_layer)
    rows = bins(lang, compare["regions_bounds"], compare["min_events"], "regions")
    district_layer = None
    if districts is not None and len(districts) and "districts" in compare:
        simple = simplified_districts(districts)
        frame = _areas(simple, compare["districts"], ["pcode"], metric, lang)
        frame = frame.merge(pd.DataFrame(simple[["pcode", "name", "region", "iso3"]]), on="pcode", how="left")
        frame["place"] = [t(lang, f"popup.district_{iso3}", name=n, region=r) if f"popup.district_{iso3}" in
                          catalogue(lang) else n for n, r, iso3 in zip(frame["name"], frame["region"], frame["iso3"],
                                                                      strict=True)]
        district_layer = _layer(gpd.GeoDataFrame(frame, geometry="geometry", crs="EPSG:4326"),
                                ("popup.district", "place"), ["pcode"], metric)
        group.add_child(district_layer)
        rows = rows[:-1] + bins(lang, compare["districts_bounds"], compare["min_events"], "districts")
    a, b = (w.replace("..", " – ") for w in compare["windows"])
    note = t(lang, "change.note_levels" if district_layer is not None else "change.note", zoom=DISTRICT_ZOOM)
    group.add_child(_Legend(t(lang, f"change.title_{metric}", a=a, b=b), note, rows, region_layer.get_name(),
                            district_layer.get_name() if district_layer is not None else "null", DISTRICT_ZOOM))
    return group
