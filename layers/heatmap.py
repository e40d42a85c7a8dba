"""Event density as a grid heatmap, recomputed in the browser for the current view and dates."""

from layers._jslayer import StoreLayer
from layers._store import EventStore

__all__ = ["build"]


def build(stores: list[EventStore], *, name: str = "Event density (heatmap)", show: bool = False,
          legend_title: str = "Events per cell") -> StoreLayer:
    return StoreLayer("heatmapLayer", stores, name=name, show=show,
                      options={"legendTitle": legend_title})
