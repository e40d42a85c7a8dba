"""The one-file report (figures/report.py): escaped data, the map isolated in srcdoc, print CSS."""

import html
import re

import pytest

import build_map
from figures.report import deadliest, inline_svg, render_report

SVGS = {k: f'<?xml version="1.0"?>\n<svg id="root"><defs><path id="g1"/></defs><use xlink:href="#g1"/>'
           f'<g clip-path="url(#g1)"><text>{k}</text></g></svg>'.encode() for k in ("figure", "chart", "small_multiples")}


def _outside_srcdoc(page: str) -> str:
    return re.sub(r'srcdoc="[^"]*"', 'srcdoc=""', page)


@pytest.fixture(scope="module")
def hostile_report(hostile_dir):
    prepared = build_map._prepare(build_map.options([hostile_dir / "hostile_events.csv"]))
    map_html = "<html><script>var map = 1; // </script><p title=\"q\">map & 'more'</p></html>"
    return prepared, map_html, render_report(prepared, map_html, SVGS, title="<b>T</b> & $x")


def test_hostile_data_runs_nothing_in_the_report(hostile_report):
    prepared, map_html, page = hostile_report
    rest = _outside_srcdoc(page)
    assert "<script" not in rest.lower()
    assert "<img" not in rest.lower() and "onerror" not in rest.replace("onerror=&quot;", "")
    assert rest.count("<iframe") == 1
    assert "&lt;b&gt;T&lt;/b&gt; &amp; $x" in rest
    # the map page travels whole and escaped in the srcdoc attribute, and comes back unchanged
    srcdoc = re.search(r'srcdoc="([^"]*)"', page).group(1)
    assert html.unescape(srcdoc) == map_html


def test_deadliest_events_table(default_prepared):
    top = deadliest(default_prepared.events)
    assert len(top) == 20
    fatalities = top["fatalities"].tolist()
    assert fatalities == sorted(fatalities, reverse=True)
    assert fatalities[0] == default_prepared.events["fatalities"].max()
    page = render_report(default_prepared, "<p>map</p>", SVGS)
    table = page[page.index('<table class="events">'):]
    table = table[:table.index("</table>")]
    assert table.count("<tr>") == 21  # header + 20
    first = top.iloc[0]
    assert f"<td class=n>{int(first['fatalities']):,}</td>" in table
    assert "UCDP GED 21.1" in table and "place 2; date" not in table
    # dates on one line, precision in words, the event's id once
    assert f"<td class=nowrap>{first['event_date']:%Y-%m-%d}</td>" in table
    assert "<td>exact location; exact day</td>" in table  # Ogossagou: UCDP where_prec 1, date_prec 1
    assert table.count("326468") == 1 and "(ucdp, id" not in table


def test_report_parts_and_print_rules(default_prepared):
    page = render_report(default_prepared, "<p>map</p>", SVGS)
    for needle in ("<h2>Key figures</h2>", "By zone", "By country", "By year", "<h2>Method</h2>",
                   "<h2>Known limits and notes</h2>", "<h2>Credits</h2>", "2012-01-01 to 2020-12-31",
                   "Border band (100 km)", "ESRI:102022", "COD-AB Mali (2021-12-20)"):
        assert needle in page, needle
    assert "@page { size: A4" in page and "break-inside: avoid" in page
    assert ".map-screen { display: none; }" in page and ".map-print { display: block; }" in page
    assert "http://" not in _outside_srcdoc(page).replace("http://www.w3.org", "")
    assert "https://" not in _outside_srcdoc(page)


def test_inline_svgs_get_their_own_ids():
    a, b = inline_svg(SVGS["chart"], "chart"), inline_svg(SVGS["figure"], "fig")
    assert a.startswith("<svg") and 'id="chart-g1"' in a and 'xlink:href="#chart-g1"' in a
    assert 'url(#chart-g1)' in a and 'id="fig-g1"' in b


def test_report_in_french(default_prepared):
    page = render_report(default_prepared, "<p>map</p>", SVGS, lang="fr")
    assert page.startswith("<!DOCTYPE html><html lang=fr>")
    for french in ("Chiffres clés", "Par zone", "Événements les plus meurtriers", "Méthode",
                   "Limites connues et notes", "Zone de conflit du Nord (hors de la bande)", "Batailles"):
        assert french in page, french
    for english in ("Key figures", "By zone", "Deadliest events", "Method", "Known limits", "Elsewhere",
                    "fatalities</div>", "The map as a print figure"):
        assert english not in page, english


def test_annotations_table_is_escaped(default_prepared, root):
    from geo.annotations import load_annotations

    notes = load_annotations(root / "tests" / "data" / "annotations" / "three_labels.csv", default_prepared.events)
    page = render_report(default_prepared, "<p>map</p>", SVGS, annotations=notes)
    section = page[page.index("<h2>Annotations</h2>"):page.index('<h2 class="new-page">')]
    assert section.count("<tr>") == 5  # header + 4 rows
    assert "Mopti &lt;b&gt;&amp;amp;&lt;/b&gt; &#x27;harbour&#x27;" in section and "<b>" not in section
    assert "<td class=nowrap>2020-08-18</td>" in section
