"""UCDP GED: the 49-column CSV of every version since 2017, and the API's `Result` records.

Precision codes (documented in the README):
- `where_prec` -> `geo_precision`: 1 exact place -> 1; 2 within 25 km -> 2;
  3 second-order admin area -> 2; 4 first-order admin area, 5 linear feature,
  6 country, 7 international waters -> 3.
- `date_prec` -> `time_precision`: 1 exact day -> 1; 2 two-to-six days, 3 week -> 2;
  4 month, 5 longer -> 3.
- `type_of_violence` -> ACLED `event_type`: 1 state-based and 2 non-state -> Battles;
  3 one-sided -> Violence against civilians. The original goes to `source_event_type`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from geo.formats._spec import FormatSpec, Header, fill_country_from_codes, join_reasons

__all__ = ["SPEC", "REDUCED_SPEC"]

VIOLENCE = {
    "1": ("Battles", "State-based violence"),
    "2": ("Battles", "Non-state violence"),
    "3": ("Violence against civilians", "One-sided violence"),
}
WHERE_PREC = {"1": "1", "2": "2", "3": "2", "4": "3", "5": "3", "6": "3", "7": "3"}
DATE_PREC = {"1": "1", "2": "2", "3": "2", "4": "3", "5": "3"}


def _sides_from_dyad(header: Header, raw: pd.DataFrame, out: pd.DataFrame) -> int:
    """side_a/side_b from `dyad_name` ("Government of Mali - JNIM") where the file has no
    side columns (UCDP's web download saved as a workbook). UCDP writes the dyad as
    side_a + " - " + side_b (all 2,120 rows of the Mali web download; one side is sometimes
    padded, "MPGK  - Civilians"). Returns how many rows were split."""
    if "dyad_name" not in header or ("side_a" in header and "side_b" in header):
        return 0
    parts = header.column(raw, "dyad_name").str.split(" - ", n=1, expand=True)
    if parts.shape[1] < 2:
        return 0
    split = parts[1].notna()
    for side, part in (("actor1", parts[0]), ("actor2", parts[1])):
        if out[side].eq("").all():
            out[side] = part.where(split, "").fillna("").str.strip()
    out.loc[~split, "actor1"] = header.column(raw, "dyad_name")[~split].str.strip()
    return int(split.sum())


def _whole_ids(out: pd.DataFrame) -> int:
    """Ids a spreadsheet wrote as floats (`487942.0`) are the integers UCDP gave."""
    floats = out["event_id"].str.fullmatch(r"\s*\d+\.0+\s*")
    if floats.any():
        out.loc[floats, "event_id"] = out.loc[floats, "event_id"].str.strip().str.split(".").str[0]
    return int(floats.sum())


def _recode(header: Header, raw: pd.DataFrame, out: pd.DataFrame) -> dict:
    report = {}
    split = _sides_from_dyad(header, raw, out)
    if split:
        report["sides_from_dyad_name"] = split
    floats = _whole_ids(out)
    if floats:
        report["float_ids_read_as_integers"] = floats
    violence = header.column(raw, "type_of_violence", trim=True)
    code = violence.where(violence.isin(list(VIOLENCE)),
                          violence.map({text: code for code, (_, text) in VIOLENCE.items()}))
    out["event_type"] = code.map({k: v[0] for k, v in VIOLENCE.items()}).fillna("")
    out["source_event_type"] = code.map({k: v[1] for k, v in VIOLENCE.items()}).fillna(violence)
    out["time_precision"] = out["time_precision"].map(DATE_PREC).fillna(out["time_precision"])
    out["geo_precision"] = out["geo_precision"].map(WHERE_PREC).fillna(out["geo_precision"])
    out["source"] = ("UCDP GED " + header.column(raw, "source_office")).str.strip()
    filled = fill_country_from_codes(header, raw, out, {"country_id": "gwno"})
    return report | ({"country_from_code": filled} if filled else {})


def _check(header: Header, raw: pd.DataFrame) -> np.ndarray:
    reasons = np.full(len(raw), "", dtype=object)
    allowed_violence = list(VIOLENCE) + [text for _, text in VIOLENCE.values()]
    for column, allowed in (("type_of_violence", allowed_violence),
                            ("where_prec", list(WHERE_PREC)), ("date_prec", list(DATE_PREC))):
        if column in header:
            value = header.column(raw, column, trim=True)
            shown = ("'" + value.str.slice(0, 30) + "'").to_numpy(dtype=object)
            join_reasons(reasons, (~value.isin(allowed) & (value != "")).to_numpy(),
                         column + " " + shown + f" is not a UCDP code ({', '.join(allowed[:7])})")
    if "date_end" in header:
        start = _day(header.column(raw, "date_start", trim=True))
        end = _day(header.column(raw, "date_end", trim=True))
        join_reasons(reasons, (end < start).to_numpy(), "date_end is before date_start")
    return reasons


def _day(text: pd.Series) -> pd.Series:
    """The day of each cell by the date reader's rules (the web download's `05/26/2016
    00:00:00` too); NaT where a column cannot be read (event_date's check says why)."""
    import datetime as dt

    from geo._dates import parse_dates
    from geo.errors import InputError

    try:
        return parse_dates(text, dt.date.today(), "date_end")[0]
    except InputError:
        return _iso_day(text)


def _iso_day(text: pd.Series) -> pd.Series:
    """The date part of '2020-03-01' or '2020-03-01 00:00:00.000' (GED CSV and API styles)."""
    return pd.to_datetime(text.str.slice(0, 10), format="%Y-%m-%d", errors="coerce")


def _era(header: Header) -> str:
    web = any(c.strip().casefold() == "best_est" for c in header.original)
    return f"UCDP GED{' web download' if web else ''}, {len(header.original)} columns"


SPEC = FormatSpec(
    name="ucdp",
    title="UCDP GED",
    required=("id", "type_of_violence", "side_a", "side_b", "date_start", "latitude",
              "longitude", "best"),
    columns={
        "event_id": "id", "event_date": "date_start", "time_precision": "date_prec",
        "event_type": "type_of_violence", "actor1": "side_a", "actor2": "side_b",
        "fatalities": "best", "fatalities_low": "low", "fatalities_high": "high",
        "latitude": "latitude", "longitude": "longitude", "geo_precision": "where_prec",
        "location": "where_coordinates", "admin1": "adm_1", "admin2": "adm_2", "country": "country",
        "notes": "source_headline", "source_event_type": "type_of_violence",
    },
    dataset="ucdp",
    source="ucdp",  # data/sources.toml: its credit in every language
    trimmed=frozenset({"id", "date_start", "date_end", "type_of_violence", "date_prec",
                       "where_prec", "latitude", "longitude", "best", "low", "high", "adm_1"}),
    # UCDP's web download (ucdp.uu.se country pages): best_est/high_est/low_est, and as a
    # workbook dyad_name without side_a/side_b
    aliases={"best_est": "best", "high_est": "high", "low_est": "low"},
    stand_ins={"side_a": "dyad_name", "side_b": "dyad_name"},
    recode=_recode,
    check=_check,
    era=_era,
)


def _reduced_recode(header: Header, raw: pd.DataFrame, out: pd.DataFrame) -> dict:
    parts = [header.column(raw, c, trim=True) for c in ("year", "month", "day")]
    out["event_date"] = parts[0] + "-" + parts[1].str.zfill(2) + "-" + parts[2].str.zfill(2)
    _recode(header, raw, out)
    out["source"] = "UCDP GED (reduced extract), event " + out["event_id"]
    out["notes"] = "UCDP conflict: " + header.column(raw, "conflict_name")
    return {}


# The 14-column extract some researchers circulate (year/month/day, *_death counts); the
# project's own UCDP GED 21.1 source is in this layout.
REDUCED_SPEC = FormatSpec(
    name="ucdp-reduced",
    title="UCDP GED reduced extract",
    required=("id", "type_of_violence", "side_a", "side_b", "year", "month", "day", "latitude",
              "longitude", "best_death"),
    columns={**{k: v for k, v in SPEC.columns.items() if k not in ("event_date", "fatalities",
                                                                     "fatalities_low", "fatalities_high")},
             "fatalities": "best_death", "fatalities_low": "low_death", "fatalities_high": "high_death"},
    dataset="ucdp",
    source="ucdp",  # data/sources.toml: its credit in every language
    trimmed=SPEC.trimmed | {"best_death", "low_death", "high_death"},
    recode=_reduced_recode,
    check=_check,
    era=lambda header: "UCDP GED reduced extract (year, month, day columns)",
)
