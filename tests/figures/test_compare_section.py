"""The report's "What changed between … and …" section (figures/compare_section.py)."""

from figures.compare_section import compare_section

ROW = {"iso3": "MLI", "name": "Gao <b>", "events_a": 19, "events_b": 39, "events_change": 20,
       "killed_a": 125, "killed_b": 234, "killed_change": 109}


def test_no_section_without_compare():
    assert compare_section({"events": {}}) == ""


def test_section_lists_the_largest_changes_escaped():
    summary = {"compare": {"windows": ["2019-08-18..2020-08-17", "2020-08-18..2021-08-17"], "min_events": 10,
                           "largest_regions": [ROW, {**ROW, "name": "Mopti", "events_change": -13,
                                                      "killed_change": -221}],
                           "largest_districts": []}}
    text = compare_section(summary)
    assert "What changed between 2019-08-18 – 2020-08-17 and 2020-08-18 – 2021-08-17" in text
    assert "Gao &lt;b&gt; (MLI)" in text and "<b>" not in text
    assert "<td class=n>+20</td>" in text and "<td class=n>−221</td>" in text
    assert "Largest changes by district" not in text  # no district row: no table
    assert "Ce qui a changé entre" in compare_section(summary, "fr")
