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
import re
import sys
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from geo.actors import actor_counts
from geo.annotations import Annotations, load_annotations
from geo.compare import METRICS as COMPARE_METRICS
from geo.compare import compare_summary, parse_compare
from geo.countries import COUNTRY_NAMES, country_from_user
from geo.credits import SHIPPED_EVENTS, shipped_source
from geo.districts import resolve_districts
from geo.errors import ConfigError, SahelMapError
from geo.formats import FORMATS, format_names
from geo.frames import DATA_FRAME, frame_names, parse_extent
from geo.incidents import COUNTS
from geo.io import StagedOutputs
from geo.pipeline import DEFAULT_BAND_KM, Filters, Prepared, describe_events, prepare_events
from geo.schema import EVENT_TYPES
from geo.sources import get_source
from geo.storage import as_location, basename, is_url
from layers._render import render_html
from layers.basemaps import BASEMAPS
from layers.compose import EventSet
from layers.compose import build as compose_map
from layers.i18n import DEFAULT_LANG, catalogue, languages, month_abbr, t
from layers.overlays import OVERLAYS, overlay_keys
from outputs import FIGURE_VIEWS, OUTPUTS, RunOutputs, check_sampled, get_output, output_keys

__all__ = ["Options", "options", "build", "write", "run", "main"]

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
    popup_fields: tuple[str, ...] | None = None  # source columns popups show; () = none
    count: str = "incidents"        # ACLED and UCDP together: count incidents or reports (geo.incidents);
                                    # --engine dask counts reports
    compare: tuple | None = None    # --compare: two geo.compare.Window, A then B
    compare_metric: str = "events"
    public_url: str | None = None  # where the page will be published (Share links, embed code)


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


def _labels(paths: list[Path], lang: str) -> dict[str, str]:
    """Source names, unique for the layer control: a shipped file's own (data/sources.toml),
    else the file's name. The overlay's name adds the countries and years it holds
    (geo.pipeline.describe_events)."""
    labels: dict[str, str] = {}
    for path in paths:
        shipped = shipped_source(path)
        label, n = get_source(shipped).name(lang) if shipped else path.name, 2
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
            scheduler: str | None = None, popup_fields=None, count: str | None = None,
            compare: str | None = None, compare_metric: str = "events",
            public_url: str | None = None) -> Options:
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
    count = _count(count, engine)
    _choose("compare-metric", compare_metric, COMPARE_METRICS)
    windows = parse_compare(compare) if compare else None
    if windows and engine == "dask":
        raise ConfigError("--compare needs every event in one process; drop --engine dask, or "
                          "filter the files (--since, --until, --country) to fit one machine")
    if scheduler and engine != "dask":
        raise ConfigError("--scheduler needs --engine dask")
    paths = list(dict.fromkeys(as_location(p) for p in events or ()))  # each file once
    labels = None
    urls = [str(p) for p in paths if is_url(p)]
    if urls and engine != "dask":
        raise ConfigError(f"--events {urls[0]}: URLs (object storage) are read by --engine dask; "
                          "add --engine dask, or download the file and give its path")
    if engine == "dask" and paths:  # directories and globs of partitions: one overlay each
        from geo.engine_dask import expand_inputs

        labels = {str(f): basename(p) for p in paths for f in expand_inputs([p])}
        paths = [as_location(f) for f in labels]
    since, until, defaults = _window(since, until, shipped=not paths)
    paths = paths or [s.path for s in SHIPPED_EVENTS]
    countries = tuple(dict.fromkeys(country_from_user(c) for c in _as_list(country)))
    actor = str(actor).strip() if actor is not None else ""
    filters = Filters(since=since, until=until, event_types=_event_types(event_type),
                      countries=countries, actor=actor or None, defaults=defaults,
                      districts=resolve_districts(_as_list(district)) if _as_list(district) else ())
    filters.check()
    return Options(tuple(paths), labels or _labels(paths, lang), format, filters, tuple(wanted), basemap,
                   title, band, lang, engine, scheduler, _popup_fields(popup_fields), count,
                   windows, compare_metric, _public_url(public_url))


def _count(value: str | None, engine: str) -> str:
    """--count: incidents by default; the dask engine counts reports, since matching ACLED's and
    UCDP's reports of one incident needs every report of a region and month in one partition."""
    if value is not None:
        _choose("count", value, COUNTS)
    if engine != "dask":
        return value or "incidents"
    if value == "incidents":
        raise ConfigError("--count incidents needs every report in one process; --engine dask counts "
                          "reports: drop --count, or drop --engine dask to match ACLED and UCDP reports")
    return "reports"


def _public_url(value) -> str | None:
    """--public-url: an http(s) address, without a #view (the page adds the reader's own)."""
    if value is None or value == "":
        return None
    text = str(value).strip()
    if not re.fullmatch(r"https?://[^\s/#?]+[^\s#]*", text):
        raise ConfigError(f"--public-url {value!r} is not an http(s) address; give where the page "
                          "will be published, e.g. https://example.org/maps/mali.html")
    return text


def _popup_fields(value) -> tuple[str, ...] | None:
    """--popup-fields: None (the default list), () for `none`, else the source column names."""
    if value is None:
        return None
    names = _as_list(value)
    if [n.casefold() for n in names] == ["none"]:
        return ()
    bad = [n for n in names if not n or "," in n]
    if bad or not names:
        raise ConfigError(f"--popup-fields {value!r}: give source column names separated by commas "
                          "(e.g. civilian_targeting,admin2,tags), or none")
    return names


def _prepare(opts: Options, say=None, joined: Path | None = None) -> Prepared:
    if opts.engine == "dask":
        from geo.engine_dask import prepare_with_dask

        return prepare_with_dask(opts.events, scheduler=opts.scheduler, fmt=opts.format,
                                 filters=opts.filters, border_band_km=opts.border_band_km,
                                 joined=joined, progress=say)
    prepared = prepare_events(opts.events, fmt=opts.format, filters=opts.filters,
                              border_band_km=opts.border_band_km, progress=say, count=opts.count)
    if opts.compare:
        prepared.summary["compare"] = compare_summary(prepared.events, prepared.layers.admin1,
                                                      prepared.layers.admin2, opts.compare, opts.compare_metric)
    return prepared


def _event_sets(prepared: Prepared, opts: Options) -> list[EventSet]:
    """One overlay per input file that kept events, named by what it holds."""
    files: dict[str, list[str]] = {}  # a label may cover several files (dask partitions)
    for path, label in opts.labels.items():
        files.setdefault(label, []).append(path)
    frames = [(label, _with_uncounted_reports(prepared.events if len(files) == 1 else
                                              prepared.events[prepared.events["source_file"].isin(paths)],
                                              prepared, paths))
              for label, paths in files.items()]
    named = catalogue(opts.lang)["layer.events_file"]
    # a link names each set by its source id, or its first file's name, in every language
    keys = {label: shipped_source(paths[0]) or Path(paths[0]).stem for label, paths in files.items()}
    frames = [(label, frame) for label, frame in frames if len(frame)]
    # where each dataset ends, said on every view when they end in different months
    ends = [frame["event_date"].max() for _, frame in frames]
    if prepared.counts is not None and len(prepared.counts):
        ends.append(prepared.counts["month"].max())
    apart = len({(e.year, e.month) for e in ends}) > 1
    month = lambda day: f"{month_abbr(opts.lang, day.month)} {day.year}"  # noqa: E731
    return [EventSet(describe_events(label, frame, named)
                     + (f" ({t(opts.lang, 'layer.coverage', month=month(end))})" if apart else ""),
                     frame, source=label,
                     ends=month(end) if apart else "", key=keys[label])
            for (label, frame), end in zip(frames, ends, strict=False)]


def _with_uncounted_reports(frame, prepared: Prepared, paths: list[str]):
    """Counting incidents, a file's events overlay also carries its reports left uncounted,
    flagged `secondary`: the page hides them until its reader counts reports (filters.js)."""
    extra = prepared.uncounted_reports
    extra = None if extra is None else extra[extra["source_file"].isin(paths)]
    if extra is None or not len(extra):
        return frame
    return pd.concat([frame.assign(secondary=False), extra.assign(secondary=True)], ignore_index=True)


def _compose(prepared: Prepared, opts: Options, annotations: Annotations | None = None):
    event_sets = _event_sets(prepared, opts)
    return compose_map(prepared, event_sets, layers=opts.layers, basemap=opts.basemap,
                       popup_fields=opts.popup_fields,
                       title=opts.title, lang=opts.lang, public_url=opts.public_url,
                       annotations=annotations)


def _theme(path):
    """--theme: a figures.theme.Theme, or None for the default (matplotlib loads only if asked)."""
    if not path:
        return None
    from figures.theme import load_theme

    return load_theme(path)


def _annotations(path, prepared: Prepared, say) -> Annotations | None:
    """--annotations: read against this run's events (a `place` may be an event id); the
    summary counts its rows, and bad rows join the rejects file."""
    if not path:
        return None
    annotations = load_annotations(path, prepared.events)
    prepared.summary["annotations"] = annotations.summary()
    if len(annotations.rejects):
        say(f"{len(annotations.rejects)} of {annotations.summary()['read']} annotation rows rejected "
            f"(first: row {annotations.rejects['source_row'].iloc[0]}: {annotations.rejects['reason'].iloc[0]}); "
            "see the rejects file")
    return annotations


def _check_keywords(kwargs: dict, known: Sequence[str] | None = None, caller: str = "build") -> None:
    known = list(known or [name for name in inspect.signature(options).parameters if name != "events"])
    for name in kwargs:
        if name not in known:
            close = difflib.get_close_matches(name, known, n=1, cutoff=0.5)
            hint = f"did you mean {close[0]!r}? " if close else ""
            raise ConfigError(f"{caller}(): unknown option {name!r}; {hint}the options are the CLI's "
                              f"flags with _ for -: {', '.join(known)}")


def build(events: Sequence[str | Path] | None = None, **kwargs):
    """Python API (e.g. in Jupyter): build and return the folium.Map.

    Keywords are the CLI's options: format, since, until, event_type, country, actor, layers,
    basemap, title, border_band_km, lang, engine, scheduler, popup_fields, public_url. Lists may
    be given as "A,B" or as sequences. The same inputs give the same events as the CLI; a wrong keyword raises
    ConfigError naming the right one (`countries=` -> "did you mean country?").

    >>> import build_map
    >>> m = build_map.build(["acled.csv"], since="2020-01-01", country="MLI,BFA")  # doctest: +SKIP
    """
    _check_keywords(kwargs)
    opts = options(events, **kwargs)
    return _compose(_prepare(opts), opts)


def write(events: Sequence[str | Path] | None = None, **kwargs) -> dict:
    """Python API: build the map and write the outputs asked for, as the CLI does (all or
    nothing); returns the summary. Keywords are the CLI's flags with _ for -: every option of
    `build`, each output of outputs.py (`out`, `joined`, `figure`, `report`, ...) and the figure
    options (`figure_width_mm`, `figure_dpi`, `period`, `view`). Progress is quiet unless quiet=False.

    >>> build_map.write(["acled.csv"], country="MLI", out="map.html", joined="j.parquet",
    ...                 figure="map.pdf")  # doctest: +SKIP
    """
    args = parse_args([])
    known = [name for name in vars(args) if name not in ("events", "list_actors")]
    _check_keywords(kwargs, known, caller="write")
    args.quiet = True
    for name, value in kwargs.items():
        if name in output_keys() and value is not None:
            try:
                value = get_output(name).check(str(value))
            except argparse.ArgumentTypeError as exc:
                raise ConfigError(f"{get_output(name).flags[0]} {exc}") from None
        setattr(args, name, value)
    args.events = [str(e) for e in events] if events else None
    return run(args)


class _OneLineParser(argparse.ArgumentParser):
    """A bad option exits 2 with one line naming it and the fix, not a usage block."""

    def error(self, message: str):
        self.exit(2, f"error: {message} (see {self.prog} --help)\n")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = _OneLineParser(
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
    source.add_argument("--count", choices=COUNTS, default=None,
                        help="with ACLED and UCDP files together: count (and draw) each incident "
                              "once, matching the two sources' reports of it (default), or count "
                              "every report (what --engine dask does)")
    filters.add_argument("--list-actors", action="store_true",
                         help="print the actor groups with their event counts, and the most "
                              "frequent actors in no group, for these files and filters; write nothing")
    outputs = parser.add_argument_group("outputs (written all-or-nothing; outputs.py)")
    for spec in OUTPUTS:
        outputs.add_argument(*spec.flags, dest=spec.key, type=spec.check, metavar=spec.metavar,
                             help=spec.help, default=DEFAULT_OUT if spec.key == "out" else None)
    _add_figure_options(parser.add_argument_group("figure options (--figure, --chart, --small-multiples, --report)"))
    look = parser.add_argument_group("map")
    look.add_argument("--compare", metavar="A_START..A_END,B_START..B_END",
                      help="what changed between two periods: a diverging choropleth of the change "
                           "per region (overlay 'What changed') and the largest changes per region and "
                           "district in the summary, e.g. 2019-08-18..2020-08-17,2020-08-18..2021-08-17")
    look.add_argument("--compare-metric", choices=COMPARE_METRICS, default="events",
                      help="what --compare colours: events (default), killed, or density (events per "
                           "10,000 km²)")
    look.add_argument("--layers", metavar="NAME[,NAME]",
                      help="overlays to build (default: all): " + ",".join(overlay_keys()))
    look.add_argument("--basemap", choices=tuple(BASEMAPS), default="positron",
                      help="base map shown first (default: positron)")
    look.add_argument("--title", help="map title")
    look.add_argument("--public-url", metavar="URL",
                      help="the address the page will be published at: Share links and embed code use it")
    look.add_argument("--popup-fields", metavar="COLUMN[,COLUMN]|none",
                      help="source columns shown in event popups, under their source names "
                           "(default: civilian_targeting,admin2,admin3,adm_2,tags, those the files "
                           "have); none: no source columns and no notes text in the page "
                           "(README, 'Publishing ACLED-based maps')")
    look.add_argument("--lang", choices=languages(), default=DEFAULT_LANG,
                      help="language of the map's interface; the data stay as written (default: en)")
    look.add_argument("--border-band-km", default=DEFAULT_BAND_KM, metavar="KM",
                      help="width of the Algeria-Mali border band (default: 100)")
    engine = parser.add_argument_group("engine (for inputs that outgrow one machine)")
    engine.add_argument("--engine", choices=ENGINES, default="pandas",
                        help="pandas (default): one process; dask: the files, directories or "
                             "globs given to --events (paths or s3://, gs://, abfs://, http(s):// "
                             "URLs), large files split, on a dask.distributed cluster; --joined "
                             "becomes a directory (or URL) of GeoParquet partitions")
    engine.add_argument("--scheduler", metavar="ADDRESS",
                        help="with --engine dask: an existing cluster's scheduler, e.g. "
                             "tcp://10.0.0.5:8786 (default: a LocalCluster, one worker per core)")
    parser.add_argument("--quiet", action="store_true", help="no progress messages on stderr")
    return parser.parse_args(argv)


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


def _add_figure_options(group) -> None:
    group.add_argument("--figure-width-mm", type=_width_mm, default=160.0, metavar="MM",
                       help="printed width of the figures (default: 160, a report column); "
                            "text is 8 pt and the credit line 6.5 pt at any width")
    group.add_argument("--figure-dpi", type=_dpi, default=200, metavar="DPI",
                       help="resolution of PNG figures (default: 200)")
    group.add_argument("--period", choices=("year", "month"), default="year",
                       help="period of --chart and --small-multiples (default: year)")
    group.add_argument("--view", choices=FIGURE_VIEWS, default=FIGURE_VIEWS[0],
                       help="what --figure draws: map (events, zones and borders; default) or "
                            "dominance (who dominates where: H3 hexagons by the leading actor side)")
    group.add_argument("--extent", metavar="FRAME|W,S,E,N", default=DATA_FRAME,
                       help="frame of --figure and --small-multiples: data (the events and the zones "
                            f"they fall in; default), a frame of data/frames.toml ({', '.join(frame_names()[1:])}) "
                            "or west,south,east,north in degrees")
    group.add_argument("--annotations", metavar="FILE",
                       help="CSV (UTF-8, header row) of labels for the figures, the report and the map: "
                            "label, and longitude,latitude or place (a gazetteer name or an event id) "
                            "or date (a line on the chart); optional leader (yes/no) and side "
                            "(left/right/above/below). Bad rows go to the rejects file")
    group.add_argument("--theme", metavar="FILE",
                       help="house style of the figures (TOML): fonts, sizes, event-type palette, zone "
                            "colours, background; e.g. data/themes/greyscale.toml (default: "
                            "data/themes/default.toml, the map's colours)")


def _options_from_args(args: argparse.Namespace) -> Options:
    return options(args.events, format=args.format, since=args.since, until=args.until,
                   event_type=args.event_type, country=args.country, actor=args.actor,
                   district=args.district,
                   layers=args.layers, basemap=args.basemap, title=args.title,
                   border_band_km=args.border_band_km, lang=args.lang, engine=args.engine,
                   scheduler=args.scheduler, popup_fields=args.popup_fields, count=args.count,
                   compare=args.compare, compare_metric=args.compare_metric, public_url=args.public_url)


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
    parse_extent(args.extent)  # a bad frame or theme fails before the events are read
    theme = _theme(args.theme)
    if args.joined and is_url(args.joined) and opts.engine != "dask":
        raise ConfigError(f"--joined {args.joined}: URLs (object storage) are written by "
                          "--engine dask; add --engine dask, or give a local path")
    prepared = _prepare(opts, say, args.joined)
    if args.list_actors:
        sys.stdout.write(actor_table(prepared.events))
        return prepared.summary
    wanted = {spec.key: path for spec in OUTPUTS
              if (path := getattr(args, spec.key, None) or (spec.default and spec.default(args.out)))}
    annotations = _annotations(args.annotations, prepared, say)
    ctx = RunOutputs(prepared, opts, width_mm=args.figure_width_mm, dpi=args.figure_dpi,
                     period=args.period, view=args.view, extent=parse_extent(args.extent), annotations=annotations,
                     theme=theme, say=say, timings=dict(prepared.timings))
    check_sampled(ctx, wanted)
    # under --engine dask the workers have written these already, in partitions
    specs = [spec for spec in OUTPUTS if spec.key in wanted
             and not (spec.written_by_workers and opts.engine == "dask")]
    summary = prepared.summary
    summary["outputs"] = {("html" if key == "out" else key): str(path) for key, path in wanted.items()}
    with StagedOutputs() as staged, ThreadPoolExecutor(1) as background:
        # Arrow writes the tables without the GIL while the map is built: both cores work
        # ("write" is then the time left after the build); the build only reads the tables
        tables = [background.submit(spec.write, ctx, wanted[spec.key], staged)
                  for spec in specs if spec.background]
        mark = time.perf_counter()
        say("building the map")
        ctx.html = render_html(_compose(prepared, opts, annotations))
        ctx.timings["build"] = time.perf_counter() - mark
        ctx.write_started = time.perf_counter()
        summary["outputs"]["html_bytes"] = len(ctx.html.encode("utf-8"))
        for spec in specs:
            if spec.key == "summary":  # last: it reports the others' timings
                for table in tables:
                    table.result()
            if not spec.background:
                spec.write(ctx, wanted[spec.key], staged)
    counts = summary["events"]
    say(f"wrote {args.out} ({summary['outputs']['html_bytes'] / 1e6:.1f} MB): {counts['accepted']:,} events, "
        f"{counts['rejected']:,} rejected (see {wanted['rejects']}), {counts['filtered_out']:,} filtered out")
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
