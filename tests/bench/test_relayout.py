"""bench/relayout.py: the 10M run's other layouts hold the parts' rows, in order."""

import subprocess
import sys
from pathlib import Path

import pyarrow.csv as pacsv
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parents[2]


def _relayout(*args):
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "relayout.py"), *map(str, args)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def test_one_parquet_file_and_csv_parts_hold_the_parts_rows(tmp_path):
    # two parts of 1500 of our UCDP rows, as synth.py --parts writes its parts
    events = pacsv.read_csv(ROOT / "data" / "events" / "ucdp_ged211_sahel.csv").slice(0, 3000)
    parts = tmp_path / "parts"
    parts.mkdir()
    for k in range(2):
        pq.write_table(events.slice(1500 * k, 1500), parts / f"part-{k:04d}.parquet")
    _relayout(parts, "--parquet", tmp_path / "one.parquet", "--row-group-rows", 1000)
    one = pq.ParquetFile(tmp_path / "one.parquet")
    assert one.metadata.num_row_groups == 4  # 1000 + 500 rows of each part
    assert one.read().equals(events)
    _relayout(parts, "--csv-dir", tmp_path / "csv")
    csvs = sorted((tmp_path / "csv").glob("*.csv"))
    assert [p.name for p in csvs] == ["part-0000.csv", "part-0001.csv"]
    read = [pacsv.read_csv(p, convert_options=pacsv.ConvertOptions(column_types=events.schema)) for p in csvs]
    assert [t.num_rows for t in read] == [1500, 1500]
    assert read[0]["event_id"].to_pylist() + read[1]["event_id"].to_pylist() == events["event_id"].to_pylist()
