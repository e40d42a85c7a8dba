"""The report printed to A4 PDF by headless Chromium, its pages rendered by pdftoppm
(poppler-utils): every page has content and no figure is cut across a page edge.

How a cut is seen: a copy of the report gets a magenta top border and a green bottom border
on every <figure>; on each rendered page the marks must come in (magenta, green) pairs, so a
figure that starts on a page ends on it. The layout itself is the report's: only two 4 px
borders per figure are added.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import numpy as np
import pytest

import build_map
from tests.browser.conftest import CHROMIUM, FLAGS

pytestmark = pytest.mark.browser

MARKS = ("figure { border-top: 4px solid #ff00ff !important;"
         " border-bottom: 4px solid #00ff00 !important; }")
DPI = 50


def _tools() -> None:
    missing = [name for name, path in (("chromium", str(CHROMIUM)), ("pdftoppm", shutil.which("pdftoppm")))
               if not path or not Path(path).exists()]
    if missing:
        message = (f"{', '.join(missing)} not installed: sudo apt-get install chromium poppler-utils "
                   "(Debian), then rerun make test")
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="module")
def printed_pages(tmp_path_factory):
    _tools()
    from PIL import Image

    work = tmp_path_factory.mktemp("report")
    report = work / "report.html"
    assert build_map.main(["--quiet", "--out", str(work / "map.html"), "--report", str(report)]) == 0
    marked = work / "marked.html"
    marked.write_text(report.read_text("utf-8").replace("</style>", MARKS + "</style>", 1), "utf-8")
    pdf = work / "report.pdf"
    profile = tempfile.mkdtemp(prefix="chromium-print-")
    try:
        flags = [f for f in FLAGS if not f.startswith("--window-size")]
        subprocess.run([str(CHROMIUM), *flags, f"--user-data-dir={profile}", "--no-pdf-header-footer",
                        f"--print-to-pdf={pdf}", marked.as_uri()],
                       check=True, capture_output=True, timeout=180)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    subprocess.run(["pdftoppm", "-r", str(DPI), "-png", str(pdf), str(work / "page")], check=True,
                   timeout=120)
    pages = sorted(work.glob("page-*.png"), key=lambda p: int(p.stem.split("-")[1]))
    return [np.asarray(Image.open(p).convert("RGB")).astype(int) for p in pages]


def _rows(page: np.ndarray, colour: tuple[int, int, int]) -> list[int]:
    """First row of each horizontal run of `colour` wider than a fifth of the page."""
    r, g, b = (page[..., k] for k in range(3))
    near = (np.abs(r - colour[0]) < 70) & (np.abs(g - colour[1]) < 70) & (np.abs(b - colour[2]) < 70)
    rows = np.flatnonzero(near.sum(axis=1) > page.shape[1] / 5)
    return [int(y) for k, y in enumerate(rows) if k == 0 or rows[k - 1] != y - 1]


def test_pages_are_a4_and_each_has_content(printed_pages):
    assert len(printed_pages) >= 4
    for k, page in enumerate(printed_pages, start=1):
        height, width = page.shape[:2]
        assert width == pytest.approx(210 / 25.4 * DPI, abs=2) and height == pytest.approx(297 / 25.4 * DPI, abs=2)
        ink = (page.sum(axis=2) < 600).mean()
        assert ink > 0.003, f"page {k} is (nearly) blank: {ink:.4f} of its pixels are ink"


def test_no_figure_is_cut_across_pages(printed_pages):
    figures = 0
    for k, page in enumerate(printed_pages, start=1):
        marks = sorted([(y, "top") for y in _rows(page, (255, 0, 255))]
                       + [(y, "bottom") for y in _rows(page, (0, 255, 0))])
        kinds = [kind for _, kind in marks]
        assert kinds == ["top", "bottom"] * (len(kinds) // 2), f"page {k}: figure marks {marks}"
        figures += len(kinds) // 2
    assert figures == 4  # the map's print figure, the zone chart, the small multiples, who dominates where
