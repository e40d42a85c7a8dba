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


def test_the_counts_map_follows_the_time_window_by_district(driver, hdx_counts_map):
    from layers._payload import decode_array
    from layers.choropleth import classify
    from tests.layers.test_counts_page import _count_payload

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
    # Python's numbers: the page's counts payload decoded (layers/_payload.py), summed by district
    payload = _count_payload(path.read_text("utf-8"))
    day, weight = decode_array(payload, "day"), decode_array(payload, "weight")
    district = decode_array(payload, "district_code")
    window = (day >= _day(dt.date(2023, 3, 1))) & (day <= _day(dt.date(2023, 5, 31)))
    per_district = {payload["districts"][c]: int(weight[window & (district == c)].sum()) for c in set(district.tolist())}
    assert sum(per_district.values()) == sum(
        d["events"] for d in summary["counts"]["by_district"].values()) - int(weight[~window].sum())
    state = driver.execute_script("return window.SahelMapState.choropleth")
    codes = list(state["classes"])
    classes, bins = classify([per_district.get(code, 0) for code in codes])
    assert [tuple(b) for b in state["bins"]] == bins
    assert state["classes"] == {code: int(c) for code, c in zip(codes, classes, strict=True)}
    bankass = per_district["ML0502"]
    driver.execute_script(f"{MAP_JS}.setView([14.08, -3.5], 8, {{animate: false}});")
    settle(driver)
    tooltip = driver.execute_script(DISTRICT_TOOLTIP, "ML0502")
    assert tooltip.startswith("DistrictBankass cercle, Mopti region") and f"Events{bankass}Fatalities" in tooltip
    assert js_errors(driver) == []
