"""Print figures with matplotlib: sizes in mm and pt, deterministic PNG, SVG and PDF bytes.

No pyplot: each figure has its own Agg canvas, so a caller's backend (Jupyter) is left alone.
"""

from __future__ import annotations

import io
import textwrap

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from figures.theme import current

__all__ = ["MM", "BODY_PT", "SOURCE_PT", "TITLE_PT", "FIGURE_FORMATS", "new_figure",
           "figure_bytes", "wrap_to_width", "halo", "with_halo"]

MM = 1 / 25.4          # inches per mm
# the default theme's sizes (data/themes/default.toml; figures/theme.py reads a theme's own)
BODY_PT = 8.0          # every label, tick and legend entry: 8 pt at the printed width
SOURCE_PT = 6.5        # the credit line
TITLE_PT = 11.0
FIGURE_FORMATS = ("png", "svg", "pdf")
# Same bytes for the same figure: fixed SVG ids, no dates or versions in the files.
# Live text: SVG <text> elements with a font stack, PDF TrueType (42) embedded and searchable.
# (the font stack is the theme's: figures/theme.py)
_RC = {"svg.hashsalt": "sahel-map", "svg.fonttype": "none", "pdf.fonttype": 42}
_METADATA = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Creator": None, "Producer": None},
}


def new_figure(width_mm: float, height_mm: float) -> Figure:
    fig = Figure(figsize=(width_mm * MM, height_mm * MM), facecolor=current().background)
    canvas = FigureCanvasAgg(fig)  # a renderer to measure labels with
    # GeoPandas' plot() asks for a redraw after every layer, and Agg obliges at once: with 9
    # panels x 4 layers that was 36 full draws (89 s for 100k events); draw when saving only.
    canvas.draw_idle = lambda *args, **kwargs: None
    return fig


def figure_bytes(fig: Figure, fmt: str, dpi: int = 200) -> bytes:
    """The figure as PNG (at `dpi`), SVG or PDF (vector); byte-identical on every run."""
    if fmt not in FIGURE_FORMATS:
        raise ValueError(f"figure format {fmt!r} is not one of {', '.join(FIGURE_FORMATS)}")
    buffer = io.BytesIO()
    with matplotlib.rc_context({**_RC, **current().rc()}):
        fig.savefig(buffer, format=fmt, dpi=dpi, metadata=_METADATA[fmt])
    return buffer.getvalue()


def wrap_to_width(text: str, width_mm: float, size_pt: float) -> str:
    """Wrap `text` so that it fits `width_mm` at `size_pt` (DejaVu Sans averages 0.55 em)."""
    chars = int(width_mm / (size_pt * 0.55 * 25.4 / 72))
    return "\n".join(textwrap.wrap(text, chars))


def halo(width: float = 2.0) -> dict:
    """The style of a label's halo: a white outline drawn as its own object just below the
    label (`with_halo`), so the label stays live text an editor can move or retype."""
    from matplotlib import patheffects

    return {"color": "white", "path_effects": [patheffects.withStroke(linewidth=width, foreground="white")]}


def with_halo(make, width: float = 2.0, **style):
    """Call `make(**style)` twice: a halo (`halo(width)`, zorder just below) then the label.
    Returns the label; its halo is `label.halo`."""
    under = make(**{**style, **halo(width), "zorder": style.get("zorder", 8) - 0.01})
    label = make(**style)
    label.halo = under
    return label
