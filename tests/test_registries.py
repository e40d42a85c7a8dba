"""A toy input format, overlay, source and output, each added through its registry alone,
reach the CLI, the layer control, the legends, the credits, the summary and the Python API.
No list of formats, overlays or outputs is kept here: each test derives them from its registry."""

from __future__ import annotations

import json
import re

import folium
import pytest

import build_map
import geo.formats
import layers.overlays
import outputs
from geo.formats import FormatSpec, register_format
from geo.sources import register_source, sources
from layers.overlays import OverlaySpec, register_overlay
from outputs import OutputSpec, register_output

TOY_CREDIT = "Events: the Toy Observatory (toy licence)"


@pytest.fixture
def toy_format():
    saved, saved_sources = list(geo.formats.FORMATS), dict(sources())
    register_source("toy", {"kind": "events", "licence": "toy licence",
                            "credit": {"en": TOY_CREDIT, "fr": "Événements : l'Observatoire jouet"},
                            "short": {"en": "Events: Toy Observatory", "fr": "Événements : jouet"}})
    register_format(FormatSpec(
        name="toy", title="Toy observatory", required=("when", "what", "lat", "lon"),
        columns={"event_date": "when", "event_type": "what", "latitude": "lat", "longitude": "lon",
                 "notes": "story"},
        dataset="toy", source="toy"))
    yield
    geo.formats.FORMATS[:] = saved
    sources().clear()
    sources().update(saved_sources)


@pytest.fixture
def toy_overlay():
    saved = list(layers.overlays.OVERLAYS)
    register_overlay(OverlaySpec(
        "toy", lambda ctx, show: [folium.FeatureGroup(name="Toy overlay", show=show)],
        pane=("toy", 392), legend=(("Toy area", "#123456"),), help="a toy"), before="events")
    yield
    layers.overlays.OVERLAYS[:] = saved


def _help(capsys) -> str:
    with pytest.raises(SystemExit):
        build_map.main(["--help"])
    return capsys.readouterr().out


def test_toy_format_reaches_cli_detection_layer_control_and_credits(toy_format, tmp_path, capsys):
    assert "{auto," + ",".join(geo.formats.format_names()) + "}" in _help(capsys)
    assert geo.formats.format_names()[-2:] == ("toy", "native")
    path = tmp_path / "toy.csv"
    # Gao and Mopti, from data/layers/places.geojson (GeoNames)
    path.write_text("WHEN,what,lat,lon,story\n2020-03-01,Battles,16.27167,-0.04472,a\n"
                    "2020-03-02,Riots,14.4843,-4.18296,b\n", "utf-8")
    out = tmp_path / "toy.html"
    assert build_map.main(["--quiet", "--events", str(path), "--out", str(out),
                           "--png", str(tmp_path / "toy.png"), "--figure-dpi", "30"]) == 0  # drawn, at any size
    summary = json.loads((tmp_path / "toy_summary.json").read_text())
    assert summary["inputs"][0]["format"] == "toy"
    assert summary["events"]["accepted"] == 2
    page = out.read_text("utf-8")
    assert "the Toy Observatory (toy licence)" in page
    assert '"Events: toy.csv \u00b7 MLI \u00b7 2020"' in page  # its overlay in the layer control
    from figures.static_map import credit_line

    prepared = build_map._prepare(build_map.options([path]))
    assert credit_line(prepared.events).startswith("Events: Toy Observatory.")


def test_toy_overlay_reaches_cli_layer_control_pane_and_legend(toy_overlay, tmp_path, capsys):
    assert "toy        a toy" in _help(capsys)
    out = tmp_path / "m.html"
    assert build_map.main(["--quiet", "--out", str(out), "--layers", "regions,toy"]) == 0
    page = out.read_text("utf-8")
    assert '"Toy overlay" : feature_group_' in page  # layer control
    assert 'createPane(\n                "toy");' in page
    # only the wanted areas, each naming the layers it stands for (listed while one is on)
    assert '{"title":"Areas","items":[["Toy area","#123456",[feature_group_' in page
    assert build_map.main(["--quiet", "--out", str(out), "--layers", "regions"]) == 0
    assert "Toy overlay" not in out.read_text("utf-8")


def test_api_uses_cli_names_and_raises_our_error_not_system_exit():
    from geo.errors import ConfigError

    with pytest.raises(ConfigError, match=r"^--layers: unknown volcanoes; choose from regions|countries"):
        build_map.build(layers="volcanoes")
    with pytest.raises(ConfigError, match="--since 'yesterday' is not a date; use YYYY-MM-DD"):
        build_map.build(since="yesterday")
    names = ", ".join(("auto", *geo.formats.format_names()))
    with pytest.raises(ConfigError, match=re.escape(f"--format 'xls' is not one of: {names}")):
        build_map.build(format="xls")
    opts = build_map.options(country="mli,bfa", event_type=["Battles"], since="2019-01-01")
    assert opts.filters.countries == ("MLI", "BFA") and opts.filters.event_types == ("Battles",)
    # --since alone keeps the shipped data's default end (bound by bound, as the CLI does)
    assert str(opts.filters.until) == "2020-12-31" and opts.filters.defaults == {"until"}


@pytest.fixture
def toy_output():
    saved = list(outputs.OUTPUTS)

    def write_count(run, path, staged):
        staged.stage(path, f"{len(run.prepared.events)}\n".encode())

    register_output(OutputSpec("toy_count", ("--toy-count",), "the number of events, as text",
                               write_count, needs_every_event=True), before="summary")
    yield
    outputs.OUTPUTS[:] = saved


def test_toy_output_reaches_cli_run_summary_and_python_api(toy_output, tmp_path, capsys):
    assert "--toy-count PATH" in _help(capsys)
    out = tmp_path / "m.html"
    assert build_map.main(["--quiet", "--out", str(out), "--layers", "regions",
                           "--toy-count", str(tmp_path / "n.txt")]) == 0
    summary = json.loads((tmp_path / "m_summary.json").read_text())
    assert summary["outputs"]["toy_count"] == str(tmp_path / "n.txt")
    assert (tmp_path / "n.txt").read_text() == f"{summary['events']['accepted']}\n"
    returned = build_map.write(out=tmp_path / "w.html", layers="regions", toy_count=tmp_path / "w.txt")
    assert (tmp_path / "w.txt").read_text() == f"{returned['events']['accepted']}\n"


def test_every_output_is_a_flag_and_a_write_keyword(capsys):
    text = _help(capsys)
    for spec in outputs.OUTPUTS:
        assert all(flag in text for flag in spec.flags), spec.key
    known = set(vars(build_map.parse_args([])))
    assert set(outputs.output_keys()) <= known


def test_an_output_needing_every_event_is_refused_on_a_sample_unless_workers_write_it(toy_output):
    from geo.errors import ConfigError

    run = outputs.RunOutputs(prepared=type("P", (), {"page_extract": object()})(), options=None)
    outputs.check_sampled(run, {"joined": "j.csv", "out": "m.html"})  # the workers write --joined
    with pytest.raises(ConfigError, match="--toy-count needs every event, but above the dask engine's page limit"):
        outputs.check_sampled(run, {"toy_count": "n.txt"})
