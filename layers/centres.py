"""How the violence moved: the path of the yearly centre of the events and of the fatalities
(geo/centres.py), each centre labelled by its year, with its one-standard-deviation ellipse.
Computed for the events the map holds; the page's filters and timeline do not move it."""

from __future__ import annotations

import html

import folium
import pandas as pd

from layers.i18n import format_int, t

__all__ = ["build", "COLORS"]

# events: dark teal; fatalities: dark red (neither is an event-type colour of the markers);
# the year labels take the same colours from sahelmap.css (.sahel-centre-events, -fatalities:
# the page's policy allows no style attribute)
COLORS = {"events": "#01665e", "fatalities": "#8c0a0a"}
_DASH = {"events": None, "fatalities": "6 4"}


def build(by_weight: dict[str, pd.DataFrame], *, name: str = "How the violence moved", show: bool = False,
          lang: str = "en") -> folium.FeatureGroup:
    """`by_weight`: geo.centres.yearly_centres_by(events, tuple(COLORS))."""
    group = folium.FeatureGroup(name=name, show=show)
    for weight, colour in COLORS.items():
        centres = by_weight[weight]
        if not len(centres):
            continue
        label = t(lang, f"centres.{weight}")
        for _, row in centres.iterrows():
            tip = html.escape(t(lang, f"centres.tip_{weight}", year=row["year"],
                                n=format_int(lang, row["weight"]), major=format_int(lang, row["major_km"]),
                                minor=format_int(lang, row["minor_km"])))
            folium.GeoJson(row["geometry"].__geo_interface__, style_function=lambda f, c=colour: {
                "color": c, "weight": 0.8, "dashArray": "2 3", "fillColor": c, "fillOpacity": 0.03},
                tooltip=folium.Tooltip(tip, sticky=True)).add_to(group)
        path = centres[["latitude", "longitude"]].to_numpy().tolist()
        folium.PolyLine(path, color=colour, weight=3, opacity=0.9, dash_array=_DASH[weight],
                        tooltip=html.escape(label)).add_to(group)
        for _, row in centres.iterrows():
            folium.CircleMarker([row["latitude"], row["longitude"]], radius=4, color=colour, fill=True,
                                fill_opacity=1, weight=1).add_to(group)
            folium.Marker([row["latitude"], row["longitude"]], interactive=False, icon=folium.DivIcon(
                html=f'<div class="sahel-centre-label sahel-centre-{weight}">{int(row["year"])}</div>',
                icon_size=(36, 14), icon_anchor=(-6, 7), class_name="sahel-label")).add_to(group)
    return group
