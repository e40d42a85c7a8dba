"""The outputs of a run: one `OutputSpec` per file a run can write, in one registry.

A spec gives the output's flag, its help, how a path is checked, what it needs and how it is
written. The CLI's flags (`build_map.parse_args`), the run (`build_map.run`), the summary's
`outputs`, the Python API (`build_map.write(..., joined=..., figure=...)`) and the dask engine's
behaviour above its page limit all come from here. Adding an output is one spec in `OUTPUTS`
(or `register_output(spec)` at run time).

Writers stage their bytes in a `geo.io.StagedOutputs`, so a failed run leaves no partial file.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from geo.errors import ConfigError
from geo.io import StagedOutputs, table_writer, write_csv
from geo.storage import as_location

__all__ = ["OutputSpec", "RunOutputs", "OUTPUTS", "register_output", "output_keys", "get_output",
           "FIGURE_KINDS", "FIGURE_VIEWS", "figure_path", "check_sampled"]

FIGURE_KINDS = ("figure", "chart", "small_multiples")  # the report inlines each as SVG
# what --figure draws (--view): the map, or who dominates where (figures/dominance_map.py);
# the report has both
FIGURE_VIEWS = ("map", "dominance")


@dataclass
class RunOutputs:
    """What writers may use: the prepared events, the options, the finished page, and the
    figure settings. Figures are drawn once, when first asked for."""

    prepared: object          # geo.pipeline.Prepared
    options: object           # build_map.Options
    html: str = ""
    width_mm: float = 160.0
    dpi: int = 200
    period: str = "year"
    view: str = "map"        # FIGURE_VIEWS: what --figure draws
    extent: object = "data"  # geo.frames: a frame name or a Bounds (--extent)
    annotations: object = None  # geo.annotations.Annotations (--annotations), or None
    theme: object = None        # figures.theme.Theme (--theme); None: data/themes/default.toml
    say: Callable[[str], None] = lambda message: None
    timings: dict = field(default_factory=dict)  # seconds by step, for the summary
    write_started: float = 0.0                   # time.perf_counter() when writing began
    _figures: dict = field(default_factory=dict)

    def figure(self, kind: str):
        """The matplotlib figure `kind` (of FIGURE_KINDS, or a view of FIGURE_VIEWS), drawn once."""
        from figures.theme import using

        if kind not in self._figures:
            self.say(f"drawing the {kind.replace('_', ' ')}")
            with using(self.theme):
                self._figures[kind] = _DRAW[kind](self)
            self._report_unplaced(kind, getattr(self._figures[kind], "unplaced_annotations", []))
        return self._figures[kind]

    def _report_unplaced(self, kind: str, unplaced: list) -> None:
        """An editor's label a figure could not show: said, and kept in the summary's
        annotations.unplaced."""
        if not unplaced:
            return
        listed = self.prepared.summary.setdefault("annotations", {}).setdefault("unplaced", [])
        for u in unplaced:
            listed.append({"figure": kind, "label": u.label, "reason": u.reason})
            self.say(f"annotation {u.label!r} not shown on the {kind.replace('_', ' ')}: {u.reason}")

    def figure_bytes(self, kind: str, fmt: str) -> bytes:
        from figures._mpl import figure_bytes
        from figures.theme import using

        figure = self.figure(kind)
        with using(self.theme):
            return figure_bytes(figure, fmt, self.dpi)

    @cached_property
    def sampled(self) -> bool:
        """True when the events are only the page's sample (--engine dask above its limit)."""
        return getattr(self.prepared, "page_extract", None) is not None


Writer = Callable[[RunOutputs, Path, StagedOutputs], None]


@dataclass(frozen=True)
class OutputSpec:
    key: str                    # the option's name: --joined -> "joined" (Python API: joined=)
    flags: tuple[str, ...]      # the CLI flags, the first one canonical
    help: str
    write: Writer
    check: Callable[[str], Path] = Path  # a path as given -> a Path, or argparse.ArgumentTypeError
    default: Callable[[Path], Path] | None = None  # from --out, when the output is always written
    background: bool = False    # a table: written in a thread while the map is built
    needs_every_event: bool = False  # refused when the events are a sample (unless by workers)
    written_by_workers: bool = False  # --engine dask: the workers write it, in partitions
    metavar: str = "PATH"


def figure_path(value: str) -> Path:
    from figures._mpl import FIGURE_FORMATS

    path = Path(value)
    if path.suffix.lower().lstrip(".") not in FIGURE_FORMATS:
        raise argparse.ArgumentTypeError(
            f"{value!r}: the format follows the extension; use .png, .svg or .pdf")
    return path


def _report_path(value: str) -> Path:
    if Path(value).suffix.lower() not in (".html", ".htm"):
        raise argparse.ArgumentTypeError(f"{value!r}: a report is one HTML file; end the name in .html")
    return Path(value)


def _write_html(run: RunOutputs, path: Path, staged: StagedOutputs) -> None:
    staged.stage(path, run.html.encode("utf-8"))


def _write_rejects(run: RunOutputs, path: Path, staged: StagedOutputs) -> None:
    rejects = run.prepared.rejects
    if run.annotations is not None and len(run.annotations.rejects):  # bad annotation rows too
        import pandas as pd

        rejects = pd.concat([rejects, run.annotations.rejects.astype(str)], ignore_index=True)
    staged.stage_with(path, lambda tmp: write_csv(rejects, tmp))


def _write_joined(run: RunOutputs, path: Path, staged: StagedOutputs) -> None:
    write_table = table_writer(path)
    staged.stage_with(path, lambda tmp: write_table(run.prepared.joined_rows, tmp))


def _write_summary(run: RunOutputs, path: Path, staged: StagedOutputs) -> None:
    import orjson

    run.timings["write"] = time.perf_counter() - run.write_started
    summary = run.prepared.summary
    summary["timings_s"] = {k: round(v, 3) for k, v in run.timings.items()}
    staged.stage(path, orjson.dumps(summary, option=orjson.OPT_INDENT_2) + b"\n")


def _figure_writer(kind: str) -> Writer:
    def write(run: RunOutputs, path: Path, staged: StagedOutputs) -> None:
        staged.stage(path, run.figure_bytes(kind, path.suffix.lower().lstrip(".")))
    return write


def _write_report(run: RunOutputs, path: Path, staged: StagedOutputs) -> None:
    from figures import report

    svgs = {kind: run.figure_bytes("map" if kind == "figure" else kind, "svg") for kind in FIGURE_KINDS}
    svgs["dominance"] = run.figure_bytes("dominance", "svg")
    run.say("writing the report")
    opts = run.options
    staged.stage(path, report.render_report(run.prepared, run.html, svgs, title=opts.title,
                                            lang=opts.lang, period=run.period,
                                            layers=opts.layers,
                                            annotations=run.annotations,
                                            dominance=run.figure("dominance").sahel_dominance).encode("utf-8"))


def _draw_figure(run: RunOutputs):
    from figures import static_map

    opts = run.options
    return static_map.draw_figure(run.prepared, layers=[k for k in opts.layers if k in static_map.FIGURE_LAYERS],
                                  title=opts.title, width_mm=run.width_mm, lang=opts.lang,
                                  extent=run.extent, annotations=run.annotations)


def _draw_view(run: RunOutputs):
    """--figure: the map, or the --view asked for (drawn once for the figure and the report)."""
    return run.figure(run.view)


def _draw_dominance(run: RunOutputs):
    from figures import dominance_map

    opts = run.options
    return dominance_map.draw_dominance(run.prepared, title=opts.title, width_mm=run.width_mm, lang=opts.lang,
                                        extent=run.extent)


def _draw_chart(run: RunOutputs):
    from figures import static_map, zone_chart

    lang = run.options.lang
    return zone_chart.draw_chart(run.prepared.summary["by_zone_period"], period=run.period,
                                 width_mm=run.width_mm, lang=lang,
                                 credit=static_map.credit_line(run.prepared.events, lang, layers=()),
                                 annotations=run.annotations)


def _draw_small_multiples(run: RunOutputs):
    from figures import small_multiples

    return small_multiples.draw_small_multiples(run.prepared, period=run.period, width_mm=run.width_mm,
                                                lang=run.options.lang, extent=run.extent,
                                                annotations=run.annotations)


_DRAW = {"figure": _draw_view, "map": _draw_figure, "dominance": _draw_dominance, "chart": _draw_chart,
         "small_multiples": _draw_small_multiples}

# In writing order: the page first (the report embeds it), the summary last (it lists the rest).
OUTPUTS: list[OutputSpec] = [
    OutputSpec("out", ("--out",), "the interactive HTML map (default: out/mali_conflict_map.html)",
               _write_html, default=lambda out: out),
    OutputSpec("rejects", ("--rejects",), "CSV of rejected rows with reasons (default: OUT_rejects.csv)",
               _write_rejects, default=lambda out: out.with_name(out.stem + "_rejects.csv"),
               background=True),
    OutputSpec("joined", ("--joined",), "accepted events with join columns: CSV, or GeoParquet if the "
               "name ends in .parquet (--engine dask: a directory of partitions, or an s3://, gs://, "
               "abfs:// URL)", _write_joined, check=as_location,
               background=True, needs_every_event=True, written_by_workers=True),
    OutputSpec("figure", ("--figure", "--png"), "static map for reports, as .png, .svg or .pdf (from "
               "the extension; --png is the old name): window, layers and title follow the run",
               _figure_writer("figure"), check=figure_path),
    OutputSpec("chart", ("--chart",), "events and fatalities per --period by zone, stacked bars "
               "(.png/.svg/.pdf)", _figure_writer("chart"), check=figure_path),
    OutputSpec("small_multiples", ("--small-multiples",), "one map per --period, same classes and "
               "scale (.png/.svg/.pdf)", _figure_writer("small_multiples"), check=figure_path),
    OutputSpec("report", ("--report",), "one-file offline briefing: key figures, the map, chart, "
               "small multiples, deadliest events, method, credits; prints to A4", _write_report,
               check=_report_path, metavar="PATH.html"),
    OutputSpec("summary", ("--summary",), "JSON counts by zone, region, country, month, with the "
               "outputs and timings (default: OUT_summary.json)", _write_summary,
               default=lambda out: out.with_name(out.stem + "_summary.json")),
]


def register_output(spec: OutputSpec, *, before: str | None = None) -> None:
    """Add (or replace) an output; written last, or just before the output `before`."""
    OUTPUTS[:] = [o for o in OUTPUTS if o.key != spec.key]
    keys = output_keys()
    OUTPUTS.insert(keys.index(before) if before in keys else len(OUTPUTS), spec)


def output_keys() -> tuple[str, ...]:
    return tuple(o.key for o in OUTPUTS)


def get_output(key: str) -> OutputSpec:
    for spec in OUTPUTS:
        if spec.key == key:
            return spec
    raise ConfigError(f"no output {key!r}; choose from {', '.join(output_keys())}")


def check_sampled(run: RunOutputs, wanted: dict[str, Path]) -> None:
    """Above the dask page limit the events in hand are a sample: refuse an output that needs
    every event, unless the workers write it."""
    if not run.sampled:
        return
    for key in wanted:
        spec = get_output(key)
        if spec.needs_every_event and not spec.written_by_workers:
            raise ConfigError(
                f"{spec.flags[0]} needs every event, but above the dask engine's page limit the "
                "run holds only the page's sample; use --joined (written by the workers) instead")
