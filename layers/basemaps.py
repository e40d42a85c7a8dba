"""Base maps. Only these need a network; without one the map says so and still works."""

from __future__ import annotations

import folium

__all__ = ["BASEMAPS", "build"]

BASEMAPS = {
    "positron": (
        "https://{s}.basemaps.cartocdn.com/light_all/{z}/{x}/{y}{r}.png",
        "Base map: CartoDB Positron",
        "&copy; OpenStreetMap contributors &copy; CARTO",
    ),
    "osm": (
        "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        "Base map: OpenStreetMap",
        "&copy; OpenStreetMap contributors",
    ),
    "satellite": (
        "https://server.arcgisonline.com/ArcGIS/rest/services/World_Imagery/MapServer/tile/{z}/{y}/{x}",
        "Base map: satellite (Esri World Imagery)",
        "Tiles &copy; Esri &mdash; Source: Esri, Maxar, Earthstar Geographics, and the GIS User Community",
    ),
    "none": (None, "No base map", None),
}


def build(kind: str, *, show: bool, name: str | None = None,
          attribution: str | None = None) -> folium.map.Layer:
    """`name` and `attribution` (HTML) replace the English ones, e.g. in another language."""
    tiles, english_name, english_attribution = BASEMAPS[kind]
    name, attribution = name or english_name, attribution or english_attribution
    if tiles is None:
        return folium.FeatureGroup(name=name, overlay=False, show=show)
    return folium.TileLayer(tiles=tiles, name=name, attr=attribution, overlay=False, show=show,
                            max_zoom=18)
