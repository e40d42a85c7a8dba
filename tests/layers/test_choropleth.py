"""Classed legend bins, hand-checked."""

import numpy as np
import pytest

from layers.choropleth import PALETTE, ZERO_COLOR, classify, fisher_jenks_breaks


def test_zero_regions_get_their_own_class():
    classes, bins = classify(np.array([0, 0, 5]))
    assert classes.tolist() == [-1, -1, 0]
    assert bins[0] == ("0", ZERO_COLOR)
    assert bins[1][0] == "1–5"  # the only class spans every positive count


def test_fisher_jenks_breaks_on_clear_groups():
    counts = np.array([1, 2, 3, 100, 110, 120, 500, 0])
    classes, bins = classify(counts, k=3)
    assert classes.tolist() == [0, 0, 0, 1, 1, 1, 2, -1]
    assert [label for label, _ in bins] == ["0", "1–3", "4–120", "121–500"]
    assert [colour for _, colour in bins[1:]] == list(PALETTE[-3:])


@pytest.mark.parametrize("seed", range(6))
def test_our_fisher_jenks_agrees_with_mapclassify(seed):
    import warnings

    import mapclassify

    rng = np.random.default_rng(seed)
    values = np.round(rng.lognormal(3, 1.2, size=60))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        expected = mapclassify.FisherJenks(values, k=5).bins
    assert fisher_jenks_breaks(values, 5) == pytest.approx(expected)


def test_the_layer_carries_each_regions_area_for_the_per_area_measure(default_prepared):
    from layers.choropleth import build

    admin1 = default_prepared.layers.admin1
    layer = build(admin1, {("MLI", "Mopti"): 7})
    props = {(f["properties"]["iso3"], f["properties"]["name"]): f["properties"]
             for f in layer.data["features"]}
    assert props[("MLI", "Mopti")]["events"] == 7
    assert props[("MLI", "Mopti")]["area_km2"] == pytest.approx(
        float(admin1.set_index(["iso3", "name"]).loc[("MLI", "Mopti"), "area_km2"]))
    assert all(p["area_km2"] > 0 for p in props.values())
    with pytest.raises(ValueError, match="metric 'per_capita' is not one of events, killed, density"):
        build(admin1, {}, metric="per_capita")
