"""Deterministic, self-contained HTML: stable element ids, inlined assets, safe JS literals."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import html
import itertools
import re
import threading
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import branca.element
import folium
import orjson
import xstatic.pkg.leaflet as xs_leaflet

from layers.i18n import DEFAULT_LANG, catalogue

__all__ = ["JS_FILES", "stable_ids", "js_literal", "OfflineMap", "asset_header", "library_js",
           "render_html", "content_security_policy", "with_content_security_policy"]

STATIC = Path(__file__).resolve().parent / "static"
# Our browser library (static/js/), one job per file, in load order: a file may use what the
# files before it define.  `library_js` concatenates them inside one function scope, as
# Leaflet's own build did before 1.0: no bundler, the helpers stay private, and api.js
# exports window.SahelMap.
JS_FILES = (
    "core.js",      # state hooks, helpers, payload inflation, ElementControl
    "i18n.js",      # t(key): the page's interface strings (layers/i18n/<lang>.toml)
    "store.js",     # the events payload, decoded (SahelMap.store)
    "grid.js",      # the one filter -> project -> bin pass, and redraw-on-change
    "popup.js",     # event popup content
    "events.js",    # events layer: markers and cluster bubbles
    "legends.js",   # legend boxes
    "heatmap.js",   # event density layer and its legend
    "timeline.js",  # time slider
    "chrome.js",    # title, full screen, measure, scale, minimap, tiles notice
    "search.js",    # place search box
    "context.js",   # "Places and rivers": rivers, lakes, labels without overlap
    "layout.js",    # where the controls go at each size; the Key; panels; popups above controls
    "notes.js",     # "About this map" panel
    "filters.js",   # the page's filters and their panel
    "live.js",      # counts that follow the window and filters: title, tooltips, choropleth
    "chart.js",     # events and fatalities over time per zone; brushing sets the window
    "hash.js",      # the view in the URL hash; SahelMap.hash.register(key, get, set)
    "embed.js",     # in an iframe: click before wheel zoom; Share: copy link / embed code
    "aggregate.js",  # --engine dask above its event limit: counts per grid cell
    "api.js",       # window.SahelMap
)
_JS_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_JS_UNSAFE_RE = re.compile("[<>&\u2028\u2029]")


@contextlib.contextmanager
def stable_ids(start: int = 1) -> Iterator[None]:
    """Give folium/branca elements counter-based ids instead of random ones (byte-identical HTML)."""
    counter = itertools.count(start)
    original = branca.element.Element._generate_id
    branca.element.Element._generate_id = classmethod(lambda cls: f"{next(counter):05d}")
    try:
        yield
    finally:
        branca.element.Element._generate_id = original


class _Verbatim:
    """Stands in for a jinja2 Template: renders its text as it is."""

    def __init__(self, text: str):
        self.text = text

    def render(self, *args, **kwargs) -> str:
        return self.text


_verbatim = threading.local()
_branca_element_init = branca.element.Element.__init__


def _element_init(self, template=None, template_name=None):
    if template is None or not getattr(_verbatim, "on", False):
        return _branca_element_init(self, template, template_name)
    _branca_element_init(self, None, template_name)
    self._template_str, self._template = template, _Verbatim(template)


@contextlib.contextmanager
def verbatim_rendered_text() -> Iterator[None]:
    """Keep the text that branca and folium render as it is.

    They wrap each rendered script in Element(text), which compiles that text as a Jinja
    template and renders it again: a title or file name holding "{{ 6*7 }}" would come out
    as "42" (template injection: Jinja can reach Python), and "{% raw %}" crashed the build.
    Also saves compiling some 70 templates a page. Only Elements made by this thread inside
    the block are affected (the patched __init__ checks a thread-local flag)."""
    branca.element.Element.__init__ = _element_init
    before, _verbatim.on = getattr(_verbatim, "on", False), True
    try:
        yield
    finally:
        _verbatim.on = before


def verbatim_element(text: str) -> branca.element.Element:
    """An Element that renders `text` as it is (branca's compiles it as a Jinja template)."""
    with verbatim_rendered_text():
        return branca.element.Element(text)


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


class OfflineMap(folium.Map):
    """A folium Map that links no CDN: its assets are inlined by `asset_header`."""

    default_js: list = []
    default_css: list = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.get_root().header.add_child(verbatim_element(asset_header()), name="assets")

    def save(self, outfile, **kwargs) -> None:
        """Write the complete page (payloads spliced in), like folium's Map.save."""
        Path(outfile).write_text(render_html(self), encoding="utf-8")

    def _repr_html_(self, **kwargs) -> str:
        """Jupyter: the complete page in a sandbox-free iframe, as folium does."""
        srcdoc = html.escape(render_html(self), quote=True)
        return (f'<iframe srcdoc="{srcdoc}" style="width:100%;height:600px;border:none" '
                'allowfullscreen></iframe>')


def render_html(m: folium.Map) -> str:
    """The whole page as one string, with every event payload spliced into its placeholder."""
    # Rendering makes throw-away elements (folium wraps each rendered script in a new
    # Element).  None of their ids reaches the page today, but should one ever do so it
    # must be deterministic and must not repeat an id that `compose.build` numbered from 1:
    # hence counter ids, from far above those given at build time (about 60 for the default map).
    with stable_ids(start=90000), verbatim_rendered_text():
        html = m.get_root().render()
    html = _head(html, getattr(m, "sahel_lang", "en"), getattr(m, "sahel_title", None))
    # the payloads (tens of MB) go in last, once: the head and the policy work on the small page
    payloads = {child.placeholder(): child.payload_js for child in _descendants(m)
                if hasattr(child, "placeholder")}
    return with_content_security_policy(html, payloads)


def _descendants(element):
    for child in element._children.values():
        yield child
        yield from _descendants(child)


def _head(page: str, lang: str, title: str | None) -> str:
    """<html lang>, an escaped <title>, and a viewport that lets readers zoom the page."""
    page = page.replace("<html>", f'<html lang="{html.escape(lang)}">', 1)
    page = re.sub(r'<meta name="viewport"[^>]*>',
                  '<meta name="viewport" content="width=device-width, initial-scale=1">', page, count=1)
    if title:
        page = re.sub(r"(<meta http-equiv=\"content-type\"[^>]*>)",
                      lambda m: f"{m.group(1)}\n    <title>{html.escape(title)}</title>", page, count=1)
    return page


_INLINE_STYLE = re.compile(r"<style>(.*?)</style>", re.S)
_HANDLER_ATTRIBUTE = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I)


def _sha256(text: str) -> str:
    return _sha256_pieces([text])


def _tile_origins() -> list[str]:
    """The tile servers of layers/basemaps.py ({s}.host -> *.host)."""
    from layers.basemaps import BASEMAPS

    origins = []
    for url, *_ in BASEMAPS.values():
        if url:
            origin = re.match(r"https://[^/]+", url).group(0).replace("{s}", "*")
            origins.append(origin)
    return sorted(set(origins))


def _splice(text: str, payloads: dict[str, str]) -> list[str]:
    """`text` as pieces, the first occurrence of each placeholder of `payloads` replaced by
    its payload (only `text` is searched, never the tens of MB of a payload put in)."""
    found = sorted((text.find(placeholder), placeholder) for placeholder in payloads if placeholder in text)
    pieces, last = [], 0
    for at, placeholder in found:
        pieces += [text[last:at], payloads[placeholder]]
        last = at + len(placeholder)
    pieces.append(text[last:])
    return pieces


def _sha256_pieces(pieces: list[str]) -> str:
    digest = hashlib.sha256()
    for piece in pieces:
        digest.update(piece.encode("utf-8"))
    return "'sha256-" + base64.b64encode(digest.digest()).decode() + "'"


def content_security_policy(page: str, payloads: dict[str, str] | None = None) -> str:
    """The policy for a finished page: its own inline scripts and styles by hash, nothing
    else; no eval (not needed by Leaflet, folium's output or our JS); images from the page,
    data: URIs and the tile servers.  `payloads` ({placeholder: JS}) are hashed as if
    spliced into `page`, without building that string."""
    inline_scripts, outside, last = [], [], 0
    while (start := page.find("<script>", last)) >= 0 and (end := page.find("</script>", start)) >= 0:
        inline_scripts.append(page[start + len("<script>"):end])
        outside.append(page[last:start])
        last = end + len("</script>")
    outside_scripts = "".join([*outside, page[last:]])
    if "<script " in outside_scripts or "<script\n" in outside_scripts:
        raise ValueError("the page has a <script> with attributes (an external script?); "
                         "the Content-Security-Policy allows only inline scripts, by hash")
    handler = _HANDLER_ATTRIBUTE.search(_INLINE_STYLE.sub("", outside_scripts))
    if handler:
        raise ValueError(f"inline event handler in the page: {handler.group(0)[:80]!r}; "
                         "attach it with addEventListener in layers/static/js")
    scripts = sorted({_sha256_pieces(_splice(text, payloads or {})) for text in inline_scripts})
    styles = sorted({_sha256(text) for text in _INLINE_STYLE.findall(page)})
    return "; ".join([
        "default-src 'none'",
        "script-src " + " ".join(scripts),
        "style-src " + " ".join(styles),
        "img-src 'self' data: " + " ".join(_tile_origins()),
        "base-uri 'none'",
        "form-action 'none'",
        "object-src 'none'",
    ])


def with_content_security_policy(page: str, payloads: dict[str, str] | None = None) -> str:
    """The page with its policy in <head> after the charset, before any script or style: a
    second wall behind the escaping, so a string that slipped through still cannot run.
    `payloads` ({placeholder: JS}) are spliced in."""
    policy = content_security_policy(page, payloads)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{html.escape(policy, quote=False)}">'
    charset = re.search(r"<head>\s*<meta http-equiv=\"content-type\"[^>]*>", page)
    if not charset:
        raise ValueError("the page's <head> does not start with its charset <meta>")
    head = page[:charset.end()] + "\n    " + meta
    return "".join([head, *_splice(page[charset.end():], payloads or {})])
