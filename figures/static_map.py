"""The print figure of the map: PNG, SVG or PDF at a report column's width, no browser.

At the default 160 mm every label is at least 8 pt and the credit line 6.5 pt. The figure
draws what the run selected: its window fits the events (whole admin-1 regions, padded),
`layers` (the map's overlay keys) decides what is drawn, and the title counts what is drawn.
Events in one grid cell (0.05° at 160 mm: under half a millimetre on paper) are one circle,
its area the fatalities there, its colour their most frequent type.
"""

from __future__ import annotations

from collections.abc import Iterable

import geopandas as gpd
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from figures import _mapaxes as mx
from figures._mpl import figure_bytes, new_figure, wrap_to_width
from figures.theme import current as theme
from geo.annotations import Annotations
from geo.credits import credits
from geo.frames import Bounds
from geo.pipeline import Prepared
from geo.placenames import corrected, place_name
from geo.schema import EVENT_TYPES
from layers.border import COLOR as BORDER_COLOR
from layers.border_band import FILL as BAND_FILL
from layers.i18n import DEFAULT_LANG, catalogue, format_int, format_number, month_abbr, t, title_for

__all__ = ["FIGURE_LAYERS", "BASE_LAYERS", "figure_layers", "DEFAULT_WIDTH_MM", "draw_figure", "render_figure", "credit_line",
           "figure_title", "legend_blocks", "label_context"]

DEFAULT_TITLE = t(DEFAULT_LANG, "page.title")
DEFAULT_WIDTH_MM = 160.0
# The map's overlay keys a static figure can draw; heatmap, timeline and choropleth are
# interactive views of the events layer and have no static counterpart here.
# the overlays (--layers keys) a figure can draw, and the data/layers each draws
FIGURE_LAYERS = {"countries": ("countries",), "regions": ("admin1_regions",), "spillover": ("spillover",),
                 "zones": ("conflict_zones",), "band": ("border_band",), "border": ("algeria_mali_border",),
                 "events": (), "places": ("context_places",)}
RIVER = "#6baed6"
LAKE = "#c6dbef"


# drawn on every map figure, whatever its layers: outlines (for labels), rivers and lakes
BASE_LAYERS = ("countries", "rivers", "lakes")


def figure_layers(wanted: Iterable[str]) -> tuple[str, ...]:
    """The data/layers a map figure of these overlays draws."""
    return (*BASE_LAYERS, *[layer for key in wanted if key in FIGURE_LAYERS for layer in FIGURE_LAYERS[key]])


def credit_line(events: pd.DataFrame, lang: str = DEFAULT_LANG,
                layers: Iterable[str] = BASE_LAYERS) -> str:
    """A figure's credit line: the sources of its events and of the `layers` it draws
    (geo/credits.py, as for the HTML map)."""
    cited = [c for c in credits(events, lang, layers) if c.short]
    events_part = " ".join(f"{c.short}." for c in cited if c.is_events)
    layers_part = t(lang, "figure.credit_separator").join(c.short for c in cited if not c.is_events)
    return " ".join(part for part in (events_part, f"{layers_part}.", t(lang, "figure.taoudenit")) if part)


def _month(lang: str, day) -> str:
    return f"{month_abbr(lang, day.month)} {day.year}"


def figure_title(events: pd.DataFrame | None, title: str | None = None,
                 lang: str = DEFAULT_LANG) -> tuple[str, str]:
    """(title, subtitle): the subtitle counts the events drawn (None: events not drawn)."""
    head = title or title_for(lang, () if events is None else events["country_iso3"].unique())
    if events is None:
        return head, t(lang, "print.areas_only")
    if not len(events):
        return head, t(lang, "page.subtitle_none")
    deaths = int(events["fatalities"].fillna(0).sum())
    return head, t(lang, "print.subtitle", n=format_int(lang, len(events)),
                   first=_month(lang, events["event_date"].min()),
                   last=_month(lang, events["event_date"].max()), dead=format_int(lang, deaths))


def _areas(prepared: Prepared, wanted: set[str]) -> dict[str, gpd.GeoDataFrame]:
    """The area layers to draw, in MAP_CRS, keyed by overlay key."""
    out = {}
    if "regions" in wanted:
        admin1 = mx.projected_layer("admin1_regions")
        out["regions"] = admin1[admin1["iso3"] == "MLI"]
    if "spillover" in wanted:
        out["spillover"] = mx.projected_layer("spillover")
    if "zones" in wanted:
        out["zones"] = mx.projected_layer("conflict_zones")
    if "band" in wanted:
        out["band"] = mx.project(prepared.layers.band)
    if "border" in wanted:
        out["border"] = mx.project(prepared.layers.border)
    return out


def zone_labels(prepared: Prepared, lang: str = DEFAULT_LANG) -> dict[str, str]:
    """data/zones.toml's labels in English, the catalogue's zone.<key> in other languages."""
    labels = prepared.layers.zones.labels
    return dict(labels) if lang == DEFAULT_LANG else {z: t(lang, f"zone.{z}") for z in labels}


def legend_blocks(prepared: Prepared, wanted: set[str], types: list[str],
                  scale: mx.SizeScale | None, cell_deg: float = 0.05,
                  lang: str = DEFAULT_LANG) -> list[tuple[str, list, list]]:
    """[(title, handles, labels)] for what is drawn: event types, circle sizes, areas and lines."""
    blocks = []
    if "events" in wanted and scale is not None:
        type_handles, _, size_handles, size_labels = mx.event_handles(types, scale)
        blocks.append((t(lang, "print.type_title"), type_handles, [t(lang, f"event_type.{k}") for k in types]))
        blocks.append((t(lang, "print.size_title", cell=format_number(lang, cell_deg, None)), size_handles, size_labels))
    labels = zone_labels(prepared, lang)
    entries: list[tuple[object, str]] = []
    if "zones" in wanted:
        entries += [(Patch(facecolor=c, alpha=0.35, edgecolor=c), labels[z]) for z, c in theme().zone_colors.items()]
    if "spillover" in wanted:
        entries.append((Patch(facecolor=theme().spillover, alpha=0.3, edgecolor=theme().spillover),
                        labels["spillover"]))
    if "band" in wanted:
        width = float(prepared.layers.band["width_km"].iloc[0])
        entries.append((Patch(facecolor=BAND_FILL, alpha=0.6, edgecolor="#d6604d", hatch="////"),
                        t(lang, "layer.band", km=format_number(lang, width, None))))
    if "border" in wanted:
        entries.append((Line2D([], [], color=BORDER_COLOR, linewidth=2),
                        t(lang, "figure.border", km=format_int(lang, prepared.layers.border["length_km"].iloc[0]))))
    if "regions" in wanted:
        entries.append((Line2D([], [], color="#7f7f7f", linewidth=0.6), t(lang, "layer.regions")))
    if "countries" in wanted:
        entries.append((Line2D([], [], color="#222222", linewidth=1.1), t(lang, "print.countries")))
    entries.append((Line2D([], [], color=RIVER, linewidth=1.2), t(lang, "print.water")))
    if "places" in wanted:
        entries.append((Line2D([], [], marker="s", linestyle="", color="#222222", markersize=3.5),
                        t(lang, "print.capital")))
        entries.append((Line2D([], [], marker="o", linestyle="", color="#222222", markersize=2.5),
                        t(lang, "print.town")))
    blocks.append((t(lang, "print.areas_title"), [h for h, _ in entries], [label for _, label in entries]))
    return blocks


def _add_legends(fig: Figure, blocks, x_mm: list[float], top_mm: float, height_mm: float) -> list:
    fig_w, fig_h = fig.get_size_inches() * 25.4
    legends = []
    for (title, handles, labels), x in zip(blocks, x_mm, strict=False):
        # room for the biggest marker (points) between rows
        tallest = max((h.get_markersize() for h in handles if isinstance(h, Line2D)), default=0)
        legend = fig.legend(handles, labels, title=title, loc="upper left", frameon=False,
                            bbox_to_anchor=(x / fig_w, 1 - top_mm / fig_h), fontsize=theme().body_pt,
                            title_fontsize=theme().body_pt, alignment="left", borderaxespad=0,
                            handlelength=1.6, handletextpad=0.5, borderpad=0,
                            labelspacing=max(0.35, (tallest - theme().body_pt) / theme().body_pt + 0.3))
        legend.get_title().set_fontweight("bold")
        legends.append(legend)
    return legends


def _legend_columns(blocks, width_mm: float) -> list[float]:
    """Left edges (mm) of the legend blocks, from their measured widths: 8 mm apart, or closer
    (down to 2 mm) when longer labels (another language) would run off the figure."""
    widths = _legend_sizes_mm(blocks, width_mm)[0]
    spare = width_mm - 4.0 - 2.0 - sum(widths)
    gap = 8.0 if len(widths) < 2 else max(2.0, min(8.0, spare / (len(widths) - 1)))
    x, lefts = 4.0, []
    for w in widths:
        lefts.append(x)
        x += w + gap
    return lefts


def _legend_sizes_mm(blocks, width_mm: float) -> tuple[list[float], float]:
    """Measured on a scratch figure of the same width: each block's width and the tallest
    block's height (mm)."""
    scratch = new_figure(width_mm, 200)
    legends = _add_legends(scratch, blocks, [0.0] * len(blocks), 0, 200)
    renderer = scratch.canvas.get_renderer()
    boxes = [lg.get_window_extent(renderer) for lg in legends]
    mm = 25.4 / scratch.dpi
    return [b.width * mm for b in boxes], max((b.height * mm for b in boxes), default=0.0)


def map_page(ext, blocks, credit: str, *, width_mm: float, map_w: float, left: float,
             header: float) -> tuple:
    """A map figure's page, top to bottom: header, map, legends, credit (sizes in mm).
    Returns (figure, map axes, height, legends' top, legends' height, credit's height)."""
    map_h = map_w * ext.height / ext.width
    legend_top = header + map_h + 7.0
    legend_h = _legend_height_mm(blocks, width_mm)
    credit_h = (credit.count("\n") + 1) * theme().source_pt * 1.3 * 25.4 / 72
    height = legend_top + legend_h + 3.0 + credit_h + 2.5
    fig = new_figure(width_mm, height)
    ax = fig.add_axes((left / width_mm, 1 - (header + map_h) / height, map_w / width_mm, map_h / height))
    return fig, ax, height, legend_top, legend_h, credit_h


def _legend_height_mm(blocks, width_mm: float) -> float:
    return _legend_sizes_mm(blocks, width_mm)[1]


def draw_figure(prepared: Prepared, *, layers: Iterable[str] | None = None,
                title: str | None = None, width_mm: float = DEFAULT_WIDTH_MM,
                lang: str = DEFAULT_LANG, extent: str | Bounds | None = None,
                annotations: Annotations | None = None) -> Figure:
    """The map figure as a matplotlib Figure (for tests and notebooks); see render_figure.
    `extent`: a frame of geo/frames.py (`data`, the default; a name of data/frames.toml; a Bounds);
    `annotations`: the editor's labelled points (geo/annotations.py), drawn in the frame."""
    wanted = set(layers) if layers is not None else set(FIGURE_LAYERS)
    events = prepared.events if "events" in wanted else None
    areas = _areas(prepared, wanted)
    ext = mx.extent_for(events, list(areas.values()), extent=extent).with_aspect(0.6, 1.15)
    if events is not None:  # the title counts, and the legend sizes, what the frame shows
        events = events[ext.contains(*mx.to_map(events["longitude"], events["latitude"]))]
    outside = {k for k, frame in areas.items() if not frame.intersects(ext.box()).any()}
    if outside and extent not in (None, "data"):  # a chosen frame: legend and credits of what shows
        wanted -= outside
        areas = {k: v for k, v in areas.items() if k not in outside}
    # layout, top to bottom, in mm
    left, right, header = 11.0, 3.0, 13.0
    map_w = width_mm - left - right
    cell_deg = mx.cell_deg_for(ext, map_w)
    cells = mx.colocated(events if events is not None else prepared.events.iloc[0:0], cell_deg)
    scale = mx.SizeScale.for_cells(cells) if events is not None and len(cells) else None

    types = [k for k in EVENT_TYPES if (cells["event_type"] == k).any()]
    blocks = legend_blocks(prepared, wanted, types, scale, cell_deg, lang)
    drawn = figure_layers(wanted)
    credit = wrap_to_width(credit_line(prepared.events, lang, drawn), width_mm - 8, theme().source_pt)
    fig, ax, height, legend_top, legend_h, credit_h = map_page(ext, blocks, credit, width_mm=width_mm,
                                                                 map_w=map_w, left=left, header=header)

    head, sub = figure_title(events, title, lang)
    fig.text(4 / width_mm, 1 - 2.5 / height, head, fontsize=theme().title_pt, fontweight="bold", va="top",
             parse_math=False)
    fig.text(4 / width_mm, 1 - 8.0 / height, sub, fontsize=theme().body_pt, va="top", color="#333333",
             parse_math=False)

    fig.unplaced_annotations = _draw_map(ax, ext, prepared, wanted, areas, cells, scale, lang,
                                         annotations.points if annotations is not None else None)
    _add_legends(fig, blocks, _legend_columns(blocks, width_mm), legend_top, legend_h)
    fig.text(4 / width_mm, (2.5 + credit_h) / height, credit, fontsize=theme().source_pt, va="top",
             color="#555555", linespacing=1.3, parse_math=False)
    return fig


def _draw_map(ax, ext: mx.Extent, prepared: Prepared, wanted: set[str], areas: dict,
              cells: pd.DataFrame, scale: mx.SizeScale | None, lang: str = DEFAULT_LANG,
              notes: pd.DataFrame | None = None) -> list[mx.Unplaced]:
    """Draws the map; returns the editor's points it could not show (outside the frame)."""
    ax.set_facecolor(theme().background)
    ext.apply(ax)
    window = ext.box().buffer(ext.width * 0.05)
    countries = mx.projected_layer("countries")
    countries["geometry"] = countries.geometry.intersection(window)
    if "countries" in wanted:
        countries.plot(ax=ax, facecolor=theme().land, edgecolor="#8c8c8c", linewidth=0.6, zorder=1)
    if "spillover" in areas:
        areas["spillover"].plot(ax=ax, facecolor=theme().spillover, alpha=0.14, edgecolor="none", zorder=1.5)
        areas["spillover"].plot(ax=ax, facecolor="none", edgecolor=theme().spillover, linewidth=0.7, zorder=2.6)
    if "zones" in areas:
        for zone, colour in theme().zone_colors.items():
            frame = areas["zones"][areas["zones"]["zone"] == zone]
            frame.plot(ax=ax, facecolor=colour, alpha=0.13, edgecolor="none", zorder=1.6)
            frame.plot(ax=ax, facecolor="none", edgecolor=colour, linewidth=1.1, zorder=2.7)
    if "band" in areas:
        areas["band"].plot(ax=ax, facecolor=BAND_FILL, alpha=0.45, edgecolor="#d6604d",
                           hatch="////", linewidth=0.5, zorder=1.7)
    _draw_water(ax, window)
    if "regions" in areas:
        areas["regions"].plot(ax=ax, facecolor="none", edgecolor="#7f7f7f", linewidth=0.4, zorder=2.5)
    if "countries" in wanted:
        countries[countries["iso3"] == "MLI"].plot(ax=ax, facecolor="none", edgecolor="#222222",
                                                   linewidth=1.1, zorder=2.8)
    if "border" in areas:
        areas["border"].plot(ax=ax, color=BORDER_COLOR, linewidth=2.0, zorder=3)
    if scale is not None:
        mx.draw_events(ax, cells, scale)
    mx.graticule(ax, ext, compass=t(lang, "print.compass"))
    ext.apply(ax)
    ax.set_xlabel("")
    ax.set_ylabel("")
    for spine in ax.spines.values():
        spine.set_linewidth(0.6)
        spine.set_color("#666666")

    corners = mx.emptiest_corners(ext, cells)
    inset = mx.inset_locator(ax, ext, corners[0])
    mx.scale_bar(ax, ext, next(c for c in corners[1:] if c.split()[0] != corners[0].split()[0]))
    placer = mx.LabelPlacer(ax, [inset.get_window_extent(ax.figure.canvas.get_renderer())])
    for artist in [*ax.texts, *ax.patches]:  # the scale bar
        placer.block(artist.get_window_extent(placer.renderer).expanded(1.3, 1.3))
    placer.avoid_data(mx.circle_boxes(ax, cells, scale) if scale is not None else [])
    missing = mx.draw_annotations(placer, notes, ext)
    focus = set(prepared.events["country_iso3"]) - {""} if scale is not None else {"MLI"}
    label_context(placer, ext, wanted, focus, lang)
    if "regions" in areas:
        for name, point in sorted(zip(areas["regions"]["name"],
                                      areas["regions"].geometry.representative_point(), strict=True)):
            placer.place(point.x, point.y, name, offsets=((0, 0, "center", "center"),),
                         fontsize=theme().body_pt, color="#7f7f7f", fontstyle="italic", zorder=7)
    return missing


def _draw_water(ax, window) -> None:
    rivers = mx.projected_layer("rivers")
    rivers = rivers[(rivers["scalerank"] <= 6) & rivers.intersects(window)]
    rivers.plot(ax=ax, color=RIVER, linewidth=np.where(rivers["name"] == "Niger", 1.3, 0.7), zorder=2.2)
    lakes = mx.projected_layer("lakes")
    lakes[lakes.intersects(window)].plot(ax=ax, facecolor=LAKE, edgecolor=RIVER, linewidth=0.4, zorder=2.2)


def label_context(placer: mx.LabelPlacer, ext: mx.Extent, wanted: Iterable[str], focus: set[str],
                  lang: str = DEFAULT_LANG, *, towns: int = 24, lakes: bool = True) -> None:
    """Capitals, country names, lakes, then towns (those of the countries with events first,
    by rank); each where it overlaps nothing placed before, or not at all. Names as every
    output writes them (geo/placenames.py; countries from the catalogue)."""
    places = _places_in(ext, focus, lang) if "places" in wanted else None
    if places is not None:
        _label_places(placer, places[places["capital"]], towns)
    if "countries" in wanted:
        countries = mx.projected_layer("countries")
        inner = ext.box().buffer(-0.03 * ext.width)
        names = [t(lang, f"country.{i}") if f"country.{i}" in catalogue(lang) else n
                 for i, n in zip(countries["iso3"], countries["name"], strict=True)]
        for name, geom in sorted(zip(names, countries.geometry, strict=True),
                                 key=lambda p: -p[1].intersection(inner).area):
            part = geom.intersection(inner)
            if part.area < 0.01 * ext.width * ext.height:
                continue
            point = part.representative_point()
            placer.place(point.x, point.y, name.upper(), offsets=_COUNTRY_OFFSETS,
                         fontsize=theme().body_pt, color="#6f6f6f", fontweight="bold",
                         halo_width=2.5, zorder=7)
    if lakes:
        water = mx.projected_layer("lakes")
        water = water[water["name"].notna() & water.intersects(ext.box())]
        for name, geom in sorted(zip(water["name"], water.geometry, strict=True)):
            point = geom.intersection(ext.box()).representative_point()
            placer.place(point.x, point.y, corrected(name, lang), offsets=_LAKE_OFFSETS, fontsize=theme().body_pt,
                         color="#2b6f9e", fontstyle="italic", zorder=7)
    if places is not None:
        _label_places(placer, places[~places["capital"]], towns)


# a lake's name beside it, or a little further off (points): a small lake is easily crowded
_LAKE_OFFSETS = (*mx.LabelPlacer.OFFSETS, *((3 * dx, 4 * dy, ha, va) for dx, dy, ha, va in mx.LabelPlacer.OFFSETS))
# a country's name at its representative point, else nudged up, down or sideways (points)
_COUNTRY_OFFSETS = tuple((dx, dy, "center", "center") for dx, dy in
                         ((0, 0), (0, -14), (0, 14), (-30, 0), (30, 0), (0, -28), (0, 28)))


def _places_in(ext: mx.Extent, focus: set[str], lang: str = DEFAULT_LANG) -> gpd.GeoDataFrame:
    """Natural Earth places (Kidal from GeoNames) inside the window, in labelling order:
    those in the countries with events first, then by Natural Earth's rank and population."""
    places = mx.projected_layer("context_places", 0)
    places = places[ext.contains(places.geometry.x, places.geometry.y)].copy()
    places["name"] = [place_name(n, f, i, lang) for n, f, i in
                      zip(places["name"], places["name_fr"], places["iso3"], strict=True)]
    places["capital"] = places["featurecla"].str.startswith("Admin-0 capital")
    places["focus"] = places["iso3"].isin(focus)
    return places.sort_values(["focus", "scalerank", "pop_max", "name"],
                              ascending=[False, True, False, True], kind="mergesort")


def _label_places(placer: mx.LabelPlacer, places: gpd.GeoDataFrame, limit: int = 24) -> None:
    shown = 0
    for name, point, capital in zip(places["name"], places.geometry, places["capital"], strict=True):
        if shown >= limit:
            break
        dot = placer.point_box(point.x, point.y, 3)
        if not placer.free(dot):
            continue
        label = placer.place(point.x, point.y, name, fontsize=theme().body_pt, color=theme().text,
                             fontweight="bold" if capital else "normal", zorder=8)
        if label is None:
            continue
        placer.block(dot)
        placer.ax.plot(point.x, point.y, marker="s" if capital else "o", markersize=3.5 if capital else 2.5,
                       color="#222222", markeredgecolor="white", markeredgewidth=0.5, zorder=8)
        shown += 1


def render_figure(prepared: Prepared, *, fmt: str = "png", dpi: int = 200,
                  layers: Iterable[str] | None = None, title: str | None = None,
                  width_mm: float = DEFAULT_WIDTH_MM, lang: str = DEFAULT_LANG,
                  extent: str | Bounds | None = None, annotations: Annotations | None = None) -> bytes:
    """The map figure as PNG (at `dpi`), SVG or PDF bytes, identical for identical input."""
    return figure_bytes(draw_figure(prepared, layers=layers, title=title, width_mm=width_mm, lang=lang,
                                    extent=extent, annotations=annotations), fmt, dpi)
