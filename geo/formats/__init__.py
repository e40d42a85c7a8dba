"""Input formats: one `FormatSpec` per format, in one registry.

A spec says how to recognise a format from its header, which columns it must have, how its
columns map onto the canonical schema, how its codes are recoded, which dataset its rows
belong to and which source (data/sources.toml) credits it. Adding a format is one new module
in this package with its `FormatSpec` at the top level (found here; or `register_format(spec)`
at run time), plus its source's entry in data/sources.toml if it is a new dataset; the CLI's
`--format` choices, the detection, the credits and the summary's labels all come from here.

Headers match without regard to case, surrounding spaces or quotes, and through each spec's
`aliases` (historical column names, e.g. ACLED's `ALLY_ACTOR_1`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from geo.errors import InputError

__all__ = ["FormatSpec", "Header", "FORMATS", "register_format", "format_names", "get_format",
           "detect_format", "looks_like_data", "to_canonical", "check_rows", "join_reasons",
           "datasets"]

import importlib
import pkgutil

from geo.formats._spec import FormatSpec, Header, join_reasons


def _discovered() -> list[FormatSpec]:
    """The specs defined at the top level of this package's public modules, by module name and
    then in definition order; the catch-all native format last (detection: two specific
    formats that both fit are an error naming both, so no other order matters)."""
    specs: dict[int, FormatSpec] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if not info.name.startswith("_"):
            module = importlib.import_module(f"{__name__}.{info.name}")
            specs.update({id(v): v for v in vars(module).values() if isinstance(v, FormatSpec)})
    return sorted(specs.values(), key=lambda spec: spec.name == "native")


FORMATS: list[FormatSpec] = _discovered()


def register_format(spec: FormatSpec) -> None:
    """Add (or replace) a format, ahead of the catch-all native format."""
    FORMATS[:] = [f for f in FORMATS if f.name != spec.name]
    at = next((i for i, f in enumerate(FORMATS) if f.name == "native"), len(FORMATS))
    FORMATS.insert(at, spec)


def format_names() -> tuple[str, ...]:
    return tuple(f.name for f in FORMATS)


def datasets() -> tuple[str, ...]:
    """Every dataset name a row may carry (the formats' own, plus synthetic test data)."""
    names = [f.dataset or f.name for f in FORMATS]
    return tuple(dict.fromkeys([*names, "synthetic"]))


def get_format(name: str) -> FormatSpec:
    for spec in FORMATS:
        if spec.name == name:
            return spec
    raise InputError(f"--format {name!r} is not a format; choose from auto, {', '.join(format_names())}")


def _header(spec: FormatSpec, columns: list[str]) -> Header:
    return spec.header(columns)


def detect_format(columns: list[str], source: str, forced: str = "auto") -> tuple[FormatSpec, Header]:
    """The format whose required columns the header holds; the most specific one wins.

    With `forced`, only check that format's required columns.
    """
    if forced != "auto":
        spec = get_format(forced)
        header = _header(spec, columns)
        _require(spec, header, source)
        return spec, header
    matches = [(spec, _header(spec, columns)) for spec in FORMATS]
    complete = [(s, h) for s, h in matches if set(s.required) <= h.names()]
    specific = [(s, h) for s, h in complete if s.name != "native"]
    if len(specific) > 1:
        names = " or ".join(f"--format {s.name}" for s, _ in specific)
        raise InputError(f"{source}: the header fits {', '.join(s.title for s, _ in specific)}; pass {names}")
    if complete:
        return complete[0]
    share = lambda m: len(set(m[0].required) & m[1].names()) / len(m[0].required)  # noqa: E731
    best = max(matches, key=share)
    if share(best) >= 0.5:
        _require(*best, source)
    shown = ", ".join(columns[:8]) + (", ..." if len(columns) > 8 else "")
    hint = ("the first line looks like data, not a header: add the header row"
            if looks_like_data(columns)
            else "rename the columns to ACLED, UCDP GED or native names (see README, 'Input formats')")
    raise InputError(f"{source}: no recognisable header (first columns: {shown}); {hint}, "
                     f"or pass --format {'|'.join(format_names())}")


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def looks_like_data(columns: list[str]) -> bool:
    """A "header" with two or more numbers in it is a data row (the header is missing)."""
    return sum(_is_number(c) for c in columns) >= 2


def _require(spec: FormatSpec, header: Header, source: str) -> None:
    missing = [c for c in spec.required if c not in header.names()]
    if "latitude" in missing and "longitude" in missing:
        others = [c for c in missing if c not in ("latitude", "longitude")]
        raise InputError(
            f"{source}: latitude and longitude are missing: this {spec.title} table has no "
            "coordinate columns" + (f" (nor {', '.join(others)})" if others else "") +
            "; export the events with their latitude and longitude (ACLED's and UCDP's "
            "exports include them), or rename the coordinate columns to latitude, longitude")
    if missing:
        raise InputError(
            f"{source}: {spec.title} file is missing required column(s) "
            f"{', '.join(missing)}; add or rename them (required: {', '.join(spec.required)}), "
            f"or pass --format {'|'.join(format_names())} if it is another format"
        )


def to_canonical(frame: pd.DataFrame, spec: FormatSpec, header: Header) -> tuple[pd.DataFrame, dict]:
    """Rename/recode a string table of format `spec` to canonical columns (still strings),
    and what the recode counted for the report."""
    from geo.schema import CANONICAL_COLUMNS

    out = pd.DataFrame(index=frame.index)
    for column in CANONICAL_COLUMNS:
        if column in ("source_file", "source_row"):
            continue
        source_column = spec.columns.get(column)
        out[column] = (header.column(frame, source_column, source_column in spec.trimmed)
                       if source_column else "")
    if spec.dataset:
        out["dataset"] = spec.dataset
    else:
        known = datasets()
        out["dataset"] = out["dataset"].where(out["dataset"].isin(known), spec.name)
    report = spec.recode(header, frame, out) if spec.recode else {}
    return out, report


def check_rows(frame: pd.DataFrame, spec: FormatSpec, header: Header) -> np.ndarray:
    """Problems in a format's own coded columns ('' for a good row)."""
    if spec.check is None:
        return np.full(len(frame), "", dtype=object)
    return spec.check(header, frame)
