"""The view follows the data (issue 22): a map of Burkina Faso and Niger events alone is
titled by them, opens without Mali's overlays and charts only the zones it has events in."""

from __future__ import annotations

import pytest

from tests.browser.conftest import js_errors, open_map

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def bfa_ner(tmp_path_factory):
    """The default data cut to Burkina Faso and Niger (`--country BFA,NER`): the folium map and
    its page."""
    import build_map
    from layers._render import render_html

    m = build_map.build(country="BFA,NER")
    path = tmp_path_factory.mktemp("bfa_ner") / "bfa_ner.html"
    path.write_text(render_html(m), encoding="utf-8")
    return m, path


def test_the_built_page_names_its_countries_and_leaves_malis_overlays_off(bfa_ner):
    from layers._chrome import MapChrome
    from layers.i18n import t

    m, _ = bfa_ner
    assert m.sahel_title == "Political violence in Burkina Faso and Niger"
    shown = {layer.layer_name: layer.show for layer in m._children.values() if getattr(layer, "overlay", False)}
    for key in ("layer.border", "layer.regions", "zone.north", "zone.central"):  # Mali's, Algeria's
        assert shown[t("en", key)] is False, key
    assert shown[t("en", "layer.band", km="100")] is False
    assert shown[t("en", "zone.spillover")] is True
    chrome = next(c for c in m._children.values() if isinstance(c, MapChrome))
    assert chrome.chart_series_js == ('[["spillover_bfa","#5e3c99",""],["spillover_ner","#5e3c99","7 2 2 2"],'
                                      '["other","#8a8a8a","2 2"]]')


def test_the_page_shows_that_title_and_chart(driver, bfa_ner):
    _, path = bfa_ner
    open_map(driver, path)
    seen = driver.execute_script("""
        return {title: document.querySelector('.sahel-title').textContent,
                key: Array.from(document.querySelectorAll('.sahel-chart-key-item')).map(function (i) { return i.textContent; }),
                lines: Array.from(new Set(Array.from(document.querySelectorAll('.sahel-chart-svg polyline'))
                    .map(function (p) { return p.getAttribute('data-series') + ' ' + p.getAttribute('stroke'); }))),
                border: Array.from(document.querySelectorAll('.leaflet-control-layers-overlays label'))
                    .filter(function (l) { return /Algeria/.test(l.textContent); })
                    .map(function (l) { return l.querySelector('input').checked; })};""")
    assert seen["title"].startswith("Political violence in Burkina Faso and Niger")
    assert seen["key"] == ["Spillover: Burkina Faso", "Spillover: Niger", "Elsewhere"]
    assert sorted(seen["lines"]) == ["other #8a8a8a", "spillover_bfa #5e3c99", "spillover_ner #5e3c99"]
    assert seen["border"] == [False]
    assert js_errors(driver) == []
