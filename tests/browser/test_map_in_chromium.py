"""The generated HTML, opened in headless Chromium: no errors, every overlay toggles,
popups are escaped, hostile data runs nothing, and the map works inside an iframe.

The default map is loaded once for the tests that only read it or undo what they change
(show_map resets it between them); the iframe, hostile and one-event tests load their own."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import build_map
from tests.browser.conftest import MAP_JS, js_errors, open_in_article, open_map, show_map, wait_for

pytestmark = pytest.mark.browser



@pytest.fixture(scope="module")
def overlays() -> list[str]:
    """The default map's overlays, as the overlay registry builds them (no list kept here)."""
    from layers.overlays import control_labels

    return control_labels(build_map.build())


COUNT_DRAWN = """
    return document.querySelectorAll('.leaflet-map-pane path, .leaflet-map-pane .leaflet-marker-icon,'
        + ' .leaflet-map-pane canvas, .leaflet-control-container .leaflet-control').length
        + (window.SahelMapState.drawn ? (window.SahelMapState.drawn.clusters || 0)
           + (window.SahelMapState.drawn.events || 0) + (window.SahelMapState.drawn.inView || 0) : 0);
"""


def _overlay_labels(browser):
    return browser.execute_script("""
        return Array.from(document.querySelectorAll('.leaflet-control-layers-overlays label'))
            .map(function (l) { return l.textContent.trim(); });""")


def test_default_map_loads_without_js_errors(driver, default_map):
    show_map(driver, default_map)
    driver.execute_script(MAP_JS + ".setZoom(6); return null;")
    wait_for(driver, "return window.SahelMapState.drawn && window.SahelMapState.drawn.clusters + window.SahelMapState.drawn.events > 0")
    assert js_errors(driver) == []
    assert driver.execute_script("return window.SahelMapState.errors") == []
    title = driver.execute_script("return document.querySelector('.sahel-title').textContent")
    assert "Political violence in Mali and the Sahel" in title and "1,618 events" in title


def test_layer_control_lists_every_overlay(driver, default_map, overlays):
    show_map(driver, default_map)
    assert _overlay_labels(driver) == overlays
    assert "Key places" in overlays


def test_legend_and_attribution_are_visible(driver, default_map):
    show_map(driver, default_map)
    text = driver.execute_script("return document.body.innerText")
    assert "Event type" in text and "Battles" in text
    attribution = driver.execute_script(
        "return document.querySelector('.leaflet-control-attribution').textContent")
    assert "UCDP" in attribution and "COD-AB" in attribution and "Natural Earth" in attribution
    assert "Taoudénit" in driver.execute_script("return document.querySelector('.sahel-notes').textContent")


TOGGLE = """
    var name = arguments[0];
    var label = Array.from(document.querySelectorAll('.leaflet-control-layers-overlays label'))
        .find(function (l) { return l.textContent.trim() === name; });
    if (!label) return false;
    label.querySelector('input').click();
    return true;
"""


def test_toggling_each_overlay_adds_or_removes_its_features(driver, default_map, overlays):
    show_map(driver, default_map)
    for overlay in overlays:
        before = driver.execute_script(COUNT_DRAWN)
        assert driver.execute_script(TOGGLE, overlay), f"no overlay labelled {overlay!r}"
        after = driver.execute_script(COUNT_DRAWN)
        driver.execute_script(TOGGLE, overlay)
        restored = driver.execute_script(COUNT_DRAWN)
        assert after != before, overlay
        assert restored == before, overlay


def test_offline_tiles_notice(driver, default_map):
    show_map(driver, default_map)
    notice = wait_for(driver, "var n = document.querySelector('.sahel-tile-notice');"
                              " return n && n.offsetParent !== null && n.textContent;", 30)
    assert "tiles" in notice.lower()


@pytest.fixture(scope="module")
def hostile_map(tmp_path_factory, hostile_dir) -> tuple[Path, pd.DataFrame]:
    out = tmp_path_factory.mktemp("hostile") / "hostile.html"
    source = hostile_dir / "hostile_events.csv"
    title = '<img src=x onerror="window.__xss=1">'
    assert build_map.main(["--quiet", "--events", str(source), "--out", str(out), "--title", title,
                           "--layers", "regions,events,places"]) == 0
    return out, pd.read_csv(source, dtype=str, keep_default_na=False)


# Each click's own popup (popupopen, not whichever popup is first in the page: the last one
# fades out for 200 ms) with its text and the ms from the click until it was open, laid out.
OPEN_EVERY_POPUP = """
    var done = arguments[arguments.length - 1];
    var map = MAP_JS;
    var paths = Array.from(document.querySelectorAll('path.sahel-event'));
    var opened = [];
    (async function () {
        for (const p of paths) {
            var t0 = performance.now();
            var open = new Promise(function (r) { map.once('popupopen', function (e) { r(e.popup); }); });
            p.dispatchEvent(new MouseEvent('click', {bubbles: true, clientX: 1, clientY: 1}));
            var popup = await Promise.race([open, new Promise(function (r) { setTimeout(r, 10000, null); })]);
            var box = popup && popup.getElement().querySelector('.leaflet-popup-content');
            opened.push([box ? box.textContent : '', performance.now() - t0]);
            p.dispatchEvent(new MouseEvent('mouseover', {bubbles: true}));
        }
        document.querySelectorAll('.leaflet-interactive').forEach(function (el) {
            el.dispatchEvent(new MouseEvent('mouseover', {bubbles: true}));
        });
        done(opened);
    })();
""".replace("MAP_JS", MAP_JS)


def test_hostile_csv_runs_no_script_in_any_popup_or_tooltip(driver, hostile_map):
    path, rows = hostile_map
    open_map(driver, path)
    count = driver.execute_script("return document.querySelectorAll('path.sahel-event').length")
    assert count == len(rows)
    opened = driver.execute_async_script(OPEN_EVERY_POPUP)
    texts = [text for text, _ in opened]
    assert all(texts), "every event opened a popup"
    # A 20,000-character word once took 15-50 s to lay out (popup.js, textPieces); 2 s is
    # far above the ~0.1 s it takes now, so only that kind of fault fails here.
    slow = [(text[:60], round(ms)) for text, ms in opened if ms > 2000]
    assert slow == [], "popups that took over 2 s to open"
    assert driver.execute_script("return window.__xss") is None
    assert driver.execute_script("return document.querySelectorAll('.leaflet-popup-content img, .leaflet-popup-content script, .leaflet-popup-content svg').length") == 0
    joined = "\n".join(texts)
    notes = [n for n in rows["notes"] if n and len(n) < 200]
    assert any(note.replace("\u2028", "").replace("\u2029", "")[:20] in joined.replace("\u2028", "").replace("\u2029", "") for note in notes)
    longest_word = max((w for value in rows.to_numpy().ravel() for w in value.split()), key=len)
    assert len(longest_word) > 10_000 and longest_word in joined  # shown whole, not cut short
    title = driver.execute_script("return document.querySelector('.sahel-title').textContent")
    assert '<img src=x onerror="window.__xss=1">' in title  # shown as text, not run


def test_clicking_an_event_opens_a_popup_with_the_right_text(driver, tmp_path):
    source = tmp_path / "one.csv"
    source.write_text("event_id,event_date,event_type,actor1,actor2,fatalities,latitude,longitude,"
                      "location,source,notes\nE1,2020-10-30,Battles,JNIM <b>&amp;</b>,"
                      "Military Forces of Mali,7,15.00605,-2.9517,Douentza,TEST,"
                      "TEST FIXTURE: clash near Douentza\n", "utf-8")
    out = tmp_path / "one.html"
    assert build_map.main(["--quiet", "--events", str(source), "--out", str(out)]) == 0
    open_map(driver, out)
    driver.execute_script("document.querySelector('path.sahel-event').dispatchEvent("
                          "new MouseEvent('click', {bubbles: true}));")
    text = wait_for(driver, "var p = document.querySelector('.leaflet-popup-content');"
                            " return p && p.textContent.indexOf('Douentza') >= 0 && p.textContent;")
    for expected in ("2020-10-30", "Battles", "JNIM <b>&amp;</b>", "Military Forces of Mali", "7",
                     "Douentza", "TEST FIXTURE: clash near Douentza", "Mopti", "Central conflict zone"):
        assert expected in text


def test_map_renders_inside_an_iframe(driver, default_map, tmp_path):
    open_in_article(driver, default_map, 900, 600)
    try:
        size = driver.execute_script(
            "var r = document.querySelector('.leaflet-container').getBoundingClientRect();"
            " return [r.width, r.height];")
        assert size[0] > 800 and size[1] > 500
        assert driver.execute_script("return document.querySelectorAll('.leaflet-map-pane path').length") > 10
    finally:
        driver.switch_to.default_content()
