"""The print figure (figures/static_map.py): sizes read from the figure objects, the window,
what --layers draws, credits, byte-identical vector files."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from matplotlib.collections import PathCollection
from matplotlib.patches import Rectangle
from matplotlib.text import Text
from shapely.geometry import LineString

import build_map
from figures import _mapaxes as mx
from figures._mpl import BODY_PT, SOURCE_PT, figure_bytes
from figures.static_map import FIGURE_LAYERS, credit_line, draw_figure, figure_layers, render_figure
from geo.credits import credits
from geo.crs import geodesic_length_km
from layers.overlays import overlay_keys


def _texts(fig) -> list[Text]:
    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]


def _credit_text(fig) -> Text:
    return next(t for t in _texts(fig) if t.get_text().startswith("Events:"))


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def default_figure(default_prepared):
    fig = draw_figure(default_prepared)
    fig.canvas.draw()  # legends lay out their texts when drawn
    return fig


@pytest.fixture(scope="module")
def bfa_ner_prepared():
    return build_map._prepare(build_map.options(country="BFA,NER"))


def test_figure_layers_are_overlay_keys():
    assert set(FIGURE_LAYERS) <= set(overlay_keys())


def test_default_width_is_a_report_column(default_figure):
    assert default_figure.get_size_inches()[0] * 25.4 == pytest.approx(160)


def test_every_text_is_8_pt_and_the_credit_line_6_5_pt(default_figure):
    texts = _texts(default_figure)
    credit = _credit_text(default_figure)
    assert credit.get_fontsize() >= SOURCE_PT == 6.5
    others = [t for t in texts if t is not credit]
    assert len(others) > 40  # ticks, legends, country and town names
    small = [(t.get_text(), t.get_fontsize()) for t in others if t.get_fontsize() < BODY_PT]
    assert not small


def test_no_text_is_cut_at_the_figure_edge(default_figure):
    renderer = default_figure.canvas.get_renderer()
    frame = default_figure.bbox
    for text in _texts(default_figure):
        box = text.get_window_extent(renderer)
        assert frame.x0 - 0.5 <= box.x0 and box.x1 <= frame.x1 + 0.5, text.get_text()
        assert frame.y0 - 0.5 <= box.y0 and box.y1 <= frame.y1 + 0.5, text.get_text()


def test_map_labels_do_not_overlap(default_figure):
    ax = default_figure.axes[0]
    renderer = default_figure.canvas.get_renderer()
    labels = [t for t in ax.texts if t.get_text() not in ("0",) and not t.get_text().endswith(" km")
              and t.get_color() != "white"]  # a halo is its own object, under its label
    assert len(labels) >= 15
    names = {t.get_text() for t in labels}
    assert {"Bamako", "Niamey", "MALI", "BURKINA FASO", "NIGER", "ALGERIA"} <= names
    boxes = [t.get_window_extent(renderer) for t in labels]
    for i, a in enumerate(boxes):
        for j in range(i + 1, len(boxes)):
            assert not a.overlaps(boxes[j]), (labels[i].get_text(), labels[j].get_text())


def test_graticule_labels_say_north_and_west_never_negative(default_figure):
    ax = default_figure.axes[0]
    xs = [t.get_text() for t in ax.get_xticklabels()]
    ys = [t.get_text() for t in ax.get_yticklabels()]
    assert "10°W" in xs and "10°N" in ys
    assert all(not s.startswith(("-", "−")) for s in xs + ys)
    assert all(s.endswith(("°W", "°E", "0°")) for s in xs) and all(s.endswith("°N") for s in ys)


def test_scale_bar_length_is_measured_on_the_ellipsoid(default_figure):
    ax = default_figure.axes[0]
    bar = [p for p in ax.patches if isinstance(p, Rectangle) and p.get_zorder() == 9]
    x0 = min(p.get_x() for p in bar)
    x1 = max(p.get_x() + p.get_width() for p in bar)
    y = bar[0].get_y()
    label = next(t.get_text() for t in ax.texts if t.get_text().endswith(" km"))
    lon, lat = mx._FROM_MAP.transform(np.array([x0, x1]), np.array([y, y]))
    measured = geodesic_length_km(LineString(zip(lon, lat, strict=True)))
    assert measured == pytest.approx(float(label.split()[0]), rel=1e-4)  # 0.05 km in 500


def _drawn_points(fig) -> np.ndarray:
    ax = fig.axes[0]
    return np.vstack([c.get_offsets() for c in ax.collections if isinstance(c, PathCollection)
                      and len(c.get_offsets()) and c.get_zorder() == 5])


@pytest.mark.parametrize("which", ["default", "bfa_ner"])
def test_extent_contains_every_event_and_fits_them(which, default_prepared, bfa_ner_prepared, default_figure):
    prepared = default_prepared if which == "default" else bfa_ner_prepared
    fig = default_figure if which == "default" else draw_figure(prepared)
    ax = fig.axes[0]
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    x, y = mx.to_map(prepared.events["longitude"], prepared.events["latitude"])
    assert ((x >= x0) & (x <= x1) & (y >= y0) & (y <= y1)).all()
    drawn = _drawn_points(fig)
    title = next(lg.get_title().get_text() for lg in fig.legends if "cell" in lg.get_title().get_text())
    cell_deg = float(title.split("\n")[1].split("°")[0])
    assert cell_deg == 0.05 if which == "default" else cell_deg in (0.02, 0.05)
    assert len(drawn) == len(mx.colocated(prepared.events, cell_deg))
    if which == "bfa_ner":
        # Diffa (Niger's far east) is in, and the window starts east of western Mali
        diffa = prepared.events[prepared.events["region"] == "Diffa"]
        assert len(diffa) > 100
        lon_west, _ = mx._FROM_MAP.transform(x0, (y0 + y1) / 2)
        assert lon_west > -8
        assert fig.texts[1].get_text().startswith(f"{len(prepared.events):,} events")


def test_title_counts_what_is_drawn(default_prepared, default_figure):
    events = default_prepared.events
    assert default_figure.texts[1].get_text() == (
        f"{len(events):,} events, Jan 2012 – Dec 2020; {int(events['fatalities'].sum()):,} fatalities")
    no_events = draw_figure(default_prepared, layers=["zones", "border"])
    assert no_events.texts[1].get_text() == "Areas only: events not drawn"


def test_layers_decide_what_is_drawn(default_prepared, default_figure):
    def legend_labels(fig):
        return {t.get_text() for lg in fig.legends for t in lg.get_texts()}

    full = legend_labels(default_figure)
    assert {"Border band (100 km)", "Northern conflict zone", "Algeria–Mali border (1,353 km)",
            "Battles", "Capital"} <= full
    only = draw_figure(default_prepared, layers=["band", "events"])
    labels = legend_labels(only)
    assert "Border band (100 km)" in labels and "Battles" in labels
    assert not labels & {"Northern conflict zone", "Algeria–Mali border (1,353 km)", "Capital",
                         "Mali regions"}
    hatched = [p for p in only.axes[0].collections if p.get_hatch()]
    assert hatched  # the band is drawn
    no_band = draw_figure(default_prepared, layers=["events"])
    assert not [p for p in no_band.axes[0].collections if p.get_hatch()]
    assert not [t for t in only.axes[0].texts if t.get_text() in ("Bamako", "MALI")]  # no places, no countries


def test_every_dataset_is_credited_in_the_figure(default_prepared, default_figure):
    credit = _flat(_credit_text(default_figure).get_text())
    drawn = figure_layers(FIGURE_LAYERS)
    assert credit == _flat(credit_line(default_prepared.events, layers=drawn))
    for c in credits(default_prepared.events, layers=drawn):
        assert _flat(c.short) in credit
    assert "UCDP GED 21.1" in credit and "Natural Earth" in credit and "GeoNames" in credit
    # the figure draws Natural Earth's rivers, lakes and places: credited too
    assert "rivers, lakes, places: Natural Earth 4.0.0" in credit


def test_colocated_events_are_one_symbol_sized_by_fatalities():
    import pandas as pd

    events = pd.DataFrame({
        "longitude": [-0.04472, -0.04472, -0.04472, -4.18296],
        "latitude": [16.27167, 16.27167, 16.27167, 14.4843],
        "fatalities": pd.array([2, None, 5, 0], dtype="Int64"),
        "event_type": ["Battles", "Violence against civilians", "Violence against civilians", "Riots"],
    })
    cells = mx.colocated(events).sort_values("events", ascending=False).reset_index(drop=True)
    assert cells["events"].tolist() == [3, 1]
    assert cells["fatalities"].tolist() == [7, 0]
    assert cells["event_type"].tolist() == ["Violence against civilians", "Riots"]
    scale = mx.SizeScale.for_cells(cells)
    assert scale.area(7) == scale.max_pt2 and scale.area(0) == scale.min_pt2


def _subset(prepared, n=120):
    events = prepared.events.sort_values("event_id", kind="mergesort").head(n).reset_index(drop=True)
    return dataclasses.replace(prepared, events=events)


@pytest.fixture(scope="module")
def two_drawings(default_prepared):
    """The same figure drawn twice, from the start: each format saves both."""
    small = _subset(default_prepared)
    return draw_figure(small), draw_figure(small)


@pytest.mark.parametrize("fmt, magic", [("svg", b"<?xml"), ("pdf", b"%PDF"), ("png", b"\x89PNG")])
def test_vector_and_png_files_are_byte_identical_across_runs(default_prepared, two_drawings, fmt, magic):
    first, second = (figure_bytes(fig, fmt, dpi=60) for fig in two_drawings)
    if fmt == "svg":  # the cheapest format: render_figure is draw_figure then figure_bytes
        assert render_figure(_subset(default_prepared), fmt=fmt, dpi=60) == first
    assert first.startswith(magic)
    assert first == second
    if fmt == "svg":
        assert b"<dc:date>" not in first
    if fmt == "pdf":
        assert b"CreationDate" not in first
