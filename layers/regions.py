"""Mali's admin-1 regions, labelled, with a tooltip: name, area and event count."""

from __future__ import annotations

import html

import folium
import geopandas as gpd

from layers._geojson import safe_geojson
from layers.i18n import format_int, t

__all__ = ["build"]

STYLE = {"color": "#4d4d4d", "weight": 1.2, "fillColor": "#ffffff", "fillOpacity": 0.05}


def build(regions: gpd.GeoDataFrame, event_counts: dict[str, int], *,
          name: str = "Mali regions", show: bool = True, lang: str = "en") -> folium.FeatureGroup:
    frame = regions[["name", "iso3", "iso_3166_2", "area_km2", "geometry"]].copy()
    frame["area"] = frame["area_km2"].map(lambda a: f"{format_int(lang, a)} km²")
    frame["events"] = frame["name"].map(event_counts).fillna(0).astype(int)
    frame["note"] = frame["name"].map(
        {"Tombouctou": t(lang, "value.tombouctou_note")}).fillna("")
    group = folium.FeatureGroup(name=name, show=show)
    safe_geojson(
        frame.drop(columns="area_km2"), name=name, show=True, pane="regions", style=STYLE,
        tooltip=[("field.region", "name"), ("field.iso_3166_2", "iso_3166_2"), ("field.area", "area"),
                 ("field.events_on_map", "events"), ("field.note", "note")],
    ).add_to(group)
    labels = regions.geometry.representative_point()
    for label, point in zip(regions["name"], labels, strict=True):
        folium.Marker(
            [point.y, point.x],
            icon=folium.DivIcon(html=f'<div class="sahel-region-label">{html.escape(label)}</div>',
                                icon_size=(120, 16), icon_anchor=(60, 8), class_name="sahel-label"),
            interactive=False,
        ).add_to(group)
    return group

