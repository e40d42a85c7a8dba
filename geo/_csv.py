"""Read a delimited text file into a table of strings, whatever its encoding and delimiter.

Fast path: pyarrow's multithreaded CSV reader. If pyarrow finds malformed records (a row with
the wrong number of fields), the file is re-read with Python's csv module so that every
record keeps its exact number and the malformed ones can be rejected with a reason.
"""

from __future__ import annotations

import csv
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow as pa

from geo import prefetch
from geo._arrow_csv import UNNAMED, read_fast, sniff, sniff_text
from geo.errors import InputError
from geo.formats import looks_like_data

__all__ = ["RawTable", "read_delimited", "sniff_text", "drop_empty_unnamed", "UNNAMED"]

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


def _check_header(path: Path, columns: list[str]) -> list[str]:
    if looks_like_data(columns):
        shown = ", ".join(columns[:6])
        raise InputError(
            f"{path}: no recognisable header: the first line looks like data ({shown}, ...); "
            "add the export's header row as the first line (see README, 'Input formats')")
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


def read_delimited(path: Path, head: bytes) -> RawTable:
    encoding, delimiter, columns = sniff(path, head)
    columns = _check_header(path, columns)
    try:
        table = prefetch.take(path, encoding, delimiter, columns)
        table = table if table is not None else read_fast(path, encoding, delimiter, columns)
    except (pa.ArrowInvalid, UnicodeDecodeError) as exc:
        if encoding != "utf-8" or "utf8" not in str(exc).lower().replace("-", ""):
            return _read_exact(path, encoding, delimiter, columns)
        encoding = "cp1252"  # not valid UTF-8 after all: read it as Latin-1 (Windows-1252)
        try:
            table = read_fast(path, encoding, delimiter, columns)
        except (pa.ArrowInvalid, UnicodeDecodeError):
            table = None
    if table is None:
        return _read_exact(path, encoding, delimiter, columns)
    frame = table.to_pandas()
    rows = pd.Series(range(2, len(frame) + 2), index=frame.index, name="source_row")
    return RawTable(columns, frame, rows, encoding, delimiter)


def _read_exact(path: Path, encoding: str, delimiter: str, columns: list[str]) -> RawTable:
    """Slow, exact path: Python's csv module, one record at a time."""
    good, good_rows, bad = [], [], []
    csv.field_size_limit(sys.maxsize)  # a 1 MB notes field is unusual but legitimate
    with open(path, encoding=encoding, errors="replace", newline="") as handle:
        reader = csv.reader(handle, delimiter=delimiter)
        next(reader, None)
        for number, record in enumerate(reader, start=2):
            if len(record) <= 1 and not "".join(record).strip():  # a blank or whitespace-only line
                continue
            if len(record) == len(columns):
                good.append(record)
                good_rows.append(number)
            else:
                bad.append({
                    "source_row": number,
                    "reason": f"row has {len(record)} fields, the header has {len(columns)}; "
                              f"check for an unquoted '{DELIMITER_NAMES[delimiter]}' or a missing field",
                    "raw": delimiter.join(record)[:2000],
                })
    frame = pd.DataFrame(good, columns=columns, dtype="str")
    rows = pd.Series(good_rows, index=frame.index, name="source_row", dtype="int64")
    return RawTable(columns, frame, rows, encoding, delimiter,
                    pd.DataFrame(bad, columns=["source_row", "reason", "raw"]))



def drop_empty_unnamed(frame: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Drop header fields that had no name and hold no data; how many were dropped."""
    empty = [c for c in frame.columns if str(c).startswith(UNNAMED) and (frame[c].str.strip() == "").all()]
    return (frame.drop(columns=empty) if empty else frame), len(empty)  # drop([]) still copies
