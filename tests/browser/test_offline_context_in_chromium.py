"""Offline, the default map still reads like a map: "Places and rivers" switches itself on
when the tiles fail and, at the default view of a 1400 x 950 window, names Mali's
neighbours, draws the Niger and labels the towns the reader looks for, without overlaps."""

from __future__ import annotations

from pathlib import Path

import pytest

import build_map
from tests.browser.conftest import MAP_JS, folium_object, open_map, settle, wait_for

pytestmark = pytest.mark.browser

CONTEXT_JS = folium_object("context_layer")
TOWNS = ("Bamako", "Mopti", "Gao", "Tombouctou", "Kidal", "Niamey", "Ouagadougou")
NEIGHBOURS = ("Algeria", "Niger", "Burkina Faso", "Côte d'Ivoire", "Guinea", "Senegal", "Mauritania")

PLACED = """
    var map = MAP_JS, layer = CONTEXT_JS;
    var boxes = Array.from(document.querySelectorAll('.sahel-context-label')).map(function (e) {
        var r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom, e.textContent]; });
    var rivers = [];
    layer._water.eachLayer(function (g) { g.eachLayer(function (f) {
        if (f.feature.properties.name) rivers.push(f.feature.properties.name); }); });
    return {on: map.hasLayer(layer), zoom: map.getZoom(), placed: layer.placed, boxes: boxes,
            rivers: rivers, riverPaths: document.querySelectorAll('.sahel-context-pane path').length};
""".replace("MAP_JS", MAP_JS).replace("CONTEXT_JS", CONTEXT_JS)


@pytest.fixture
def window_1400(driver):
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": 1400, "height": 950, "deviceScaleFactor": 1, "mobile": False})
    yield driver
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def _overlapping(boxes):
    return [(a[4], b[4]) for k, a in enumerate(boxes) for b in boxes[k + 1:]
            if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]]


def test_default_map_offline_names_countries_river_and_towns(window_1400, default_map):
    driver = window_1400
    open_map(driver, default_map)
    wait_for(driver, f"return {CONTEXT_JS} && {MAP_JS}.hasLayer({CONTEXT_JS})")  # tiles failed
    # Mali's frame (the page opens on its events', which reach northern Algeria)
    driver.execute_script(f"{MAP_JS}.fitBounds([[10.1, -12.3], [25.0, 4.3]], {{animate: false}});")
    settle(driver)
    state = driver.execute_script(PLACED)
    assert state["zoom"] == 6
    for name in (*TOWNS, *NEIGHBOURS, "Mali"):
        assert name in state["placed"], name
    assert "Niger" in state["rivers"] and "Sénégal" in state["rivers"] and state["riverPaths"] > 10
    assert _overlapping(state["boxes"]) == []
    # zooming in shows more names, none overlapping
    driver.execute_script(MAP_JS + ".setZoom(8, {animate: false});")
    settle(driver)
    closer = driver.execute_script(PLACED)
    assert closer["zoom"] == 8 and _overlapping(closer["boxes"]) == []
    assert "Sévaré" in closer["placed"] or "Douentza" in closer["placed"] or len(closer["placed"]) > 5


def test_reader_who_turns_it_off_keeps_it_off(driver, default_map):
    open_map(driver, default_map)
    wait_for(driver, f"return {MAP_JS}.hasLayer({CONTEXT_JS})")
    driver.execute_script(f"{MAP_JS}.removeLayer({CONTEXT_JS}); {MAP_JS}.setZoom(7);")
    settle(driver)
    wait_for(driver, "return window.SahelMapState.tileErrors > 0")
    assert driver.execute_script(f"return {MAP_JS}.hasLayer({CONTEXT_JS})") is False


@pytest.fixture(scope="module")
def french_no_tiles(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("ctx") / "fr.html"
    assert build_map.main(["--quiet", "--lang", "fr", "--basemap", "none", "--out", str(out),
                           "--layers", "countries,regions,events,context"]) == 0
    return out


def test_basemap_none_in_french(window_1400, french_no_tiles):
    driver = window_1400
    open_map(driver, french_no_tiles)
    settle(driver)
    state = driver.execute_script(PLACED)
    assert state["on"] is True
    for name in ("Algérie", "Mauritanie", "Sénégal", "Guinée", "Tombouctou", "Bamako"):
        assert name in state["placed"], name
    assert "Algeria" not in state["placed"]


def test_a_link_that_names_its_layers_wins_over_failing_tiles(driver, default_map):
    """Opened with #layers=... that leaves "Places and rivers" out, the page keeps it off when
    the base-map tiles fail (without a hash it turns itself on: the first test)."""
    driver.get("about:blank")
    driver.get(default_map.resolve().as_uri() + "#layers=mali-regions,events-ucdp-ged-21-1")
    wait_for(driver, "return !!(window.SahelMapState && window.SahelMapState.firstDrawMs)", 60)
    wait_for(driver, "return window.SahelMapState.tileErrors > 0")
    driver.execute_script(f"{MAP_JS}.setZoom(6);")
    settle(driver)
    assert driver.execute_script(f"return {MAP_JS}.hasLayer({CONTEXT_JS})") is False
    assert "places-and-rivers" not in driver.execute_script("return location.hash")
