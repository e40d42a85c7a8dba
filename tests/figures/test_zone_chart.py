"""The zone chart (figures/zone_chart.py) draws the summary's numbers."""

import pytest
from matplotlib.collections import PolyCollection
from matplotlib.text import Text

from figures._mpl import BODY_PT, figure_bytes
from figures.zone_chart import bar_heights, chart_table, draw_chart


def _heights(ax):
    """Every bar's height, class after class, each class in period order."""
    return [h for c in ax.collections if isinstance(c, PolyCollection) for h in bar_heights(c)]


@pytest.mark.parametrize("period", ["year", "month"])
def test_chart_totals_equal_the_summary(default_prepared, period):
    summary = default_prepared.summary
    fig = draw_chart(summary["by_zone_period"], period=period)
    events_ax, deaths_ax = fig.axes
    assert sum(_heights(events_ax)) == summary["events"]["accepted"]
    assert sum(_heights(deaths_ax)) == summary["fatalities"]
    periods, table = chart_table(summary["by_zone_period"], period)
    assert len(periods) == (9 if period == "year" else 108)  # 2012-2020, gaps included
    # each class's bars, in stacking order, are the summary's numbers
    classes = list(summary["by_zone_period"]["classes"])
    heights = _heights(events_ax)
    for k, cls in enumerate(classes):
        assert heights[k * len(periods):(k + 1) * len(periods)] == list(table["events"][cls])
    if period == "year":
        assert table["events"]["spillover_BFA"][periods.index("2019")] == \
            summary["by_zone_period"]["year"]["2019"]["spillover_BFA"]["events"]


def test_chart_text_is_8_pt_and_files_are_identical(default_prepared):
    fig = draw_chart(default_prepared.summary["by_zone_period"], credit="Events: test.")
    fig.canvas.draw()
    sizes = [t.get_fontsize() for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()
             and t.get_text() != "Events: test."]
    assert min(sizes) >= BODY_PT
    assert figure_bytes(fig, "svg") == figure_bytes(fig, "svg")
    assert figure_bytes(fig, "pdf") == figure_bytes(fig, "pdf")
