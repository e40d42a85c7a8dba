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


# --- (b) workbook messages that are true; --format applies to workbooks -----------------------

def _write_xlsx(path, sheets):
    import importlib.util

    from tests.conftest import ROOT

    spec = importlib.util.spec_from_file_location(
        "make_today_files", ROOT / "tests" / "data" / "real" / "make_today_files.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    path.write_bytes(module.write_xlsx(sheets))
    return path


_UCDP_ROW = ["1", "1", "Government of Mali", "JNIM", "2020-03-04", 15.7, 0.78, 3]
_UCDP_HEADER = ["id", "type_of_violence", "side_a", "side_b", "date_start", "latitude",
                "longitude", "best"]


def test_a_workbook_header_almost_recognised_names_the_missing_columns(tmp_path):
    path = _write_xlsx(tmp_path / "almost.xlsx", {"Feuil1": [_UCDP_HEADER[:-1], _UCDP_ROW[:-1]]})
    with pytest.raises(InputError) as caught:
        load_events(path, today=TODAY)
    message = str(caught.value)
    assert message.startswith(f"{path} (sheet 'Feuil1', row 1): UCDP GED file is missing "
                              "required column(s) best; add or rename them")
    assert "put the" not in message and "\n" not in message


def test_a_workbook_without_any_header_says_what_its_first_row_holds(tmp_path):
    path = _write_xlsx(tmp_path / "other.xlsx", {"Sheet1": [["when", "what", "where"], ["x", "y", "z"]]})
    with pytest.raises(InputError, match=r"the first row of sheet 'Sheet1' reads when, what, where; "
                                         r"rename the columns"):
        load_events(path, today=TODAY)


def test_format_chooses_the_sheet_of_a_workbook(tmp_path):
    native = ["event_date", "event_type", "latitude", "longitude"]
    path = _write_xlsx(tmp_path / "two.xlsx", {
        "notes": [native, ["2020-01-02", "Battles", 14.0, -4.0]],
        "ged": [_UCDP_HEADER, _UCDP_ROW, ["2", *_UCDP_ROW[1:]]]})
    auto = load_events(path, today=TODAY)
    forced = load_events(path, fmt="ucdp", today=TODAY)
    assert (auto.info["format"], auto.info["sheet"], len(auto.events)) == ("native", "notes", 1)
    assert (forced.info["format"], forced.info["sheet"], len(forced.events)) == ("ucdp", "ged", 2)
    assert forced.info["sheets_skipped"] == ["notes"]


def test_format_on_a_workbook_of_another_format_names_its_missing_columns(real_dir):
    with pytest.raises(InputError, match=r"\(sheet 'Sheet1', row 1\): UCDP GED file is missing "
                                         r"required column\(s\) id, type_of_violence, side_a, side_b, "
                                         r"date_start, best"):
        load_events(real_dir / "acled_africa_2016.xlsx", fmt="ucdp", today=TODAY)


# --- (f) refusals that name their cause (counts are read as counts: tests/geo/test_counts.py) -------------------------------

@pytest.mark.parametrize(("name", "message"), [
    ("hdx_error_page.csv",
     r"hdx_error_page.csv: this is a web page, not a data file \(titled 'Error \| Humanitarian "
     r"Data Exchange'\): the download probably failed"),
    ("ucdp_viewer_excel_semicolon.csv",
     r"ucdp_viewer_excel_semicolon.csv: each line became one cell \(2 per line, .*re-saved by "
     r"Excel in a ';' locale; open the original file"),
])
def test_a_refusal_names_its_cause_in_one_line(real_dir, name, message):
    with pytest.raises(InputError, match=message) as caught:
        load_events(real_dir / name, today=TODAY)
    assert "\n" not in str(caught.value) and "rename the columns" not in str(caught.value)


def test_no_coordinates_is_named(tmp_path):
    path = tmp_path / "nocoords.csv"
    path.write_text("event_id_cnty,event_date,event_type,fatalities,location\n"
                    "MLI1,2020-01-02,Battles,3,Gao\n", "utf-8")
    with pytest.raises(InputError, match=r"nocoords.csv: latitude and longitude are missing: this "
                                         r"ACLED table has no coordinate columns; export the events"):
        load_events(path, today=TODAY)


def test_a_file_whose_every_row_is_rejected_exits_2_naming_the_commonest_reason(tmp_path, capsys):
    import build_map

    path = tmp_path / "all_bad.csv"
    path.write_text("event_id_cnty,event_date,event_type,latitude,longitude,fatalities\n"
                    "MLI1,2020-01-02,Battles,,-4.0,1\n"
                    "MLI2,2020-01-03,Battles,,-4.1,2\n"
                    "MLI3,2020-13-45,Battles,14.0,-4.1,2\n", "utf-8")
    code = build_map.main(["--events", str(path), "--out", str(tmp_path / "m.html"), "--quiet"])
    err = capsys.readouterr().err
    assert code == 2 and not (tmp_path / "m.html").exists()
    assert err.strip().count("\n") == 0
    assert (f"error: {path}: every one of its 3 rows was rejected; the commonest reason (2 rows): "
            "latitude is empty, e.g. row 2: 'MLI1,2020-01-02,Battles,,-4.0,1'") in err


def test_the_rejects_raw_column_is_the_row_as_the_file_has_it(tmp_path):
    row = 'MLI2,2020-01-03,Battles,"Nouna, Kossi province",12.73,-3.86,2,extra'
    path = tmp_path / "quoted.csv"
    path.write_text("event_id_cnty,event_date,event_type,location,latitude,longitude,fatalities\n"
                    'MLI1,2020-01-02,Battles,"Nouna, Kossi province",12.73,-3.86,1\n'
                    + row + "\n", "utf-8")
    result = load_events(path, today=TODAY)
    assert (len(result.events), len(result.rejects)) == (1, 1)
    assert result.rejects["raw"].tolist() == [row]
    assert result.events["location"].tolist() == ["Nouna, Kossi province"]


# --- (c) ACLED's monadic export ---------------------------------------------------------------

_JNIM = "JNIM: Group for Support of Islam and Muslims"
_FAMA = "Military Forces of Mali (2021-)"


def test_a_monadic_export_gives_one_event_per_id_with_every_actor(real_dir):
    result = load_events(real_dir / "acled_monadic_2024.csv", today=TODAY)
    info = result.info
    assert info["layout"] == "ACLED, 2020s export, monadic (one row per actor)"
    assert (info["rows"], len(result.events), len(result.rejects)) == (10, 5, 1)
    assert (info["monadic_rows_merged"], info["monadic_events_merged"],
            info["monadic_ids_disagreeing"]) == (4, 3, 1)
    events = result.events.set_index("event_id")
    assert events.loc["MLI9001", ["actor1", "actor2"]].tolist() == [_FAMA, _JNIM]
    assert events.loc["MLI9002", ["actor1", "actor2"]].tolist() == [_JNIM, "Civilians (Mali)"]
    assert events.loc["MLI9003", ["actor1", "actor2"]].tolist() == ["Islamic State (Sahel)", _FAMA]
    assert events.loc["MLI9004", ["actor1", "actor2"]].tolist() == ["Protesters (Mali)", ""]
    # fatalities once, dates as written
    assert events["fatalities"].tolist() == [4, 3, 2, 0, 2]
    assert events["event_date"].dt.strftime("%Y-%m-%d").tolist() == [
        "2024-03-12", "2024-03-14", "2024-04-02", "2024-04-20", "2024-04-25"]
    # the disagreeing id stays a duplicate: its second row is rejected as before
    assert result.rejects["source_row"].tolist() == [11]
    assert result.rejects["reason"].tolist() == ["duplicate event_id 'MLI9005' (first seen at row 10)"]


def test_a_merged_event_keeps_its_third_actor_and_the_rows_it_came_from(real_dir, tmp_path):
    from geo.pipeline import prepare_events

    prepared = prepare_events([real_dir / "acled_monadic_2024.csv"], today=TODAY)
    events = prepared.events.set_index("event_id")
    assert events.loc["MLI9003", "more_actors"] == "Wagner Group"
    assert events.loc["MLI9001", "assoc_actor_1"] == "Wagner Group"
    assert events.loc["MLI9001", "inter2"] == "2"
    assert events.loc["MLI9003", "monadic_rows"] == "6,7,8"
    counts = prepared.summary["events"]
    assert counts == {"read": 10, "accepted": 5, "rejected": 1, "filtered_out": 0, "merged": 4}
    assert prepared.summary["inputs"][0]["monadic"] is True


def test_actor_jnim_finds_every_jnim_event_of_a_monadic_export(real_dir):
    from geo.pipeline import Filters, prepare_events

    prepared = prepare_events([real_dir / "acled_monadic_2024.csv"], today=TODAY,
                              filters=Filters(actor="JNIM"))
    # MLI9005's JNIM row disagrees on fatalities: a duplicate, rejected, so not found
    assert sorted(prepared.events["event_id"]) == ["MLI9001", "MLI9002"]


# --- (d) every source column travels; popups show the chosen ones -----------------------------




def test_every_source_column_travels_to_the_joined_table_and_the_summary(real_dir, tmp_path):
    import geopandas as gpd
    import orjson

    import build_map

    out = tmp_path / "m.html"
    argv = ["--events", str(real_dir / "acled_monadic_2024.csv"), "--out", str(out), "--quiet",
            "--layers", "events", "--joined"]
    assert build_map.main([*argv, str(tmp_path / "j.csv")]) == 0
    assert build_map.main([*argv, str(tmp_path / "j.parquet")]) == 0
    from geo.join import JOIN_ORDER
    from geo.schema import CANONICAL_COLUMNS

    # admin2 is ours now (the canonical schema keeps the source's admin2 beside our district)
    theirs = ["event_id_cnty", "year", "disorder_type", "assoc_actor_1", "inter1", "interaction",
              "civilian_targeting", "iso", "source_region", "admin3", "source_scale",
              "tags", "timestamp", "assoc_actor_2", "inter2", "more_actors", "monadic_rows"]
    for joined in (pd.read_csv(tmp_path / "j.csv", dtype=str, keep_default_na=False),
                   gpd.read_parquet(tmp_path / "j.parquet").drop(columns="geometry")):
        assert list(joined.columns) == [*CANONICAL_COLUMNS, *JOIN_ORDER, *theirs]
        by_id = joined.set_index("event_id")
        assert by_id.loc["MLI9002", "civilian_targeting"] == "Civilian targeting"
        assert by_id.loc["MLI9002", "admin2"] == "Bankass"
        assert by_id.loc["MLI9002", "tags"] == "local administrators"
        assert by_id.loc["MLI9001", "source_region"] == "Western Africa"  # ACLED's, not ours
        assert by_id.loc["MLI9001", "region"] == "Mopti"
    summary = orjson.loads((tmp_path / "m_summary.json").read_bytes())
    assert summary["inputs"][0]["source_columns"] == theirs


def test_the_ucdp_web_download_keeps_its_own_columns(real_dir):
    events = load_events(real_dir / "ucdp_viewer_mali_feuil1.xlsx", today=TODAY).events
    from geo.schema import CANONICAL_COLUMNS

    assert [c for c in events.columns if c not in CANONICAL_COLUMNS] == [
        "id", "date_start", "date_end", "annee_start", "mois_start", "dyad_name",
        "type_of_violence", "adm_1", "adm_2", "where_coordinates",
        "where_prec", "date_prec", "best_est", "low_est", "high_est", "source_headline",
        "conflict_name", "relid"]
    assert events["mois_start"].iloc[0] == "mai" and "août" in set(events["mois_start"])


def _payload(events, popup_fields=None):
    from layers._payload import decode_chunk, encode_events

    payload = encode_events(events, popup_fields=popup_fields)
    return payload, decode_chunk(payload, 0)


def test_popups_show_acled_2023_fields_under_their_source_names(real_dir):
    from geo.pipeline import prepare_events

    events = prepare_events([real_dir / "acled_monadic_2024.csv"], today=TODAY).events
    payload, chunk = _payload(events)
    extra = [c for c in payload["dict_columns"] if c.startswith("src:")]
    assert extra == ["src:civilian_targeting", "src:admin2", "src:admin3", "src:tags"]
    assert chunk["src:civilian_targeting"][1] == "Civilian targeting"
    assert chunk["src:admin3"][0] == "Douentza"
    assert chunk["sub_event_type"][0] == "Armed clash"
    assert chunk["notes"][0].startswith("Synthetic test row")

    payload, chunk = _payload(events, ("tags", "interaction"))
    assert [c for c in payload["dict_columns"] if c.startswith("src:")] == ["src:tags", "src:interaction"]
    payload, chunk = _payload(events, ())  # --popup-fields none
    assert not [c for c in payload["dict_columns"] if c.startswith("src:")]
    assert set(chunk["notes"]) == {""}


def test_the_popup_builds_text_nodes_only(root):
    script = (root / "layers" / "static" / "js" / "popup.js").read_text("utf-8")
    assert "innerHTML" not in script and "insertAdjacentHTML" not in script
    assert "key.indexOf('src:') !== 0" in script


def test_popup_fields_option(tmp_path):
    import build_map
    from geo.errors import ConfigError

    assert build_map.options([], popup_fields="none").popup_fields == ()
    assert build_map.options([], popup_fields="tags, admin2").popup_fields == ("tags", "admin2")
    assert build_map.options([]).popup_fields is None
    with pytest.raises(ConfigError, match="--popup-fields"):
        build_map.options([], popup_fields=",")


# --- (g) flags that mean something ------------------------------------------------------------

def test_flags_real_spellings_chad_and_a_real_swap(tmp_path):
    """ACLED's spellings from real files (issue 20: Tillabery 90, Haut-Bassins 80, Koulikouro
    81 rows) at GeoNames coordinates; an event in Chad, correctly placed (its swap lands in
    Niger); one real swap and one real mismatch."""
    from geo.pipeline import prepare_events

    rows = [  # id, admin1, country, lat, lon
        ("NER9001", "Tillabery", "Niger", 14.20711, 1.45418),
        ("NER9002", "Tillabery", "Niger", 14.20711, 1.45418),
        ("BFA9001", "Haut-Bassins", "Burkina Faso", 11.17715, -4.2979),
        ("MLI9001", "Koulikouro", "Mali", 12.86273, -7.55985),
        ("TCD9001", "Lac", "Chad", 13.45, 14.73),         # Bol, Chad; swapped: 14.73N 13.45E, Niger
        ("MLI9002", "Gao", "Mali", -0.04472, 16.27167),  # Gao with latitude and longitude swapped
        ("MLI9003", "Mopti", "Mali", 16.27167, -0.04472),  # Gao, said to be in Mopti
    ]
    path = tmp_path / "flags.csv"
    path.write_text("event_id_cnty,event_date,event_type,admin1,country,latitude,longitude,fatalities\n"
                    + "".join(f"{i},2020-01-02,Battles,{a},{c},{la},{lo},1\n" for i, a, c, la, lo in rows),
                    "utf-8")
    prepared = prepare_events([path], today=TODAY)
    events = prepared.events.set_index("event_id")
    assert events.index[events["suspect_swapped_latlon"]].tolist() == ["MLI9002"]
    assert events.index[events["admin1_mismatch"]].tolist() == ["MLI9003"]
    summary = prepared.summary
    assert summary["flags"]["suspect_swapped_latlon"] == 1
    assert summary["flags"]["admin1_mismatch"] == 1
    assert summary["admin1_spellings"] == {"Haut-Bassins ~ Hauts-Bassins": 1,
                                           "Koulikouro ~ Koulikoro": 1, "Tillabery ~ Tillabéri": 2}
    assert summary["outside"] == {"Chad": 1, "Mali": 1}  # Chad; and the swapped point (sea)
    # by_country counts every accepted event: the mapped countries, then "outside"
    assert sum(summary["by_country"].values()) == 7
    assert summary["by_country"]["outside"] == sum(summary["outside"].values()) == 2


# --- (h) actor groups ---------------------------------------------------------------------

@pytest.mark.parametrize(("name", "group"), [
    ("MINUSMA: United Nations Multidimensional Integrated Stabilization Mission in Mali (2013-2020)", "international"),
    ("MINUSMA: United Nations Multidimensional Integrated Stabilization Mission in Mali (2020-2021)", "international"),
    ("MINUSMA: United Nations Multidimensional Integrated Stabilization Mission in Mali (2021-)", "international"),
    ("MINUSMA: United Nations Multidimensional Integrated Stabilization Mission in Mali", "international"),
    ("G5S: G5 Sahel Force (2017-2022)", "international"),
    ("Boko Haram - Wilayat Gharb Ifriqiyyah", "boko_haram_iswap"),
    ("JNIM: Group for Support of Islam and Muslims and/or Islamic State (Sahel)", "jnim"),
    ("JNIM: Group for Support of Islam and Muslims and/or Islamic State (Sahel)", "is_sahel"),
    ("Katiba Serma", "jnim"),
    ("Katiba Gourma", "jnim"),
])
def test_real_acled_names_fall_in_their_group(name, group):
    from geo.actors import load_actor_groups

    groups = {g.id: g for g in load_actor_groups()}
    assert groups[group].contains(name)


def test_a_period_is_not_a_part_of_another_name():
    from geo.actors import load_actor_groups

    groups = {g.id: g for g in load_actor_groups()}
    assert not groups["international"].contains("MINUSMA (2013-2020) Mali")
    assert not groups["jnim"].contains("Katiba Salaheddine")  # IS Sahel's, not JNIM's


def test_the_ucdp_web_download_flags_only_real_disagreements(real_dir):
    """UCDP codes `adm_1` by the older map: "Gao region" for 20 events in today's Ménaka, one
    "Timetrine region" in Kidal. The 10 left are points near a region boundary."""
    from geo.pipeline import prepare_events

    summary = prepare_events([real_dir / "ucdp_ged241_viewer_mali.csv"], today=TODAY).summary
    # admin2: UCDP's cercle against our district; some are Ménaka's cercles of an
    # older map (UCDP's "Menaka cercle" in today's Tidermène, Inékar, Andéramboukane)
    assert summary["flags"] == {"suspect_swapped_latlon": 0, "admin1_mismatch": 10,
                                "admin2_mismatch": 52, "country_from_source": 5, "country_mismatch": 0}
    assert summary["admin1_spellings"] == {"Gao region ~ Ménaka": 20, "Timetrine region ~ Kidal": 1}
    assert summary["outside"] == {} and summary["by_country"] == {"MLI": 2120}


def test_a_third_actor_of_a_monadic_event_is_found_by_group_and_by_name(real_dir):
    from geo.pipeline import Filters, prepare_events

    path = real_dir / "acled_monadic_2024.csv"
    by_group = prepare_events([path], today=TODAY, filters=Filters(actor="Wagner"))
    by_name = prepare_events([path], today=TODAY, filters=Filters(actor="Wagner Group"))
    # MLI9001: Wagner is FAMa's associated actor (not an actor); MLI9003: Wagner is the 3rd actor
    assert by_group.events["event_id"].tolist() == by_name.events["event_id"].tolist() == ["MLI9003"]


def test_the_web_downloads_date_end_is_checked_in_its_own_style(tmp_path):
    path = tmp_path / "ends.csv"
    path.write_text("id,type_of_violence,side_a,side_b,date_start,date_end,latitude,longitude,best_est\n"
                    "1,1,A,B,05/26/2016 00:00:00,05/28/2016 00:00:00,15.7,0.78,2\n"
                    "2,1,A,B,05/26/2016 00:00:00,05/13/2016 00:00:00,15.7,0.78,2\n", "utf-8")
    result = load_events(path, today=TODAY)
    assert result.events["event_id"].tolist() == ["1"]
    assert result.rejects["reason"].tolist() == ["date_end is before date_start"]


def test_rows_quoted_whole_by_an_excel_resave_get_that_hint(tmp_path):
    path = tmp_path / "whole.csv"
    path.write_text("event_id_cnty,event_date,event_type,latitude,longitude,fatalities\n"
                    '"MLI1,2020-01-02,Battles,14.0,-4.0,1"\n'
                    "MLI2,2020-01-02,Battles,14.0,-4.0,1\n", "utf-8")
    result = load_events(path, today=TODAY)
    assert result.rejects["reason"].tolist() == [
        "row has 1 fields, the header has 6; the whole row is one quoted cell (a re-save by "
        "Excel in another locale?); open the original file"]
    assert result.rejects["raw"].tolist() == ['"MLI1,2020-01-02,Battles,14.0,-4.0,1"']
