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
    """Each event's class key (see zone_classes)."""
    zone = events["zone"].to_numpy(dtype=object)
    out = np.full(len(events), "other", dtype=object)
    spill = zone == "spillover"
    keys = "spillover_" + events["country_iso3"].astype(str).to_numpy(dtype=object)
    known = np.isin(keys, list(classes))
    out[spill & known] = keys[spill & known]
    out[zone == "central"] = "central"
    out[zone == "north"] = "north"
    out[events["in_border_band"].to_numpy(dtype=bool)] = "band"
    return out


def zone_period_counts(events: pd.DataFrame, layers: JoinLayers) -> dict:
    """{"classes": {key: label}, "year": {"2019": {key: {"events", "fatalities"}}}, "month": ...};
    only periods and classes that hold events are listed."""
    classes = zone_classes(layers)
    out: dict = {"classes": classes}
    dates = events["event_date"]
    frame = pd.DataFrame({"cls": zone_class(events, classes),
                          "fatalities": events["fatalities"].fillna(0).astype("int64").to_numpy()})
    for period in PERIODS:
        key = dates.dt.year * (100 if period == "month" else 1) + (dates.dt.month if period == "month" else 0)
        frame["key"] = key.to_numpy()
        counts: dict[str, dict] = {}
        grouped = frame.dropna(subset=["key"]).groupby(["key", "cls"], sort=True)["fatalities"]
        for (k, cls), group_events, deaths in zip(grouped.size().index, grouped.size(), grouped.sum(),
                                                  strict=True):
            k = int(k)
            label = f"{k // 100:04d}-{k % 100:02d}" if period == "month" else f"{k:04d}"
            counts.setdefault(label, {})[cls] = {"events": int(group_events), "fatalities": int(deaths)}
        out[period] = {p: {c: v[c] for c in classes if c in v} for p, v in counts.items()}
    return out
