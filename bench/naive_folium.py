#!/usr/bin/env python
"""The "tutorial" folium map, as the baseline for the benchmark.

pandas.read_csv, then one folium.CircleMarker with a folium.Popup (date, type, actors,
fatalities, notes) per event, all in one FeatureGroup on a folium.Map, saved to HTML.

    python bench/naive_folium.py EVENTS.csv OUT.html      # prints a JSON result line
"""

from __future__ import annotations

import html
import json
import os
import sys
import time

import folium
import pandas as pd

COLORS = {
    "Battles": "#d62728",
    "Explosions/Remote violence": "#ff7f0e",
    "Violence against civilians": "#9467bd",
    "Protests": "#2ca02c",
    "Riots": "#8c564b",
    "Strategic developments": "#7f7f7f",
}


def naive_build(csv_path, out_html) -> dict:
    """Build the naive map; returns {"seconds": wall time of read..save, "html_bytes": size}."""
    t0 = time.perf_counter()
    df = pd.read_csv(csv_path)
    m = folium.Map(location=[15.0, -2.0], zoom_start=5, tiles="OpenStreetMap")
    fg = folium.FeatureGroup(name="Events")
    for row in df.itertuples(index=False):
        actors = row.actor1 if isinstance(row.actor1, str) else ""
        if isinstance(row.actor2, str):
            actors += " vs " + row.actor2
        popup_html = (
            f"<b>{html.escape(str(row.event_date))}</b> {html.escape(row.event_type)}<br>"
            f"{html.escape(actors)}<br>Fatalities: {row.fatalities}<br>"
            f"{html.escape(str(row.notes))}"
        )
        folium.CircleMarker(
            location=[row.latitude, row.longitude],
            radius=4,
            color=COLORS.get(row.event_type, "#333333"),
            fill=True,
            fill_opacity=0.7,
            weight=1,
            popup=folium.Popup(popup_html, max_width=300),
        ).add_to(fg)
    fg.add_to(m)
    folium.LayerControl().add_to(m)
    m.save(str(out_html))
    seconds = time.perf_counter() - t0
    return {"seconds": seconds, "html_bytes": os.path.getsize(out_html)}


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: naive_folium.py EVENTS.csv OUT.html")
    print(json.dumps(naive_build(sys.argv[1], sys.argv[2])))
