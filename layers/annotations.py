"""The editor's annotations (geo/annotations.py) as a map layer: a ring and a permanent label.

Each label is made with textContent (never innerHTML), so an annotation's text is shown as
written, whatever it holds.
"""

from __future__ import annotations

import folium
import geopandas as gpd
import pandas as pd
from folium.utilities import JsCode

from layers._bundle import js_literal
from layers._geojson import SplicedGeoJson, geo_dict

__all__ = ["build", "COLOR"]

COLOR = "#111111"
_DIRECTIONS = {"left": "left", "right": "right", "above": "top", "below": "bottom"}


def build(points: pd.DataFrame, *, name: str = "Annotations", show: bool = True) -> folium.GeoJson:
    """`points`: Annotations.points (label, longitude, latitude, date, side)."""
    frame = gpd.GeoDataFrame(
        {"label": points["label"].astype(str).to_numpy(),
         "date": [d.strftime("%Y-%m-%d") if pd.notna(d) else "" for d in points["date"]],
         "side": points["side"].astype(str).to_numpy()},
        geometry=gpd.points_from_xy(points["longitude"], points["latitude"]), crs="EPSG:4326")
    bind = (
        "function (feature, layer) { var p = feature.properties, el = document.createElement('span'); "
        "el.textContent = p.date ? p.label + ' (' + p.date + ')' : p.label; "
        f"layer.bindTooltip(el, {{permanent: true, className: 'sahelmap-annotation', "
        f"direction: {js_literal(_DIRECTIONS)}[p.side] || 'right', offset: [6, 0]}}); }}"
    )
    return SplicedGeoJson(
        geo_dict(frame), name=name, show=show,
        marker=folium.CircleMarker(radius=6, color=COLOR, weight=2, fill=True, fill_color="#ffffff",
                                   fill_opacity=0.6),
        on_each_feature=JsCode(bind),
    )
