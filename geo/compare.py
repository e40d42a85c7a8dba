"""What changed between two periods: events, fatalities and events per area in each admin-1
region (or district) in window A and in window B, and the change from A to B.

An area whose events in the two windows together number fewer than MIN_EVENTS is marked
`too_few` and given no change class: a rise from 1 to 3 events is not a trend. The classes
are symmetric around zero (`change_classes`): two bounds e1 < e2 taken as "nice" numbers
(1, 2, 2.5, 5 x 10^k) near a third and two thirds of the largest change of a comparable
area, so a decrease and an increase of the same size always share a class and colour.
"""

from __future__ import annotations

import datetime as dt
import math
import re

import numpy as np
import pandas as pd

from geo.errors import ConfigError

__all__ = ["MIN_EVENTS", "METRICS", "Window", "parse_compare", "compare_areas", "change_classes", "compare_summary",
           "check_coverage", "largest_changes"]

MIN_EVENTS = 10
METRICS = ("events", "killed", "density")  # density: events per 10,000 km² (as the choropleth)
_WINDOW = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})\s*\.\.\s*(\d{4}-\d{2}-\d{2})\s*$")


class Window(tuple):
    """(first day, last day), both included."""

    def __new__(cls, first: dt.date, last: dt.date):
        return super().__new__(cls, (first, last))

    @property
    def label(self) -> str:
        return f"{self[0]}..{self[1]}"


def parse_compare(value: str) -> tuple[Window, Window]:
    """'2019-08-18..2020-08-17,2020-08-18..2021-08-17' -> two windows; ConfigError names the fix."""
    parts = str(value).split(",")
    fix = "give two windows as A_START..A_END,B_START..B_END, e.g. 2019-08-18..2020-08-17,2020-08-18..2021-08-17"
    if len(parts) != 2:
        raise ConfigError(f"--compare {value!r}: {fix}")
    windows = []
    for part in parts:
        found = _WINDOW.match(part)
        if not found:
            raise ConfigError(f"--compare {value!r}: {part.strip()!r} is not START..END; {fix}")
        try:
            first, last = (dt.date.fromisoformat(d) for d in found.groups())
        except ValueError as exc:
            raise ConfigError(f"--compare {value!r}: {exc}; {fix}") from None
        if first > last:
            raise ConfigError(f"--compare {value!r}: {part.strip()} ends before it starts; swap the dates")
        windows.append(Window(first, last))
    return windows[0], windows[1]


def check_coverage(events: pd.DataFrame, windows: tuple[Window, Window], margin_days: int = 31) -> None:
    """Refuse a window that runs (by more than a month) past the events' first or last date:
    a window the data do not cover would read as a fall in violence."""
    if not len(events):
        return
    first, last = events["event_date"].min().date(), events["event_date"].max().date()
    for name, window in zip("AB", windows, strict=True):
        if window[0] < first - dt.timedelta(days=margin_days) or window[1] > last + dt.timedelta(days=margin_days):
            raise ConfigError(f"--compare window {name} {window.label} runs past the events kept, "
                              f"{first} to {last}; choose windows inside them, or load a file that covers "
                              "them (e.g. data/events/ucdp_ged241_mali.csv for Mali to 2023) and check "
                              "--since/--until")


def compare_areas(events: pd.DataFrame, areas: pd.DataFrame, windows: tuple[Window, Window],
                  key: tuple[str, ...] = ("iso3", "name")) -> pd.DataFrame:
    """One row per area of `areas` (admin-1 regions: key iso3+name, joined to the events'
    country_iso3+region; districts: key ("pcode",), joined to district_pcode): events_a,
    events_b, killed_a, killed_b, density_a, density_b (per 10,000 km² of `area_km2`), the
    change of each (`*_change` = B - A), `too_few`."""
    event_key = {"iso3": "country_iso3", "name": "region", "pcode": "district_pcode"}
    out = areas[[*key, "area_km2"]].copy().reset_index(drop=True)
    for name, (first, last) in zip("ab", windows, strict=True):
        inside = events[(events["event_date"] >= pd.Timestamp(first)) & (events["event_date"] <= pd.Timestamp(last))]
        grouped = inside.groupby([event_key[k] for k in key])
        counts = grouped.size().rename(f"events_{name}")
        killed = grouped["fatalities"].sum(min_count=0).rename(f"killed_{name}")
        table = pd.concat([counts, killed], axis=1).reset_index()
        table.columns = [*key, f"events_{name}", f"killed_{name}"]
        out = out.merge(table, on=list(key), how="left")
        out[[f"events_{name}", f"killed_{name}"]] = out[[f"events_{name}", f"killed_{name}"]].fillna(0).astype(int)
        out[f"density_{name}"] = out[f"events_{name}"] / out["area_km2"] * 1e4
    for metric in METRICS:
        out[f"{metric}_change"] = out[f"{metric}_b"] - out[f"{metric}_a"]
    out["too_few"] = (out["events_a"] + out["events_b"]) < MIN_EVENTS
    return out


def _nice(x: float) -> float:
    if x <= 0:
        return 0.0
    power = 10 ** math.floor(math.log10(x))
    return min((m * power for m in (1, 2, 2.5, 5, 10)), key=lambda v: abs(v - x))


def change_classes(changes: np.ndarray, comparable: np.ndarray) -> tuple[np.ndarray, list[float]]:
    """(class per area from -2 to 2, or -9 when not comparable; the bounds [e1, e2]).

    Classes: -2 below -e2, -1 from -e2 to -e1, 0 within ±e1, 1 from e1 to e2, 2 above e2
    (a value on a bound goes to the class nearer zero)."""
    changes = np.asarray(changes, float)
    comparable = np.asarray(comparable, bool)
    top = float(np.abs(changes[comparable]).max()) if comparable.any() else 0.0
    e1 = _nice(top / 3) or 1.0
    e2 = max(_nice(2 * top / 3), 2 * e1)
    size = np.abs(changes)
    classes = np.where(size <= e1, 0, np.where(size <= e2, 1, 2)) * np.sign(changes)
    return np.where(comparable, classes, -9).astype(int), [e1, e2]


def largest_changes(table: pd.DataFrame, metric: str = "events", n: int = 10) -> list[dict]:
    """The `n` comparable areas with the largest change of `metric`, largest first (by size)."""
    names = [c for c in ("iso3", "name", "pcode") if c in table]
    rows = table[~table["too_few"]].assign(_size=table[f"{metric}_change"].abs())
    rows = rows.sort_values(["_size", *names], ascending=[False] + [True] * len(names), kind="stable")
    keep = names + [
        f"{m}_{s}" for m in ("events", "killed") for s in ("a", "b", "change")]
    return [{k: (v.item() if hasattr(v, "item") else v) for k, v in r.items()}
            for r in rows.head(n)[keep].to_dict("records")]


def _records(table: pd.DataFrame, columns: list[str]) -> list[dict]:
    return [{k: (v.item() if hasattr(v, "item") else v) for k, v in r.items()}
            for r in table[columns].to_dict("records")]


def compare_summary(events: pd.DataFrame, regions: pd.DataFrame, districts: pd.DataFrame | None,
                    windows: tuple[Window, Window], metric: str = "events") -> dict:
    """The summary's `compare`: the windows, per region and district the counts, changes,
    class (-2..2, -9 too few) and the largest changes (regions and districts, by `metric`)."""
    if metric not in METRICS:
        raise ConfigError(f"--compare-metric {metric!r} is not one of: {', '.join(METRICS)}")
    check_coverage(events, windows)
    out = {"windows": [w.label for w in windows], "metric": metric, "min_events": MIN_EVENTS}
    values = [f"{m}_{s}" for m in METRICS for s in ("a", "b", "change")]
    for level, areas, key in (("regions", regions, ("iso3", "name")), ("districts", districts, ("pcode",))):
        if areas is None or not len(areas):
            continue
        table = compare_areas(events, areas, windows, key)
        if level == "districts":
            table = table.merge(areas[["pcode", "name", "region", "iso3"]], on="pcode", how="left")
        classes, bounds = change_classes(table[f"{metric}_change"].to_numpy(), ~table["too_few"].to_numpy())
        table = table.assign(change_class=classes)
        names = ["iso3", "name"] + (["pcode", "region"] if level == "districts" else [])
        table = table[(table["events_a"] + table["events_b"]) > 0].round({f"density_{s}": 3 for s in ("a", "b", "change")})
        out[level] = _records(table, [*names, *values, "too_few", "change_class"])
        out[f"{level}_bounds"] = bounds
        out[f"largest_{level}"] = largest_changes(table, metric)
    return out
