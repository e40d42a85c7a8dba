"""Interface strings in one catalogue per language (layers/i18n/<lang>.toml).

`t(lang, key, **fmt)` gives a string; a key missing from a language is an error (KeyError),
never a silent fallback to English: tests check every catalogue has the English keys.
Data (place names, actors, event notes) never goes through here, nor do credits and source
notes: they are data/sources.toml's, by source id and language (geo/sources.py).
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path

__all__ = ["CATALOGUE_DIR", "DEFAULT_LANG", "languages", "catalogue", "t", "translations", "month_abbr", "format_date",
           "format_int", "format_number", "title_for"]

CATALOGUE_DIR = Path(__file__).resolve().parent / "i18n"
DEFAULT_LANG = "en"


def languages() -> tuple[str, ...]:
    """The languages with a catalogue, English first."""
    found = sorted(p.stem for p in CATALOGUE_DIR.glob("*.toml"))
    return (DEFAULT_LANG, *[lang for lang in found if lang != DEFAULT_LANG])


def _flatten(table: dict, prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, name + "."))
        elif isinstance(value, str):
            flat[name] = value
        else:
            raise ValueError(f"layers/i18n: {name} is {type(value).__name__}; every value must be a string")
    return flat


@cache
def catalogue(lang: str = DEFAULT_LANG) -> dict[str, str]:
    """Every key -> string of a language, flattened ("layer.countries")."""
    path = CATALOGUE_DIR / f"{lang}.toml"
    if not path.is_file():
        raise KeyError(f"no catalogue for language {lang!r}; choose from {', '.join(languages())}")
    with path.open("rb") as handle:
        return _flatten(tomllib.load(handle))


def t(lang: str, key: str, **fmt) -> str:
    """The string `key` in `lang`, with {placeholders} filled from `fmt`."""
    text = catalogue(lang)[key]
    return text.format(**fmt) if fmt else text


@cache
def _patterns(lang: str) -> list[tuple[str, re.Pattern]]:
    """(key, regex of its text with each {placeholder} a group), the layer and map names first."""
    out = []
    for key, text in sorted(catalogue(lang).items(), key=lambda kv: not kv[0].startswith(("layer.", "zone.", "basemap."))):
        names = re.findall(r"\{(\w+)\}", text)
        if len(names) != len(set(names)):
            continue
        out.append((key, re.compile(re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>.+)", re.escape(text)))))
    return out


def translations(text: str, lang: str) -> dict[str, str]:
    """An interface string of `lang` (placeholders filled) in every language, found by its
    catalogue entry; a text no entry gives stays as it is (data: a file's name)."""
    for key, pattern in _patterns(lang):
        found = pattern.fullmatch(text)
        if found:
            return {other: t(other, key, **found.groupdict()) for other in languages()}
    return {other: text for other in languages()}


def month_abbr(lang: str, month: int) -> str:
    return t(lang, f"month.{month}")


def format_date(lang: str, day) -> str:
    """`22 Feb 2019` / `22 févr. 2019`."""
    return f"{day.day:02d} {month_abbr(lang, day.month)} {day.year}"


def format_number(lang: str, x: float, decimals: int | None = 0) -> str:
    """Every number Python writes into a page or figure, in the language's format (the
    catalogue's page.number_format): 1,234.5 in English, 1 234,5 in French
    (narrow no-break space). `decimals`: fixed places, or None for as few as the value needs
    (100, 12.5, 0.25)."""
    text = f"{x:,.{decimals}f}" if decimals is not None else f"{x:,.6f}".rstrip("0").rstrip(".")
    if not text.strip("-0,."):
        text = text.lstrip("-")  # no "-0.00" for a value that rounds to zero
    sample = t(lang, "page.number_format")  # "1,234.5": its separators are the 2nd and 6th characters
    group, mark = sample[1], sample[5]
    return text.translate(str.maketrans({",": group, ".": mark}))


def format_int(lang: str, n: float) -> str:
    """1,596 in English, 1 596 in French: format_number with no decimals."""
    return format_number(lang, n)


def title_for(lang: str, countries) -> str:
    """The page's title for events in `countries` (ISO3 codes): the Mali title when Mali is
    among them or there are none; else "Political violence in Burkina Faso and Niger" (up to
    three countries the catalogue names), else "... in the Sahel"."""
    present = sorted({c for c in countries if isinstance(c, str) and c})
    if not present or "MLI" in present:
        return t(lang, "page.title")
    names = catalogue(lang)
    if len(present) > 3 or any(f"country_in.{c}" not in names or f"country.{c}" not in names for c in present):
        return t(lang, "page.title_sahel")
    places = [names[f"country_in.{c}"] for c in sorted(present, key=lambda c: names[f"country.{c}"])]
    joined = places[0] if len(places) == 1 else t(lang, "page.list_and", rest=", ".join(places[:-1]), last=places[-1])
    return t(lang, "page.title_in", places=joined)
