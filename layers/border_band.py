"""The part of Mali within N km of the Algerian border."""

import folium
import geopandas as gpd

from layers._geojson import safe_geojson
from layers.i18n import DEFAULT_LANG, format_number
from layers.zones import ZONE_COLORS

__all__ = ["build", "FILL"]

FILL = "#f4a582"


def build(band: gpd.GeoDataFrame, *, name: str | None = None, show: bool = False,
          lang: str = DEFAULT_LANG) -> folium.GeoJson:
    width = float(band["width_km"].iloc[0])
    frame = band[["name", "width_km", "area_km2", "geometry"]].copy()
    frame["area"] = frame["area_km2"].map(lambda a: f"{format_number(lang, a)} km²")
    return safe_geojson(
        frame.drop(columns="area_km2"), name=name or f"Border band ({format_number(lang, width, None)} km)", show=show,
        pane="border_band",
        style={"color": ZONE_COLORS["border_band"], "weight": 1, "dashArray": "2 4", "fillColor": FILL,
               "fillOpacity": 0.25},
        tooltip=[("field.layer", "name"), ("field.width_km", "width_km"), ("field.area_in_mali", "area")],
    )
