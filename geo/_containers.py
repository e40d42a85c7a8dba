"""Event tables that are not delimited text: Excel workbooks and the ACLED/UCDP API's JSON.

Both become the same table of strings that a CSV gives, with the record number of each row,
so that detection, validation and the rejects file treat every container alike.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd

from geo.errors import InputError

__all__ = ["read_workbook", "records_from_api", "strip_hxl_row", "WORKBOOK_MAGIC"]

WORKBOOK_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")  # XLSX/ODS (zip), XLS (OLE2)
_HEADER_SEARCH_ROWS = 10  # a title or notes block above the header is common in curated files


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 2**53 else repr(value)
    return str(value)


def _column_text(values: list) -> pd.Series:
    """One sheet column as strings, converted per column type (100k rows: C speed, not a
    Python call per cell) with `_cell_text` for mixed columns."""
    kinds = {type(v) for v in values}
    if kinds <= {float, int}:
        numbers = np.asarray(values, dtype=float)
        whole = np.isfinite(numbers) & (numbers == np.round(numbers)) & (np.abs(numbers) < 2**53)
        text = pd.Series(numbers).astype(str)  # shortest round-trip form, as repr()
        text[whole] = pd.Series(numbers[whole].astype(np.int64)).astype(str).to_numpy()
        return text
    if kinds <= {str}:
        return pd.Series(values, dtype=object).astype(str)
    if kinds <= {dt.date, dt.datetime, type(None)} and kinds & {dt.date}:
        return pd.Series(values, dtype=object).map(_cell_text)
    return pd.Series([_cell_text(v) for v in values], dtype=object).astype(str)


def read_workbook(path: Path, looks_like_header, explain=None) -> tuple[pd.DataFrame, pd.Series, dict]:
    """The first sheet whose first rows hold a recognisable header (python-calamine).

    Date cells become ISO dates; other sheets are named in the report as skipped. With no such
    sheet, `explain(candidates)` is called with (sheet, row number, cells) of every sheet's
    first rows, to raise the message that fits (a header almost recognised, a table of
    counts...); then the generic refusal.
    """
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own error types for broken workbooks
        raise InputError(f"{path}: is not a readable Excel workbook ({exc}); open it in Excel "
                         "and save it again, or export it as CSV") from None
    skipped, candidates = [], []
    for name in workbook.sheet_names:
        rows = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
        for at, row in enumerate(rows[:_HEADER_SEARCH_ROWS]):
            header = [_cell_text(v).strip() for v in row]
            if looks_like_header(header):
                columns = [h or f"unnamed_column_{i + 1}" for i, h in enumerate(header)]
                frame = pd.DataFrame({name: _column_text([r[j] if j < len(r) else None
                                                          for r in rows[at + 1:]])
                                      for j, name in enumerate(columns)})
                keep = (frame.apply(lambda c: c.str.strip()) != "").any(axis=1).to_numpy()
                frame = frame[keep].reset_index(drop=True)
                numbers = pd.Series(np.flatnonzero(keep) + at + 2, name="source_row")
                info = {"encoding": "xlsx", "sheet": name, "header_row": at + 1}
                if skipped or len(workbook.sheet_names) > 1:
                    info["sheets_skipped"] = [s for s in workbook.sheet_names if s != name]
                return frame, numbers, info
        skipped.append(name)
        candidates.extend((name, at + 1, [_cell_text(v).strip() for v in row])
                          for at, row in enumerate(rows[:_HEADER_SEARCH_ROWS]) if any(row))
    if explain is not None:
        explain(candidates)
    first = next(((n, cells) for n, _, cells in candidates), None)
    shown = (f"; the first row of sheet '{first[0]}' reads {', '.join(c for c in first[1][:6] if c)}"
             if first else "; every sheet is empty")
    raise InputError(f"{path}: no sheet has a recognisable event header in its first "
                     f"{_HEADER_SEARCH_ROWS} rows (sheets: {', '.join(workbook.sheet_names)}){shown}; "
                     "rename the columns to ACLED, UCDP GED or native names (see README, 'Input "
                     "formats'), or pass --format")


def records_from_api(data, path: Path) -> tuple[list[dict], dict] | None:
    """ACLED's {"status", "success", "count", "data": [...]} or UCDP's {"TotalCount",
    "Result": [...]}; None for any other JSON (the caller tries GeoJSON)."""
    if isinstance(data, list) and data and all(isinstance(r, dict) for r in data):
        return data, {"container": "JSON records"}
    if not isinstance(data, dict):
        return None
    if isinstance(data.get("data"), list) and ("success" in data or "count" in data):
        if data.get("success") is False:
            raise InputError(f"{path}: the ACLED API answered with an error ({data.get('error') or data.get('messages')}); "
                             "save a successful response")
        info = {"container": "ACLED API JSON"}
        if isinstance(data.get("count"), int) and data["count"] != len(data["data"]):
            info["api_count_differs"] = f"response says count {data['count']}, holds {len(data['data'])}"
        return data["data"], info
    if isinstance(data.get("Result"), list):
        info = {"container": "UCDP API JSON"}
        total = data.get("TotalCount")
        if isinstance(total, int) and total > len(data["Result"]):
            info["api_pages"] = (f"this page holds {len(data['Result'])} of {total} events; "
                                 "save every page (NextPageUrl) and pass them all with --events")
        return data["Result"], info
    return None


def strip_hxl_row(frame: pd.DataFrame, rows: pd.Series) -> tuple[pd.DataFrame, pd.Series, str]:
    """Drop an HDX hashtag row (#date+occurred, #geo+lat, ...) under the header: it is not an
    event. Returns the tag row's text ('' if there was none)."""
    if not len(frame):
        return frame, rows, ""
    first = frame.iloc[0].astype(str).str.strip()
    filled = first[first != ""]
    if len(filled) >= 2 and filled.str.fullmatch(r"#[A-Za-z][\w]*(?:\s*[+][\w]+)*").all():
        return frame.iloc[1:].reset_index(drop=True), rows.iloc[1:].reset_index(drop=True), ",".join(first)
    return frame, rows, ""
