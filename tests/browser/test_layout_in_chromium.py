"""The default map at a desktop size, in a 760×520 iframe and on a phone (390×844):
no control covers another, the title is whole, a popup fits and is drawn above every
control, the Key and the minimap are folded below 800 px, the minimap is hidden below
600 px, the "About this map" panel opens, fits and closes (button and Escape), and a URL
with a view in its hash reopens that view at every size."""

from __future__ import annotations

import itertools

import pytest

from tests.browser.conftest import (
    MAP_JS,
    js_errors,
    open_in_article,
    open_map,
    settle,
    toggle_overlay,
    wait_for,
)

pytestmark = pytest.mark.browser

# (name, window width, height, mobile emulation, the map's size inside an iframe or None)
SIZES = {
    "desktop": (1400, 950, False, None),
    "iframe": (1000, 700, False, (760, 520)),
    "phone": (390, 844, True, None),
}

# Every visible control and open panel, with controls nested in another control left out
# (the legends inside the Key): their boxes relative to the map container.
BOXES = """
    var c = document.querySelector('.leaflet-container').getBoundingClientRect();
    var out = [];
    document.querySelectorAll('.leaflet-control-container .leaflet-control, .sahel-panel').forEach(function (e) {
        if (e.parentElement.closest('.leaflet-control')) return;
        var r = e.getBoundingClientRect(), s = getComputedStyle(e);
        if (!r.width || !r.height || s.visibility === 'hidden' || s.display === 'none') return;
        out.push({name: e.className, left: r.left - c.left, top: r.top - c.top,
                  right: r.right - c.left, bottom: r.bottom - c.top});
    });
    return {width: c.width, height: c.height, boxes: out};
"""

TITLE = """
    var t = document.querySelector('.sahel-title'), r = t.getBoundingClientRect();
    var parts = Array.from(t.querySelectorAll('*')).concat([t]);
    return {clipped: parts.filter(function (e) { return e.scrollWidth > e.clientWidth; }).length,
            left: r.left, top: r.top, right: r.right, bottom: r.bottom,
            width: innerWidth, height: innerHeight, text: t.textContent};
"""

# A function of a callback: it calls back once nothing moves any more: the map is not panning
# or zooming and the boxes of the controls, panels and popup stayed the same for three frames
# (the layout reruns in a frame after a resize; a popup's auto-pan animates for 0.25 s).
# It replaced fixed pauses of 100 to 700 ms.
STILL_JS = """(function (callback) {
    var map = MAP_JS, last = null, same = 0, frames = 0;
    var look = function () {
        var moving = map._animatingZoom || (map._panAnim && map._panAnim._inProgress);
        var now = moving ? null : Array.from(document.querySelectorAll(
            '.leaflet-control, .sahel-panel, .leaflet-popup')).map(function (e) {
                var r = e.getBoundingClientRect();
                return [r.left, r.top, r.width, r.height].join(',');
            }).join(';');
        same = now !== null && now === last ? same + 1 : 0;
        last = now;
        if (same >= 3 || ++frames > 300) return callback();
        requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
})""".replace("MAP_JS", MAP_JS)

# Open the popup of the event nearest the map's centre, wait for it and its auto-pan, then
# report its box and whether each of its corners (inset 6 px) shows the popup itself.
OPEN_POPUP = """
    var done = arguments[arguments.length - 1];
    var map = MAP_JS;
    var layer = Object.keys(window).filter(function (k) { return /^events_layer_\\d+$/.test(k); }).sort()
        .map(function (k) { return window[k]; })[0];
    var store = layer._stores[0], centre = map.getCenter(), best = -1, bestD = Infinity;
    for (var i = 0; i < store.n; i++) {
        var d = map.distance(centre, store.latLng(i));
        if (d < bestD) { bestD = d; best = i; }
    }
    SahelMap.openEventPopup(map, store, best, store.latLng(best));
    var tries = 0;
    (function wait() {
        var p = document.querySelector('.leaflet-popup');
        if (!p || !p.textContent || map._panAnim && map._panAnim._inProgress) {
            if (++tries > 200) return done(null);
            return setTimeout(wait, 25);
        }
        STILL(function () {
            var r = p.querySelector('.leaflet-popup-content-wrapper').getBoundingClientRect();
            var points = [[r.left + 6, r.top + 6], [r.right - 6, r.top + 6], [r.left + 6, r.bottom - 6],
                          [r.right - 6, r.bottom - 6], [(r.left + r.right) / 2, (r.top + r.bottom) / 2]];
            done({left: r.left, top: r.top, right: r.right, bottom: r.bottom,
                  width: innerWidth, height: innerHeight,
                  onTop: points.map(function (xy) {
                      var e = document.elementFromPoint(xy[0], xy[1]);
                      return !!(e && e.closest('.leaflet-popup'));
                  })});
        });
    })();
""".replace("MAP_JS", MAP_JS).replace("STILL", STILL_JS)


def _overlaps(boxes: list[dict]) -> list[tuple[str, str]]:
    found = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]:
                found.append((a["name"], b["name"]))
    return found


# One page load per size, shared by the tests in the order they are written here: a test
# that leaves the page in a state it cannot undo (a fold the reader chose wins over the size
# rule for good; layers turned on; a new hash) asks for `spoils_page`, and the next test gets
# a fresh load.  Between shared tests the page is put back (popup, panels, focus, view) and
# must look as loaded (its address, the overlays and folds; the hash follows the view a
# moment later), else it is loaded again.
_PAGE = {"spoilt": True}

_REMEMBER = """
    var map = MAP_JS;
    window.__sahelLayout = {center: map.getCenter(), zoom: map.getZoom(), look: LOOK};
""".replace("MAP_JS", MAP_JS)
_LOOK = """(function () {
    var key = document.querySelector('.sahel-key');
    return JSON.stringify([location.href.split('#')[0], key && key.className,
        Array.from(document.querySelectorAll('details, .leaflet-control-layers-overlays input'))
            .map(function (e) { return e.open === undefined ? e.checked : e.open; })]);
})()"""
_REMEMBER = _REMEMBER.replace("LOOK", _LOOK)
_RESET = """
    var map = MAP_JS, saved = window.__sahelLayout, done = arguments[arguments.length - 1];
    map.closePopup();
    document.querySelectorAll('.sahel-panel:not([hidden]) .sahel-panel-close').forEach(function (b) { b.click(); });
    if (document.activeElement) document.activeElement.blur();
    map.setView(saved.center, saved.zoom, {animate: false});
    STILL(function () { done(LOOK === saved.look); });
""".replace("MAP_JS", MAP_JS).replace("STILL", STILL_JS).replace("LOOK", _LOOK)


def _enter(driver, frame) -> None:
    if frame:
        driver.switch_to.frame(driver.find_element("tag name", "iframe"))


def _load(driver, default_map, name: str) -> None:
    width, height, mobile, frame = SIZES[name]
    if frame:
        open_in_article(driver, default_map, *frame)
    else:
        open_map(driver, default_map)
    settle(driver)
    driver.execute_async_script("requestAnimationFrame(function () { requestAnimationFrame(arguments[0]); }.bind(null, arguments[arguments.length - 1]));")
    driver.execute_script(_REMEMBER)
    driver.switch_to.default_content()
    driver.execute_script("window.__sahelLayoutSize = arguments[0];", name)
    _PAGE["spoilt"] = False


@pytest.fixture(scope="module", params=list(SIZES))
def size(request, driver):
    """One of SIZES; the page loads for it happen in sized_map."""
    _PAGE["spoilt"] = True
    yield request.param
    driver.switch_to.default_content()
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    driver.get("about:blank")
    _PAGE["spoilt"] = True


def _at_size(driver, name: str) -> bool:
    """Set the window to a size; whether the page open is one loaded at that size."""
    width, height, mobile, _ = SIZES[name]
    driver.switch_to.default_content()
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})
    return driver.execute_script("return window.__sahelLayoutSize || null") == name


@pytest.fixture
def sized_map(request, driver, default_map, size):
    """The default map at one of SIZES as loaded (see _PAGE); the document is the map's own
    (inside the iframe for "iframe")."""
    width, height, _, frame = SIZES[size]
    fresh = not _at_size(driver, size) or _PAGE["spoilt"]
    if not fresh:
        _enter(driver, frame)
        fresh = not driver.execute_async_script(_RESET)
        driver.switch_to.default_content()
        driver.get_log("browser")
    if fresh:
        _load(driver, default_map, size)
    _enter(driver, frame)
    failed = request.session.testsfailed
    yield size, frame or (width, height)
    driver.switch_to.default_content()
    if request.session.testsfailed != failed:
        _PAGE["spoilt"] = True  # the next test starts afresh


@pytest.fixture
def sized_window(driver, default_map, size):
    """A page of the default map at one of SIZES in whatever state the last test left it."""
    width, height, _, frame = SIZES[size]
    if not _at_size(driver, size):
        _load(driver, default_map, size)
    _enter(driver, frame)
    yield size, frame or (width, height)
    driver.switch_to.default_content()


@pytest.fixture
def spoils_page():
    """Ask for this after sized_map: the page this test leaves is not shared."""
    yield
    _PAGE["spoilt"] = True


def test_no_control_covers_another_and_all_are_inside_the_map(driver, sized_map):
    name, (width, height) = sized_map
    seen = driver.execute_script(BOXES)
    assert (round(seen["width"]), round(seen["height"])) == (width, height)
    names = " ".join(b["name"] for b in seen["boxes"])
    for expected in ("sahel-title", "leaflet-control-zoom", "sahel-search", "leaflet-control-layers",
                     "sahel-key", "sahel-about", "leaflet-control-scale", "leaflet-control-attribution",
                     "sahel-filters", "sahel-chart"):
        assert expected in names, f"{name}: no visible {expected}"
    assert _overlaps(seen["boxes"]) == [], name
    for b in seen["boxes"]:
        assert b["left"] >= 0 and b["top"] >= 0 and b["right"] <= width + 0.5 and b["bottom"] <= height + 0.5, (name, b)
    assert js_errors(driver) == []
    assert driver.execute_script("return window.SahelMapState.errors") == []


def test_title_is_whole_and_inside_the_view(driver, sized_map):
    name, _ = sized_map
    title = driver.execute_script(TITLE)
    assert title["clipped"] == 0, name
    assert title["left"] >= 0 and title["top"] >= 0, name
    assert title["right"] <= title["width"] and title["bottom"] <= title["height"], name
    assert title["text"].startswith("Political violence in Mali and the Sahel")


def test_filter_panel_and_chart_are_controls_of_their_own_that_fold_and_cover_nothing(request, driver, sized_map):
    """The filter panel (top left; top right under 800 px wide) and the chart (bottom left)
    stay out of the Key; they start open on a map at least 800 px wide (the chart also 800 px
    tall) and folded below; on the desktop map, both open still cover no control (the filter
    panel scrolls instead)."""
    name, (width, height) = sized_map
    state = driver.execute_script("""
        var f = document.querySelector('details.sahel-filters'), c = document.querySelector('details.sahel-chart');
        var key = document.querySelector('.sahel-key-body');
        return {filters: f.open, chart: c.open, inKey: key.contains(f) || key.contains(c),
                filtersCorner: f.parentNode.className, chartCorner: c.parentNode.className};""")
    assert state["inKey"] is False
    assert ("leaflet-top leaflet-left" if width >= 800 else "leaflet-top leaflet-right") in state["filtersCorner"]
    assert "leaflet-bottom leaflet-left" in state["chartCorner"]
    assert state["filters"] is (width >= 800 and height >= 500), name
    assert state["chart"] is (width >= 800 and height >= 800), name
    if width < 800 or height < 800:
        return  # on smaller maps the chart starts folded; opened it takes the left side
    if driver.execute_script("""var clicked = 0;
        document.querySelectorAll('details.sahel-filters > summary, details.sahel-chart > summary')
            .forEach(function (s) { if (!s.parentNode.open) { s.click(); clicked++; } });
        return clicked;"""):
        request.getfixturevalue("spoils_page")
    driver.execute_async_script("requestAnimationFrame(function () { requestAnimationFrame(arguments[0]); }.bind(null, arguments[arguments.length - 1]));")
    seen = driver.execute_script(BOXES)
    assert _overlaps(seen["boxes"]) == [], name
    for b in seen["boxes"]:
        assert b["left"] >= 0 and b["top"] >= 0 and b["right"] <= width + 0.5 and b["bottom"] <= height + 0.5, (name, b)
    assert js_errors(driver) == [] and driver.execute_script("return window.SahelMapState.errors") == []


def test_a_popup_fits_the_view_and_is_drawn_above_every_control(driver, sized_map):
    name, _ = sized_map
    popup = driver.execute_async_script(OPEN_POPUP)
    assert popup is not None, f"{name}: no popup opened"
    assert popup["left"] >= 0 and popup["top"] >= 0, (name, popup)
    assert popup["right"] <= popup["width"] and popup["bottom"] <= popup["height"], (name, popup)
    assert all(popup["onTop"]), (name, popup)
    assert js_errors(driver) == [] and driver.execute_script("return window.SahelMapState.errors") == []


def test_about_panel_opens_fits_and_closes_with_its_button_and_escape(driver, sized_map):
    name, (width, height) = sized_map
    about = driver.find_element("css selector", ".sahel-about button")
    assert about.text == "About this map"
    about.click()
    shown = driver.execute_script("""
        var p = document.querySelector('.sahel-panel.sahel-notes'), r = p.getBoundingClientRect();
        var c = document.querySelector('.leaflet-container').getBoundingClientRect();
        var mid = document.elementFromPoint((r.left + r.right) / 2, (r.top + r.bottom) / 2);
        return {hidden: p.hidden, left: r.left - c.left, top: r.top - c.top, right: r.right - c.left,
                bottom: r.bottom - c.top, onTop: !!(mid && mid.closest('.sahel-notes')),
                focused: p.contains(document.activeElement), text: p.textContent,
                close: p.querySelector('button.sahel-panel-close') !== null};
    """)
    assert not shown["hidden"] and shown["onTop"] and shown["focused"] and shown["close"], name
    assert shown["left"] >= 0 and shown["top"] >= 0 and shown["right"] <= width and shown["bottom"] <= height
    assert "Taoudénit" in shown["text"]
    driver.find_element("css selector", ".sahel-notes .sahel-panel-close").click()
    assert driver.execute_script("return document.querySelector('.sahel-notes').hidden") is True
    assert driver.execute_script("return document.activeElement === document.querySelector('.sahel-about button')")
    # The keyboard: Enter on the focused button opens it, Escape closes it.
    from selenium.webdriver.common.keys import Keys

    driver.switch_to.active_element.send_keys(Keys.ENTER)
    assert driver.execute_script("return document.querySelector('.sahel-notes').hidden") is False
    driver.switch_to.active_element.send_keys(Keys.ESCAPE)
    assert driver.execute_script("return document.querySelector('.sahel-notes').hidden") is True


def test_key_folds_below_800_px_and_minimap_hides_below_600_px(driver, sized_map, spoils_page):
    name, (width, _) = sized_map
    key = driver.execute_script("""
        var k = document.querySelector('.sahel-key'), body = k.querySelector('.sahel-key-body');
        var legends = Array.from(document.querySelectorAll('.sahel-legend:not(.sahel-filters):not(.sahel-chart)'));
        return {folded: k.classList.contains('sahel-folded'), bodyShown: body.offsetHeight > 0,
                legends: legends.length, inKey: legends.filter(function (l) { return body.contains(l); }).length,
                expanded: k.querySelector('button').getAttribute('aria-expanded'),
                minimap: !!document.querySelector('.sahel-minimap') && document.querySelector('.sahel-minimap').offsetHeight > 0,
                minimapFolded: document.querySelector('.sahel-minimap').classList.contains('sahel-collapsed')};
    """)
    assert key["legends"] == 2 and key["inKey"] == 2  # areas and fatality sizes, both in the Key
    assert key["folded"] is (width < 800) and key["bodyShown"] is (width >= 800), name
    assert key["expanded"] == ("false" if width < 800 else "true")
    assert key["minimap"] is (width >= 600), name
    assert key["minimapFolded"] is (width < 800), name  # folded to its button: it hid Niamey
    # Unfolded, the Key still covers no other control.
    driver.execute_script("document.querySelector('.sahel-key-toggle').click();")
    driver.execute_async_script("requestAnimationFrame(function () { requestAnimationFrame(arguments[0]); }.bind(null, arguments[arguments.length - 1]));")
    assert driver.execute_script("return document.querySelector('.sahel-key').classList.contains('sahel-folded')") is (width >= 800)
    assert _overlaps(driver.execute_script(BOXES)["boxes"]) == [], name


def test_the_readers_fold_of_the_filter_panel_wins_and_open_it_covers_nothing(driver, sized_map, spoils_page):
    name, (width, height) = sized_map
    driver.execute_script("document.querySelector('details.sahel-filters > summary').click();")
    driver.execute_async_script("requestAnimationFrame(function () { requestAnimationFrame(arguments[0]); }.bind(null, arguments[arguments.length - 1]));")
    assert driver.execute_script("return document.querySelector('details.sahel-filters').open") is (width < 800 or height < 500)
    if width >= 800:  # open it again: it covers nothing either way
        driver.execute_script("document.querySelector('details.sahel-filters > summary').click();")
        driver.execute_async_script("requestAnimationFrame(function () { requestAnimationFrame(arguments[0]); }.bind(null, arguments[arguments.length - 1]));")
    seen = driver.execute_script(BOXES)
    assert _overlaps(seen["boxes"]) == [], name
    assert js_errors(driver) == []


def test_with_the_timeline_and_heatmap_on_no_control_covers_another(driver, sized_map, spoils_page):
    name, _ = sized_map
    driver.execute_script("""
        Array.from(document.querySelectorAll('.leaflet-control-layers-overlays label'))
            .filter(function (l) { return /^(Event density|Timeline)/.test(l.textContent.trim()); })
            .forEach(function (l) { l.querySelector('input').click(); });""")
    wait_for(driver, "return !!document.querySelector('.sahel-timeline') && !!document.querySelector('.sahel-heat-legend');", 10)
    driver.execute_async_script("requestAnimationFrame(function () { requestAnimationFrame(arguments[0]); }.bind(null, arguments[arguments.length - 1]));")
    seen = driver.execute_script(BOXES)
    assert "sahel-timeline" in " ".join(b["name"] for b in seen["boxes"])
    assert driver.execute_script("return document.querySelector('.sahel-key-body').contains(document.querySelector('.sahel-heat-legend'))")
    assert _overlaps(seen["boxes"]) == [], name
    for b in seen["boxes"]:
        assert b["left"] >= 0 and b["top"] >= 0 and b["right"] <= seen["width"] + 0.5 and b["bottom"] <= seen["height"] + 0.5, (name, b)
    assert js_errors(driver) == [] and driver.execute_script("return window.SahelMapState.errors") == []


# Open a set of the page's panels (and fold the others) as a reader would: the chart, the
# filter panel (their summaries), the Key, the layer control, search results, an event popup.
SET_PANELS = """
var want = arguments[0], done = arguments[arguments.length - 1];
function details(sel, open) { var b = document.querySelector(sel); if (b && b.open !== open) b.querySelector('summary').click(); }
details('details.sahel-chart', want.indexOf('chart') >= 0);
details('details.sahel-filters', want.indexOf('filters') >= 0);
var key = document.querySelector('.sahel-key');
if (key && key.classList.contains('sahel-folded') === (want.indexOf('key') >= 0)) key.querySelector('.sahel-key-toggle').click();
var lc = document.querySelector('.leaflet-control-layers');
lc.classList.toggle('leaflet-control-layers-expanded', want.indexOf('layers') >= 0);
var input = document.querySelector('.sahel-search input');
if (input) { input.value = want.indexOf('search') >= 0 ? 'Gao' : ''; input.dispatchEvent(new Event('input')); }
var map = window[Object.keys(window).filter(function (k) { return /^map_\\d+$/.test(k); }).sort()[0]];
map.closePopup();
// About and Share are dialogs: opening one closes the other
document.querySelectorAll('.sahel-panel:not([hidden]) .sahel-panel-close').forEach(function (b) { b.click(); });
if (want.indexOf('about') >= 0) document.querySelector('.sahel-about button').click();
if (want.indexOf('share') >= 0) document.querySelector('.sahel-share-btn').click();
if (want.indexOf('popup') >= 0) {
  var layer = Object.keys(window).filter(function (k) { return /^events_layer_\\d+$/.test(k); }).sort().map(function (k) { return window[k]; })[0];
  var store = layer._stores[0], centre = map.getCenter(), best = -1, bestD = Infinity;
  for (var i = 0; i < store.n; i++) { var dd = map.distance(centre, store.latLng(i)); if (dd < bestD) { bestD = dd; best = i; } }
  SahelMap.openEventPopup(map, store, best, store.latLng(best));
}
var tries = 0;
(function wait() {  // the popup's details may be inflated first
  var p = document.querySelector('.leaflet-popup');
  if (want.indexOf('popup') >= 0 && !(p && p.textContent) && ++tries < 200) return setTimeout(wait, 25);
  STILL(done);
})();
""".replace("STILL", STILL_JS)

# Every control a reader can use: the top-level controls neither overlap nor leave the frame
# (the open layer control drops over the title, as a menu does), and each button, field and
# link shown inside its scrolling box is inside the frame and on top at its centre (a popup
# and a panel (About, Share) are drawn above the controls they cover: DIALOG_FITS checks the
# panel).  Returns what is wrong.
REACHABLE = """
// returns problems for the current state
var c = document.querySelector('.leaflet-container'), cr = c.getBoundingClientRect();
var problems = [];
function label(e) { if (!e) return 'nothing'; var t = (e.getAttribute('aria-label') || e.title || e.textContent || '').trim().slice(0, 30); return e.tagName.toLowerCase() + '.' + String(e.className.baseVal !== undefined ? e.className.baseVal : e.className).split(' ')[0] + '"' + t + '"'; }
var boxes = [];
document.querySelectorAll('.leaflet-control-container .leaflet-control').forEach(function (e) {
  if (e.parentElement.closest('.leaflet-control')) return;
  var r = e.getBoundingClientRect(), s = getComputedStyle(e);
  if (!r.width || !r.height || s.visibility === 'hidden' || s.display === 'none') return;
  boxes.push([e, r]);
  if (r.left < cr.left - 0.5 || r.top < cr.top - 0.5 || r.right > cr.right + 0.5 || r.bottom > cr.bottom + 0.5) problems.push('off frame ' + label(e));
});
for (var i = 0; i < boxes.length; i++) for (var j = i + 1; j < boxes.length; j++) {
  var a = boxes[i][1], b = boxes[j][1];
  var drop = function (x, y) { return x.classList.contains('leaflet-control-layers-expanded') && y.closest('.sahel-center'); };
  if (drop(boxes[i][0], boxes[j][0]) || drop(boxes[j][0], boxes[i][0])) continue; // the open layer control drops over the title
  if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) problems.push('overlap ' + label(boxes[i][0]) + ' / ' + label(boxes[j][0]));
}
document.querySelectorAll('.leaflet-control-container .leaflet-control').forEach(function (ctl) {
  if (ctl.parentElement.closest('.leaflet-control')) return;
  ctl.querySelectorAll('button, summary, select, input, a[href], svg[tabindex]').forEach(function (e) {
    var r = e.getBoundingClientRect(); if (!r.width || !r.height) return;
    if (e.checkVisibility && !e.checkVisibility({contentVisibilityAuto: true, visibilityProperty: true})) return;
    if (getComputedStyle(e).visibility === 'hidden') return;
    var v = {l: r.left, t: r.top, r: r.right, b: r.bottom};
    for (var a = e.parentElement; a && a !== c; a = a.parentElement) {
      var s = getComputedStyle(a);
      if (/(auto|scroll|hidden)/.test(s.overflowY + ' ' + s.overflowX)) {
        var ar = a.getBoundingClientRect();
        v = {l: Math.max(v.l, ar.left), t: Math.max(v.t, ar.top), r: Math.min(v.r, ar.right), b: Math.min(v.b, ar.bottom)};
      }
    }
    if (v.r - v.l < r.width / 2 || v.b - v.t < r.height / 2) return; // scrolled out of its box: reachable by scrolling
    if (v.l < cr.left - 0.5 || v.r > cr.right + 0.5 || v.t < cr.top - 0.5 || v.b > cr.bottom + 0.5) { problems.push('cut by frame ' + label(e)); return; }
    var hit = document.elementFromPoint((v.l + v.r) / 2, (v.t + v.b) / 2);
    if (hit && e.closest('.sahel-center') && hit.closest('.leaflet-control-layers-expanded')) return;
    if (hit && hit.closest('.leaflet-popup, .sahel-panel')) return; // drawn above the controls, on purpose
    if (!hit || !(hit === e || e.contains(hit))) problems.push('covered ' + label(e) + ' by ' + label(hit));
  });
});
return problems;
"""

# The panels a reader opens, each open or not, and the dialog (none, About or Share: one at a
# time); every pair of their settings is walked (a pairwise covering set of 9 states, where all
# 192 combinations took minutes a size), then everything open.
PANELS = ("chart", "key", "layers", "filters", "search", "popup")
DIALOGS = ("", "about", "share")


def _covering_states() -> list[tuple[str, ...]]:
    """Panel states in which every pair of settings of two factors occurs (greedy, fixed order)."""
    factors = [(name, (False, True)) for name in PANELS] + [("dialog", DIALOGS)]
    every = list(itertools.product(*[levels for _, levels in factors]))
    pairs = lambda row: {(i, row[i], j, row[j]) for i, j in itertools.combinations(range(len(row)), 2)}  # noqa: E731
    left, chosen = set().union(*map(pairs, every)), []
    while left:
        best = max(every, key=lambda row: len(pairs(row) & left))
        chosen.append(best)
        left -= pairs(best)
    return [tuple(name for (name, _), on in zip(factors[:-1], row, strict=False) if on) + ((row[-1],) if row[-1] else ())
            for row in chosen]


# An open panel (About, Share) is inside the frame, its close button on top, and clear of the
# left column of tools (zoom, tools, Share stay usable beside it).  Returns what is wrong.
DIALOG_FITS = """
var c = document.querySelector('.leaflet-container').getBoundingClientRect();
var p = document.querySelector('.sahel-panel:not([hidden])');
if (!p) return [];
var r = p.getBoundingClientRect(), problems = [];
if (r.left < c.left || r.top < c.top || r.right > c.right + 0.5 || r.bottom > c.bottom + 0.5) problems.push('panel off frame');
var x = p.querySelector('.sahel-panel-close').getBoundingClientRect();
var hit = document.elementFromPoint((x.left + x.right) / 2, (x.top + x.bottom) / 2);
if (!hit || !hit.closest('.sahel-panel-close')) problems.push('close button covered');
document.querySelectorAll('.leaflet-top.leaflet-left .leaflet-control:not(.sahel-filters)').forEach(function (t) {
  if (t.getBoundingClientRect().right > r.left) problems.push('panel over the tools ' + t.className);
});
return problems;
"""

PANEL_STATES = [*_covering_states(), (*PANELS, "share"), (*PANELS, "about")]


def test_the_panel_states_cover_every_pair_of_settings():
    states = [set(state) for state in PANEL_STATES]
    for a, b in itertools.combinations(PANELS, 2):
        for want_a, want_b in itertools.product((False, True), repeat=2):
            assert any((a in s) is want_a and (b in s) is want_b for s in states), (a, want_a, b, want_b)
    for panel in PANELS:
        for dialog in DIALOGS:
            for want in (False, True):
                assert any((panel in s) is want and (dialog in s if dialog else not s & {"about", "share"})
                           for s in states), (panel, want, dialog)
    assert len(PANEL_STATES) <= 12


def test_every_state_of_the_panels_leaves_every_control_usable(driver, sized_map, spoils_page):
    name, _ = sized_map
    for state in PANEL_STATES:
        driver.execute_async_script(SET_PANELS, list(state))
        assert driver.execute_script(REACHABLE) == [], (name, state)
        assert driver.execute_script(DIALOG_FITS) == [], (name, state)
        # Share stays clickable, even beside a popup (layout.js narrows it on a small map)
        share = driver.execute_script("""var b = document.querySelector('.sahel-share-btn');
            var r = b.getBoundingClientRect(), hit = document.elementFromPoint((r.left + r.right) / 2, (r.top + r.bottom) / 2);
            return !!hit && (hit === b || b.contains(hit));""")
        assert share, (name, state, "Share is not clickable")
    assert driver.execute_script("return window.SahelMapState.errors") == []


def test_an_opened_url_restores_its_view_at_this_size(driver, sized_window, spoils_page):
    name, _ = sized_window
    hash_text = "#map=8/14.500/-4.200&layers=regions,events-ucdp-ged211,context"
    driver.execute_script(f"history.replaceState(null, '', '{hash_text}'); location.reload();")
    wait_for(driver, "return document.readyState === 'complete' && !!(window.SahelMapState"
                     " && window.SahelMapState.firstDrawMs) && location.hash.length > 0", 60)
    view = wait_for(driver, f"var m = {MAP_JS}, c = m.getCenter();"
                            " return m.getZoom() === 8 && [c.lat, c.lng];", 10)
    assert view == [pytest.approx(14.5, abs=1e-9), pytest.approx(-4.2, abs=1e-9)], name
    on = driver.execute_script("""return Array.from(document.querySelectorAll(
        '.leaflet-control-layers-overlays input')).filter(function (i) { return i.checked; }).length;""")
    assert on == 3, name
    assert driver.execute_script("return location.hash") == hash_text


def test_legends_of_the_layers_turned_on_come_first_and_start_inside_the_key(driver, default_map):
    """A 1400×950 window (a 1400×807 map): turning on the choropleth and the timeline puts the
    choropleth's legend first in the Key and opens it; the chart and the filter panel fold so
    that every legend starts inside the Key's box (it had 60 px over 447 px of legends)."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": 1400, "height": 807, "deviceScaleFactor": 1, "mobile": False})
    try:
        open_map(driver, default_map)
        for name in ("Events per region", "Timeline"):
            toggle_overlay(driver, name)
        wait_for(driver, "return !!document.querySelector('.sahel-timeline')", 10)
        driver.execute_async_script("requestAnimationFrame(function () { requestAnimationFrame(arguments[0]); }.bind(null, arguments[arguments.length - 1]));")
        key = driver.execute_script("""
            var body = document.querySelector('.sahel-key-body'), b = body.getBoundingClientRect();
            return {open: !body.hidden, bottom: b.bottom, chart: document.querySelector('details.sahel-chart').open,
                    legends: Array.from(body.children).filter(function (l) { return l.offsetHeight; })
                        .map(function (l) { return [l.className, l.getBoundingClientRect().top]; })};""")
        assert key["open"] and not key["chart"]
        assert "sahel-choropleth-legend" in key["legends"][0][0]
        assert len(key["legends"]) == 3
        for name, top in key["legends"]:
            assert top + 12 <= key["bottom"], (name, top, key["bottom"])  # its title line shows
        assert driver.execute_script(REACHABLE) == []
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        driver.get("about:blank")
