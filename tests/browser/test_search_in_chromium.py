"""The search box, typed into as a reader would: French and English spellings, places the
events name, and a message when nothing matches."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

import build_map
from tests.browser.conftest import folium_object, open_map, show_map, wait_for
from tests.layers.test_search import acled_boulkessi_inates

pytestmark = pytest.mark.browser

SEARCH_JS = folium_object("place_search")


def _type(driver, text: str) -> list[str]:
    box = driver.find_element(By.CSS_SELECTOR, ".sahel-search-input")
    box.clear()
    box.send_keys(text)
    return [li.text for li in driver.find_elements(By.CSS_SELECTOR, ".sahel-search-result")]


def test_default_map_finds_tombouctou_and_timbuktu(driver, default_map):
    show_map(driver, default_map)
    town = None
    for query in ("Tombouctou", "Timbuktu", "tombouctou", "TIMBUKTU"):
        shown = _type(driver, query)
        assert shown, query
        found = driver.execute_script(f"return {SEARCH_JS}.search(arguments[0]);", query)
        towns = [(f["lat"], f["lon"]) for f in found if f["kind"] == 2]
        assert towns, query
        town = town or towns[0]
        assert town in towns  # the same town whichever spelling
    assert any(text.startswith("Tombouctou") for text in _type(driver, "Tombouctou"))
    for query, expected in (("Tamanrasset", "Tamanghasset"), ("Kayes", "Kayes"),
                            ("Diffa", "Diffa"), ("Burkina", "Burkina Faso")):
        found = driver.execute_script(f"return {SEARCH_JS}.search(arguments[0]);", query)
        assert any(f["name"] == expected for f in found), (query, found)


def test_no_match_says_so(driver, default_map):
    show_map(driver, default_map)
    assert _type(driver, "Xqzzy") == []
    note = driver.find_element(By.CSS_SELECTOR, ".sahel-search-none")
    assert note.is_displayed() and note.text == "No match"
    _type(driver, "Gao")
    assert not note.is_displayed()


def test_acled_map_finds_the_villages_its_events_name(driver, tmp_path):
    source = acled_boulkessi_inates(tmp_path / "acled_2019_export.csv")
    out = tmp_path / "acled.html"
    assert build_map.main(["--quiet", "--events", str(source), "--out", str(out), "--lang", "fr"]) == 0
    open_map(driver, out)
    for village, country in (("Boulkessi", "Mali"), ("Inates", "Niger"), ("inatès", "Niger")):
        shown = _type(driver, village)
        assert any(text.startswith(village.replace("inatès", "Inates")) and country in text
                   for text in shown), (village, shown)
    shown = _type(driver, "Boulkessi")
    assert "2 événements" in shown[0]
    driver.find_elements(By.CSS_SELECTOR, ".sahel-search-result")[0].click()
    wait_for(driver, "var p = document.querySelector('.sahel-place-popup'); return p && p.textContent")
    _type(driver, "Xqzzy")
    assert driver.find_element(By.CSS_SELECTOR, ".sahel-search-none").text == "Aucun résultat"


def test_hostile_place_names_are_found_as_text(driver, hostile_dir, tmp_path):
    out = tmp_path / "hostile.html"
    assert build_map.main(["--quiet", "--events", str(hostile_dir / "hostile_events.csv"), "--out", str(out),
                           "--layers", "regions,events"]) == 0
    open_map(driver, out)
    for query in ("Tombouctou {{", "Gao <!--", "Mopti <img", "Tessalit <details", "Ménaka ${"):
        shown = _type(driver, query)
        assert any(text.startswith(query) for text in shown), (query, shown)
        driver.find_elements(By.CSS_SELECTOR, ".sahel-search-result")[0].click()
    assert driver.execute_script("return window.__xss") is None
    assert driver.execute_script("return document.querySelectorAll('.sahel-search img, .sahel-search script,"
                                 " .leaflet-popup img, .leaflet-popup script, details[ontoggle]').length") == 0
