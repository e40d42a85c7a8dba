"""What changed between two periods (--compare): a diverging choropleth of the change per
admin-1 region from window A to window B (geo/compare.py), with regions whose events are too
few to compare shown as such, and a classed legend shown while the layer is on."""

from __future__ import annotations

import folium
import geopandas as gpd
import pandas as pd
from branca.element import MacroElement
from folium.template import Template

from layers._bundle import js_literal
from layers._geojson import safe_geojson
from layers.i18n import format_int, format_number, t

__all__ = ["build", "PALETTE", "TOO_FEW_COLOR"]

# ColorBrewer RdBu, 5 classes from -2 to 2: blue for a fall, red for a rise, white for little change
PALETTE = ("#2166ac", "#92c5de", "#f7f7f7", "#f4a582", "#b2182b")
TOO_FEW_COLOR = "#bdbdbd"


class _Legend(MacroElement):
    """A classed legend whose rows show only while the layer is on (legends.js, tied rows)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        // once the page's scripts have run: the layer is on the map if it shows at start
        setTimeout(function () {
            SahelMap.classedLegend({{ this._parent._parent.get_name() }}, {title: {{ this.title }},
                note: {{ this.note }}, bins: {{ this.bins }}.map(function (b) {
                    return b.concat([[{{ this._parent.get_name() }}]]); })});
        }, 0);
        {% endmacro %}
    """)

    def __init__(self, title: str, note: str, bins: list[list[str]]):
        super().__init__()
        self._name = "ChangeLegend"
        self.title, self.note, self.bins = js_literal(title), js_literal(note), js_literal(bins)


def _signed(lang: str, value: float) -> str:
    text = format_number(lang, abs(value), 0 if float(value).is_integer() else 2)
    return ("+" if value > 0 else "−" if value < 0 else "±") + text


def bins(lang: str, bounds: list[float], min_events: int) -> list[list[str]]:
    e1, e2 = (_signed(lang, b)[1:] for b in bounds)
    labels = [t(lang, "change.fall_more", n=e2), t(lang, "change.fall", low=e1, high=e2),
              t(lang, "change.little", n=e1), t(lang, "change.rise", low=e1, high=e2),
              t(lang, "change.rise_more", n=e2)]
    return [[label, colour] for label, colour in zip(labels, PALETTE, strict=True)] + [
        [t(lang, "change.too_few", n=min_events), TOO_FEW_COLOR]]


def build(regions: gpd.GeoDataFrame, compare: dict, *, name: str = "What changed", show: bool = True,
          lang: str = "en") -> folium.GeoJson:
    """`compare` is the summary's "compare" (geo.compare.compare_summary)."""
    metric = compare["metric"]
    rows = pd.DataFrame(compare["regions"])
    frame = regions[["name", "iso3", "geometry"]].merge(rows, on=["iso3", "name"], how="left")
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
    layer = safe_geojson(
        frame[["name", "iso3", "window_a", "window_b", "change", "fill", "geometry"]], name=name, show=show,
        pane="change", style={},
        style_function=lambda f: {"color": "#525252", "weight": 0.6, "fillColor": f["properties"]["fill"],
                                  "fillOpacity": 0.85},
        tooltip=[("field.region", "name"), ("change.window_a", "window_a"), ("change.window_b", "window_b"),
                 (f"change.metric_{metric}", "change")])
    a, b = (w.replace("..", " – ") for w in compare["windows"])
    layer.add_child(_Legend(t(lang, f"change.title_{metric}", a=a, b=b), t(lang, "change.note"),
                            bins(lang, compare["regions_bounds"], compare["min_events"])))
    return layer
