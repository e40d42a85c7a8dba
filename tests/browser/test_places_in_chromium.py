"""Places on the default map, as a reader meets them: the Ogossagou massacre (UCDP 281679,
23 March 2019, Bankass cercle) is found by search under UCDP's spelling and the usual one,
its popup names the village and the cercle; an event no source names says its district."""

from __future__ import annotations

import pytest

from tests.browser.conftest import MAP_JS, folium_object, show_map

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
