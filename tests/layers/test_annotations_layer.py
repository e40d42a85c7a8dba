"""The annotations map layer (layers/annotations.py): labels made with textContent."""

from geo.annotations import load_annotations
from layers import annotations


def test_labels_are_text_whatever_they_hold(root, default_prepared):
    notes = load_annotations(root / "tests" / "data" / "annotations" / "three_labels.csv", default_prepared.events)
    layer = annotations.build(notes.points, name="Annotations")
    features = layer.data["features"]
    assert [f["properties"]["label"] for f in features] == notes.points["label"].tolist()
    assert features[1]["properties"]["label"] == "Mopti <b>&amp;</b> 'harbour'"
    script = layer.on_each_feature.js_code
    assert "textContent" in script and "innerHTML" not in script and "permanent: true" in script
    assert layer.show and layer.control
