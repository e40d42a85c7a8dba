"""Spillover regions in Burkina Faso and Niger, each tagged with its country."""

import folium
import geopandas as gpd

from layers._geojson import safe_geojson
from layers.i18n import DEFAULT_LANG, format_number
from layers.zones import ZONE_COLORS

__all__ = ["build", "COLOR"]

COLOR = ZONE_COLORS["spillover"]


def build(spillover: gpd.GeoDataFrame, event_counts: dict[tuple[str, str], int] | None = None, *,
          name: str = "Spillover: Burkina Faso and Niger", show: bool = True,
          lang: str = DEFAULT_LANG) -> folium.GeoJson:
    frame = spillover[["name", "country", "iso3", "area_km2", "geometry"]].copy()
    frame["area"] = frame["area_km2"].map(lambda a: f"{format_number(lang, a)} km²")
    counts = event_counts or {}
    frame["events"] = [counts.get((i, n), 0) for i, n in zip(frame["iso3"], frame["name"], strict=True)]
    return safe_geojson(
        frame.drop(columns="area_km2"), name=name, show=show, pane="spillover",
        style={"color": COLOR, "weight": 1.5, "fillColor": COLOR, "fillOpacity": 0.12},
        tooltip=[("field.region", "name"), ("field.country", "country"), ("field.area", "area"),
                 ("field.events_on_map", "events")],
    )
