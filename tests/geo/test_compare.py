"""What changed between two periods (geo/compare.py)."""

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from geo.compare import (
    MIN_EVENTS,
    change_classes,
    check_coverage,
    compare_areas,
    compare_summary,
    parse_compare,
)
from geo.errors import ConfigError
from geo.paths import DATA_DIR
from geo.pipeline import prepare_events

COUP = "2019-08-18..2020-08-17,2020-08-18..2021-08-17"


@pytest.fixture(scope="module")
def mali():
    return prepare_events([DATA_DIR / "events" / "ucdp_ged241_mali.csv"])


def test_parse_compare():
    a, b = parse_compare(COUP)
    assert (a[0], a[1], b[0], b[1]) == (dt.date(2019, 8, 18), dt.date(2020, 8, 17), dt.date(2020, 8, 18),
                                        dt.date(2021, 8, 17))
    assert a.label == "2019-08-18..2020-08-17"


@pytest.mark.parametrize(("value", "message"), [
    ("2019-08-18..2020-08-17", "give two windows"),
    ("2019-08-18-2020-08-17,2020-08-18..2021-08-17", "is not START..END"),
    ("2019-02-30..2020-08-17,2020-08-18..2021-08-17", "day is out of range"),
    ("2020-08-17..2019-08-18,2020-08-18..2021-08-17", "ends before it starts; swap the dates"),
])
def test_parse_compare_refuses(value, message):
    with pytest.raises(ConfigError, match=message):
        parse_compare(value)


def test_counts_per_region_equal_the_joined_table(mali):
    events = mali.events
    windows = parse_compare(COUP)
    table = compare_areas(events, mali.layers.admin1, windows).set_index(["iso3", "name"])
    for name, (first, last) in zip("ab", windows, strict=True):
        inside = events[(events["event_date"].dt.date >= first) & (events["event_date"].dt.date <= last)]
        expected = inside.groupby(["country_iso3", "region"]).size()
        for (iso3, region), n in expected.items():
            assert table.loc[(iso3, region), f"events_{name}"] == n
        assert table[f"events_{name}"].sum() == len(inside[inside["region"] != ""])
        assert table[f"killed_{name}"].sum() == inside.loc[inside["region"] != "", "fatalities"].sum()
    gao = table.loc[("MLI", "Gao")]  # UCDP GED 24.1: 19 events in the year before the coup, 39 after
    assert (gao["events_a"], gao["events_b"], gao["events_change"], gao["too_few"]) == (19, 39, 20, False)
    assert table.loc[("MLI", "Kayes"), "too_few"]  # 3 and 1 events: under MIN_EVENTS together
    assert MIN_EVENTS == 10


def test_classes_are_symmetric_around_zero():
    changes = np.array([-20, -12, -7, -3, 0, 3, 7, 12, 20, 4])
    comparable = np.array([True] * 9 + [False])
    classes, bounds = change_classes(changes, comparable)
    assert bounds == [5, 10]  # nice numbers near a third and two thirds of the largest change
    assert classes.tolist() == [-2, -2, -1, 0, 0, 0, 1, 2, 2, -9]
    flipped, flipped_bounds = change_classes(-changes, comparable)
    assert flipped_bounds == bounds
    assert flipped[comparable].tolist() == (-classes[comparable]).tolist()


def test_a_window_the_data_do_not_cover_is_refused(mali):
    with pytest.raises(ConfigError, match="window B 2023-06-01..2024-12-31 runs past the events kept"):
        check_coverage(mali.events, parse_compare("2022-06-01..2023-05-31,2023-06-01..2024-12-31"))


def test_summary_lists_the_largest_changes(mali):
    summary = compare_summary(mali.events, mali.layers.admin1, mali.layers.admin2, parse_compare(COUP))
    assert summary["windows"] == COUP.split(",")
    largest = summary["largest_regions"]
    assert [r["name"] for r in largest[:3]] == ["Gao", "Tombouctou", "Mopti"]
    assert [r["events_change"] for r in largest[:3]] == [20, -16, -13]
    assert all(not r["too_few"] for r in summary["regions"] if r["name"] in {"Gao", "Mopti"})
    district = pd.DataFrame(summary["districts"]).set_index("pcode")
    assert district.loc["ML0701", ["name", "events_a", "events_b"]].tolist() == ["Ansongo", 7, 24]
