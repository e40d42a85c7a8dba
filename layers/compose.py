"""Assemble the folium map from the prepared events and the overlay registry."""

from __future__ import annotations

import folium
import pandas as pd

from geo.boundaries import load_layer
from geo.credits import BOUNDARY_CREDITS, credits_for, event_credits
from geo.pipeline import Prepared
from geo.schema import EVENT_TYPES
from layers import basemaps
from layers._chrome import MapChrome
from layers._payload import EVENT_TYPE_COLORS
from layers._render import OfflineMap, stable_ids
from layers._store import EventStore
from layers.overlays import EventSet, MapContext, add_overlays, area_legend, overlay_keys, panes

__all__ = ["DEFAULT_TITLE", "EventSet", "build", "map_notes"]

DEFAULT_TITLE = "Political violence in Mali and the Sahel"
MALI_BOUNDS = [[10.1, -12.3], [25.0, 4.3]]


def _subtitle(frame: pd.DataFrame) -> str:
    if not len(frame):
        return "No events match the filters"
    first, last = frame["event_date"].min(), frame["event_date"].max()
    return f"{len(frame):,} events, {first:%d %b %Y} – {last:%d %b %Y}"


def _zones_line(prepared: Prepared) -> str:
    """What each zone holds, read from data/zones.toml through the zone config."""
    config = prepared.layers.zones
    parts = []
    for zone, members in config.members.items():
        by_country: dict[str, list[str]] = {}
        for iso3, name in members:
            by_country.setdefault(iso3, []).append(name)
        listed = "; ".join(f"{iso3}: {', '.join(names)}" for iso3, names in by_country.items())
        parts.append(f"{config.labels[zone]} = {listed}")
    return "Zones (data/zones.toml): " + ". ".join(parts) + "."


def map_notes(prepared: Prepared, band_km: float) -> list[str]:
    """"About this map": the boundary notes, the zones, then what each event source brings."""
    return [
        *[note for c in BOUNDARY_CREDITS for note in c.notes],
        _zones_line(prepared),
        f"Border band: Mali within {band_km:g} km of the Algerian border (azimuthal equidistant "
        "projection centred on the border). The border measures "
        f"{prepared.layers.border['length_km'].iloc[0]:,.0f} km (geodesic).",
        *[note for c in event_credits(prepared.events) for note in c.notes],
        "Base map tiles need a network; every data layer works offline.",
    ]


def build(prepared: Prepared, event_sets: list[EventSet], *, layers: tuple[str, ...] | None = None,
          basemap: str = "positron", title: str | None = None) -> folium.Map:
    """The interactive map as a folium.Map (usable in Jupyter). Deterministic element ids."""
    with stable_ids():
        return _build(prepared, event_sets, set(layers or overlay_keys()), basemap,
                      title or DEFAULT_TITLE)


def _build(prepared: Prepared, event_sets: list[EventSet], wanted: set[str], basemap: str,
           title: str) -> folium.Map:
    m = OfflineMap(location=[17.0, -2.0], zoom_start=5, tiles=None, control_scale=False,
                   font_size="0.8rem", prefer_canvas=False)
    for pane, z_index in panes().items():
        folium.map.CustomPane(pane, z_index=z_index).add_to(m)
    for kind in basemaps.BASEMAPS:
        basemaps.build(kind, show=kind == basemap).add_to(m)

    joined = prepared.events
    band_km = float(prepared.summary.get("border_band_km", 100.0))
    stores = [EventStore(s.events) for s in event_sets]
    for store in stores:
        m.add_child(store)  # the payload travels once, shared by events, heatmap and timeline
    ctx = MapContext(prepared, event_sets, stores, band_km, region_counts={
        (i, r): int(n) for (i, r), n in joined.groupby(["country_iso3", "region"]).size().items() if r})
    built = add_overlays(m, ctx, wanted)

    m.add_child(MapChrome(
        title=title,
        subtitle=_subtitle(joined),
        legend_items=[(t, EVENT_TYPE_COLORS[t]) for t in EVENT_TYPES],
        area_items=area_legend(ctx, wanted, built),
        has_events=bool(built.get("events")),
        events_layers=[layer.get_name() for layer in built.get("events", [])],
        notes=map_notes(prepared, band_km),
        attributions=[c.text for c in credits_for(joined)],
        minimap_geojson=_minimap_outline(),
    ))
    folium.LayerControl(collapsed=True, position="topright").add_to(m)  # opens on hover or tap
    m.fit_bounds(MALI_BOUNDS)
    return m


def _minimap_outline() -> dict:
    frame = load_layer("countries")[["iso3", "geometry"]].copy()
    frame["geometry"] = frame.geometry.simplify(0.05)
    return frame.__geo_interface__
