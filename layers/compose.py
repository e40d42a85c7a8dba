"""Assemble the folium map from the prepared events and the boundary layers."""

from __future__ import annotations

import html
from dataclasses import dataclass

import folium
import pandas as pd

from geo.attribution import ATTRIBUTION
from geo.boundaries import load_layer
from geo.pipeline import Prepared
from geo.schema import EVENT_TYPES
from layers import (
    basemaps,
    border,
    border_band,
    choropleth,
    countries,
    events,
    heatmap,
    places,
    regions,
    spillover,
    timeline,
    zones,
)
from layers._chrome import MapChrome
from layers._geojson import PANES
from layers._payload import EVENT_TYPE_COLORS
from layers._render import OfflineMap, stable_ids
from layers._store import EventStore

__all__ = ["LAYER_KEYS", "DEFAULT_TITLE", "EventSet", "build"]

LAYER_KEYS = ("regions", "countries", "border", "band", "zones", "spillover", "events",
              "heatmap", "choropleth", "timeline", "places")
DEFAULT_TITLE = "Political violence in Mali and the Sahel"
MALI_BOUNDS = [[10.1, -12.3], [25.0, 4.3]]
AREA_LEGEND = (  # (layer key, label, colour) for the coloured area layers
    ("zones", "Northern conflict zone", zones.ZONE_COLORS["north"]),
    ("zones", "Central conflict zone", zones.ZONE_COLORS["central"]),
    ("spillover", "Spillover: Burkina Faso and Niger", spillover.COLOR),
    ("band", "Border band", border_band.FILL),
    ("border", "Algeria–Mali border", border.COLOR),
)


@dataclass(frozen=True)
class EventSet:
    """One events overlay: a label for the layer control and the rows it shows."""

    label: str
    events: pd.DataFrame


def _subtitle(frame: pd.DataFrame) -> str:
    if not len(frame):
        return "No events match the filters"
    first, last = frame["event_date"].min(), frame["event_date"].max()
    return f"{len(frame):,} events, {first:%d %b %Y} – {last:%d %b %Y}"


def _notes(frame: pd.DataFrame, band_km: float) -> list[str]:
    return [
        "Taoudénit is part of Tombouctou here: the 2021 boundary frame (OCHA COD-AB) has no "
        "separate Taoudénit polygon.",
        "Zones: north = Tombouctou, Gao, Kidal, Ménaka; central = Mopti, Ségou; spillover = "
        "Burkina Faso's Sahel, Nord, Centre-Nord, Est, Boucle du Mouhoun and Niger's Tillabéri, "
        "Tahoua (data/zones.toml).",
        f"Border band: Mali within {band_km:g} km of the Algerian border (azimuthal equidistant "
        "projection centred on the border). The border measures 1,353 km (geodesic); the 2020 article's '14,000 km' is wrong.",
        "UCDP GED events are a precision-filtered subset (located within about 25 km); "
        "events coded only to a region or country are absent.",
        "Events from the 2020 analysis are coded to gazetteer towns; precision 3 means only the "
        "area is known.",
        "Displacement: 284,000 people were displaced in Mali in 2019 (iDMC), a figure, not an event.",
        "Base map tiles need a network; every data layer works offline.",
    ]


def build(prepared: Prepared, event_sets: list[EventSet], *, layers: tuple[str, ...] = LAYER_KEYS,
          basemap: str = "positron", title: str | None = None) -> folium.Map:
    """The interactive map as a folium.Map (usable in Jupyter). Deterministic element ids."""
    with stable_ids():
        return _build(prepared, event_sets, set(layers), basemap, title or DEFAULT_TITLE)


def _build(prepared: Prepared, event_sets: list[EventSet], wanted: set[str], basemap: str,
           title: str) -> folium.Map:
    m = OfflineMap(location=[17.0, -2.0], zoom_start=5, tiles=None, control_scale=False, font_size="0.8rem",
                   prefer_canvas=False)
    for pane, z_index in PANES.items():
        folium.map.CustomPane(pane, z_index=z_index).add_to(m)
    for kind in basemaps.BASEMAPS:
        basemaps.build(kind, show=kind == basemap).add_to(m)

    joined = prepared.events
    band_km = float(prepared.summary.get("border_band_km", 100.0))
    region_counts = {(i, r): int(n) for (i, r), n in
                     joined.groupby(["country_iso3", "region"]).size().items() if r}
    admin1 = prepared.layers.admin1

    if "countries" in wanted:
        countries.build(load_layer("countries"), name="Neighbouring countries").add_to(m)
    if "choropleth" in wanted:
        choropleth.build(admin1, region_counts).add_to(m)
    if "regions" in wanted:
        mali = admin1[admin1["iso3"] == "MLI"]
        regions.build(mali, {r: n for (i, r), n in region_counts.items() if i == "MLI"},
                      name="Mali regions").add_to(m)
    if "spillover" in wanted:
        spillover.build(load_layer("spillover"), region_counts).add_to(m)
    if "zones" in wanted:
        zone_frame = load_layer("conflict_zones")
        zones.build(zone_frame, "north", name="Northern conflict zone").add_to(m)
        zones.build(zone_frame, "central", name="Central conflict zone").add_to(m)
    if "band" in wanted:
        border_band.build(prepared.layers.band, name=f"Border band ({band_km:g} km)").add_to(m)
    if "border" in wanted:
        border.build(prepared.layers.border, name="Algeria–Mali border").add_to(m)

    stores = []
    for event_set in event_sets:
        store = EventStore(event_set.events)
        m.add_child(store)
        stores.append(store)
        if "events" in wanted:
            events.build(store, name=html.escape(event_set.label), show=True).add_to(m)
    if stores and "heatmap" in wanted:
        heatmap.build(stores, name="Event density (heatmap)").add_to(m)
    if stores and "timeline" in wanted:
        timeline.build(stores, name="Timeline (time slider)").add_to(m)
    if "places" in wanted:
        places.build(load_layer("places"), name="Key places").add_to(m)

    m.add_child(MapChrome(
        title=title,
        subtitle=_subtitle(joined),
        legend_items=[(t, EVENT_TYPE_COLORS[t]) for t in EVENT_TYPES],
        area_items=[(label, colour) for key, label, colour in AREA_LEGEND if key in wanted],
        notes=_notes(joined, band_km),
        attributions=_attributions(event_sets),
        minimap_geojson=_minimap_outline(),
    ))
    folium.LayerControl(collapsed=True, position="topright").add_to(m)  # opens on hover or tap
    m.fit_bounds(MALI_BOUNDS)
    return m


def _attributions(event_sets: list[EventSet]) -> list[str]:
    keys = ["codab_mli", "geoboundaries_bfa", "codab_ner", "natural_earth", "geonames"]
    datasets = set()
    for event_set in event_sets:
        datasets |= set(event_set.events["dataset"].unique())
    if "ucdp" in datasets:
        keys.insert(0, "ucdp_ged211")
    text = [ATTRIBUTION[k] for k in keys]
    if "native" in datasets:
        text.insert(0, "Events of the 2020 analysis: " + ATTRIBUTION["article"])
    if "acled" in datasets:
        text.insert(0, "Events: ACLED (Armed Conflict Location & Event Data), acleddata.com")
    if "synthetic" in datasets:
        text.insert(0, "SYNTHETIC test events (not real data)")
    return text


def _minimap_outline() -> dict:
    frame = load_layer("countries")[["iso3", "geometry"]].copy()
    frame["geometry"] = frame.geometry.simplify(0.05)
    return frame.__geo_interface__
