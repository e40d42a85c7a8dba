"""--engine dask: on the same input, the same joined events, rejects and summary as pandas."""

import shutil
from contextlib import contextmanager
from pathlib import Path

import geopandas as gpd
import orjson
import pandas as pd
import pytest

import build_map
import geo.engine_dask
from geo.credits import SHIPPED_EVENTS
from geo.engine_dask import expand_inputs, merge_summaries

dask_geopandas = pytest.importorskip("dask_geopandas")


@pytest.fixture
def small_cluster(monkeypatch):
    """One in-process worker with two threads: quick, and the same code path as processes."""
    original = geo.engine_dask.cluster

    @contextmanager
    def in_process(scheduler=None, **_):
        with original(scheduler, processes=False, n_workers=1) as client:
            yield client

    monkeypatch.setattr(geo.engine_dask, "cluster", in_process)


@pytest.fixture
def partitions(tmp_path, bad_dir, ucdp_sample):
    """Five partitions of four layouts, three of them with rejected rows."""
    folder = tmp_path / "parts"
    folder.mkdir()
    sources = [ucdp_sample, bad_dir / "acled_duplicate_ids.csv", bad_dir / "native_long_rows.csv",
               bad_dir / "native_null_geometries.parquet", SHIPPED_EVENTS[-1].path]
    for i, source in enumerate(sources):
        shutil.copy(source, folder / f"{i}_{source.name}")
    return folder


def _run(tmp_path, name, events, *extra):
    out = tmp_path / name
    argv = [*[a for e in events for a in ("--events", str(e))], "--out", str(out / "map.html"),
            "--summary", str(out / "summary.json"), "--rejects", str(out / "rejects.csv"),
            "--layers", "events", "--quiet", *extra]
    assert build_map.main(argv) == 0
    summary = orjson.loads((out / "summary.json").read_bytes())
    for key in ("timings_s", "outputs"):
        summary.pop(key)
    return out, summary


def test_dask_gives_the_pandas_joined_events_rejects_and_summary(tmp_path, partitions, small_cluster):
    files = expand_inputs([partitions])
    assert [f.name[0] for f in files] == ["0", "1", "2", "3", "4"]
    pandas_out, pandas_summary = _run(tmp_path, "pandas", files,
                                      "--joined", str(tmp_path / "pandas" / "joined.parquet"))
    dask_out, dask_summary = _run(tmp_path, "dask", [partitions], "--engine", "dask",
                                  "--joined", str(tmp_path / "dask" / "joined.parquet"))

    assert dask_summary == pandas_summary
    assert pandas_summary["events"]["rejected"] >= 2  # the test is about rejects too
    assert (dask_out / "rejects.csv").read_bytes() == (pandas_out / "rejects.csv").read_bytes()

    parts = sorted((dask_out / "joined.parquet").iterdir())
    assert [p.name for p in parts] == [f"part.{i:05d}.parquet" for i in range(5)]
    joined_dask = dask_geopandas.read_parquet(dask_out / "joined.parquet").compute()
    joined_pandas = gpd.read_parquet(pandas_out / "joined.parquet")
    assert len(joined_pandas) == pandas_summary["events"]["accepted"] > 0
    pd.testing.assert_frame_equal(joined_dask.reset_index(drop=True), joined_pandas)


def test_dask_refuses_a_csv_joined_output(tmp_path, partitions, small_cluster, capsys):
    argv = ["--events", str(partitions), "--engine", "dask", "--out", str(tmp_path / "m.html"),
            "--joined", str(tmp_path / "j.csv"), "--quiet", "--layers", "events"]
    assert build_map.main(argv) == 2
    assert "partitioned GeoParquet" in capsys.readouterr().err


def test_above_the_page_limit_the_page_carries_counts_deadliest_and_a_sample(
        tmp_path, partitions, small_cluster):
    from geo.page_extract import ROLE

    files = expand_inputs([partitions])
    prepared = geo.engine_dask.prepare_with_dask(files, page_event_limit=10)
    everything = build_map._prepare(build_map.options(files))
    extract = prepared.page_extract
    assert extract.total == len(everything.events) > 10
    coarsest = extract.cells[extract.cells["level"] == 0]
    assert coarsest["events"].sum() == len(everything.events)  # every event is counted
    assert coarsest["fatalities"].sum() == everything.events["fatalities"].fillna(0).sum()
    deadliest = prepared.events[prepared.events[ROLE] == "deadliest"]
    assert deadliest["fatalities"].max() == everything.events["fatalities"].max()
    assert set(prepared.events[ROLE]) <= {"deadliest", "sample"}

    from layers._render import render_html

    opts = build_map.options(files, engine="dask", layers="counts,events")
    pages = [render_html(build_map._compose(prepared, opts)) for _ in range(2)]
    assert pages[0] == pages[1]  # deterministic
    assert f"All {extract.total:,} events: counts per cell" in pages[0]


def test_summaries_merge_as_one_run_would_count():
    a = {"events": {"read": 3, "accepted": 2}, "by_region": {"Gao": 1, "Kidal": 1},
         "by_zone": {"north": 2, "central": 0}, "date_range": ["2020-01-01", "2020-02-01"],
         "inputs": [{"path": "a"}], "border_band_km": 100.0, "filters": {"actor": ""}}
    b = {"events": {"read": 1, "accepted": 1}, "by_region": {"Bamako": 1},
         "by_zone": {"north": 0, "central": 1}, "date_range": ["2019-05-01", "2020-01-15"],
         "inputs": [{"path": "b"}], "border_band_km": 100.0, "filters": {"actor": ""}}
    merged = merge_summaries([a, b])
    assert merged["events"] == {"read": 4, "accepted": 3}
    assert list(merged["by_region"].items()) == [("Bamako", 1), ("Gao", 1), ("Kidal", 1)]
    assert list(merged["by_zone"].items()) == [("north", 2), ("central", 1)]  # order kept
    assert merged["date_range"] == ["2019-05-01", "2020-02-01"]
    assert merged["inputs"] == [{"path": "a"}, {"path": "b"}]
    assert merged["border_band_km"] == 100.0


def test_partitioned_output_replaces_the_old_one_only_on_success(tmp_path):
    from geo.engine_dask import write_partitioned

    target = tmp_path / "joined.parquet"
    target.mkdir()
    (target / "part.00000.parquet").write_bytes(b"old")

    def fails(staging):
        (tmp_path / "x").write_text(staging)
        raise RuntimeError("worker lost")

    with pytest.raises(RuntimeError):
        write_partitioned(target, fails)
    assert (target / "part.00000.parquet").read_bytes() == b"old"
    write_partitioned(target, lambda staging: (Path(staging) / "part.00000.parquet").write_bytes(b"new"))
    assert (target / "part.00000.parquet").read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["joined.parquet", "x"]  # no leftovers


def test_inputs_are_directories_globs_or_files(tmp_path):
    for name in ("b.csv", "a.parquet", "notes.txt", ".hidden.csv"):
        (tmp_path / name).write_text("x")
    assert [p.name for p in expand_inputs([tmp_path])] == ["a.parquet", "b.csv"]
    assert [p.name for p in expand_inputs([str(tmp_path / "*.csv")])] == ["b.csv"]
    with pytest.raises(geo.engine_dask.InputError, match="no partition files"):
        expand_inputs([str(tmp_path / "*.geoparquet")])
