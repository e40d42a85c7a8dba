"""The finished page: folium renders it with stable ids and verbatim text, then the head is
fixed, and the payloads and the Content-Security-Policy go in."""

from __future__ import annotations

import html
import re
from pathlib import Path

import folium

from layers._branca import stable_ids, verbatim_element, verbatim_rendered_text
from layers._bundle import asset_header
from layers._csp import with_content_security_policy

__all__ = ["OfflineMap", "render_html"]


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
