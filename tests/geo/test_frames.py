"""Map frames (geo/frames.py): named frames computed from the layers, boxes, the data frame."""

import numpy as np
import pytest

from geo.boundaries import load_layer
from geo.errors import ConfigError
from geo.frames import (
    DATA_FRAME,
    Bounds,
    _frames,
    data_bounds,
    frame_names,
    named_bounds,
    parse_extent,
)


@pytest.mark.parametrize("name", [n for n in frame_names() if n != DATA_FRAME])
def test_a_named_frame_is_its_layers_features_padded(name):
    table = _frames()[name]
    bounds = []
    for part in table["parts"]:
        layer = load_layer(part["layer"])
        for column, values in part.items():
            if column != "layer":
                layer = layer[layer[column].isin(values)]
        assert len(layer)
        bounds.append(layer.total_bounds)
    b = np.asarray(bounds)
    west, south, east, north = b[:, 0].min(), b[:, 1].min(), b[:, 2].max(), b[:, 3].max()
    pad = max(east - west, north - south) * table.get("margin", 0.03)
    assert named_bounds(name) == Bounds(west - pad, south - pad, east + pad, north + pad)


def test_central_mali_is_mopti_and_segou():
    regions = load_layer("admin1_regions")
    both = regions[(regions["iso3"] == "MLI") & regions["name"].isin(["Mopti", "Ségou"])]
    west, south, east, north = both.total_bounds
    frame = named_bounds("central-mali")
    assert frame.west < west < frame.west + 0.2 and frame.north > north > frame.north - 0.2
    assert named_bounds("mali").west < frame.west and named_bounds("sahel").east > named_bounds("mali").east


def test_the_data_frame_holds_every_event_and_not_much_more(default_prepared):
    events = default_prepared.events
    frame = data_bounds(events)
    assert frame.west <= events["longitude"].min() and frame.east >= events["longitude"].max()
    assert frame.south <= events["latitude"].min() and frame.north >= events["latitude"].max()
    zones = load_layer("conflict_zones")
    regions = load_layer("admin1_regions")
    held = regions[[(i, n) in set(zip(events["country_iso3"], events["region"], strict=True))
                    for i, n in zip(regions["iso3"], regions["name"], strict=True)]]
    outer = np.vstack([zones.total_bounds, held.total_bounds])
    margin = 0.04 * max(outer[:, 2].max() - outer[:, 0].min(), outer[:, 3].max() - outer[:, 1].min()) + 1e-9
    assert frame.west >= outer[:, 0].min() - margin and frame.north <= outer[:, 3].max() + margin


def test_parse_extent():
    assert parse_extent(None) == DATA_FRAME and parse_extent("central-mali") == "central-mali"
    assert parse_extent("-6,13,-1,16.5") == Bounds(-6, 13, -1, 16.5)
    with pytest.raises(ConfigError, match="did you mean 'central-mali'"):
        parse_extent("central_mali")
    with pytest.raises(ConfigError, match="longitude first"):
        parse_extent("-1,16.5,-6,13")
    with pytest.raises(ConfigError, match="four numbers"):
        parse_extent("-6,13,-1")
