"""Event density in squares of 50, 25 or 10 km (by zoom), recounted in the browser for the view,
the dates and the filters (layers/static/js/heatmap.js)."""

from layers._jslayer import StoreLayer
from layers._store import EventStore

__all__ = ["build"]


def build(stores: list[EventStore], *, name: str = "Event density (heatmap)", show: bool = False) -> StoreLayer:
    return StoreLayer("heatmapLayer", stores, name=name, show=show, options={})
