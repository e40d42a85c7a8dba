"""The counts layer of a page whose events outgrew it (--engine dask above its event limit):
every event counted per grid cell (geo/page_extract.py), drawn by static/js/aggregate.js."""

from __future__ import annotations

from folium.map import Layer
from folium.template import Template

from geo.page_extract import GRID_LEVELS, ROLE, TOP_K, PageExtract
from geo.schema import EVENT_TYPES
from layers._bundle import js_literal
from layers._payload import EVENT_TYPE_COLORS
from layers.i18n import DEFAULT_LANG, format_int, t

__all__ = ["build"]


def payload(extract: PageExtract) -> dict:
    levels = []
    for level, (size, min_zoom, by_month) in enumerate(GRID_LEVELS):
        cells = extract.cells[extract.cells["level"] == level]
        columns = {c: cells[c].to_numpy() for c in ("ix", "iy", "type", "events", "fatalities")}
        if by_month:
            columns["month"] = cells["month"].to_numpy()
        levels.append({"size": size, "minZoom": min_zoom, "columns": columns})
    shown = extract.events
    return {
        "total": int(extract.total), "types": list(EVENT_TYPES),
        "colors": [EVENT_TYPE_COLORS.get(t, "#555") for t in EVENT_TYPES],
        "deadliest": int((shown[ROLE] == "deadliest").sum()),
        "sample": int((shown[ROLE] == "sample").sum()), "levels": levels,
    }


class AggregateLayer(Layer):
    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = SahelMapAggregate({{ this.get_parent_map() }}, {{ this.data }});
        {% endmacro %}
    """)

    def __init__(self, extract: PageExtract, *, name: str, show: bool = True):
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "AggregateLayer"
        self.data = js_literal(payload(extract))

    def get_parent_map(self) -> str:
        return self._parent.get_name()


def build(extract: PageExtract, *, show: bool = True, lang: str = DEFAULT_LANG) -> AggregateLayer:
    """The counts layer for a page whose event markers are the extract's events."""
    name = t(lang, "layer.aggregate", n=format_int(lang, extract.total), k=format_int(lang, TOP_K))
    return AggregateLayer(extract, name=name, show=show)
