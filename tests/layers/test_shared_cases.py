"""Python's half of the case files shared with node (tests/data/shared_cases/, tests/js/):
one algorithm in two languages, one list of answers."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from layers import search
from layers.choropleth import PALETTE, ZERO_COLOR, classify, fisher_jenks_breaks

CASES = Path(__file__).resolve().parents[1] / "data" / "shared_cases"


def _cases(name: str) -> list:
    return json.loads((CASES / name).read_text("utf-8"))["cases"]


@pytest.mark.parametrize("case", _cases("jenks.json"), ids=lambda c: c["why"][:40])
def test_jenks_cases(case):
    values = np.array(case["values"], dtype=float)
    if case["breaks"] is not None:
        assert fisher_jenks_breaks(values[values > 0], case["k"]).tolist() == case["breaks"]
    classes, bins = classify(values, k=case["k"])
    assert classes.tolist() == case["classes"]
    assert [colour for _, colour in bins] == [ZERO_COLOR, *PALETTE[len(PALETTE) - len(bins) + 1:]]
    if case["labels"] is not None:
        assert [label for label, _ in bins] == case["labels"]


@pytest.mark.parametrize("name, key", _cases("fold.json"))
def test_fold_cases(name, key):
    assert search.fold(name) == key


def test_the_search_cases_index_is_pythons():
    """search.json's index is layers/search.py's for the shipped places (no other spellings);
    when data/layers/places.geojson changes, rebuild it and work the expected names out again."""
    from geo.boundaries import load_layer

    shared = json.loads((CASES / "search.json").read_text("utf-8"))
    assert shared["index"] == search.index(load_layer("places").drop(columns="alternatenames"))
