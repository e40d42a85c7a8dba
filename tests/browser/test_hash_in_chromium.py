"""Shareable views: the URL hash holds the centre, zoom, overlays and time window; opening
a URL with a hash restores exactly that view, and changing the view rewrites the hash
(replaceState: no history entry)."""

from __future__ import annotations

import pytest

from tests.browser.conftest import MAP_JS, js_errors, settle, wait_for

pytestmark = pytest.mark.browser

STATE = """
    var map = MAP_JS, c = map.getCenter();
    var stores = [], label = document.querySelector('.sahel-timeline-label');
    var on = Array.from(document.querySelectorAll('.leaflet-control-layers-overlays label'))
        .filter(function (l) { return l.querySelector('input').checked; })
        .map(function (l) { return l.textContent.trim(); });
    var events = Object.keys(window).filter(function (k) { return /^events_layer_\\d+$/.test(k); }).sort()
        .map(function (k) { return window[k]; })[0];
    var f = events._stores[0].filter;
    return {zoom: map.getZoom(), lat: c.lat, lng: c.lng, on: on, hash: location.hash,
            dayMin: SahelMap.util.dayToText(f.dayMin), dayMax: SahelMap.util.dayToText(f.dayMax),
            timeline: label && label.textContent, history: history.length};
""".replace("MAP_JS", MAP_JS)


def _open(driver, path, hash_text: str = "") -> None:
    driver.get("about:blank")
    driver.get_log("browser")  # this page's errors only (an earlier test's CSP reports stay there)
    driver.get(path.resolve().as_uri() + hash_text)
    wait_for(driver, "return !!(window.SahelMapState && window.SahelMapState.firstDrawMs)", 60)
    # the hash's keys are applied (the page's own `map` key is in what it would write) and the
    # page's first fitBounds animation is over (hash.js restores the view at its end)
    wait_for(driver, f"var m = {MAP_JS}; return /[#&]map=/.test(SahelMap.hash.url())"
                     " && !m._animatingZoom && !(m._panAnim && m._panAnim._inProgress);", 10)
    settle(driver)


def test_a_url_with_a_hash_opens_exactly_that_view(driver, default_map):
    hash_text = ("#map=7/14.500/-4.200&layers=regions,zones-north,events-ucdp-ged211,timeline,"
                 "context&base=none&from=2019-01&to=2020-06")
    _open(driver, default_map, hash_text)
    # the view restored is written back (hash.js, 250 ms after it moved) unless it is the same
    wait_for(driver, "return location.href === SahelMap.hash.url()", 10)
    state = driver.execute_script(STATE)
    assert state["zoom"] == 7
    assert state["lat"] == pytest.approx(14.5, abs=1e-9) and state["lng"] == pytest.approx(-4.2, abs=1e-9)
    assert state["on"] == ["Mali regions", "Northern conflict zone", "Events: UCDP GED 21.1 · BFA, DZA, MLI, NER · 2012–2020",
                           "Timeline (time slider)", "Places and rivers"]
    assert (state["dayMin"], state["dayMax"]) == ("2019-01-01", "2020-06-30")
    assert driver.execute_script("""return Array.from(document.querySelectorAll(
        '.leaflet-control-layers-base input')).filter(function (i) { return i.checked; })
        .map(function (i) { return i.parentNode.textContent.trim(); });""") == ["No base map"]
    assert state["timeline"].startswith("Jan 2019 – Jun 2020 · ")
    assert state["hash"] == hash_text  # the view it restored writes back the same hash
    assert js_errors(driver) == []
    assert driver.execute_script("return window.SahelMapState.errors") == []


def test_changing_the_view_rewrites_the_hash_without_history_entries(driver, default_map):
    _open(driver, default_map)
    first = driver.execute_script(STATE)
    assert "from=" not in first["hash"]
    driver.execute_script(f"{MAP_JS}.setView([16.2, -1.5], 6, {{animate: false}});")
    expected = driver.execute_script(f"var c = {MAP_JS}.getCenter();"
                                     " return '#map=6/' + c.lat.toFixed(2) + '/' + c.lng.toFixed(2) + '&';")
    assert expected.startswith("#map=6/16.2")
    hash_text = wait_for(driver, f"return location.hash.indexOf('{expected}') === 0 && location.hash;", 10)
    assert "&layers=" in hash_text and "from=" not in hash_text  # full time range: no window
    # Turn the heatmap on and narrow the time window: both reach the hash.
    driver.execute_script("""
        Array.from(document.querySelectorAll('.leaflet-control-layers-overlays label'))
            .filter(function (l) { return /^(Event density|Timeline)/.test(l.textContent.trim()); })
            .forEach(function (l) { l.querySelector('input').click(); });""")
    wait_for(driver, "return !!document.querySelector('.sahel-timeline-range');", 10)
    driver.execute_script(
        "var t = Object.keys(window).filter(function (k) { return /^timeline_layer_\\d+$/.test(k); })"
        ".map(function (k) { return window[k]; })[0]; t.setMonths(12, 23);")
    hash_text = wait_for(driver, "return location.hash.indexOf('&to=') > 0 && location.hash;", 10)
    assert hash_text.endswith("&from=2013-01&to=2013-12")
    layers = dict(p.split("=") for p in hash_text[1:].split("&"))["layers"].split(",")
    assert "heatmap" in layers and "timeline" in layers
    assert driver.execute_script("return history.length") == first["history"]


def test_a_link_with_the_old_slugs_still_opens_its_layers(driver, default_map):
    """Links made before keys named layers by the slug of their label: those still open, and
    the page writes the keys back (README "URL hash")."""
    _open(driver, default_map, "#layers=mali-regions,northern-conflict-zone,events-ucdp-ged-21-1,"
                               "places-and-rivers&base=no-base-map")
    state = driver.execute_script(STATE)
    assert state["on"] == ["Mali regions", "Northern conflict zone",
                           "Events: UCDP GED 21.1 · BFA, DZA, MLI, NER · 2012–2020", "Places and rivers"]
    driver.execute_script(f"{MAP_JS}.setView([16.2, -1.5], 6, {{animate: false}});")  # the page rewrites the hash
    written = wait_for(driver, "return location.hash.indexOf('map=6/16.20') > 0 && location.hash;", 10)
    assert "layers=regions,zones-north,events-ucdp-ged211,context&base=none" in written
    assert driver.execute_script("return window.SahelMapState.errors") == []


def test_places_and_rivers_switched_on_by_failed_tiles_stay_out_of_the_link(driver, default_map):
    _open(driver, default_map)  # tiles are blocked: "Places and rivers" turned itself on
    state = driver.execute_script(STATE)
    assert "Places and rivers" in state["on"]
    driver.execute_script(f"{MAP_JS}.setView([16.2, -1.5], 6, {{animate: false}});")
    hash_text = wait_for(driver, "return location.hash.indexOf('layers=') > 0 && location.hash;", 10)
    layers = dict(p.split("=") for p in hash_text[1:].split("&"))["layers"].split(",")
    assert "context" not in layers and "regions" in layers


def test_other_modules_register_their_own_keys(driver, default_map):
    _open(driver, default_map, "#map=6/16.20/-1.50&demo=JNIM,Battles")
    seen = driver.execute_script("""
        var got = [], value = 'a';
        SahelMap.hash.register('demo', function () { return value; }, function (v) { got.push(v); });
        value = 'IS Sahel';
        SahelMap.hash.update();
        return got;""")
    assert seen == ["JNIM,Battles"]  # the value in the opened URL is applied on registering
    assert wait_for(driver, "return location.hash.indexOf('demo=IS%20Sahel') > 0 && location.hash;", 10)
    assert driver.execute_script("return SahelMap.hash.opened('demo')") == "JNIM,Battles"


def test_a_bad_hash_leaves_the_default_view_and_says_why(driver, default_map):
    _open(driver, default_map)
    default = driver.execute_script(STATE)
    _open(driver, default_map, "#map=seven/north/west&from=2019-13")
    state = driver.execute_script(STATE)
    assert (state["zoom"], state["lat"], state["lng"]) == (default["zoom"], default["lat"], default["lng"])
    assert (state["dayMin"], state["dayMax"]) == (default["dayMin"], default["dayMax"])
    errors = driver.execute_script("return window.SahelMapState.errors")
    assert any("hash map=seven/north/west: expected zoom/latitude/longitude" in e for e in errors)
    assert any("hash from=2019-13: expected YYYY-MM" in e for e in errors)


def test_a_link_with_filters_opens_them_and_a_changed_filter_reaches_the_hash(driver, default_map,
                                                                               default_prepared):
    joined = default_prepared.events
    _open(driver, default_map, "#country=NER&killed=5&hide=Battles")
    wait_for(driver, "return window.SahelMapState.view && window.SahelMapState.view.total < "
                     f"{len(joined)}", 10)
    settle(driver)
    expected = ((joined["country_iso3"] == "NER") & (joined["fatalities"] >= 5)
                & (joined["event_type"] != "Battles")).sum()
    shown = driver.execute_script("""return {total: window.SahelMapState.view.total,
        filters: SahelMap.filters.getFilters(),
        panel: document.querySelector('.sahel-filters-count').textContent,
        country: document.querySelector('.sahel-filter-country').value};""")
    assert shown["total"] == expected > 0
    assert shown["filters"] == {"hiddenTypes": ["Battles"], "actor": "", "country": "NER", "zone": "",
                                "district": "", "minFatalities": 5, "count": ""}
    assert shown["panel"].startswith(f" · {expected} of ") and shown["country"] == "NER"
    # the reader picks a zone: the hash follows, and keeps the other filters
    driver.execute_script("""var s = document.querySelector('.sahel-filter-zone'); s.value = 'spillover_ner';
                             s.dispatchEvent(new Event('change'));""")
    hash_text = wait_for(driver, "return location.hash.indexOf('zone=spillover_ner') > 0 && location.hash;", 10)
    keys = dict(p.split("=", 1) for p in hash_text[1:].split("&"))
    assert (keys["country"], keys["killed"], keys["hide"]) == ("NER", "5", "Battles")
    driver.execute_script("SahelMap.filters.reset();")
    hash_text = wait_for(driver, "return location.hash.indexOf('country=') < 0 && location.hash;", 10)
    assert "killed=" not in hash_text and "hide=" not in hash_text
    assert js_errors(driver) == [] and driver.execute_script("return window.SahelMapState.errors") == []


DISTRICT_STATE = """return {total: window.SahelMapState.view.total, hash: location.hash,
    title: document.querySelector('.sahel-title-sub').textContent,
    panel: document.querySelector('.sahel-filters-count').textContent,
    filters: SahelMap.filters.getFilters(), errors: window.SahelMapState.errors,
    value: document.querySelector('.sahel-filter-district').value,
    options: Array.from(document.querySelectorAll('.sahel-filter-district option'))
        .filter(function (o) { return o.value; }).map(function (o) { return [o.value, o.text]; })};"""


def test_a_district_link_shows_only_its_events_and_choosing_one_writes_the_key(driver, default_map,
                                                                               default_prepared):
    joined = default_prepared.events
    bankass = int((joined["district_pcode"] == "ML0502").sum())
    assert bankass > 0
    _open(driver, default_map, "#district=ML0502")
    wait_for(driver, f"return window.SahelMapState.view && window.SahelMapState.view.total === {bankass}", 10)
    settle(driver)
    shown = driver.execute_script(DISTRICT_STATE)
    assert shown["title"].startswith(f"{bankass:,} events")
    assert shown["panel"] == f" · {bankass:,} of {len(joined):,} events"
    assert shown["filters"]["district"] == "ML0502" and shown["value"] == "ML0502"
    assert "district=ML0502" in shown["hash"] and shown["errors"] == []
    # the menu: every district with events, labelled from the payload, by country then name
    named = joined[joined["district_pcode"] != ""].groupby("district_pcode", sort=True)[
        ["district", "region", "country_iso3"]].first()
    labels = dict(shown["options"])
    assert labels == {code: f"{r.district} ({r.region}, {r.country_iso3})" for code, r in named.iterrows()}
    assert labels["ML0502"] == "Bankass (Mopti, MLI)"
    iso3 = [named.at[code, "country_iso3"] for code, _ in shown["options"]]
    assert iso3 == sorted(iso3)
    # the reader chooses another district: only its events, and the key follows
    other = joined.loc[(joined["country_iso3"] == "BFA") & (joined["district_pcode"] != ""), "district_pcode"
                       ].value_counts().index[0]
    driver.execute_script("""var s = document.querySelector('.sahel-filter-district'); s.value = arguments[0];
                             s.dispatchEvent(new Event('change'));""", other)
    hash_text = wait_for(driver, f"return location.hash.indexOf('district={other}') >= 0 && location.hash;", 10)
    assert "ML0502" not in hash_text
    settle(driver)
    assert driver.execute_script(DISTRICT_STATE)["total"] == (joined["district_pcode"] == other).sum()
    # with another filter: both hold
    driver.execute_script("SahelMap.filters.setFilters({minFatalities: 1});")
    settle(driver)
    both = ((joined["district_pcode"] == other) & (joined["fatalities"] >= 1)).sum()
    assert driver.execute_script(DISTRICT_STATE)["total"] == both
    driver.execute_script("SahelMap.filters.reset();")
    hash_text = wait_for(driver, "return location.hash.indexOf('district=') < 0 && location.hash;", 10)
    assert "killed=" not in hash_text
    assert js_errors(driver) == []


def test_an_unknown_district_in_the_link_is_ignored_and_recorded(driver, default_map, default_prepared):
    _open(driver, default_map, "#district=ML9999&killed=5")
    settle(driver)
    shown = driver.execute_script(DISTRICT_STATE)
    assert shown["filters"]["district"] == "" and shown["filters"]["minFatalities"] == 5  # the rest applies
    assert shown["total"] == (default_prepared.events["fatalities"] >= 5).sum()
    assert any('hash district=ML9999: unknown district "ML9999"' in e for e in shown["errors"]), shown["errors"]


def test_the_choropleth_measure_is_in_the_hash(driver, default_map):
    _open(driver, default_map, "#layers=events-per-region,events-ucdp-ged-21-1&metric=killed")
    assert wait_for(driver, "return window.SahelMapState.choropleth && window.SahelMapState.choropleth.metric", 10) == "killed"
    assert driver.execute_script("return document.querySelector('.sahel-choropleth-metric').value") == "killed"
    driver.execute_script("""var s = document.querySelector('.sahel-choropleth-metric'); s.value = 'density';
                             s.dispatchEvent(new Event('change'));""")
    assert wait_for(driver, "return location.hash.indexOf('metric=density') > 0", 10)
    driver.execute_script("""var s = document.querySelector('.sahel-choropleth-metric'); s.value = 'events';
                             s.dispatchEvent(new Event('change'));""")
    assert wait_for(driver, "return location.hash.indexOf('metric=') < 0", 10)
