"""The map inside an article: in an iframe the wheel scrolls the page until the reader clicks
the map; the Share panel gives this view's link and an <iframe> snippet."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import (
    MAP_JS,
    js_errors,
    open_in_article,
    settle,
    show_map,
    wait_for,
    wait_still,
)

pytestmark = pytest.mark.browser

WHEEL = """
    var map = MAP_JS, c = map.getContainer(), r = c.getBoundingClientRect();
    c.dispatchEvent(new WheelEvent('wheel', {deltaY: -240, deltaMode: 0, bubbles: true, cancelable: true,
        clientX: r.left + r.width / 2, clientY: r.top + r.height / 2}));
    return map.getZoom();
""".replace("MAP_JS", MAP_JS)

# A click on the map itself (the container, so no marker or cluster under it).
CLICK_MAP = """
    var c = MAP_JS.getContainer(), r = c.getBoundingClientRect();
    c.dispatchEvent(new MouseEvent('click', {bubbles: true, cancelable: true,
        clientX: r.left + r.width / 2, clientY: r.top + r.height / 2}));
""".replace("MAP_JS", MAP_JS)


def _pause(driver, ms: int) -> None:
    driver.execute_async_script(f"setTimeout(arguments[arguments.length - 1], {ms});")


@pytest.fixture
def framed_map(driver, default_map):
    open_in_article(driver, default_map, 760, 520)
    settle(driver)
    wait_still(driver)  # the page's first fitBounds animation
    try:
        yield
    finally:
        driver.switch_to.default_content()
        driver.get("about:blank")


def test_in_an_iframe_the_wheel_zooms_only_after_a_click(driver, framed_map):
    assert driver.execute_script("return window.self !== window.top")
    before = driver.execute_script(WHEEL)
    hint = driver.execute_script("var h = document.querySelector('.sahel-wheel-hint');"
                                 " return h && !h.hidden && h.offsetParent !== null && h.textContent;")
    assert hint == "Click the map to zoom with the wheel"
    _pause(driver, 600)
    assert driver.execute_script(f"return {MAP_JS}.getZoom()") == before  # the page scrolled instead

    driver.execute_script(CLICK_MAP)
    assert driver.execute_script("return document.querySelector('.sahel-wheel-hint').hidden")
    driver.execute_script(WHEEL)
    after = wait_for(driver, f"var z = {MAP_JS}.getZoom(); return z !== {before} && z;", 10)
    assert after > before

    # Leaving the map disarms the wheel again.
    driver.execute_script(f"{MAP_JS}.getContainer().dispatchEvent(new MouseEvent('mouseleave'));")
    assert driver.execute_script(f"return {MAP_JS}.scrollWheelZoom.enabled()") is False
    assert js_errors(driver) == []


def test_outside_an_iframe_the_wheel_zooms_at_once(driver, default_map):
    show_map(driver, default_map)
    assert driver.execute_script("return window.self === window.top")
    assert driver.execute_script(f"return {MAP_JS}.scrollWheelZoom.enabled()") is True
    assert driver.execute_script("return document.querySelector('.sahel-wheel-hint')") is None


def _copy(driver, which: str) -> tuple[str, str]:
    driver.execute_script("var p = document.querySelector('.sahel-share-panel');"
                          " if (p.hidden) document.querySelector('.sahel-share-btn').click();")
    driver.execute_script(f"document.querySelector('.sahel-share-{which}').click();")
    status = wait_for(driver, "return document.querySelector('.sahel-share-status').textContent;", 10)
    return driver.execute_script("return document.querySelector('.sahel-share-text').value"), status


def test_share_gives_this_views_link_and_an_iframe_snippet(driver, default_map):
    show_map(driver, default_map)
    wait_still(driver)  # the page's first fitBounds animation
    driver.execute_script(f"{MAP_JS}.setView([14.35, -3.61], 8, {{animate: false}});")
    page = default_map.resolve().as_uri()

    link, status = _copy(driver, "link")
    assert status in ("Copied", "Selected: press Ctrl+C (⌘C on a Mac) to copy")
    assert link.startswith(page + "#map=8/14.350/-3.610&layers=")

    # opened from a file, built without --public-url: the panel says to publish the map first,
    # and the embed code holds a placeholder address with this view
    assert driver.execute_script("return !document.querySelector('.sahel-share-unpublished').hidden"
                                 " && document.querySelector('.sahel-share-unpublished').textContent")\
        .startswith("This map is opened from a file: publish it on a web server first")
    code, _ = _copy(driver, "embed")
    match = re.fullmatch(r'<iframe src="([^"]+)" width="100%" height="600" '
                         r'title="Map: Political violence in Mali and the Sahel" loading="lazy" '
                         r'style="border:0" allowfullscreen></iframe>', code)
    assert match, code
    assert match.group(1) == link.replace(page, "https://example.org/your-map.html").replace("&", "&amp;")
    # The field holding the text is read-only and selected, ready for Ctrl+C.
    assert driver.execute_script("var f = document.querySelector('.sahel-share-text');"
                                 " return f.readOnly && f.selectionEnd - f.selectionStart === f.value.length;")
    driver.switch_to.active_element.send_keys("\ue00c")  # Escape closes the panel
    assert driver.execute_script("return document.querySelector('.sahel-share-panel').hidden")
    assert js_errors(driver) == []


def test_embed_code_escapes_the_url_and_title(driver, default_map):
    show_map(driver, default_map)
    code = driver.execute_script("""return SahelMap.embedCode('https://x.org/m.html#a=1&b="2"',
        'Bad "title" <img src=x onerror=alert(1)> & co', 450);""")
    assert code == ('<iframe src="https://x.org/m.html#a=1&amp;b=&quot;2&quot;" width="100%" height="450" '
                    'title="Bad &quot;title&quot; &lt;img src=x onerror=alert(1)&gt; &amp; co" '
                    'loading="lazy" style="border:0" allowfullscreen></iframe>')


def test_on_a_touch_screen_in_an_iframe_one_finger_scrolls_the_page_until_a_tap(driver, default_map):
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True})
    driver.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": True, "maxTouchPoints": 5})
    try:
        open_in_article(driver, default_map, 360, 400)
        assert driver.execute_script("return matchMedia('(pointer: coarse)').matches")
        touch = f"var m = {MAP_JS}; return [m.dragging.enabled(), getComputedStyle(m.getContainer()).touchAction];"
        assert driver.execute_script(touch) == [False, "pan-x pan-y"]  # the page scrolls, pinch zooms
        driver.execute_script(CLICK_MAP)
        assert driver.execute_script(touch) == [True, "none"]  # tapped: the map moves
    finally:
        driver.switch_to.default_content()
        driver.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": False})
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        driver.get("about:blank")
