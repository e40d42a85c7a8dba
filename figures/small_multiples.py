"""Small multiples: one map panel per year (or month) with the same window, classes and
circle scale on every panel, the zone outlines, a few place names, and one shared legend
and scale bar. Legible at A4: at most three panels a row, each at least 75 mm wide (fewer
columns when the figure is narrower)."""

from __future__ import annotations

import math

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from figures import _mapaxes as mx
from figures._mpl import figure_bytes, new_figure, wrap_to_width
from figures.static_map import credit_line, label_context, zone_labels
from figures.theme import current as theme
from figures.zone_chart import all_periods
from geo.annotations import Annotations
from geo.frames import Bounds
from geo.pipeline import Prepared
from geo.schema import EVENT_TYPES
from layers.i18n import DEFAULT_LANG, format_int, format_number, t

__all__ = ["MAX_COLUMNS", "MIN_PANEL_MM", "period_keys", "draw_small_multiples", "render_small_multiples"]

MAX_COLUMNS, MIN_PANEL_MM = 3, 75.0
TOWNS_PER_PANEL = 4


def period_keys(events: pd.DataFrame, period: str = "year") -> pd.Series:
    """Each event's panel: "2019" or "2019-03"."""
    if period == "year":
        return events["event_date"].dt.strftime("%Y")
    return events["event_date"].dt.strftime("%Y-%m")


def _outlines(ax, window) -> None:
    countries = mx.projected_layer("countries", 3000.0)
    countries = countries[countries.intersects(window)]
    countries.plot(ax=ax, facecolor=theme().land, edgecolor="#9e9e9e", linewidth=0.35, zorder=1)
    zones = mx.projected_layer("conflict_zones", 3000.0)
    for zone, colour in theme().zone_colors.items():
        zones[zones["zone"] == zone].plot(ax=ax, facecolor="none", edgecolor=colour, linewidth=0.8, zorder=3)
    mx.projected_layer("spillover", 3000.0).plot(ax=ax, facecolor="none", edgecolor=theme().spillover,
                                                 linewidth=0.6, zorder=3)


def draw_small_multiples(prepared: Prepared, *, period: str = "year", title: str | None = None,
                         width_mm: float = 160.0, lang: str = DEFAULT_LANG,
                         extent: str | Bounds | None = None,
                         annotations: Annotations | None = None) -> Figure:
    """`extent`: the frame (geo/frames.py); `annotations`: the editor's points, each on the
    panel of its date, labelled as on the map figure (_mapaxes.draw_annotations) but never over
    another label: a label with no free spot is left out and listed, with why, in the
    figure's `unplaced_annotations` (as is a point outside the frame or its period's panel)."""
    ext = mx.extent_for(prepared.events, [], extent=extent).with_aspect(0.6, 1.15)
    events = prepared.events  # those the frame shows: the titles count them
    events = events[ext.contains(*mx.to_map(events["longitude"], events["latitude"]))]
    keys = period_keys(events, period)
    periods = all_periods(sorted(keys.dropna().unique()), period)  # a year with none is a panel too
    margin, gap, header, label_h = 4.0, 2.0, 12.0, 4.5
    fits = int((width_mm - 2 * margin + gap) // (MIN_PANEL_MM + gap))
    ncols = max(1, min(len(periods), MAX_COLUMNS, fits))
    nrows = max(1, math.ceil(len(periods) / ncols))
    panel_w = (width_mm - 2 * margin - (ncols - 1) * gap) / ncols
    cell_deg = mx.cell_deg_for(ext, panel_w)
    cells = {p: mx.colocated(events[keys == p], cell_deg) for p in periods}
    scale = mx.SizeScale(max([float(c["fatalities"].max()) for c in cells.values() if len(c)] + [1.0]),
                         min_pt2=3.0, max_pt2=160.0)
    panel_h = panel_w * ext.height / ext.width
    grid_h = nrows * (panel_h + label_h) + (nrows - 1) * gap
    types = [k for k in EVENT_TYPES if any((c["event_type"] == k).any() for c in cells.values())]
    legend_rows = max(len(types), len(scale.legend_values()) + 1, 3)
    legend_h = 9 + legend_rows * 4.6
    credit = wrap_to_width(credit_line(events, lang, ("countries", "conflict_zones", "spillover")), width_mm - 2 * margin, theme().source_pt)
    credit_h = (credit.count("\n") + 1) * theme().source_pt * 1.3 / 72 * 25.4
    height = header + grid_h + 4 + legend_h + credit_h + 3
    fig = new_figure(width_mm, height)
    fig.text(margin / width_mm, 1 - 2.5 / height,
             title or t(lang, "print.maps_title", period=t(lang, f"print.{period}"))
                      + (t(lang, "print.maps_range", first=periods[0], last=periods[-1]) if periods else ""),
             fontsize=theme().title_pt, fontweight="bold", va="top", parse_math=False)
    fig.text(margin / width_mm, 1 - 8.0 / height,
             t(lang, "print.maps_subtitle", n=format_int(lang, len(events)), cell=format_number(lang, cell_deg, None)),
             fontsize=theme().body_pt, va="top", color="#333333", parse_math=False)
    window = ext.box().buffer(ext.width * 0.05)
    focus = set(events["country_iso3"]) - {""} if "country_iso3" in events else {"MLI"}
    if not periods:
        fig.text(0.5, 1 - (header + grid_h / 2) / height, t(lang, "page.subtitle_none"), ha="center",
                 fontsize=theme().body_pt, color="#555555")
    points = (annotations.points if annotations is not None
              else pd.DataFrame({"label": [], "date": pd.Series([], dtype="datetime64[ns]")}))
    dated = points[points["date"].notna()]  # a point with no date is on no panel, as documented
    dated_keys = period_keys(dated.rename(columns={"date": "event_date"}), period)
    missing = [mx.Unplaced(str(label), f"no panel for {key}")
               for label, key in zip(dated["label"], dated_keys, strict=True) if key not in periods]
    for k, p in enumerate(periods):
        row, col = divmod(k, ncols)
        x = margin + col * (panel_w + gap)
        top = header + row * (panel_h + label_h + gap) + label_h
        ax = fig.add_axes((x / width_mm, 1 - (top + panel_h) / height, panel_w / width_mm, panel_h / height))
        _outlines(ax, window)
        mx.draw_events(ax, cells[p], scale)
        ext.apply(ax)
        placer = mx.LabelPlacer(ax)
        if k == 0:  # one scale bar: every panel has the same window and size
            mx.scale_bar(ax, ext, "lower left")
            for artist in [*ax.texts, *ax.patches]:
                placer.block(artist.get_window_extent(placer.renderer).expanded(1.3, 1.3))
        placer.avoid_data(mx.circle_boxes(ax, cells[p], scale))
        missing += [mx.Unplaced(u.label, f"panel {p}: {u.reason}")
                    for u in mx.draw_annotations(placer, dated[dated_keys == p], ext, force=False)]
        label_context(placer, ext, ("places", "countries"), focus, lang, towns=TOWNS_PER_PANEL, lakes=False)
        ax.set_xticks([])
        ax.set_yticks([])
        ax.set_xlabel("")
        ax.set_ylabel("")
        for spine in ax.spines.values():
            spine.set_linewidth(0.5)
            spine.set_color("#777777")
        n = int(cells[p]["events"].sum())
        ax.set_title(t(lang, "print.maps_panel_one", period=p) if n == 1 else
                     t(lang, "print.maps_panel", period=p, n=format_int(lang, n)), fontsize=theme().body_pt, loc="left",
                     pad=2, fontweight="bold")
    type_handles, _, size_handles, size_labels = mx.event_handles(types, scale)
    type_labels = [t(lang, f"event_type.{k}") for k in types]
    labels = zone_labels(prepared, lang)
    area_handles = [Line2D([], [], color=c, linewidth=1.2) for c in theme().zone_colors.values()]
    area_handles.append(Line2D([], [], color=theme().spillover, linewidth=1.2))
    area_labels = [labels[z] for z in theme().zone_colors] + [labels["spillover"]]
    legend_top = 1 - (header + grid_h + 4) / height
    legends = []
    for handles, names, name, x in ((type_handles, type_labels, t(lang, "print.type_title"), margin),
                                    (size_handles, size_labels, t(lang, "print.size_title", cell=format_number(lang, cell_deg, None)),
                                     margin + 54),
                                    (area_handles, area_labels, t(lang, "print.zones"), margin + 84)):
        legend = fig.legend(handles, names, title=name, loc="upper left", frameon=False,
                            bbox_to_anchor=(x / width_mm, legend_top), fontsize=theme().body_pt,
                            title_fontsize=theme().body_pt, alignment="left", borderaxespad=0, borderpad=0,
                            handlelength=1.4, handletextpad=0.5, labelspacing=0.45)
        legend.get_title().set_fontweight("bold")
        legends.append(legend)
    # side by side as wide as each one is (titles run longer in some languages), 6 mm apart
    renderer, x = fig.canvas.get_renderer(), margin
    for legend in legends:
        legend.set_bbox_to_anchor((x / width_mm, legend_top))
        x += legend.get_window_extent(renderer).width / fig.dpi * 25.4 + 6.0
    fig.text(margin / width_mm, (2.5 + credit_h) / height, credit, fontsize=theme().source_pt, va="top",
             color="#555555", linespacing=1.3, parse_math=False)
    fig.unplaced_annotations = missing  # reported by the CLI (outputs.py) and kept in the summary
    return fig


def render_small_multiples(prepared: Prepared, *, fmt: str = "png", dpi: int = 200, **kwargs) -> bytes:
    return figure_bytes(draw_small_multiples(prepared, **kwargs), fmt, dpi)
