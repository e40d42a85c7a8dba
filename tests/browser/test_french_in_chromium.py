"""`--lang fr`: the page, with every overlay on, a popup open and every tooltip built,
shows no English interface string (data such as place names, actor names and event notes
excepted); the filter panel and the chart are open."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

import build_map
from geo.sources import sources
from layers.i18n import catalogue
from tests.browser.conftest import (
    MAP_JS,
    folium_object,
    js_errors,
    open_map,
    settle,
    wait_for,
    wait_still,
)

pytestmark = pytest.mark.browser

# Everything a reader can see or hear (screen readers read aria-label and title) of the
# interface: the controls' text, their attributes, tooltip and popup labels.  Popup and
# tooltip values (<td>) are data and stay as the source wrote them.
INTERFACE_TEXT = """
    var done = arguments[arguments.length - 1];
    var map = MAP_JS, store = STORE_JS;
    document.querySelectorAll('.leaflet-control-layers').forEach(function (c) {
        c.classList.add('leaflet-control-layers-expanded'); });
    document.querySelectorAll('.leaflet-control-layers-overlays input').forEach(function (input) {
        if (!input.checked) input.click(); });
    var texts = [];
    map.eachLayer(function (layer) {
        var tip = layer.getTooltip && layer.getTooltip();
        var content = tip && tip.getContent();
        if (content && content.querySelectorAll) {
            content.querySelectorAll('th').forEach(function (th) { texts.push(th.textContent); });
        }
    });
    SahelMap.openEventPopup(map, store, 0, map.getCenter());
    (async function () {
        for (let i = 0; i < 100 && !document.querySelector('.leaflet-popup-content th'); i++) {
            await new Promise(function (r) { setTimeout(r, 20); });
        }
        document.querySelectorAll('.leaflet-popup-content th, .leaflet-popup-content strong,'
            + ' .sahel-popup-notes-title').forEach(function (e) { texts.push(e.textContent); });
        texts.push(document.title);
        // the filter panel and the chart, open; the actor menu lists data (actors.toml groups
        // and the sources' actor names), so its options are left out
        document.querySelectorAll('details.sahel-filters, details.sahel-chart').forEach(function (d) { d.open = true; });
        await new Promise(function (r) { setTimeout(r, 100); });
        document.querySelectorAll('.leaflet-control-container, .leaflet-popup-close-button').forEach(
            function (e) {
                var copy = e.cloneNode(true);
                copy.querySelectorAll('.sahel-filter-actor option').forEach(function (o) {
                    if (o.value) o.remove(); });
                texts.push(copy.textContent);
            });
        document.querySelectorAll('optgroup').forEach(function (g) { texts.push(g.label); });
        document.querySelectorAll('*').forEach(function (e) {
            ['title', 'aria-label', 'placeholder', 'alt'].forEach(function (a) {
                if (e.hasAttribute(a)) texts.push(e.getAttribute(a));
            });
        });
        done(texts);
    })();
""".replace("MAP_JS", MAP_JS).replace("STORE_JS", folium_object("event_store"))


def _has(text: str, fragment: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(fragment) + r"(?!\w)", text) is not None


def english_only_fragments() -> list[str]:
    """Each English string, cut at its {placeholders}, that French never uses: not "Source",
    "Zone" or "points" (French words too), nor the dataset names French credits keep
    ("Georeferenced Event Dataset"): credits are checked whole, below."""
    english = {k: html.unescape(v) for k, v in catalogue("en").items()}
    french_sources = [text for s in sources().values() for key in ("credit", "name", "notes")
                      if "fr" in s.texts.get(key, {}) for text in ([s.texts[key]["fr"]]
                      if isinstance(s.texts[key]["fr"], str) else s.texts[key]["fr"])]
    all_french = html.unescape("\n".join([*catalogue("fr").values(), *french_sources]))
    fragments = set()
    for key, text in english.items():
        if key == "page.lang_name":
            continue
        for part in re.split(r"\{\w*\}", text):
            part = part.strip(" ,.:;()·–—")
            if len(part) >= 4 and not _has(all_french, part):
                fragments.add(part)
    return sorted(fragments)


@pytest.fixture(scope="module")
def french_map(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("fr") / "carte.html"
    assert build_map.main(["--quiet", "--lang", "fr", "--out", str(out)]) == 0
    return out


def test_french_page_shows_no_english_interface_string(driver, french_map):
    open_map(driver, french_map)
    wait_for(driver, "return document.querySelector('.sahel-tile-notice')")  # tiles are blocked
    texts = driver.execute_async_script(INTERFACE_TEXT)
    settle(driver)
    page = "\n".join(texts)
    assert "Pays voisins" in page and "Violences politiques au Mali et au Sahel" in page
    assert "Date" in page and "Morts" in page  # the popup's labels were read
    assert "Filtres" in page and "Tous les pays" in page and "Au moins ce nombre de tués" in page
    assert "Événements et victimes par zone" in page and "Faites glisser sur le graphique" in page
    # place names are data: UCDP's say "Gao town", "Ogossogou village" (stack labels carry them)
    from geo.credits import SHIPPED_EVENTS
    from geo.events import load_events

    places = {p for s in SHIPPED_EVENTS for p in load_events(s.path).events["location"] if p}
    for place in sorted(places, key=len, reverse=True):
        page = page.replace(place, "")
    found = [f for f in english_only_fragments() if _has(page, f)]
    assert found == [], f"English interface strings on the French page: {found}"
    credits = [html.unescape(s.credit("en")) for s in sources().values()
               if s.credit("en") != s.credit("fr")]  # data/sources.toml, by id
    assert not [c for c in credits if c in page]
    # actor groups by their French names (data/actors.toml name_fr), numbers with a decimal comma
    groups = driver.execute_script("return Array.from(document.querySelectorAll("
                                   "'.sahel-filter-actor optgroup:first-of-type option')).map(function (o) { return o.text; });")
    assert "Civils" in groups and "AQMI (al-Qaïda au Maghreb islamique)" in groups and "Civilians" not in groups
    assert driver.execute_script("return SahelMap.util.fmtDecimal(1.8, 2)") == "1,80"
    assert driver.execute_script("return SahelMap.util.fmtDecimal(1234.5, 1)") == "1\u202f234,5"
    assert driver.execute_script("return document.documentElement.lang") == "fr"
    assert driver.execute_script("return window.SahelMapState.errors") == []
    assert js_errors(driver) == []


def _layers_written(driver, path, hash_text: str) -> list[str]:
    """The `layers` key the page writes back after opening `path` with `hash_text`."""
    driver.get("about:blank")
    driver.get(path.resolve().as_uri() + hash_text)
    wait_for(driver, "return !!(window.SahelMapState && window.SahelMapState.firstDrawMs)", 60)
    wait_still(driver)  # the page's first view animates: a view set meanwhile is overridden
    driver.execute_script(f"{MAP_JS}.setView([15, -2], 6, {{animate: false}});")
    written = wait_for(driver, "return location.hash.indexOf('map=6/15') > 0 && location.hash;", 10)
    assert driver.execute_script("return window.SahelMapState.errors") == []
    return dict(p.split("=", 1) for p in written[1:].split("&"))["layers"].split(",")


def test_a_link_opens_the_same_layers_in_either_language(driver, french_map, default_map):
    keys = "regions,zones-central,events-article,heatmap"  # in the layer control's order
    assert _layers_written(driver, french_map, f"#layers={keys}") == keys.split(",")
    assert _layers_written(driver, default_map, f"#layers={keys}") == keys.split(",")
    # links made before keys, on the other language's page: their slugs still open
    assert _layers_written(driver, french_map, "#layers=mali-regions,central-conflict-zone,events-2020-analysis,"
                                               "event-density") == keys.split(",")
    assert _layers_written(driver, default_map, "#layers=regions-du-mali,zone-de-conflit-du-centre,"
                                                "evenements-analyse-de-2020,densite-des-evenements") == keys.split(",")
