"""The sources the tool draws on, as data: `data/sources.toml`, one entry per dataset, boundary
layer or tile provider, with its credit in every language, its licence and URL.

Formats, shipped event files, boundary layers and overlays name source ids; credits and notes
are looked up here by id and language (never by their English text). Tile providers take their
URL, zoom limit and English credit from xyzservices.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache

from geo.errors import ConfigError
from geo.paths import DATA_DIR

__all__ = ["SOURCES_FILE", "Source", "sources", "get_source", "register_source", "tile_sources"]

SOURCES_FILE = DATA_DIR / "sources.toml"
_KINDS = ("events", "boundaries", "places", "context", "tiles")
_TEXTS = ("credit", "short", "notes", "name")  # the keys that hold one value per language
_PLAIN = ("kind", "title", "licence", "url", "citation", "xyzservices")


@dataclass(frozen=True)
class Source:
    id: str
    kind: str
    title: str = ""
    licence: str = ""
    url: str = ""
    citation: str = ""
    xyzservices: str = ""
    texts: dict[str, dict] = field(default_factory=dict)  # key -> {lang: text (notes: a list)}

    def credit(self, lang: str) -> str:
        """The attribution line in `lang`; a tile provider's English one comes from xyzservices."""
        if self.xyzservices and lang not in self.texts.get("credit", {}):
            return _provider(self.xyzservices).html_attribution
        return self._text("credit", lang)

    def short(self, lang: str) -> str:
        """The figure's one-line credit."""
        return self._text("short", lang)

    def notes(self, lang: str) -> tuple[str, ...]:
        return tuple(self.texts.get("notes", {}).get(lang, ()))

    def name(self, lang: str) -> str:
        """A shipped event file's short name (the overlay adds its countries and years)."""
        return self._text("name", lang)

    def tile_url(self) -> str:
        """The provider's URL template, Leaflet style ({s}, {z}, {x}, {y}, {r})."""
        provider = _provider(self.xyzservices)
        url = provider["url"]
        if provider.requires_token():  # no key of ours: ask without one (CARTO, xyzservices 2026.9)
            url = re.sub(r"[?&][^?&=]+=\{apikey\}", "", url)
        fields = {k: v for k, v in provider.items() if isinstance(v, str)}
        return url.format_map(_KeepPlaceholders(fields))

    def max_zoom(self) -> int:
        return int(_provider(self.xyzservices).get("max_zoom", 18))

    def _text(self, key: str, lang: str) -> str:
        try:
            return self.texts[key][lang]
        except KeyError:
            raise KeyError(f"{SOURCES_FILE}: [{self.id}] has no {key}.{lang}") from None


class _KeepPlaceholders(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"  # Leaflet fills {s}, {z}, {x}, {y} and {r}


@cache  # a query walks xyzservices' whole catalogue: 20 ms each, 15 per map
def _provider(name: str):
    import xyzservices.providers as xyz

    return xyz.query_name(name)


@cache
def sources() -> dict[str, Source]:
    """Every source, in the file's order (the order of the credits after the event sources)."""
    with SOURCES_FILE.open("rb") as handle:
        table = tomllib.load(handle)
    return {source_id: _entry(source_id, entry) for source_id, entry in table.items()}


def _entry(source_id: str, entry: dict) -> Source:
    where = f"{SOURCES_FILE}: [{source_id}]"
    unknown = sorted(set(entry) - set(_TEXTS) - set(_PLAIN))
    if unknown:
        raise ConfigError(f"{where} has unknown key(s) {', '.join(unknown)}; "
                          f"the keys are {', '.join(_PLAIN + _TEXTS)}")
    if entry.get("kind") not in _KINDS:
        raise ConfigError(f"{where} kind {entry.get('kind')!r}; use one of {', '.join(_KINDS)}")
    if entry["kind"] == "tiles" and not entry.get("xyzservices"):
        raise ConfigError(f"{where} is a tile provider without an xyzservices name")
    if entry["kind"] != "tiles" and "credit" not in entry:
        raise ConfigError(f"{where} has no credit; add credit.en (and one per language)")
    texts = {key: dict(entry[key]) for key in _TEXTS if key in entry}
    return Source(source_id, texts=texts, **{k: entry[k] for k in _PLAIN if k in entry})


def get_source(source_id: str) -> Source:
    try:
        return sources()[source_id]
    except KeyError:
        raise ConfigError(f"no source {source_id!r} in {SOURCES_FILE}; add an entry "
                          f"[{source_id}] with its kind and credit") from None


def register_source(source_id: str, entry: dict) -> Source:
    """Add (or replace) a source at run time, as a data/sources.toml entry would."""
    source = _entry(source_id, entry)
    sources()[source_id] = source
    return source


def tile_sources() -> dict[str, Source]:
    """The tile providers, by id (the --basemap choices besides "none")."""
    return {s.id: s for s in sources().values() if s.kind == "tiles"}
