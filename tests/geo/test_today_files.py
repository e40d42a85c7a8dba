"""Issue 20, "today's files": UCDP's web download (CSV and workbook), ACLED's monadic and
2023+ exports, HDX's count tables, and refusals that name their cause. Fixtures are written by
tests/data/real/make_today_files.py; their origins are in tests/data/real/SOURCES.md (section 7)."""

from __future__ import annotations

import csv

import pandas as pd
import pytest

from geo.errors import InputError
from geo.events import load_events
from tests.conftest import TODAY

# --- (a) UCDP's web download ------------------------------------------------------------------


def test_the_whole_ucdp_web_download_keeps_every_event(real_dir):
    """2,120 events (SOURCES.md: 2,804 physical lines), every row with a trailing comma."""
    result = load_events(real_dir / "ucdp_ged241_viewer_mali.csv", today=TODAY)
    info, events = result.info, result.events
    assert (info["rows"], len(events), len(result.rejects)) == (2120, 2120, 0)
    assert info["trailing_empty_field"] == 2120
    assert info["layout"] == "UCDP GED web download, 47 columns"
    assert info["date_styles"] == {"MM/DD/YYYY HH:MM:SS": 2120}
    assert events["event_date"].min() == pd.Timestamp("1990-06-28")
    assert events["event_date"].max() == pd.Timestamp("2023-12-31")
    years = events["event_date"].dt.year.value_counts()
    assert (years[2021], years[2022], years[2023]) == (215, 408, 319)  # SOURCES.md
    deaths = events.groupby(events["event_date"].dt.year)["fatalities"].sum()
    assert (deaths[2021], deaths[2022], deaths[2023]) == (1287, 3650, 2109)
    assert set(events["event_type"]) <= {"Battles", "Violence against civilians"}
    assert events["event_id"].is_unique


def _viewer_rows(path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        return [dict(zip(header, row[:len(header)], strict=True)) for row in reader]


@pytest.mark.parametrize("name", ["ucdp_viewer_mali_subset.csv", "ucdp_viewer_mali_feuil1.xlsx"])
def test_the_web_download_as_csv_and_as_workbook_reads_like_the_release(real_dir, name):
    result = load_events(real_dir / name, today=TODAY)
    assert (result.info["rows"], len(result.events), len(result.rejects)) == (36, 36, 0)
    by_id = result.events.set_index("event_id")
    for row in _viewer_rows(real_dir / "ucdp_viewer_mali_subset.csv"):
        event = by_id.loc[row["id"]]  # `487942.0` in the workbook is event 487942
        month, day, year = row["date_start"][:10].split("/")
        assert event["event_date"] == pd.Timestamp(f"{year}-{month}-{day}"), row["id"]
        assert (event["fatalities"], event["fatalities_low"], event["fatalities_high"]) == (
            int(row["best_est"]), int(row["low_est"]), int(row["high_est"]))
        assert (event["actor1"], event["actor2"]) == (row["side_a"], row["side_b"])
        assert event["location"] == row["where_coordinates"]


def test_the_workbook_reports_what_it_repaired(real_dir):
    info = load_events(real_dir / "ucdp_viewer_mali_feuil1.xlsx", today=TODAY).info
    assert info["layout"] == "UCDP GED web download, 21 columns, XLSX sheet 'Feuil1'"
    assert info["sides_from_dyad_name"] == 36 and info["float_ids_read_as_integers"] == 36
    assert info["date_styles"] == {"MM/DD/YYYY HH:MM:SS": 36}


def test_a_padded_dyad_side_is_trimmed(tmp_path):
    path = tmp_path / "dyad.csv"
    path.write_text("id,type_of_violence,dyad_name,date_start,latitude,longitude,best_est\n"
                    "1,3,MPGK  - Civilians,05/26/2016 00:00:00,15.7,0.78,2\n"
                    "2,1,Government of Mali - JNIM,05/13/2016 00:00:00,15.7,0.78,1\n", "utf-8")
    events = load_events(path, today=TODAY).events
    assert events[["actor1", "actor2"]].values.tolist() == [["MPGK", "Civilians"],
                                                            ["Government of Mali", "JNIM"]]


def test_a_trailing_field_on_some_rows_only_is_rejected_with_the_right_hint(real_dir, tmp_path):
    lines = (real_dir / "ucdp_viewer_mali_subset.csv").read_bytes().split(b"\n")
    # drop the trailing comma of the first data record (a one-line record)
    assert lines[1].endswith(b",")
    lines[1] = lines[1][:-1]
    path = tmp_path / "mixed.csv"
    path.write_bytes(b"\n".join(lines))
    result = load_events(path, today=TODAY)
    assert "trailing_empty_field" not in result.info
    assert (len(result.events), len(result.rejects)) == (1, 35)
    assert result.rejects["reason"].str.contains("ends with an empty field that other rows do not have").all()


def test_month_first_dates_with_a_time_decide_the_order_once_per_column(tmp_path):
    path = tmp_path / "times.csv"
    path.write_text("id,type_of_violence,side_a,side_b,date_start,latitude,longitude,best\n"
                    "1,1,A,B,03/04/2020 00:00:00,15.7,0.78,2\n"
                    "2,1,A,B,12/25/2020 00:00:00,15.7,0.78,2\n", "utf-8")
    result = load_events(path, today=TODAY)
    assert result.events["event_date"].tolist() == [pd.Timestamp("2020-03-04"), pd.Timestamp("2020-12-25")]
    assert result.info["date_styles"] == {"MM/DD/YYYY HH:MM:SS": 2}
