"""What a page can carry of more events than fit in it (--engine dask above its event limit):
pure counting, no map (the counts layer is layers/_aggregate.py).

Instead of every event, the page gets counts per grid cell (three cell sizes, one per zoom
band) by event type, and by month on the coarsest grid, covering every event; counts by
month, type and place (country, region, district, zone, border band: `COUNT_KEYS`), which
the page's title, chart, timeline and filters add up (a weighted store, layers/_store.py);
and full details for the TOP_K deadliest events and a random sample, labelled as such,
which only supply markers and popups. The HTML then stays far under 100 MB whatever the
number of events.

Each partition makes its own `PageExtract` on its worker (`page_extract`); the driver adds
them up (`merge_extracts`): counts add, the deadliest are the deadliest of the partitions'
deadliest, and the sample is chosen by a hash of each event, so the union of the partitions'
samples is the sample of the whole.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from geo.schema import EVENT_TYPES

__all__ = ["PageExtract", "page_extract", "merge_extracts", "TOP_K", "SAMPLE_EVENTS",
           "GRID_LEVELS", "ROLE", "COUNT_KEYS"]

TOP_K = 2_000            # deadliest events kept in full
SAMPLE_EVENTS = 20_000   # about this many random events kept in full
# (cell size in degrees, lowest zoom it is drawn at, by month?)
GRID_LEVELS = ((1.0, 0, True), (0.25, 7, False), (0.05, 10, False))
ROLE = "page_role"       # column: why an event is on the page ("deadliest" / "sample")
# what the page's filters and time window select by: a row of `PageExtract.counts` per value
# of these (month: the first day of the event's month, NaT when undated; text "" when none)
COUNT_KEYS = ("month", "event_type", "country_iso3", "region", "district", "district_pcode",
              "zone", "in_border_band")
_TEXT_KEYS = ("event_type", "country_iso3", "region", "district", "district_pcode", "zone")


@dataclass
class PageExtract:
    cells: pd.DataFrame       # level, ix, iy, type, month (0 if not by month), events, fatalities
    deadliest: pd.DataFrame   # the TOP_K deadliest events, every column
    sample: pd.DataFrame      # the random sample, every column
    total: int = 0            # events the counts cover
    counts: pd.DataFrame | None = None  # COUNT_KEYS, events, fatalities: every event counted

    @property
    def events(self) -> pd.DataFrame:
        """The events shown in full: the deadliest, then the sample rows not among them."""
        key = ["source_file", "event_id"]
        deadliest = self.deadliest.assign(**{ROLE: "deadliest"})
        seen = pd.MultiIndex.from_frame(deadliest[key])
        sample = self.sample[~pd.MultiIndex.from_frame(self.sample[key]).isin(seen)]
        return pd.concat([deadliest, sample.assign(**{ROLE: "sample"})], ignore_index=True)


def _chosen(events: pd.DataFrame, rate: float) -> np.ndarray:
    """A deterministic random choice: the hash of (file, event id) below rate * 2**64."""
    if rate >= 1:
        return np.ones(len(events), dtype=bool)
    hashes = pd.util.hash_pandas_object(events[["source_file", "event_id"]], index=False)
    return hashes.to_numpy() < np.uint64(rate * 2.0**64)


def _by_deadliness(events: pd.DataFrame) -> pd.DataFrame:
    order = events.assign(_f=events["fatalities"].fillna(0).astype("int64"))
    order = order.sort_values(["_f", "source_file", "event_id"], ascending=[False, True, True],
                              kind="stable")
    return order.drop(columns="_f").head(TOP_K)


def page_extract(events: pd.DataFrame, sample_rate: float = 1.0) -> PageExtract:
    """Counts per grid cell, type (and month on the coarsest grid), the deadliest events and a
    sample, for one partition of joined events."""
    type_code = pd.Categorical(events["event_type"], categories=EVENT_TYPES).codes
    month = (events["event_date"].dt.year * 100 + events["event_date"].dt.month).fillna(0)
    fatalities = events["fatalities"].fillna(0).to_numpy(dtype="int64")
    lon, lat = events["longitude"].to_numpy(float), events["latitude"].to_numpy(float)
    levels = []
    for level, (size, _, by_month) in enumerate(GRID_LEVELS):
        frame = pd.DataFrame({
            "level": level, "ix": np.floor(lon / size).astype("int64"),
            "iy": np.floor(lat / size).astype("int64"), "type": type_code,
            "month": month.to_numpy(dtype="int64") if by_month else 0,
            "events": 1, "fatalities": fatalities})
        levels.append(frame)
    cells = _sum_cells(pd.concat(levels, ignore_index=True))
    return PageExtract(cells, _by_deadliness(events), events[_chosen(events, sample_rate)],
                       len(events), _counts(events))


def _counts(events: pd.DataFrame) -> pd.DataFrame:
    """Events and fatalities per value of COUNT_KEYS."""
    keyed = pd.DataFrame({
        "month": events["event_date"].dt.to_period("M").dt.to_timestamp(),
        **{key: events[key].astype(object).where(events[key].notna(), "").astype(str)
           for key in _TEXT_KEYS},
        "in_border_band": events["in_border_band"].fillna(False).astype(bool),
        "events": 1, "fatalities": events["fatalities"].fillna(0).to_numpy(dtype="int64")})
    return _sum_counts(keyed)


def _sum_counts(counts: pd.DataFrame) -> pd.DataFrame:
    return (counts.groupby(list(COUNT_KEYS), sort=True, as_index=False, dropna=False)
            [["events", "fatalities"]].sum())


def _sum_cells(cells: pd.DataFrame) -> pd.DataFrame:
    keys = ["level", "ix", "iy", "type", "month"]
    return cells.groupby(keys, sort=True, as_index=False)[["events", "fatalities"]].sum()


def merge_extracts(parts: list[PageExtract], total: int) -> PageExtract:
    cells = _sum_cells(pd.concat([p.cells for p in parts], ignore_index=True))
    deadliest = _by_deadliness(pd.concat([p.deadliest for p in parts], ignore_index=True))
    sample = pd.concat([p.sample for p in parts], ignore_index=True)
    counts = _sum_counts(pd.concat([p.counts for p in parts], ignore_index=True))
    return PageExtract(cells, deadliest.reset_index(drop=True), sample, total, counts)
