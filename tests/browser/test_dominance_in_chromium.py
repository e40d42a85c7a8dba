"""Who dominates where in the page: the hexagons the browser colours for a time window are
those geo/dominance.py computes for the same events."""

from __future__ import annotations

import datetime as dt

import pytest

import build_map
from geo.dominance import dominance_table
from geo.paths import DATA_DIR
from tests.browser.conftest import (
    folium_object,
    js_errors,
    open_map,
    settle,
    toggle_overlay,
    wait_for,
)

pytestmark = pytest.mark.browser

UCDP = DATA_DIR / "events" / "ucdp_ged211_sahel.csv"
LAYER_JS = folium_object("dominance_layer")


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    out = tmp_path_factory.mktemp("dominance") / "map.html"
    assert build_map.main(["--quiet", "--events", str(UCDP), "--since", "2019-01-01", "--until", "2020-12-31",
                           "--layers", "regions,dominance,events", "--out", str(out)]) == 0
    prepared = build_map._prepare(build_map.options([UCDP], since="2019-01-01", until="2020-12-31"))
    return out, prepared.events


def _cells_in_window(driver, first: dt.date, last: dt.date, metric: str) -> dict:
    epoch = dt.date(1970, 1, 1)
    return driver.execute_script(f"""
        var layer = {LAYER_JS}, a = arguments;
        Object.keys(window).filter(function (k) {{ return /^event_store_\\d+$/.test(k); }})
            .forEach(function (k) {{ window[k].setFilter(a[0], a[1]); }});
        layer.setMetric(arguments[2]);
        var level = layer.options.levels[arguments[3]], out = {{}};
        layer.tally(arguments[3]).forEach(function (c) {{
            out[level.cells[c.cell]] = [layer.options.sides[c.side][0], c.share, c.contested, c.total]; }});
        return out;""", (first - epoch).days, (last - epoch).days, metric, 1)


@pytest.mark.parametrize("metric", ["events", "killed"])
def test_the_browser_colours_each_hexagon_as_python_does(driver, page, metric):
    path, events = page
    open_map(driver, path)
    toggle_overlay(driver, "Who dominates where")
    wait_for(driver, f"return !!{LAYER_JS}._rows")  # its columns are inflated asynchronously
    settle(driver)
    got = _cells_in_window(driver, dt.date(2020, 1, 1), dt.date(2020, 12, 31), metric)
    in_2020 = events[events["event_date"].dt.year == 2020]
    table = dominance_table(in_2020, 4, metric="events" if metric == "events" else "fatalities")
    table = table[table["total"] > 0].set_index("cell")
    assert set(got) == set(table.index)
    for cell, (side, share, contested, total) in got.items():
        row = table.loc[cell]
        assert (side, contested, total) == (row["leader"], row["contested"], row["total"]), cell
        assert share == pytest.approx(row["share"], abs=1e-12)
    assert driver.execute_script("return window.SahelMapState.dominance.res") in (3, 4, 5)
    assert not js_errors(driver)
