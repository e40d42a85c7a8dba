"""The map page printed (Ctrl+P) by headless Chromium: Page.printToPDF, the path of the print
dialog and of --print-to-pdf, on the shared 1280 x 900 window; pages counted with pdfinfo and
rendered with pdftoppm (poppler-utils). Before the fix the default map printed on 5 pages, 4
blank: Leaflet's zoom proxy, thousands of pixels outside the frame, stretched the page."""

from __future__ import annotations

import base64
import os
import re
import shutil
import subprocess

import numpy as np
import pytest

from tests.browser.conftest import MAP_JS, js_errors, show_map

pytestmark = pytest.mark.browser
DPI = 30


@pytest.fixture(scope="module")
def printed(driver, default_map, tmp_path_factory):
    if not (shutil.which("pdfinfo") and shutil.which("pdftoppm")):
        message = "poppler-utils not installed: sudo apt-get install poppler-utils, then rerun make test"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from PIL import Image

    show_map(driver, default_map)
    before = driver.execute_script(f"var m = {MAP_JS}; return [m.getCenter().lat, m.getCenter().lng, m.getZoom()];")
    pdf = base64.b64decode(driver.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True,
                                                                      "printBackground": True})["data"])
    after = driver.execute_script(f"var m = {MAP_JS}; return [m.getCenter().lat, m.getCenter().lng, m.getZoom()];")
    work = tmp_path_factory.mktemp("map_print")
    (work / "map.pdf").write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(work / "map.pdf")], capture_output=True, text=True, check=True).stdout
    subprocess.run(["pdftoppm", "-r", str(DPI), "-png", str(work / "map.pdf"), str(work / "page")], check=True)
    pages = sorted(work.glob("page-*.png"), key=lambda p: int(p.stem.split("-")[1]))
    return {"pages": int(re.search(r"Pages:\s+(\d+)", info).group(1)), "size": info,
            "images": [np.asarray(Image.open(p).convert("L")).astype(int) for p in pages],
            "views": (before, after), "errors": js_errors(driver)}


def test_the_default_map_prints_with_no_blank_page(printed):
    assert "A4" in printed["size"]
    # the map and its legends on page 1, the overview map and the credits on page 2
    assert 1 <= printed["pages"] <= 2 and len(printed["images"]) == printed["pages"]
    for k, page in enumerate(printed["images"], start=1):
        ink = (page < 200).mean()
        assert ink > 0.01, f"page {k} of {printed['pages']} is blank ({ink:.2%} ink)"
    # the map (grey land where no tile loads) fills the page width: not white in the left and
    # the right tenth of its top band
    first = printed["images"][0]
    band = first[: first.shape[0] // 3]
    width = band.shape[1]
    assert (band[:, : width // 10] < 250).mean() > 0.3 and (band[:, -width // 10:] < 250).mean() > 0.3
    assert printed["errors"] == []


def test_the_view_on_screen_comes_back_after_printing(printed):
    before, after = printed["views"]
    assert after[2] == before[2] and after[:2] == pytest.approx(before[:2], abs=1e-6)
