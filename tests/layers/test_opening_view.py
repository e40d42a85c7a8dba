"""The map opens on its data: the `data` frame of geo/frames.py (the figures' frame too), and
the overlays about countries with no events start off (layers/compose.py)."""

from __future__ import annotations

from geo.boundaries import load_layer
from geo.frames import data_bounds
from layers.compose import _off_at_start


def test_a_burkina_niger_map_frames_its_events_and_leaves_malis_overlays_off(default_prepared):
    e = default_prepared.events
    bfa_ner = e[e["country_iso3"].isin(["BFA", "NER"])]
    frame = data_bounds(bfa_ner)
    diffa = bfa_ner[bfa_ner["region"] == "Diffa"]
    assert len(diffa) > 10  # the Diffa events, east of Niamey
    assert diffa["longitude"].between(frame.west, frame.east).all()
    assert diffa["latitude"].between(frame.south, frame.north).all()
    spill = load_layer("spillover").total_bounds  # the zone they fall in, whole
    assert frame.west <= spill[0] and frame.south <= spill[1] and frame.east >= spill[2]
    zones = load_layer("conflict_zones").set_index("zone")
    north_zone_top = zones.loc["north"].geometry.bounds[3]  # Mali's northern zone holds none of them
    assert frame.north < north_zone_top
    assert _off_at_start(bfa_ner) == {"regions", "zones", "band", "border"}
    assert _off_at_start(e) == frozenset()


def test_no_events_give_no_frame():
    assert data_bounds(load_layer("places").iloc[:0]) is None  # the page then opens on Mali
