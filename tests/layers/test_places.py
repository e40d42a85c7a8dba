"""Key places name their country as the events do: "Mali (MLI)", not GeoNames' "ML"."""

from __future__ import annotations

from geo.boundaries import load_layer
from layers.places import _country


def test_place_tooltips_name_the_country_as_events_do():
    assert [_country(c) for c in ("ML", "bf", "NE", "DZ")] == [
        "Mali (MLI)", "Burkina Faso (BFA)", "Niger (NER)", "Algeria (DZA)"]
    assert _country("XX") == "XX"  # no such country: as written
    shown = {_country(c) for c in load_layer("places")["country"]}
    assert all(text.endswith(")") and "(" in text for text in shown), shown
