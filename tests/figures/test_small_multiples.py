"""Small multiples (figures/small_multiples.py): one panel per period, same window and scale."""

from matplotlib.collections import PathCollection
from matplotlib.text import Text

from figures._mpl import BODY_PT
from figures.small_multiples import MAX_COLUMNS, MIN_PANEL_MM, draw_small_multiples
from geo.annotations import load_annotations


def test_one_panel_per_year_with_that_years_events(default_prepared):
    events = default_prepared.events
    fig = draw_small_multiples(default_prepared)  # sizes and titles are set when drawn, not rendered
    years = sorted(events["event_date"].dt.year.astype(str).unique())
    assert len(fig.axes) == len(years) == 9
    per_year = events["event_date"].dt.year.astype(str).value_counts()
    for ax, year in zip(fig.axes, years, strict=True):
        assert ax.get_title(loc="left") == f"{year}: {per_year[year]:,} events"
    limits = {(ax.get_xlim(), ax.get_ylim()) for ax in fig.axes}
    assert len(limits) == 1  # the same window on every panel
    # one size scale: the same circle area for the same fatalities on any panel
    sizes = {}
    for ax in fig.axes:
        for c in ax.collections:
            if isinstance(c, PathCollection) and c.get_zorder() == 5:
                sizes.setdefault(float(c.get_sizes()[0]), set()).add(ax)
    assert any(len(axes) > 1 for axes in sizes.values())
    texts = [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]
    credit = next(t for t in texts if t.get_text().startswith("Events:"))
    assert min(t.get_fontsize() for t in texts if t is not credit) >= BODY_PT
    assert credit.get_fontsize() >= 6.5


def test_one_panel_per_month(default_prepared):
    import dataclasses

    events = default_prepared.events
    year = events[events["event_date"].dt.year == 2019]
    fig = draw_small_multiples(dataclasses.replace(default_prepared, events=year), period="month")
    assert [ax.get_title(loc="left").split(":")[0] for ax in fig.axes] == [f"2019-{m:02d}" for m in range(1, 13)]


def test_panels_are_legible_at_a4(default_prepared, root):
    """At most three a row and at least 75 mm wide (read from the figure), the frame of
    --extent, place names on every panel, one scale bar, an annotation on the panel of its date."""
    notes = load_annotations(root / "tests" / "data" / "annotations" / "three_labels.csv", default_prepared.events)
    fig = draw_small_multiples(default_prepared, extent="central-mali", annotations=notes)
    width_mm = fig.get_figwidth() * 25.4
    lefts = sorted({round(ax.get_position().x0, 6) for ax in fig.axes})
    assert 1 <= len(lefts) <= MAX_COLUMNS == 3
    for ax in fig.axes:
        assert ax.get_position().width * width_mm >= MIN_PANEL_MM - 1e-6 and MIN_PANEL_MM == 75
        names = {t.get_text() for t in ax.texts if t.get_color() != "white"}
        assert {"MALI", "BURKINA FASO"} <= names and len(names & {"Mopti", "Ségou", "Djenné", "Nara"}) >= 3, names
    assert sum(t.get_text().endswith(" km") for ax in fig.axes for t in ax.texts if t.get_color() != "white") == 1
    rings = {ax.get_title(loc="left").split(":")[0]: len([ln for ln in ax.lines if ln.get_markerfacecolor() == "none"])
             for ax in fig.axes}
    assert rings["2019"] == 1 and rings["2013"] == 1 and sum(rings.values()) == 2  # Mopti has no date


def test_crowded_annotations_avoid_each_other_and_none_goes_missing_silently(default_prepared, tmp_path):
    """The twelve deadliest 2019 events of central Mali (real UCDP rows; five in one corner)
    as annotations on one 2019 panel: every label is drawn or listed with its reason, and no two
    drawn labels' boxes overlap, nor any label a ring."""
    import dataclasses

    from figures import _mapaxes as mx
    from geo.frames import named_bounds

    b = named_bounds("central-mali")
    events = default_prepared.events
    year = events[(events["event_date"].dt.year == 2019) & events["longitude"].between(b.west, b.east)
                  & events["latitude"].between(b.south, b.north)]
    named = year[year["location"].fillna("").str.strip() != ""]
    deadliest = named.sort_values(["fatalities", "event_id"], ascending=[False, True]).drop_duplicates(
        ["longitude", "latitude"]).head(12)
    rows = ["label,place,date"] + [f'"{loc}, {day:%d %b %Y}",{eid},{day:%Y-%m-%d}' for loc, eid, day in
                                   zip(deadliest["location"], deadliest["event_id"], deadliest["event_date"], strict=True)]
    (tmp_path / "crowded.csv").write_text("\n".join(rows) + "\n", "utf-8")
    notes = load_annotations(tmp_path / "crowded.csv", events)
    assert len(notes.points) == 12 and not len(notes.rejects)
    fig = draw_small_multiples(dataclasses.replace(default_prepared, events=year), extent="central-mali",
                               annotations=notes)
    fig.canvas.draw()
    (ax,) = fig.axes
    renderer = fig.canvas.get_renderer()
    wanted = set(notes.points["label"])
    drawn = [t for t in ax.texts if t.get_text() in wanted and t.get_color() != "white"]
    unplaced = {u.label: u.reason for u in fig.unplaced_annotations}
    assert {t.get_text() for t in drawn} | set(unplaced) == wanted  # shown, or listed with a reason
    assert len(drawn) + len(unplaced) == 12 and all(r.startswith("panel 2019: no free spot") for r in unplaced.values())
    assert len(drawn) >= 8, unplaced  # crowded, yet most find a spot
    boxes = [mx.Text.get_window_extent(t, renderer) for t in drawn]
    for i, a in enumerate(boxes):
        for other in boxes[i + 1:]:
            assert not a.overlaps(other)
    rings = [ax.transData.transform(ln.get_xydata()[0]) for ln in ax.lines if ln.get_markerfacecolor() == "none"]
    assert len(rings) == 12
    for box in boxes:
        assert not any(box.x0 < x < box.x1 and box.y0 < y < box.y1 for x, y in rings)
    # moved labels have a leader line to their point
    assert any(t.arrow_patch is not None for t in drawn)
