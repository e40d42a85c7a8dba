"""Tables of counts (geo/counts.py): HDX's aggregated ACLED layout maps as counts, with the
workbook's totals; areas that match no district are reported; a table with names only maps
when every name is one district, else it is refused naming them. The fixtures' numbers are
ours, their areas and P-codes real (tests/data/real/SOURCES.md, section 7)."""

from __future__ import annotations

import csv

import pytest

from geo.counts import counts_columns
from geo.errors import ConfigError, InputError
from geo.pipeline import Filters, prepare_events


def _sheet_rows(path) -> list[dict]:
    """The fixture's table read with the standard library (the CSV twin of the workbook)."""
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def hdx_rows(real_dir) -> list[dict]:
    return _sheet_rows(real_dir / "hdx_acled_counts_sahel.csv")


@pytest.mark.parametrize("name", ["hdx_acled_counts_sahel.xlsx", "hdx_acled_counts_sahel.csv"])
def test_hdx_counts_map_with_the_workbooks_totals(real_dir, hdx_rows, name):
    prepared = prepare_events([real_dir / name])
    counts = prepared.summary["counts"]
    events = sum(int(r["Events"]) for r in hdx_rows)
    deaths = sum(int(r["Fatalities"]) for r in hdx_rows)
    assert (counts["events"], counts["fatalities"]) == (events, deaths) == (168, 81)
    located = [r for r in hdx_rows if r["Admin2"]]
    assert counts["mapped"] == {"rows": len(located), "events": sum(int(r["Events"]) for r in located),
                                "fatalities": sum(int(r["Fatalities"]) for r in located)}
    assert counts["mapped"]["events"] + counts["unmatched"]["events"] == events
    # Séno has no P-code in the fixture: joined by its name (ACLED's "Seno", ours "Séno")
    assert counts["matched_by"] == {"name": 6, "pcode": 30}
    assert counts["months"] == ["2023-01", "2023-06"]
    bankass = [r for r in hdx_rows if r["Admin2 Pcode"] == "ML0502"]
    assert counts["by_district"]["ML0502"] == {
        "name": "Bankass", "region": "Mopti", "country": "MLI",
        "events": sum(int(r["Events"]) for r in bankass), "fatalities": sum(int(r["Fatalities"]) for r in bankass)}
    assert set(counts["by_district"]) == {"ML0501", "ML0502", "ML0505", "BF5603", "BF5602", "NE006011"}
    # counts are not events: the events' invariant holds with none
    assert prepared.summary["events"] == {"read": 0, "accepted": 0, "rejected": 0, "filtered_out": 0}
    assert set(prepared.counts["zone"]) == {"central", "spillover"}


def test_areas_that_match_no_district_are_listed_and_rejected(real_dir, hdx_rows):
    prepared = prepare_events([real_dir / "hdx_acled_counts_sahel.xlsx"])
    unmatched = prepared.summary["counts"]["unmatched"]
    nowhere = [r for r in hdx_rows if not r["Admin2"]]
    assert unmatched["areas"] == [{"pcode": "", "name": "", "country": "MLI"}]
    assert (unmatched["rows"], unmatched["events"]) == (len(nowhere), sum(int(r["Events"]) for r in nowhere))
    rejects = prepared.rejects
    assert len(rejects) == len(nowhere)
    assert rejects["reason"].iloc[0] == ("the row names no district (MLI): its Admin2 Pcode is empty; "
                                         "its counts are not mapped")
    assert sorted(rejects["source_row"]) == list(range(38, 44))  # header is row 1


def test_the_time_window_keeps_whole_months(real_dir):
    prepared = prepare_events([real_dir / "hdx_acled_counts_sahel.csv"],
                              filters=Filters(since=__import__("datetime").date(2023, 3, 15),
                                              countries=("MLI",)))
    months = sorted(prepared.counts["month"].dt.strftime("%Y-%m").unique())
    assert months == ["2023-03", "2023-04", "2023-05", "2023-06"]
    assert set(prepared.counts["country_iso3"]) == {"MLI"}
    counts = prepared.summary["counts"]
    assert counts["mapped"]["events"] + counts["filtered_out"]["events"] + counts["unmatched"]["events"] == 168


def test_event_type_and_actor_filters_cannot_filter_counts(real_dir):
    with pytest.raises(ConfigError, match=r"--event-type cannot filter .*hdx_acled_counts_mli.xlsx: a "
                                          r"table of counts has no event types or actors"):
        prepare_events([real_dir / "hdx_acled_counts_mli.xlsx"], filters=Filters(event_types=("Battles",)))


def test_a_table_of_names_maps_when_each_is_one_district(real_dir):
    prepared = prepare_events([real_dir / "counts_by_province.csv"])  # Soum, Oudalan: no country, no code
    by = prepared.summary["counts"]["by_district"]
    assert {code: (d["name"], d["events"], d["fatalities"]) for code, d in by.items()} == {
        "BF5601": ("Oudalan", 3, 1), "BF5603": ("Soum", 6, 7)}
    assert prepared.summary["counts"]["matched_by"] == {"name": 3}


def test_a_table_of_names_with_an_unknown_name_is_refused_in_one_line(tmp_path, capsys):
    import build_map

    path = tmp_path / "par_cercle.csv"
    path.write_text("pays;cercle;mois;nb_events\nMali;Bankass;2024-01;4\nMali;Soum;2024-01;2\n"
                    "Mali;Bankas;2024-02;1\n", "utf-8")
    code = build_map.main(["--events", str(path), "--out", str(tmp_path / "m.html"), "--quiet"])
    err = capsys.readouterr().err
    assert code == 2 and not (tmp_path / "m.html").exists()
    assert err.strip().count("\n") == 0
    # Soum is a province of Burkina Faso, not of the named country
    assert (f"error: {path}: 2 of its area names match no single district of Mali, Niger or Burkina "
            "Faso ('Soum' (MLI), 'Bankas' (MLI)); spell them as") in err


@pytest.mark.parametrize(("columns", "expected"), [
    (["Country", "Admin1", "Admin2", "ISO3", "Admin2 Pcode", "Admin1 Pcode", "Month", "Year", "Events",
      "Fatalities"], ("Events", "Fatalities", "Admin2 Pcode", "Admin2", "Month", "Year", True)),
    (["province", "mois", "nb_events", "fatalities"], ("nb_events", "fatalities", "", "province", "mois", "", False)),
    (["event_date", "latitude", "longitude", "events"], None),  # coordinates: not a table of counts
    (["event_id_cnty", "event_date", "fatalities"], None),
])
def test_a_table_of_counts_is_known_by_its_columns(columns, expected):
    found = counts_columns(columns)
    assert (found if found is None else (found.events, found.fatalities, found.code, found.name,
                                         found.month, found.year, found.hdx)) == expected


def test_a_table_of_counts_without_a_month_is_refused(tmp_path):
    path = tmp_path / "totals.csv"
    path.write_text("Admin2 Pcode,Events\nML0502,4\n", "utf-8")
    with pytest.raises(InputError, match=r"totals.csv: is a table of counts \(Events\) but has no month column"):
        prepare_events([path])
