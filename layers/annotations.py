"""The editor's annotations (geo/annotations.py) as a map layer: a ring at each point and its
label, placed in the browser like the place names (static/js/annotations.js, labels.js): beside
the ring, or further out with a leader line, never over another label.

Each label is made with textContent (never innerHTML), so an annotation's text is shown as
written, whatever it holds.
"""

from __future__ import annotations

import pandas as pd
from folium.map import Layer
from folium.template import Template

from layers._bundle import js_literal

__all__ = ["build", "COLOR", "AnnotationLayer"]

COLOR = "#111111"


class AnnotationLayer(Layer):
    """One SahelMap.annotationLayer."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = SahelMap.annotationLayer({{ this.options_js }});
        {% if this.show %}{{ this.get_name() }}.addTo({{ this._parent.get_name() }});{% endif %}
        {% endmacro %}
    """)

    def __init__(self, *, name: str, show: bool, options: dict):
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "AnnotationLayer"
        self.options = options
        self.options_js = js_literal(options)


def build(points: pd.DataFrame, *, name: str = "Annotations", show: bool = True) -> AnnotationLayer:
    """`points`: Annotations.points (label, longitude, latitude, date, side), in file order
    (the first placed first)."""
    notes = [{"text": f"{label} ({date:%Y-%m-%d})" if pd.notna(date) else str(label),
              "lat": round(float(lat), 6), "lon": round(float(lon), 6), "side": str(side or "")}
             for label, lat, lon, date, side in zip(points["label"], points["latitude"], points["longitude"],
                                                    points["date"], points["side"], strict=True)]
    return AnnotationLayer(name=name, show=show, options={"notes": notes, "color": COLOR})
