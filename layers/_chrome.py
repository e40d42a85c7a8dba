"""Everything on the map that is not a layer: title, legends, notes, attribution, tools."""

from __future__ import annotations

import html

from branca.element import MacroElement
from folium.template import Template

from layers._render import js_literal

__all__ = ["MapChrome"]


class MapChrome(MacroElement):
    """Title and date range, event-type legend, notes, data attribution, scale bar,
    fullscreen, minimap, measure tool and the offline-tiles notice (layers/static/js/: chrome.js, legends.js, notes.js)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this._parent.get_name() }};
            SahelMap.chrome(map, {{ this.chrome_js }});
            SahelMap.legend(map, {{ this.legend_js }});
            {% if this.area_legend_js %}SahelMap.legend(map, {{ this.area_legend_js }});{% endif %}
            SahelMap.notes(map, {{ this.notes_js }});
            {{ this.attribution_js }}.forEach(function (a) { map.attributionControl.addAttribution(a); });
        })();
        {% endmacro %}
    """)

    def __init__(self, *, title: str, subtitle: str, legend_items: list[tuple[str, str]],
                 area_items: list[tuple[str, str]], notes: list[str], attributions: list[str], minimap_geojson: dict,
                 strings: dict[str, str] | None = None):
        super().__init__()
        self._name = "MapChrome"
        self.chrome_js = js_literal({"title": title, "subtitle": subtitle,
                                     "minimapGeojson": minimap_geojson})
        strings = {"legend.event_type": "Event type", "legend.areas": "Areas",
                   "notes.title": "About this map", **(strings or {})}
        self.legend_js = js_literal({"title": strings["legend.event_type"], "items": [list(i) for i in legend_items],
                                     "position": "bottomright"})
        self.area_legend_js = area_items and js_literal(
            {"title": strings["legend.areas"], "items": [list(i) for i in area_items], "position": "bottomright"})
        self.notes_js = js_literal({"title": strings["notes.title"], "lines": notes})
        # Leaflet inserts attribution as HTML, so escape it here.
        self.attribution_js = js_literal([html.escape(a) for a in attributions])
