"""Classed legend bins, hand-checked."""

import numpy as np

from layers.choropleth import PALETTE, ZERO_COLOR, classify


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
