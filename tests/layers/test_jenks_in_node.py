"""The page's choropleth classes (layers/static/js/jenks.js, run by node) are Python's
(layers/choropleth.py classify) on many random counts and densities, beyond the hand-worked
cases of tests/data/shared_cases/jenks.json."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from layers.choropleth import PALETTE, ZERO_COLOR, classify

ROOT = Path(__file__).resolve().parents[2]
CLASSIFY_IN_NODE = """
const { classifyValues, groupDigits } = require('./tests/js/pure.js');
const cases = JSON.parse(require('node:fs').readFileSync(0, 'utf-8'));
const commas = (n) => groupDigits(n, ',');
process.stdout.write(JSON.stringify(cases.map((c) => classifyValues(c.values, c.palette, c.zero, 5, commas))));
"""


def node() -> str:
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI"):
            pytest.fail("node is missing: .ci/run installs it (apt-get install nodejs)")
        pytest.skip("node is not installed")
    return node


def test_the_pages_choropleth_classes_are_pythons():
    cases, expected = [], []
    for seed in range(8):
        rng = np.random.default_rng(seed)
        counts = rng.negative_binomial(1, 0.02, 79) * (rng.random(79) > 0.2)
        density = counts / rng.uniform(200, 500_000, 79) * 1e4
        for values, with_labels in ((counts, True), (density, False)):
            cases.append({"values": values.tolist(), "palette": list(PALETTE), "zero": ZERO_COLOR})
            expected.append((*classify(values), with_labels))
    run = subprocess.run([node(), "-e", CLASSIFY_IN_NODE], input=json.dumps(cases), capture_output=True,
                         text=True, cwd=ROOT, timeout=120, check=True)
    for got, (classes, bins, with_labels) in zip(json.loads(run.stdout), expected, strict=True):
        assert got["classes"] == classes.tolist()
        assert [b[1] for b in got["bins"]] == [b[1] for b in bins]
        if with_labels:
            assert [tuple(b) for b in got["bins"]] == bins
