"""HDX's aggregated ACLED counts on the page, as a reader meets them: the district choropleth
shows at once, the page counts the counts' events, and for a time window Bankass cercle's
tooltip and every district's class are what Python computes from the counts."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.browser.conftest import MAP_JS, js_errors, settle, wait_for
from tests.browser.test_places_in_chromium import DISTRICT_TOOLTIP

pytestmark = pytest.mark.browser

COUNT_STORE_JS = ("window[Object.keys(window).filter(function (k) { return /^count_store_\\d+$/.test(k); })"
                  ".sort()[0]]")


def _day(date: dt.date) -> int:
    return (date - dt.date(1970, 1, 1)).days


def test_the_counts_map_follows_the_time_window_by_district(driver, hdx_counts_map, real_dir):
    from geo.pipeline import prepare_events
    from layers.choropleth import classify

    path, summary = hdx_counts_map
    driver.get(path.resolve().as_uri())
    wait_for(driver, "return !!(window.SahelMapState && window.SahelMapState.view"
                     " && window.SahelMapState.choropleth)")
    settle(driver)
    assert driver.execute_script("return window.SahelMapState.view.total") == summary["counts"]["mapped"]["events"]
    assert driver.execute_script("return window.SahelMapState.choropleth.level") == "districts"

    # March to May 2023, as the timeline sets a window: the months starting in it
    driver.execute_script(f"{COUNT_STORE_JS}.setFilter(arguments[0], arguments[1]);",
                          _day(dt.date(2023, 3, 1)), _day(dt.date(2023, 5, 31)))
    settle(driver)
    settle(driver)
    rows = prepare_events([real_dir / "hdx_acled_counts_sahel.xlsx"]).counts
    per_district = rows[rows["month"].between("2023-03-01", "2023-05-01")].groupby("district_pcode")["events"].sum()
    state = driver.execute_script("return window.SahelMapState.choropleth")
    codes = list(state["classes"])
    classes, bins = classify([int(per_district.get(code, 0)) for code in codes])
    assert [tuple(b) for b in state["bins"]] == bins
    assert state["classes"] == {code: int(c) for code, c in zip(codes, classes, strict=True)}
    bankass = int(per_district["ML0502"])
    driver.execute_script(f"{MAP_JS}.setView([14.08, -3.5], 8, {{animate: false}});")
    settle(driver)
    tooltip = driver.execute_script(DISTRICT_TOOLTIP, "ML0502")
    assert tooltip.startswith("DistrictBankass cercle, Mopti region") and f"Events{bankass}Fatalities" in tooltip
    assert js_errors(driver) == []
