"""Map frames: the window a figure (or the map's first view) shows, in degrees (EPSG:4326).

`--extent` takes a named frame of data/frames.toml (each one a union of shipped layers'
features, so its bounds come from the boundaries, never from typed numbers), `data` (the
events and the zones they fall in; the default) or `west,south,east,north` in degrees.
"""

from __future__ import annotations

import difflib
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from geo.boundaries import LAYER_NAMES, load_layer
from geo.errors import ConfigError
from geo.paths import DATA_DIR

__all__ = ["FRAMES_TOML", "DATA_FRAME", "Bounds", "frame_names", "frame_label", "parse_extent",
           "named_bounds", "data_bounds", "extent_bounds"]

FRAMES_TOML = DATA_DIR / "frames.toml"
DATA_FRAME = "data"
DATA_MARGIN = 0.04  # the `data` frame's padding: a share of its larger side


@dataclass(frozen=True)
class Bounds:
    """west, south, east, north in degrees (EPSG:4326)."""

    west: float
    south: float
    east: float
    north: float

    def padded(self, fraction: float) -> Bounds:
        pad = max(self.east - self.west, self.north - self.south) * fraction
        return Bounds(self.west - pad, self.south - pad, self.east + pad, self.north + pad)

    def leaflet(self) -> list[list[float]]:
        """[[south, west], [north, east]], rounded to 0.01° (about 1 km)."""
        return [[round(self.south, 2), round(self.west, 2)], [round(self.north, 2), round(self.east, 2)]]


def _union(bounds: list) -> Bounds | None:
    bounds = [b for b in bounds if np.all(np.isfinite(b))]
    if not bounds:
        return None
    b = np.asarray(bounds, dtype=float)
    return Bounds(b[:, 0].min(), b[:, 1].min(), b[:, 2].max(), b[:, 3].max())


@cache
def _frames(path: Path = FRAMES_TOML) -> dict:
    try:
        raw = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the map frames: {exc}") from None
    problems = []
    for name, table in raw.items():
        parts = table.get("parts") if isinstance(table, dict) else None
        if not parts:
            problems.append(f"[{name}] has no parts")
            continue
        problems += [f"[{name}] part {k + 1}: layer {p.get('layer')!r} is not one of {', '.join(LAYER_NAMES)}"
                     for k, p in enumerate(parts) if p.get("layer") not in LAYER_NAMES]
    if DATA_FRAME in raw:
        problems.append(f"[{DATA_FRAME}] is reserved for the events' own frame")
    if problems:
        raise ConfigError(f"{path}: " + "; ".join(problems))
    return raw


def frame_names() -> tuple[str, ...]:
    """`data` and the frames of data/frames.toml."""
    return (DATA_FRAME, *_frames())


def frame_label(name: str) -> str:
    return str(_frames().get(name, {}).get("label", name))


@cache
def named_bounds(name: str) -> Bounds:
    """A frame of data/frames.toml: the union of its parts' bounds, padded by its margin."""
    table = _frames()[name]
    bounds = []
    for k, part in enumerate(table["parts"]):
        layer = load_layer(part["layer"])
        keep = np.ones(len(layer), dtype=bool)
        for column, values in part.items():
            if column == "layer":
                continue
            if column not in layer.columns:
                raise ConfigError(f"{FRAMES_TOML} [{name}] part {k + 1}: layer {part['layer']} has no "
                                  f"column {column!r}")
            keep &= layer[column].isin(values if isinstance(values, list) else [values]).to_numpy()
        if not keep.any():
            raise ConfigError(f"{FRAMES_TOML} [{name}] part {k + 1}: no feature of {part['layer']} matches "
                              f"{ {c: v for c, v in part.items() if c != 'layer'} }; check the names")
        bounds.append(layer[keep].total_bounds)
    return _union(bounds).padded(float(table.get("margin", 0.03)))


def data_bounds(events: pd.DataFrame, margin: float = DATA_MARGIN) -> Bounds | None:
    """The `data` frame: every event and the zones they fall in (the conflict zones of
    data/zones.toml, each spillover region, else the admin-1 region), padded; None without events."""
    if events is None or not len(events):
        return None
    lon, lat = events["longitude"].to_numpy(float), events["latitude"].to_numpy(float)
    bounds = [(lon.min(), lat.min(), lon.max(), lat.max())]
    zones = set(events["zone"]) if "zone" in events else set()
    conflict = load_layer("conflict_zones")
    hit = conflict[conflict["zone"].isin(zones)]
    if len(hit):
        bounds.append(hit.total_bounds)
    rest = events[~events["zone"].isin(set(conflict["zone"]))] if "zone" in events else events
    if {"country_iso3", "region"} <= set(rest.columns):
        keys = set(zip(rest["country_iso3"], rest["region"], strict=True))
        admin1 = load_layer("admin1_regions")
        held = [(i, n) in keys for i, n in zip(admin1["iso3"], admin1["name"], strict=True)]
        if any(held):
            bounds.append(admin1[held].total_bounds)
    return _union(bounds).padded(margin)


def parse_extent(value: str | None) -> str | Bounds:
    """--extent: a frame name (checked against data/frames.toml) or a Bounds from
    'west,south,east,north' in degrees."""
    text = (value or DATA_FRAME).strip()
    if "," not in text:
        if text in frame_names():
            return text
        close = difflib.get_close_matches(text, frame_names(), n=1, cutoff=0.5)
        hint = f"did you mean {close[0]!r}? " if close else ""
        raise ConfigError(f"--extent {value!r} is not a frame of {FRAMES_TOML.name}; {hint}choose from "
                          f"{', '.join(frame_names())}, or give west,south,east,north in degrees")
    try:
        west, south, east, north = (float(p) for p in text.split(","))
    except ValueError:
        raise ConfigError(f"--extent {value!r}: give four numbers west,south,east,north in degrees, "
                          "e.g. -6,13,-1,16.5") from None
    if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
        raise ConfigError(f"--extent {value!r}: need west < east within ±180 and south < north within ±90 "
                          "(longitude first: west,south,east,north)")
    return Bounds(west, south, east, north)


def extent_bounds(extent: str | Bounds | None, events: pd.DataFrame | None) -> Bounds | None:
    """The bounds of a parsed --extent; `data` with no events is None (the caller's fallback)."""
    if isinstance(extent, Bounds):
        return extent
    if extent in (None, DATA_FRAME):
        return data_bounds(events)
    return named_bounds(extent)
