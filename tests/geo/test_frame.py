"""The frame a map opens on follows its events and the zones they fall in (geo/frame.py)."""

from __future__ import annotations

import pandas as pd
import pytest

from geo.boundaries import load_layer
from geo.frame import events_frame
from layers.compose import _off_at_start, _opening_bounds


def _zones():
    return pd.concat([load_layer("conflict_zones")[["zone", "geometry"]],
                      load_layer("spillover")[["geometry"]].assign(zone="spillover")])


def test_a_burkina_niger_map_frames_its_events_and_leaves_malis_overlays_off(default_prepared):
    e = default_prepared.events
    bfa_ner = e[e["country_iso3"].isin(["BFA", "NER"])]
    west, south, east, north = events_frame(bfa_ner, _zones())
    diffa = bfa_ner[bfa_ner["region"] == "Diffa"]
    assert len(diffa) > 10  # the Diffa events, east of Niamey
    inside = diffa["longitude"].between(west, east) & diffa["latitude"].between(south, north)
    assert inside.all()
    spill = load_layer("spillover").total_bounds  # the zone they fall in, whole
    assert (west, south) <= (spill[0], spill[1]) and east >= spill[2] and north >= spill[3]
    # not Mali's northern zone (up to 25° N), which holds none of them: their own northmost
    assert north == pytest.approx(bfa_ner["latitude"].max(), abs=1e-4) and north < 24
    assert _off_at_start(bfa_ner) == {"regions", "zones", "band", "border"}
    assert _off_at_start(e) == frozenset()


def test_every_event_is_in_the_frame_and_no_events_give_mali(default_prepared):
    e = default_prepared.events
    west, south, east, north = events_frame(e, _zones())
    assert e["longitude"].between(west, east).all() and e["latitude"].between(south, north).all()
    assert (west, south, east, north) == (-9.1921, 10.0333, 13.57, 36.9359)  # the events' own box here
    assert events_frame(e.iloc[:0], _zones()) is None
    assert _opening_bounds(e.iloc[:0]) == [[10.1, -12.3], [25.0, 4.3]]  # no events: Mali
