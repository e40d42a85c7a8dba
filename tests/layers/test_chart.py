"""The page chart's series (layers/chart.py): the zones the events fall in, in the colours the
map draws those zones with."""

from __future__ import annotations

import pandas as pd

from figures.theme import load_theme
from geo.boundaries import load_layer
from geo.paths import DATA_DIR
from layers import border_band, spillover, zones
from layers.chart import SERIES, chart_series


def _outline(layer) -> str:
    """The colour a GeoJSON overlay draws its first feature's outline in."""
    return layer.style_function(layer.data["features"][0])["color"]


def test_the_charts_zone_colours_are_the_maps(default_prepared):
    conflict = load_layer("conflict_zones")
    drawn = {z: _outline(zones.build(conflict, z)) for z in zones.MALI_ZONES}
    spill = load_layer("spillover")
    for iso3 in ("BFA", "NER"):  # each country's spillover regions, as the map draws them
        drawn[f"spillover_{iso3.lower()}"] = _outline(spillover.build(spill[spill["iso3"] == iso3]))
    drawn["border_band"] = _outline(border_band.build(default_prepared.layers.band))
    colours = {key: colour for key, colour, _ in SERIES}
    assert {key: colours[key] for key in drawn} == drawn
    assert colours["spillover_ner"] == "#5e3c99"  # was #1b9e77, a colour the map has nowhere
    # the print figures' default theme draws the zones in the same colours
    default = load_theme(DATA_DIR / "themes" / "default.toml")
    assert default.zones == {z: zones.ZONE_COLORS[z] for z in default.zones}
    # lines of one colour differ by their dash
    assert len({(colour, dash) for _, colour, dash in SERIES}) == len(SERIES)


def test_a_burkina_niger_chart_has_their_series_only(default_prepared):
    e = default_prepared.events
    bfa_ner = e[e["country_iso3"].isin(["BFA", "NER"])]
    assert [key for key, _, _ in chart_series(bfa_ner)] == ["spillover_bfa", "spillover_ner", "other"]
    assert [key for key, _, _ in chart_series(e[e["zone"] == "central"])] == ["central"]
    everything = [key for key, _, _ in chart_series(e)]
    assert everything == [key for key, _, _ in SERIES]  # the default map has every series
    assert chart_series(e.iloc[:0], None) == []


def test_a_table_of_counts_brings_its_zones():
    counts = pd.DataFrame({"zone": ["north", None], "country_iso3": ["MLI", "MRT"]})
    assert [key for key, _, _ in chart_series(None, counts)] == ["north", "other"]
