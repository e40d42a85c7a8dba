"""Assemble the folium map from the prepared events and the overlay registry."""

from __future__ import annotations

import folium
import pandas as pd

from geo.boundaries import load_layer
from geo.credits import credits
from geo.pipeline import Prepared
from geo.schema import EVENT_TYPES
from layers import annotations as annotation_layer
from layers import basemaps, search
from layers._branca import stable_ids, verbatim_element
from layers._bundle import js_literal
from layers._chrome import MapChrome
from layers._geojson import geo_dict
from layers._payload import EVENT_TYPE_COLORS
from layers._render import OfflineMap
from layers._store import EventStore
from layers.i18n import DEFAULT_LANG, catalogue, format_date, format_int, t
from layers.overlays import (
    EventSet,
    MapContext,
    add_overlays,
    area_legend,
    drawn_layers,
    overlay_keys,
    panes,
)

__all__ = ["DEFAULT_TITLE", "EventSet", "build", "map_notes", "map_credits"]

DEFAULT_TITLE = t(DEFAULT_LANG, "page.title")
MALI_BOUNDS = [[10.1, -12.3], [25.0, 4.3]]


def _subtitle(frame: pd.DataFrame, lang: str) -> str:
    if not len(frame):
        return t(lang, "page.subtitle_none")
    first, last = frame["event_date"].min(), frame["event_date"].max()
    return t(lang, "page.subtitle", n=format_int(lang, len(frame)), first=format_date(lang, first),
             last=format_date(lang, last))


def _zones_line(ctx: MapContext) -> str:
    """What each zone holds, read from data/zones.toml through the zone config."""
    config = ctx.prepared.layers.zones
    parts = []
    for zone, members in config.members.items():
        by_country: dict[str, list[str]] = {}
        for iso3, name in members:
            by_country.setdefault(iso3, []).append(name)
        listed = "; ".join(f"{iso3}: {', '.join(names)}" for iso3, names in by_country.items())
        parts.append(f"{ctx.zone_label(zone)} = {listed}")
    return ctx.t("notes.zones", parts=". ".join(parts))


def map_credits(ctx: MapContext, wanted: set[str] = frozenset()):
    """The credits of the page: its events, the join, the search and the overlays drawn."""
    return credits(ctx.prepared.events, ctx.lang, layers=(*search.INDEXED_LAYERS, *drawn_layers(wanted)))


def map_notes(ctx: MapContext, wanted: set[str] = frozenset()) -> list[str]:
    """"About this map": what the boundary sources bring, the zones, then what each event
    source brings, in the map's language (data/sources.toml)."""
    prepared, lang = ctx.prepared, ctx.lang
    cited = map_credits(ctx, wanted)
    return [
        *[note for c in cited if not c.is_events for note in c.notes],
        _zones_line(ctx),
        ctx.t("notes.band", km=f"{ctx.band_km:g}",
              length=format_int(lang, prepared.layers.border["length_km"].iloc[0])),
        *[note for c in cited if c.is_events for note in c.notes],
        ctx.t("notes.tiles"),
        *([ctx.t("notes.context")] if "context" in wanted else []),
    ]


def build(prepared: Prepared, event_sets: list[EventSet], *, layers: tuple[str, ...] | None = None,
          basemap: str = "positron", title: str | None = None,
          lang: str = DEFAULT_LANG, popup_fields: tuple[str, ...] | None = None,
          annotations=None) -> folium.Map:
    """The interactive map as a folium.Map (usable in Jupyter). Deterministic element ids.
    Interface strings are in `lang` (layers/i18n/<lang>.toml); data stays as written.
    `annotations` (geo.annotations.Annotations): the editor's labelled points, a layer on at start."""
    with stable_ids():
        return _build(prepared, event_sets, set(layers or overlay_keys()), basemap,
                      title or t(lang, "page.title"), lang, popup_fields, annotations)


def _build(prepared: Prepared, event_sets: list[EventSet], wanted: set[str], basemap: str,
           title: str, lang: str, popup_fields: tuple[str, ...] | None = None,
           annotations=None) -> folium.Map:
    m = OfflineMap(location=[17.0, -2.0], zoom_start=5, tiles=None, control_scale=False,
                   font_size="0.8rem", prefer_canvas=False)
    m.sahel_lang, m.sahel_title = lang, title  # <html lang> and <title> (layers/_render.py _head)
    # Before any map script: the page's strings, so controls are made in its language.
    m.get_root().header.add_child(verbatim_element(
        f"<script>SahelMap.setStrings({js_literal(lang)}, {js_literal(catalogue(lang))});</script>"),
        name="i18n")
    for pane, z_index in panes().items():
        folium.map.CustomPane(pane, z_index=z_index).add_to(m)
    for kind in basemaps.BASEMAPS:
        basemaps.build(kind, show=kind == basemap, name=t(lang, f"basemap.{kind}"), lang=lang).add_to(m)

    joined = prepared.events
    band_km = float(prepared.summary.get("border_band_km", 100.0))
    stores = [EventStore(s.events, popup_fields=popup_fields) for s in event_sets]
    for store in stores:
        m.add_child(store)  # the payload travels once, shared by events, heatmap and timeline
    ctx = MapContext(prepared, event_sets, stores, band_km, region_counts={
        (i, r): int(n) for (i, r), n in joined.groupby(["country_iso3", "region"]).size().items() if r},
        lang=lang, basemap=basemap)
    built = add_overlays(m, ctx, wanted)
    if annotations is not None and len(annotations.points):
        m.add_child(annotation_layer.build(annotations.points, name=t(lang, "layer.annotations")))
    # The search box finds places whichever overlays are on.
    m.add_child(search.build(search.index(
        load_layer("places"), load_layer("context_places"), prepared.layers.admin1, load_layer("countries"),
        [s.events for s in event_sets], lang=lang, districts=prepared.layers.admin2), lang=lang))

    m.add_child(MapChrome(
        title=title,
        subtitle=_subtitle(joined, lang),
        legend_items=[(t(lang, f"event_type.{kind}"), EVENT_TYPE_COLORS[kind]) for kind in EVENT_TYPES],
        area_items=area_legend(ctx, wanted, built),
        has_events=bool(built.get("events")),
        events_layers=[layer.get_name() for layer in built.get("events", [])],
        notes=map_notes(ctx, wanted),
        attributions=[c.text for c in map_credits(ctx, wanted)],
        strings={key: t(lang, key) for key in ("legend.event_type", "legend.areas", "notes.title")},
        minimap_geojson=_minimap_outline(),
    ))
    folium.LayerControl(collapsed=True, position="topright").add_to(m)  # opens on hover or tap
    m.fit_bounds(MALI_BOUNDS)
    return m


def _minimap_outline() -> dict:
    frame = load_layer("countries")[["iso3", "geometry"]].copy()
    frame["geometry"] = frame.geometry.simplify(0.05)
    return geo_dict(frame)
