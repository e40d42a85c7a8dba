"""A folium Layer created by one SahelMap factory call, so it appears in the layer control."""

from __future__ import annotations

from folium.map import Layer
from folium.template import Template

from layers._bundle import js_literal
from layers._store import EventStore

__all__ = ["StoreLayer"]


class StoreLayer(Layer):
    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = SahelMap.{{ this.factory }}(
            {{ this.store_expression() }}, {{ this.options_js }});
        {% endmacro %}
    """)

    def __init__(self, factory: str, stores: EventStore | list[EventStore], *, name: str,
                 show: bool, options: dict):
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = factory[0].upper() + factory[1:]
        self.factory = factory
        self.stores = stores
        self.options_js = js_literal({"name": name, **options})

    def store_expression(self) -> str:
        """One store, or a JS array of stores for layers that span every event set."""
        if isinstance(self.stores, EventStore):
            return self.stores.get_name()
        return "[" + ", ".join(s.get_name() for s in self.stores) + "]"
