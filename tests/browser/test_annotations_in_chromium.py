"""The editor's annotations in a page (static/js/annotations.js): two nearby points, Mopti and
Konna (55 km apart, 11 px at zoom 5), each labelled with its own box, neither over the other.
The placement itself is tested under node (tests/js/labels.test.js)."""

from __future__ import annotations

import pytest

from geo.annotations import load_annotations
from layers import annotations
from tests.browser.conftest import MAP_JS, js_errors, settle, show_map, wait_still

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def labels(driver, default_map, default_prepared, root):
    notes = load_annotations(root / "tests" / "data" / "annotations" / "three_labels.csv", default_prepared.events)
    two = annotations.build(notes.points, name="Annotations").options["notes"][1:]  # Mopti, Konna
    show_map(driver, default_map)
    wait_still(driver)  # the page's first view animates: a view set meanwhile is overridden
    driver.execute_script(f"""
        var map = {MAP_JS};
        map.setView([14.7, -4.0], 5, {{animate: false}});
        window.__notes = SahelMap.annotationLayer({{notes: arguments[0]}}).addTo(map);""", two)
    settle(driver)
    found = driver.execute_script("""
        var boxes = Array.from(document.querySelectorAll('.sahel-annotation-label')).map(function (e) {
            var range = document.createRange(); range.selectNodeContents(e);
            var r = range.getBoundingClientRect();
            return {text: e.textContent, box: [r.left, r.top, r.right, r.bottom]}; });
        var rings = window.__notes.options.notes.map(function (n) {
            var p = window.__notes._map.latLngToContainerPoint([n.lat, n.lon]); return [p.x, p.y]; });
        var out = {boxes: boxes, rings: rings, hidden: window.__notes.hidden};
        window.__notes.remove();
        return out;""")
    return two, found, js_errors(driver)


def test_two_nearby_annotations_labels_do_not_overlap(labels):
    notes, found, errors = labels
    assert errors == []
    assert sorted(b["text"] for b in found["boxes"]) == sorted(n["text"] for n in notes) and found["hidden"] == []
    (a, b) = (f["box"] for f in found["boxes"])
    assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)
    # the points are nearby: under 20 px apart at this zoom
    (x1, y1), (x2, y2) = found["rings"]
    assert ((x1 - x2) ** 2 + (y1 - y2) ** 2) ** 0.5 < 20
