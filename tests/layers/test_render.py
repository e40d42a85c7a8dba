"""The HTML is deterministic, self-contained, and escapes what it embeds."""

import re

import pytest

import build_map
from layers._bundle import JS_FILES, STATIC, js_literal, library_js


def test_default_map_is_byte_identical_across_two_runs(tmp_path, default_map):
    again = tmp_path / "again.html"
    assert build_map.main(["--quiet", "--out", str(again)]) == 0
    assert again.read_bytes() == default_map.read_bytes()


def test_every_browser_file_is_declared_once_in_load_order():
    assert len(set(JS_FILES)) == len(JS_FILES)
    assert sorted(JS_FILES) == sorted(p.name for p in (STATIC / "js").glob("*.js"))
    assert JS_FILES[-1] == "api.js"  # exports last; pure files before core.js (test_bundle_order.py)


def test_the_browser_library_is_its_files_in_order_in_one_scope(default_map):
    js = library_js()
    assert js.startswith("(function (global) {\n'use strict';\n") and js.endswith("})(window);\n")
    starts = [js.index(f"// ---- layers/static/js/{name}\n") for name in JS_FILES]
    assert starts == sorted(starts)
    for name in JS_FILES:
        assert (STATIC / "js" / name).read_text("utf-8") in js, name
    assert default_map.read_text("utf-8").count(js) == 1


def test_html_links_no_external_script_or_stylesheet(default_map):
    html = default_map.read_text("utf-8")
    assert not re.search(r"<script[^>]+src=", html)
    assert not re.search(r"<link[^>]+href=", html)
    assert "cdn.jsdelivr" not in html and "cdnjs" not in html and "code.jquery" not in html
    assert "Leaflet 1.9.3" in html or "1.9.3" in html  # Leaflet itself is inlined
    assert "url(images/" not in html  # Leaflet's images are data: URIs


def test_overlay_names_in_the_page(default_map):
    html = default_map.read_text("utf-8")
    for name in ("Mali regions", "Algeria–Mali border", "Border band (100 km)",
                 "Northern conflict zone", "Central conflict zone",
                 "Spillover: Burkina Faso and Niger",
                 "Events: UCDP GED 21.1 · BFA, DZA, MLI, NER · 2012–2020",
                 "Events: 2020 analysis · DZA, MLI · 2012–2020", "Event density (heatmap)",
                 "Events per region (choropleth)", "Timeline (time slider)", "Key places"):
        assert name in html or name.replace("–", "\\u2013") in html, name


@pytest.mark.parametrize("text", ["</script><script>alert(1)</script>", "<!--", "a\u2028b",
                                  "x & y", "'\"`${}"])
def test_js_literal_cannot_break_out_of_a_script_block(text):
    literal = js_literal({"k": text})
    assert "<" not in literal and ">" not in literal and "\u2028" not in literal
    assert "&" not in literal


def test_template_syntax_in_a_title_or_file_name_stays_text(tmp_path):
    """folium renders each script, then compiles it as a Jinja template: "{{ 6*7 }}" in a
    title or file name came out as "42" (Jinja reaches Python), and "{% raw %}" crashed."""
    rows = (build_map.Path(build_map.__file__).parent / "data/events/article_events.csv").read_text("utf-8")
    events = tmp_path / "{{7*7}} events.csv"
    events.write_text(rows, "utf-8")
    out = tmp_path / "map.html"
    assert build_map.main(["--quiet", "--events", str(events), "--out", str(out),
                           "--title", "Mali {{ 6*7 }} {% raw %}"]) == 0
    page = out.read_text("utf-8")
    assert "Mali {{ 6*7 }} {% raw %}" in page and "{{7*7}} events" in page
    assert "Mali 42" not in page and "49 events" not in page
