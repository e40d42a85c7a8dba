"""Rewrite synth.py's Parquet parts in the other layouts a 10M run reads: one Parquet file
(row groups of --row-group-rows, which --engine dask reads as partitions), or a directory of
CSV parts (one per Parquet part). One part in memory at a time; the rows are the parts' rows,
in order.

    .venv/bin/python bench/synth.py --rows 10000000 --parts 10 --mix jittered --out /tmp/parts
    .venv/bin/python bench/relayout.py /tmp/parts --parquet /tmp/events_10M.parquet
    .venv/bin/python bench/relayout.py /tmp/parts --csv-dir /tmp/csv_parts
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import pyarrow.csv as pacsv
import pyarrow.parquet as pq


def parts_of(directory: Path) -> list[Path]:
    parts = sorted(directory.glob("*.parquet"))
    if not parts:
        sys.exit(f"error: {directory} holds no .parquet parts; make them with bench/synth.py --parts N")
    return parts


def to_one_parquet(parts: list[Path], out: Path, row_group_rows: int) -> None:
    tmp = out.with_name(out.name + ".tmp")
    writer = None
    try:
        for part in parts:
            table = pq.read_table(part)
            writer = writer or pq.ParquetWriter(tmp, table.schema, compression="zstd")
            writer.write_table(table, row_group_size=row_group_rows)
            print(f"  {part.name}: {table.num_rows:,} rows", file=sys.stderr, flush=True)
    finally:
        if writer is not None:
            writer.close()
    tmp.replace(out)


def to_csv_parts(parts: list[Path], out_dir: Path) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    for part in parts:
        target = out_dir / (part.stem + ".csv")
        tmp = target.with_name(target.name + ".tmp")
        pacsv.write_csv(pq.read_table(part), tmp)
        tmp.replace(target)
        print(f"  {target.name}", file=sys.stderr, flush=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("parts", type=Path, help="the directory of Parquet parts synth.py --parts wrote")
    out = parser.add_mutually_exclusive_group(required=True)
    out.add_argument("--parquet", type=Path, help="write one Parquet file here")
    out.add_argument("--csv-dir", type=Path, help="write one CSV per part into this directory")
    parser.add_argument("--row-group-rows", type=int, default=500_000,
                        help="rows per row group of --parquet (default 500000)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    parts = parts_of(args.parts)
    if args.parquet:
        to_one_parquet(parts, args.parquet, args.row_group_rows)
    else:
        to_csv_parts(parts, args.csv_dir)
    print(f"relayout: {len(parts)} parts in {time.perf_counter() - started:.1f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
