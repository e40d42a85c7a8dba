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


def _levels(group) -> list[folium.GeoJson]:
    return [c for c in group._children.values() if isinstance(c, folium.GeoJson)]


def test_regions_take_the_colour_of_their_class():
    layer = _levels(change.build(load_layer("admin1_regions"), COMPARE))[0]
    props = {f["properties"]["name"]: f["properties"] for f in layer.data["features"]
             if f["properties"]["iso3"] == "MLI"}
    assert props["Gao"]["fill"] == change.PALETTE[4] and props["Mopti"]["fill"] == change.PALETTE[0]
    assert props["Kidal"]["fill"] == change.PALETTE[2]
    assert props["Kayes"]["fill"] == props["Bamako"]["fill"] == change.TOO_FEW_COLOR  # none: too few
    assert props["Gao"]["change"] == "+20" and props["Mopti"]["change"] == "−13"
    assert props["Gao"]["window_a"] == "19 events, 125 killed"
    assert props["Kayes"]["change"] == "too few events to compare"


def test_legend_is_symmetric_and_tied_to_the_layer():
    assert [label for label, _, _ in change.bins("en", [5, 10], 10)] == [
        "a fall of more than 10", "a fall of 5 to 10", "within ±5", "a rise of 5 to 10", "a rise of more than 10",
        "too few events to compare (under 10 in both windows together)"]
    m = folium.Map()
    change.build(load_layer("admin1_regions"), COMPARE, lang="fr").add_to(m)
    page = m.get_root().render()
    assert "SahelMap.classedLegend" in page and "une hausse de plus de 10" in page
    assert "2019-08-18 – 2020-08-17" in page


def test_districts_from_the_district_zoom_with_their_own_classes():
    """Ansongo cercle (ML0701) 7 -> 24 events: a rise beyond the districts' upper bound; Bankass
    (ML0502) 3 -> 4: too few; a district with no event in either window: too few as well."""
    from layers.choropleth import DISTRICT_ZOOM

    compare = {**COMPARE, "districts_bounds": [5, 10], "districts": [
        {"pcode": "ML0701", "iso3": "MLI", "name": "Ansongo", "events_a": 7, "events_b": 24, "killed_a": 20,
         "killed_b": 90, "events_change": 17, "change_class": 2},
        {"pcode": "ML0502", "iso3": "MLI", "name": "Bankass", "events_a": 3, "events_b": 4, "killed_a": 9,
         "killed_b": 2, "events_change": 1, "change_class": -9}]}
    districts = load_layer("admin2_districts")
    group = change.build(load_layer("admin1_regions"), compare, districts=districts)
    regions, finer = _levels(group)
    props = {f["properties"]["pcode"]: f["properties"] for f in finer.data["features"]}
    assert len(props) == len(districts)
    assert props["ML0701"]["fill"] == change.PALETTE[4] and props["ML0701"]["change"] == "+17"
    assert props["ML0701"]["place"] == "Ansongo cercle, Gao region"
    assert props["ML0502"]["fill"] == change.TOO_FEW_COLOR and props["ML0502"]["window_b"] == "4 events, 2 killed"
    assert props["NE006002"]["fill"] == change.TOO_FEW_COLOR and props["NE006002"]["window_a"] == "0 events, 0 killed"
    m = folium.Map()
    group.add_to(m)
    page = m.get_root().render()
    assert (f"SahelMap.changeLevels(map, {group.get_name()}, {regions.get_name()},\n"
            f"                {finer.get_name()}, {DISTRICT_ZOOM});") in page
    assert "per district (cercle, department, province) from zoom 7" in page
    # the layer control lists the group once, not its levels
    assert not regions.control and not finer.control
