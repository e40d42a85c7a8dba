"""Districts (admin-2) and Mali's communes (admin-3): names, P-codes, and the --district filter.

The layers are derived by `make data` (scripts/build_data.py: `districts`, `communes`): Mali's
cercles and Niger's departments (COD-AB), Burkina Faso's provinces (geoBoundaries lines with
COD-AB P-codes), each fitted into its region of the admin-1 layer.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from functools import cache

import numpy as np
import pandas as pd

from geo.boundaries import load_layer
from geo.errors import ConfigError

__all__ = ["fold_name", "district_table", "resolve_districts", "district_label"]

# the words a kind of district is called by in English and French
KIND_WORDS = {"cercle": ("cercle", "cercle"), "department": ("department", "département"),
              "province": ("province", "province")}


def fold_name(text: str) -> str:
    """A name as search and filters compare it: accents dropped, any case, and hyphens,
    apostrophes and spaces ignored ("N'Guigmi" = "nguigmi", "Gourma-Rharous" = "gourma rharous")."""
    ascii_ = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "", ascii_.casefold())


@cache
def district_table() -> pd.DataFrame:
    """name, pcode, kind, region, iso3 of every district, by P-code."""
    frame = load_layer("admin2_districts")
    return (pd.DataFrame(frame[["name", "pcode", "kind", "region", "iso3"]])
            .sort_values("pcode").reset_index(drop=True))


def district_label(name: str, kind: str, region: str, lang: str = "en") -> str:
    """"Bankass cercle, Mopti region" ("cercle de Bankass, région de Mopti" in French)."""
    if not name:
        return ""
    if lang == "fr":
        word = KIND_WORDS.get(kind, (kind, kind))[1]
        return f"{word} de {name}" + (f", région de {region}" if region else "")
    word = KIND_WORDS.get(kind, (kind, kind))[0]
    return f"{name} {word}" + (f", {region} region" if region else "")


def resolve_districts(values: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """P-codes for --district values: a name or a P-code, any case, accents and hyphens
    ignored. A name shared by several districts selects all of them. A value that is neither
    raises ConfigError with the closest names ("did you mean")."""
    table = district_table()
    folded_names = table["name"].map(fold_name).to_numpy()
    folded_codes = table["pcode"].str.casefold().to_numpy()
    chosen: list[str] = []
    for value in values:
        wanted = fold_name(value)
        hit = (folded_names == wanted) | (folded_codes == str(value).strip().casefold())
        if not hit.any():
            by_fold = dict(zip(folded_names, table["name"], strict=True))
            close = difflib.get_close_matches(wanted, list(by_fold), n=3, cutoff=0.6)
            hint = (f"did you mean {', '.join(repr(by_fold[c]) for c in close)}? " if close else "")
            raise ConfigError(
                f"--district {value!r} is not a district (cercle, department or province) of "
                f"Mali, Niger or Burkina Faso; {hint}give a name or P-code of data/layers/"
                "admin2_districts.geojson, e.g. Bankass or ML0502")
        chosen.extend(table["pcode"].to_numpy()[np.flatnonzero(hit)])
    return tuple(dict.fromkeys(chosen))
