"""Load the shipped layers from data/layers. Every loader refuses a file with no CRS."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import geopandas as gpd
import orjson

from geo.crs import to_storage_crs
from geo.errors import DataError
from geo.io import read_geojson
from geo.paths import DATA_DIR

__all__ = ["DATA_DIR", "LAYERS_DIR", "LAYER_NAMES", "LAYER_SOURCES", "JOIN_LAYERS", "load_layer",
           "layer_metadata"]

LAYERS_DIR = DATA_DIR / "layers"
# Each derived layer and the sources (ids of data/sources.toml) it is made from: what draws a
# layer credits these.
_BOUNDARIES = ("codab_mli", "geoboundaries_bfa", "codab_ner", "natural_earth")
LAYER_SOURCES: dict[str, tuple[str, ...]] = {
    "mali_regions": ("codab_mli",),
    "admin1_regions": _BOUNDARIES,
    "admin2_districts": ("codab_mli", "codab_ner", "geoboundaries_bfa_adm2"),
    "admin3_communes": ("codab_mli",),
    "countries": _BOUNDARIES,
    "algeria_mali_border": ("codab_mli",),
    "border_band": ("codab_mli",),
    "conflict_zones": ("codab_mli",),
    "spillover": ("geoboundaries_bfa", "codab_ner"),
    "places": ("geonames",),
    "rivers": ("natural_earth_context",),
    "lakes": ("natural_earth_context",),
    "context_places": ("natural_earth_context", "geonames"),
}
LAYER_NAMES = tuple(LAYER_SOURCES)
# the layers every event is joined to (geo/pipeline.py), so every output credits them
JOIN_LAYERS = ("admin1_regions", "admin2_districts", "admin3_communes", "countries",
               "algeria_mali_border")


def _declares_crs(path: Path) -> bool:
    # GDAL silently assumes WGS 84 for GeoJSON; our layers must say so explicitly.
    with open(path, "rb") as handle:
        head = handle.read(4096)
    return b'"crs"' in head


@cache
def _load(path: Path) -> gpd.GeoDataFrame:
    if not path.is_file():
        raise DataError(f"{path}: layer file is missing; run `make data` to rebuild data/layers")
    if not _declares_crs(path):
        raise DataError(
            f"{path}: has no CRS member; shipped layers must declare CRS84/EPSG:4326. "
            "Rebuild it with `make data`"
        )
    return to_storage_crs(read_geojson(path), str(path))


def load_layer(name: str, layers_dir: Path = LAYERS_DIR) -> gpd.GeoDataFrame:
    """Load one derived layer by name, in EPSG:4326. Returns a copy the caller may change."""
    if name not in LAYER_NAMES:
        raise DataError(f"unknown layer {name!r}; expected one of {', '.join(LAYER_NAMES)}")
    return _load(Path(layers_dir) / f"{name}.geojson").copy()


@cache
def layer_metadata(name: str, layers_dir: Path = LAYERS_DIR) -> dict:
    """The top-level `metadata` member of a layer (attribution, licence, source)."""
    with open(Path(layers_dir) / f"{name}.geojson", "rb") as handle:
        return orjson.loads(handle.read()).get("metadata", {})
