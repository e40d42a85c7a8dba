"""The --compare overlay in the page: regions below zoom 7, districts from it, each area's colour
the summary's class, and the legend listing the level shown (layers/change.py, change.js)."""

from __future__ import annotations

import json

import pytest

import build_map
from geo.paths import DATA_DIR
from layers.change import PALETTE, TOO_FEW_COLOR
from layers.choropleth import DISTRICT_ZOOM
from tests.browser.conftest import MAP_JS, js_errors, settle, wait_for

pytestmark = pytest.mark.browser

# what the overlay draws now: each GeoJSON level on the map with its areas' fills
DRAWN = f"""
    var out = {{}};
    {MAP_JS}.eachLayer(function (layer) {{
      if (!(layer instanceof L.GeoJSON)) return;
      layer.eachLayer(function (area) {{
        var p = area.feature.properties;
        if (!('change' in p)) return; // the Mali regions overlay: not this one
        out[p.pcode || (p.iso3 + ':' + p.name)] = area.options.fillColor;
      }});
    }});
    return out;"""
LEGEND = """return Array.from(document.querySelectorAll('.sahel-legend-classed .sahel-legend-row'))
    .filter(function (r) { return !r.hidden; }).map(function (r) { return r.textContent; });"""


@pytest.fixture(scope="module")
def coup_page(tmp_path_factory):
    """The README's example: Mali, the year before and the year after the coup of 18 August 2020."""
    folder = tmp_path_factory.mktemp("change")
    assert build_map.main(["--quiet", "--events", str(DATA_DIR / "events" / "ucdp_ged241_mali.csv"),
                           "--since", "2019-08-18", "--until", "2021-08-17", "--layers", "regions,change",
                           "--compare", "2019-08-18..2020-08-17,2020-08-18..2021-08-17",
                           "--out", str(folder / "m.html"), "--summary", str(folder / "s.json")]) == 0
    return folder / "m.html", json.loads((folder / "s.json").read_text())["compare"]


def _at_zoom(driver, zoom: int, level: str) -> dict:
    """The areas drawn once the map has settled at `zoom` with one level: regions are keyed
    "iso3:name", districts by P-code (the page's first view may still be moving: set it again)."""
    ours = (lambda k: ":" in k) if level == "regions" else (lambda k: ":" not in k)
    for _ in range(50):
        if driver.execute_script(f"return {MAP_JS}.getZoom()") != zoom:
            driver.execute_script(f"{MAP_JS}.setView([15.5, -1.5], {zoom}, {{animate: false}});")
        settle(driver)
        drawn = driver.execute_script(DRAWN)
        if drawn and all(ours(k) for k in drawn):
            return drawn
    raise AssertionError(f"at zoom {zoom} the overlay draws {sorted(drawn)[:5]}..., not {level} only")


def _fill(row: dict) -> str:
    return TOO_FEW_COLOR if row["change_class"] == -9 else PALETTE[row["change_class"] + 2]


def test_regions_then_districts_by_zoom(driver, coup_page):
    path, compare = coup_page
    driver.get(path.resolve().as_uri())  # no events layer: wait for the overlay's legend
    wait_for(driver, "return document.querySelectorAll('.sahel-legend-classed .sahel-legend-row').length > 0")
    driver.get_log("browser")
    drawn = _at_zoom(driver, DISTRICT_ZOOM - 1, "regions")
    regions = {f"{r['iso3']}:{r['name']}": _fill(r) for r in compare["regions"]}
    assert all(":" in k for k in drawn)  # regions only (iso3:name), no district (P-code) yet
    assert {k: drawn[k] for k in regions} == regions
    assert drawn["MLI:Gao"] == PALETTE[4]  # 19 -> 39 events
    legend = driver.execute_script(LEGEND)
    assert len(legend) == 6 and legend[-1].startswith("too few events to compare")

    drawn = _at_zoom(driver, DISTRICT_ZOOM + 1, "districts")
    districts = {r["pcode"]: _fill(r) for r in compare["districts"]}
    assert "MLI:Gao" not in drawn
    assert {k: drawn[k] for k in districts} == districts
    ansongo = next(r for r in compare["districts"] if r["pcode"] == "ML0701")
    assert (ansongo["events_a"], ansongo["events_b"]) == (7, 24)
    # a district with no event in either window is drawn, as too few to compare
    assert sum(1 for k, fill in drawn.items() if k not in districts and fill == TOO_FEW_COLOR) > 100
    assert len(driver.execute_script(LEGEND)) == 6
    assert js_errors(driver) == []
