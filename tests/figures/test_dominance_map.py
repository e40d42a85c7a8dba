"""Who dominates where as a figure (--figure with --view dominance) and a report section, on the
shipped events of 2020: what they say is geo.dominance's table."""

import dataclasses
import re
import xml.etree.ElementTree as ET

import pytest

from figures._mpl import figure_bytes
from figures.dominance_map import dominance_rows, draw_dominance, figure_resolution
from figures.dominance_section import dominance_section
from geo.dominance import RESOLUTIONS, dominance_table, hex_edge_km

SVG_TEXT = "{http://www.w3.org/2000/svg}text"


@pytest.fixture(scope="module")
def drawn_2020(default_prepared):
    events = default_prepared.events
    year = events[events["event_date"].dt.year == 2020].reset_index(drop=True)
    prepared = dataclasses.replace(default_prepared, events=year)
    figure = draw_dominance(prepared)
    return year, figure, figure_bytes(figure, "svg", 72)


def test_the_figure_draws_python_s_hexagons(drawn_2020):
    year, figure, svg = drawn_2020
    res = figure.sahel_resolution
    assert res in RESOLUTIONS
    expected = dominance_table(year, res)
    assert figure.sahel_dominance.equals(expected)
    # the legend names every side that leads a hexagon, and no other; the note states the size
    text = " ".join(" ".join("".join(e.itertext()) for e in ET.fromstring(svg).iter(SVG_TEXT)).split())
    for row in dominance_rows(expected):
        assert row["side"] in text
    assert "Wagner" not in text  # no hexagon of 2020 is Wagner's
    assert f"H3 resolution {res}, {hex_edge_km(res):.0f} km sides" in text
    assert "Events from Jan 2020 to Dec 2020" in text


def test_the_report_section_counts_each_side_s_hexagons(drawn_2020):
    year, figure, _ = drawn_2020
    table = figure.sahel_dominance
    page = dominance_section(table, "<svg></svg>")
    cells = re.findall(r"<tr><td>([^<]+)</td><td class=n>([\d,]+)</td><td class=n>([\d,]+)</td></tr>", page)
    led = {side: (int(a), int(b)) for side, a, b in cells}
    for row in dominance_rows(table):
        side = table[table["leader"] == row["id"]]
        assert led[row["side"]] == (int((~side["contested"]).sum()), int(side["contested"].sum()))
    assert sum(a + b for a, b in led.values()) == len(table)
    assert f"{len(table)} hexagons hold events of a competing side" in page
    assert dominance_section(table.iloc[0:0], "") == ""


def test_the_hexagons_are_coarser_on_a_wider_frame():
    from figures._mapaxes import Extent

    # 6,000 km on 146 mm: 41 km/mm, so resolution 4 (52 km across) is 1.3 mm, 3 (138 km) 3.4 mm
    assert figure_resolution(Extent(0, 0, 6_000_000, 4_000_000), 146) == 3
    # 3,000 km: 20.5 km/mm, resolution 4 is 2.54 mm (>= 2.5), 5 (20 km) 1 mm
    assert figure_resolution(Extent(0, 0, 3_000_000, 2_000_000), 146) == 4
    assert figure_resolution(Extent(0, 0, 400_000, 300_000), 146) == max(RESOLUTIONS) == 5
