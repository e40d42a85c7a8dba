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
from collections.abc import Iterable

import pandas as pd

from figures.compare_section import compare_section
from figures.dominance_section import dominance_section
from figures.static_map import figure_layers
from figures.zone_chart import class_label
from geo.annotations import Annotations
from geo.credits import credits
from geo.pipeline import Prepared
from layers import search
from layers.compose import map_notes
from layers.i18n import DEFAULT_LANG, catalogue, format_int, format_number, t, title_for
from layers.overlays import MapContext, drawn_layers

__all__ = ["FIGURES", "deadliest", "render_report", "inline_svg", "precision_words"]

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
td.nowrap { white-space: nowrap; }
caption { text-align: left; font-weight: bold; padding-bottom: 1mm; }
figure { margin: 3mm 0; }
figure svg { width: 100%; max-width: 160mm; height: auto; display: block; }
figcaption { font-size: 9pt; color: #555; }
.map-screen iframe { width: 100%; height: 620px; border: 1px solid #ccc; }
.map-print { display: none; }
.keep, figure, table.small, tr, .card, li, .credits { break-inside: avoid; page-break-inside: avoid; }
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
           css: str = "small", lang: str = DEFAULT_LANG, nowrap: set[int] = frozenset()) -> str:
    def cell(tag: str, k: int, value) -> str:
        text = format_int(lang, value) if isinstance(value, int) else _E(str(value))
        classes = " ".join(c for c, cols in (("n", numeric), ("nowrap", nowrap)) if k in cols)
        attr = "" if not classes else f" class={classes}" if " " not in classes else f' class="{classes}"'
        return f"<{tag}{attr}>{text}</{tag}>"

    head = "".join(cell("th", k, h) for k, h in enumerate(header))
    body = "".join("<tr>" + "".join(cell("td", k, v) for k, v in enumerate(row)) + "</tr>" for row in rows)
    return (f'<table class="{css}"><caption>{_E(caption)}</caption><thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table>")


def _key_tables(prepared: Prepared, lang: str = DEFAULT_LANG) -> str:
    summary, events = prepared.summary, prepared.events
    zp = summary["by_zone_period"]
    zone_rows = []
    for key, label in zp["classes"].items():
        n = sum(v.get(key, {}).get("events", 0) for v in zp["year"].values())
        f = sum(v.get(key, {}).get("fatalities", 0) for v in zp["year"].values())
        zone_rows.append([class_label(key, label, lang), n, f])
    deaths = events.groupby(events["country_iso3"].replace("", "outside"))["fatalities"].sum()
    country_rows = [[t(lang, "report.outside") if iso3 == "outside" else iso3, n, int(deaths.get(iso3, 0))]
                    for iso3, n in sorted(summary["by_country"].items(), key=lambda p: (p[0] == "outside", -p[1]))]
    year_rows = [[year, sum(v["events"] for v in cells.values()), sum(v["fatalities"] for v in cells.values())]
                 for year, cells in zp["year"].items()]
    header = ["", t(lang, "report.col_events"), t(lang, "report.col_fatalities")]
    return ('<div class="tables">'
            + _table(t(lang, "report.by_zone"), [t(lang, "report.zone"), *header[1:]], zone_rows, {1, 2}, lang=lang)
            + _table(t(lang, "report.by_country"), [t(lang, "report.country"), *header[1:]], country_rows, {1, 2},
                     lang=lang)
            + _table(t(lang, "report.by_year"), [t(lang, "report.year"), *header[1:]], year_rows, {1, 2}, lang=lang)
            + "</div>")


def _deadliest_table(events: pd.DataFrame, lang: str = DEFAULT_LANG) -> str:
    rows = []
    for e in deadliest(events).itertuples(index=False):
        district = getattr(e, "district", "")  # "Ogossogou village, Bankass, Mopti, MLI"
        place = ", ".join(str(p) for p in (e.location, district, e.region, e.country_iso3)
                          if isinstance(p, str) and p)
        actors = t(lang, "report.versus").join(str(a) for a in (e.actor1, e.actor2) if isinstance(a, str) and a)
        fatalities = "" if pd.isna(e.fatalities) else int(e.fatalities)
        rows.append([f"{e.event_date:%Y-%m-%d}", place, t(lang, f"event_type.{e.event_type}")
                     if f"event_type.{e.event_type}" in catalogue(lang) else e.event_type, actors, fatalities,
                     precision_words(e.geo_precision, e.time_precision, lang),
                     _source_cell(e.source, e.dataset, e.event_id)])
    header = [t(lang, f"report.{k}") for k in ("date", "place", "type", "actors", "col_fatalities",
                                               "precision", "source")]
    return _table(t(lang, "report.deadliest_caption"), header, rows, {4}, css="events", lang=lang, nowrap={0})


def precision_words(geo, time, lang: str = DEFAULT_LANG) -> str:
    """ "exact location; exact day": the popup's words for the precision codes, "unknown" for none."""
    def word(kind: str, code) -> str:
        key = f"popup.{kind}_precision_{int(code)}" if pd.notna(code) else ""
        return t(lang, key) if key in catalogue(lang) else t(lang, "popup.unknown")
    return f"{word('geo', geo)}; {word('time', time)}"


def _source_cell(source, dataset, event_id) -> str:
    """The source with the event's id once: UCDP's source line already names it."""
    tail = f"{dataset} {event_id}"
    if not isinstance(source, str) or not source:
        return tail
    return source if str(event_id) in source else f"{source} ({tail})"


def _annotations_table(annotations: Annotations | None, lang: str = DEFAULT_LANG) -> str:
    """The editor's annotations (geo/annotations.py) as the figures and the map show them."""
    if annotations is None or not len(annotations.rows):
        return ""
    rows = [[row.label, f"{row.date:%Y-%m-%d}" if pd.notna(row.date) else "",
             f"{row.latitude:.4f}, {row.longitude:.4f}" if pd.notna(row.longitude) else ""]
            for row in annotations.rows.itertuples(index=False)]
    header = [t(lang, "report.annotation_label"), t(lang, "report.date"), t(lang, "field.coordinates")]
    return (f"<h2>{_E(t(lang, 'report.annotations'))}</h2>"
            + _table(t(lang, "report.annotations_caption"), header, rows, css="events", lang=lang, nowrap={1, 2}))


def _method(prepared: Prepared, lang: str = DEFAULT_LANG) -> str:
    band_km = float(prepared.summary.get("border_band_km", 100.0))
    counts = prepared.summary["events"]
    method = [
        t(lang, "report.method_read", read=format_int(lang, counts["read"]), kept=format_int(lang, counts["accepted"]),
          rejected=format_int(lang, counts["rejected"]), filtered=format_int(lang, counts["filtered_out"])),
        t(lang, "report.method_join"),
        t(lang, "report.method_zones"),
        t(lang, "report.method_crs", km=format_number(lang, band_km, None)),
        t(lang, "report.method_cells"),
    ]
    limits = [
        *map_notes(MapContext(prepared, [], [], band_km, lang=lang)),
        t(lang, "report.limit_fatalities"),
    ]
    return (f"<h2>{_E(t(lang, 'report.method'))}</h2><ul class=notes>" + "".join(f"<li>{_E(m)}</li>" for m in method)
            + f"</ul><h2>{_E(t(lang, 'report.limits'))}</h2><ul class=notes>"
            + "".join(f"<li>{_E(m)}</li>" for m in limits) + "</ul>")


def report_credits(prepared: Prepared, lang: str, layers: Iterable[str]) -> list:
    """What the report shows: the map of these overlays (with its search) and the figures."""
    drawn = (*search.INDEXED_LAYERS, *drawn_layers(set(layers)), *figure_layers(layers))
    return credits(prepared.events, lang, drawn)


def render_report(prepared: Prepared, map_html: str, svgs: dict[str, bytes], *,
                  title: str | None = None, period: str = "year", lang: str = DEFAULT_LANG,
                  layers: Iterable[str] = (), annotations: Annotations | None = None,
                  dominance: pd.DataFrame | None = None) -> str:
    """The report page. `svgs` holds the SVG bytes of FIGURES (figure, chart, small_multiples)
    and, with `dominance` (the hexagons it draws: geo.dominance.dominance_table), of the
    dominance figure; `layers` are the overlays of the map it embeds."""
    events, summary = prepared.events, prepared.summary
    head = title or title_for(lang, () if events is None else events["country_iso3"].unique())
    when = (t(lang, "report.to", first=summary["date_range"][0], last=summary["date_range"][-1])
            if summary["date_range"] else t(lang, "report.no_events"))
    word = t(lang, f"print.{period}")
    deaths = int(events["fatalities"].fillna(0).sum())
    figure = inline_svg(svgs["figure"], "fig")
    parts = [
        f"<!DOCTYPE html><html lang={_E(lang)}><head><meta charset=utf-8>",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_E(head)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{_E(head)}</h1><p class=lede>{_E(t(lang, 'report.lede', when=when))}</p>",
        f'<h2>{_E(t(lang, "report.key_figures"))}</h2><div class="cards">',
        f"<div class=card><b>{format_int(lang, len(events))}</b>{_E(t(lang, 'report.events'))}</div>",
        f"<div class=card><b>{format_int(lang, deaths)}</b>{_E(t(lang, 'report.fatalities'))}</div>",
        f"<div class=card><b>{format_int(lang, len(set(summary['by_country']) - {'outside'}))}</b>{_E(t(lang, 'report.countries'))}</div>",
        f"<div class=card><b>{_E(when)}</b>{_E(t(lang, 'report.dates'))}</div></div>",
        _key_tables(prepared, lang),
        compare_section(summary, lang),  # --compare: "What changed between ... and ..."
        f"<h2>{_E(t(lang, 'report.map'))}</h2>",
        f'<div class="map-screen"><iframe title="{_E(t(lang, "report.map_title"))}" srcdoc="'
        + html.escape(map_html, quote=True) + '"></iframe>'
        f"<p class=lede>{_E(t(lang, 'report.map_note'))}</p></div>",
        f'<figure class="map-print">{figure}<figcaption>{_E(t(lang, "report.figure_caption"))}</figcaption></figure>',
        f"<h2>{_E(t(lang, 'report.chart', period=word))}</h2>",
        f"<figure>{inline_svg(svgs['chart'], 'chart')}</figure>",
        f"<h2>{_E(t(lang, 'report.maps', period=word))}</h2>",
        f"<figure>{inline_svg(svgs['small_multiples'], 'sm')}</figure>",
        dominance_section(dominance, inline_svg(svgs["dominance"], "dom") if "dominance" in svgs else "", lang),
        _annotations_table(annotations, lang),
        f'<h2 class="new-page">{_E(t(lang, "report.deadliest"))}</h2>',
        _deadliest_table(events, lang),
        _method(prepared, lang),
        # the credits stay together: a last page holding one line of them is a widow
        f"<div class=credits><h2>{_E(t(lang, 'report.credits'))}</h2><ul class=notes>",
        *[f"<li>{_E(c.text)}</li>" for c in report_credits(prepared, lang, layers)],
        "</ul></div></body></html>\n",
    ]
    return "\n".join(parts)
