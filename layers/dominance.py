"""Who dominates where: H3 hexagons coloured by the leading side, recounted in the browser.

Python gives each event its sides (geo.dominance.side_masks) and its hexagon at each
resolution (geo.dominance.hex_cells_at), with the hexagons' outlines; the page tallies the
events that pass the time window and the filters per hexagon and side, and colours each
hexagon by its winner (layers/static/js/dominance.js, dominance_calc.js): the side's colour,
stronger with its share, or "contested". Only events with a competing side travel.
"""

from __future__ import annotations

import base64

import deflate
import numpy as np

from geo.dominance import (
    CONTESTED_LEAD,
    RESOLUTIONS,
    cell_rings,
    hex_cells_at,
    hex_edge_km,
    load_sides,
    side_masks,
)
from layers._jslayer import StoreLayer
from layers._payload import ZLIB_LEVEL, pack_codes
from layers._store import EventStore

__all__ = ["build", "options", "SIDE_COLORS", "CONTESTED_COLOR", "side_colours"]

# ColorBrewer Dark2 (8 classes, colour-blind safer than Set1), by side id of data/actors.toml;
# a side without an entry takes the next unused colour
SIDE_COLORS = {"jnim": "#1b9e77", "is_sahel": "#d95f02", "ansaroul_islam": "#66a61e",
               "state_mli": "#7570b3", "state_bfa": "#e7298a", "state_ner": "#e6ab02",
               "wagner": "#a6761d", "communal_militias": "#666666"}
CONTESTED_COLOR = "#ffffff"  # drawn with a dark dashed outline


def _b64z(values: np.ndarray) -> str:
    return base64.b64encode(deflate.zlib_compress(values.astype(values.dtype.newbyteorder("<")).tobytes(),
                                                  ZLIB_LEVEL)).decode("ascii")


def side_colours(ids: list[str]) -> list[str]:
    """Each side's colour (SIDE_COLORS, else the next unused one); the page and the figure share them."""
    spare = iter(c for c in SIDE_COLORS.values() if c not in {SIDE_COLORS.get(i) for i in ids})
    return [SIDE_COLORS.get(i) or next(spare, "#999999") for i in ids]


def build(stores: list[EventStore], computed: dict, *, name: str = "Who dominates where (hexagons)",
          show: bool = False) -> StoreLayer:
    """`computed`: `options(stores, frames)`, the layer's options for the page."""
    return StoreLayer("dominanceLayer", stores, name=name, show=show, options=computed)


def options(stores: list[EventStore], frames: list) -> dict:
    """The page's sides, hexagons and each store's events' sides and cells; `frames[k]` are
    the events of `stores[k]`, in the same order (its rows). No folium: it may run on a thread."""
    sides = load_sides()
    levels = {res: [] for res in RESOLUTIONS}
    per_store = []
    for store, frame in zip(stores, frames, strict=True):
        bits = side_masks(frame, groups_of=store.group_mask)
        rows = np.flatnonzero(bits)
        lat, lon = frame["latitude"].to_numpy(float)[rows], frame["longitude"].to_numpy(float)[rows]
        # rows ascend: sent as steps (mostly 1, which deflate all but removes); sides as bytes
        # while they fit
        side_type = "uint8" if len(sides) <= 8 else "uint16"
        entry = {"idx": _b64z(np.diff(rows, prepend=0).astype(np.uint32)),
                 "side": _b64z(bits[rows].astype(side_type)), "sideType": side_type,
                 "cells": [], "cellTypes": []}
        for res, found in hex_cells_at(lat, lon, RESOLUTIONS).items():
            levels[res].append(found)
        per_store.append(entry)
    out_levels = []
    for res, min_zoom in RESOLUTIONS.items():
        cells = sorted({c for _, found in levels[res] for c in found})
        index = {c: k for k, c in enumerate(cells)}
        for entry, (codes, found) in zip(per_store, levels[res], strict=True):
            remap = np.array([index[c] for c in found] + [-1], dtype=np.int32)
            packed, dtype = pack_codes(remap[codes], len(cells))  # code + 1 in a narrow type
            entry["cells"].append(_b64z(packed))
            entry["cellTypes"].append(dtype or "int32")
        out_levels.append({"res": res, "minZoom": min_zoom, "edgeKm": round(hex_edge_km(res), 1),
                           "cells": cells,
                           "rings": cell_rings(cells)})
    ids = [s.id for s in sides]
    return {"sides": [[s.id, s.name, c] for s, c in zip(sides, side_colours(ids), strict=True)],
            "contestedColor": CONTESTED_COLOR, "lead": CONTESTED_LEAD,
            "levels": out_levels, "stores": per_store}
