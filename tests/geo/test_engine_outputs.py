"""Fast outputs: Arrow's CSV writer gives the values pandas' to_csv gave; GeoParquet joined."""

import geopandas as gpd
import numpy as np
import pandas as pd

import build_map
from geo.io import write_csv


def _frame():
    return pd.DataFrame({
        "event_id": ["a", "b,c", 'q"r'],
        "event_date": pd.to_datetime(["2020-01-02", "2019-12-31", "2021-06-30"]),
        "fatalities": pd.array([1, None, 3], dtype="Int64"),
        "latitude": [14.5, 12.0, np.nan],
        "flag": [True, False, True],
        "notes": ["line\nbreak", "", "é ü"],
    })


def test_csv_reads_back_as_pandas_wrote_it(tmp_path):
    frame = _frame()
    write_csv(frame, tmp_path / "a.csv")
    ours = pd.read_csv(tmp_path / "a.csv", dtype=str, keep_default_na=False)
    frame.to_csv(tmp_path / "p.csv", index=False)
    theirs = pd.read_csv(tmp_path / "p.csv", dtype=str, keep_default_na=False)
    assert list(ours.columns) == list(theirs.columns)
    for column in ours.columns:
        if column == "latitude":  # "12" where pandas writes "12.0": the same number
            assert (pd.to_numeric(ours[column]).fillna(-1) == pd.to_numeric(theirs[column]).fillna(-1)).all()
        else:
            assert ours[column].tolist() == theirs[column].tolist(), column
    assert ours["flag"].tolist() == ["True", "False", "True"]
    assert ours["event_date"].tolist() == ["2020-01-02", "2019-12-31", "2021-06-30"]


def test_csv_is_byte_identical_across_runs(tmp_path):
    write_csv(_frame(), tmp_path / "1.csv")
    write_csv(_frame(), tmp_path / "2.csv")
    assert (tmp_path / "1.csv").read_bytes() == (tmp_path / "2.csv").read_bytes()


def test_joined_parquet_is_geoparquet_with_the_csv_values(tmp_path):
    from geo.credits import SHIPPED_EVENTS

    path = SHIPPED_EVENTS[-1].path
    common = ["--events", str(path), "--out", str(tmp_path / "m.html"), "--quiet", "--layers", "events"]
    assert build_map.main([*common, "--joined", str(tmp_path / "j.parquet")]) == 0
    assert build_map.main([*common, "--joined", str(tmp_path / "j.csv")]) == 0
    assert build_map.main([*common, "--joined", str(tmp_path / "k.parquet")]) == 0
    assert (tmp_path / "j.parquet").read_bytes() == (tmp_path / "k.parquet").read_bytes()
    parquet = gpd.read_parquet(tmp_path / "j.parquet")
    csv = pd.read_csv(tmp_path / "j.csv", dtype=str, keep_default_na=False)
    assert parquet.crs.to_epsg() == 4326
    assert len(parquet) == len(csv) > 0
    assert parquet["event_id"].astype(str).tolist() == csv["event_id"].tolist()
    assert np.allclose(parquet.geometry.x, csv["longitude"].astype(float))
    assert np.allclose(parquet.geometry.y, csv["latitude"].astype(float))
    assert parquet["region"].tolist() == csv["region"].tolist()
