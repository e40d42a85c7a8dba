"""ACLED and UCDP together on the page: each incident counted once, and the filter panel's
switch to count every report instead (the page carries each incident's second report,
flagged; layers/_payload.py "secondary")."""

from __future__ import annotations

import json

import pytest

import build_map
from tests.browser.conftest import js_errors, open_map, settle, wait_for
from tests.test_build_map_incidents import files  # noqa: F401  (the module's fixture)

pytestmark = pytest.mark.browser

VIEW = "return SahelMap.pageView.latest"


@pytest.fixture(scope="module")
def incidents_page(tmp_path_factory, files):  # noqa: F811
    """ACLED's Ogossagou report, UCDP's (281679) and one more UCDP event: 3 reports, 2 incidents."""
    folder = tmp_path_factory.mktemp("incidents_page")
    assert build_map.main(["--quiet", "--events", str(files[0]), "--events", str(files[1]),
                           "--out", str(folder / "m.html"), "--summary", str(folder / "s.json"),
                           "--layers", "regions,events,choropleth,timeline"]) == 0
    return folder / "m.html", json.loads((folder / "s.json").read_text())


def test_the_switch_counts_each_report(driver, incidents_page):
    path, summary = incidents_page
    pairs, incidents = summary["incidents"]["matched_pairs"], summary["incidents"]["incidents"]
    assert (pairs, incidents) == (1, 2)
    open_map(driver, path)
    settle(driver)
    view = driver.execute_script(VIEW)
    assert (view["total"], view["all"]) == (incidents, incidents)
    box = driver.find_element("css selector", ".sahel-filter-reports")
    assert box.is_displayed() and not box.is_selected()
    assert "1 reports" in driver.execute_script(
        "return document.querySelector('.sahel-filter-check').title")

    box.click()
    settle(driver)
    view = driver.execute_script(VIEW)
    assert (view["total"], view["all"]) == (incidents + pairs, incidents + pairs)
    assert driver.execute_script("return SahelMap.filters.getFilters().count") == "reports"
    wait_for(driver, "return location.hash.indexOf('count=reports') >= 0", 5)  # the hash is debounced
    # the second report (ACLED's MLI2741) is in the events table now, and its popup names UCDP's
    ids = driver.execute_async_script("""
        var done = arguments[arguments.length - 1], asked = [];
        Object.keys(window).filter(function (k) { return /^event_store_\\d+$/.test(k); }).forEach(function (k) {
          var s = window[k];
          for (var i = 0; i < s.n; i++) if (s.passes(i)) asked.push(s.details(i));
        });
        Promise.all(asked).then(function (all) {
          done(all.map(function (d) { return [d.event_id, d['src:also_reported'] || '']; }));
        });""")
    assert ["MLI2741", "UCDP 281679"] in ids and ["281679", "ACLED MLI2741"] in ids

    box.click()
    settle(driver)
    assert driver.execute_script(VIEW)["total"] == incidents
    assert js_errors(driver) == []
