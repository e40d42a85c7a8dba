"""Everything on the map that is not a layer: title, legends, notes, attribution, tools."""

from __future__ import annotations

import html

from branca.element import MacroElement
from folium.template import Template

from layers._bundle import js_literal

__all__ = ["MapChrome"]


class MapChrome(MacroElement):
    """Title and date range, event-type legend, notes, data attribution, scale bar,
    fullscreen, minimap, measure tool and the offline-tiles notice (layers/static/js/: chrome.js, legends.js, notes.js)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this._parent.get_name() }};
            SahelMap.chrome(map, {{ this.chrome_js }});
            {% if this.link_js %}SahelMap.linkLayers(map, {{ this.link_js }});{% endif %}
            {% if this.has_events %}SahelMap.filterPanel(map, {{ this.legend_js }});
            SahelMap.liveTitle(map);
            SahelMap.zoneChart(map, {position: "bottomleft", series: {{ this.chart_series_js }}});
            {% else %}SahelMap.legend(map, {{ this.legend_js }});{% endif %}
            {% if this.area_legend_js %}SahelMap.legend(map, {{ this.area_legend_js }});{% endif %}
            {% if this.has_events %}SahelMap.sizeLegend(map, {position: "bottomright", layers: {{ this.events_layers }}});{% endif %}
            SahelMap.notes(map, {{ this.notes_js }});
            {{ this.attribution_js }}.forEach(function (a) { map.attributionControl.addAttribution(a); });
        })();
        {% endmacro %}
    """)

    def __init__(self, *, title: str, subtitle: str, legend_items: list[tuple[str, str]],
                 coverage: str = "", public_url: str | None = None,
                 area_items: list[tuple[str, str, list[str]]], notes: list[str], attributions: list[str],
                 minimap_geojson: dict, has_events: bool = False, events_layers: list[str] = (),
                 strings: dict[str, str] | None = None, link_layers: dict[str, list] | None = None,
                 chart_series: list[tuple[str, str, str]] = ()):
        super().__init__()
        self._name = "MapChrome"
        self.chrome_js = js_literal({"title": title, "subtitle": subtitle, "publicUrl": public_url or "",
                                     **({"coverage": coverage} if coverage else {}),
                                     "minimapGeojson": minimap_geojson})
        strings = {"legend.event_type": "Event type", "legend.areas": "Areas",
                   "notes.title": "About this map", **(strings or {})}
        # With events the event-type legend is the filter panel, its entries toggles (filters.js).
        self.has_events = has_events
        self.chart_series_js = js_literal([list(row) for row in chart_series])  # layers/chart.py
        self.legend_js = js_literal({"title": strings["legend.event_type"], "items": [list(i) for i in legend_items],
                                     "types": [list(i) for i in legend_items],
                                     "position": "topleft" if has_events else "bottomright"})
        # Each area entry names the layers it stands for (JS variables): listed while one is on.
        self.events_layers = "[" + ", ".join(events_layers) + "]"
        self.area_legend_js = area_items and (
            '{"title":' + js_literal(strings["legend.areas"]) + ',"items":['
            + ",".join(f"[{js_literal(label)},{js_literal(colour)},[{','.join(names)}]]"
                       for label, colour, names in area_items) + '],"position":"bottomright"}')
        # {"overlays"|"bases": [[link key, layer (a JS name), {lang: its name}]]} for the URL hash
        self.link_js = link_layers and (
            "{" + ",".join(f"{js_literal(part)}:[" + ",".join(
                f"[{js_literal(key)},{name},{js_literal(names)}]" for key, name, names in rows) + "]"
                for part, rows in link_layers.items()) + "}")
        self.notes_js = js_literal({"title": strings["notes.title"], "lines": notes})
        # Leaflet inserts attribution as HTML, so escape it here.
        self.attribution_js = js_literal([html.escape(a) for a in attributions])
