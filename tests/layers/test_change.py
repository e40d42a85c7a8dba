"""The --compare overlay (layers/change.py): diverging colours, too-few regions, its legend."""

import folium

from geo.boundaries import load_layer
from layers import change

COMPARE = {"windows": ["2019-08-18..2020-08-17", "2020-08-18..2021-08-17"], "metric": "events", "min_events": 10,
           "regions_bounds": [5, 10],
           "regions": [{"iso3": "MLI", "name": "Gao", "events_a": 19, "events_b": 39, "killed_a": 125, "killed_b": 234,
                        "events_change": 20, "change_class": 2},
                       {"iso3": "MLI", "name": "Mopti", "events_a": 110, "events_b": 97, "killed_a": 861,
                        "killed_b": 640, "events_change": -13, "change_class": -2},
                       {"iso3": "MLI", "name": "Kidal", "events_a": 5, "events_b": 7, "killed_a": 13, "killed_b": 57,
                        "events_change": 2, "change_class": 0},
                       {"iso3": "MLI", "name": "Kayes", "events_a": 3, "events_b": 1, "killed_a": 4, "killed_b": 2,
                        "events_change": -2, "change_class": -9}]}


def test_regions_take_the_colour_of_their_class():
    layer = change.build(load_layer("admin1_regions"), COMPARE)
    props = {f["properties"]["name"]: f["properties"] for f in layer.data["features"]
             if f["properties"]["iso3"] == "MLI"}
    assert props["Gao"]["fill"] == change.PALETTE[4] and props["Mopti"]["fill"] == change.PALETTE[0]
    assert props["Kidal"]["fill"] == change.PALETTE[2]
    assert props["Kayes"]["fill"] == props["Bamako"]["fill"] == change.TOO_FEW_COLOR  # none: too few
    assert props["Gao"]["change"] == "+20" and props["Mopti"]["change"] == "−13"
    assert props["Gao"]["window_a"] == "19 events, 125 killed"
    assert props["Kayes"]["change"] == "too few events to compare"


def test_legend_is_symmetric_and_tied_to_the_layer():
    assert [label for label, _ in change.bins("en", [5, 10], 10)] == [
        "a fall of more than 10", "a fall of 5 to 10", "within ±5", "a rise of 5 to 10", "a rise of more than 10",
        "too few events to compare (under 10 in both windows together)"]
    m = folium.Map()
    change.build(load_layer("admin1_regions"), COMPARE, lang="fr").add_to(m)
    page = m.get_root().render()
    assert "SahelMap.classedLegend" in page and "une hausse de plus de 10" in page
    assert "2019-08-18 – 2020-08-17" in page
