"""`--engine dask`: the same read -> validate -> join on a dask.distributed cluster (a
LocalCluster by default, or an existing scheduler), one partition per piece of the inputs: a
small file whole, a large CSV by byte ranges cut at record ends, a Parquet file by row groups
(geo/pieces.py). Inputs and --joined may be local paths or fsspec URLs (geo/storage.py).

Each partition runs the pandas path itself (`geo.pipeline.prepare_events` on one piece): there
is no second implementation of reading, validation, the join or the filters. A worker writes
its joined partition straight to GeoParquet and returns only what the driver needs: the
partition's summary and rejects, and either its events (small runs) or a page extract
(`PageExtract`: counts per grid cell, type and month, the deadliest events and a sample), so
the driver's memory stays bounded whatever the number of events. An event id that appears in
two pieces of one file (a duplicate the pandas path would reject) sends that file back to be
read whole, so the rejects are the pandas path's.
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

import numpy as np
import pandas as pd

from geo import pieces as _pieces
from geo.errors import ConfigError, InputError
from geo.events import PARQUET_SUFFIXES, load_events, refuse_all_rejected
from geo.io import write_geoparquet
from geo.pieces import Piece
from geo.pipeline import DEFAULT_BAND_KM, Filters, Prepared, load_join_layers, prepare_events
from geo.storage import basename, filesystem, is_url, join, local_copy, put

__all__ = ["PAGE_EVENT_LIMIT", "expand_inputs", "cluster", "prepare_with_dask",
           "prepare_partitioned", "merge_summaries", "write_partitioned"]

PAGE_EVENT_LIMIT = 2_000_000  # above this many events the page carries aggregates (see geo/page_extract.py)
PART_SUFFIXES = (*sorted(PARQUET_SUFFIXES), ".csv")
Progress = Callable[[str], None]


def expand_inputs(inputs: Sequence[str | Path]) -> list[str | Path]:
    """Every file named by the inputs: a directory (its .parquet/.geoparquet/.pq/.csv files,
    sorted), a glob, or a file; local paths (as Paths) or URLs (as text)."""
    files: list[str | Path] = []
    for item in map(str, inputs):
        if is_url(item):
            found = _expand_url(item)
        elif Path(item).is_dir():
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


def _expand_url(url: str) -> list[str]:
    fs, path = filesystem(url)
    if any(ch in path for ch in "*?["):
        found = fs.glob(path)
    elif not url.startswith(("http://", "https://")) and fs.isdir(path):
        found = [p for p in fs.find(path, maxdepth=1)
                 if Path(basename(p)).suffix.lower() in PART_SUFFIXES
                 and not basename(p).startswith(".")]
    else:
        return [url]
    return sorted(fs.unstrip_protocol(p) for p in found)


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
    import dask

    workers = n_workers or max(1, os.cpu_count() or 1)
    # No worker profiler: it samples sys._current_frames() every 10 ms, and on Python 3.11 a
    # garbage collection inside that call deadlocked a process whose other thread was starting
    # a thread (an in-process cluster reading s3:// hung so in the tests); we never read it.
    with dask.config.set({"distributed.worker.profile.enabled": False}), \
            LocalCluster(n_workers=workers, threads_per_worker=1, processes=processes,
                         dashboard_address=None) as local, Client(local) as client:
        yield client


def prepare_with_dask(paths: Sequence[str | Path], *, scheduler: str | None = None,
                      fmt: str = "auto", filters: Filters | None = None,
                      border_band_km: float = DEFAULT_BAND_KM, joined: str | Path | None = None,
                      today: dt.date | None = None, page_event_limit: int = PAGE_EVENT_LIMIT,
                      blocksize: int | None = None, progress: Progress | None = None) -> Prepared:
    """Everything `--engine dask` does before the map: partitions on the cluster, the joined
    partitions written to `joined` (a directory or URL prefix, swapped in when complete), the
    page extract merged when there are too many events for the page."""
    say = progress or (lambda message: None)
    filters = filters or Filters()
    started = time.perf_counter()
    with cluster(scheduler) as client:
        say(f"dask: {'scheduler ' + scheduler if scheduler else 'a LocalCluster'}")
        out: dict = {}

        def run(joined_dir: str | None = None) -> None:
            out["result"] = prepare_partitioned(paths, client, fmt=fmt, filters=filters,
                                                border_band_km=border_band_km, today=today,
                                                joined_dir=joined_dir, blocksize=blocksize,
                                                page_event_limit=page_event_limit, progress=say)

        if joined:
            write_partitioned(joined, run)
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
    id_hashes: np.ndarray | None = None  # a piece of a split file: its event ids' hashes


def _run_part(piece: Piece, index: int, fmt: str, filters: Filters, border_band_km: float,
              today: dt.date, joined_dir: str | None, keep_events: bool,
              sample_rate: float) -> PartResult:
    hashes: list[np.ndarray] = []

    def read(path, fmt, today):
        result = load_events(path, fmt, today, name=str(piece.source), first_row=piece.first_row,
                             hash_ids=not piece.whole)
        if result.id_hashes is not None:
            hashes.append(np.unique(result.id_hashes))
        return result

    with _pieces.materialise(piece) as local:
        prepared = prepare_events([local], fmt=fmt, filters=filters, part=True, count="reports",
                                  border_band_km=border_band_km, today=today, read=read)
    if joined_dir:
        with tempfile.TemporaryDirectory(prefix="sahel-map-part-") as folder:
            local_part = Path(folder) / "part.parquet"
            write_geoparquet(prepared.events, local_part)
            put(local_part, join(joined_dir, _part_name(index)))
    extract = None
    if not keep_events:
        from geo.page_extract import page_extract

        extract = page_extract(prepared.events, sample_rate)
    return PartResult(prepared.summary, prepared.rejects,
                      prepared.events if keep_events else None, extract,
                      hashes[0] if hashes else None)


def _part_name(index: int) -> str:
    return f"part.{index:05d}.parquet"


def plan_pieces(files: Sequence[str | Path], client, blocksize: int | None = None) -> list[Piece]:
    """The partitions of the inputs: a Parquet file by row groups, a CSV larger than
    `blocksize` by byte ranges cut at record ends (its blocks scanned on the cluster), any other
    file whole."""
    blocksize = blocksize or _pieces.BLOCK_BYTES
    planned: list[list[Piece] | None] = []
    scans: dict[int, tuple[int, list]] = {}
    for i, source in enumerate(map(str, files)):
        planned.append(None)
        if Path(basename(source)).suffix.lower() in PARQUET_SUFFIXES:
            planned[i] = _pieces.parquet_pieces(source, blocksize)
            continue
        with contextlib.suppress(FileNotFoundError, InputError):  # reported by its partition
            size = _pieces.file_size(source)
            if _pieces.splittable_csv(source, size, blocksize):
                scans[i] = (size, [client.submit(_pieces.scan_block, source, start,
                                                 min(start + blocksize, size), pure=False)
                                   for start in range(0, size, blocksize)])
                continue
        planned[i] = [Piece(source)]
    for i, (size, futures) in scans.items():
        planned[i] = _pieces.csv_pieces(str(files[i]), size, blocksize, client.gather(futures))
    return [piece for file_pieces in planned for piece in file_pieces]


def prepare_partitioned(paths: Sequence[str | Path], client, *, fmt: str = "auto",
                        filters: Filters | None = None, border_band_km: float = DEFAULT_BAND_KM,
                        today: dt.date | None = None, joined_dir: str | None = None,
                        page_event_limit: int = PAGE_EVENT_LIMIT, blocksize: int | None = None,
                        progress: Progress | None = None) -> tuple[Prepared, list]:
    """Run every piece of the inputs on the cluster; merge the summaries in input order.

    Returns the Prepared (its events are all events if there are at most `page_event_limit`,
    else the empty frame) and the page extracts (empty unless the limit was passed). Joined
    partitions are written to `joined_dir` (part.00000.parquet, ...) when given."""
    say = progress or (lambda message: None)
    filters = filters or Filters()
    filters.check()
    today = today or dt.date.today()
    from geo.page_extract import SAMPLE_EVENTS

    pieces = plan_pieces(paths, client, blocksize)
    guess = _rows_guess(paths)
    keep_events = guess <= page_event_limit
    sample_rate = min(1.0, SAMPLE_EVENTS / max(guess, 1))
    say(f"{len(paths)} file(s) in {len(pieces)} partition(s) on "
        f"{len(client.scheduler_info().get('workers', {}))} worker(s); the page gets "
        f"{'every event' if keep_events else 'aggregates'}")

    def submit(piece: Piece, index: int):
        return client.submit(_run_part, piece, index, fmt, filters, border_band_km, today,
                             joined_dir, keep_events, sample_rate, pure=False)

    futures = [submit(piece, i) for i, piece in enumerate(pieces)]
    results: list[PartResult | None] = []
    for i, future in enumerate(futures):  # in input order: the merge is deterministic
        results.append(future.result())
        future.release()
        say(f"  partition {i + 1}/{len(pieces)} done")
    for source, indices in _ids_repeated_across_pieces(pieces, results).items():
        say(f"  {source}: an event id recurs in two of its pieces; reading the file whole")
        results[indices[0]] = submit(Piece(source), indices[0]).result()
        for i in indices[1:]:
            results[i] = None
            if joined_dir:
                _remove(join(joined_dir, _part_name(i)))
    kept = [r for r in results if r is not None]
    _refuse_empty(kept)
    if joined_dir:
        _unify_parts(joined_dir, [(i, r) for i, r in enumerate(results) if r is not None])
    summary = merge_summaries([r.summary for r in kept])
    if keep_events and summary["events"]["accepted"] > page_event_limit:
        keep_events = False  # the guess from file sizes was low: build the extracts here
        from geo.page_extract import page_extract

        sample_rate = SAMPLE_EVENTS / summary["events"]["accepted"]
        for r in kept:
            r.extract, r.events = page_extract(r.events, sample_rate), None
    frames = [r.events for r in kept if r.events is not None and len(r.events)]
    empty = kept[0].events.iloc[0:0] if keep_events else _empty_events()
    events = pd.concat(frames, ignore_index=True) if frames else empty
    reject_frames = [r.rejects for r in kept if len(r.rejects)]
    rejects = (pd.concat(reject_frames, ignore_index=True) if reject_frames
               else kept[0].rejects.iloc[0:0])
    prepared = Prepared(events, rejects, summary, load_join_layers(border_band_km))
    return prepared, [r.extract for r in kept if r.extract is not None]


def _ids_repeated_across_pieces(pieces: list[Piece], results: list) -> dict[str, list[int]]:
    """{file: its pieces' indices} for the split files in which one event id is in two pieces
    (the pandas path rejects the later one as a duplicate; so must we)."""
    by_source: dict[str, list[int]] = {}
    for i, piece in enumerate(pieces):
        if not piece.whole:
            by_source.setdefault(piece.source, []).append(i)
    repeated = {}
    for source, indices in by_source.items():
        hashes = [results[i].id_hashes for i in indices if results[i].id_hashes is not None]
        every = np.concatenate(hashes) if hashes else np.zeros(0, dtype=np.uint64)
        if len(every) != len(np.unique(every)):  # each piece's hashes are distinct already
            repeated[source] = indices
    return repeated


def _refuse_empty(results: list[PartResult]) -> None:
    """What the pandas path refuses, for the whole run rather than one partition: a file none
    of whose rows is usable, and filters that leave no event at all."""
    rejects: dict[str, list[pd.DataFrame]] = {}
    accepted: dict[str, int] = {}
    for r in results:
        for entry in r.summary.get("inputs", []):
            accepted[entry["path"]] = accepted.get(entry["path"], 0) + entry.get("accepted", 0)
        if len(r.rejects):
            for source, frame in r.rejects.groupby("source_file", sort=False):
                rejects.setdefault(str(source), []).append(frame)
    for source, count in accepted.items():
        if not count and source in rejects:
            refuse_all_rejected(source, pd.concat(rejects[source], ignore_index=True))
    events = [r.summary["events"] for r in results]
    if sum(e["accepted"] for e in events) == 0 and sum(e["filtered_out"] for e in events):
        raise ConfigError(f"the filters leave no events: they keep none of the "
                          f"{sum(e['filtered_out'] for e in events):,} valid events "
                          "(--engine pandas names the filter that removed the last ones)")


def _remove(location: str | Path) -> None:
    fs, path = filesystem(location)
    with contextlib.suppress(FileNotFoundError):
        fs.rm(path)


def _unify_parts(joined_dir: str | Path, results: list[tuple[int, PartResult]]) -> None:
    """Every input's own columns travel (geo.events), so partitions of different formats have
    different columns. Rewrite those that lack some (as nulls) so that the partitions share
    one schema, in the column order the pandas engine gives; partitions of one format (the
    usual case) are left untouched."""
    import geopandas as gpd

    from geo.join import JOIN_ORDER
    from geo.schema import CANONICAL_COLUMNS

    per_part = [[c for i in r.summary.get("inputs", []) for c in i.get("source_columns", [])]
                for _, r in results]
    union = list(dict.fromkeys(c for columns in per_part for c in columns))
    if all(columns == union for columns in per_part):
        return
    order = [*CANONICAL_COLUMNS, *JOIN_ORDER, *union]
    for (index, _), columns in zip(results, per_part, strict=True):
        if columns == union:
            continue
        location = join(joined_dir, _part_name(index))
        with contextlib.suppress(FileNotFoundError, InputError), local_copy(location) as path:
            frame = gpd.read_parquet(path)
            for column in union:
                if column not in frame.columns:
                    frame[column] = pd.Series(pd.NA, index=frame.index, dtype="str")
            rewritten = path.with_name(f".{path.name}.unified")
            frame[[*order, frame.geometry.name]].to_parquet(rewritten, index=False,
                                                           compression="zstd")
            put(rewritten, location)


def _empty_events() -> pd.DataFrame:
    from geo.join import JOIN_ORDER
    from geo.schema import CANONICAL_COLUMNS

    return pd.DataFrame(columns=[*CANONICAL_COLUMNS, *JOIN_ORDER])


def _rows_guess(paths: Sequence[str | Path]) -> int:
    """Events in the inputs, before reading them: Parquet footers, or CSV bytes / 1000 (low
    rather than high: a low guess only costs the driver the memory of the events)."""
    import pyarrow.parquet as pq

    rows = 0
    for source in map(str, paths):
        with contextlib.suppress(Exception):  # a broken or missing file is reported by its partition
            fs, path = filesystem(source)
            if Path(basename(source)).suffix.lower() in PARQUET_SUFFIXES:
                with fs.open(path, "rb") as handle:
                    rows += pq.ParquetFile(handle).metadata.num_rows
                continue
            rows += int(fs.size(path)) // 1000  # rows are 300-1000 B
    return rows


# --- merging partition summaries ------------------------------------------------------------

def merge_summaries(parts: Sequence[dict]) -> dict:
    """One summary from the partitions' summaries, as prepare_events would give for all files:
    counts (integers) add up, count tables take the union of their keys (sorted where the parts' keys
    are sorted), date_range spans them all, `inputs` lists every file in order (the pieces of
    one file merged as one entry); settings (filters, border_band_km) are the same in every
    part."""
    merged = _merge([dict(p) for p in parts])
    entries: dict[str, list[dict]] = {}
    for entry in (e for p in parts for e in p.get("inputs", [])):
        entries.setdefault(entry.get("path", ""), []).append(entry)
    merged["inputs"] = [_merge(same) for same in entries.values()]
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

def write_partitioned(target: str | Path, write: Callable[[str], None]) -> None:
    """Write a directory of partitions: into a staging directory beside `target`, then swap it
    in (an existing `target` is replaced only after success). Locally the swap is a rename; in
    object storage, which has no rename, the staged parts are moved (copied, then deleted)."""
    if str(target).lower().endswith(".csv"):
        raise InputError(f"--joined {target}: the dask engine writes partitioned GeoParquet, a "
                         "directory; give a directory name (e.g. out/joined.parquet)")
    if is_url(target):
        _write_partitioned_remote(str(target).rstrip("/"), write)
        return
    target = Path(target)
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


def _write_partitioned_remote(target: str, write: Callable[[str], None]) -> None:
    import uuid

    fs, path = filesystem(target)
    staging = f"{target}.staging-{uuid.uuid4().hex[:12]}"
    staging_path = filesystem(staging)[1]
    try:
        write(staging)
        if fs.exists(path):
            fs.rm(path, recursive=True)
        for part in sorted(fs.find(staging_path)):
            fs.mv(part, f"{path}/{basename(part)}")
    finally:
        with contextlib.suppress(FileNotFoundError):
            if fs.find(staging_path):
                fs.rm(staging_path, recursive=True)
