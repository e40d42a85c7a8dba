"""A static PNG of the map for PDF/Word reports: matplotlib + geopandas, no browser, no network."""

from __future__ import annotations

import io

from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from geo.boundaries import load_layer
from geo.credits import credits_for
from geo.pipeline import Prepared
from geo.schema import EVENT_TYPES
from layers._payload import EVENT_TYPE_COLORS
from layers.i18n import DEFAULT_LANG, format_int, month_abbr, t, translate_text
from layers.spillover import COLOR as SPILLOVER_COLOR
from layers.zones import ZONE_COLORS

__all__ = ["render_png", "credit_line"]

A4_WIDTH_IN = 8.27
EXTENT = (-12.8, 6.5, 9.5, 25.6)  # lon min, lon max, lat min, lat max: Mali and the tri-border


def credit_line(events, lang: str = DEFAULT_LANG) -> str:
    """The figure's credit line: the same credits registry as the HTML map."""
    return " ".join([*(translate_text(lang, c.short) for c in credits_for(events)),
                     t(lang, "figure.taoudenit")])


def render_png(prepared: Prepared, *, title: str | None = None, dpi: int = 200,
               lang: str = DEFAULT_LANG) -> bytes:
    """The regions, zones, spillover, border and events, with legend, title and attribution."""
    events = prepared.events
    # A Figure of its own: no pyplot, so the caller's matplotlib backend is left alone.
    fig = Figure(figsize=(A4_WIDTH_IN, A4_WIDTH_IN * 0.9), dpi=dpi)
    ax = fig.subplots()
    countries = load_layer("countries")
    countries.plot(ax=ax, facecolor="#f7f7f7", edgecolor="#9e9e9e", linewidth=0.6)
    load_layer("spillover").plot(ax=ax, facecolor=SPILLOVER_COLOR, alpha=0.15,
                                 edgecolor=SPILLOVER_COLOR, linewidth=0.6)
    zones = load_layer("conflict_zones")
    for zone, color in ZONE_COLORS.items():
        zones[zones["zone"] == zone].plot(ax=ax, facecolor=color, alpha=0.15, edgecolor=color,
                                          linewidth=1.2)
    mali = prepared.layers.admin1[prepared.layers.admin1["iso3"] == "MLI"]
    mali.plot(ax=ax, facecolor="none", edgecolor="#4d4d4d", linewidth=0.5)
    for name, point in zip(mali["name"], mali.geometry.representative_point(), strict=True):
        if name != "Bamako":
            ax.annotate(name, (point.x, point.y), ha="center", fontsize=7, color="#333333")
    prepared.layers.border.plot(ax=ax, color="#b2182b", linewidth=2.2)
    countries[countries["iso3"] == "MLI"].plot(ax=ax, facecolor="none", edgecolor="#222222",
                                               linewidth=1.2)
    for event_type in EVENT_TYPES:
        subset = events[events["event_type"] == event_type]
        if len(subset):
            ax.scatter(subset["longitude"], subset["latitude"], s=5, alpha=0.7, linewidths=0,
                       color=EVENT_TYPE_COLORS[event_type], zorder=5)
    ax.set_xlim(EXTENT[0], EXTENT[1])
    ax.set_ylim(EXTENT[2], EXTENT[3])
    ax.set_aspect("equal")
    ax.set_xlabel(t(lang, "figure.longitude"), fontsize=7)
    ax.set_ylabel(t(lang, "figure.latitude"), fontsize=7)
    ax.tick_params(labelsize=7)

    present = [kind for kind in EVENT_TYPES if (events["event_type"] == kind).any()]
    handles = [Line2D([], [], marker="o", linestyle="", color=EVENT_TYPE_COLORS[kind],
                      label=t(lang, f"event_type.{kind}")) for kind in present]
    handles += [
        Patch(facecolor=ZONE_COLORS["north"], alpha=0.3, label=t(lang, "zone.north")),
        Patch(facecolor=ZONE_COLORS["central"], alpha=0.3, label=t(lang, "zone.central")),
        Patch(facecolor=SPILLOVER_COLOR, alpha=0.3, label=t(lang, "zone.spillover")),
        Line2D([], [], color="#b2182b", linewidth=2.2, label=t(
            lang, "figure.border", km=format_int(lang, prepared.layers.border["length_km"].iloc[0]))),
    ]
    ax.legend(handles=handles, loc="lower left", fontsize=7, framealpha=0.9)
    when = ""
    if len(events):
        first, last = events["event_date"].min(), events["event_date"].max()
        when = (f"{month_abbr(lang, first.month)} {first.year} – "
                f"{month_abbr(lang, last.month)} {last.year}, ")
    ax.set_title(f"{title or t(lang, 'page.title')}\n"
                 f"{when}{t(lang, 'figure.events', n=format_int(lang, len(events)))}", fontsize=11,
                 parse_math=False)
    fig.text(0.01, 0.005, credit_line(events, lang), fontsize=5.5, color="#555555", wrap=True)
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()
