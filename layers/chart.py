"""The page chart's series (layers/static/js/chart.js draws them): one per zone the events
fall in, in the map's zone colours (layers/zones.py), so a Burkina Faso and Niger map has no
"North (Mali)" line and Niger's line is the colour of its spillover regions on the map."""

from __future__ import annotations

import pandas as pd

from layers.zones import ZONE_COLORS

__all__ = ["SERIES", "chart_series"]

# (key, colour, SVG dash) in the chart's order; the keys are the payload's zone keys
# (layers/_payload.py ZONE_ORDER, spillover split by country), the band and the rest.
# Niger's spillover shares Burkina Faso's colour, as on the map; its dash tells them apart.
SERIES = (
    ("north", ZONE_COLORS["north"], ""),
    ("central", ZONE_COLORS["central"], ""),
    ("spillover_bfa", ZONE_COLORS["spillover"], ""),
    ("spillover_ner", ZONE_COLORS["spillover"], "7 2 2 2"),
    ("border_band", ZONE_COLORS["border_band"], "4 3"),
    ("other", "#8a8a8a", "2 2"),  # no zone: no colour on the map
)


def chart_series(*frames: pd.DataFrame | None) -> list[tuple[str, str, str]]:
    """The SERIES with events in any of `frames` (joined events or counts: columns zone,
    country_iso3 and, for the band, in_border_band)."""
    present: set[str] = set()
    for frame in frames:
        if frame is None or not len(frame):
            continue
        # the distinct (zone, country) pairs, not a million strings
        pairs = frame[["zone", "country_iso3"]].fillna("").astype(str).drop_duplicates()
        present |= {f"spillover_{iso3.lower()}" if zone == "spillover" else zone
                    for zone, iso3 in pairs.itertuples(index=False)}
        if "in_border_band" in frame and frame["in_border_band"].fillna(False).astype(bool).any():
            present.add("border_band")
    known = {key for key, _, _ in SERIES}
    if present - known:  # no zone, "outside", "other", a zone the chart has no line for
        present.add("other")
    return [row for row in SERIES if row[0] in present]
