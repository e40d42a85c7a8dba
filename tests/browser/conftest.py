"""Headless Chromium from Debian (/usr/bin/chromium + /usr/bin/chromedriver) via selenium.

Locally a missing browser skips these tests with the install command; under CI=true it fails.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--window-size=1280,900")
TILE_HOSTS = ("cartocdn.com", "openstreetmap.org", "arcgisonline.com")


@pytest.fixture(scope="session")
def driver():
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        message = ("Chromium is not installed: sudo apt-get install chromium chromium-driver "
                   "(Debian), then rerun make test")
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="chromium-profile-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    browser = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    # Base-map tiles fail at once instead of after a DNS wait: a page's load event came
    # 5.6 s after the request, against 0.6 s to the first events draw; now 0.4-0.7 s, with
    # every tile error (and so the offline-tiles notice) in place when get() returns.
    browser.execute_cdp_cmd("Network.enable", {})
    browser.execute_cdp_cmd("Network.setBlockedURLs", {"urls": [f"*{host}*" for host in TILE_HOSTS]})
    browser.set_script_timeout(60)
    yield browser
    browser.quit()
    shutil.rmtree(profile, ignore_errors=True)


def folium_object(kind: str) -> str:
    """JS expression for the first folium object of a kind, e.g. "map" or "heatmap_layer"
    (folium names its variables <kind>_<stable id>)."""
    return (f"window[Object.keys(window).filter(function (k) {{ return /^{kind}_\\d+$/.test(k); }})"
            ".sort()[0]]")


# the folium map object (its variable is map_<stable id>)
MAP_JS = folium_object("map")

# What a test may change on a page and show_map puts back: open popups, overlays switched
# on or off in the layer control, and the view.
_REMEMBER_PAGE = """
    var map = MAP_JS;
    window.__sahelTest = {center: map.getCenter(), zoom: map.getZoom(), module: arguments[0], overlays:
        Array.from(document.querySelectorAll('.leaflet-control-layers-overlays input'))
            .map(function (input) { return input.checked; })};
""".replace("MAP_JS", MAP_JS)


def _test_module() -> str:
    """The file of the test running (a page is shared only by the tests of one file)."""
    return os.environ.get("PYTEST_CURRENT_TEST", "").split("::")[0]
_RESET_PAGE = """
    var map = MAP_JS, saved = window.__sahelTest;
    map.closePopup();
    document.querySelectorAll('.leaflet-control-layers-overlays input').forEach(function (input, k) {
        if (input.checked !== saved.overlays[k]) input.click();
    });
    map.setView(saved.center, saved.zoom, {animate: false});
""".replace("MAP_JS", MAP_JS)


def open_map(browser, path: Path, timeout: float = 60) -> None:
    """Load a map file and wait until the events have been drawn once."""
    browser.get(path.resolve().as_uri())
    wait_for(browser, "return !!(window.SahelMapState && window.SahelMapState.firstDrawMs)", timeout)
    browser.execute_script(_REMEMBER_PAGE, _test_module())
    browser.get_log("browser")  # start each test with an empty console log


def open_in_article(browser, path: Path, width: int, height: int) -> None:
    """Open a map the way an article embeds it: a width x height iframe with text above and a
    long page below (so the article can scroll), then switch into the frame once the events
    are drawn. The caller switches back with browser.switch_to.default_content()."""
    host = path.parent / f"article_{width}x{height}.html"
    host.write_text(f'<!doctype html><html lang="en"><title>Article</title><p>Figure 1</p>'
                    f'<iframe src="{path.name}" width="{width}" height="{height}" style="border:0">'
                    f'</iframe><div style="height:2000px">More text.</div></html>', "utf-8")
    browser.get(host.as_uri())
    browser.switch_to.frame(browser.find_element("tag name", "iframe"))
    wait_for(browser, "return !!(window.SahelMapState && window.SahelMapState.firstDrawMs)", 60)
    browser.get_log("browser")  # this page's errors only


def show_map(browser, path: Path) -> None:
    """Like open_map, but a page that a test of the same file opened is reset (popups,
    overlays, view) instead of loaded again: tests that only read or that undo their changes
    share a load."""
    shown = browser.execute_script("return !!(window.__sahelTest && window.SahelMapState)"
                                   " && window.__sahelTest.module === arguments[0]", _test_module())
    # the page writes its view into the hash (hash.js): the address without it is the file's
    if not shown or browser.current_url.split("#")[0] != path.resolve().as_uri():
        open_map(browser, path)
        return
    browser.execute_script(_RESET_PAGE)
    settle(browser)
    browser.get_log("browser")


def wait_still(browser, timeout: float = 10) -> None:
    """Wait until the map is neither zooming nor panning (the page's first fitBounds animates)."""
    wait_for(browser, f"var m = {MAP_JS}; return !m._animatingZoom && !(m._panAnim && m._panAnim._inProgress);",
             timeout)


def settle(browser) -> None:
    """Wait until redraws scheduled so far have run (layers redraw in a setTimeout(0))."""
    browser.execute_async_script("var done = arguments[arguments.length - 1];"
                                 " setTimeout(function () { setTimeout(done, 0); }, 0);")


def toggle_overlay(browser, name_part: str) -> None:
    """Click the layer control's checkbox of the overlay whose label holds `name_part`."""
    browser.execute_script("""
        var part = arguments[0];
        var label = Array.from(document.querySelectorAll('.leaflet-control-layers-overlays label'))
            .find(function (l) { return l.textContent.indexOf(part) >= 0; });
        label.querySelector('input').click();""", name_part)
    settle(browser)


def wait_for(browser, script: str, timeout: float = 30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = browser.execute_script(script)
        if value:
            return value
        time.sleep(0.02)
    raise AssertionError(f"timed out waiting for: {script}")


def js_errors(browser) -> list[str]:
    """Console errors except failed tile requests (no network here)."""
    entries = browser.get_log("browser")
    return [e["message"] for e in entries if e["level"] == "SEVERE"
            and not any(host in e["message"] for host in TILE_HOSTS)]

