"""--engine dask: on the same input, the same joined events, rejects and summary as pandas."""

import csv
import shutil
from contextlib import contextmanager
from pathlib import Path

import geopandas as gpd
import orjson
import pandas as pd
import pytest

import build_map
import geo.engine_dask
import geo.pieces
from geo.credits import OTHER_SHIPPED_EVENTS, SHIPPED_EVENTS
from geo.engine_dask import expand_inputs, merge_summaries

REAL_CSV = OTHER_SHIPPED_EVENTS[0].path  # data/events/ucdp_ged241_mali.csv


@pytest.fixture(scope="module", autouse=True)
def dask_geopandas():
    """Imported when this file's tests run, not on every worker that collects them (~1 s)."""
    return pytest.importorskip("dask_geopandas")


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


@pytest.fixture
def two_workers(monkeypatch):
    """Two in-process workers, and blocks of 256 kB: a 1 MB CSV becomes several partitions."""
    original = geo.engine_dask.cluster

    @contextmanager
    def in_process(scheduler=None, **_):
        with original(scheduler, processes=False, n_workers=2) as client:
            yield client

    monkeypatch.setattr(geo.engine_dask, "cluster", in_process)
    monkeypatch.setattr(geo.pieces, "BLOCK_BYTES", 256 * 1024)


def _write_csv(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return path


@pytest.fixture(scope="module")
def large_rows():
    """The first 1,200 events of the shipped UCDP GED 24.1 Mali file (real, 560 kB), with line
    breaks inside the quoted notes of every 7th row (a block boundary may fall inside one) and
    an impossible date in every 301st (rejects, numbered as in the file)."""
    with open(REAL_CSV, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))[:1201]
    header = rows[0]
    for i, row in enumerate(rows[1:], start=1):
        if i % 7 == 0:
            row[header.index("notes")] = row[header.index("notes")].replace(" ", "\n", 3)
        if i % 301 == 0:
            row[header.index("event_date")] = "2019-13-45"
    return rows


@pytest.fixture(scope="module")
def large_csv(large_rows, tmp_path_factory):
    return _write_csv(tmp_path_factory.mktemp("large") / "ucdp_mali.csv", large_rows)


@pytest.fixture(scope="module")
def pandas_run(large_csv, tmp_path_factory):
    """The pandas engine's outputs for large_csv: what the dask runs must give."""
    tmp_path = tmp_path_factory.mktemp("pandas")
    return _run(tmp_path, "pandas", [large_csv], "--joined", str(tmp_path / "pandas" / "joined.parquet"))


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


def test_dask_gives_the_pandas_joined_events_rejects_and_summary(tmp_path, partitions, small_cluster, dask_geopandas):
    files = expand_inputs([partitions])
    assert [f.name[0] for f in files] == ["0", "1", "2", "3", "4"]
    pandas_out, pandas_summary = _run(tmp_path, "pandas", files, "--count", "reports",
                                      "--joined", str(tmp_path / "pandas" / "joined.parquet"))
    # the dask engine counts reports and does not match ACLED's and UCDP's (build_map._count)
    assert pandas_summary.pop("incidents")["counted"] == "reports"
    dask_out, dask_summary = _run(tmp_path, "dask", [partitions], "--engine", "dask",
                                  "--joined", str(tmp_path / "dask" / "joined.parquet"))

    assert dask_summary == pandas_summary
    assert pandas_summary["events"]["rejected"] >= 2  # the test is about rejects too
    assert (dask_out / "rejects.csv").read_bytes() == (pandas_out / "rejects.csv").read_bytes()

    parts = sorted((dask_out / "joined.parquet").iterdir())
    assert [p.name for p in parts] == [f"part.{i:05d}.parquet" for i in range(5)]
    joined_dask = dask_geopandas.read_parquet(dask_out / "joined.parquet").compute()
    joined_pandas = gpd.read_parquet(pandas_out / "joined.parquet").drop(columns=["incident", "incident_role"])
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
    # by month, type and place too: what the page's filters and title add up
    def tally(frame, weights):
        keys = ["event_type", "country_iso3", "zone"]
        month = pd.to_datetime(frame["month"] if "month" in frame else frame["event_date"])
        keyed = frame[keys].astype(object).fillna("").astype(str).assign(month=month.dt.strftime("%Y-%m"), n=weights)
        return keyed.groupby([*keys, "month"])["n"].sum().to_dict()

    assert tally(extract.counts, extract.counts["events"].to_numpy()) == tally(everything.events, 1)
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


def _same_outputs(pandas_run, dask_out, dask_summary, rename=None):
    """The dask run's outputs are the pandas run's (with the file named as `rename` says)."""
    import dask_geopandas

    pandas_out, pandas_summary = pandas_run
    before, after = rename or ("", "")
    assert dask_summary == orjson.loads(orjson.dumps(pandas_summary).replace(
        before.encode(), after.encode()))
    assert (dask_out / "rejects.csv").read_text(encoding="utf-8") == (
        pandas_out / "rejects.csv").read_text(encoding="utf-8").replace(before, after)
    assert (dask_out / "map.html").read_bytes() == (pandas_out / "map.html").read_bytes()
    joined_dask = dask_geopandas.read_parquet(dask_out / "joined.parquet").compute()
    joined_pandas = gpd.read_parquet(pandas_out / "joined.parquet")
    joined_pandas["source_file"] = joined_pandas["source_file"].str.replace(before, after)
    pd.testing.assert_frame_equal(joined_dask.reset_index(drop=True), joined_pandas)


def test_an_id_in_two_pieces_is_rejected_as_pandas_rejects_it(tmp_path, large_rows, two_workers):
    """The last row takes the id of the 5th, two blocks away: a duplicate. Its file is then
    read whole, so the rejects are the pandas path's."""
    rows = [list(r) for r in large_rows]
    rows[-1][0] = rows[5][0]
    files = [_write_csv(tmp_path / "dup.csv", rows)]
    opts = build_map.options(files, engine="dask")
    split = geo.engine_dask.prepare_with_dask(opts.events, filters=opts.filters)
    whole = build_map._prepare(build_map.options(files))
    assert split.summary == whole.summary
    assert split.rejects["source_row"].tolist() == whole.rejects["source_row"].tolist() == [
        302, 603, 904, 1201]
    assert split.rejects["reason"].iloc[-1].startswith("duplicate event_id")
    pd.testing.assert_frame_equal(split.events, whole.events)


@pytest.fixture
def s3(monkeypatch, tmp_path):
    """A local S3-compatible server (moto) on 127.0.0.1, found through the standard AWS
    variables only: the endpoint and keys are the filesystem's configuration, not our flags."""
    moto_server = pytest.importorskip("moto.server")
    s3fs = pytest.importorskip("s3fs")
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    for name, value in {"AWS_ENDPOINT_URL": f"http://{host}:{port}", "AWS_ACCESS_KEY_ID": "test",
                        "AWS_SECRET_ACCESS_KEY": "test", "AWS_DEFAULT_REGION": "us-east-1",
                        "AWS_CONFIG_FILE": str(tmp_path / "none"),
                        "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "none")}.items():
        monkeypatch.setenv(name, value)
    s3fs.S3FileSystem.clear_instance_cache()
    fs = s3fs.S3FileSystem()
    fs.mkdir("events-test")
    yield fs
    s3fs.S3FileSystem.clear_instance_cache()
    server.stop()


def test_one_large_csv_in_object_storage_is_split_across_two_workers_as_pandas_reads_it(
        tmp_path, large_csv, pandas_run, two_workers, s3, monkeypatch):
    """--events s3://... and --joined s3://...: byte ranges of one CSV on two workers give the
    pandas engine's map, joined table, rejects (with their rows in the file) and summary."""
    said = []
    real_prepare = geo.engine_dask.prepare_partitioned
    monkeypatch.setattr(geo.engine_dask, "prepare_partitioned", lambda *a, **k: real_prepare(
        *a, **{**k, "progress": said.append}))
    url = "s3://events-test/in/ucdp_mali.csv"
    s3.put_file(str(large_csv), url)
    s3.pipe_file("events-test/out/joined.parquet/part.00009.parquet", b"an older run")
    dask_out, dask_summary = _run(tmp_path, "dask", [url], "--engine", "dask",
                                  "--joined", "s3://events-test/out/joined.parquet")
    assert "1 file(s) in 3 partition(s) on 2 worker(s); the page gets every event" in said
    assert not any("recurs" in line for line in said)
    assert pandas_run[1]["events"]["rejected"] == 3  # rows 302, 603 and 904 of the file
    assert s3.ls("events-test/out") == ["events-test/out/joined.parquet"]  # nothing staged left
    parts = s3.ls("events-test/out/joined.parquet")
    assert [p.rsplit("/", 1)[1] for p in parts] == [f"part.{i:05d}.parquet" for i in range(3)]
    s3.get("events-test/out/joined.parquet/", str(dask_out / "joined.parquet"), recursive=True)
    _same_outputs(pandas_run, dask_out, dask_summary, rename=(str(large_csv), url))
    # a prefix and a glob name their files as a local directory and glob do
    s3.pipe_file("events-test/in/.hidden.csv", b"x")
    s3.pipe_file("events-test/in/notes.txt", b"x")
    assert expand_inputs(["s3://events-test/in/"]) == [url]
    assert expand_inputs(["s3://events-test/out/joined.parquet/*.parquet"]) == [
        f"s3://events-test/out/joined.parquet/part.{i:05d}.parquet" for i in range(3)]


def test_urls_need_the_dask_engine(tmp_path, capsys):
    out = ["--out", str(tmp_path / "m.html"), "--quiet"]
    assert build_map.main(["--events", "s3://bucket/e.csv", *out]) == 2
    assert "--events s3://bucket/e.csv: URLs (object storage) are read by --engine dask" in (
        capsys.readouterr().err)
    assert build_map.main(["--joined", "s3://bucket/j.parquet", *out]) == 2
    assert "--joined s3://bucket/j.parquet: URLs (object storage) are written by --engine dask" in (
        capsys.readouterr().err)


def test_a_piece_the_filters_empty_is_no_error_when_others_keep_events(
        tmp_path, large_rows, two_workers):
    """Rows sorted by date and --since keeping the last third: the first pieces keep nothing,
    which is no reason to stop (the pandas path stops only when the whole run keeps nothing)."""
    header, rows = large_rows[0], sorted(large_rows[1:], key=lambda r: r[1])
    files = [_write_csv(tmp_path / "sorted.csv", [header, *rows])]
    since = rows[len(rows) * 2 // 3][1]
    opts = build_map.options(files, engine="dask", since=since)
    split = geo.engine_dask.prepare_with_dask(opts.events, filters=opts.filters)
    whole = build_map._prepare(build_map.options(files, since=since))
    assert split.summary == whole.summary
    assert 0 < split.summary["events"]["accepted"] < split.summary["events"]["filtered_out"]
    pd.testing.assert_frame_equal(split.events, whole.events)
    with pytest.raises(geo.engine_dask.ConfigError, match="the filters leave no events"):
        later = build_map.options(files, engine="dask", since="2099-01-01")
        geo.engine_dask.prepare_with_dask(later.events, filters=later.filters)
