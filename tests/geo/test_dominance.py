"""Who dominates where: sides, hexagons, tallies and the winner (geo/dominance.py)."""

import json
from pathlib import Path

import h3
import numpy as np
import pandas as pd
import pytest

from geo.dominance import (
    RESOLUTIONS,
    cell_rings,
    dominance_table,
    hex_cells,
    hex_cells_at,
    hex_edge_km,
    load_sides,
    side_masks,
    tally,
    winner,
)

SHARED = json.loads((Path(__file__).resolve().parents[1] / "data" / "shared_cases" / "dominance.json")
                    .read_text("utf-8"))
# Three places of real UCDP GED events (data/events/ucdp_ged211_sahel.csv): Ogossogou village
# (281679), Gao town (236600) and Ménaka (the ACLED point of HDX's file, MLI1581)
OGOSSOGOU, GAO, MENAKA = (14.0664, -3.45379), (16.2717, -0.0447), (15.9182, 2.4022)


def bit(side_id: str) -> int:
    return 1 << [s.id for s in load_sides()].index(side_id)


def events(*rows) -> pd.DataFrame:
    """rows: (place, actor1, actor2, fatalities, iso3); our own events at real places."""
    return pd.DataFrame([{"latitude": p[0], "longitude": p[1], "actor1": a1, "actor2": a2,
                          "fatalities": f, "country_iso3": iso3, "region": ""}
                         for p, a1, a2, f, iso3 in rows])


@pytest.mark.parametrize("case", SHARED["winner"], ids=lambda c: c["why"])
def test_shared_winner_cases(case):
    side, share, contested = winner(case["counts"], case["total"], SHARED["lead"])
    assert (side, contested) == (case["side"], case["contested"])
    assert share == pytest.approx(case["share"], abs=1e-12)


@pytest.mark.parametrize("metric", ["events", "fatalities"])
def test_shared_tally_case(metric):
    t = SHARED["tally"]
    rows = np.array(t["rows"])
    keep = (rows[:, 2] >= t["window"][0]) & (rows[:, 2] <= t["window"][1])
    weight = np.ones(len(rows)) if metric == "events" else rows[:, 3].astype(float)
    counts, total = tally(rows[keep, 0], rows[keep, 1], weight[keep], t["n_cells"], t["n_sides"])
    got = [[w[0], round(w[1], 9), w[2]] for w in (winner(counts[c].tolist(), total[c], SHARED["lead"])
                                                   for c in range(t["n_cells"]))]
    assert got == t[metric]


def test_sides_follow_actors_toml():
    ids = [s.id for s in load_sides()]
    assert ids[:2] == ["jnim", "is_sahel"]
    assert {"state_mli", "state_bfa", "state_ner", "wagner", "communal_militias"} <= set(ids)
    assert "civilians" not in ids and "france" not in ids  # France is an ally, not a side


def test_side_masks():
    frame = events((GAO, "JNIM: Group for Support of Islam and Muslims", "Military Forces of Mali (2013-)", 3, "MLI"),
                   (GAO, "Military Forces of France (2017-)", "Islamic State (Greater Sahara)", 1, "MLI"),
                   (MENAKA, "Military Forces of France (2017-)", "Unidentified Armed Group (Niger)", 0, "NER"),
                   (OGOSSOGOU, "Dan Na Ambassagou", "Civilians (Mali)", 164, "MLI"),
                   (OGOSSOGOU, "Unidentified Armed Group (Mali)", "Civilians (Mali)", 2, "MLI"))
    assert side_masks(frame).tolist() == [
        bit("jnim") | bit("state_mli"),
        bit("state_mli") | bit("is_sahel"),   # France counts for the state where it fights
        bit("state_ner"),
        bit("communal_militias"),
        0]


def test_hex_cells_and_their_size():
    lat = np.array([GAO[0], GAO[0], MENAKA[0], np.nan])
    lon = np.array([GAO[1], GAO[1], MENAKA[1], 0.0])
    codes, cells = hex_cells(lat, lon, 4)
    assert codes.tolist()[:2] == [codes[0]] * 2 and codes[2] != codes[0] and codes[3] == -1
    assert cells == sorted(cells) and cells[codes[0]] == h3.latlng_to_cell(*GAO, 4)
    ring = cell_rings(cells[:1])[0]
    assert len(ring) == 12  # six corners, lat and lon
    assert [round(hex_edge_km(r)) for r in RESOLUTIONS] == [69, 26, 10]


def test_hex_cells_at_every_resolution_are_each_points_own_cell():
    """The real UCDP points, each repeated and some without coordinates: at every resolution a
    point's cell is H3's cell of that point (the distinct points are indexed once)."""
    ged = pd.read_csv(Path(__file__).resolve().parents[2] / "data" / "events" / "ucdp_ged211_sahel.csv",
                      usecols=["latitude", "longitude"]).head(3000)
    lat = np.concatenate([ged["latitude"].to_numpy(float), ged["latitude"].to_numpy(float)[::-1], [np.nan]])
    lon = np.concatenate([ged["longitude"].to_numpy(float), ged["longitude"].to_numpy(float)[::-1], [0.0]])
    found = hex_cells_at(lat, lon, tuple(RESOLUTIONS))
    for res, (codes, cells) in found.items():
        assert cells == sorted(set(cells)) and codes[-1] == -1
        assert [cells[c] for c in codes[:-1]] == [h3.latlng_to_cell(a, b, res) for a, b in zip(lat[:-1], lon[:-1], strict=True)]


def test_three_cells_by_hand():
    """Gao: JNIM alone (4 attacks) -> JNIM, share 1. Ménaka: IS Sahel in 3 events, one of
    them against Mali's forces -> IS Sahel, share 1, lead 2/3; by fatalities 24 to 20 of 24,
    a lead of 1/6: contested. Ogossogou: militias 2, JNIM 2 -> a tie, contested; by
    fatalities the militias lead 10 to 2 of 12."""
    jnim, isgs, army = ("JNIM: Group for Support of Islam and Muslims", "Islamic State (Greater Sahara)",
                        "Military Forces of Mali (2013-)")
    frame = events(*[(GAO, jnim, "Civilians (Mali)", 1, "MLI")] * 4,
                   *[(MENAKA, isgs, "Civilians (Mali)", 2, "MLI")] * 2, (MENAKA, isgs, army, 20, "MLI"),
                   *[(OGOSSOGOU, "Dan Na Ambassagou", "Civilians (Mali)", 5, "MLI")] * 2,
                   *[(OGOSSOGOU, jnim, "Civilians (Mali)", 1, "MLI")] * 2)
    table = dominance_table(frame, 4).set_index("cell")
    gao, menaka, ogossogou = (h3.latlng_to_cell(*p, 4) for p in (GAO, MENAKA, OGOSSOGOU))
    assert table.loc[gao, ["leader", "share", "contested", "total"]].tolist() == ["jnim", 1.0, False, 4.0]
    assert table.loc[menaka, ["leader", "share", "contested", "state_mli"]].tolist() == ["is_sahel", 1.0, False, 1.0]
    assert table.loc[ogossogou, ["leader", "share", "contested"]].tolist() == ["jnim", 0.5, True]
    by_dead = dominance_table(frame, 4, metric="fatalities").set_index("cell")
    assert by_dead.loc[ogossogou, ["leader", "share", "contested"]].tolist() == ["communal_militias", 10 / 12, False]
    assert by_dead.loc[menaka, ["leader", "share", "contested"]].tolist() == ["is_sahel", 1.0, True]
