"""The page's Content-Security-Policy: its own inline scripts and styles by hash, nothing else;
and the splice of the event payloads into their placeholders (hashed piece by piece)."""

from __future__ import annotations

import base64
import hashlib
import html
import re

__all__ = ["content_security_policy", "with_content_security_policy"]

_INLINE_STYLE = re.compile(r"<style>(.*?)</style>", re.S)
_HANDLER_ATTRIBUTE = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I)


def _sha256(text: str) -> str:
    return _sha256_pieces([text])


def _tile_origins() -> list[str]:
    """The tile servers of data/sources.toml ({s}.host -> *.host)."""
    from geo.sources import tile_sources

    urls = [source.tile_url() for source in tile_sources().values()]
    return sorted({re.match(r"https://[^/]+", url).group(0).replace("{s}", "*") for url in urls})


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
