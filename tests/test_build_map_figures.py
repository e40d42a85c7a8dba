"""The figure and report flags of the CLI (--figure/--png, --chart, --small-multiples, --report)."""

import json
import subprocess

import pytest

import build_map
from geo.io import StagedOutputs
from geo.paths import DATA_DIR


def _run(tmp_path, *argv):
    code = build_map.main(["--quiet", "--out", str(tmp_path / "map.html"), "--layers",
                           "regions,zones,events", *argv])
    summary_path = tmp_path / "map_summary.json"
    return code, json.loads(summary_path.read_text()) if summary_path.exists() else None


@pytest.fixture(scope="module")
def figures_run(tmp_path_factory):
    """One run writing the figure, chart, small multiples and report (a run draws each figure once)."""
    tmp_path = tmp_path_factory.mktemp("figures")
    code, summary = _run(tmp_path, "--since", "2019-01-01", "--png", str(tmp_path / "f.pdf"),
                         "--chart", str(tmp_path / "c.svg"), "--report", str(tmp_path / "r.html"),
                         "--small-multiples", str(tmp_path / "sm.png"))
    assert code == 0
    return tmp_path, summary


def test_figure_format_follows_the_extension_of_png(figures_run):
    tmp_path, summary = figures_run
    assert (tmp_path / "f.pdf").read_bytes().startswith(b"%PDF")
    assert (tmp_path / "c.svg").read_bytes().startswith(b"<?xml")
    assert summary["outputs"]["figure"] == str(tmp_path / "f.pdf")
    assert summary["outputs"]["chart"] == str(tmp_path / "c.svg")


def test_figure_format_follows_the_extension_of_figure_and_view_dominance_draws_hexagons(tmp_path):
    code, summary = _run(tmp_path, "--country", "NER", "--figure", str(tmp_path / "f.pdf"),
                         "--chart", str(tmp_path / "c.svg"), "--view", "dominance")
    assert code == 0
    assert (tmp_path / "f.pdf").read_bytes().startswith(b"%PDF")
    assert (tmp_path / "c.svg").read_bytes().startswith(b"<?xml")
    assert summary["outputs"]["figure"] == str(tmp_path / "f.pdf")
    assert summary["outputs"]["chart"] == str(tmp_path / "c.svg")
    # --view dominance: the hexagons instead of the map
    assert b"Who dominates where" in subprocess.run(["pdftotext", str(tmp_path / "f.pdf"), "-"],
                                                    capture_output=True, check=True).stdout


@pytest.mark.parametrize("argv, message", [
    (["--figure", "map.jpg"], "use .png, .svg or .pdf"),
    (["--chart", "chart"], "use .png, .svg or .pdf"),
    (["--report", "r.pdf"], "end the name in .html"),
    (["--figure-width-mm", "20"], "between 80 and 500"),
    (["--figure-dpi", "0"], "between 30 and 1200"),
    (["--view", "hexagons"], "invalid choice: 'hexagons' (choose from 'map', 'dominance')"),
])
def test_bad_figure_options_exit_2_and_write_nothing(tmp_path, capsys, monkeypatch, argv, message):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as exit_:
        build_map.main(["--quiet", "--out", str(tmp_path / "m.html"), *argv])
    assert exit_.value.code == 2
    assert message in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


def test_report_is_one_offline_file(figures_run):
    tmp_path, summary = figures_run
    page = (tmp_path / "r.html").read_text("utf-8")
    assert summary["outputs"]["report"] == str(tmp_path / "r.html")
    assert page.count("<svg") >= 4  # figure, chart, small multiples, dominance inline
    assert "<h2>Who dominates where</h2>" in page and "Hexagons led by each side" in page
    assert "2019-01-01 to 2020-12-31" in page
    assert (tmp_path / "sm.png").read_bytes().startswith(b"\x89PNG")
    assert "<script" not in page.split('srcdoc="')[0]


def test_figures_of_a_run_with_no_events_say_so(tmp_path, capsys):
    # No CLI run ends empty: filters that leave nothing, and a file whose every row is
    # rejected, exit 2 naming the cause. Python can still draw figures of no events.
    header, first = (DATA_DIR / "events" / "article_events.csv").read_text("utf-8").splitlines()[:2]
    rejected_only = tmp_path / "rejected_only.csv"
    rejected_only.write_text(f"{header}\n{first.split(',', 1)[0]},not a date,{first.split(',', 2)[2]}\n", "utf-8")
    code, _ = _run(tmp_path, "--events", str(rejected_only), "--figure", str(tmp_path / "f.svg"))
    assert code == 2 and "every one of its 1 rows was rejected" in capsys.readouterr().err
    assert not (tmp_path / "f.svg").exists()

    from geo.periods import zone_period_counts
    from outputs import RunOutputs, get_output

    opts = build_map.options(layers="regions,zones,events")
    prepared = build_map._prepare(opts)
    prepared.events = prepared.events.iloc[0:0]
    prepared.summary["by_zone_period"] = zone_period_counts(prepared.events, prepared.layers)
    prepared.summary["date_range"] = []
    run = RunOutputs(prepared, opts, html="<html></html>")
    with StagedOutputs() as staged:
        for key, name in (("figure", "f.svg"), ("chart", "c.svg"), ("small_multiples", "s.svg"),
                          ("report", "r.html")):
            get_output(key).write(run, tmp_path / name, staged)
    for name in ("f.svg", "c.svg", "s.svg"):
        assert (tmp_path / name).read_bytes().startswith(b"<?xml")
    assert "no events" in (tmp_path / "r.html").read_text("utf-8")


def test_extent_and_annotations_from_the_command_line(tmp_path, root):
    bad_rows = root / "tests" / "data" / "annotations" / "bad_rows.csv"
    code, summary = _run(tmp_path, "--country", "MLI", "--extent", "central-mali", "--annotations", str(bad_rows),
                         "--figure", str(tmp_path / "f.svg"))
    assert code == 0
    assert summary["annotations"] == {"path": str(bad_rows), "read": 8, "accepted": 1, "rejected": 7}
    rejects = (tmp_path / "map_rejects.csv").read_text("utf-8")
    assert rejects.count(str(bad_rows)) == 7 and "label is empty" in rejects
    assert ">Konna, 11 Jan 2013</text>" in (tmp_path / "f.svg").read_text("utf-8")
    page = (tmp_path / "map.html").read_text("utf-8")
    assert '"text":"Konna, 11 Jan 2013 (2013-01-11)"' in page and "SahelMap.annotationLayer(" in page


def test_a_wrong_extent_exits_2_naming_the_frames(tmp_path, capsys):
    code, _ = _run(tmp_path, "--extent", "centre-mali", "--figure", str(tmp_path / "f.png"))
    assert code == 2
    assert "did you mean 'central-mali'?" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


def test_an_annotation_a_figure_cannot_show_is_said_and_kept_in_the_summary():
    from types import SimpleNamespace

    from figures._mapaxes import Unplaced
    from outputs import RunOutputs

    said = []
    prepared = SimpleNamespace(summary={"annotations": {"read": 2, "accepted": 2, "rejected": 0}})
    figure = SimpleNamespace(unplaced_annotations=[Unplaced("Ogossagou", "panel 2019: no free spot")])
    run = RunOutputs(prepared, options=None, say=said.append, _figures={"small_multiples": figure})
    run._report_unplaced("small_multiples", run.figure("small_multiples").unplaced_annotations)
    assert prepared.summary["annotations"]["unplaced"] == [
        {"figure": "small_multiples", "label": "Ogossagou", "reason": "panel 2019: no free spot"}]
    assert said == ["annotation 'Ogossagou' not shown on the small multiples: panel 2019: no free spot"]
