"""A conflict zone (north or central Mali), dissolved from its member regions."""

import folium
import geopandas as gpd

from layers._geojson import safe_geojson
from layers.i18n import DEFAULT_LANG, format_number

__all__ = ["build", "ZONE_COLORS"]

# The zones' colours, the one source for the page: the map's outlines and fills, its Areas
# legend and the chart's series (layers/chart.py) take them from here.
ZONE_COLORS = {"north": "#8c510a", "central": "#c51b7d", "spillover": "#5e3c99", "border_band": "#d6604d"}
MALI_ZONES = ("north", "central")


def build(zones: gpd.GeoDataFrame, zone: str, *, name: str | None = None,
          show: bool = True, lang: str = DEFAULT_LANG) -> folium.GeoJson:
    frame = zones[zones["zone"] == zone][["zone", "name", "members", "area_km2", "geometry"]].copy()
    frame["area"] = frame["area_km2"].map(lambda a: f"{format_number(lang, a)} km²")
    color = ZONE_COLORS[zone]
    return safe_geojson(
        frame.drop(columns="area_km2"), name=name or str(frame["name"].iloc[0]), show=show,
        pane="zones",
        style={"color": color, "weight": 2.5, "fillColor": color, "fillOpacity": 0.12},
        tooltip=[("field.zone", "name"), ("field.regions", "members"), ("field.area", "area")],
    )
