"""Build an interactive, self-contained HTML map of political violence in Mali and the Sahel.

The CLI: arguments -> geo (load, validate, join) -> layers (folium) -> outputs, written
all-or-nothing. Errors the user can fix exit with code 2 and one line; bugs exit with 1.
The Python API, `build(...)`, takes the CLI's option names and defaults and raises
`geo.errors.SahelMapError` with the same one-line message (never SystemExit).
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import inspect
import sys
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import orjson

from geo.actors import actor_counts
from geo.countries import COUNTRY_NAMES, country_from_user
from geo.credits import SHIPPED_EVENTS
from geo.districts import resolve_districts
from geo.errors import ConfigError, SahelMapError
from geo.formats import FORMATS, format_names
from geo.io import StagedOutputs, table_writer, write_csv
from geo.pipeline import DEFAULT_BAND_KM, Filters, Prepared, describe_events, prepare_events
from geo.schema import EVENT_TYPES
from layers._render import render_html
from layers.basemaps import BASEMAPS
from layers.compose import EventSet
from layers.compose import build as compose_map
from layers.i18n import DEFAULT_LANG, catalogue, languages, translate_text
from layers.overlays import OVERLAYS, overlay_keys

__all__ = ["Options", "options", "build", "run", "main"]

DEFAULT_SINCE, DEFAULT_UNTIL = dt.date(2012, 1, 1), dt.date(2020, 12, 31)
DEFAULT_OUT = Path("out/mali_conflict_map.html")
ENGINES = ("pandas", "dask")


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
  python build_map.py --events ged.csv --format ucdp --event-type battles --actor JNIM
  python build_map.py --until 2015-12-31 --country Mali
      the shipped data from the default start (2012-01-01) to 2015 (bounds default one by one)
  python build_map.py --events acled_export.csv --list-actors
      the actor groups (data/actors.toml) with their event counts; writes nothing
  python build_map.py --png out/map.png --layers regions,border,zones,events --basemap none
  python build_map.py --lang fr --out out/carte.html
      the same map in French (interface strings: layers/i18n/fr.toml; data as written)
  python build_map.py --engine dask --events parts/ --joined out/joined.parquet
      a directory of partition files on a local dask cluster (--scheduler ADDRESS: yours)

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
    engine: str = "pandas"          # or "dask": partitions on a dask.distributed cluster
    scheduler: str | None = None    # dask scheduler address; None: a LocalCluster


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


def _event_types(value) -> tuple[str, ...]:
    """ACLED event types in any case ("battles" -> "Battles"); a wrong one gets "did you mean"."""
    by_folded = {t.casefold(): t for t in EVENT_TYPES}
    chosen = []
    for item in _as_list(value):
        if item.casefold() not in by_folded:
            close = difflib.get_close_matches(item.casefold(), list(by_folded), n=2, cutoff=0.5)
            hint = f"did you mean {', '.join(repr(by_folded[c]) for c in close)}? " if close else ""
            raise ConfigError(f"--event-type {item!r} is not an ACLED event type; {hint}"
                              f"choose from: {', '.join(EVENT_TYPES)}")
        chosen.append(by_folded[item.casefold()])
    return tuple(dict.fromkeys(chosen))


def _window(since, until, shipped: bool) -> tuple[dt.date | None, dt.date | None, frozenset[str]]:
    """The shipped data's default window applies bound by bound: --until alone keeps its start."""
    defaults = set()
    if shipped and since is None:
        since = DEFAULT_SINCE
        defaults.add("since")
    if shipped and until is None:
        until = DEFAULT_UNTIL
        defaults.add("until")
    return since, until, frozenset(defaults)


def _choose(name: str, value: str, allowed: Sequence[str]) -> str:
    if value not in allowed:
        raise ConfigError(f"--{name} {value!r} is not one of: {', '.join(allowed)}")
    return value


def _labels(paths: list[Path]) -> dict[str, str]:
    """Source names, unique for the layer control: a shipped file's own, else the file's name.

    The overlay's name adds the countries and years it holds (geo.pipeline.describe_events).
    """
    from geo.credits import shipped_label

    labels: dict[str, str] = {}
    for path in paths:
        label, n = shipped_label(path) or path.name, 2
        base = label
        while label in labels.values():
            label, n = f"{base} ({n})", n + 1
        labels[str(path)] = label
    return labels


def options(events: Sequence[str | Path] | None = None, *, format: str = "auto",  # noqa: A002
            since=None, until=None, event_type=(), country=(), actor: str | None = None,
            district=(),
            layers=None, basemap: str = "positron", title: str | None = None,
            border_band_km: float = DEFAULT_BAND_KM, lang: str = DEFAULT_LANG, engine: str = "pandas",
            scheduler: str | None = None) -> Options:
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
    _choose("engine", engine, ENGINES)
    if scheduler and engine != "dask":
        raise ConfigError("--scheduler needs --engine dask")
    paths = list(dict.fromkeys(Path(p) for p in events or ()))  # each file once
    labels = None
    if engine == "dask" and paths:  # directories and globs of partitions: one overlay each
        from geo.engine_dask import expand_inputs

        labels = {str(f): f"Events: {Path(p).name}" for p in paths for f in expand_inputs([p])}
        paths = [Path(f) for f in labels]
    since, until, defaults = _window(since, until, shipped=not paths)
    paths = paths or [s.path for s in SHIPPED_EVENTS]
    countries = tuple(dict.fromkeys(country_from_user(c) for c in _as_list(country)))
    actor = str(actor).strip() if actor is not None else ""
    filters = Filters(since=since, until=until, event_types=_event_types(event_type),
                      countries=countries, actor=actor or None, defaults=defaults,
                      districts=resolve_districts(_as_list(district)) if _as_list(district) else ())
    filters.check()
    return Options(tuple(paths), labels or _labels(paths), format, filters, tuple(wanted), basemap,
                   title, band, lang, engine, scheduler)


def _prepare(opts: Options, say=None, joined: Path | None = None) -> Prepared:
    if opts.engine == "dask":
        from geo.engine_dask import prepare_with_dask

        return prepare_with_dask(opts.events, scheduler=opts.scheduler, fmt=opts.format,
                                 filters=opts.filters, border_band_km=opts.border_band_km,
                                 joined=joined, progress=say)
    return prepare_events(opts.events, fmt=opts.format, filters=opts.filters,
                          border_band_km=opts.border_band_km, progress=say)


def _event_sets(prepared: Prepared, opts: Options) -> list[EventSet]:
    """One overlay per input file that kept events, named by what it holds."""
    files: dict[str, list[str]] = {}  # a label may cover several files (dask partitions)
    for path, label in opts.labels.items():
        files.setdefault(label, []).append(path)
    frames = [(label, prepared.events[prepared.events["source_file"].isin(paths)])
              for label, paths in files.items()]
    named = catalogue(opts.lang)["layer.events_file"]
    return [EventSet(describe_events(translate_text(opts.lang, label), frame, named), frame)
            for label, frame in frames if len(frame)]


def _compose(prepared: Prepared, opts: Options):
    event_sets = _event_sets(prepared, opts)
    return compose_map(prepared, event_sets, layers=opts.layers, basemap=opts.basemap,
                       title=opts.title, lang=opts.lang)


def _check_keywords(kwargs: dict) -> None:
    known = [name for name in inspect.signature(options).parameters if name != "events"]
    for name in kwargs:
        if name not in known:
            close = difflib.get_close_matches(name, known, n=1, cutoff=0.5)
            hint = f"did you mean {close[0]!r}? " if close else ""
            raise ConfigError(f"build(): unknown option {name!r}; {hint}the options are the CLI's "
                              f"flags with _ for -: {', '.join(known)}")


def build(events: Sequence[str | Path] | None = None, **kwargs):
    """Python API (e.g. in Jupyter): build and return the folium.Map.

    Keywords are the CLI's options: format, since, until, event_type, country, actor, layers,
    basemap, title, border_band_km, lang, engine, scheduler. Lists may be given as "A,B" or as
    sequences. The same inputs give the same events as the CLI; a wrong keyword raises
    ConfigError naming the right one (`countries=` -> "did you mean country?").

    >>> import build_map
    >>> m = build_map.build(["acled.csv"], since="2020-01-01", country="MLI,BFA")  # doctest: +SKIP
    """
    _check_keywords(kwargs)
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
    filters.add_argument("--since", metavar="YYYY-MM-DD",
                         help=f"keep events on or after this date (shipped data: {DEFAULT_SINCE} "
                              "unless given; each bound defaults on its own)")
    filters.add_argument("--until", metavar="YYYY-MM-DD",
                         help=f"keep events on or before this date (shipped data: {DEFAULT_UNTIL} "
                              "unless given)")
    filters.add_argument("--event-type", metavar="TYPE[,TYPE]",
                         help="ACLED event types, any case: " + "; ".join(EVENT_TYPES))
    filters.add_argument("--country", metavar="CODE[,CODE]",
                         help="keep events inside these countries (by polygon): ISO3, ISO2 or "
                              "name, any case, e.g. MLI,BFA,Niger; one of " + ",".join(COUNTRY_NAMES))
    filters.add_argument("--district", metavar="NAME[,NAME]",
                         help="keep events in these districts (by polygon): Mali's cercles, "
                              "Niger's departments, Burkina Faso's provinces; a name or P-code, "
                              "any case, e.g. Bankass,Soum or ML0502")
    filters.add_argument("--actor", metavar="NAME",
                         help="keep events whose actor1 or actor2 is in this group of "
                              "data/actors.toml (JNIM, ISGS, EIGS, 'IS Sahel', Wagner...) or is "
                              "exactly this actor name (any case; never a part of a name)")
    filters.add_argument("--list-actors", action="store_true",
                         help="print the actor groups with their event counts, and the most "
                              "frequent actors in no group, for these files and filters; write nothing")
    outputs = parser.add_argument_group("outputs (written all-or-nothing)")
    outputs.add_argument("--out", type=Path, default=DEFAULT_OUT,
                         help=f"the interactive HTML map (default: {DEFAULT_OUT})")
    outputs.add_argument("--joined", type=Path, help="accepted events with join columns: CSV, or "
                         "GeoParquet if the name ends in .parquet")
    outputs.add_argument("--rejects", type=Path,
                         help="CSV of rejected rows with reasons (default: OUT_rejects.csv)")
    outputs.add_argument("--summary", type=Path,
                         help="JSON counts by zone, region, country, month (default: OUT_summary.json)")
    _add_figure_arguments(outputs)
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
    engine = parser.add_argument_group("engine (for inputs that outgrow one machine)")
    engine.add_argument("--engine", choices=ENGINES, default="pandas",
                        help="pandas (default): one process; dask: one partition per file of the "
                             "directories or globs given to --events, on a dask.distributed "
                             "cluster; --joined becomes a directory of GeoParquet partitions")
    engine.add_argument("--scheduler", metavar="ADDRESS",
                        help="with --engine dask: an existing cluster's scheduler, e.g. "
                             "tcp://10.0.0.5:8786 (default: a LocalCluster, one worker per core)")
    parser.add_argument("--quiet", action="store_true", help="no progress messages on stderr")
    return parser.parse_args(argv)


# --- figures and report (issue 13): print figures, zone chart, small multiples, one-file report
def _figure_path(value: str) -> Path:
    from figures._mpl import FIGURE_FORMATS

    path = Path(value)
    if path.suffix.lower().lstrip(".") not in FIGURE_FORMATS:
        raise argparse.ArgumentTypeError(
            f"{value!r}: the format follows the extension; use .png, .svg or .pdf")
    return path


def _report_path(value: str) -> Path:
    if Path(value).suffix.lower() not in (".html", ".htm"):
        raise argparse.ArgumentTypeError(f"{value!r}: a report is one HTML file; end the name in .html")
    return Path(value)


def _width_mm(value: str) -> float:
    try:
        width = float(value)
    except ValueError:
        width = -1.0
    if not 80 <= width <= 500:
        raise argparse.ArgumentTypeError(f"{value!r} is not a width in mm between 80 and 500")
    return width


def _dpi(value: str) -> int:
    if not value.isdigit() or not 30 <= int(value) <= 1200:
        raise argparse.ArgumentTypeError(f"{value!r} is not a resolution in dpi between 30 and 1200")
    return int(value)


def _add_figure_arguments(outputs) -> None:
    outputs.add_argument("--figure", "--png", dest="figure", type=_figure_path, metavar="PATH",
                         help="static map for reports, as .png, .svg or .pdf (from the extension; "
                              "--png is the old name): window, layers and title follow the run")
    outputs.add_argument("--figure-width-mm", type=_width_mm, default=160.0, metavar="MM",
                         help="printed width of the figures (default: 160, a report column); "
                              "text is 8 pt and the credit line 6.5 pt at any width")
    outputs.add_argument("--figure-dpi", type=_dpi, default=200, metavar="DPI",
                         help="resolution of PNG figures (default: 200)")
    outputs.add_argument("--chart", type=_figure_path, metavar="PATH",
                         help="events and fatalities per --period by zone, stacked bars (.png/.svg/.pdf)")
    outputs.add_argument("--small-multiples", type=_figure_path, metavar="PATH",
                         help="one map per --period, same classes and scale (.png/.svg/.pdf)")
    outputs.add_argument("--period", choices=("year", "month"), default="year",
                         help="period of --chart and --small-multiples (default: year)")
    outputs.add_argument("--report", type=_report_path, metavar="PATH.html",
                         help="one-file offline briefing: key figures, the map, chart, small "
                              "multiples, deadliest events, method, credits; prints to A4")


def _stage_figures(staged, args, opts: Options, prepared: Prepared, html: str, say) -> dict:
    """Draw the figures asked for (each once, saved in its format and, for the report, as
    SVG), then the report, and stage them."""
    from figures import (  # matplotlib only when asked
        report,
        small_multiples,
        static_map,
        zone_chart,
    )
    from figures._mpl import figure_bytes

    width, written, svgs = args.figure_width_mm, {}, {}

    def render(kind: str, path: Path | None, draw) -> None:
        formats = [path.suffix.lower().lstrip(".")] if path else []
        if args.report and "svg" not in formats:
            formats.append("svg")  # the report inlines every figure as SVG
        if not formats:
            return
        say(f"drawing the {kind.replace('_', ' ')}")
        fig = draw()
        for fmt in formats:
            data = figure_bytes(fig, fmt, args.figure_dpi)
            if path and fmt == formats[0]:
                staged.stage(path, data)
                written[kind] = str(path)
            if fmt == "svg":
                svgs[kind] = data

    render("figure", args.figure, lambda: static_map.draw_figure(
        prepared, layers=[k for k in opts.layers if k in static_map.FIGURE_LAYERS], title=opts.title,
        width_mm=width, lang=opts.lang))
    render("chart", args.chart, lambda: zone_chart.draw_chart(
        prepared.summary["by_zone_period"], period=args.period, width_mm=width,
        credit=static_map.credit_line(prepared.events, opts.lang), lang=opts.lang))
    render("small_multiples", args.small_multiples, lambda: small_multiples.draw_small_multiples(
        prepared, period=args.period, width_mm=width, lang=opts.lang))
    if args.report:
        say("writing the report")
        staged.stage(args.report, report.render_report(prepared, html, svgs, title=opts.title, lang=opts.lang,
                                                       period=args.period).encode("utf-8"))
        written["report"] = str(args.report)
    return written
# --- end figures and report


def _options_from_args(args: argparse.Namespace) -> Options:
    return options(args.events, format=args.format, since=args.since, until=args.until,
                   event_type=args.event_type, country=args.country, actor=args.actor,
                   district=args.district,
                   layers=args.layers, basemap=args.basemap, title=args.title,
                   border_band_km=args.border_band_km, lang=args.lang, engine=args.engine,
                   scheduler=args.scheduler)


def actor_table(events) -> str:
    """--list-actors: groups with event counts, then the most frequent actors in no group."""
    per_group, ungrouped = actor_counts(events)
    lines = [f"{len(events):,} events. Actor groups (data/actors.toml; use the id or an alias "
             "with --actor):", f"{'events':>8}  {'id':<20} name (aliases)"]
    lines += [f"{n:>8,}  {g.id:<20} {g.name}" + (f" ({', '.join(g.aliases[:4])})" if g.aliases else "")
              for g, n in per_group]
    lines += ["", "Most frequent actors in no group (use the exact name with --actor):"]
    lines += [f"{n:>8,}  {name}" for name, n in ungrouped] or ["       -  (none)"]
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> dict:
    say = (lambda message: None) if args.quiet else (
        lambda message: print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True))
    opts = _options_from_args(args)
    prepared = _prepare(opts, say, args.joined)
    if args.list_actors:
        sys.stdout.write(actor_table(prepared.events))
        return prepared.summary
    timings = dict(prepared.timings)

    out = args.out
    rejects_path = args.rejects or out.with_name(out.stem + "_rejects.csv")
    summary_path = args.summary or out.with_name(out.stem + "_summary.json")
    summary = prepared.summary
    with StagedOutputs() as staged, ThreadPoolExecutor(1) as background:
        # Arrow writes the tables without the GIL while the map is built: both cores work
        # ("write" is then the time left after the build); the build only reads the tables
        tables = [background.submit(staged.stage_with, rejects_path,
                                    lambda tmp: write_csv(prepared.rejects, tmp))]
        outputs = {"html": str(out), "rejects": str(rejects_path)}
        if args.joined and opts.engine == "dask":
            outputs["joined"] = str(args.joined)  # partitions, written by the workers
        elif args.joined:
            write_joined = table_writer(args.joined)
            tables.append(background.submit(staged.stage_with, args.joined,
                                            lambda tmp: write_joined(prepared.events, tmp)))
            outputs["joined"] = str(args.joined)
        mark = time.perf_counter()
        say("building the map")
        html = render_html(_compose(prepared, opts))
        timings["build"] = time.perf_counter() - mark
        mark = time.perf_counter()
        html_bytes = html.encode("utf-8")
        staged.stage(out, html_bytes)
        outputs["html_bytes"] = len(html_bytes)
        for table in tables:
            table.result()
        if args.figure or args.chart or args.small_multiples or args.report:
            outputs.update(_stage_figures(staged, args, opts, prepared, html, say))
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
