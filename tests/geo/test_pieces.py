"""geo/pieces.py: a CSV cut at record ends (never inside a quoted line break), each piece
knowing the record number it starts at; Parquet cut by row groups."""

import csv
import io

import pyarrow as pa
import pyarrow.parquet as pq
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.pieces import Piece, csv_pieces, materialise, parquet_pieces, scan_block, splittable_csv

CELL = st.text(alphabet='ab ,"\n', max_size=12)


def _pieces(path, blocksize):
    size = path.stat().st_size
    scans = [scan_block(str(path), start, min(start + blocksize, size))
             for start in range(0, size, blocksize)]
    return csv_pieces(str(path), size, blocksize, scans)


def _records(text: str, first: int = 1) -> list:
    """(record number, fields) of each record that is not blank (the readers skip those)."""
    return [(n, r) for n, r in enumerate(csv.reader(io.StringIO(text, newline="")), start=first)
            if len(r) > 1 or "".join(r).strip()]


@settings(max_examples=30, deadline=None)
@given(rows=st.lists(st.lists(CELL, min_size=2, max_size=2), min_size=1, max_size=30),
       blocksize=st.integers(1, 64), tail=st.sampled_from(["", "\n", "\r\n\r\n", " \n\n"]))
def test_csv_pieces_are_whole_records_numbered_as_in_the_file(tmp_path_factory, rows, blocksize,
                                                              tail):
    path = tmp_path_factory.mktemp("csv") / "e.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([["a", "b"], *rows])
        handle.write(tail)  # blank lines at the end: in the last piece, never a piece alone
    data = path.read_bytes()
    numbered = _records(data.decode())
    pieces = _pieces(path, blocksize)

    if pieces == [Piece(str(path))]:  # a single piece: the file, whole
        return
    assert pieces[0].start == pieces[0].header_end == len(b"a,b\r\n")
    assert b"".join(data[p.start:p.stop] for p in pieces) == data[pieces[0].start:]
    records = []
    for piece in pieces:
        with materialise(piece) as local:
            got = _records(local.read_bytes().decode())
        assert got[0] == (1, ["a", "b"])
        assert len(got) > 1  # every piece holds a record
        records += [(piece.first_row + n, r) for n, r in got[1:]]
    assert records == numbered[1:]


def test_parquet_pieces_are_row_groups_with_their_first_row(tmp_path):
    path = tmp_path / "e.parquet"
    table = pa.table({"event_id": [str(i) for i in range(10)]}, metadata={b"note": b"kept"})
    pq.write_table(table, path, row_group_size=3)
    pieces = parquet_pieces(str(path), blocksize=1)
    assert [(p.start, p.stop, p.first_row) for p in pieces] == [(0, 1, 0), (1, 2, 3), (2, 3, 6), (3, 4, 9)]
    with materialise(pieces[2]) as local:
        part = pq.read_table(local)
    assert part["event_id"].to_pylist() == ["6", "7", "8"]
    assert part.schema.metadata[b"note"] == b"kept"
    assert parquet_pieces(str(path), blocksize=10**9) == [Piece(str(path))]


def test_only_plain_single_byte_text_is_cut(tmp_path):
    """gzip (which Arrow reads by its name) and UTF-16 cannot be cut at a byte: read whole."""
    import gzip

    text = "a,b\n" + "1,2\n" * 50
    plain, packed, wide = tmp_path / "e.csv", tmp_path / "e.csv.gz", tmp_path / "w.csv"
    plain.write_text(text, encoding="utf-8")
    packed.write_bytes(gzip.compress(text.encode()))
    wide.write_text(text, encoding="utf-16")
    assert [splittable_csv(str(p), 1000, 16) for p in (plain, packed, wide)] == [True, False, False]
    assert not splittable_csv(str(plain), 1000, 10**6)  # no larger than a block
