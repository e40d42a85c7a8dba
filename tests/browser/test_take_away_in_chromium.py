"""The events a reader has selected, to take away: the filter panel's CSV download holds exactly
the events of the filters and the time window, and its table lists them, sorted, each row
opening its event on the map (layers/static/js/table.js)."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest

from tests.browser.conftest import MAP_JS, js_errors, settle, wait_for

pytestmark = pytest.mark.browser

# The download's Blob, caught where the page makes its object URL (no file is saved).
CATCH_DOWNLOAD = """
    var done = arguments[arguments.length - 1], make = URL.createObjectURL;
    URL.createObjectURL = function (blob) { window.__download = blob; return make.call(URL, blob); };
    document.querySelector('.sahel-download').click();
    (function wait() {
        if (!window.__download) return setTimeout(wait, 50);
        window.__download.text().then(done);
    })();"""


def _open(driver, path, hash_text: str) -> None:
    driver.get("about:blank")
    driver.get_log("browser")  # this page's errors only (test_csp's reports stay with its pages)
    driver.get(path.resolve().as_uri() + hash_text)
    wait_for(driver, "return !!(window.SahelMapState && window.SahelMapState.firstDrawMs)", 60)
    settle(driver)


def test_the_download_holds_exactly_the_selected_events(driver, default_map, default_prepared):
    _open(driver, default_map, "#country=NER&killed=5&hide=Riots&from=2019-01&to=2020-06")
    text = driver.execute_async_script(CATCH_DOWNLOAD)
    rows = list(csv.DictReader(io.StringIO(text)))
    e = default_prepared.events
    chosen = e[(e["country_iso3"] == "NER") & (e["fatalities"] >= 5) & (e["event_type"] != "Riots")
               & (e["event_date"] >= pd.Timestamp("2019-01-01")) & (e["event_date"] <= pd.Timestamp("2020-06-30"))]
    assert len(rows) == len(chosen) > 10
    assert sorted(r["event_id"] for r in rows) == sorted(chosen["event_id"])
    by_id = chosen.set_index("event_id")
    for r in rows:
        want = by_id.loc[r["event_id"]]
        assert r["event_date"] == want["event_date"].strftime("%Y-%m-%d")
        assert int(r["fatalities"]) == want["fatalities"] and r["actor1"] == want["actor1"]
        assert float(r["latitude"]) == pytest.approx(want["latitude"], abs=1e-5)
        assert r["event_type"] == want["event_type"] and r["region"] == want["region"]
    # every field the page carries, the date as the data's event_date
    assert {"event_id", "event_date", "event_type", "notes", "source", "location", "district"} <= set(rows[0])
    assert js_errors(driver) == [] and driver.execute_script("return window.SahelMapState.errors") == []


def test_the_table_lists_them_sorted_and_a_row_opens_its_event(driver, default_map, default_prepared):
    _open(driver, default_map, "#country=NER&killed=5&from=2019-01&to=2020-06")
    driver.execute_script("document.querySelector('.sahel-table-open').click();")
    wait_for(driver, "return !document.querySelector('.sahel-table-panel').hidden"
                     " && document.querySelectorAll('.sahel-events-table tbody tr').length;", 10)
    e = default_prepared.events
    chosen = e[(e["country_iso3"] == "NER") & (e["fatalities"] >= 5)
               & (e["event_date"] >= pd.Timestamp("2019-01-01")) & (e["event_date"] <= pd.Timestamp("2020-06-30"))]
    read = """return Array.from(document.querySelectorAll('.sahel-events-table tbody tr')).map(function (tr) {
                return Array.from(tr.cells).map(function (c) { return c.textContent; }); });"""
    rows = driver.execute_script(read)
    assert len(rows) == len(chosen)
    assert [r[0] for r in rows] == sorted(chosen["event_date"].dt.strftime("%Y-%m-%d"))
    # the Killed header sorts by fatalities, most first
    driver.execute_script("document.querySelectorAll('.sahel-table-sort')[4].click();")
    rows = driver.execute_script(read)
    assert [int(r[4]) for r in rows] == sorted(chosen["fatalities"], reverse=True)
    assert driver.execute_script("return document.querySelectorAll('.sahel-events-table th')[4]"
                                 ".getAttribute('aria-sort')") == "descending"
    # the first row's date opens its event: the panel closes, the popup shows that event
    driver.execute_script("document.querySelector('.sahel-table-show').click();")
    popup = wait_for(driver, "var p = document.querySelector('.sahel-event-popup'); return p && p.textContent;", 10)
    top = chosen.sort_values("fatalities", ascending=False).iloc[0]
    assert top["event_date"].strftime("%Y-%m-%d") in popup
    assert driver.execute_script("return document.querySelector('.sahel-table-panel').hidden") is True
    assert driver.execute_script(f"return {MAP_JS}.getBounds().contains([arguments[0], arguments[1]]);",
                                 float(top["latitude"]), float(top["longitude"]))


def test_the_chart_reads_out_its_values_and_sets_the_window_from_the_keyboard(driver, default_map,
                                                                             default_prepared):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    _open(driver, default_map, "")
    driver.execute_script("""var c = document.querySelector('details.sahel-chart');
        if (!c.open) c.querySelector('summary').click();
        document.querySelector('.sahel-chart-svg').focus();""")
    # End: the last quarter; three back, Enter, one back, Enter: a window of two quarters
    ActionChains(driver).send_keys(Keys.END, Keys.LEFT, Keys.LEFT, Keys.LEFT, Keys.ENTER, Keys.LEFT,
                                   Keys.ENTER).perform()
    hash_text = wait_for(driver, "return location.hash.indexOf('&to=') > 0 && location.hash;", 10)
    e = default_prepared.events
    last = e["event_date"].max().to_period("Q")
    assert hash_text.endswith(f"&from={(last - 4).start_time:%Y-%m}&to={(last - 3).end_time:%Y-%m}")
    shown = driver.execute_script("""var s = document.querySelector('.sahel-chart-svg');
        return {readout: document.querySelector('.sahel-chart-readout').textContent,
                text: s.getAttribute('aria-valuetext'), live: document.querySelector('.sahel-chart-readout')
                .getAttribute('aria-live')};""")
    quarter = e[e["event_date"].dt.to_period("Q") == last - 4]
    north = quarter[quarter["zone"] == "north"]
    when = f"{(last - 4).start_time:%b %Y} – {(last - 4).end_time:%b %Y}"
    assert shown["readout"].startswith(f"{when}: North (Mali): {len(north)} events, "
                                       f"{int(north['fatalities'].sum())} killed;")
    assert shown["text"] == shown["readout"] and shown["live"] == "polite"
