"""The overlays of the map: one `OverlaySpec` per `--layers` key, in drawing order.

Adding an overlay is one spec in `OVERLAYS` (or `register_overlay(spec)` at run time): its key
becomes a `--layers` choice, its builder runs when the key is wanted, its pane fixes where it
is drawn whatever order the reader toggles layers in, and its legend entries join the "Areas"
legend. Layer modules stay independent of this registry and of the CLI.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

import folium
import pandas as pd

from geo.boundaries import load_layer
from geo.centres import yearly_centres_by
from geo.pipeline import Prepared
from layers import (
    _aggregate,
    border,
    border_band,
    centres,
    change,
    choropleth,
    context,
    countries,
    dominance,
    events,
    heatmap,
    places,
    regions,
    spillover,
    timeline,
    zones,
)
from layers._store import EventStore
from layers.i18n import DEFAULT_LANG, format_number, t

__all__ = ["EventSet", "MapContext", "OverlaySpec", "OVERLAYS", "register_overlay",
           "overlay_keys", "link_keys", "slug", "panes", "area_legend", "add_overlays", "control_labels", "drawn_layers"]


@dataclass(frozen=True)
class EventSet:
    """One events overlay: a label for the layer control and the rows it shows."""

    label: str
    events: pd.DataFrame
    source: str = ""  # the source's name ("UCDP GED 21.1"), without the countries and years
    ends: str = ""    # where its data end ("Dec 2020"), when the map's datasets end apart
    key: str = ""  # what the link key names it by (a source id or file name), in every language


@dataclass
class MapContext:
    """What a builder may use: the prepared events, their sets and stores, and counts."""

    prepared: Prepared
    event_sets: list[EventSet]
    stores: list[EventStore]
    band_km: float
    region_counts: dict[tuple[str, str], int] = field(default_factory=dict)
    lang: str = DEFAULT_LANG
    basemap: str = "positron"
    count_stores: list[EventStore] = field(default_factory=list)  # tables of counts (geo/counts.py)
    started: dict[str, Future] = field(default_factory=dict)  # OverlaySpec.ahead work, by overlay key

    def ahead(self, key: str, work: Callable[[MapContext], object]):
        """The overlay's `ahead` work: its result if add_overlays started it, else done now."""
        future = self.started.get(key)
        return future.result() if future is not None else work(self)

    @property
    def timed_stores(self) -> list[EventStore]:
        """Every store the time window applies to: events, then counts."""
        return [*self.stores, *self.count_stores]

    def t(self, key: str, **fmt) -> str:
        """An interface string in the map's language (layers/i18n)."""
        return t(self.lang, key, **fmt)

    def zone_label(self, zone: str) -> str:
        """data/zones.toml's label in English; the catalogue's zone.<key> in other languages."""
        if self.lang == DEFAULT_LANG:
            return str(self.prepared.layers.zones.labels[zone])
        return self.t(f"zone.{zone}")


Builder = Callable[[MapContext, bool], list]  # (context, show) -> folium layers to add, in order


@dataclass(frozen=True)
class OverlaySpec:
    key: str                               # the --layers name
    build: Builder
    show: bool = True                      # visible when the page opens
    pane: tuple[str, int] | None = None    # (pane name, z-index); tiles 200, events 400+
    # (label, colour) entries in the "Areas" legend, or a function of the context giving them
    legend: tuple[tuple[str, str], ...] | Callable[[MapContext], list] = ()
    help: str = ""                         # one line for --help
    layers: tuple[str, ...] = ()           # the data/layers it draws: their sources are credited
    # numeric work of its own (no folium objects: their ids follow the order they are made in),
    # started on a thread before any overlay is built so that work which releases the GIL
    # (PROJ, H3, numpy) overlaps the building of the page; `build` takes it from ctx.ahead(key)
    ahead: Callable[[MapContext], object] | None = None


def _yearly_centres(ctx: MapContext) -> dict:
    return yearly_centres_by(ctx.prepared.events, tuple(centres.COLORS))


def _dominance_options(ctx: MapContext) -> dict:
    return dominance.options(ctx.stores, [s.events for s in ctx.event_sets])


def _mali_counts(ctx: MapContext) -> dict[str, int]:
    return {r: n for (i, r), n in ctx.region_counts.items() if i == "MLI"}


def _keyed(layer, key: str):
    """A layer with its own link key (`add_overlays`), for an overlay of several layers."""
    layer.link_key = key
    return layer


def _zones(ctx: MapContext, show: bool) -> list:
    frame = load_layer("conflict_zones")
    frame = frame.assign(name=[ctx.zone_label(zone) for zone in frame["zone"]])
    return [_keyed(zones.build(frame, zone, name=ctx.zone_label(zone), show=show, lang=ctx.lang), f"zones-{zone}")
            for zone in frame["zone"]]


def _events(ctx: MapContext, show: bool) -> list:
    return [_keyed(events.build(store, name=html.escape(s.label), show=show), f"events-{slug(s.key or s.label)}")
            for store, s in zip(ctx.stores, ctx.event_sets, strict=True)]


def _choropleth(ctx: MapContext, show: bool) -> list:
    """Regions, then districts from zoom 7; a map of counts alone shows it from the start, by
    district at every zoom (the counts are per district), saying what it counts."""
    only_counts = bool(ctx.count_stores) and not ctx.stores
    hdx = ctx.prepared.counts is not None and (ctx.prepared.counts["dataset"] == "acled_hdx").any()
    return [choropleth.build(
        ctx.prepared.layers.admin1, ctx.region_counts, name=ctx.t("layer.choropleth"),
        show=show or only_counts, districts=ctx.prepared.layers.admin2,
        district_zoom=0 if only_counts else choropleth.DISTRICT_ZOOM,
        note=ctx.t("legend.counts_hdx" if hdx else "legend.counts") if ctx.count_stores else "")]


def _context(ctx: MapContext, show: bool) -> list:
    # Off at start over tiles (which carry their own names); on without them.
    return [context.build(load_layer("context_places"), load_layer("countries"), load_layer("rivers"),
                          load_layer("lakes"), name=ctx.t("layer.context"),
                          show=show or ctx.basemap == "none", lang=ctx.lang,
                          on_tile_error=ctx.basemap != "none")]


OVERLAYS: list[OverlaySpec] = [
    OverlaySpec("countries", lambda ctx, show: [countries.build(
        load_layer("countries"), name=ctx.t("layer.countries"), show=show)],
        pane=("countries", 360), help="Natural Earth outlines; Mali in bold", layers=("countries",)),
    OverlaySpec("choropleth", _choropleth,
        # above the zone, spillover and band fills (375-385), so its colours are its legend's
        show=False, pane=("choropleth", 387),
        help="events, fatalities or events per 10,000 km² per admin-1 region, classed",
        layers=("admin1_regions",)),
    OverlaySpec("regions", lambda ctx, show: [regions.build(
        ctx.prepared.layers.admin1[ctx.prepared.layers.admin1["iso3"] == "MLI"],
        _mali_counts(ctx), name=ctx.t("layer.regions"), show=show, lang=ctx.lang)],
        pane=("regions", 370), help="Mali's 10 regions, labelled", layers=("admin1_regions",)),
    OverlaySpec("spillover", lambda ctx, show: [spillover.build(
        load_layer("spillover"), ctx.region_counts, name=ctx.zone_label("spillover"),
        show=show, lang=ctx.lang)], pane=("spillover", 375),
        legend=lambda ctx: [(ctx.zone_label("spillover"), spillover.COLOR)],
        help="Burkina Faso and Niger regions of data/zones.toml", layers=("spillover",)),
    OverlaySpec("zones", _zones, pane=("zones", 380),
                legend=lambda ctx: [(ctx.zone_label(z), zones.ZONE_COLORS[z]) for z in zones.MALI_ZONES],
                help="northern and central conflict zones (data/zones.toml)",
                layers=("conflict_zones",)),
    OverlaySpec("band", lambda ctx, show: [border_band.build(
        ctx.prepared.layers.band, name=ctx.t("layer.band", km=format_number(ctx.lang, ctx.band_km, None)), show=show,
        lang=ctx.lang)],
        show=False, pane=("border_band", 385), legend=lambda ctx: [(ctx.t("legend.band"), border_band.FILL)],
        help="Mali within --border-band-km of the Algerian border", layers=("border_band",)),
    OverlaySpec("border", lambda ctx, show: [border.build(
        ctx.prepared.layers.border, name=ctx.t("layer.border"), show=show, lang=ctx.lang)],
        pane=("border", 390), legend=lambda ctx: [(ctx.t("legend.border"), border.COLOR)],
        help="the Algeria–Mali border line, with its length", layers=("algeria_mali_border",)),
    OverlaySpec("counts", lambda ctx, show: [_aggregate.build(ctx.prepared.page_extract, show=show, lang=ctx.lang)]
                if ctx.prepared.page_extract is not None else [],
                help="--engine dask above its event limit: every event counted per grid cell"),
    OverlaySpec("events", _events, help="events, clustered, coloured by type; click for details"),
    OverlaySpec("heatmap", lambda ctx, show: [heatmap.build(
        ctx.stores, name=ctx.t("layer.heatmap"), show=show)] if ctx.stores else [],
        show=False, help="events per 50, 25 or 10 km square (by zoom) for the view, dates and filters"),
    OverlaySpec("change", lambda ctx, show: [change.build(
        ctx.prepared.layers.admin1, ctx.prepared.summary["compare"], districts=ctx.prepared.layers.admin2,
        name=ctx.t("layer.change"), show=show, lang=ctx.lang)] if "compare" in ctx.prepared.summary else [],
        pane=("change", 388), help="with --compare: the change per region (per district from zoom 7) between "
                                   "the two windows, diverging",
        layers=("admin1_regions", "admin2_districts")),
    OverlaySpec("centres", lambda ctx, show: [centres.build(
        ctx.ahead("centres", _yearly_centres), name=ctx.t("layer.centres"), show=show, lang=ctx.lang)],
        show=False, ahead=_yearly_centres, legend=lambda ctx: [(ctx.t(f"centres.{w}"), c) for w, c in centres.COLORS.items()],
        help="how the violence moved: the yearly centre of the events and of the fatalities, with its spread"),
    OverlaySpec("dominance", lambda ctx, show: [dominance.build(
        ctx.stores, ctx.ahead("dominance", _dominance_options), name=ctx.t("layer.dominance"), show=show)]
        if ctx.stores else [],
        show=False, ahead=_dominance_options, help="who dominates where: H3 hexagons by the leading actor side (data/actors.toml)"),
    OverlaySpec("timeline", lambda ctx, show: [timeline.build(
        ctx.timed_stores, name=ctx.t("layer.timeline"), show=show)] if ctx.timed_stores else [],
        show=False, help="a time slider over months"),
    OverlaySpec("context", _context, show=False,
                help="Natural Earth rivers, lakes, countries and towns, labelled by rank; "
                     "on at start with --basemap none, and when tiles fail",
                layers=("context_places", "countries", "rivers", "lakes")),
    OverlaySpec("places", lambda ctx, show: [places.build(
        load_layer("places"), name=ctx.t("layer.places"), show=show)], help="gazetteer towns, searchable", layers=("places",)),
]


def register_overlay(spec: OverlaySpec, *, before: str | None = None) -> None:
    """Add (or replace) an overlay; drawn last, or just before the overlay `before`."""
    OVERLAYS[:] = [o for o in OVERLAYS if o.key != spec.key]
    keys = overlay_keys()
    OVERLAYS.insert(keys.index(before) if before in keys else len(OVERLAYS), spec)


def drawn_layers(wanted: set[str]) -> tuple[str, ...]:
    """The data/layers the wanted overlays draw (their sources are credited)."""
    return tuple(dict.fromkeys(layer for o in OVERLAYS if o.key in wanted for layer in o.layers))


def overlay_keys() -> tuple[str, ...]:
    return tuple(o.key for o in OVERLAYS)


def panes() -> dict[str, int]:
    return {o.pane[0]: o.pane[1] for o in OVERLAYS if o.pane}


def area_legend(ctx: MapContext, wanted: set[str],
                built: dict[str, list] | None = None) -> list[tuple[str, str, list[str]]]:
    """(label, colour, JS names of the layers it stands for) per "Areas" legend entry; the page
    lists an entry only while one of its layers is on.  An overlay with as many layers as
    entries pairs them in order (the two zones); otherwise each entry stands for all of them."""
    out = []
    for o in OVERLAYS:
        if o.key not in wanted:
            continue
        entries = o.legend(ctx) if callable(o.legend) else o.legend
        layers = [layer.get_name() for layer in (built or {}).get(o.key, [])]
        for k, (label, colour) in enumerate(entries):
            mine = [layers[k]] if len(layers) == len(entries) else layers
            out.append((label, colour, mine))
    return out


def slug(text: str) -> str:
    """"Événements (UCDP)" -> "evenements-ucdp": ASCII letters and digits joined by '-'."""
    folded = unicodedata.normalize("NFD", str(text)).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")


def link_keys(built: dict[str, list]) -> list[tuple[str, object]]:
    """(key, layer) per built layer: the key that names it in a link, the same in every
    language: the overlay's registry key, or its layer's own (zones-north, events-ucdp-ged211)."""
    out = []
    for key, layers in built.items():
        for k, layer in enumerate(layers):
            own = getattr(layer, "link_key", None)
            out.append((own or (key if len(layers) == 1 else f"{key}-{k + 1}"), layer))
    return out


def add_overlays(m: folium.Map, ctx: MapContext, wanted: set[str],
                 off: frozenset[str] = frozenset()) -> dict[str, list]:
    """Build and add the wanted overlays in registry order, those in `off` hidden at start;
    returns {key: its layers}."""
    built: dict[str, list] = {}
    with ThreadPoolExecutor(2, thread_name_prefix="layers.ahead") as pool:
        ctx.started = {spec.key: pool.submit(spec.ahead, ctx) for spec in OVERLAYS
                       if spec.ahead is not None and spec.key in wanted}
        for spec in OVERLAYS:
            if spec.key in wanted:
                built[spec.key] = spec.build(ctx, spec.show and spec.key not in off)
                for layer in built[spec.key]:
                    layer.add_to(m)
    return built


def control_labels(m: folium.Map) -> list[str]:
    """The overlay names the layer control lists, in order (for tests and docs)."""
    from folium.map import Layer

    return [child.layer_name for child in m._children.values()
            if isinstance(child, Layer) and child.control and child.overlay]
