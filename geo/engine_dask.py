"""`--engine dask`: the same read -> validate -> join, one partition per input file, on a
dask.distributed cluster (a LocalCluster by default, or an existing scheduler).

Each partition runs the pandas path itself (`geo.pipeline.prepare_events` on one file): there
is no second implementation of reading, validation, the join or the filters. A worker writes
its joined partition straight to GeoParquet and returns only what the driver needs: the
partition's summary and rejects, and either its events (small runs) or a page extract
(`PageExtract`: counts per grid cell, type and month, the deadliest events and a sample), so
the driver's memory stays bounded whatever the number of events.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import glob
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from geo.errors import InputError
from geo.events import PARQUET_SUFFIXES
from geo.io import write_geoparquet
from geo.pipeline import DEFAULT_BAND_KM, Filters, Prepared, load_join_layers, prepare_events

__all__ = ["PAGE_EVENT_LIMIT", "expand_inputs", "cluster", "prepare_with_dask",
           "prepare_partitioned", "merge_summaries", "write_partitioned"]

PAGE_EVENT_LIMIT = 2_000_000  # above this many events the page carries aggregates (see geo/page_extract.py)
PART_SUFFIXES = (*sorted(PARQUET_SUFFIXES), ".csv")
Progress = Callable[[str], None]


def expand_inputs(inputs: Sequence[str | Path]) -> list[Path]:
    """Every partition file named by the inputs: a directory (its .parquet/.geoparquet/.pq/.csv
    files, sorted), a glob, or a file. Each file is one partition."""
    files: list[Path] = []
    for item in map(str, inputs):
        if Path(item).is_dir():
            found = sorted(p for p in Path(item).iterdir()
                           if p.suffix.lower() in PART_SUFFIXES and not p.name.startswith("."))
        elif any(ch in item for ch in "*?["):
            found = sorted(Path(p) for p in glob.glob(item) if Path(p).is_file())
        else:
            found = [Path(item)]
        if not found:
            raise InputError(f"{item}: no partition files (.parquet, .geoparquet, .pq or .csv) "
                             "found; point --events at a directory or glob of event files")
        files.extend(found)
    return list(dict.fromkeys(files))


@contextlib.contextmanager
def cluster(scheduler: str | None = None, *, processes: bool = True,
            n_workers: int | None = None) -> Iterator:
    """A dask.distributed Client: on `scheduler` (an address such as tcp://host:8786), else on a
    LocalCluster with one single-threaded worker per core (pandas work holds the GIL)."""
    from distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    workers = n_workers or max(1, os.cpu_count() or 1)
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=processes,
                      dashboard_address=None) as local, Client(local) as client:
        yield client


def prepare_with_dask(paths: Sequence[Path], *, scheduler: str | None = None, fmt: str = "auto",
                      filters: Filters | None = None, border_band_km: float = DEFAULT_BAND_KM,
                      joined: Path | None = None, today: dt.date | None = None,
                      page_event_limit: int = PAGE_EVENT_LIMIT,
                      progress: Progress | None = None) -> Prepared:
    """Everything `--engine dask` does before the map: partitions on the cluster, the joined
    partitions written to `joined` (a directory, swapped in atomically), the page extract
    merged when there are too many events for the page."""
    say = progress or (lambda message: None)
    filters = filters or Filters()
    started = time.perf_counter()
    with cluster(scheduler) as client:
        say(f"dask: {'scheduler ' + scheduler if scheduler else 'a LocalCluster'}")
        out: dict = {}

        def run(joined_dir: str | None = None) -> None:
            out["result"] = prepare_partitioned(paths, client, fmt=fmt, filters=filters,
                                                border_band_km=border_band_km, today=today,
                                                joined_dir=joined_dir,
                                                page_event_limit=page_event_limit, progress=say)

        if joined:
            write_partitioned(Path(joined), run)
        else:
            run()
    prepared, extracts = out["result"]
    if extracts:
        from geo.page_extract import merge_extracts

        prepared.page_extract = merge_extracts(extracts, prepared.summary["events"]["accepted"])
        prepared.events = prepared.page_extract.events
    prepared.timings = {"partitions": time.perf_counter() - started}
    return prepared


@dataclass
class PartResult:
    summary: dict
    rejects: pd.DataFrame
    events: pd.DataFrame | None   # the joined, filtered events (small runs only)
    extract: object | None        # geo.page_extract.PageExtract (large runs)


def _run_part(path: str, index: int, fmt: str, filters: Filters, border_band_km: float,
              today: dt.date, joined_dir: str | None, keep_events: bool,
              sample_rate: float) -> PartResult:
    prepared = prepare_events([path], fmt=fmt, filters=filters, border_band_km=border_band_km,
                              today=today)
    if joined_dir:
        write_geoparquet(prepared.events, Path(joined_dir) / f"part.{index:05d}.parquet")
    extract = None
    if not keep_events:
        from geo.page_extract import page_extract

        extract = page_extract(prepared.events, sample_rate)
    return PartResult(prepared.summary, prepared.rejects,
                      prepared.events if keep_events else None, extract)


def prepare_partitioned(paths: Sequence[Path], client, *, fmt: str = "auto",
                        filters: Filters | None = None, border_band_km: float = DEFAULT_BAND_KM,
                        today: dt.date | None = None, joined_dir: str | None = None,
                        page_event_limit: int = PAGE_EVENT_LIMIT,
                        progress: Progress | None = None) -> tuple[Prepared, list]:
    """Run every partition on the cluster; merge the summaries in input order.

    Returns the Prepared (its events are all events if there are at most `page_event_limit`,
    else the empty frame) and the page extracts (empty unless the limit was passed). Joined
    partitions are written to `joined_dir` (part.00000.parquet, ...) when given."""
    say = progress or (lambda message: None)
    filters = filters or Filters()
    filters.check()
    today = today or dt.date.today()
    from geo.page_extract import SAMPLE_EVENTS

    guess = _rows_guess(paths)
    keep_events = guess <= page_event_limit
    sample_rate = min(1.0, SAMPLE_EVENTS / max(guess, 1))
    say(f"{len(paths)} partition(s) on {len(client.scheduler_info().get('workers', {}))} "
        f"worker(s); the page gets {'every event' if keep_events else 'aggregates'}")
    futures = [client.submit(_run_part, str(p), i, fmt, filters, border_band_km, today,
                             joined_dir, keep_events, sample_rate, pure=False)
               for i, p in enumerate(paths)]
    results: list[PartResult] = []
    for i, future in enumerate(futures):  # in input order: the merge is deterministic
        results.append(future.result())
        future.release()
        say(f"  partition {i + 1}/{len(paths)} done")
    if joined_dir:
        _unify_parts(Path(joined_dir), results)
    summary = merge_summaries([r.summary for r in results])
    if keep_events and summary["events"]["accepted"] > page_event_limit:
        keep_events = False  # the guess from file sizes was low: build the extracts here
        from geo.page_extract import page_extract

        sample_rate = SAMPLE_EVENTS / summary["events"]["accepted"]
        for r in results:
            r.extract, r.events = page_extract(r.events, sample_rate), None
    frames = [r.events for r in results if r.events is not None and len(r.events)]
    empty = results[0].events.iloc[0:0] if keep_events else _empty_events()
    events = pd.concat(frames, ignore_index=True) if frames else empty
    reject_frames = [r.rejects for r in results if len(r.rejects)]
    rejects = (pd.concat(reject_frames, ignore_index=True) if reject_frames
               else results[0].rejects.iloc[0:0])
    prepared = Prepared(events, rejects, summary, load_join_layers(border_band_km))
    return prepared, [r.extract for r in results if r.extract is not None]


def _unify_parts(joined_dir: Path, results: list) -> None:
    """Every input's own columns travel (geo.events), so partitions of different formats have
    different columns. Rewrite those that lack some (as nulls) so that the partitions share
    one schema, in the column order the pandas engine gives; partitions of one format (the
    usual case) are left untouched."""
    import geopandas as gpd

    from geo.join import JOIN_ORDER
    from geo.schema import CANONICAL_COLUMNS

    per_part = [[c for i in r.summary.get("inputs", []) for c in i.get("source_columns", [])]
                for r in results]
    union = list(dict.fromkeys(c for columns in per_part for c in columns))
    if all(columns == union for columns in per_part):
        return
    order = [*CANONICAL_COLUMNS, *JOIN_ORDER, *union]
    for index, columns in enumerate(per_part):
        path = joined_dir / f"part.{index:05d}.parquet"
        if columns == union or not path.exists():
            continue
        frame = gpd.read_parquet(path)
        for column in union:
            if column not in frame.columns:
                frame[column] = pd.Series(pd.NA, index=frame.index, dtype="str")
        frame[[*order, frame.geometry.name]].to_parquet(path, index=False, compression="zstd")


def _empty_events() -> pd.DataFrame:
    from geo.join import JOIN_ORDER
    from geo.schema import CANONICAL_COLUMNS

    return pd.DataFrame(columns=[*CANONICAL_COLUMNS, *JOIN_ORDER])


def _rows_guess(paths: Sequence[Path]) -> int:
    """Events in the inputs, before reading them: Parquet footers, or CSV bytes / 1000 (low
    rather than high: a low guess only costs the driver the memory of the events)."""
    import pyarrow.parquet as pq

    rows = 0
    for path in paths:
        if path.suffix.lower() in PARQUET_SUFFIXES:
            with contextlib.suppress(Exception):  # a broken file is reported by its partition
                rows += pq.read_metadata(path).num_rows
                continue
        rows += path.stat().st_size // 1000 if path.exists() else 0  # rows are 300-1000 B
    return rows


# --- merging partition summaries ------------------------------------------------------------

def merge_summaries(parts: Sequence[dict]) -> dict:
    """One summary from the partitions' summaries, as prepare_events would give for all files:
    counts (integers) add up, count tables take the union of their keys (sorted where the parts' keys
    are sorted), date_range spans them all, `inputs` lists every file in order; settings
    (filters, border_band_km) are the same in every part."""
    merged = _merge([dict(p) for p in parts])
    merged["inputs"] = [entry for p in parts for entry in p.get("inputs", [])]
    ranges = [p["date_range"] for p in parts if p.get("date_range")]
    merged["date_range"] = [min(r[0] for r in ranges), max(r[1] for r in ranges)] if ranges else []
    return merged


def _merge(values: list):
    first = values[0]
    if isinstance(first, bool) or not isinstance(first, (int, dict)):
        return first  # settings (text, floats such as the band width) and lists (see above)
    if isinstance(first, int):
        return sum(values)  # counts
    keys = list(dict.fromkeys(k for v in values for k in v))
    if all(list(v) == sorted(v) for v in values):
        keys.sort()
    return {k: _merge([v[k] for v in values if k in v]) for k in keys}


# --- the joined output ----------------------------------------------------------------------

def write_partitioned(target: Path, write: Callable[[str], None]) -> None:
    """Write a directory of partitions atomically: into a temporary directory beside `target`,
    then swap it in (an existing `target` directory is replaced only after success)."""
    target = Path(target)
    if target.suffix.lower() == ".csv":
        raise InputError(f"--joined {target}: the dask engine writes partitioned GeoParquet, a "
                         "directory; give a directory name (e.g. out/joined.parquet)")
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        write(staging)
        old = None
        if target.exists():
            old = tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=target.parent)
            os.replace(target, Path(old) / "previous")
        os.replace(staging, target)
        if old:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
