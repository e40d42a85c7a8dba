"""Places on the default map, as a reader meets them: the Ogossagou massacre (UCDP 281679,
23 March 2019, Bankass cercle) is found by search under UCDP's spelling and the usual one,
its popup names the village and the cercle; an event no source names says its district."""

from __future__ import annotations

import pytest

from tests.browser.conftest import MAP_JS, folium_object, settle, show_map, toggle_overlay

pytestmark = pytest.mark.browser

SEARCH_JS = folium_object("place_search")
STORES_JS = ("Object.keys(window).filter(function (k) { return /^event_store_\\d+$/.test(k); })"
             ".sort().map(function (k) { return window[k]; })")
POPUP_OF = f"""
    var done = arguments[arguments.length - 1], id = arguments[0], stores = {STORES_JS};
    (async function () {{
        for (const store of stores) {{
            for (let i = 0; i < store.n; i++) {{
                const d = await store.details(i);
                if (d.event_id !== id) continue;
                SahelMap.openEventPopup({MAP_JS}, store, i, store.latLng(i));
                await new Promise((r) => setTimeout(r, 100));
                const p = document.querySelector('.leaflet-popup-content .sahel-popup');
                return done({{text: p ? p.innerText : null, district: d.district}});
            }}
        }}
        done(null);
    }})();
"""


def test_ogossagou_is_found_and_its_popup_names_the_village_and_the_cercle(driver, default_map):
    show_map(driver, default_map)
    for query in ("Ogossagou", "Ogossogou", "ogossogou village"):
        found = driver.execute_script(f"return {SEARCH_JS}.search(arguments[0]);", query)
        assert found and found[0]["name"] == "Ogossogou village", (query, found)
        assert found[0]["country"] == "MLI"
    popup = driver.execute_async_script(POPUP_OF, "281679")
    assert popup["district"] == "Bankass"
    text = popup["text"]
    assert "Ogossogou village" in text and "Bankass cercle, Mopti region" in text
    assert "no source names the place" not in text
    assert "23 March 2019" in text or "2019-03-23" in text
    assert "145" in text


def test_an_event_no_source_names_is_placed_in_its_district(driver, default_map):
    # the GED 21.1 extract names no place outside Mali; take its first event in Soum province
    # (Djibo's, tests/geo/test_districts.py)
    show_map(driver, default_map)
    first_soum = f"""
        var done = arguments[arguments.length - 1], stores = {STORES_JS};
        (async function () {{
            for (const store of stores) for (let i = 0; i < store.n; i++) {{
                const d = await store.details(i);
                if (d.district === 'Soum' && !d.location) return done(d.event_id);
            }}
            done(null);
        }})();
    """
    event_id = driver.execute_async_script(first_soum)
    assert event_id
    text = driver.execute_async_script(POPUP_OF, event_id)["text"]
    assert "Soum province, Sahel region (the district: no source names the place)" in text
    found = driver.execute_script(f"return {SEARCH_JS}.search(arguments[0]);", "Soum")
    assert any(f["name"] == "Soum" and f["country"] == "BFA" and f["kind"] == 4 for f in found)


# --- the district choropleth --------------------------------------------------------------

TIMELINE_JS = folium_object("timeline_layer")
DISTRICT_TOOLTIP = """
    var map = MAP_JS, pcode = arguments[0], found = null;
    map.eachLayer(function (l) {
        if (!found && l.feature && l.feature.properties.pcode === pcode && l.getTooltip()) found = l;
    });
    if (!found) return null;
    found.openTooltip(found.getBounds().getCenter());
    var text = found.getTooltip().getElement().textContent;
    found.closeTooltip();
    return text;
""".replace("MAP_JS", MAP_JS)


def test_zoomed_in_the_choropleth_shows_districts_with_pythons_counts_and_classes(driver, default_map):
    """Timeline on 2019, Battles hidden: Bankass cercle's tooltip count and class, and every
    district's class, are what Python computes from the joined table (layers.choropleth.classify)."""
    import build_map
    from layers.choropleth import classify

    joined = build_map._prepare(build_map.options()).events
    admin2 = build_map._prepare(build_map.options()).layers.admin2
    show_map(driver, default_map)
    toggle_overlay(driver, "Timeline")
    toggle_overlay(driver, "choropleth")
    try:
        first = joined["event_date"].min()
        offset = 2019 * 12 - (first.year * 12 + first.month - 1)
        driver.execute_script(f"{TIMELINE_JS}.setMonths(arguments[0], arguments[0] + 11);", offset)
        driver.execute_script("""Array.from(document.querySelectorAll('.sahel-filter-type'))
            .find(function (b) { return b.textContent.indexOf('Battles') === 0 || b.querySelector(
                '.sahel-legend-label').textContent === 'Battles'; }).click();""")
        settle(driver)
        assert driver.execute_script("return window.SahelMapState.choropleth.level") == "regions"
        driver.execute_script(f"{MAP_JS}.setView([14.08, -3.5], 8, {{animate: false}});")
        settle(driver)
        settle(driver)
        state = driver.execute_script("return window.SahelMapState.choropleth")
        assert state["level"] == "districts"
        kept = joined[(joined["event_date"].dt.year == 2019) & (joined["event_type"] != "Battles")]
        counts = kept.groupby("district_pcode").size()
        values = [int(counts.get(code, 0)) for code in admin2["pcode"]]
        classes, bins = classify(values)
        assert [tuple(b) for b in state["bins"]] == bins
        assert state["classes"] == {code: int(c) for code, c in zip(admin2["pcode"], classes, strict=True)}
        bankass = int(counts.get("ML0502", 0))
        assert bankass > 0
        tooltip = driver.execute_script(DISTRICT_TOOLTIP, "ML0502")
        assert tooltip.startswith("DistrictBankass cercle, Mopti region") and f"Events{bankass}Fatalities" in tooltip
    finally:
        driver.execute_script("""Array.from(document.querySelectorAll('.sahel-filter-type'))
            .find(function (b) { return b.textContent.indexOf('Battles') === 0 || b.querySelector(
                '.sahel-legend-label').textContent === 'Battles'; }).click();""")
        toggle_overlay(driver, "choropleth")
        toggle_overlay(driver, "Timeline")


def test_stacks_take_the_place_name_else_the_district(driver, default_map):
    # Djibo (GeoNames 2361177, 14.09864 N 1.62665 W): 13 UCDP events on one point, unnamed;
    # Ogossagou (UCDP 281679's point): 2 events at UCDP's "Ogossogou village"
    show_map(driver, default_map)
    labels = {}
    for name, (lat, lon) in (("djibo", (14.0986, -1.6267)), ("ogossagou", (14.0664, -3.4538))):
        driver.execute_script(f"{MAP_JS}.setView([{lat}, {lon}], 13, {{animate: false}});")
        settle(driver)
        labels[name] = driver.execute_script(
            "return Array.from(document.querySelectorAll('.sahel-stack')).map(function (e) {"
            " return e.getAttribute('aria-label'); });")
    assert ("13 events in Soum province, Sahel region (the district: no source names the place): "
            "open the list") in labels["djibo"]
    assert "2 events at Ogossogou village: open the list" in labels["ogossagou"]
