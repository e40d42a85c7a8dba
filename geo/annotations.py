"""Editors' annotations (`--annotations FILE`): labelled points and dates from a CSV file.

A row has a `label` and a place — `longitude` and `latitude`, or `place` (a gazetteer name or
an event id of the run) — or a `date` (a label on the chart's time axis), or both (a point
shown on the small multiple of its period too). Optional: `leader` (yes/no: a line from the
label to its point) and `side` (left, right, above, below). Bad rows are rejected with their
reason, as bad events are; none is dropped silently.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from geo.boundaries import load_layer
from geo.errors import InputError

__all__ = ["COLUMNS", "SIDES", "Annotations", "load_annotations"]

COLUMNS = ("label", "longitude", "latitude", "place", "date", "leader", "side")
SIDES = ("left", "right", "above", "below")
_YES, _NO = {"yes", "y", "true", "1"}, {"no", "n", "false", "0", ""}


@dataclass
class Annotations:
    """`rows`: label, longitude, latitude (NaN for a date only), date (NaT if none), leader,
    side ("" for any), source_row; `rejects`: source_file, source_row, reason, then the fields."""

    path: Path
    rows: pd.DataFrame
    rejects: pd.DataFrame

    @property
    def points(self) -> pd.DataFrame:
        return self.rows[self.rows["longitude"].notna()]

    @property
    def dates(self) -> pd.DataFrame:
        """Rows with a date and no place: labels of the chart's time axis."""
        return self.rows[self.rows["date"].notna() & self.rows["longitude"].isna()]

    def summary(self) -> dict:
        return {"path": str(self.path), "read": len(self.rows) + len(self.rejects),
                "accepted": len(self.rows), "rejected": len(self.rejects)}


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold().strip()


def _gazetteer() -> dict[str, tuple[float, float]]:
    """Folded name -> (lon, lat): the shipped GeoNames places (with their alternate names),
    then Natural Earth's places (English and French names) where GeoNames has none."""
    found: dict[str, tuple[float, float]] = {}
    context = load_layer("context_places")
    for name, name_fr, point in zip(context["name"], context["name_fr"], context.geometry, strict=True):
        for n in (name, name_fr):
            if isinstance(n, str) and n:
                found[_fold(n)] = (point.x, point.y)
    places = load_layer("places")
    for name, alternates, point in zip(places["name"], places["alternatenames"], places.geometry, strict=True):
        for n in [name, *str(alternates or "").split("|")]:
            if n:
                found[_fold(n)] = (point.x, point.y)
    return found


def _number(text: str, low: float, high: float, name: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"{name} {text!r} is not a number; use '.' as the decimal separator") from None
    if not low <= value <= high:
        raise ValueError(f"{name} {value:g} is outside {low:g}..{high:g}")
    return value


def _row(fields: dict, events: pd.DataFrame | None, gazetteer) -> dict:
    label = fields.get("label", "").strip()
    if not label:
        raise ValueError("label is empty")
    lon_text, lat_text = fields.get("longitude", "").strip(), fields.get("latitude", "").strip()
    place = fields.get("place", "").strip()
    lon = lat = float("nan")
    if lon_text or lat_text:
        if not (lon_text and lat_text):
            raise ValueError("give both longitude and latitude, or neither")
        if place:
            raise ValueError(f"give longitude/latitude or place {place!r}, not both")
        lon = _number(lon_text, -180, 180, "longitude")
        lat = _number(lat_text, -90, 90, "latitude")
    elif place:
        ids = events["event_id"].astype(str) if events is not None and len(events) else pd.Series([], dtype=str)
        hit = events[ids == place] if len(ids) else None
        if hit is not None and len(hit):
            lon, lat = float(hit["longitude"].iloc[0]), float(hit["latitude"].iloc[0])
        elif _fold(place) in gazetteer:
            lon, lat = gazetteer[_fold(place)]
        else:
            raise ValueError(f"place {place!r} is neither an event id of this run nor a gazetteer "
                             "place; give longitude and latitude instead")
    date_text = fields.get("date", "").strip()
    date = pd.NaT
    if date_text:
        try:
            date = pd.Timestamp(dt.date.fromisoformat(date_text))
        except ValueError:
            raise ValueError(f"date {date_text!r} is not a date; use YYYY-MM-DD") from None
    if pd.isna(lon) and pd.isna(date):
        raise ValueError("no place and no date: give longitude/latitude, place or date")
    leader = fields.get("leader", "").strip().casefold()
    if leader not in _YES | _NO:
        raise ValueError(f"leader {fields.get('leader')!r} is not yes or no")
    side = fields.get("side", "").strip().casefold()
    if side and side not in SIDES:
        raise ValueError(f"side {fields.get('side')!r} is not one of {', '.join(SIDES)}")
    return {"label": label, "longitude": lon, "latitude": lat, "date": date,
            "leader": leader in _YES, "side": side}


def load_annotations(path: str | Path, events: pd.DataFrame | None = None) -> Annotations:
    """Read an annotations CSV (UTF-8, a header row). A file that cannot be used raises
    InputError naming it and the fix; a bad row becomes a reject with its reason."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"--annotations {path}: no such file") from None
    except UnicodeDecodeError:
        raise InputError(f"--annotations {path}: not UTF-8 text; save the CSV as UTF-8") from None
    reader = csv.DictReader(io.StringIO(text))
    header = [(h or "").strip().casefold() for h in reader.fieldnames or []]
    if "label" not in header:
        raise InputError(f"--annotations {path}: the header {header!r} has no 'label' column; the "
                         f"columns are {', '.join(COLUMNS)} (label and a place or a date)")
    unknown = [h for h in header if h not in COLUMNS]
    if unknown:
        raise InputError(f"--annotations {path}: unknown columns {', '.join(unknown)}; use {', '.join(COLUMNS)}")
    reader.fieldnames = header
    gazetteer = _gazetteer()
    rows, rejects = [], []
    for number, fields in enumerate(reader, start=2):
        fields = {k: (v or "") for k, v in fields.items() if k is not None}
        try:
            rows.append({**_row(fields, events, gazetteer), "source_row": number})
        except ValueError as exc:
            rejects.append({"source_file": str(path), "source_row": number, "reason": str(exc), **fields})
    frame = pd.DataFrame(rows, columns=["label", "longitude", "latitude", "date", "leader", "side",
                                        "source_row"])
    frame["date"] = pd.to_datetime(frame["date"])
    return Annotations(path, frame, pd.DataFrame(rejects, columns=["source_file", "source_row", "reason",
                                                                   *COLUMNS]))
