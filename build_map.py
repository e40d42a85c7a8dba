"""Build an interactive, self-contained HTML map of political violence in Mali and the Sahel.

The CLI: arguments -> geo (load, validate, join) -> layers (folium) -> outputs, written
all-or-nothing. Errors the user can fix exit with code 2 and one line; bugs exit with 1.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import orjson

from geo.errors import SahelMapError
from geo.io import StagedOutputs
from geo.pipeline import DEFAULT_BAND_KM, Filters, Prepared, prepare_events
from geo.schema import EVENT_TYPES
from layers._render import render_html
from layers.compose import LAYER_KEYS, EventSet
from layers.compose import build as compose_map

ROOT = Path(__file__).resolve().parent
DEFAULT_EVENTS = (
    (ROOT / "data/events/ucdp_ged211_sahel.csv", "Events (UCDP GED 2012–2020)"),
    (ROOT / "data/events/article_events.csv", "Events in the 2020 analysis"),
)
DEFAULT_SINCE, DEFAULT_UNTIL = dt.date(2012, 1, 1), dt.date(2020, 12, 31)

EXAMPLES = """
examples:
  python build_map.py
      the default map: UCDP GED 2012-2020 and the 2020 analysis's events
      -> out/mali_conflict_map.html (+ _summary.json, _rejects.csv)
  python build_map.py --events acled_export.csv --since 2020-01-01 --country MLI,BFA \\
      --out out/acled_2020.html --joined out/acled_2020_joined.csv
  python build_map.py --events ged.csv --format ucdp --event-type Battles --actor JNIM
  python build_map.py --png out/map.png --layers regions,border,zones,events --basemap none

input formats (detected from the header; --format overrides):
  acled   ACLED export (31 columns; ISO or dd-mm-yyyy dates)
  ucdp    UCDP GED (49 columns)
  native  event_date, event_type, latitude, longitude (+ optional canonical columns)
  CSV in any common encoding/delimiter, GeoJSON points, or GeoParquet.

exit codes: 0 success; 2 unusable input or bad option (one message, no traceback); 1 a bug.
"""


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date; use YYYY-MM-DD") from None


def _csv_list(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(",") if part.strip())


def _positive_km(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1
    if not 0 < value <= 1000:
        raise argparse.ArgumentTypeError(f"{text!r} is not a width in km between 0 and 1000")
    return value


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="build_map.py", description=__doc__.splitlines()[0],
        epilog=EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    source = parser.add_argument_group("events")
    source.add_argument("--events", action="append", metavar="FILE",
                        help="event file (CSV, GeoJSON, GeoParquet); repeat for several. "
                             "Default: the shipped UCDP GED and 2020-analysis files, 2012-2020")
    source.add_argument("--format", choices=("auto", "acled", "ucdp", "native"), default="auto",
                        help="input format (default: detect from the header)")
    filters = parser.add_argument_group("filters (filtered rows are counted, never lost)")
    filters.add_argument("--since", type=_date, metavar="YYYY-MM-DD",
                         help="keep events on or after this date")
    filters.add_argument("--until", type=_date, metavar="YYYY-MM-DD",
                         help="keep events on or before this date")
    filters.add_argument("--event-type", type=_csv_list, default=(), metavar="TYPE[,TYPE]",
                         help="ACLED event types: " + "; ".join(EVENT_TYPES))
    filters.add_argument("--country", type=_csv_list, default=(), metavar="ISO3[,ISO3]",
                         help="keep events inside these countries (by polygon), e.g. MLI,BFA,NER")
    filters.add_argument("--actor", metavar="TEXT",
                         help="keep events whose actor1 or actor2 contains TEXT (any case)")
    outputs = parser.add_argument_group("outputs (written all-or-nothing)")
    outputs.add_argument("--out", type=Path, default=ROOT / "out/mali_conflict_map.html",
                         help="the interactive HTML map (default: out/mali_conflict_map.html)")
    outputs.add_argument("--joined", type=Path, help="CSV of accepted events with join columns")
    outputs.add_argument("--rejects", type=Path,
                         help="CSV of rejected rows with reasons (default: OUT_rejects.csv)")
    outputs.add_argument("--summary", type=Path,
                         help="JSON counts by zone, region, country, month (default: OUT_summary.json)")
    outputs.add_argument("--png", type=Path, help="also render a static PNG for reports")
    look = parser.add_argument_group("map")
    look.add_argument("--layers", type=_csv_list, default=LAYER_KEYS, metavar="NAME[,NAME]",
                      help="overlays to build (default: all): " + ",".join(LAYER_KEYS))
    look.add_argument("--basemap", choices=("positron", "osm", "satellite", "none"),
                      default="positron", help="base map shown first (default: positron)")
    look.add_argument("--title", help="map title")
    look.add_argument("--border-band-km", type=_positive_km, default=DEFAULT_BAND_KM,
                      metavar="KM", help="width of the Algeria-Mali border band (default: 100)")
    parser.add_argument("--quiet", action="store_true", help="no progress messages on stderr")
    args = parser.parse_args(argv)
    unknown = [name for name in args.layers if name not in LAYER_KEYS]
    if unknown:
        parser.error(f"--layers: unknown {', '.join(unknown)}; choose from {','.join(LAYER_KEYS)}")
    return args


def _inputs(args: argparse.Namespace) -> tuple[list[Path], dict[str, str], Filters]:
    filters = Filters(since=args.since, until=args.until, event_types=args.event_type,
                      countries=tuple(c.upper() for c in args.country), actor=args.actor)
    if args.events:
        paths = list(dict.fromkeys(Path(p) for p in args.events))  # each file once
        labels: dict[str, str] = {}
        for path in paths:  # overlay names must be unique for the layer control
            label, n = f"Events: {path.name}", 2
            while label in labels.values():
                label, n = f"Events: {path.name} ({n})", n + 1
            labels[str(path)] = label
        return paths, labels, filters
    if args.since is None and args.until is None:
        filters = Filters(since=DEFAULT_SINCE, until=DEFAULT_UNTIL, event_types=filters.event_types,
                          countries=filters.countries, actor=filters.actor)
    return [p for p, _ in DEFAULT_EVENTS], {str(p): label for p, label in DEFAULT_EVENTS}, filters


def build(events: Sequence[str | Path] | None = None, *, fmt: str = "auto",
          layers: Sequence[str] = LAYER_KEYS, basemap: str = "positron", title: str | None = None,
          border_band_km: float = DEFAULT_BAND_KM, **filters):
    """Python API (e.g. in Jupyter): build and return the folium.Map.

    >>> import build_map
    >>> m = build_map.build(["acled.csv"], since=dt.date(2020, 1, 1))  # doctest: +SKIP
    """
    argv = [f"--events={p}" for p in events or []]
    args = parse_args(argv + ["--quiet"])
    paths, labels, default_filters = _inputs(args)
    prepared = prepare_events(paths, fmt=fmt, filters=Filters(**filters) if filters else default_filters,
                              border_band_km=border_band_km)
    return _compose(prepared, labels, tuple(layers), basemap, title)


def _compose(prepared: Prepared, labels: dict[str, str], layers, basemap, title):
    event_sets = [EventSet(label, prepared.events[prepared.events["source_file"] == path])
                  for path, label in labels.items()]
    return compose_map(prepared, event_sets, layers=layers, basemap=basemap, title=title)


def _csv_bytes(frame) -> bytes:
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue().encode("utf-8")


def run(args: argparse.Namespace) -> dict:
    say = (lambda message: None) if args.quiet else (
        lambda message: print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True))
    paths, labels, filters = _inputs(args)
    prepared = prepare_events(paths, fmt=args.format, filters=filters,
                              border_band_km=args.border_band_km, progress=say)
    timings = dict(prepared.timings)

    out = args.out
    rejects_path = args.rejects or out.with_name(out.stem + "_rejects.csv")
    summary_path = args.summary or out.with_name(out.stem + "_summary.json")
    mark = time.perf_counter()
    say("building the map")
    html = render_html(_compose(prepared, labels, tuple(args.layers), args.basemap, args.title))
    timings["build"] = time.perf_counter() - mark

    mark = time.perf_counter()
    summary = prepared.summary
    with StagedOutputs() as staged:
        staged.stage(out, html.encode("utf-8"))
        outputs = {"html": str(out), "html_bytes": len(html.encode("utf-8"))}
        staged.stage(rejects_path, _csv_bytes(prepared.rejects))
        outputs["rejects"] = str(rejects_path)
        if args.joined:
            staged.stage(args.joined, _csv_bytes(prepared.events))
            outputs["joined"] = str(args.joined)
        if args.png:
            from layers.static_map import render_png

            say("rendering the PNG")
            staged.stage(args.png, render_png(prepared, title=args.title))
            outputs["png"] = str(args.png)
        timings["write"] = time.perf_counter() - mark
        summary["outputs"] = {**outputs, "summary": str(summary_path)}
        summary["timings_s"] = {k: round(v, 3) for k, v in timings.items()}
        staged.stage(summary_path, orjson.dumps(summary, option=orjson.OPT_INDENT_2) + b"\n")
    counts = summary["events"]
    say(f"wrote {out} ({outputs['html_bytes'] / 1e6:.1f} MB): {counts['accepted']:,} events, "
        f"{counts['rejected']:,} rejected (see {rejects_path}), {counts['filtered_out']:,} filtered out")
    return summary


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        run(args)
    except SahelMapError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
