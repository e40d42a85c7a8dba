"""Events and fatalities per period (year, month) by zone class: the zone chart's numbers.

The classes do not overlap, so they stack: the border band first (Mali within the band's
width of the Algerian border, almost all of it in the northern zone), then the rest of the
northern zone, the central zone, the spillover regions country by country, and other places.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from geo.join import JoinLayers

__all__ = ["PERIODS", "zone_classes", "zone_class", "zone_period_counts"]

PERIODS = ("year", "month")


def zone_classes(layers: JoinLayers) -> dict[str, str]:
    """Class key -> label, in stacking order (labels from data/zones.toml)."""
    labels = layers.zones.labels
    names = dict(zip(layers.admin1["iso3"], layers.admin1["country"], strict=True))
    spill = list(dict.fromkeys(iso3 for iso3, _ in layers.zones.members.get("spillover", ())))
    width = float(layers.band["width_km"].iloc[0])
    return {
        "band": f"Border band ({width:g} km)",
        "north": f"{labels['north']} (outside the band)",
        "central": labels["central"],
        **{f"spillover_{iso3}": f"Spillover: {names.get(iso3, iso3)}" for iso3 in spill},
        "other": "Elsewhere",
    }


def zone_class(events: pd.DataFrame, classes: dict[str, str]) -> np.ndarray:
    """Each event's class, as its index in `classes` (see zone_classes)."""
    keys = list(classes)

    def where(column: str, value: str) -> np.ndarray:
        return (events[column] == value).to_numpy(dtype=bool, na_value=False)

    out = np.full(len(events), keys.index("other"), dtype=np.int16)
    spill = where("zone", "spillover")
    if spill.any():
        found = pd.Index(keys).get_indexer("spillover_" + events.loc[spill, "country_iso3"].astype(str))
        out[spill] = np.where(found >= 0, found, keys.index("other"))
    out[where("zone", "central")] = keys.index("central")
    out[where("zone", "north")] = keys.index("north")
    out[events["in_border_band"].to_numpy(dtype=bool)] = keys.index("band")
    return out


def zone_period_counts(events: pd.DataFrame, layers: JoinLayers) -> dict:
    """{"classes": {key: label}, "year": {"2019": {key: {"events", "fatalities"}}}, "month": ...};
    only periods and classes that hold events are listed, in time and stacking order."""
    classes = zone_classes(layers)
    keys = list(classes)
    months = events["event_date"].to_numpy(dtype="datetime64[M]")
    dated = ~np.isnat(months)
    cls = zone_class(events, classes)[dated]
    deaths = events["fatalities"].fillna(0).astype("int64").to_numpy()[dated]
    out: dict = {"classes": classes}
    for period in PERIODS:
        # whole years or months since 1970, then one bin per (period, class)
        since_1970 = months[dated].astype("datetime64[Y]" if period == "year" else "datetime64[M]").astype(np.int64)
        bins, which = np.unique(since_1970 * len(keys) + cls, return_inverse=True)
        counts, killed = np.bincount(which), np.bincount(which, weights=deaths)
        table: dict[str, dict] = {}
        for combined, n, dead in zip(bins.tolist(), counts.tolist(), killed.tolist(), strict=True):
            when, k = divmod(combined, len(keys))
            label = f"{when + 1970:04d}" if period == "year" else f"{when // 12 + 1970:04d}-{when % 12 + 1:02d}"
            table.setdefault(label, {})[keys[k]] = {"events": int(n), "fatalities": int(round(dead))}
        out[period] = table
    return out
