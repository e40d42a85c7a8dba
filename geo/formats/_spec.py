"""The shape of an input-format spec, and the header matching every spec uses."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

__all__ = ["FormatSpec", "Header", "join_reasons"]

# What a recode returns: counts for the per-file report, e.g. {"mapped_types": {...}}.
Recode = Callable[["Header", pd.DataFrame, pd.DataFrame], dict]
Check = Callable[["Header", pd.DataFrame], np.ndarray]


@dataclass(frozen=True)
class FormatSpec:
    """Everything about one input format. Column names are lower case."""

    name: str                    # the --format value, e.g. "acled"
    title: str                   # for people, e.g. "ACLED"
    required: tuple[str, ...]    # columns the header must hold
    columns: dict[str, str]      # canonical column -> this format's column
    dataset: str                 # the `dataset` of its rows ("" = take the file's own column)
    source: str                  # its id in data/sources.toml: the credit of maps made from it
    aliases: dict[str, str] = field(default_factory=dict)  # historical name -> current name
    trimmed: frozenset[str] = frozenset()  # coded columns whose spaces are trimmed
    recode: Recode | None = None  # adjusts the canonical table from the raw one
    check: Check | None = None    # reasons to reject rows, named in the format's own terms
    era: Callable[[Header], str] | None = None  # "pre-2019 taxonomy", "49 columns", ...
    # required column -> a column that may stand in for it (the recode fills it from that one),
    # e.g. UCDP's web download has `dyad_name` ("Government of Mali - JNIM") for side_a/side_b
    stand_ins: dict[str, str] = field(default_factory=dict)

    def header(self, columns: list[str]) -> Header:
        return Header(columns, self.aliases, self.stand_ins)


class Header:
    """A file's header, matched to a format without regard to case and through aliases.

    The raw table keeps its original column names (they go to the rejects file unchanged);
    `column(frame, name)` finds a format's column by its current name.
    """

    def __init__(self, columns: list[str], aliases: dict[str, str] | None = None,
                 stand_ins: dict[str, str] | None = None):
        self.original = list(columns)
        self.stand_ins = stand_ins or {}
        self.by_name: dict[str, str] = {}
        for column in columns:
            key = column.strip().strip('"').strip().casefold()
            key = (aliases or {}).get(key, key)
            self.by_name.setdefault(key, column)

    def __contains__(self, name: str) -> bool:
        return name in self.by_name

    def names(self) -> set[str]:
        """The format's column names this header holds, or has a stand-in for."""
        return set(self.by_name) | {k for k, v in self.stand_ins.items() if v in self.by_name}

    def column(self, frame: pd.DataFrame, name: str, trim: bool = False) -> pd.Series:
        """The named column as strings ('' where absent)."""
        original = self.by_name.get(name)
        if original is None:
            return pd.Series("", index=frame.index, dtype="str")
        return frame[original].str.strip() if trim else frame[original]


def join_reasons(reasons: np.ndarray, mask, text) -> None:
    """Append `text` (a string or an array aligned with the rows) to the masked rows' reasons."""
    mask = np.asarray(mask, dtype=bool)
    chosen = text[mask] if isinstance(text, np.ndarray) else text
    reasons[mask] = np.where(reasons[mask] == "", chosen, reasons[mask] + "; " + chosen)


def fill_country_from_codes(header: Header, raw: pd.DataFrame, out: pd.DataFrame,
                            columns: dict[str, str]) -> int:
    """Fill an empty `country` from code columns ({column: "iso_numeric" | "gwno"}); older
    files may name the country only by code. Returns how many rows were filled."""
    from geo.countries import COUNTRY_NAMES, iso3_from_gwno, iso3_from_iso_numeric

    lookups = {"iso_numeric": iso3_from_iso_numeric, "gwno": iso3_from_gwno}
    filled = 0
    for column, kind in columns.items():
        empty = (out["country"].str.strip() == "").to_numpy()
        if column not in header or not empty.any():
            continue
        iso3 = lookups[kind](header.column(raw, column, trim=True)[empty].tolist())
        names = np.array([COUNTRY_NAMES.get(code, "") for code in iso3], dtype=object)
        out.loc[empty, "country"] = names
        filled += int((names != "").sum())
    return filled
