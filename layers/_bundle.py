"""The page's own assets, inlined: Leaflet (xstatic-leaflet), our CSS, the interface strings and
our browser library (static/js/), plus `js_literal` for any value placed inside a <script>."""

from __future__ import annotations

import base64
import re
from functools import cache
from pathlib import Path

import orjson
import xstatic.pkg.leaflet as xs_leaflet

from layers.i18n import DEFAULT_LANG, catalogue

__all__ = ["STATIC", "JS_FILES", "js_literal", "library_js", "asset_header"]

STATIC = Path(__file__).resolve().parent / "static"
# Our browser library (static/js/), one job per file, in load order: a file may use what the
# files before it define (tests/layers/test_bundle_order.py).  `library_js` concatenates them
# inside one function scope, as Leaflet's own build did before 1.0: no bundler, the helpers
# stay private, and api.js exports window.SahelMap.  The files before core.js are pure logic
# (no document, window, L or navigator), each tested under node (tests/js/).
JS_FILES = (
    "format.js",     # pure: digits, compact counts, days and months as text
    "colour.js",     # pure: hex colours, the heatmap's ramp
    "decode.js",     # pure: the payload's base64/zlib columns, text blocks, Mercator x/y
    "bins.js",       # pure: events into pixel cells, ground squares, region counts, months per zone
    "masks.js",      # pure: the page's filters as masks over a store's events
    "jenks.js",      # pure: Fisher-Jenks breaks and the choropleth's classes
    "fold.js",       # pure: the search's folded names and ranking
    "labels.js",     # pure: place labels without overlap
    "dominance_calc.js",  # pure: "who dominates where": tallies per hexagon and side, the winner
    "hashcodec.js",  # pure: the URL hash's text: parse, format, view, months, link keys, slugs
    "tabular.js",    # pure: events as CSV text (formula-safe) and the events table's order
    "core.js",       # state hooks, the L guard, DOM helpers, ElementControl
    "i18n.js",       # t(key): the page's interface strings (layers/i18n/<lang>.toml); fmtInt
    "store.js",      # the events payload, decoded (SahelMap.store)
    "hash.js",       # the view in the URL hash; SahelMap.hash.register(key, get, set)
    "grid.js",       # redraw-on-change for the events and heatmap layers
    "popup.js",      # event popup content
    "legends.js",    # legend boxes
    "change.js",     # "What changed" (--compare): regions, then districts from the district zoom
    "live.js",       # counts that follow the window and filters: title, tooltips, choropleth
    "events.js",     # events layer: markers and cluster bubbles
    "heatmap.js",    # event density layer and its legend
    "dominance.js",  # "who dominates where": hexagons coloured by the leading side, its legend
    "timeline.js",   # time slider
    "search.js",     # place search box
    "context.js",    # "Places and rivers": rivers, lakes, labels without overlap
    "annotations.js",  # the editor's annotations: rings, labels without overlap, leader lines
    "layout.js",     # where the controls go at each size; the Key; panels; popups above controls
    "print.js",      # Ctrl+P: the reader's view fitted to the printed frame, then restored
    "notes.js",      # "About this map" panel
    "table.js",      # the selected events to take away: CSV download, sortable table
    "filters.js",    # the page's filters and their panel
    "chart.js",      # events and fatalities over time per zone; brushing sets the window
    "embed.js",      # in an iframe: click before wheel zoom; Share: copy link / embed code
    "chrome.js",     # title, full screen, measure, scale, minimap, tiles notice, and the above
    "aggregate.js",  # --engine dask above its event limit: counts per grid cell
    "api.js",        # window.SahelMap
)
_JS_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_JS_UNSAFE_RE = re.compile("[<>&\u2028\u2029]")


def js_literal(value) -> str:
    """A JSON value safe to place inside <script>: no '</script>', no HTML comments, no U+2028."""
    raw = orjson.dumps(value, option=orjson.OPT_SERIALIZE_NUMPY | orjson.OPT_NON_STR_KEYS)
    if not any(char.encode() in raw for char in _JS_UNSAFE):
        return raw.decode()  # a 60 MB payload of base64 has none: skip the regex pass
    return _JS_UNSAFE_RE.sub(lambda m: _JS_UNSAFE[m.group()], raw.decode())



@cache
def _leaflet_css() -> str:
    """Leaflet's CSS with its images inlined as data: URIs (no request when the map opens)."""
    base = Path(xs_leaflet.BASE_DIR)
    css = (base / "leaflet.css").read_text("utf-8")

    def inline(match: re.Match) -> str:
        data = base64.b64encode((base / match.group(1)).read_bytes()).decode()
        return f"url(data:image/png;base64,{data})"

    return re.sub(r"url\((images/[a-z0-9-]+\.png)\)", inline, css)


def _script(text: str, origin: str) -> str:
    if "</script" in text.lower():
        raise ValueError(f"{origin} contains '</script', which would end its inlined <script>")
    return f"<script>{text}</script>"


def library_js() -> str:
    """The files of JS_FILES, in that order, inside one `(function (global) {...})(window)`."""
    parts = [f"// ---- layers/static/js/{name}\n{(STATIC / 'js' / name).read_text('utf-8')}"
             for name in JS_FILES]
    return "(function (global) {\n'use strict';\n" + "\n".join(parts) + "})(window);\n"


@cache
def asset_header() -> str:
    """Every JS and CSS asset the map needs, inlined: Leaflet (xstatic-leaflet) and our own."""
    leaflet_js = (Path(xs_leaflet.BASE_DIR) / "leaflet.js").read_text("utf-8")
    return "\n".join([
        f"<style>{_leaflet_css()}</style>",
        f"<style>{(STATIC / 'sahelmap.css').read_text('utf-8')}</style>",
        _script(leaflet_js, "leaflet.js"),
        # English until the page calls SahelMap.setStrings (i18n.js), so t() works on any page.
        _script(f"window.SahelMapStrings = {js_literal(catalogue(DEFAULT_LANG))};", "layers/i18n"),
        _script(library_js(), "layers/static/js"),
    ])
