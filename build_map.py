"""Build an interactive, self-contained HTML map of political violence in Mali and the Sahel.

The CLI: arguments -> geo (load, validate, join) -> layers (folium) -> outputs, written
all-or-nothing. Errors the user can fix exit with code 2 and one line; bugs exit with 1.
The Python API, `build(...)`, takes the CLI's option names and defaults and raises
`geo.errors.SahelMapError` with the same one-line message (never SystemExit).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import orjson

from geo.credits import SHIPPED_EVENTS
from geo.errors import ConfigError, SahelMapError
from geo.formats import FORMATS, format_names
from geo.io import StagedOutputs
from geo.pipeline import DEFAULT_BAND_KM, Filters, Prepared, prepare_events
from geo.schema import EVENT_TYPES
from layers._render import render_html
from layers.basemaps import BASEMAPS
from layers.compose import EventSet
from layers.compose import build as compose_map
from layers.i18n import DEFAULT_LANG, languages
from layers.i18n import t as translate
from layers.overlays import OVERLAYS, overlay_keys

__all__ = ["Options", "options", "build", "run", "main"]

DEFAULT_SINCE, DEFAULT_UNTIL = dt.date(2012, 1, 1), dt.date(2020, 12, 31)
DEFAULT_OUT = Path("out/mali_conflict_map.html")


def _examples() -> str:
    formats = "\n".join(f"  {f.name:<7} {f.title}" + (f": needs {', '.join(f.required)}")
                        for f in FORMATS)
    layers = "\n".join(f"  {o.key:<11}{'' if o.show else '(off at start) '}{o.help}" for o in OVERLAYS)
    return f"""
examples:
  python build_map.py
      the default map: UCDP GED 2012-2020 and the 2020 analysis's events
      -> out/mali_conflict_map.html (+ _summary.json, _rejects.csv)
  python build_map.py --events acled_export.csv --since 2020-01-01 --country MLI,BFA \\
      --out out/acled_2020.html --joined out/acled_2020_joined.csv
  python build_map.py --events ged.csv --format ucdp --event-type Battles --actor JNIM
  python build_map.py --png out/map.png --layers regions,border,zones,events --basemap none
  python build_map.py --lang fr --out out/carte.html
      the same map in French (interface strings: layers/i18n/fr.toml; data as written)

input formats (detected from the header; --format overrides):
{formats}
  CSV in any common encoding/delimiter, GeoJSON points, or GeoParquet.

layers (--layers; default: all):
{layers}

exit codes: 0 success; 2 unusable input or bad option (one message, no traceback); 1 a bug.
"""


@dataclass(frozen=True)
class Options:
    """Validated options of one run: the same for the CLI and the Python API."""

    events: tuple[Path, ...]
    labels: dict[str, str]  # file -> overlay name
    format: str
    filters: Filters
    layers: tuple[str, ...]
    basemap: str
    title: str | None
    border_band_km: float
    lang: str = DEFAULT_LANG  # interface language (layers/i18n/<lang>.toml)


def _as_date(name: str, value) -> dt.date | None:
    if value is None or value == "" or isinstance(value, dt.date):
        return value or None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ConfigError(f"--{name} {value!r} is not a date; use YYYY-MM-DD") from None


def _as_list(value) -> tuple[str, ...]:
    if value is None:
        return ()
    parts = value.split(",") if isinstance(value, str) else value
    return tuple(str(p).strip() for p in parts if str(p).strip())


def _choose(name: str, value: str, allowed: Sequence[str]) -> str:
    if value not in allowed:
        raise ConfigError(f"--{name} {value!r} is not one of: {', '.join(allowed)}")
    return value


def _labels(paths: list[Path], lang: str = DEFAULT_LANG) -> dict[str, str]:
    """Overlay names, unique for the layer control; shipped files keep their own names."""
    from geo.credits import shipped_label

    labels: dict[str, str] = {}
    for path in paths:
        label, n = shipped_label(path) or translate(lang, "layer.events_file", name=path.name), 2
        base = label
        while label in labels.values():
            label, n = f"{base} ({n})", n + 1
        labels[str(path)] = label
    return labels


def options(events: Sequence[str | Path] | None = None, *, format: str = "auto",  # noqa: A002
            since=None, until=None, event_type=(), country=(), actor: str | None = None,
            layers=None, basemap: str = "positron", title: str | None = None,
            border_band_km: float = DEFAULT_BAND_KM, lang: str = DEFAULT_LANG) -> Options:
    """Check every option as the CLI does; raise ConfigError with the CLI's message."""
    _choose("format", format, ("auto", *format_names()))
    _choose("basemap", basemap, tuple(BASEMAPS))
    _choose("lang", lang, languages())
    wanted = _as_list(layers) or overlay_keys()
    unknown = [k for k in wanted if k not in overlay_keys()]
    if unknown:
        raise ConfigError(f"--layers: unknown {', '.join(unknown)}; choose from {','.join(overlay_keys())}")
    try:
        band = float(border_band_km)
    except (TypeError, ValueError):
        band = -1.0
    if not 0 < band <= 1000:
        raise ConfigError(f"--border-band-km {border_band_km!r} is not a width in km between 0 and 1000")
    since, until = _as_date("since", since), _as_date("until", until)
    paths = list(dict.fromkeys(Path(p) for p in events or ()))  # each file once
    if not paths:
        paths = [s.path for s in SHIPPED_EVENTS]
        if since is None and until is None:
            since, until = DEFAULT_SINCE, DEFAULT_UNTIL
    filters = Filters(since=since, until=until, event_types=_as_list(event_type),
                      countries=tuple(c.upper() for c in _as_list(country)), actor=actor or None)
    filters.check()
    return Options(tuple(paths), _labels(paths, lang), format, filters, tuple(wanted), basemap, title, band,
                   lang)


def _prepare(opts: Options, say=None) -> Prepared:
    return prepare_events(opts.events, fmt=opts.format, filters=opts.filters,
                          border_band_km=opts.border_band_km, progress=say)


def _compose(prepared: Prepared, opts: Options):
    event_sets = [EventSet(label, prepared.events[prepared.events["source_file"] == path])
                  for path, label in opts.labels.items()]
    return compose_map(prepared, event_sets, layers=opts.layers, basemap=opts.basemap,
                       title=opts.title, lang=opts.lang)


def build(events: Sequence[str | Path] | None = None, **kwargs):
    """Python API (e.g. in Jupyter): build and return the folium.Map.

    Keywords are the CLI's options: format, since, until, event_type, country, actor, layers,
    basemap, title, border_band_km, lang. Lists may be given as "A,B" or as sequences.

    >>> import build_map
    >>> m = build_map.build(["acled.csv"], since="2020-01-01", country="MLI,BFA")  # doctest: +SKIP
    """
    opts = options(events, **kwargs)
    return _compose(_prepare(opts), opts)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="build_map.py", description=__doc__.splitlines()[0],
        epilog=_examples(), formatter_class=argparse.RawDescriptionHelpFormatter)
    source = parser.add_argument_group("events")
    source.add_argument("--events", action="append", metavar="FILE",
                        help="event file (CSV, GeoJSON, GeoParquet); repeat for several. "
                             "Default: the shipped UCDP GED and 2020-analysis files, 2012-2020")
    source.add_argument("--format", choices=("auto", *format_names()), default="auto",
                        help="input format (default: detect from the header)")
    filters = parser.add_argument_group("filters (filtered rows are counted, never lost)")
    filters.add_argument("--since", metavar="YYYY-MM-DD", help="keep events on or after this date")
    filters.add_argument("--until", metavar="YYYY-MM-DD", help="keep events on or before this date")
    filters.add_argument("--event-type", metavar="TYPE[,TYPE]",
                         help="ACLED event types: " + "; ".join(EVENT_TYPES))
    filters.add_argument("--country", metavar="ISO3[,ISO3]",
                         help="keep events inside these countries (by polygon), e.g. MLI,BFA,NER")
    filters.add_argument("--actor", metavar="TEXT",
                         help="keep events whose actor1 or actor2 contains TEXT (any case)")
    outputs = parser.add_argument_group("outputs (written all-or-nothing)")
    outputs.add_argument("--out", type=Path, default=DEFAULT_OUT,
                         help=f"the interactive HTML map (default: {DEFAULT_OUT})")
    outputs.add_argument("--joined", type=Path, help="CSV of accepted events with join columns")
    outputs.add_argument("--rejects", type=Path,
                         help="CSV of rejected rows with reasons (default: OUT_rejects.csv)")
    outputs.add_argument("--summary", type=Path,
                         help="JSON counts by zone, region, country, month (default: OUT_summary.json)")
    outputs.add_argument("--png", type=Path, help="also render a static PNG for reports")
    look = parser.add_argument_group("map")
    look.add_argument("--layers", metavar="NAME[,NAME]",
                      help="overlays to build (default: all): " + ",".join(overlay_keys()))
    look.add_argument("--basemap", choices=tuple(BASEMAPS), default="positron",
                      help="base map shown first (default: positron)")
    look.add_argument("--title", help="map title")
    look.add_argument("--lang", choices=languages(), default=DEFAULT_LANG,
                      help="language of the map's interface; the data stay as written (default: en)")
    look.add_argument("--border-band-km", default=DEFAULT_BAND_KM, metavar="KM",
                      help="width of the Algeria-Mali border band (default: 100)")
    parser.add_argument("--quiet", action="store_true", help="no progress messages on stderr")
    return parser.parse_args(argv)


def _options_from_args(args: argparse.Namespace) -> Options:
    return options(args.events, format=args.format, since=args.since, until=args.until,
                   event_type=args.event_type, country=args.country, actor=args.actor,
                   layers=args.layers, basemap=args.basemap, title=args.title,
                   border_band_km=args.border_band_km, lang=args.lang)


def _csv_bytes(frame) -> bytes:
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue().encode("utf-8")


def run(args: argparse.Namespace) -> dict:
    say = (lambda message: None) if args.quiet else (
        lambda message: print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True))
    opts = _options_from_args(args)
    prepared = _prepare(opts, say)
    timings = dict(prepared.timings)

    out = args.out
    rejects_path = args.rejects or out.with_name(out.stem + "_rejects.csv")
    summary_path = args.summary or out.with_name(out.stem + "_summary.json")
    mark = time.perf_counter()
    say("building the map")
    html = render_html(_compose(prepared, opts))
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
            staged.stage(args.png, render_png(prepared, title=args.title, lang=opts.lang))
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
