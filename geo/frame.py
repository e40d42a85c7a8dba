"""The frame a map of some events opens on: where its events are, and the zones they fall in."""

from __future__ import annotations

import math

import geopandas as gpd
import pandas as pd

__all__ = ["events_frame"]


def events_frame(events: pd.DataFrame, zones: gpd.GeoDataFrame) -> tuple[float, float, float, float] | None:
    """(west, south, east, north) in EPSG:4326, to 4 decimals outward: the box of every located
    event, widened to each zone of `zones` (a `zone` column and polygons) that holds one of
    them; None without a located event."""
    located = events.dropna(subset=["latitude", "longitude"])
    if located.empty:
        return None
    lon, lat = located["longitude"].astype(float), located["latitude"].astype(float)
    box = [lon.min(), lat.min(), lon.max(), lat.max()]
    held = zones[zones["zone"].isin(set(located["zone"])) if "zone" in located else []]
    if len(held):
        w, s, e, n = held.total_bounds
        box = [min(box[0], w), min(box[1], s), max(box[2], e), max(box[3], n)]
    return (math.floor(box[0] * 1e4) / 1e4, math.floor(box[1] * 1e4) / 1e4,
            math.ceil(box[2] * 1e4) / 1e4, math.ceil(box[3] * 1e4) / 1e4)
