"""Reading and writing files. Every write is atomic: a temporary file, then a rename."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

import geopandas as gpd
import numpy as np
import orjson
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import shapely
from shapely.geometry import mapping

__all__ = ["atomic_write", "write_geojson", "read_geojson", "StagedOutputs", "table_writer",
           "write_csv", "write_geoparquet",
           "TABLE_SUFFIXES"]

COORDINATE_DECIMALS = 6  # 1e-6 degree, about 0.1 m: the precision of the sources


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike, mode: str = "w", **open_kwargs) -> Iterator[IO]:
    """Open a temporary file beside `path`; rename it over `path` only if the block succeeds.

    A failure inside the block removes the temporary file and leaves any existing `path` intact.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    if "b" not in mode:
        open_kwargs.setdefault("encoding", "utf-8")
        open_kwargs.setdefault("newline", "")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(fd, mode, **open_kwargs) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, 0o644)
        os.replace(tmp_name, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise


def _rounded(geometry):
    return shapely.transform(geometry, lambda xy: np.round(xy, COORDINATE_DECIMALS))


def write_geojson(path: str | os.PathLike, frame: gpd.GeoDataFrame, *, name: str,
                  metadata: dict | None = None) -> None:
    """Write an EPSG:4326 GeoDataFrame as deterministic GeoJSON (RFC 7946 plus a CRS84 member).

    Coordinates are rounded to 1e-6 degree; properties keep the frame's column order;
    `metadata` (attribution, licence, source) is stored at the top level.
    """
    if frame.crs is None or frame.crs.to_epsg() != 4326:
        raise ValueError(f"write_geojson({path}): frame must be EPSG:4326, got {frame.crs}")
    columns = [c for c in frame.columns if c != frame.geometry.name]
    features = []
    for row, geometry in zip(frame[columns].to_dict("records"), frame.geometry, strict=True):
        properties = {k: (None if _is_missing(v) else _plain(v)) for k, v in row.items()}
        features.append({
            "type": "Feature",
            "properties": properties,
            "geometry": None if geometry is None else mapping(_rounded(geometry)),
        })
    collection = {
        "type": "FeatureCollection",
        "name": name,
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}},
        **({"metadata": metadata} if metadata else {}),
        "features": features,
    }
    with atomic_write(path, "wb") as handle:
        handle.write(orjson.dumps(collection, option=orjson.OPT_SERIALIZE_NUMPY) + b"\n")


def _is_missing(value) -> bool:
    try:
        return value is None or (isinstance(value, float) and np.isnan(value))
    except TypeError:
        return False


def _plain(value):
    if isinstance(value, np.generic):
        return value.item()
    return value


def read_geojson(path: str | os.PathLike) -> gpd.GeoDataFrame:
    """Read a GeoJSON layer with pyogrio (CRS checks happen in the caller, at the edge)."""
    return gpd.read_file(path, engine="pyogrio")


TABLE_SUFFIXES = (".csv", ".parquet", ".geoparquet")


def _csv_columns(frame: pd.DataFrame) -> pa.Table:
    """The frame as Arrow columns that print as pandas' to_csv would print them: True/False,
    dates without a time when every time is midnight, empty cells for missing values."""
    columns = {}
    for name in frame.columns:
        column = frame[name]
        if column.dtype == bool:
            columns[str(name)] = pc.if_else(pa.array(column.to_numpy()), "True", "False")
        elif pd.api.types.is_datetime64_any_dtype(column) and (column.dt.normalize() == column).all():
            columns[str(name)] = pa.array(column, from_pandas=True).cast(pa.date32())
        else:
            columns[str(name)] = pa.array(column, from_pandas=True)
    return pa.table(columns)


def write_csv(frame: pd.DataFrame, path: str | os.PathLike) -> None:
    """CSV with Arrow's C++ writer (pandas' to_csv took 30 s for 1M joined events).

    UTF-8, a header, "\n" line ends; strings are always quoted (RFC 4180), so a reader gets
    the values pandas' to_csv would give; floats print in their shortest exact form ("3"
    where pandas prints "3.0"). Not atomic by itself: stage it (StagedOutputs.stage_with).
    """
    pacsv.write_csv(_csv_columns(frame), str(path),
                    pacsv.WriteOptions(batch_size=1 << 14, quoting_style="needed"))


def write_geoparquet(frame: pd.DataFrame, path: str | os.PathLike) -> None:
    """GeoParquet of events, point geometry from longitude/latitude (EPSG:4326), zstd."""
    points = gpd.points_from_xy(frame["longitude"], frame["latitude"], crs="EPSG:4326")
    gpd.GeoDataFrame(frame, geometry=points).to_parquet(path, index=False, compression="zstd")


def table_writer(name: str | os.PathLike) -> Callable[[pd.DataFrame, str | os.PathLike], None]:
    """The writer a file name asks for: GeoParquet for .parquet/.geoparquet, else CSV."""
    return write_geoparquet if str(name).lower().endswith(TABLE_SUFFIXES[1:]) else write_csv


class StagedOutputs:
    """All-or-nothing outputs: stage every file as a temporary beside its target, then
    rename them all at once. If anything fails first, the temporaries are removed and no
    existing output is touched."""

    def __init__(self):
        self._staged: list[tuple[str, Path]] = []

    def stage(self, path: str | os.PathLike, data: bytes) -> None:
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
        self._staged.append((tmp_name, target))
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, 0o644)

    def stage_with(self, path: str | os.PathLike, write: Callable[[str], None]) -> None:
        """Stage a file written by `write(temporary_path)` (for writers that take a path)."""
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
        os.close(fd)
        self._staged.append((tmp_name, target))
        write(tmp_name)
        with open(tmp_name, "rb+") as handle:
            os.fsync(handle.fileno())
        os.chmod(tmp_name, 0o644)

    def commit(self) -> None:
        for tmp_name, target in self._staged:
            os.replace(tmp_name, target)
        self._staged.clear()

    def discard(self) -> None:
        for tmp_name, _ in self._staged:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp_name)
        self._staged.clear()

    def __enter__(self) -> StagedOutputs:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.commit()
        else:
            self.discard()
