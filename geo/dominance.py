"""Who dominates where: the leading side per H3 hexagon, its share, and contested cells.

Sides come from the `dominance` key of data/actors.toml: JNIM, Islamic State Sahel, Ansaroul
Islam, each state's forces (France and the UN/G5 Sahel forces count for the state of the
country where the event is: `dominance = "ally"`), Wagner/Africa Corps, and the communal
militias. An event counts for every side among its actors (JNIM against Mali's forces counts
for both), so a cell where two sides fight each other is contested.

In one cell, with `total` the events (or fatalities) that involve any side and `counts[s]`
those that involve side s:

- the leader is the side with the largest count (the first in actors.toml on a tie);
- its share is counts[leader] / total (the colour's strength);
- the cell is **contested** when the leader's lead over the second side is less than
  CONTESTED_LEAD of the total: (counts[leader] - counts[second]) / total < 0.25.

Cells are H3 hexagons (equal-area to within a few per cent over the Sahel) at three
resolutions, chosen by zoom (RESOLUTIONS). `winner` is the Python twin of the page's
dominanceWinner (layers/static/js/dominance_calc.js); tests/data/shared_cases/dominance.json
checks both.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import h3
import numpy as np
import pandas as pd
from h3ronpy.vector import coordinates_to_cells

from geo.actors import ALLY, ActorGroup, actor_group_mask, load_actor_groups

__all__ = ["CONTESTED_LEAD", "RESOLUTIONS", "METRICS", "Side", "load_sides", "side_masks", "hex_cells", "hex_cells_at",
           "hex_edge_km", "cell_rings", "tally", "winner", "dominance_table"]

CONTESTED_LEAD = 0.25
# H3 resolution -> the zoom from which the page uses it: average edges of 69, 26 and 10 km
# (cells about 120, 45 and 17 km across), about 30-60 px on screen at each step
RESOLUTIONS = {3: 0, 4: 6, 5: 8}
METRICS = ("events", "fatalities")


@dataclass(frozen=True)
class Side:
    id: str
    name: str


def load_sides(groups: tuple[ActorGroup, ...] | None = None) -> tuple[Side, ...]:
    """The competing sides, in the order of data/actors.toml (each names itself)."""
    groups = load_actor_groups() if groups is None else groups
    return tuple(Side(g.id, g.name) for g in groups if g.dominance == g.id)


def side_masks(events: pd.DataFrame, groups: tuple[ActorGroup, ...] | None = None,
               groups_of: np.ndarray | None = None) -> np.ndarray:
    """Each event's sides as bits (uint16, bit k = load_sides()[k]); 0 when none competes.
    `groups_of`: the events' actor_group_mask for `groups`, when the caller has it already.

    Needs the joined `country_iso3` for the allies (France, UN/G5 Sahel): they count for the
    state forces of the country where the event is ("state_mli" in Mali), when that is a side.
    """
    groups = load_actor_groups() if groups is None else groups
    sides = {s.id: k for k, s in enumerate(load_sides(groups))}
    if len(sides) > 16:
        raise ValueError(f"{len(sides)} dominance sides; the page keeps at most 16 as uint16 bits")
    groups_of = actor_group_mask(events, groups) if groups_of is None else groups_of
    out = np.zeros(len(events), dtype=np.uint16)
    # each country's code once, not a million lower-cased strings
    country, countries = (pd.factorize(events["country_iso3"].fillna("").astype(str), use_na_sentinel=False)
                          if len(events) else (np.zeros(0, np.int64), []))
    for bit, group in enumerate(groups):
        if not group.dominance:
            continue
        member = ((groups_of >> np.uint32(bit)) & 1).astype(bool)
        if group.dominance == ALLY:
            for code in np.unique(country[member]):
                side = sides.get(f"state_{str(countries[code]).lower()}")
                if side is not None:
                    out[member & (country == code)] |= np.uint16(1 << side)
        else:
            out[member] |= np.uint16(1 << sides[group.dominance])
    return out


def hex_edge_km(resolution: int) -> float:
    """H3's average hexagon edge at `resolution`, in km (the legend states the size)."""
    return float(h3.average_hexagon_edge_length(resolution, unit="km"))


def hex_cells(latitude: np.ndarray, longitude: np.ndarray, resolution: int) -> tuple[np.ndarray, list[str]]:
    """(each point's code into `cells`, -1 where it has no coordinates; the sorted H3 cells)."""
    return hex_cells_at(latitude, longitude, (resolution,))[resolution]


def hex_cells_at(latitude: np.ndarray, longitude: np.ndarray,
                 resolutions: Sequence[int]) -> dict[int, tuple[np.ndarray, list[str]]]:
    """`hex_cells` at each of `resolutions`, the distinct points found once.

    Each distinct point is indexed once per resolution (real exports repeat coordinates
    heavily): found by hashing (lat, lon) as one complex number, not a MultiIndex of a
    million tuples, and indexed as whole arrays by h3ronpy (H3 in Rust, the same cells as
    h3's; h3's Python API costs a call per point: 2.5 s for a million points at three
    resolutions), named as text per distinct cell. The resolutions are indexed on two
    threads: h3ronpy releases the GIL (a million points at three resolutions: 1.3 -> 0.75 s)."""
    lat, lon = np.asarray(latitude, float), np.asarray(longitude, float)
    ok = np.isfinite(lat) & np.isfinite(lon)
    codes, distinct = pd.factorize(lat[ok] + 1j * lon[ok])
    lats, lons = np.ascontiguousarray(distinct.real), np.ascontiguousarray(distinct.imag)

    def at(resolution: int) -> tuple[np.ndarray, list[str]]:
        ids = np.asarray(coordinates_to_cells(lats, lons, resolution)) if len(lats) else np.zeros(0, np.uint64)
        cell_ids, cell_codes = np.unique(ids, return_inverse=True)
        names = [h3.int_to_str(int(c)) for c in cell_ids.tolist()]
        order = sorted(range(len(names)), key=names.__getitem__)
        rank = np.empty(len(order), dtype=np.int32)
        rank[order] = np.arange(len(order), dtype=np.int32)
        out = np.full(len(lat), -1, dtype=np.int32)
        out[ok] = rank[cell_codes.reshape(-1)][codes]
        return out, [names[k] for k in order]

    with ThreadPoolExecutor(2, thread_name_prefix="geo.dominance") as pool:
        return dict(zip(resolutions, pool.map(at, resolutions), strict=True))


def cell_rings(cells: Sequence[str]) -> list[list[float]]:
    """Each cell's outline as [lat0, lon0, lat1, lon1, ...], rounded to 1e-4° (about 10 m)."""
    return [[round(v, 4) for point in h3.cell_to_boundary(c) for v in point] for c in cells]


def winner(counts: Sequence[float], total: float, lead: float = CONTESTED_LEAD) -> tuple[int, float, bool]:
    """(leading side or -1 when nothing counts, its share of `total`, contested?)."""
    if total <= 0 or not len(counts) or max(counts) <= 0:
        return -1, 0.0, False
    first = int(np.argmax(counts))  # the first side on a tie
    second = max((c for k, c in enumerate(counts) if k != first), default=0.0)
    return first, counts[first] / total, (counts[first] - second) / total < lead


def tally(cells: np.ndarray, sides: np.ndarray, weights: np.ndarray, n_cells: int,
          n_sides: int) -> tuple[np.ndarray, np.ndarray]:
    """(counts[cell, side], total[cell]): each event's weight added to every side among its
    bits and once to its cell's total. The twin of the page's tallyDominance."""
    cells, sides = np.asarray(cells, np.int64), np.asarray(sides, np.uint16)
    weights = np.asarray(weights, float)
    counts = np.zeros((n_cells, n_sides))
    for k in range(n_sides):
        has = ((sides >> np.uint16(k)) & 1).astype(bool)
        np.add.at(counts[:, k], cells[has], weights[has])
    total = np.bincount(cells[sides != 0], weights=weights[sides != 0], minlength=n_cells)
    return counts, total


def dominance_table(events: pd.DataFrame, resolution: int, metric: str = "events",
                    groups: tuple[ActorGroup, ...] | None = None) -> pd.DataFrame:
    """Per H3 cell with a competing side: `cell`, `total`, one count column per side id,
    `leader` (a side id, "" if none), `share`, `contested`. Counts the events given (filter
    them first); `metric` "fatalities" weighs each event by its fatalities."""
    if metric not in METRICS:
        raise ValueError(f"dominance metric {metric!r} is not one of {', '.join(METRICS)}")
    sides = load_sides(groups)
    masks = side_masks(events, groups)
    codes, cells = hex_cells(events["latitude"].to_numpy(float), events["longitude"].to_numpy(float), resolution)
    keep = (masks != 0) & (codes >= 0)
    weight = (events["fatalities"].fillna(0).to_numpy(float) if metric == "fatalities"
              else np.ones(len(events)))[keep]
    counts, total = tally(codes[keep], masks[keep], weight, len(cells), len(sides))
    rows = []
    for c, cell in enumerate(cells):
        if total[c] <= 0 and not counts[c].any():
            continue
        side, share, contested = winner(counts[c].tolist(), float(total[c]))
        rows.append({"cell": cell, "total": float(total[c]),
                     **{s.id: float(counts[c, k]) for k, s in enumerate(sides)},
                     "leader": sides[side].id if side >= 0 else "", "share": share, "contested": contested})
    return pd.DataFrame(rows)
