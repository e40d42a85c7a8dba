"""Events as clustered points coloured by event type; popups are built on click in the browser.

No folium Marker per event: the events travel once, as a compact payload (layers/_payload.py).
"""

from layers._jslayer import StoreLayer
from layers._store import EventStore

__all__ = ["build"]


def build(store: EventStore, *, name: str = "Events", show: bool = True) -> StoreLayer:
    return StoreLayer("eventsLayer", store, name=name, show=show, options={})
