"""Read a delimited text file into a table of strings, whatever its encoding and delimiter.

Fast path: pyarrow's multithreaded CSV reader. If pyarrow finds malformed records (a row with
the wrong number of fields), the file is re-read with Python's csv module so that every
record keeps its exact number and the malformed ones can be rejected with a reason.
"""

from __future__ import annotations

import codecs
import csv
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from geo.errors import InputError
from geo.formats import looks_like_data

__all__ = ["RawTable", "read_delimited", "sniff_text", "drop_empty_unnamed", "UNNAMED"]

DELIMITERS = (",", ";", "\t", "|")
UNNAMED = "unnamed_column_"
BLOCK_BYTES = 1 << 24  # Arrow parses the file in blocks of this size, on every core
DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}


@dataclass
class RawTable:
    """Every cell as a string. `rows` holds the record number of each row (header = 1)."""

    columns: list[str]
    frame: pd.DataFrame
    rows: pd.Series
    encoding: str
    delimiter: str
    malformed: pd.DataFrame = field(default_factory=pd.DataFrame)  # source_row, reason, raw
    trailing_empty_fields: int = 0  # rows whose one extra, empty last field was dropped


def sniff_text(path: Path, head: bytes) -> str:
    """The encoding to try first: a BOM wins, then UTF-8 (pyarrow checks the whole file and
    `read_delimited` falls back to Latin-1/cp1252 if it is not valid UTF-8)."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not just a character cut at the end of the sample
            return "cp1252"
    return "utf-8"


def _header_line(path: Path, encoding: str) -> str:
    with open(path, encoding=encoding, errors="replace", newline="") as handle:
        line = handle.readline()
    return line.rstrip("\r\n")


def _pick_delimiter(header: str) -> str:
    counts = {d: header.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _refuse_one_cell_lines(path: Path, line: str, columns: list[str]) -> None:
    """A CSV that Excel opened in a `;` locale and saved again: each line became one cell (its
    commas kept), so the header is the whole comma-separated line, once or several times."""
    chunks = [c for c in line.split(";") if c.strip()]
    whole_lines = len(chunks) >= 2 and all(c.count(",") >= 2 for c in chunks)
    one_cell = len(columns) == 1 and columns[0].count(",") >= 2
    if whole_lines or one_cell:
        raise InputError(
            f"{path}: each line became one cell ({len(chunks)} per line, each holding the "
            f"comma-separated row, e.g. {chunks[0][:40]!r}...): the file was re-saved by Excel in "
            "a ';' locale; open the original file, or import it with Excel's Data > From "
            "Text/CSV choosing the comma delimiter")


def _check_header(path: Path, columns: list[str]) -> list[str]:
    columns = [c.strip().strip('"').strip() for c in columns]
    if looks_like_data(columns):
        shown = ", ".join(columns[:6])
        raise InputError(
            f"{path}: no recognisable header: the first line looks like data ({shown}, ...); "
            "add the export's header row as the first line (see README, 'Input formats')")
    # Excel leaves empty header fields after the last column; name them by position so they
    # can be read, then dropped if they hold no data (see `drop_empty_unnamed`).
    columns = [name or f"{UNNAMED}{i + 1}" for i, name in enumerate(columns)]
    seen, duplicates = set(), []
    for name in columns:
        if name in seen and name not in duplicates:
            duplicates.append(name)
        seen.add(name)
    if duplicates:
        raise InputError(
            f"{path}: duplicate column name(s) {', '.join(repr(d) for d in duplicates)} in the "
            "header; rename or remove the repeated columns so each name appears once"
        )
    return columns


def _read_fast(path: Path, encoding: str, delimiter: str, columns: list[str]) -> pa.Table | None:
    """pyarrow's reader; None if any record is malformed (the caller then reads exactly).

    Line breaks are allowed in quoted values. (Reading as if none were is twice as fast, but
    Arrow then drops a record silently where a block boundary falls inside such a value.)"""
    invalid: list = []

    def on_invalid(row) -> str:
        invalid.append(row)
        return "skip"

    table = pacsv.read_csv(
        path,
        read_options=pacsv.ReadOptions(
            encoding="utf8" if encoding == "utf-8" else encoding,
            column_names=columns, skip_rows=1, block_size=BLOCK_BYTES),
        parse_options=pacsv.ParseOptions(
            delimiter=delimiter, newlines_in_values=True, invalid_row_handler=on_invalid),
        convert_options=pacsv.ConvertOptions(
            column_types={c: pa.large_string() for c in columns},  # what pandas keeps: no cast
            strings_can_be_null=False, quoted_strings_can_be_null=False),
    )
    return None if invalid else table


def read_delimited(path: Path, head: bytes) -> RawTable:
    encoding = sniff_text(path, head)
    header = _header_line(path, encoding)
    delimiter = _pick_delimiter(header)
    parsed = next(csv.reader([header], delimiter=delimiter))
    _refuse_one_cell_lines(path, header, parsed)
    columns = _check_header(path, parsed)
    try:
        table = _read_fast(path, encoding, delimiter, columns)
    except (pa.ArrowInvalid, UnicodeDecodeError) as exc:
        if encoding != "utf-8" or "utf8" not in str(exc).lower().replace("-", ""):
            return _read_exact(path, encoding, delimiter, columns)
        encoding = "cp1252"  # not valid UTF-8 after all: read it as Latin-1 (Windows-1252)
        try:
            table = _read_fast(path, encoding, delimiter, columns)
        except (pa.ArrowInvalid, UnicodeDecodeError):
            table = None
    if table is None:
        return _read_exact(path, encoding, delimiter, columns)
    frame = table.to_pandas()
    rows = pd.Series(range(2, len(frame) + 2), index=frame.index, name="source_row")
    return RawTable(columns, frame, rows, encoding, delimiter)


class _Lines:
    """The lines a csv.reader takes from a file, kept until the record they form is read, so
    that a rejected record's `raw` is its text exactly as in the file (quotes included)."""

    def __init__(self, handle):
        self.handle, self.taken = handle, []

    def __iter__(self):
        return self

    def __next__(self) -> str:
        line = next(self.handle)
        self.taken.append(line)
        return line

    def pop(self) -> str:
        text, self.taken = "".join(self.taken), []
        return text.rstrip("\r\n")


def _read_exact(path: Path, encoding: str, delimiter: str, columns: list[str]) -> RawTable:
    """Slow, exact path: Python's csv module, one record at a time.

    A file whose every record has one field more than the header, that field empty, is UCDP's
    web download (a trailing comma on every data row): the empty field is dropped and counted
    (`trailing_empty_fields`). Only when every record has it: otherwise such a row is rejected."""
    records: list[tuple[int, list[str], str]] = []
    csv.field_size_limit(sys.maxsize)  # a 1 MB notes field is unusual but legitimate
    with open(path, encoding=encoding, errors="replace", newline="") as handle:
        lines = _Lines(handle)
        reader = csv.reader(lines, delimiter=delimiter)
        next(reader, None)
        lines.pop()
        for number, record in enumerate(reader, start=2):
            text = lines.pop()
            if len(record) <= 1 and not "".join(record).strip():  # a blank or whitespace-only line
                continue
            records.append((number, record, text))
    trailing = bool(records) and all(len(r) == len(columns) + 1 and not r[-1].strip()
                                     for _, r, _ in records)
    if trailing:
        records = [(n, r[:-1], t) for n, r, t in records]
    good, good_rows, bad = [], [], []
    for number, record, text in records:
        if len(record) == len(columns):
            good.append(record)
            good_rows.append(number)
        else:
            extra_empty = len(record) == len(columns) + 1 and not record[-1].strip()
            one_cell = len(record) == 1 and record[0].count(delimiter) >= len(columns) // 2 > 0
            hint = ("it ends with an empty field that other rows do not have; remove the trailing "
                    f"'{delimiter}'" if extra_empty else
                    "the whole row is one quoted cell (a re-save by Excel in another locale?); "
                    "open the original file" if one_cell else
                    f"check for an unquoted '{DELIMITER_NAMES[delimiter]}' or a missing field")
            bad.append({
                "source_row": number,
                "reason": f"row has {len(record)} fields, the header has {len(columns)}; {hint}",
                "raw": text[:2000],
            })
    frame = pd.DataFrame(good, columns=columns, dtype="str")
    rows = pd.Series(good_rows, index=frame.index, name="source_row", dtype="int64")
    return RawTable(columns, frame, rows, encoding, delimiter,
                    pd.DataFrame(bad, columns=["source_row", "reason", "raw"]),
                    len(records) if trailing else 0)



def drop_empty_unnamed(frame: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Drop header fields that had no name and hold no data; how many were dropped."""
    empty = [c for c in frame.columns if str(c).startswith(UNNAMED) and (frame[c].str.strip() == "").all()]
    return (frame.drop(columns=empty) if empty else frame), len(empty)  # drop([]) still copies
