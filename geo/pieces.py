"""What one dask partition reads: a whole file, a byte range of a CSV, or row groups of a
Parquet file, and the number of the rows before it (so rejects keep their SOURCE row numbers).

A CSV is cut at record boundaries, not at line breaks: a quoted value may hold a line break,
and a block boundary falling inside one would split a record. Each block is scanned on a
worker (`scan_block`: the parity of its quote characters and, for either quote state at its
start, its first record-ending newline and how many it holds); the driver then walks the
blocks in order (`csv_pieces`), knowing the quote state where each begins, so every cut is a
real record end and every piece knows how many records precede it. Doubled quotes ("") inside
a quoted value toggle the state twice, so they need no special case.

A worker reads its piece as a small file of its own (the CSV header, then its records; or its
row groups, with the file's schema and GeoParquet metadata) and `geo.events.load_events` does
the rest, as for any file.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from geo.events import PARQUET_SUFFIXES
from geo.storage import basename, filesystem, local_copy

__all__ = ["Piece", "BLOCK_BYTES", "scan_block", "csv_pieces", "parquet_pieces", "materialise",
           "splittable_csv", "file_size"]

BLOCK_BYTES = 128 * 2**20  # a partition's share of a large file (CSV bytes, Parquet data)
_QUOTE, _NEWLINE = ord('"'), ord("\n")
# UTF-16 (two-byte newlines), ZIP/XLSX, Parquet, gzip, bzip2, zstd, xz: read whole
_WHOLE_ONLY = (b"\xff\xfe", b"\xfe\xff", b"PK", b"PAR1", b"\x1f\x8b", b"BZh",
               b"\x28\xb5\x2f\xfd", b"\xfd7zXZ")
_WHITE_SPACE = np.frombuffer(b" \t\r\n", dtype=np.uint8)


@dataclass(frozen=True)
class Piece:
    source: str              # the file as the user named it (a path or URL): source_file
    kind: str = "file"       # "file" (whole), "csv" (a byte range), "parquet" (row groups)
    start: int = 0           # csv: first byte; parquet: first row group
    stop: int = 0            # csv: end byte (exclusive); parquet: end row group (exclusive)
    first_row: int = 0       # rows of the file before this piece
    header_end: int = 0      # csv: the header's bytes are [0, header_end)

    @property
    def whole(self) -> bool:
        return self.kind == "file"


def splittable_csv(source: str, size: int, blocksize: int) -> bool:
    """A CSV worth splitting: larger than a block, not compressed, and in an encoding whose
    quote and newline are single bytes (UTF-8, cp1252; not UTF-16)."""
    if size <= blocksize or Path(basename(source)).suffix.lower() in (*PARQUET_SUFFIXES, ".json",
                                                                      ".geojson", ".xlsx", ".xls",
                                                                      ".ods", ".zip"):
        return False
    fs, path = filesystem(source)
    head = fs.cat_file(path, start=0, end=6)
    return not head.startswith(_WHOLE_ONLY)


def scan_block(source: str, start: int, stop: int) -> tuple[int, list[int], list[int], int]:
    """(quote parity, [first record-ending newline's offset if the block starts outside / inside
    quotes, -1 if none], [record-ending newlines for either start], offset of the block's last
    byte that is not white space, -1 if none) of bytes [start, stop)."""
    fs, path = filesystem(source)
    data = np.frombuffer(fs.cat_file(path, start=start, end=stop), dtype=np.uint8)
    inside = np.cumsum(data == _QUOTE, dtype=np.int64) & 1  # quotes so far (a newline is none)
    newline = data == _NEWLINE
    firsts, counts = [], []
    for state in (0, 1):
        ends = np.flatnonzero(newline & (inside == state))  # outside quotes for this start
        firsts.append(int(ends[0]) + start if len(ends) else -1)
        counts.append(int(len(ends)))
    content = np.flatnonzero(~np.isin(data, _WHITE_SPACE))
    last = int(content[-1]) + start if len(content) else -1
    return int(inside[-1]) if len(data) else 0, firsts, counts, last


def csv_pieces(source: str, size: int, blocksize: int, scans: list) -> list[Piece]:
    """The pieces of one CSV from the scans of its blocks [k * blocksize, (k+1) * blocksize).
    Record numbers as geo/_csv.py counts them: the header is 1."""
    state, before = 0, 0            # quote state at the block's start; record ends before it
    cuts: list[tuple[int, int]] = []  # (first byte of a piece, record ends before that byte)
    header_end = None
    content_end = max(scan[3] for scan in scans) + 1  # blank lines at the end are no piece
    for parity, firsts, counts, _ in scans:
        first = firsts[state]
        if first >= 0:
            if header_end is None:
                header_end = first + 1  # the header is the first record
            else:
                cuts.append((first + 1, before + 1))  # a piece starts after this record end
        before += counts[state]
        state ^= parity
    if header_end is None or header_end >= content_end:
        return [Piece(source)]
    starts = [header_end] + [c for c, _ in cuts if header_end < c < content_end]
    rows_before = [1] + [n for c, n in cuts if header_end < c < content_end]
    ends = [*starts[1:], size]
    return [Piece(source, "csv", a, b, first_row=n - 1, header_end=header_end)
            for a, b, n in zip(starts, ends, rows_before, strict=True) if b > a]


def parquet_pieces(source: str, blocksize: int) -> list[Piece]:
    """Consecutive row groups of about `blocksize` uncompressed bytes each: one piece each."""
    import pyarrow.parquet as pq

    fs, path = filesystem(source)
    try:
        with fs.open(path, "rb") as handle:
            meta = pq.ParquetFile(handle).metadata
    except Exception:  # a broken file: read whole, where load_events explains what is wrong
        return [Piece(source)]
    if meta.num_row_groups <= 1:
        return [Piece(source)]
    pieces, start, rows, size, first_row = [], 0, 0, 0, 0
    for group in range(meta.num_row_groups):
        size += meta.row_group(group).total_byte_size
        rows += meta.row_group(group).num_rows
        if size >= blocksize or group == meta.num_row_groups - 1:
            pieces.append(Piece(source, "parquet", start, group + 1, first_row=first_row))
            start, first_row, size = group + 1, first_row + rows, 0
            rows = 0
    return pieces if len(pieces) > 1 else [Piece(source)]


@contextlib.contextmanager
def materialise(piece: Piece) -> Iterator[Path]:
    """A local file holding the piece (the file itself when it is local and whole)."""
    if piece.whole:
        with local_copy(piece.source) as path:
            yield path
        return
    folder = tempfile.mkdtemp(prefix="sahel-map-piece-")
    try:
        local = Path(folder) / basename(piece.source)
        fs, path = filesystem(piece.source)
        if piece.kind == "csv":
            with open(local, "wb") as out:
                out.write(fs.cat_file(path, start=0, end=piece.header_end))
                out.write(fs.cat_file(path, start=piece.start, end=piece.stop))
        else:
            import pyarrow.parquet as pq

            with fs.open(path, "rb") as handle:
                table = pq.ParquetFile(handle).read_row_groups(range(piece.start, piece.stop))
            pq.write_table(table, local)  # the schema keeps the file's (geo) metadata
        yield local
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def file_size(source: str) -> int:
    fs, path = filesystem(source)
    return int(fs.size(path))
