"""Live text and annotations in the print figures: labels are SVG <text> and PDF text, halos
are separate objects, annotations appear on every output, and a place has one name in the
figure, the map and the report."""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET

import pytest
from matplotlib.text import Text

from figures._mpl import figure_bytes
from figures.report import render_report
from figures.static_map import draw_figure
from figures.zone_chart import date_position, draw_chart
from geo.annotations import load_annotations
from geo.boundaries import load_layer
from geo.frames import parse_extent
from layers.context import labels as map_labels

# Tombouctou to N'Djamena, Lake Débo inside: the places whose names the outputs used to disagree on
FRAME = "-6,11.5,16,17.5"
SVG_TEXT = "{http://www.w3.org/2000/svg}text"


@pytest.fixture(scope="module")
def notes(root, default_prepared):
    return load_annotations(root / "tests" / "data" / "annotations" / "three_labels.csv", default_prepared.events)


@pytest.fixture(scope="module")
def figure(default_prepared):
    """Places and countries from Tombouctou to N'Djamena (no events: their labels are the point)."""
    return draw_figure(default_prepared, layers=("countries", "places"), extent=parse_extent(FRAME))


@pytest.fixture(scope="module")
def annotated(default_prepared, notes):
    """Central Mali with the fixture's annotations."""
    return draw_figure(default_prepared, layers=("countries", "places", "events"), extent="central-mali",
                       annotations=notes)


def _svg_texts(fig) -> list[str]:
    return ["".join(t.itertext()) for t in ET.fromstring(figure_bytes(fig, "svg")).iter(SVG_TEXT)]


def _pdf_text(fig, folder) -> str:
    path = folder / "figure.pdf"
    path.write_bytes(figure_bytes(fig, "pdf"))
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def svg_texts(figure) -> list[str]:
    return _svg_texts(figure)


@pytest.fixture(scope="module")
def pdf_text(figure, tmp_path_factory) -> str:
    return _pdf_text(figure, tmp_path_factory.mktemp("pdf"))


def _labels(fig) -> list[Text]:
    """The map's labels: the texts the placer put down (not their halos, not the scale bar)."""
    ax = fig.axes[0]
    return [t for t in ax.texts if t.get_color() != "white" and t.get_text() not in ("0",)
            and not t.get_text().endswith(" km")]


def test_every_label_is_live_text_in_the_svg_and_the_pdf(figure, svg_texts, pdf_text):
    labels = [t.get_text() for t in _labels(figure)]
    assert len(labels) > 20
    flat_pdf = " ".join(pdf_text.split())
    for label in labels:
        assert svg_texts.count(label) == labels.count(label), label  # its halo is not a second copy
        assert " ".join(label.split()) in flat_pdf, label


def test_halos_are_separate_objects_below_their_labels(figure):
    for label in _labels(figure):
        assert not label.get_path_effects()
        halo = label.halo
        assert halo.get_text() == label.get_text() and halo.get_color() == "white"
        assert halo.get_path_effects() and halo.get_zorder() < label.get_zorder()


def test_annotations_are_on_the_figure_as_text_and_never_overlap(annotated, notes, tmp_path):
    svg_texts, pdf_text = _svg_texts(annotated), _pdf_text(annotated, tmp_path)
    annotated.canvas.draw()  # saving a vector file laid the texts out at 72 dpi
    renderer = annotated.canvas.get_renderer()
    wanted = notes.points["label"].tolist()
    assert "Mopti <b>&amp;</b> 'harbour'" in wanted
    for label in wanted:
        assert label in svg_texts and label in pdf_text
    labels = _labels(annotated)
    boxes = {t.get_text(): Text.get_window_extent(t, renderer) for t in labels}
    for note in wanted:
        for other, box in boxes.items():
            assert other == note or not boxes[note].overlaps(box), (note, other)


def test_one_name_per_place_in_the_map_the_figure_and_the_report(default_prepared, figure, svg_texts):
    from figures._mpl import figure_bytes as to_bytes

    expected = {"Tombouctou", "Lake Débo", "N'Djamena"}
    assert expected <= set(svg_texts)
    assert not {"Timbuktu", "Lake Dbo", "Ndjamena"} & set(svg_texts)
    on_map = {label["text"] for label in map_labels(load_layer("context_places"), load_layer("countries"),
                                                     load_layer("rivers"), load_layer("lakes"))}
    assert expected <= on_map and not {"Timbuktu", "Lake Dbo", "Ndjamena"} & on_map
    svg = to_bytes(figure, "svg")
    page = render_report(default_prepared, "<p>map</p>", {"figure": svg, "chart": svg, "small_multiples": svg})
    for name in expected:
        assert f">{name}</text>" in page


def test_chart_marks_each_date_with_its_label(default_prepared, notes):
    fig = draw_chart(default_prepared.summary["by_zone_period"], annotations=notes)
    periods = [str(y) for y in range(2012, 2021)]
    x = date_position(periods, "year", notes.dates["date"].iloc[0])
    assert x == pytest.approx(8 - 0.5 + 230 / 366)  # 18 August 2020 is day 231 of 366
    lines = [ln for ax in fig.axes for ln in ax.lines if ln.get_xdata()[0] == pytest.approx(x)]
    assert len(lines) == 2  # events and fatalities panels
    assert [t.get_text() for t in fig.axes[0].texts if t.get_color() != "white"] == ["Coup, 18 Aug 2020"]
