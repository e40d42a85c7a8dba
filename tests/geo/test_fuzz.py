"""Property-based tests: random and malformed input never escapes as anything but our error,
and the row invariant always holds. `make fuzz` runs the same properties much longer."""

import csv
import datetime as dt
import io
import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from geo.errors import SahelMapError
from geo.events import load_events
from geo.formats.acled import COLUMNS as ACLED_COLUMNS
from geo.pipeline import Filters, prepare_events

TODAY = dt.date(2026, 11, 27)
NATIVE_COLUMNS = ["event_id", "event_date", "time_precision", "event_type", "sub_event_type",
                  "actor1", "actor2", "fatalities", "latitude", "longitude", "geo_precision",
                  "location", "country", "source", "notes", "dataset"]
UCDP_COLUMNS = ["id", "type_of_violence", "side_a", "side_b", "where_prec", "date_prec",
                "date_start", "date_end", "latitude", "longitude", "best", "low", "high",
                "country", "adm_1", "where_coordinates", "source_headline"]

junk = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["", " ", "NaN", "inf", "-1", "1e400", "3.0", "2,5", "null", "None",
                     "\u2028", "</script>", "${x}", "\x00", '"', "\r\n", "0x1F"]),
)
latitude = st.one_of(st.floats(-95, 95).map(str), junk)
longitude = st.one_of(st.floats(-200, 200).map(str), junk)
date = st.one_of(st.dates(dt.date(1890, 1, 1), dt.date(2100, 1, 1)).map(str),
                 st.dates().map(lambda d: d.strftime("%d/%m/%Y")),
                 st.dates().map(lambda d: d.strftime("%d-%m-%Y")),
                 st.dates().map(lambda d: d.strftime("%d %B %Y")), junk)
event_type = st.one_of(st.sampled_from(["Battles", "battles", "Riots", "Protests",
                                        "Strategic developments", "Explosions/Remote violence",
                                        "Violence against civilians"]), junk)
count = st.one_of(st.integers(-5, 10_000).map(str), junk)


def _write_rows(directory: str, header: list[str], rows: list[dict]) -> Path:
    path = Path(directory) / "fuzz.csv"
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), "utf-8")
    return path


def _holds_invariant(path: Path, fmt: str = "auto") -> None:
    try:
        prepared = prepare_events([path], fmt=fmt, today=TODAY,
                                  filters=Filters(since=dt.date(2000, 1, 1)))
    except SahelMapError:
        return
    counts = prepared.summary["events"]
    assert counts["read"] == counts["accepted"] + counts["rejected"] + counts["filtered_out"]
    assert len(prepared.rejects) == counts["rejected"]
    assert (prepared.rejects["reason"] != "").all()
    assert prepared.events["latitude"].between(-90, 90).all()


@given(st.binary(max_size=400) | st.text(max_size=400).map(str.encode))
def test_random_bytes_never_escape_as_anything_but_our_error(data):
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "random.csv"
        path.write_bytes(data)
        try:
            result = load_events(path, today=TODAY)
        except SahelMapError:
            return
        assert result.info["rows"] == len(result.events) + len(result.rejects)


native_row = st.fixed_dictionaries({
    "event_id": st.one_of(st.just(""), st.sampled_from(["A", "B", "C"]), junk),
    "event_date": date, "event_type": event_type, "latitude": latitude, "longitude": longitude,
    "fatalities": count, "time_precision": st.sampled_from(["", "1", "2", "3", "4", "x"]),
    "geo_precision": st.sampled_from(["", "1", "2", "3", "0"]), "notes": junk, "actor1": junk,
})


@given(st.lists(native_row, min_size=1, max_size=25))
def test_native_rows_hold_the_invariant(rows):
    with tempfile.TemporaryDirectory() as directory:
        _holds_invariant(_write_rows(directory, NATIVE_COLUMNS, rows))


acled_row = st.fixed_dictionaries({
    "event_id_cnty": st.text(max_size=6), "event_date": date, "event_type": event_type,
    "latitude": latitude, "longitude": longitude, "fatalities": count, "admin1": junk,
    "notes": junk, "inter1": st.sampled_from(["1", "State forces", ""]),
})


@given(st.lists(acled_row, min_size=1, max_size=25))
def test_acled_rows_hold_the_invariant(rows):
    with tempfile.TemporaryDirectory() as directory:
        _holds_invariant(_write_rows(directory, list(ACLED_COLUMNS), rows))


ucdp_row = st.fixed_dictionaries({
    "id": st.text(max_size=6), "type_of_violence": st.sampled_from(["1", "2", "3", "4", "", "x"]),
    "side_a": junk, "side_b": junk, "where_prec": st.sampled_from(["1", "4", "7", "9", ""]),
    "date_prec": st.sampled_from(["1", "3", "5", "6", ""]), "date_start": date, "date_end": date,
    "latitude": latitude, "longitude": longitude, "best": count, "low": count, "high": count,
})


@given(st.lists(ucdp_row, min_size=1, max_size=25))
def test_ucdp_rows_hold_the_invariant(rows):
    with tempfile.TemporaryDirectory() as directory:
        _holds_invariant(_write_rows(directory, UCDP_COLUMNS, rows))
