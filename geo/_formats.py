"""Input formats: detect one from a header, and map its columns onto the canonical schema.

Precision codes (documented in the README):
- UCDP `where_prec` -> `geo_precision`: 1 exact place -> 1; 2 within 25 km -> 2;
  3 second-order admin area -> 2; 4 first-order admin area, 5 linear feature,
  6 country, 7 international waters -> 3.
- UCDP `date_prec` -> `time_precision`: 1 exact day -> 1; 2 two-to-six days, 3 week -> 2;
  4 month, 5 longer -> 3.
- UCDP `type_of_violence` -> ACLED `event_type`: 1 state-based and 2 non-state -> Battles;
  3 one-sided -> Violence against civilians. The original goes to `source_event_type`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from geo.errors import InputError
from geo.schema import DATASETS

__all__ = ["FORMATS", "detect_format", "looks_like_data", "source_reasons", "to_canonical"]

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)
# What each format must have; the rest of its columns are optional.
REQUIRED = {
    "acled": ("event_id_cnty", "event_date", "event_type", "latitude", "longitude", "fatalities"),
    "ucdp": ("id", "type_of_violence", "side_a", "side_b", "date_start", "latitude",
             "longitude", "best"),
    "native": ("event_date", "event_type", "latitude", "longitude"),
}
FORMATS = ("acled", "ucdp", "native")
FORMAT_NAMES = {"acled": "ACLED", "ucdp": "UCDP GED", "native": "native-schema"}
UCDP_VIOLENCE = {
    "1": ("Battles", "State-based violence"),
    "2": ("Battles", "Non-state violence"),
    "3": ("Violence against civilians", "One-sided violence"),
}
UCDP_WHERE_PREC = {"1": "1", "2": "2", "3": "2", "4": "3", "5": "3", "6": "3", "7": "3"}
UCDP_DATE_PREC = {"1": "1", "2": "2", "3": "2", "4": "3", "5": "3"}


def detect_format(columns: list[str], source: str, forced: str = "auto") -> str:
    """The format whose required columns the header holds; the most specific one wins.

    With `forced`, only check that format's required columns.
    """
    present = set(columns)
    if forced != "auto":
        _require(forced, present, source)
        return forced
    complete = [f for f in FORMATS if set(REQUIRED[f]) <= present]
    if "acled" in complete and "ucdp" in complete:
        raise InputError(f"{source}: the header fits both ACLED and UCDP GED; pass --format acled "
                         "or --format ucdp")
    if complete:
        return complete[0]  # FORMATS is ordered from most to least specific
    best = max(FORMATS, key=lambda f: len(set(REQUIRED[f]) & present) / len(REQUIRED[f]))
    share = len(set(REQUIRED[best]) & present) / len(REQUIRED[best])
    if share >= 0.5:
        _require(best, present, source)
    shown = ", ".join(columns[:8]) + (", ..." if len(columns) > 8 else "")
    hint = ("the first line looks like data, not a header: add the header row"
            if looks_like_data(columns)
            else "rename the columns to ACLED, UCDP GED or native names (see README, 'Input formats')")
    raise InputError(f"{source}: no recognisable header (first columns: {shown}); {hint}, "
                     "or pass --format acled|ucdp|native")


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def looks_like_data(columns: list[str]) -> bool:
    """A "header" with two or more numbers in it is a data row (the header is missing)."""
    return sum(_is_number(c) for c in columns) >= 2


def _require(fmt: str, present: set[str], source: str) -> None:
    missing = [c for c in REQUIRED[fmt] if c not in present]
    if missing:
        raise InputError(
            f"{source}: {FORMAT_NAMES[fmt]} file is missing required column(s) "
            f"{', '.join(missing)}; add or rename them (required: {', '.join(REQUIRED[fmt])})"
        )


# Coded fields are trimmed so that " 14.2" or "Battles " validate; text is kept as written
# (trimming a million notes costs about a second and changes nothing a reader sees).
_TRIMMED = {"event_id_cnty", "event_id", "id", "event_date", "date_start", "date_end",
            "event_type", "type_of_violence", "time_precision", "date_prec", "geo_precision",
            "where_prec", "latitude", "longitude", "fatalities", "fatalities_low",
            "fatalities_high", "best", "low", "high", "dataset", "admin1", "adm_1"}


def _col(frame: pd.DataFrame, name: str) -> pd.Series:
    if name in frame.columns:
        return frame[name].str.strip() if name in _TRIMMED else frame[name]
    return pd.Series("", index=frame.index, dtype="str")


def to_canonical(frame: pd.DataFrame, fmt: str) -> pd.DataFrame:
    """Rename/recode a string table of format `fmt` to canonical columns (still strings)."""
    c = lambda name: _col(frame, name)  # noqa: E731
    if fmt == "acled":
        return pd.DataFrame({
            "event_id": c("event_id_cnty"), "event_date": c("event_date"),
            "time_precision": c("time_precision"), "event_type": c("event_type"),
            "sub_event_type": c("sub_event_type"), "actor1": c("actor1"), "actor2": c("actor2"),
            "fatalities": c("fatalities"), "fatalities_low": "", "fatalities_high": "",
            "latitude": c("latitude"), "longitude": c("longitude"),
            "geo_precision": c("geo_precision"), "location": c("location"),
            "admin1": c("admin1"), "country": c("country"), "source": c("source"),
            "notes": c("notes"), "dataset": "acled", "source_event_type": c("event_type"),
        }, index=frame.index)
    if fmt == "ucdp":
        violence = c("type_of_violence")
        code = violence.where(violence.isin(list(UCDP_VIOLENCE)), violence.map(
            {text: code for code, (_, text) in UCDP_VIOLENCE.items()}))
        return pd.DataFrame({
            "event_id": c("id"), "event_date": c("date_start"),
            "time_precision": c("date_prec").map(UCDP_DATE_PREC).fillna(c("date_prec")),
            "event_type": code.map({k: v[0] for k, v in UCDP_VIOLENCE.items()}).fillna(""),
            "sub_event_type": "", "actor1": c("side_a"), "actor2": c("side_b"),
            "fatalities": c("best"), "fatalities_low": c("low"), "fatalities_high": c("high"),
            "latitude": c("latitude"), "longitude": c("longitude"),
            "geo_precision": c("where_prec").map(UCDP_WHERE_PREC).fillna(c("where_prec")),
            "location": c("where_coordinates"), "admin1": c("adm_1"), "country": c("country"),
            "source": ("UCDP GED " + c("source_office")).str.strip(),
            "notes": c("source_headline"), "dataset": "ucdp",
            "source_event_type": code.map({k: v[1] for k, v in UCDP_VIOLENCE.items()}).fillna(violence),
        }, index=frame.index)
    dataset = c("dataset")
    return pd.DataFrame({
        "event_id": c("event_id"), "event_date": c("event_date"),
        "time_precision": c("time_precision"), "event_type": c("event_type"),
        "sub_event_type": c("sub_event_type"), "actor1": c("actor1"), "actor2": c("actor2"),
        "fatalities": c("fatalities"), "fatalities_low": c("fatalities_low"),
        "fatalities_high": c("fatalities_high"), "latitude": c("latitude"),
        "longitude": c("longitude"), "geo_precision": c("geo_precision"),
        "location": c("location"), "admin1": c("admin1"), "country": c("country"),
        "source": c("source"), "notes": c("notes"),
        "dataset": dataset.where(dataset.isin(DATASETS), "native"),
        "source_event_type": c("source_event_type"),
    }, index=frame.index)


def source_reasons(frame: pd.DataFrame, fmt: str) -> np.ndarray:
    """Problems in a format's own coded columns, named as the source names them."""
    reasons = np.full(len(frame), "", dtype=object)
    if fmt != "ucdp":
        return reasons

    def add(mask: pd.Series, text) -> None:
        mask = mask.to_numpy(dtype=bool)
        chosen = text[mask] if isinstance(text, np.ndarray) else text
        reasons[mask] = np.where(reasons[mask] == "", chosen, reasons[mask] + "; " + chosen)

    for column, allowed in (("type_of_violence", list(UCDP_VIOLENCE) + [t for _, t in UCDP_VIOLENCE.values()]),
                            ("where_prec", list(UCDP_WHERE_PREC)), ("date_prec", list(UCDP_DATE_PREC))):
        if column in frame.columns:
            value = frame[column].str.strip()
            shown = ("'" + value.str.slice(0, 30) + "'").to_numpy(dtype=object)
            add(~value.isin(allowed) & (value != ""),
                column + " " + shown + f" is not a UCDP code ({', '.join(allowed[:7])})")
    if "date_end" in frame.columns:
        start = pd.to_datetime(frame["date_start"], format="%Y-%m-%d", errors="coerce")
        end = pd.to_datetime(frame["date_end"], format="%Y-%m-%d", errors="coerce")
        add(end < start, "date_end is before date_start")
    return reasons
