"""A time slider: while on, only events in the chosen months are drawn."""

from layers._jslayer import StoreLayer
from layers._store import EventStore

__all__ = ["build"]


def build(stores: list[EventStore], *, name: str = "Timeline (time slider)", show: bool = False) -> StoreLayer:
    return StoreLayer("timelineLayer", stores, name=name, show=show, options={})
