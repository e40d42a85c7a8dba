"""Tables of counts (events and fatalities per district and month), read as counts, not events.

HDX publishes ACLED's data for Mali, Burkina Faso and Niger as such a table: a workbook whose
first sheet is ACLED's terms and whose `Data` sheet holds `Country, Admin1, Admin2, ISO3,
Admin2 Pcode, Admin1 Pcode, Month, Year, Events, Fatalities` (the same table as CSV is read
alike). A row is one area and month; it joins to our districts (data/layers/
admin2_districts.geojson) by its P-code, or by its name folded (geo.districts.fold_name) within
its country when the code is absent or unknown. Rows that match no district are rejected with
their reason and listed in the summary, never dropped. A table with names but no P-codes maps
only when every name matches exactly one district; otherwise it is refused, naming them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from geo.countries import iso3_from_names
from geo.districts import district_table, fold_name
from geo.errors import InputError

__all__ = ["COUNTS_COLUMNS", "COUNTS_SOURCES", "CountsColumns", "CountsRead", "counts_columns",
           "read_counts", "join_counts", "filter_counts", "counts_summary"]

# a counts row's `dataset` -> its source in data/sources.toml (its credit)
COUNTS_SOURCES = {"acled_hdx": "acled_hdx", "counts": "counts"}
# the columns of the counts frame after the join, in order
COUNTS_COLUMNS = ("source_file", "source_row", "dataset", "month", "country_iso3", "region", "zone",
                  "district", "district_pcode", "admin2", "admin2_pcode", "matched_by",
                  "events", "fatalities")

_EVENT_COUNTS = ("events", "nb_events", "n_events", "event_count", "events_count",
                 "number_of_events", "num_events", "nombre_evenements", "nb_evenements",
                 "incidents", "nb_incidents")
_FATALITIES = ("fatalities", "deaths", "morts", "deces", "nb_morts", "killed")
_CODES = ("admin2_pcode", "adm2_pcode", "admin2pcode", "district_pcode", "pcode")
_NAMES = ("admin2", "adm2_name", "admin2_name", "district", "cercle", "province", "department",
          "departement", "prefecture")
_ADMIN1 = ("admin1", "adm1_name", "admin1_name", "region")
_COUNTRY = ("iso3", "country_iso3", "country", "pays")
_YEAR = ("year", "annee")
_MONTH = ("month", "mois", "period", "periode", "date", "month_year")
_COORDINATES = {"latitude", "longitude", "lat", "lon", "lng", "long", "x", "y", "geometry",
                "geom_wkt", "the_geom"}
# HDX writes English month names; French names and English abbreviations are read too
_MONTH_NAMES = {name: k + 1 for k, names in enumerate((
    ("january", "janvier"), ("february", "fevrier"), ("march", "mars"), ("april", "avril"),
    ("may", "mai"), ("june", "juin"), ("july", "juillet"), ("august", "aout"),
    ("september", "septembre"), ("october", "octobre"), ("november", "novembre"),
    ("december", "decembre"))) for name in (*names, names[0][:3])}


@dataclass(frozen=True)
class CountsColumns:
    """Which column of a counts table holds what (original names; "" when absent)."""

    events: str
    fatalities: str = ""
    code: str = ""
    name: str = ""
    admin1: str = ""
    country: str = ""
    month: str = ""
    year: str = ""
    hdx: bool = False  # HDX's aggregated ACLED layout (Admin1 Pcode / Admin2 Pcode)


@dataclass
class CountsRead:
    """A table of counts as read: its readable rows parsed, the same rows as they arrived (for
    the rejects file), its layout and its path."""

    parsed: pd.DataFrame
    raw: pd.DataFrame
    columns: CountsColumns
    path: str


def counts_columns(columns: list[str]) -> CountsColumns | None:
    """The layout of a table of counts (a count of events, no coordinates), else None."""
    by_key: dict[str, str] = {}
    for column in columns:
        by_key.setdefault(fold_name(column), column)  # "Admin2 Pcode" -> "admin2pcode"

    def first(names) -> str:
        return next((by_key[fold_name(n)] for n in names if fold_name(n) in by_key), "")

    events = first(_EVENT_COUNTS)
    if not events or set(by_key) & {fold_name(c) for c in _COORDINATES}:
        return None
    return CountsColumns(events=events, fatalities=first(_FATALITIES), code=first(_CODES),
                         name=first(_NAMES), admin1=first(_ADMIN1), country=first(_COUNTRY),
                         month=first(_MONTH), year=first(_YEAR),
                         hdx=bool(first(("admin1_pcode",)) and first(("admin2_pcode",))))


def _months(raw: pd.DataFrame, cols: CountsColumns) -> tuple[pd.Series, np.ndarray]:
    """The first day of each row's month, and a reason per row it could not be read ("")."""
    month_text = raw[cols.month].str.strip() if cols.month else pd.Series("", index=raw.index)
    year_text = raw[cols.year].str.strip() if cols.year else pd.Series("", index=raw.index)

    def parse(m: str, y: str) -> tuple[pd.Timestamp | None, str]:
        number = _MONTH_NAMES.get(fold_name(m)) or (int(m) if m.isdigit() and 1 <= int(m) <= 12 else None)
        if y and number and re.fullmatch(r"\d{4}", y):
            return pd.Timestamp(int(y), number, 1), ""
        found = re.fullmatch(r"(\d{4})[-/.](\d{1,2})(?:[-/.]\d{1,2})?", m)
        if found and 1 <= int(found.group(2)) <= 12:
            return pd.Timestamp(int(found.group(1)), int(found.group(2)), 1), ""
        shown = " ".join(p for p in (m, y) if p)
        return None, f"month {shown!r} is not a month; use a month name and a year (January, 2024) or YYYY-MM"

    pairs = month_text + "\x1f" + year_text
    known = {pair: parse(*pair.split("\x1f")) for pair in pairs.unique()}  # a few hundred months
    out = pd.to_datetime(pairs.map(lambda pair: known[pair][0]))
    reasons = pairs.map(lambda pair: known[pair][1]).to_numpy(dtype=object)
    return out, reasons


def _whole(text: pd.Series, name: str, reasons: np.ndarray, required: bool) -> np.ndarray:
    value = pd.to_numeric(text.str.strip(), errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    empty = (text.str.strip() == "").to_numpy()
    bad = ~empty & ~(np.isfinite(value) & (value >= 0) & (value == np.floor(value)))
    if required:
        bad |= empty
    for i in np.flatnonzero(bad):
        why = f"{name} {text.iat[i]!r} is not a whole number of 0 or more"
        reasons[i] = why if not reasons[i] else reasons[i] + "; " + why
    return np.where(np.isfinite(value) & ~bad, value, 0).astype(np.int64)


def read_counts(raw: pd.DataFrame, rows: pd.Series, path: str, cols: CountsColumns):
    """Parse a table of counts (strings) into rows of (month, area, events, fatalities), and the
    rows that cannot be read, each with its reason (a rejects frame). No join yet (join_counts)."""
    if not cols.month:
        raise InputError(f"{path}: is a table of counts ({cols.events}) but has no month column; "
                         "add Month and Year (HDX's layout) or a month column with YYYY-MM")
    if not (cols.code or cols.name):
        raise InputError(f"{path}: is a table of counts ({cols.events}) but names no area; add "
                         "an Admin2 Pcode column (HDX's layout) or the district's name (Admin2)")
    month, reasons = _months(raw, cols)
    events = _whole(raw[cols.events], cols.events, reasons, required=True)
    deaths = (_whole(raw[cols.fatalities], cols.fatalities, reasons, required=False)
              if cols.fatalities else np.zeros(len(raw), np.int64))
    text = lambda c: raw[c].str.strip() if c else pd.Series("", index=raw.index, dtype=object)  # noqa: E731
    country = text(cols.country)
    iso3 = iso3_from_names(country.tolist())
    parsed = pd.DataFrame({
        "source_file": str(path), "source_row": rows.to_numpy(), "month": month,
        # a country that is not one of ours keeps its own words, so it matches no district
        "country_iso3": np.where(iso3 == "", country.to_numpy(dtype=object), iso3), "admin1": text(cols.admin1),
        "admin2": text(cols.name), "admin2_pcode": text(cols.code).str.upper(),
        "events": events, "fatalities": deaths})
    bad = reasons != ""
    rejects = raw[bad].copy()
    rejects.insert(0, "reason", reasons[bad])
    rejects.insert(0, "source_row", rows[bad].to_numpy())
    rejects.insert(0, "source_file", str(path))
    return (CountsRead(parsed[~bad].reset_index(drop=True), raw[~bad].reset_index(drop=True), cols, str(path)),
            rejects.reset_index(drop=True))


def _name_matches(parsed: pd.DataFrame, table: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Each row's district by folded name within its country (and its admin-1 when the name
    repeats): the index into `table` (-1 none) and how many districts the name fits."""
    folded = table["name"].map(fold_name).to_numpy()
    regions = table["region"].map(fold_name).to_numpy()
    iso3 = table["iso3"].to_numpy()
    found = np.full(len(parsed), -1)
    fits = np.zeros(len(parsed), dtype=int)
    keys = parsed[["admin2", "country_iso3", "admin1"]].astype(str).agg("\x1f".join, axis=1)
    for key, at in parsed.groupby(keys, sort=False).indices.items():
        name, country, admin1 = key.split("\x1f")
        hit = (folded == fold_name(name)) & ((iso3 == country) if country else True)
        if hit.sum() > 1 and admin1:
            hit &= regions == fold_name(admin1)
        fits[at] = int(hit.sum())
        if hit.sum() == 1:
            found[at] = int(np.flatnonzero(hit)[0])
    return found, fits


def join_counts(read: CountsRead, zone_of_region: dict[tuple[str, str], str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Counts joined to our districts (COUNTS_COLUMNS), and the rows that match none (with
    their reason). A name-only table with any unmatched name is refused (InputError)."""
    parsed, raw, path, cols = read.parsed, read.raw, read.path, read.columns
    table = district_table()
    by_code = pd.Series(np.arange(len(table)), index=table["pcode"].str.upper())
    at = parsed["admin2_pcode"].map(by_code).fillna(-1).astype(int).to_numpy()
    matched_by = np.where(at >= 0, "pcode", "")
    if cols.name:
        by_name, fits = _name_matches(parsed, table)
        use = (at < 0) & (by_name >= 0)
        at = np.where(use, by_name, at)
        matched_by = np.where(use, "name", matched_by)
    else:
        fits = np.zeros(len(parsed), dtype=int)
    unmatched = at < 0
    if unmatched.any() and not cols.code:
        names = (parsed.loc[unmatched, ["admin2", "country_iso3"]].assign(fits=fits[unmatched])
                 .drop_duplicates(["admin2", "country_iso3"]))
        listed = ", ".join(f"{n!r}" + (f" ({c})" if c else "") + (" fits several districts" if f > 1 else "")
                           for n, c, f in names.itertuples(index=False))
        raise InputError(
            f"{path}: {len(names)} of its area names match no single district of Mali, Niger "
            f"or Burkina Faso ({listed}); spell them as data/layers/admin2_districts.geojson "
            "does, or add a P-code column (Admin2 Pcode)")
    chosen = table.iloc[np.where(unmatched, 0, at)].reset_index(drop=True)
    region = chosen["region"].to_numpy(dtype=object)
    iso3 = chosen["iso3"].to_numpy(dtype=object)
    zone = np.array([zone_of_region.get((c, r), "other") for c, r in zip(iso3, region, strict=True)],
                    dtype=object)
    joined = pd.DataFrame({
        "source_file": parsed["source_file"], "source_row": parsed["source_row"],
        "dataset": "acled_hdx" if cols.hdx else "counts", "month": parsed["month"],
        "country_iso3": iso3, "region": region, "zone": zone,
        "district": chosen["name"].to_numpy(dtype=object),
        "district_pcode": chosen["pcode"].to_numpy(dtype=object),
        "admin2": parsed["admin2"], "admin2_pcode": parsed["admin2_pcode"],
        "matched_by": matched_by, "events": parsed["events"], "fatalities": parsed["fatalities"]})

    def why(code: str, name: str, iso3: str) -> str:
        named = " / ".join(p for p in (f"{cols.code} {code!r}" if code else "",
                                       f"{cols.name} {name!r}" if name else "") if p)
        where = f" ({iso3})" if iso3 else ""
        if not named:
            return f"the row names no district{where}: its {cols.code or cols.name} is empty; its counts are not mapped"
        return (f"{named}{where} matches none of our districts (Mali's cercles, Niger's departments, "
                "Burkina Faso's provinces); its counts are not mapped")

    rejects = raw[unmatched].copy()
    rejects.insert(0, "reason", [why(c, n, i) for c, n, i in parsed.loc[
        unmatched, ["admin2_pcode", "admin2", "country_iso3"]].itertuples(index=False)])
    rejects.insert(0, "source_row", parsed.loc[unmatched, "source_row"].to_numpy())
    rejects.insert(0, "source_file", str(path))
    return joined[~unmatched].reset_index(drop=True), rejects.reset_index(drop=True)


def filter_counts(counts: pd.DataFrame, since, until, countries, districts) -> pd.Series:
    """The rows the CLI's --since/--until (by month: a month is kept when it starts on or
    after --since's month and on or before --until), --country and --district keep."""
    keep = pd.Series(True, index=counts.index)
    if since:
        keep &= counts["month"] >= pd.Timestamp(since).to_period("M").to_timestamp()
    if until:
        keep &= counts["month"] <= pd.Timestamp(until)
    if countries:
        keep &= counts["country_iso3"].isin(countries)
    if districts:
        keep &= counts["district_pcode"].isin(districts)
    return keep


def counts_summary(read: list[tuple[str, int, int, int]], kept: pd.DataFrame, filtered: pd.DataFrame,
                   unmatched: pd.DataFrame, unread: pd.DataFrame) -> dict:
    """The summary's "counts": the files' totals (as the workbook sums them), what was mapped,
    filtered out, unmatched or unreadable, and the mapped counts by district."""
    def total(frame: pd.DataFrame) -> dict:
        return {"rows": int(len(frame)), "events": int(frame["events"].sum()) if len(frame) else 0,
                "fatalities": int(frame["fatalities"].sum()) if len(frame) else 0}

    by_district = {}
    if len(kept):
        groups = kept.groupby("district_pcode", sort=True)
        first = groups[["district", "region", "country_iso3"]].first()
        sums = groups[["events", "fatalities"]].sum()
        by_district = {str(code): {"name": str(first.at[code, "district"]),
                                   "region": str(first.at[code, "region"]),
                                   "country": str(first.at[code, "country_iso3"]),
                                   "events": int(sums.at[code, "events"]),
                                   "fatalities": int(sums.at[code, "fatalities"])}
                       for code in first.index}
    areas = (unmatched[["admin2_pcode", "admin2", "country_iso3"]].drop_duplicates()
             .itertuples(index=False) if len(unmatched) else [])
    return {
        "files": [{"path": p, "rows": r, "events": e, "fatalities": f} for p, r, e, f in read],
        "events": sum(e for _, _, e, _ in read),
        "fatalities": sum(f for _, _, _, f in read),
        "mapped": total(kept),
        "filtered_out": total(filtered),
        "unmatched": {**total(unmatched),
                      "areas": [{"pcode": c, "name": n, "country": i} for c, n, i in areas]},
        "unreadable_rows": int(len(unread)),
        "matched_by": {k: int(v) for k, v in kept["matched_by"].value_counts().sort_index().items()},
        "months": ([kept["month"].min().strftime("%Y-%m"), kept["month"].max().strftime("%Y-%m")]
                   if len(kept) else []),
        "by_district": by_district,
    }
