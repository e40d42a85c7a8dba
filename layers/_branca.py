"""Two changes to branca's Element while a page is built, each undone afterwards: counter ids
instead of random ones (byte-identical HTML), and rendered text kept verbatim (no second Jinja
pass over data)."""

from __future__ import annotations

import contextlib
import itertools
import threading
from collections.abc import Iterator

import branca.element

__all__ = ["stable_ids", "verbatim_rendered_text", "verbatim_element"]


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
_patch_lock = threading.Lock()
_patched_blocks = 0  # open verbatim_rendered_text blocks, in any thread


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
    the block are affected (the patched __init__ checks a thread-local flag), and branca's own
    __init__ is back once the last open block ends."""
    global _patched_blocks
    with _patch_lock:
        if _patched_blocks == 0:
            branca.element.Element.__init__ = _element_init
        _patched_blocks += 1
    before, _verbatim.on = getattr(_verbatim, "on", False), True
    try:
        yield
    finally:
        _verbatim.on = before
        with _patch_lock:
            _patched_blocks -= 1
            if _patched_blocks == 0:  # branca is itself again once no block is open
                branca.element.Element.__init__ = _branca_element_init


def verbatim_element(text: str) -> branca.element.Element:
    """An Element that renders `text` as it is (branca's compiles it as a Jinja template)."""
    with verbatim_rendered_text():
        return branca.element.Element(text)
