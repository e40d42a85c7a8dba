"""Who dominates where, as a print figure (`--figure F --view dominance`) and in the report:
the H3 hexagons of geo/dominance.py coloured by their leading side, stronger with its share,
white with a dashed outline where contested, over the countries, rivers and regions of the
map figure. The hexagon size follows the frame (the finest H3 resolution of
geo.dominance.RESOLUTIONS whose hexagons are at least MIN_CELL_MM across on paper); the
legend states it in km."""

from __future__ import annotations

import geopandas as gpd
import h3
import pandas as pd
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from shapely.geometry import Polygon

from figures import _mapaxes as mx
from figures._mpl import wrap_to_width
from figures.static_map import (
    _add_legends,
    _draw_water,
    _legend_columns,
    credit_line,
    label_context,
    map_page,
)
from figures.theme import current as theme
from geo.actors import load_actor_groups
from geo.dominance import RESOLUTIONS, dominance_table, hex_edge_km, load_sides
from geo.frames import Bounds
from geo.pipeline import Prepared
from layers.dominance import CONTESTED_COLOR, side_colours
from layers.i18n import DEFAULT_LANG, format_int, month_abbr, t

__all__ = ["MIN_CELL_MM", "figure_resolution", "draw_dominance", "dominance_rows", "side_names"]

MIN_CELL_MM = 2.5  # a hexagon narrower than this on paper is a speck: take a coarser one
CONTESTED_EDGE = "#444444"
_METRIC_KEY = {"events": "events", "fatalities": "killed"}  # the page's words for geo.dominance.METRICS


def figure_resolution(ext: mx.Extent, map_width_mm: float) -> int:
    """The finest resolution of RESOLUTIONS whose hexagons (2 edges across) are MIN_CELL_MM wide."""
    km_per_mm = ext.width / 1000.0 / map_width_mm
    fits = [r for r in RESOLUTIONS if 2 * hex_edge_km(r) / km_per_mm >= MIN_CELL_MM]
    return max(fits) if fits else min(RESOLUTIONS)


def _alpha(share: float) -> float:
    """The colour's strength: a bare lead pale, a side alone full (as the page, dominance.js)."""
    return 0.3 + 0.6 * share


def _hexagons(table: pd.DataFrame) -> gpd.GeoDataFrame:
    rings = [Polygon([(lon, lat) for lat, lon in h3.cell_to_boundary(c)]) for c in table["cell"]]
    return mx.project(gpd.GeoDataFrame(table, geometry=rings, crs="EPSG:4326"), 0)


def side_names(lang: str = DEFAULT_LANG) -> dict[str, str]:
    """Each side's name in `lang` (data/actors.toml's name, or name_fr)."""
    sides = {s.id for s in load_sides()}
    return {g.id: g.label(lang) for g in load_actor_groups() if g.id in sides}


def dominance_rows(table: pd.DataFrame, lang: str = DEFAULT_LANG) -> list[dict]:
    """Per side that leads a hexagon (in data/actors.toml's order): its name, the hexagons it
    leads clearly and those it leads while contested. For the report's table."""
    names = side_names(lang)
    rows = []
    for side in load_sides():
        led = table[table["leader"] == side.id] if len(table) else table
        if len(led):
            rows.append({"id": side.id, "side": names[side.id], "cells": int((~led["contested"]).sum()),
                         "contested": int(led["contested"].sum())})
    return rows


def _subtitle(events: pd.DataFrame, metric: str, lang: str) -> str:
    if not len(events):
        return t(lang, "page.subtitle_none")
    first, last = events["event_date"].min(), events["event_date"].max()
    return t(lang, "dominance.figure_subtitle", first=f"{month_abbr(lang, first.month)} {first.year}",
             last=f"{month_abbr(lang, last.month)} {last.year}", measure=t(lang, f"dominance.metric.{_METRIC_KEY[metric]}"))


def draw_dominance(prepared: Prepared, *, metric: str = "events", title: str | None = None,
                   width_mm: float = 160.0, lang: str = DEFAULT_LANG,
                   extent: str | Bounds | None = None) -> Figure:
    """The figure; `metric` "events" or "fatalities" (geo.dominance.METRICS); `extent` a frame
    of geo/frames.py (default: the events')."""
    events = prepared.events
    ext = mx.extent_for(events, [], extent=extent).with_aspect(0.6, 1.15)
    events = events[ext.contains(*mx.to_map(events["longitude"], events["latitude"]))]  # what shows
    left, right, header = 11.0, 3.0, 13.0
    map_w = width_mm - left - right
    resolution = figure_resolution(ext, map_w)
    table = dominance_table(events, resolution, metric)
    hexes = _hexagons(table) if len(table) else None

    sides = load_sides()
    colours = dict(zip([s.id for s in sides], side_colours([s.id for s in sides]), strict=True))
    present = [s for s in sides if len(table) and (table["leader"] == s.id).any()]
    side_handles = [Patch(facecolor=colours[s.id], edgecolor="none") for s in present]
    side_handles.append(Patch(facecolor=CONTESTED_COLOR, edgecolor=CONTESTED_EDGE, linestyle="--"))
    names = side_names(lang)
    side_labels = [names[s.id] for s in present] + [t(lang, "dominance.figure_contested")]
    strength = [Patch(facecolor="#555555", alpha=_alpha(share), edgecolor="none") for share in (0.4, 0.7, 1.0)]
    blocks = [(t(lang, "dominance.title"), side_handles, side_labels),
              (t(lang, "dominance.figure_share"), strength, ["40 %", "70 %", "100 %"]),
              (t(lang, "print.areas_title"), [Line2D([], [], color="#222222", linewidth=1.1),
                                               Line2D([], [], color="#7f7f7f", linewidth=0.6)],
               [t(lang, "print.countries"), t(lang, "layer.regions")])]
    drawn = ("countries", "rivers", "lakes", "admin1_regions")
    note = t(lang, "dominance.figure_note", km=f"{hex_edge_km(resolution):.0f}", res=resolution,
             lead=format_int(lang, 25))
    credit = wrap_to_width(note + " " + credit_line(events, lang, drawn), width_mm - 8, theme().source_pt)
    fig, ax, height, legend_top, legend_h, credit_h = map_page(ext, blocks, credit, width_mm=width_mm,
                                                                 map_w=map_w, left=left, header=header)
    fig.text(4 / width_mm, 1 - 2.5 / height, title or t(lang, "dominance.title"), fontsize=theme().title_pt,
             fontweight="bold", va="top", parse_math=False)
    fig.text(4 / width_mm, 1 - 8.0 / height, _subtitle(events, metric, lang), fontsize=theme().body_pt, va="top",
             color="#333333", parse_math=False)

    ax.set_facecolor(theme().background)
    ext.apply(ax)
    window = ext.box().buffer(ext.width * 0.05)
    countries = mx.projected_layer("countries")
    countries["geometry"] = countries.geometry.intersection(window)
    countries.plot(ax=ax, facecolor=theme().land, edgecolor="#8c8c8c", linewidth=0.6, zorder=1)
    _draw_water(ax, window)
    if hexes is not None:
        won = hexes[~hexes["contested"]]
        if len(won):
            won.plot(ax=ax, color=[to_rgba(colours[side], _alpha(share))
                                   for side, share in zip(won["leader"], won["share"], strict=True)],
                     edgecolor="none", zorder=2.3)
        hexes[hexes["contested"]].plot(ax=ax, facecolor=CONTESTED_COLOR, edgecolor=CONTESTED_EDGE,
                                       linestyle="--", linewidth=0.5, zorder=2.4)
    admin1 = mx.projected_layer("admin1_regions")
    admin1.plot(ax=ax, facecolor="none", edgecolor="#7f7f7f", linewidth=0.4, zorder=2.5)
    countries.plot(ax=ax, facecolor="none", edgecolor="#222222", linewidth=0.9, zorder=2.8)
    mx.graticule(ax, ext, compass=t(lang, "print.compass"))
    ext.apply(ax)
    ax.set_xlabel("")
    ax.set_ylabel("")
    corners = mx.emptiest_corners(ext, mx.colocated(events, 0.5))
    inset = mx.inset_locator(ax, ext, corners[0])
    mx.scale_bar(ax, ext, next(c for c in corners[1:] if c.split()[0] != corners[0].split()[0]))
    placer = mx.LabelPlacer(ax, [inset.get_window_extent(ax.figure.canvas.get_renderer())])
    for artist in [*ax.texts, *ax.patches]:
        placer.block(artist.get_window_extent(placer.renderer).expanded(1.3, 1.3))
    focus = set(events["country_iso3"]) - {""} if len(events) else {"MLI"}
    label_context(placer, ext, ("places", "countries"), focus, lang, towns=12, lakes=False)
    _add_legends(fig, blocks, _legend_columns(blocks, width_mm), legend_top, legend_h)
    fig.text(4 / width_mm, (2.5 + credit_h) / height, credit, fontsize=theme().source_pt, va="top",
             color="#555555", linespacing=1.3, parse_math=False)
    fig.sahel_dominance = table  # what was drawn, for the report and tests
    fig.sahel_resolution = resolution
    return fig
