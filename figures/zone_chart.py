"""Events and fatalities per year (or month) by zone: stacked bars drawn from the run summary.

The numbers are the summary's `by_zone_period` (geo/periods.py), so the chart and the JSON
agree by construction; periods with no events are drawn as empty bars.
"""

from __future__ import annotations

from functools import partial

import numpy as np
import pandas as pd
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from figures._mpl import (
    figure_bytes,
    new_figure,
    with_halo,
    wrap_to_width,
)
from figures.theme import current as theme
from geo.annotations import Annotations
from layers.i18n import DEFAULT_LANG, catalogue, format_int, t

__all__ = ["class_colours", "all_periods", "bar_heights", "chart_table", "date_position", "draw_chart",
           "render_chart", "stacked_bars"]

_SPILLOVER_SHADES = ("#b2abd2", "#8073ac", "#d8daeb")


def class_colours(classes: list[str]) -> dict[str, str]:
    spill = iter((theme().spillover, *_SPILLOVER_SHADES))
    # the band in its outline colour: its map fill is too pale for a bar
    fixed = {"band": "#d6604d", "north": theme().zone_colors["north"], "central": theme().zone_colors["central"],
             "other": "#bdbdbd"}
    return {c: fixed.get(c) or next(spill, "#999999") for c in classes}


def class_label(key: str, english: str, lang: str = DEFAULT_LANG) -> str:
    """A zone class's label (geo/periods.py writes it in English) in the chart's language."""
    if lang == DEFAULT_LANG:
        return english
    if key == "band":
        return t(lang, "layer.band", km=english.split("(")[-1].split(" km")[0])
    if key == "north":
        return t(lang, "print.north_outside_band", zone=t(lang, "zone.north"))
    if key == "central":
        return t(lang, "zone.central")
    if key.startswith("spillover_"):
        iso3 = key.split("_", 1)[1]
        country = t(lang, f"country.{iso3}") if f"country.{iso3}" in catalogue(lang) else english.split(": ")[-1]
        return t(lang, "print.spillover", country=country)
    return t(lang, "print.elsewhere")


def all_periods(periods: list[str], period: str) -> list[str]:
    """Every year (or month) from the first to the last, so gaps show as gaps."""
    if not periods:
        return []
    if period == "year":
        return [str(y) for y in range(int(periods[0]), int(periods[-1]) + 1)]
    (y0, m0), (y1, m1) = (map(int, periods[0].split("-")), map(int, periods[-1].split("-")))
    return [f"{k // 12:04d}-{k % 12 + 1:02d}" for k in range(y0 * 12 + m0 - 1, y1 * 12 + m1)]


def chart_table(by_zone_period: dict, period: str = "year") -> tuple[list[str], dict[str, dict]]:
    """(periods, {measure: {class: np.array per period}}) from the summary's by_zone_period."""
    rows = by_zone_period[period]
    periods = all_periods(sorted(rows), period)
    table = {measure: {c: np.array([rows.get(p, {}).get(c, {}).get(measure, 0) for p in periods])
                       for c in by_zone_period["classes"]}
             for measure in ("events", "fatalities")}
    return periods, table


def date_position(periods: list[str], period: str, day) -> float | None:
    """A date's x on the chart: bar k spans k - 0.5 .. k + 0.5 (a year, or a month), so a date
    sits at its share of its period; None outside the chart's periods."""
    key = f"{day.year}" if period == "year" else f"{day.year}-{day.month:02d}"
    if key not in periods:
        return None
    if period == "year":
        start, end = pd.Timestamp(day.year, 1, 1), pd.Timestamp(day.year + 1, 1, 1)
    else:
        start = pd.Timestamp(day.year, day.month, 1)
        end = start + pd.offsets.MonthBegin(1)
    return periods.index(key) - 0.5 + (pd.Timestamp(day) - start) / (end - start)


def _mark_dates(fig: Figure, axes: list, periods: list[str], period: str, dates) -> None:
    """A dashed line on both panels at each date, its label at the top of the first panel;
    a label that would overlap an earlier one goes one line lower (labels never overlap)."""
    renderer = fig.canvas.get_renderer()
    low, high = axes[0].get_ylim()
    axes[0].set_ylim(low, high * 1.3)  # headroom: the labels sit above the bars
    placed = []
    for row in dates.sort_values(["date", "source_row"]).itertuples(index=False):
        x = date_position(periods, period, row.date)
        if x is None:
            continue
        for ax in axes:
            ax.axvline(x, color="#333333", linewidth=0.7, linestyle=(0, (3, 2)), zorder=3)
        ax = axes[0]
        right = x > len(periods) * 0.6  # late dates: the label to the left of its line
        for line in range(8):
            label = with_halo(partial(ax.text, x + (-0.08 if right else 0.08), 0.97 - line * 0.11, row.label),
                              transform=ax.get_xaxis_transform(), ha="right" if right else "left", va="top",
                              fontsize=theme().body_pt, color="#111111", zorder=6, parse_math=False)
            box = label.get_window_extent(renderer)
            if not any(box.overlaps(other) for other in placed) or line == 7:
                placed.append(box)
                break
            label.remove()
            label.halo.remove()


def draw_chart(by_zone_period: dict, *, period: str = "year", title: str | None = None,
               credit: str = "", width_mm: float = 160.0, lang: str = DEFAULT_LANG,
               annotations: Annotations | None = None) -> Figure:
    """Stacked bars of events and fatalities per period by zone; `annotations`' dates
    (geo/annotations.py) as labelled lines across both panels."""
    periods, table = chart_table(by_zone_period, period)
    classes = by_zone_period["classes"]
    colours = class_colours(list(classes))
    credit = wrap_to_width(credit, width_mm - 8, theme().source_pt) if credit else ""
    credit_h = (credit.count("\n") + 1) * theme().source_pt * 1.3 / 72 * 25.4 if credit else 0
    panel_h, top, gap, legend_h = 48.0, 10.0, 10.0, 16.0
    height = top + 2 * panel_h + gap + 8 + legend_h + credit_h + 3
    fig = new_figure(width_mm, height)
    word = t(lang, f"print.{period}")
    fig.text(4 / width_mm, 1 - 2.5 / height, title or t(lang, "print.chart_title", period=word),
             fontsize=theme().title_pt, fontweight="bold", va="top", parse_math=False)
    x = np.arange(len(periods))
    left, right = 18.0, 4.0
    axes = []
    for k, measure in enumerate(("events", "fatalities")):
        bottom_mm = top + (k + 1) * panel_h + k * gap
        ax = fig.add_axes((left / width_mm, 1 - bottom_mm / height, (width_mm - left - right) / width_mm,
                           (panel_h - 6) / height))
        base = np.zeros(len(periods))
        for cls in classes:
            values = np.asarray(table[measure][cls], float)
            ax.add_collection(stacked_bars(x, values, base, 0.8 if period == "year" else 1.0,
                                           colours[cls], class_label(cls, classes[cls], lang)))
            base = base + values
        ax.set_ylim(0, max(base.max(initial=0) * 1.05, 1))  # as ax.bar would: from 0, a 5% margin
        ax.set_title(t(lang, "print.chart_panel", measure=t(lang, f"print.{measure}"), period=word,
                       n=format_int(lang, base.sum())), fontsize=theme().body_pt,
                     loc="left", fontweight="bold")
        ax.set_xlim(-0.6, len(periods) - 0.4)
        if not periods:
            ax.set_ylim(0, 1)
            ax.text(0.5, 0.5, t(lang, "page.subtitle_none"), transform=ax.transAxes, ha="center",
                    fontsize=theme().body_pt, color="#555555")
        ax.spines[["top", "right"]].set_visible(False)
        ax.grid(axis="y", color="#e0e0e0", linewidth=0.5)
        ax.set_axisbelow(True)
        ax.tick_params(labelsize=theme().body_pt)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.yaxis.set_major_formatter(lambda v, _: format_int(lang, v))
        if period == "year":
            ax.set_xticks(x, periods)
        else:
            ticks = [i for i, p in enumerate(periods) if p.endswith("-01")] or [0]
            ax.set_xticks(ticks, [periods[i][:4] for i in ticks])
        axes.append(ax)
    if annotations is not None and len(annotations.dates):
        _mark_dates(fig, axes, periods, period, annotations.dates)
    fig.legend(*(axes[0].get_legend_handles_labels() if periods else ([], [])), loc="upper left", ncols=2, frameon=False,
               fontsize=theme().body_pt, bbox_to_anchor=(4 / width_mm, 1 - (top + 2 * panel_h + gap + 7) / height),
               borderaxespad=0, handlelength=1.2)
    if credit:
        fig.text(4 / width_mm, (2.5 + credit_h) / height, credit, fontsize=theme().source_pt, va="top",
                 color="#555555", linespacing=1.3, parse_math=False)
    return fig


def stacked_bars(x: np.ndarray, heights: np.ndarray, bottoms: np.ndarray, width: float, colour: str,
                 label: str) -> PolyCollection:
    """One class's bars as one artist, in period order: a decade of months is 1,300 bars, and
    matplotlib spends seconds on the limits of 1,300 separate patches."""
    left, right, top = x - width / 2, x + width / 2, bottoms + heights
    corners = np.stack([np.column_stack(c) for c in ((left, bottoms), (left, top), (right, top), (right, bottoms))],
                       axis=1)
    return PolyCollection(corners, facecolors=colour, edgecolors="none", linewidths=0, label=label)


def bar_heights(collection: PolyCollection) -> list[float]:
    """The heights of stacked_bars' bars, in period order."""
    return [float(path.vertices[1, 1] - path.vertices[0, 1]) for path in collection.get_paths()]


def render_chart(by_zone_period: dict, *, fmt: str = "png", dpi: int = 200, **kwargs) -> bytes:
    return figure_bytes(draw_chart(by_zone_period, **kwargs), fmt, dpi)
