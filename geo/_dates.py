"""Event dates as real files write them, with the day/month order decided once per column.

Accepted, per cell:
- ISO `2019-02-22` (a time after it, as UCDP writes, is ignored);
- `22 February 2019` and `22 Feb 2019` (ACLED's export tool);
- numbers with `-`, `/` or `.`: `22-02-2019`, `22/12/2015`, `2/16/2021`, also with a time
  after them, which is ignored (UCDP's web download: `05/26/2016 00:00:00`);
- Excel's re-saved `16-Feb-21` / `5-Feb-2021` (the month name fixes the order);
- Excel serial day numbers (`43517` = 2019-02-22), as a column of whole numbers.

Day/month order: a numeric column is day-first if any of its dates has a first part above 12,
month-first if any has a second part above 12 (the majority wins if both; the others are
rejected as impossible dates). A column that stays ambiguous everywhere is day-first if it
uses `-` (ACLED's documented dd-mm-yyyy) and is refused otherwise, with the fix.

Two-digit years: `yy` is 20yy unless that is after the current year, then 19yy
(`21` -> 2021, `97` -> 1997).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from geo._factorize import factorize
from geo.errors import InputError

__all__ = ["parse_dates"]

_YEAR = r"(?:18|19|20|21)\d{2}"  # years outside 1800-2199 are not dates here (and overflow ns)
_MONTHS = {m.casefold(): i for i, m in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September",
     "October", "November", "December"], start=1)}
_MONTHS |= {name[:3]: i for name, i in list(_MONTHS.items())} | {"sept": 9}
EXCEL_EPOCH = pd.Timestamp("1899-12-30")  # Excel's day 0 (with its 1900 leap-year bug)


def _year(text: pd.Series, today: dt.date) -> pd.Series:
    """Four-digit years; two-digit ones by the rule in the module docstring."""
    value = pd.to_numeric(text, errors="coerce")
    short = text.str.len() == 2
    century = np.where(value + 2000 > today.year, 1900, 2000)
    return value.where(~short, value + century)


def _assemble(year, month, day) -> pd.Series:
    frame = pd.DataFrame({"year": year, "month": month, "day": day}).astype("float64")
    return pd.to_datetime(frame, errors="coerce")


def parse_dates(text: pd.Series, today: dt.date, source: str) -> tuple[pd.Series, dict[str, int]]:
    """Parsed dates (NaT where a cell is not a date) and the styles found, with counts.

    Each distinct text is parsed once (a million events fall on a few thousand days); counts
    and the day/month majority are weighted by how often each text occurs."""
    codes, distinct = factorize(text, use_na_sentinel=False)
    weight = np.bincount(codes, minlength=len(distinct))
    parsed, styles = _parse_distinct(pd.Series(np.asarray(distinct, dtype=object), dtype="str"),
                                     weight, today, source)
    return pd.Series(parsed.to_numpy()[codes], index=text.index, dtype="datetime64[ns]"), styles


def _parse_distinct(text: pd.Series, weight: np.ndarray, today: dt.date,
                    source: str) -> tuple[pd.Series, dict[str, int]]:
    parsed = pd.Series(pd.NaT, index=text.index, dtype="datetime64[ns]")
    styles: dict[str, int] = {}

    def put(mask: pd.Series, values: pd.Series, style: str) -> None:
        if mask.any():
            parsed[mask] = values
            styles[style] = int(weight[np.asarray(mask)].sum())

    iso = text.str.fullmatch(_YEAR + r"-\d{2}-\d{2}(?:[ T][0-9:.]+Z?)?")
    put(iso, pd.to_datetime(text[iso].str.slice(0, 10), format="%Y-%m-%d", errors="coerce"),
        "YYYY-MM-DD")

    named = text.str.extract(r"^(\d{1,2})[ -]([A-Za-z]{3,9})\.?[ ,-]+(" + _YEAR + r"|\d{2})$")
    month = named[1].str.casefold().map(_MONTHS)
    ok = named[0].notna() & month.notna()
    if ok.any():
        put(ok, _assemble(_year(named.loc[ok, 2], today), month[ok], named.loc[ok, 0]),
            "D Month YYYY" if (named.loc[ok, 2].str.len() == 4).all() else "D-Mon-YY (Excel)")

    numeric = text.str.extract(r"^(\d{1,2})([-/.])(\d{1,2})\2(" + _YEAR + r"|\d{2})"
                               r"((?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?)$")
    ok = numeric[0].notna()
    if ok.any():
        first = numeric.loc[ok, 0].astype(int)
        second = numeric.loc[ok, 2].astype(int)
        seen = weight[np.flatnonzero(ok.to_numpy())]
        day_first_seen, month_first_seen = int(seen[(first > 12).to_numpy()].sum()), int(seen[(second > 12).to_numpy()].sum())
        separators = "".join(sorted(set(numeric.loc[ok, 1])))
        if day_first_seen or month_first_seen:
            day_first = day_first_seen >= month_first_seen
        elif (first == second).all() or separators == "-":
            day_first = True  # no ambiguity, or ACLED's documented dd-mm-yyyy
        else:
            example = text[ok].iloc[0]
            raise InputError(
                f"{source}: event_date: every date written like {example!r} could be day-first "
                "or month-first (no day above 12 anywhere in the column); re-export the dates "
                "as YYYY-MM-DD, or as '22 February 2019'")
        day, mon = (first, second) if day_first else (second, first)
        year = _year(numeric.loc[ok, 3], today)
        sep = separators[0]
        timed = " HH:MM:SS" if (numeric.loc[ok, 4] != "").any() else ""
        put(ok, _assemble(year, mon, day),
            (f"DD{sep}MM{sep}YYYY" if day_first else f"MM{sep}DD{sep}YYYY") + timed
            + (" (day first: a day above 12 seen)" if day_first_seen and day_first else ""))

    serial = text.str.fullmatch(r"[2-7]\d{4}(?:\.0+)?")
    if serial.any() and serial.sum() == (text != "").sum():  # a whole column of day numbers
        days = pd.to_numeric(text[serial]).astype("int64")
        put(serial, EXCEL_EPOCH + pd.to_timedelta(days, unit="D"), "Excel serial day numbers")
    return parsed, styles
