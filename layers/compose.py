"""Assemble the folium map from the prepared events and the overlay registry."""

from __future__ import annotations

import functools
import html

import folium
import pandas as pd

from geo.actors import load_actor_groups
from geo.boundaries import load_layer
from geo.credits import credits
from geo.frames import data_bounds
from geo.pipeline import Prepared
from geo.schema import EVENT_TYPES
from geo.sources import get_source, sources
from layers import annotations as annotation_layer
from layers import basemaps, search
from layers._branca import stable_ids, verbatim_element
from layers._bundle import js_literal
from layers._chrome import MapChrome
from layers._geojson import geo_dict
from layers._payload import EVENT_TYPE_COLORS
from layers._render import OfflineMap
from layers._store import CountStore, EventStore
from layers.chart import chart_series
from layers.i18n import (
    DEFAULT_LANG,
    catalogue,
    format_date,
    format_int,
    format_number,
    languages,
    month_abbr,
    t,
    title_for,
    translations,
)
from layers.overlays import (
    EventSet,
    MapContext,
    add_overlays,
    area_legend,
    drawn_layers,
    link_keys,
    overlay_keys,
    panes,
)

__all__ = ["DEFAULT_TITLE", "EventSet", "build", "map_notes", "map_credits"]

DEFAULT_TITLE = t(DEFAULT_LANG, "page.title")
MALI_BOUNDS = [[10.1, -12.3], [25.0, 4.3]]


def _subtitle(frame: pd.DataFrame, lang: str, counts: pd.DataFrame | None = None) -> str:
    """"{n} events, {first} – {last}"; a table of counts adds its events, from its first month's
    first day (the page's live title, layers/static/js/live.js, counts the same way)."""
    months = None if counts is None else counts["month"] + pd.offsets.MonthEnd(0)  # to a month's last day
    dates = [d for d in (frame["event_date"], None if counts is None else counts["month"], months) if d is not None]
    n = len(frame) + (0 if counts is None else int(counts["events"].sum()))
    if not n:
        return t(lang, "page.subtitle_none")
    first, last = min(d.min() for d in dates if len(d)), max(d.max() for d in dates if len(d))
    return t(lang, "page.subtitle", n=format_int(lang, n), first=format_date(lang, first),
             last=format_date(lang, last))


def _coverage(prepared: Prepared, event_sets: list[EventSet], lang: str) -> str:
    """"Data end: UCDP GED 21.1 Dec 2020; UCDP GED 24.1 Dec 2023" when the datasets end in
    different months (build_map sets each set's `ends`), else ""."""
    ends = [f"{s.source} {s.ends}" for s in event_sets if s.ends]
    counts = prepared.counts
    if ends and counts is not None and len(counts):
        last = counts["month"].max()
        name = t(lang, "page.counts_hdx" if (counts["dataset"] == "acled_hdx").any() else "page.counts")
        ends.append(f"{name} {month_abbr(lang, last.month)} {last.year}")
    return t(lang, "page.coverage", ends="; ".join(ends)) if ends else ""


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
    shown = ctx.prepared.events
    if ctx.prepared.counts is not None:  # a table of counts is credited as its events would be
        shown = pd.concat([shown[["source_file", "dataset"]], ctx.prepared.counts[["source_file", "dataset"]]])
    return credits(shown, ctx.lang, layers=(*search.INDEXED_LAYERS, *drawn_layers(wanted)))


def map_notes(ctx: MapContext, wanted: set[str] = frozenset()) -> list[str]:
    """"About this map": what the boundary sources bring, the zones, then what each event
    source brings, in the map's language (data/sources.toml)."""
    prepared, lang = ctx.prepared, ctx.lang
    cited = map_credits(ctx, wanted)
    return [
        *[note for c in cited if not c.is_events for note in c.notes],
        _zones_line(ctx),
        ctx.t("notes.band", km=format_number(lang, ctx.band_km, None),
              length=format_int(lang, prepared.layers.border["length_km"].iloc[0])),
        *[note for c in cited if c.is_events for note in c.notes],
        ctx.t("notes.tiles"),
        *([ctx.t("notes.context")] if "context" in wanted else []),
        *([ctx.t("notes.centres")] if "centres" in wanted else []),
    ]


def build(prepared: Prepared, event_sets: list[EventSet], *, layers: tuple[str, ...] | None = None,
          basemap: str = "positron", title: str | None = None,
          lang: str = DEFAULT_LANG, popup_fields: tuple[str, ...] | None = None,
          public_url: str | None = None, annotations=None) -> folium.Map:
    """The interactive map as a folium.Map (usable in Jupyter). Deterministic element ids.
    Interface strings are in `lang` (layers/i18n/<lang>.toml); data stays as written.
    `public_url`: where the page will be published, for its Share links and embed code.
    `annotations` (geo.annotations.Annotations): the editor's labelled points, a layer on at start."""
    with stable_ids():
        return _build(prepared, event_sets, set(layers or overlay_keys()), basemap,
                      title, lang, popup_fields, public_url, annotations)


def _build(prepared: Prepared, event_sets: list[EventSet], wanted: set[str], basemap: str,
           title: str | None, lang: str, popup_fields: tuple[str, ...] | None = None,
           public_url: str | None = None, annotations=None) -> folium.Map:
    m = OfflineMap(location=[17.0, -2.0], zoom_start=5, tiles=None, control_scale=False,
                   font_size="0.8rem", prefer_canvas=False)
    joined = prepared.events
    # --engine dask above its page limit: the events are a sample, the extract counts them all
    tallied = prepared.page_extract.counts if prepared.page_extract is not None else None
    present = pd.concat([f[["country_iso3"]] for f in (joined, prepared.counts, tallied)
                         if f is not None])  # a map of counts has no events
    title = title or title_for(lang, present["country_iso3"].unique())  # "... in Burkina Faso and Niger"
    m.sahel_lang, m.sahel_title = lang, title  # <html lang> and <title> (layers/_render.py _head)
    # Before any map script: the page's strings, so controls are made in its language.
    # with the actor groups' names in that language (data/actors.toml name_fr; filters.js)
    strings = {**catalogue(lang), **{f"actor_group.{g.id}": g.label(lang) for g in load_actor_groups()}}
    m.get_root().header.add_child(verbatim_element(
        f"<script>SahelMap.setStrings({js_literal(lang)}, {js_literal(strings)});</script>"),
        name="i18n")
    for pane, z_index in panes().items():
        folium.map.CustomPane(pane, z_index=z_index).add_to(m)
    bases = [(kind, basemaps.build(kind, show=kind == basemap, name=t(lang, f"basemap.{kind}"), lang=lang))
             for kind in basemaps.BASEMAPS]
    for _, layer in bases:
        layer.add_to(m)

    band_km = float(prepared.summary.get("border_band_km", 100.0))
    stores = [EventStore(s.events, popup_fields=popup_fields, counted=tallied is None) for s in event_sets]
    count_stores = [CountStore(c) for c in (prepared.counts, tallied) if c is not None and len(c)]
    for store in (*stores, *count_stores):
        m.add_child(store)  # the payload travels once, shared by events, heatmap and timeline
    ctx = MapContext(prepared, event_sets, stores, band_km, region_counts=_region_counts(prepared),
                     lang=lang, basemap=basemap, count_stores=count_stores)
    built = add_overlays(m, ctx, wanted, off=_off_at_start(present))
    if annotations is not None and len(annotations.points):
        m.add_child(annotation_layer.build(annotations.points, name=t(lang, "layer.annotations")))
    # The search box finds places whichever overlays are on.
    m.add_child(search.build(search.index(
        load_layer("places"), load_layer("context_places"), prepared.layers.admin1, load_layer("countries"),
        [s.events for s in event_sets], lang=lang, districts=prepared.layers.admin2), lang=lang))

    m.add_child(MapChrome(
        title=title,
        subtitle=(_subtitle(joined, lang, prepared.counts) if tallied is None
                  else _subtitle(joined.iloc[0:0], lang, tallied)),
        coverage=_coverage(prepared, event_sets, lang),
        public_url=public_url,
        legend_items=[(t(lang, f"event_type.{kind}"), EVENT_TYPE_COLORS[kind]) for kind in EVENT_TYPES],
        area_items=area_legend(ctx, wanted, built),
        has_events=bool(built.get("events")) or bool(count_stores),
        events_layers=[layer.get_name() for layer in built.get("events", [])],
        notes=map_notes(ctx, wanted),
        attributions=[c.text for c in map_credits(ctx, wanted)],
        strings={key: t(lang, key) for key in ("legend.event_type", "legend.areas", "notes.title")},
        chart_series=chart_series(joined, prepared.counts, tallied),
        minimap_geojson=_minimap_outline(),
        link_layers={"overlays": _linked(link_keys(built), lang, _event_set_names(event_sets, built)),
                     "bases": _linked(bases, lang)},
    ))
    folium.LayerControl(collapsed=True, position="topright").add_to(m)  # opens on hover or tap
    # the first view: Mali when it has events (the default map's also reach northern Algeria,
    # and their whole frame shrank central Mali to a corner), else the figures' `data` frame
    # (the events and their zones: a BFA/NER map opens on them); a hash view replaces it (hash.js)
    first = None if (joined["country_iso3"] == "MLI").any() else data_bounds(joined)
    m.fit_bounds(first.leaflet() if first is not None else MALI_BOUNDS)
    return m


def _region_counts(prepared: Prepared) -> dict[tuple[str, str], int]:
    """Events per (ISO3, region): the events', plus a table of counts' events."""
    if prepared.page_extract is not None:  # the events are a sample; these count them all
        counts = prepared.page_extract.counts.groupby(["country_iso3", "region"])["events"].sum()
    else:
        counts = prepared.events.groupby(["country_iso3", "region"]).size()
    if prepared.counts is not None:
        counts = counts.add(prepared.counts.groupby(["country_iso3", "region"])["events"].sum(), fill_value=0)
    return {(i, r): int(n) for (i, r), n in counts.items() if r}


# The overlays about some countries, hidden at start on a map with no event in any of them
# (they stay in the layer control): a Burkina Faso and Niger map opens without Mali's zones.
SUBJECTS = {"regions": {"MLI"}, "zones": {"MLI"}, "band": {"MLI", "DZA"}, "border": {"MLI", "DZA"},
            "spillover": {"BFA", "NER"}}


def _off_at_start(events: pd.DataFrame) -> frozenset[str]:
    present = set(events["country_iso3"].dropna().unique()) if len(events) else set()  # not a million strings
    return frozenset(key for key, countries in SUBJECTS.items() if not countries & present)


def _linked(keyed: list[tuple[str, object]], lang: str,
            names: dict[str, dict[str, str]] | None = None) -> list[tuple[str, str, dict[str, str]]]:
    """(link key, layer's JS name, its name in every language) per layer: the page writes the
    key and still reads the slugs of those names that links carried before keys (hash.js)."""
    return [(key, layer.get_name(), (names or {}).get(layer.get_name())
             or translations(html.unescape(layer.layer_name), lang)) for key, layer in keyed]


def _event_set_names(event_sets: list[EventSet], built: dict[str, list]) -> dict[str, dict[str, str]]:
    """A shipped event set's overlay name in every language: its source's name in each."""
    out = {}
    for s, layer in zip(event_sets, built.get("events", []), strict=False):
        if s.key in sources() and "name" in get_source(s.key).texts:
            rest = s.label.partition(" \u00b7 ")[2]
            out[layer.get_name()] = {lang: " \u00b7 ".join(filter(None, (
                t(lang, "layer.events_file", name=get_source(s.key).name(lang)), rest))) for lang in languages()}
    return out


@functools.cache  # the same on every map (read-only)
def _minimap_outline() -> dict:
    frame = load_layer("countries")[["iso3", "geometry"]].copy()
    frame["geometry"] = frame.geometry.simplify(0.05)
    return geo_dict(frame)
