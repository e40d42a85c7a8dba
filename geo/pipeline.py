"""From event files to joined, filtered events plus rejects and a summary. No folium here."""

from __future__ import annotations

import datetime as dt
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pandas as pd

from geo.actors import ActorSelection, actor_columns, resolve_actor
from geo.boundaries import load_layer
from geo.counts import COUNTS_COLUMNS, counts_summary, filter_counts, join_counts
from geo.errors import ConfigError
from geo.events import load_events, refuse_all_rejected
from geo.incidents import COUNTS, count_once, secondary_reports
from geo.join import JoinLayers, aggregate, join_events, own_geometries
from geo.periods import zone_period_counts
from geo.schema import CANONICAL_COLUMNS, EVENT_TYPES
from geo.zones import border_band, load_zone_config, zone_of_region

__all__ = ["Filters", "Prepared", "prepare_events", "load_join_layers", "file_report", "DEFAULT_BAND_KM",
           "describe_events"]

DEFAULT_BAND_KM = 100.0
Progress = Callable[[str], None]


@dataclass(frozen=True)
class Filters:
    since: dt.date | None = None
    until: dt.date | None = None
    event_types: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()  # ISO3, matched against the polygon join
    actor: str | None = None          # a group of data/actors.toml or one exact actor name, any case
    districts: tuple[str, ...] = ()   # district P-codes (geo.districts.resolve_districts)
    defaults: frozenset[str] = frozenset()  # which of since/until came from the default window

    def check(self) -> None:
        unknown = [t for t in self.event_types if t not in EVENT_TYPES]
        if unknown:
            raise ConfigError(f"--event-type {', '.join(map(repr, unknown))} is not an ACLED "
                              f"event type; choose from: {', '.join(EVENT_TYPES)}")
        if self.since and self.until and self.since > self.until:
            fix = ("set --until too" if "until" in self.defaults else
                   "set --since too" if "since" in self.defaults else "swap them")
            raise ConfigError(f"{self.flag('since')} is after {self.flag('until')}; {fix}")

    def flag(self, bound: str) -> str:
        """'--since 2012-01-01' or '--since 2012-01-01 (the default)'."""
        return f"--{bound} {getattr(self, bound)}" + (" (the default)" if bound in self.defaults else "")

    def as_dict(self) -> dict:
        return {"since": str(self.since or ""), "until": str(self.until or ""),
                "event_types": list(self.event_types), "countries": list(self.countries),
                "actor": self.actor or "", **({"districts": list(self.districts)} if self.districts else {}),
                "window_from": {b: ("default" if b in self.defaults else "user" if getattr(self, b)
                                    else "none") for b in ("since", "until")}}


@dataclass
class Prepared:
    events: pd.DataFrame
    rejects: pd.DataFrame
    summary: dict
    layers: JoinLayers
    timings: dict = field(default_factory=dict)
    # --engine dask above its event limit: the page's aggregates, sample and deadliest events
    # (geo.page_extract.PageExtract); `events` then holds only the sample and the deadliest
    page_extract: object | None = None
    # tables of counts (geo/counts.py): rows of district x month, joined and filtered; None
    # when no input was one
    counts: pd.DataFrame | None = None
    # ACLED and UCDP loaded together (geo.incidents): every accepted report with its
    # `incident`, for --joined; `events` then holds what is counted (one row per incident)
    reports: pd.DataFrame | None = None

    @property
    def joined_rows(self) -> pd.DataFrame:
        """Every accepted report: what --joined writes."""
        return self.events if self.reports is None else self.reports

    @property
    def uncounted_reports(self) -> pd.DataFrame | None:
        """Counting incidents: the reports left out of `events` (each incident's secondary, with
        its primary's fields), which the page counts when its reader asks for reports; else None."""
        if self.reports is None or self.summary.get("incidents", {}).get("counted") != "incidents":
            return None
        return secondary_reports(self.reports)


@cache
def load_join_layers(border_band_km: float = DEFAULT_BAND_KM) -> JoinLayers:
    """The layers every join needs (cached: they are read-only once loaded)."""
    admin1 = load_layer("admin1_regions")
    border = load_layer("algeria_mali_border")
    if border_band_km == DEFAULT_BAND_KM:
        band = load_layer("border_band")
    else:
        band = border_band(load_layer("mali_regions"), border, border_band_km)
    return JoinLayers(admin1=admin1, countries=load_layer("countries"), border=border,
                      band=band, zones=load_zone_config(admin1),
                      admin2=load_layer("admin2_districts"), admin3=load_layer("admin3_communes"))


def _filter_steps(events: pd.DataFrame, filters: Filters,
                  actor: ActorSelection | None) -> list[tuple[str, pd.Series]]:
    """(the filter in the user's words, rows it keeps), in the order the flags are listed."""
    steps = []
    if filters.since:
        steps.append((filters.flag("since"), events["event_date"] >= pd.Timestamp(filters.since)))
    if filters.until:
        steps.append((filters.flag("until"), events["event_date"] <= pd.Timestamp(filters.until)))
    if filters.event_types:
        steps.append((f"--event-type {','.join(filters.event_types)}",
                      events["event_type"].isin(filters.event_types)))
    if filters.countries:
        steps.append((f"--country {','.join(filters.countries)}",
                      events["country_iso3"].isin(filters.countries)))
    if filters.districts:
        steps.append((f"--district {','.join(filters.districts)}",
                      events["district_pcode"].isin(filters.districts)))
    if actor is not None:
        steps.append((f"--actor {actor.value!r}" + (f" (group {actor.group.id})" if actor.group else ""),
                      pd.Series(actor.rows(events), index=events.index)))
    return steps


def _resolve_actor(events: pd.DataFrame, filters: Filters) -> ActorSelection | None:
    if not filters.actor:
        return None
    names = pd.unique(pd.concat(list(actor_columns(events).values()), ignore_index=True).dropna())
    return resolve_actor(filters.actor, names)


def _apply_filters(events: pd.DataFrame, filters: Filters, actor: ActorSelection | None) -> pd.Series:
    keep = pd.Series(True, index=events.index)
    for _, kept in _filter_steps(events, filters, actor):
        keep &= kept
    return keep


def _why_empty(events: pd.DataFrame, filters: Filters, actor: ActorSelection | None) -> str:
    """Name the filter that removed the last events, applying them one by one."""
    keep = pd.Series(True, index=events.index)
    left_by, passed = f"the {len(events):,} valid events", []
    for flag, kept in _filter_steps(events, filters, actor):
        after = keep & kept
        if not after.any():
            hint = ""
            if flag.startswith(("--since", "--until")):
                hint = (f"; the events left run from {events.loc[keep, 'event_date'].min():%Y-%m-%d} "
                        f"to {events.loc[keep, 'event_date'].max():%Y-%m-%d}")
            elif flag.startswith("--country"):
                found = sorted(c for c in events.loc[keep, "country_iso3"].unique() if c)
                hint = f"; the events left are in {', '.join(found)}"
            elif flag.startswith("--district"):
                found = sorted(c for c in events.loc[keep, "district"].unique() if c)
                hint = f"; the events left are in {len(found)} districts, e.g. {', '.join(found[:5])}"
            elif flag.startswith("--event-type"):
                hint = f"; the events left are {', '.join(sorted(events.loc[keep, 'event_type'].unique()))}"
            return f"the filters leave no events: {flag} keeps none of {left_by}{hint}"
        keep, passed = after, [*passed, flag]
        left_by = f"the {int(after.sum()):,} events that pass {', '.join(passed)}"
    return "the filters leave no events"


def describe_events(source: str, events: pd.DataFrame, named: str = "Events: {name}") -> str:
    """An events overlay's name from what it holds: 'Events: UCDP GED · BFA, NER · 2019–2020'.

    Countries are the ISO3 codes of the joined rows (at most the nine we map); years run from
    the first event to the last; `named` words the source in the map's language. Pure: the
    same frame gives the same name.
    """
    label = named.format(name=source)
    if not len(events):
        return f"{label} · –"
    where = ", ".join(sorted(c for c in events["country_iso3"].unique() if isinstance(c, str) and c))
    first, last = events["event_date"].min().year, events["event_date"].max().year
    years = f"{first}" if first == last else f"{first}–{last}"
    return " · ".join(p for p in (label, where, years) if p)


def file_report(info: dict, valid: int, rejected: int) -> list[str]:
    """What was read from one file, in words: layout, encoding, dates, what was mapped or skipped."""
    lines = [f"{info['layout']}: {info['rows']:,} rows, {valid:,} valid, {rejected:,} rejected"]
    if info.get("format") == "counts":  # a table of counts (geo/counts.py)
        lines = [f"{info['layout']}: {info['rows']:,} rows, {valid:,} read as counts "
                 f"({info['counts_events']:,} events, {info['counts_fatalities']:,} fatalities), "
                 f"{rejected:,} rejected"]
    details = []
    if info.get("encoding"):
        details.append(f"encoding {info['encoding']}")
    if info.get("date_styles"):
        details.append("dates " + ", ".join(f"{k} ({v:,})" for k, v in info["date_styles"].items()))
    if details:
        lines.append("; ".join(details))
    for old_new, n in info.get("mapped_types", {}).items():
        lines.append(f"mapped {n:,} × {old_new}")
    if info.get("riots_protests_unsettled"):
        lines.append(f"{info['riots_protests_unsettled']:,} Riots/Protests rows had no rioter or "
                     "protester code and were kept as Protests")
    if info.get("monadic"):
        lines.append(f"monadic export (one row per actor): merged {info['monadic_rows_merged']:,} "
                     f"rows into the {info.get('monadic_events_merged', 0):,} events they repeat; "
                     f"{info.get('monadic_ids_disagreeing', 0):,} ids whose rows disagree on date, "
                     "place or fatalities stay duplicates (rejected)")
    if info.get("hxl_tag_row_skipped"):
        lines.append("skipped the HXL hashtag row under the header (not an event)")
    if info.get("empty_header_fields_ignored"):
        lines.append(f"ignored {info['empty_header_fields_ignored']} empty header field(s) holding no data")
    if info.get("trailing_empty_field"):
        lines.append(f"every row ends with an empty field the header does not name (a trailing "
                     f"delimiter, as UCDP's web download writes): ignored on {info['trailing_empty_field']:,} rows")
    for key, what in (("sides_from_dyad_name", "side_a/side_b split from dyad_name"),
                      ("float_ids_read_as_integers", "ids written as floats (487942.0) read as integers")):
        if info.get(key):
            lines.append(f"{what}: {info[key]:,} rows")
    if info.get("source_columns"):
        shown = info["source_columns"]
        lines.append(f"{len(shown)} source column(s) travel to the joined table: "
                     + ", ".join(shown[:8]) + (", ..." if len(shown) > 8 else ""))
    for key in ("sheets_skipped", "api_pages", "api_count_differs"):
        if info.get(key):
            lines.append(f"{key.replace('_', ' ')}: {info[key]}")
    return lines


def _reason_counts(rejects: pd.DataFrame) -> dict[str, int]:
    if not len(rejects):
        return {}
    kinds = rejects["reason"].str.split("; ").explode().str.replace(r"'[^']*'", "'…'", regex=True)
    kinds = kinds.str.replace(r"row \d+", "row N", regex=True)
    return {str(k): int(v) for k, v in kinds.value_counts().sort_index().items()}


# A notebook rebuilding with other filters, and the test suite, read the same files again
# and again: the load of a small file and the join of a small set of files are kept, keyed
# by each file's path, size and modification time (0.5 s of a 3,910-event build's 1.5 s).
_REUSE_MAX_ROWS = 100_000
_REUSE_ENTRIES = 16
_reused: OrderedDict = OrderedDict()


def _file_key(path: str | Path) -> tuple | None:
    """(path, size, mtime) of a local file, or None (missing, or not a local path)."""
    try:
        stat = Path(path).stat()
    except (OSError, ValueError):
        return None
    return str(Path(path).resolve()), stat.st_size, stat.st_mtime_ns


def _reuse(key: tuple | None, make: Callable, rows: Callable):
    """make(), or what it gave for the same key before. Read-only: callers copy what they change."""
    if key is not None and key in _reused:
        _reused.move_to_end(key)
        return _reused[key]
    value = make()
    if key is not None and rows(value) <= _REUSE_MAX_ROWS:
        _reused[key] = value
        while len(_reused) > _REUSE_ENTRIES:
            _reused.popitem(last=False)
    return value


def prepare_events(paths: Sequence[str | Path], *, fmt: str = "auto", filters: Filters = Filters(),
                   border_band_km: float = DEFAULT_BAND_KM, today: dt.date | None = None,
                   progress: Progress | None = None, read=load_events,
                   part: bool = False, count: str = "incidents") -> Prepared:
    """Load, validate, join and filter events from every path; count everything. `read`
    loads one file (geo.events.load_events; the dask engine's pieces of files pass their own).
    A `part` of a larger run (a dask partition) may end up with no events: whether the run
    has none is for the caller to say.

    With ACLED and UCDP together, reports of one incident are matched (geo.incidents) and,
    with `count="incidents"` (the default), counted and drawn once; `count="reports"` counts
    every report.
    """
    say = progress or (lambda message: None)
    if count not in COUNTS:
        raise ConfigError(f"--count {count!r} is not one of: {', '.join(COUNTS)}")
    filters.check()
    timings: dict[str, float] = {}
    started = time.perf_counter()

    loaded = []
    with ThreadPoolExecutor(1) as background:  # GDAL reads the layers while Arrow reads events
        layers_read = background.submit(load_join_layers, border_band_km)
        for path in paths:
            say(f"reading {path}")
            file_key = _file_key(path) if read is load_events else None  # a dask piece: never
            result = _reuse(file_key and ("load", file_key, fmt, today),
                            lambda path=path: read(path, fmt, today=today),
                            lambda r: len(r.events) + len(r.rejects) + (len(r.counts.parsed) if r.counts else 0))
            valid = len(result.counts.parsed) if result.counts is not None else len(result.events)
            for line in file_report(result.info, valid, len(result.rejects)):
                say("  " + line)
            empty = not len(result.counts.parsed) if result.counts is not None else not len(result.events)
            if empty and len(result.rejects) and not part:
                refuse_all_rejected(result.info.get("path", path), result.rejects)
            loaded.append(result)
        timings["read_validate"] = time.perf_counter() - started

        mark = time.perf_counter()
        say("joining to regions, zones and the Algeria–Mali border")
        # a dask partition may run beside others on the threads of one worker (dask-worker's
        # default): its join gets geometries of its own (geo.join.own_geometries)
        layers = own_geometries(layers_read.result()) if part else layers_read.result()
    counts, count_rejects, counts_info = _join_counts(loaded, layers, filters)
    typed = loaded[0].events.iloc[0:0] if loaded else pd.DataFrame(columns=list(CANONICAL_COLUMNS))
    loaded = [r for r in loaded if r.counts is None]
    frames = [r.events for r in loaded if len(r.events)]
    events = pd.concat(frames, ignore_index=True) if frames else typed
    file_keys = tuple(_file_key(path) if read is load_events else None for path in paths)
    joined = _reuse(None if None in file_keys else ("join", file_keys, fmt, today, border_band_km),
                    lambda: join_events(events, layers), len).copy(deep=False)  # ours to change
    timings["join"] = time.perf_counter() - mark

    actor = _resolve_actor(joined, filters)
    keep = _apply_filters(joined, filters, actor)
    if len(joined) and not keep.any() and not part and not (counts is not None and len(counts)):
        raise ConfigError(_why_empty(joined, filters, actor))
    kept = joined if keep.all() else joined[keep].reset_index(drop=True)  # a take copies every column
    counted, reports, incidents = count_once(kept, count)
    reject_frames = [r.rejects for r in loaded if len(r.rejects)]
    rejects = pd.concat(reject_frames, ignore_index=True) if reject_frames else pd.DataFrame(
        columns=["source_file", "source_row", "reason"])
    read = sum(r.info["rows"] for r in loaded)
    merged = sum(r.info.get("monadic_rows_merged", 0) for r in loaded)
    summary = {
        "events": {"read": read, "accepted": int(len(kept)), "rejected": int(len(rejects)),
                   "filtered_out": int((~keep).sum()),
                   # rows of ACLED's monadic export merged into the event they repeat
                   **({"merged": merged} if any(r.info.get("monadic") for r in loaded) else {})},
        **({"incidents": incidents} if incidents else {}),
        **aggregate(counted),
        "date_range": ([str(kept["event_date"].min().date()), str(kept["event_date"].max().date())]
                       if len(kept) else []),
        "by_zone_period": zone_period_counts(counted, layers),  # the zone chart's numbers
        "rejected_by_reason": _reason_counts(rejects),
        "window": {"since": str(filters.since or ""), "until": str(filters.until or ""),
                   **{f"{b}_from": v for b, v in filters.as_dict()["window_from"].items()}},
        "filters": {**filters.as_dict(),
                    **({"actor_selected": actor.describe(), "actor_names": sorted(actor.names)}
                       if actor else {})},
        "border_band_km": border_band_km,
        "inputs": [{**r.info, "accepted": int(len(r.events)), "rejected": int(len(r.rejects))}
                   for r in loaded] + counts_info.pop("inputs", []),
        **counts_info,
    }
    assert read == (summary["events"]["accepted"] + summary["events"]["rejected"]
                    + summary["events"]["filtered_out"] + merged), summary["events"]
    say(f"{len(kept):,} events kept, {len(rejects):,} rejected, {int((~keep).sum()):,} filtered out")
    if incidents:
        say(f"ACLED and UCDP: {incidents['matched_pairs']:,} incidents reported by both, "
            + ", ".join(f"{n:,} by {d} alone" for d, n in incidents["unmatched"].items())
            + f": {incidents['incidents']:,} incidents; counting {count}")
    if counts is not None:
        mapped, missed = summary["counts"]["mapped"], summary["counts"]["unmatched"]
        say(f"counts: {mapped['events']:,} events and {mapped['fatalities']:,} fatalities mapped in "
            f"{mapped['rows']:,} district-months; {missed['rows']:,} rows ({missed['events']:,} events) "
            "match no district (see the rejects file)")
    if len(count_rejects):
        rejects = pd.concat([rejects, count_rejects], ignore_index=True) if len(rejects) else count_rejects
    return Prepared(counted, rejects, summary, layers, timings, reports=reports, counts=counts)


def _join_counts(loaded: list, layers: JoinLayers, filters: Filters):
    """The tables of counts among the inputs, joined to districts and filtered; their
    rejects (unreadable rows, areas matching no district); the summary's "counts" and inputs."""
    reads = [r for r in loaded if r.counts is not None]
    if not reads:
        return None, pd.DataFrame(), {}
    refused = [flag for flag, on in (("--event-type", filters.event_types), ("--actor", filters.actor)) if on]
    if refused:
        raise ConfigError(f"{' and '.join(refused)} cannot filter {reads[0].info['path']}: a table of "
                          "counts has no event types or actors; drop the flag, or map the counts alone")
    lookup = zone_of_region(layers.zones)
    joined, unmatched, rejects, rejected = [], [], [], []
    for r in reads:
        rows, missed = join_counts(r.counts, lookup)
        joined.append(rows)
        rejects += [frame for frame in (r.rejects, missed) if len(frame)]
        rejected.append(len(r.rejects) + len(missed))
        unmatched.append(r.counts.parsed[~r.counts.parsed["source_row"].isin(rows["source_row"])])
    every = pd.concat(joined, ignore_index=True) if joined else pd.DataFrame(columns=list(COUNTS_COLUMNS))
    keep = filter_counts(every, filters.since, filters.until, filters.countries, filters.districts)
    if not keep.any() and len(reads) == len(loaded):  # nothing left to map
        raise ConfigError(f"the filters leave no counts: {reads[0].info['path']} holds months "
                          f"{every['month'].min():%Y-%m} to {every['month'].max():%Y-%m} in "
                          f"{', '.join(sorted(every['country_iso3'].unique()))}" if len(every) else
                          f"{reads[0].info['path']}: no row matches one of our districts")
    kept = every[keep].reset_index(drop=True)
    summary = counts_summary(
        [(r.info["path"], r.info["rows"], r.info["counts_events"], r.info["counts_fatalities"]) for r in reads],
        kept, every[~keep], pd.concat(unmatched, ignore_index=True),
        pd.concat([r.rejects for r in reads], ignore_index=True))
    inputs = [{**r.info, "accepted": int((kept["source_file"] == r.info["path"]).sum()), "rejected": n}
              for r, n in zip(reads, rejected, strict=True)]
    return kept, (pd.concat(rejects, ignore_index=True) if rejects else pd.DataFrame()), \
        {"counts": summary, "inputs": inputs}
