"""Parse big CSV event files while Python is still importing the rest of the program.

Arrow's CSV reader works in C++ threads without the GIL; importing pandas, geopandas and
folium (about 0.9 s) holds it. `build_map.py` calls `start(sys.argv[1:])` before its other
imports, so the two overlap (1M ACLED rows: the parse is done by the time the imports are).
`geo._csv.read_delimited` takes a table from here only for the same file, unchanged, with
the encoding, delimiter and columns it chose itself; anything else (an option this scan does
not know, a parse error, a malformed row) just means the file is read as usual. This module
imports neither pandas nor anything of ours that does.
"""

from __future__ import annotations

import argparse
import os
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

__all__ = ["start", "take", "MIN_BYTES"]

MIN_BYTES = 20_000_000  # smaller files parse in well under the imports' time anyway
_SUFFIXES = (".csv", ".tsv", ".txt")
_pending: dict[tuple, Future] = {}
_pool: ThreadPoolExecutor | None = None


def _key(path: Path) -> tuple:
    stat = path.stat()
    return str(path.resolve()), stat.st_size, stat.st_mtime_ns


def start(argv: list[str]) -> None:
    """Start parsing each big CSV named by --events (pandas engine only)."""
    global _pool
    scan = argparse.ArgumentParser(add_help=False)
    scan.add_argument("--events", action="append", default=[])
    scan.add_argument("--engine", default="pandas")
    try:
        known, _ = scan.parse_known_args(argv)
    except SystemExit:  # a malformed command line: the real parser will say what is wrong
        return
    if known.engine != "pandas":
        return
    for name in known.events:
        path = Path(name)
        try:
            if path.suffix.lower() not in _SUFFIXES or os.path.getsize(path) < MIN_BYTES:
                continue
            key = _key(path)
        except OSError:
            continue
        _pool = _pool or ThreadPoolExecutor(1, thread_name_prefix="prefetch")
        _pending[key] = _pool.submit(_parse, path)


def _parse(path: Path):
    from geo._arrow_csv import read_fast, sniff  # pandas-free

    with open(path, "rb") as handle:
        head = handle.read(8192)
    encoding, delimiter, columns = sniff(path, head)
    return encoding, delimiter, columns, read_fast(path, encoding, delimiter, columns)


def take(path: Path, encoding: str, delimiter: str, columns: list[str]):
    """The table parsed in advance for `path` if it matches, else None (once per start)."""
    try:
        future = _pending.pop(_key(path), None)
    except OSError:
        return None
    if future is None:
        return None
    try:
        parsed = future.result()
    except Exception:  # noqa: BLE001 - the usual read reports whatever went wrong
        return None
    return parsed[3] if parsed[:3] == (encoding, delimiter, columns) else None
