"""The annotations map layer (layers/annotations.py): labels made with textContent, placed by
labels.js (tests/js/labels.test.js; in a page: tests/browser/test_annotations_in_chromium.py)."""

from geo.annotations import load_annotations
from layers import annotations
from layers._bundle import STATIC


def test_labels_are_text_whatever_they_hold(root, default_prepared):
    notes = load_annotations(root / "tests" / "data" / "annotations" / "three_labels.csv", default_prepared.events)
    layer = annotations.build(notes.points, name="Annotations")
    texts = [n["text"] for n in layer.options["notes"]]
    assert texts == ["Ogossagou, 23 Mar 2019 (2019-03-23)", "Mopti <b>&amp;</b> 'harbour'",
                     "Konna, 11 Jan 2013 (2013-01-11)"]
    assert [n["side"] for n in layer.options["notes"]] == ["left", "right", "below"]
    assert layer.options["notes"][2]["lat"] == 14.94329 and layer.options["notes"][2]["lon"] == -3.89474
    assert "<b>" not in layer.options_js and "\\u003cb\\u003e" in layer.options_js  # safe inside <script>
    script = (STATIC / "js" / "annotations.js").read_text("utf-8")
    assert "innerHTML" not in script and "el('div', 'sahel-annotation-label', this._box, p.note.text)" in script
    assert layer.show and layer.control
