"""A one-file briefing: key figures, the interactive map, the zone chart, the small multiples,
the deadliest events, the method and the credits. Offline, and it prints cleanly to A4.

The map keeps its own page: it travels in an `<iframe srcdoc>`, so its scripts and styles stay
out of the report's document (a srcdoc frame does inherit the report's CSP, if one is added).
On paper the frame is replaced by the static figure. The report itself runs no script, and
every string from the data is escaped.
"""

from __future__ import annotations

import html
import re

import pandas as pd

from geo.credits import credits_for
from geo.pipeline import Prepared
from layers.compose import DEFAULT_TITLE, map_notes
from layers.overlays import MapContext

__all__ = ["FIGURES", "deadliest", "render_report", "inline_svg"]

FIGURES = ("figure", "chart", "small_multiples")
_E = html.escape

_CSS = """
body { font: 11pt/1.45 "DejaVu Sans", Arial, sans-serif; color: #222; max-width: 190mm;
       margin: 0 auto; padding: 8mm 6mm; }
h1 { font-size: 20pt; margin: 0 0 2mm; } h2 { font-size: 14pt; margin: 8mm 0 3mm;
     break-after: avoid; border-bottom: 1px solid #ccc; }
.lede { color: #444; margin: 0 0 4mm; }
.cards { display: flex; gap: 4mm; flex-wrap: wrap; }
.card { border: 1px solid #ddd; border-radius: 3px; padding: 2mm 4mm; min-width: 30mm; }
.card b { display: block; font-size: 16pt; }
.tables { display: flex; gap: 6mm; flex-wrap: wrap; align-items: flex-start; }
table { border-collapse: collapse; font-size: 9pt; margin: 2mm 0; }
th, td { border-bottom: 1px solid #e3e3e3; padding: 1mm 2mm; text-align: left; vertical-align: top; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: bold; padding-bottom: 1mm; }
figure { margin: 3mm 0; }
figure svg { width: 100%; max-width: 160mm; height: auto; display: block; }
figcaption { font-size: 9pt; color: #555; }
.map-screen iframe { width: 100%; height: 620px; border: 1px solid #ccc; }
.map-print { display: none; }
.keep, figure, table.small, tr, .card, li { break-inside: avoid; page-break-inside: avoid; }
ul.notes li { margin-bottom: 1mm; }
h2.new-page { break-before: page; }
@page { size: A4; margin: 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  .map-screen { display: none; }
  .map-print { display: block; }
  figure svg { max-height: 255mm; }
  thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; }
}
"""


def inline_svg(data: bytes, prefix: str) -> str:
    """An SVG file as an inline element whose ids are prefixed, so that several figures in
    one page never resolve each other's glyphs or clip paths."""
    text = data.decode("utf-8")
    text = text[text.index("<svg"):]
    ids = set(re.findall(r'\bid="([^"]+)"', text))
    text = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{prefix}-{m.group(1)}"', text)
    return re.sub(r'(href="#|url\(#)([^")]+)',
                  lambda m: f"{m.group(1)}{prefix}-{m.group(2)}" if m.group(2) in ids else m.group(0),
                  text)


def deadliest(events: pd.DataFrame, n: int = 20) -> pd.DataFrame:
    """The n events with most fatalities (ties: earlier first, then by event id)."""
    frame = events.assign(_f=events["fatalities"].fillna(-1))
    return frame.sort_values(["_f", "event_date", "event_id"], ascending=[False, True, True],
                             kind="mergesort").head(n).drop(columns="_f")


def _table(caption: str, header: list[str], rows: list[list], numeric: set[int] = frozenset(),
           css: str = "small") -> str:
    def cell(tag: str, k: int, value) -> str:
        text = f"{value:,}" if isinstance(value, int) else _E(str(value))
        return f'<{tag}{" class=n" if k in numeric else ""}>{text}</{tag}>'

    head = "".join(cell("th", k, h) for k, h in enumerate(header))
    body = "".join("<tr>" + "".join(cell("td", k, v) for k, v in enumerate(row)) + "</tr>" for row in rows)
    return (f'<table class="{css}"><caption>{_E(caption)}</caption><thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table>")


def _key_tables(prepared: Prepared) -> str:
    summary, events = prepared.summary, prepared.events
    zp = summary["by_zone_period"]
    zone_rows = []
    for key, label in zp["classes"].items():
        n = sum(v.get(key, {}).get("events", 0) for v in zp["year"].values())
        f = sum(v.get(key, {}).get("fatalities", 0) for v in zp["year"].values())
        zone_rows.append([label, n, f])
    deaths = events.groupby("country_iso3")["fatalities"].sum()
    country_rows = [[iso3 or "(outside the mapped countries)", n, int(deaths.get(iso3, 0))]
                    for iso3, n in sorted(summary["by_country"].items(), key=lambda p: -p[1])]
    unplaced = int((events["country_iso3"] == "").sum())
    if unplaced:
        country_rows.append(["(outside the mapped countries)", unplaced,
                             int(events.loc[events["country_iso3"] == "", "fatalities"].fillna(0).sum())])
    year_rows = [[year, sum(v["events"] for v in cells.values()), sum(v["fatalities"] for v in cells.values())]
                 for year, cells in zp["year"].items()]
    header = ["", "Events", "Fatalities"]
    return ('<div class="tables">'
            + _table("By zone", ["Zone", *header[1:]], zone_rows, {1, 2})
            + _table("By country (ISO 3166 alpha-3)", ["Country", *header[1:]], country_rows, {1, 2})
            + _table("By year", ["Year", *header[1:]], year_rows, {1, 2})
            + "</div>")


def _deadliest_table(events: pd.DataFrame) -> str:
    rows = []
    for e in deadliest(events).itertuples(index=False):
        place = ", ".join(str(p) for p in (e.location, e.region, e.country_iso3) if isinstance(p, str) and p)
        actors = " vs ".join(str(a) for a in (e.actor1, e.actor2) if isinstance(a, str) and a)
        precision = (f"place {'' if pd.isna(e.geo_precision) else int(e.geo_precision)}; "
                     f"date {'' if pd.isna(e.time_precision) else int(e.time_precision)}")
        fatalities = "" if pd.isna(e.fatalities) else int(e.fatalities)
        rows.append([f"{e.event_date:%Y-%m-%d}", place, e.event_type, actors, fatalities, precision,
                     f"{e.source} ({e.dataset}, id {e.event_id})"])
    return _table("The 20 deadliest events", ["Date", "Place", "Type", "Actors", "Fatalities",
                                              "Precision", "Source"], rows, {4}, css="events")


def _method(prepared: Prepared) -> str:
    band_km = float(prepared.summary.get("border_band_km", 100.0))
    method = [
        "Events are read and validated row by row; rejected rows are listed in the run's "
        "rejects file with a reason, and counted: "
        f"{prepared.summary['events']['read']:,} read = {prepared.summary['events']['accepted']:,} "
        f"kept + {prepared.summary['events']['rejected']:,} rejected + "
        f"{prepared.summary['events']['filtered_out']:,} filtered out.",
        "Each event is joined to the admin-1 region that contains it (an edge-matched partition "
        "of COD-AB Mali, COD-AB Niger, geoBoundaries Burkina Faso and Natural Earth); within "
        "15 km of the country its source names, the source's country wins.",
        "Zones are unions of admin-1 regions (data/zones.toml). The zone chart stacks "
        "disjoint classes: events in the border band are counted there, not in the northern zone.",
        f"Border band: Mali within {band_km:g} km of the Algerian border. Coordinates are stored "
        "in WGS 84 (EPSG:4326); areas are measured in Africa Albers Equal Area (ESRI:102022), "
        "distances and buffers in an azimuthal equidistant projection centred on the border, "
        "lengths on the WGS 84 ellipsoid. The figures are drawn in that equidistant projection.",
        "On the figures, the events in one cell of a grid finer than half a millimetre on paper "
        "(0.05° on the map figure, as its legend says) are one circle whose area is their "
        "fatalities, coloured by their most frequent event type.",
    ]
    limits = [
        *map_notes(MapContext(prepared, [], [], band_km)),
        "Fatality figures are the sources' best estimates; events with no figure count as 0.",
    ]
    return ("<h2>Method</h2><ul class=notes>" + "".join(f"<li>{_E(m)}</li>" for m in method)
            + "</ul><h2>Known limits and notes</h2><ul class=notes>"
            + "".join(f"<li>{_E(m)}</li>" for m in limits) + "</ul>")


def render_report(prepared: Prepared, map_html: str, svgs: dict[str, bytes], *,
                  title: str | None = None, period: str = "year") -> str:
    """The report page. `svgs` holds the SVG bytes of FIGURES (figure, chart, small_multiples)."""
    events, summary = prepared.events, prepared.summary
    head = title or DEFAULT_TITLE
    when = " to ".join(summary["date_range"]) if summary["date_range"] else "no events"
    deaths = int(events["fatalities"].fillna(0).sum())
    figure = inline_svg(svgs["figure"], "fig")
    parts = [
        "<!DOCTYPE html><html lang=en><head><meta charset=utf-8>",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_E(head)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{_E(head)}</h1><p class=lede>Events from {_E(when)}. A briefing generated from the "
        "same run as the interactive map; every number below comes from the run's summary.</p>",
        '<h2>Key figures</h2><div class="cards">',
        f"<div class=card><b>{len(events):,}</b>events</div>",
        f"<div class=card><b>{deaths:,}</b>fatalities</div>",
        f"<div class=card><b>{len(summary['by_country']):,}</b>countries</div>",
        f"<div class=card><b>{_E(when)}</b>dates</div></div>",
        _key_tables(prepared),
        "<h2>Map</h2>",
        '<div class="map-screen"><iframe title="Interactive map" srcdoc="'
        + html.escape(map_html, quote=True) + '"></iframe>'
        "<p class=lede>The interactive map (zoom, click an event for its details). "
        "When printed, the static figure below takes its place.</p></div>",
        f'<figure class="map-print">{figure}<figcaption>The map as a print figure.</figcaption></figure>',
        f"<h2>Events and fatalities per {_E(period)}, by zone</h2>",
        f"<figure>{inline_svg(svgs['chart'], 'chart')}</figure>",
        f"<h2>One map per {_E(period)}</h2>",
        f"<figure>{inline_svg(svgs['small_multiples'], 'sm')}</figure>",
        '<h2 class="new-page">Deadliest events</h2>',
        _deadliest_table(events),
        _method(prepared),
        "<h2>Credits</h2><ul class=notes>",
        *[f"<li>{_E(c.text)}</li>" for c in credits_for(events)],
        "</ul></body></html>\n",
    ]
    return "\n".join(parts)
