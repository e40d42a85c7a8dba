"""Every real layout in tests/data/real reads as it is (expected.json, SOURCES.md): exact kept
and rejected counts, the crosswalked types, the dates, and what the per-file report says."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from geo.errors import InputError
from geo.events import load_events
from tests.conftest import TODAY

EXPECTED = json.loads((Path(__file__).parent.parent / "data" / "real" / "expected.json").read_text("utf-8"))
READABLE = sorted(k for k, v in EXPECTED.items() if isinstance(v, dict) and "file_outcome" not in v)


@pytest.mark.parametrize("name", READABLE)
def test_real_layout_reads_as_it_is(real_dir, name):
    expected = EXPECTED[name]
    result = load_events(real_dir / name, today=TODAY)
    events, info = result.events, result.info
    assert info["rows"] == expected["data_rows"]  # the HXL tag row is not an event
    assert len(events) == expected["accepted_rows"]
    assert len(result.rejects) == expected["invalid_rows"]
    assert events["event_type"].value_counts().to_dict() == expected["event_type_counts"]
    assert events["event_date"].min().date().isoformat() == expected["first_event_date"]
    assert events["event_date"].max().date().isoformat() == expected["last_event_date"]
    valid_rows = [r for r in expected["rows"] if "invalid" not in r]
    assert sorted(set(events["country"])) == sorted({r["country"] for r in valid_rows})
    assert bool(info.get("hxl_tag_row_skipped")) == expected["hxl_row"]
    by_id = events.set_index("event_id")
    for row in expected["rows"]:
        if "invalid" in row:
            assert row["event_id"] not in by_id.index or not row["event_id"]
            continue
        if not row.get("event_id"):
            continue
        kept = by_id.loc[row["event_id"]]
        assert kept["event_type"] == row["event_type"], row
        assert kept["event_date"].date().isoformat() == row["event_date"], row
        if row.get("source_event_type") and name.startswith("acled"):
            assert kept["source_event_type"] == row["source_event_type"], row


def test_the_2016_realtime_file_reports_what_it_did(real_dir):
    info = load_events(real_dir / "acled_2016_realtime_upper.csv", today=TODAY).info
    assert info["layout"] == "ACLED, 2016-era columns (GWNO), pre-2019 taxonomy"
    assert info["encoding"] == "cp1252" and info["empty_header_fields_ignored"] == 7
    assert info["date_styles"] == {"DD/MM/YYYY (day first: a day above 12 seen)": 14}
    assert info["mapped_types"]["Riots/Protests -> Riots"] == 1
    assert info["mapped_types"]["Riots/Protests -> Protests"] == 2


def test_a_cp1252_apostrophe_is_a_curly_quote(real_dir):
    events = load_events(real_dir / "acled_2016_realtime_upper.csv", today=TODAY).events
    assert events["notes"].str.contains("town\u2019s outskirts").any()


def test_workbook_and_api_json_are_named_in_the_layout(real_dir):
    xlsx = load_events(real_dir / "acled_africa_2016.xlsx", today=TODAY).info
    assert xlsx["layout"] == "ACLED, 2016-era columns (GWNO), pre-2019 taxonomy, XLSX sheet 'Sheet1'"
    assert load_events(real_dir / "ucdp_api.json", today=TODAY).info["layout"] == \
        "UCDP GED, 49 columns, UCDP API JSON"
    assert load_events(real_dir / "acled_hdx_hxl.csv", today=TODAY).info["layout"] == \
        "HDX ACLED, 2019 taxonomy, with HXL row"


def test_a_trimmed_subset_without_event_type_is_refused_with_the_fix(real_dir):
    with pytest.raises(InputError, match=r"missing required column\(s\) event_type.*--format"):
        load_events(real_dir / "acled_excel_subset_utf8bom.csv", today=TODAY)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig", "cp1252"])
def test_the_same_export_in_other_encodings_reads_the_same(real_dir, tmp_path, encoding):
    original = real_dir / "acled_2019_export.csv"
    text = original.read_bytes().decode("utf-8")
    copy = tmp_path / f"export_{encoding}.csv"
    copy.write_bytes(text.encode(encoding))
    first = load_events(original, today=TODAY)
    again = load_events(copy, today=TODAY)
    if copy.read_bytes() != original.read_bytes():  # an ASCII file is the same in cp1252
        assert again.info["encoding"].replace("-", "").startswith(encoding.replace("-", "")[:5])
    assert again.events.drop(columns="source_file").equals(first.events.drop(columns="source_file"))


def test_a_country_named_only_by_its_code_is_filled(real_dir, tmp_path):
    """GWNO 432 (Gleditsch-Ward) and ACLED's iso 854 (ISO 3166 numeric) name Mali and Burkina Faso."""
    text = (real_dir / "acled_upper_25col_lf.csv").read_text("utf-8").splitlines()
    header = text[0].split(",")
    position = header.index("COUNTRY")
    blanked = [text[0]] + [",".join(c if i != position else "" for i, c in enumerate(line.split(",")))
                           for line in text[1:] if line.count(",") == len(header) - 1]
    path = tmp_path / "codes_only.csv"
    path.write_text("\n".join(blanked) + "\n", "utf-8")
    original = load_events(real_dir / "acled_upper_25col_lf.csv", today=TODAY)
    result = load_events(path, today=TODAY)
    assert result.info["country_from_code"] == len(result.events) == len(original.events)
    assert result.events["country"].tolist() == original.events["country"].tolist()
