"""--engine dask above its page limit, as a reader meets it: the page carries a sample of the
events, but its type filter and time window act on the counts of every event, so the title's
count, the chart and the grid cells are the full data's (the pandas engine's joined events,
counted here)."""

from __future__ import annotations

import csv
import datetime as dt
import re
from contextlib import contextmanager

import pandas as pd
import pytest

import build_map
from geo.credits import OTHER_SHIPPED_EVENTS, SHIPPED_EVENTS
from tests.browser.conftest import MAP_JS, folium_object, js_errors, settle, wait_for

pytestmark = pytest.mark.browser
pytest.importorskip("dask_geopandas")

WINDOW = (dt.date(2019, 1, 1), dt.date(2020, 12, 31))  # whole quarters: whole bins of the chart
# every store of the page (folium names them event_store_N and count_store_N)
STORES_JS = "Object.keys(window).filter(function (k) { return /^(event|count)_store_\\d+$/.test(k); })"


def _day(date: dt.date) -> int:
    return (date - dt.date(1970, 1, 1)).days


@pytest.fixture(scope="module")
def dask_page(tmp_path_factory):
    """Real events in two partitions (UCDP GED 24.1 Mali's first 1,000 events, and the
    article's), built by the dask engine with a page limit of 10 events, 5 deadliest and about
    20 sampled; and the pandas engine's joined events of the same files."""
    import geo.engine_dask
    import geo.page_extract
    from layers._render import render_html

    folder = tmp_path_factory.mktemp("dask_counts")
    parts = folder / "parts"
    parts.mkdir()
    with open(OTHER_SHIPPED_EVENTS[0].path, newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))[:1001]
    with open(parts / "0_ucdp.csv", "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    (parts / "1_article.csv").write_bytes(SHIPPED_EVENTS[-1].path.read_bytes())
    files = geo.engine_dask.expand_inputs([parts])
    original = geo.engine_dask.cluster

    @contextmanager
    def in_process(scheduler=None, **_):
        with original(scheduler, processes=False, n_workers=1) as client:
            yield client

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(geo.engine_dask, "cluster", in_process)
        patch.setattr(geo.page_extract, "TOP_K", 5)
        patch.setattr(geo.page_extract, "SAMPLE_EVENTS", 20)
        prepared = geo.engine_dask.prepare_with_dask(files, page_event_limit=10)
    opts = build_map.options(files, engine="dask", layers="counts,events")
    path = folder / "map.html"
    path.write_text(render_html(build_map._compose(prepared, opts)), "utf-8")
    everything = build_map._prepare(build_map.options(files)).events
    return path, prepared, everything


def test_the_type_filter_and_time_window_act_on_the_counts_of_every_event(driver, dask_page):
    path, prepared, everything = dask_page
    # the type with most events in the window, and the full data's counts of it
    dates = pd.to_datetime(everything["event_date"])
    in_window = (dates >= pd.Timestamp(WINDOW[0])) & (dates <= pd.Timestamp(WINDOW[1]))
    kind = everything.loc[in_window, "event_type"].value_counts().index[0]
    of_kind = everything["event_type"] == kind
    expected = int((of_kind & in_window).sum())
    assert 0 < expected < int(in_window.sum())
    assert len(prepared.events) < expected  # the page's events alone could not give it

    driver.get(path.resolve().as_uri())
    wait_for(driver, "return !!(window.SahelMapState && window.SahelMapState.view && window.SahelMapState.chart)")
    settle(driver)
    assert driver.execute_script("return window.SahelMapState.view.total") == len(everything)
    # the other types hidden in the filter panel, and the window set as the timeline sets it
    hidden = [t for t in driver.execute_script(f"return window[{STORES_JS}[0]].types") if t != kind]
    driver.execute_script("var first = arguments[1], last = arguments[2];"
                          "SahelMap.filters.setFilters({hiddenTypes: arguments[0]});"
                          f"{STORES_JS}.forEach(function (k) {{ window[k].setFilter(first, last); }});",
                          hidden, _day(WINDOW[0]), _day(WINDOW[1]))
    settle(driver)
    settle(driver)
    assert driver.execute_script("return window.SahelMapState.view.total") == expected
    subtitle = driver.execute_script("return document.querySelector('.sahel-title-sub').textContent")
    assert re.match(r"([\d,]+) events", subtitle).group(1).replace(",", "") == str(expected), subtitle

    # the chart bins every date of the filtered events: its bins in the window add up to the
    # same count, and all its bins to the full data's count of the type
    chart = driver.execute_script("return window.SahelMapState.chart")
    nbins = len(chart["events"]) // len(chart["series"])
    zones = [r for r, key in enumerate(chart["series"]) if key != "border_band"]  # the band is in its zone too

    def months(b):
        first = chart["m0"] + b * chart["binMonths"]
        return dt.date(first // 12, first % 12 + 1, 1)

    total = lambda bins: sum(chart["events"][r * nbins + b] for r in zones for b in bins)  # noqa: E731
    window_bins = [b for b in range(nbins) if WINDOW[0] <= months(b) <= WINDOW[1]]
    assert total(window_bins) == expected
    assert total(range(nbins)) == int(of_kind.sum())

    # the counts per grid cell follow them too: in a window, the 1-degree cells (by month)
    driver.execute_script(f"{MAP_JS}.fitBounds([[0, -20], [30, 20]], {{animate: false}});")
    settle(driver)
    cells = driver.execute_script(f"return {folium_object('aggregate_layer')}.getLayers()"
                                  ".map(function (r) { return r.getTooltip().getContent(); })")
    assert cells and all("(cell 1°)" in text for text in cells)
    assert sum(int(re.match(r"([\d,]+) events", text).group(1).replace(",", "")) for text in cells) == expected
    assert js_errors(driver) == []
