"""The events payload, sent to the browser once and shared by the events, heatmap and
timeline layers."""

from __future__ import annotations

import numpy as np
import pandas as pd
from branca.element import MacroElement
from folium.template import Template

from geo.actors import actor_group_mask
from layers._bundle import js_literal
from layers._payload import CHUNK_SIZE, counts_as_rows, start_encoding

__all__ = ["EventStore", "CountStore"]


class EventStore(MacroElement):
    """``SahelMap.store(payload)`` of ``events``; ``chunk_size`` events per text chunk (tests
    use a small one to spread a few events over several chunks)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = SahelMap.store({{ this.placeholder() }});
        {% endmacro %}
    """)

    def __init__(self, events: pd.DataFrame, *, chunk_size: int = CHUNK_SIZE,
                 popup_fields: tuple[str, ...] | None = None, weights=None, counted: bool = True):
        super().__init__()
        self._name = "EventStore"
        self.count = len(events)
        # the actor groups of each event: the payload's, and the dominance layer's sides
        self.group_mask = actor_group_mask(events) if len(events) else np.zeros(0, np.uint32)
        self._finish_payload = start_encoding(events, chunk_size=chunk_size, popup_fields=popup_fields,
                                              weights=weights, group_mask=self.group_mask)  # compresses meanwhile
        self._counted = counted  # False: drawn, but counted by a CountStore (a page extract's)
        self._payload_js = None

    @property
    def payload_js(self) -> str:
        """The payload as a JS literal; waits for the compression started at construction."""
        if self._payload_js is None:
            payload = self._finish_payload()
            self._payload_js = js_literal(payload if self._counted else {**payload, "counted": False})
        return self._payload_js

    def placeholder(self) -> str:
        """Stands in for the payload while Jinja renders (tens of MB at 1M events); the
        payload is spliced in afterwards by `layers._render.render_html`."""
        return f"/*payload:{self.get_name()}*/null"


class CountStore(EventStore):
    """``SahelMap.store(payload)`` of a table of counts (geo/counts.py): one row per district
    and month, weighted by its events (layers/_payload.py, "counts"); or of a page extract's
    counts (geo/page_extract.py: per month, event type and place). The page's counts, the
    filters, the choropleth, the chart and the timeline use it as they use events; nothing
    draws it as points."""

    def __init__(self, counts: pd.DataFrame):
        super().__init__(counts_as_rows(counts), weights=counts["events"].to_numpy())
        self._name = "CountStore"
