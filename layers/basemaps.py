"""Base maps: the tile providers of data/sources.toml (URLs and credits via xyzservices), and
none. Only tiles need a network; without one the map says so and still works."""

from __future__ import annotations

import folium
import xyzservices

from geo.sources import tile_sources

__all__ = ["BASEMAPS", "build"]

NO_BASEMAP = "none"
# the --basemap choices, in data/sources.toml's order, then none
BASEMAPS = (*tile_sources(), NO_BASEMAP)


def build(kind: str, *, show: bool, name: str, lang: str) -> folium.map.Layer:
    """The base-map layer `kind`, named `name`, credited in `lang`."""
    if kind == NO_BASEMAP:
        return folium.FeatureGroup(name=name, overlay=False, show=show)
    source = tile_sources()[kind]
    # as a TileProvider: folium looks a plain string up in the whole xyzservices catalogue
    # first (35 ms a layer, four a map); the URL and credit are still ours
    tiles = xyzservices.TileProvider(name=kind, url=source.tile_url(), attribution=source.credit(lang))
    return folium.TileLayer(tiles=tiles, name=name, attr=source.credit(lang),
                            overlay=False, show=show, max_zoom=min(source.max_zoom(), 18))
