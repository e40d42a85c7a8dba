"""geo.prefetch: a CSV parsed before the imports is used only when it is the same read."""

import os

import pytest

from geo import prefetch
from geo._arrow_csv import read_fast, sniff
from geo.events import load_events

HEADER = "event_id,event_date,event_type,latitude,longitude,fatalities,notes\n"


@pytest.fixture
def events_csv(tmp_path, monkeypatch):
    monkeypatch.setattr(prefetch, "MIN_BYTES", 0)
    monkeypatch.setattr(prefetch, "_pending", {})
    path = tmp_path / "events.csv"
    path.write_text(HEADER + "".join(f"E{i},2020-01-{i % 28 + 1:02d},Battles,16.27,-0.04,{i},note {i}\n"
                                     for i in range(500)), "utf-8")
    return path


def test_the_prefetched_table_is_the_one_the_reader_uses(events_csv):
    prefetch.start(["--out", "x.html", "--events", str(events_csv), "--quiet"])
    assert len(prefetch._pending) == 1
    expected = load_events(events_csv)  # takes the prefetched table
    assert prefetch._pending == {}
    again = load_events(events_csv)  # nothing pending: the usual read
    assert expected.events.equals(again.events) and len(expected.events) == 500


def test_a_file_changed_since_is_read_again(events_csv):
    prefetch.start(["--events", str(events_csv)])
    stat = events_csv.stat()
    os.utime(events_csv, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    encoding, delimiter, columns = sniff(events_csv, events_csv.read_bytes()[:8192])
    assert prefetch.take(events_csv, encoding, delimiter, columns) is None


def test_another_reading_of_the_file_is_not_taken(events_csv):
    prefetch.start(["--events", str(events_csv)])
    encoding, delimiter, columns = sniff(events_csv, events_csv.read_bytes()[:8192])
    assert prefetch.take(events_csv, "cp1252", delimiter, columns) is None
    prefetch.start(["--events", str(events_csv)])
    table = prefetch.take(events_csv, encoding, delimiter, columns)
    assert table.equals(read_fast(events_csv, encoding, delimiter, columns))


@pytest.mark.parametrize("argv", [["--engine", "dask", "--events", "{path}"], ["--events", "{path}.parquet"],
                                  ["--events"], ["--events", "/no/such/file.csv"]])
def test_nothing_is_started_for_other_engines_formats_or_bad_arguments(events_csv, argv):
    prefetch.start([a.format(path=events_csv) for a in argv])
    assert prefetch._pending == {}
