"""Zone classes per period (geo/periods.py): the zone chart's numbers in the summary."""

import numpy as np


def test_classes_are_disjoint_and_follow_the_joined_table(default_prepared):
    events = default_prepared.events
    counts = default_prepared.summary["by_zone_period"]
    band = events["in_border_band"].to_numpy(bool)
    expected = {
        "band": band,
        "north": (events["zone"] == "north").to_numpy() & ~band,
        "central": (events["zone"] == "central").to_numpy() & ~band,
        "spillover_BFA": ((events["zone"] == "spillover") & (events["country_iso3"] == "BFA")).to_numpy(),
        "spillover_NER": ((events["zone"] == "spillover") & (events["country_iso3"] == "NER")).to_numpy(),
    }
    expected["other"] = ~np.logical_or.reduce(list(expected.values()))
    assert list(counts["classes"]) == list(expected)
    assert counts["classes"]["band"] == "Border band (100 km)"
    year = events["event_date"].dt.year.astype(str).to_numpy()
    for key, mask in expected.items():
        for y in sorted(set(year)):
            cell = counts["year"][y].get(key, {"events": 0, "fatalities": 0})
            assert cell["events"] == int((mask & (year == y)).sum()), (key, y)
            assert cell["fatalities"] == int(events.loc[mask & (year == y), "fatalities"].fillna(0).sum())


def test_month_counts_add_up_to_the_year_counts(default_prepared):
    counts = default_prepared.summary["by_zone_period"]
    for y, cells in counts["year"].items():
        for key, cell in cells.items():
            months = [m[key]["events"] for p, m in counts["month"].items() if p.startswith(y) and key in m]
            assert sum(months) == cell["events"]
    assert sum(c["events"] for cells in counts["year"].values() for c in cells.values()) \
        == default_prepared.summary["events"]["accepted"]
    # the story in numbers: the band's worst year is 2013, Burkina Faso's spillover peaks in 2019
    assert max(counts["year"], key=lambda y: counts["year"][y].get("band", {}).get("events", 0)) == "2013"
    assert max(counts["year"], key=lambda y: counts["year"][y].get("spillover_BFA", {}).get("events", 0)) == "2019"
