"""The Content-Security-Policy in Chromium: the map works under it with no violation, and
a script that slipped into the page (in its HTML, or added through the DOM) does not run."""

from __future__ import annotations

import pytest

from tests.browser.conftest import MAP_JS, folium_object, js_errors, open_map, settle, wait_for

pytestmark = pytest.mark.browser

# Registered before any script of the page runs; the page itself never sees it.
RECORD_VIOLATIONS = """
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', function (e) {
        window.__csp.push({directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample});
    });
"""


@pytest.fixture
def watched(driver):
    token = driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument",
                                   {"source": RECORD_VIOLATIONS})["identifier"]
    yield driver
    driver.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument", {"identifier": token})


def test_map_works_under_the_policy_without_violations(watched, default_map):
    driver = watched
    open_map(driver, default_map)
    assert "Content-Security-Policy" in driver.execute_script(
        "return document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]').outerHTML")
    # use the map: every overlay, a zoom, an event popup, the search, the measure tool
    driver.execute_script("""
        document.querySelectorAll('.leaflet-control-layers-overlays input').forEach(function (i) {
            if (!i.checked) i.click(); });
        MAP_JS.setZoom(7);
        SahelMap.openEventPopup(MAP_JS, STORE_JS, 0, MAP_JS.getCenter());
    """.replace("MAP_JS", MAP_JS).replace("STORE_JS", folium_object("event_store")))
    wait_for(driver, "return document.querySelector('.leaflet-popup-content th')")
    driver.execute_script(f"{folium_object('place_search')}.search('Gao'); "
                          f"{folium_object('place_search')}.choose(0);")
    settle(driver)
    # issue 11's views: the filter panel, a brush across the chart, a stack's list popup
    driver.execute_script("""
        document.querySelectorAll('details.sahel-filters, details.sahel-chart').forEach(function (d) { d.open = true; });
        document.querySelector('.sahel-filter-type').click();
        var s = document.querySelector('.sahel-filter-zone'); s.value = 'north'; s.dispatchEvent(new Event('change'));
        var m = document.querySelector('.sahel-filter-min'); m.value = '2'; m.dispatchEvent(new Event('input'));
        var svg = document.querySelector('.sahel-chart-svg'), r = svg.getBoundingClientRect();
        function at(type, f) {
            svg.dispatchEvent(new PointerEvent(type, {bubbles: true, pointerId: 1, isPrimary: true, button: 0, buttons: 1,
                clientX: r.left + r.width * f, clientY: r.top + r.height / 2}));
        }
        at('pointerdown', 0.4); at('pointermove', 0.6); at('pointerup', 0.6);
    """)
    settle(driver)
    brushed = driver.execute_script(f"return {folium_object('event_store')}.filterActive")
    driver.execute_script(f"SahelMap.filters.reset(); {MAP_JS}.closePopup(); {MAP_JS}.setView([16.27, -0.04], 9);")
    settle(driver)
    driver.execute_async_script("""
        var done = arguments[arguments.length - 1];
        var stack = document.querySelector('.sahel-stack, .sahel-cluster');
        if (!stack) return done(null);
        stack.dispatchEvent(new MouseEvent('click', {bubbles: true}));
        (function wait(n) {
            if (document.querySelector('.leaflet-popup .sahel-list') || n > 200) return done(true);
            setTimeout(function () { wait(n + 1); }, 25);
        })(0);""")
    assert brushed is True  # the brush set the time window
    assert driver.execute_script("return !!document.querySelector('.leaflet-popup')")
    assert driver.execute_script("return window.__csp") == []
    assert driver.execute_script("return window.SahelMapState.errors") == []
    assert js_errors(driver) == []


def test_a_script_added_through_the_dom_is_blocked(watched, default_map):
    driver = watched
    open_map(driver, default_map)
    driver.execute_script("""
        var s = document.createElement('script');
        s.textContent = 'window.__injected = 1;';
        document.body.appendChild(s);
        var img = document.createElement('img');
        img.setAttribute('onerror', 'window.__injected = 2;');
        img.src = 'data:,not-an-image';
        document.body.appendChild(img);
    """)
    wait_for(driver, "return window.__csp.length >= 2")
    assert driver.execute_script("return window.__injected") is None
    directives = {v["directive"] for v in driver.execute_script("return window.__csp")}
    assert directives <= {"script-src-elem", "script-src-attr", "script-src"} and directives


def test_a_script_that_slipped_into_the_html_does_not_run(watched, default_map, tmp_path):
    """As if a hostile string had reached the page unescaped: the policy was computed for the
    page's own scripts, so the stray ones are refused."""
    page = default_map.read_text("utf-8")
    stray = ('<script>window.__slipped = 1;</script>'
             '<img src="data:," onerror="window.__slipped = 2">'
             '<a id="stray" href="javascript:window.__slipped = 3">x</a>')
    tampered = tmp_path / "tampered.html"
    tampered.write_text(page.replace("</body>", stray + "</body>", 1), "utf-8")
    driver = watched
    open_map(driver, tampered)
    driver.execute_script("document.getElementById('stray').click();")
    wait_for(driver, "return window.__csp.length >= 3")
    assert driver.execute_script("return window.__slipped") is None
    assert driver.execute_script(f"return !!{MAP_JS}")  # the map itself still runs

