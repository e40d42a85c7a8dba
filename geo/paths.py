"""Where the shipped data lives: `data/` beside `geo/` in a checkout, or the installed copy.

A wheel carries `data/` as the package `sahel_map_data` (pyproject's package-dir), so that
`pip install .` gives a working `sahel-map` anywhere while the repository keeps the design's
layout (`data/` at the top, next to `geo/` and `layers/`).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from geo.errors import DataError

__all__ = ["DATA_DIR"]


def _data_dir() -> Path:
    checkout = Path(__file__).resolve().parent.parent / "data"
    if (checkout / "zones.toml").is_file():
        return checkout
    spec = importlib.util.find_spec("sahel_map_data")
    if spec and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations)))
    raise DataError(f"{checkout}: the map's data folder is missing; reinstall the package "
                    "(pip install sahel-conflict-map) or run from a full checkout")


DATA_DIR = _data_dir()
