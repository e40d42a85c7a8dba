"""ACLED exports: the export tool's CSV, older UPPER-CASE files, HDX country files, XLSX, API JSON.

Pre-2019 event types are mapped to today's six by ACLED's own crosswalk (ACLED, "Event type
changes", 2019 methodology update; see tests/data/real/SOURCES.md). The original type is kept
in `source_event_type`. `Riots/Protests` splits on the actors' interaction codes: Riots when
`inter1` or `inter2` is 5 (rioters; the police are often actor 1), else Protests when either is
6 (protesters); with no code, the actor's name decides; a row nothing settles is kept as
Protests and counted in the report.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from geo.formats._spec import FormatSpec, Header, fill_country_from_codes

__all__ = ["SPEC", "OLD_EVENT_TYPES"]

COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)
# old type -> (current type, sub-event type it implies, or "")
OLD_EVENT_TYPES = {
    "battle-no change of territory": ("Battles", "Armed clash"),
    "battle-government regains territory": ("Battles", "Government regains territory"),
    "battle-non-state actor overtakes territory": ("Battles", "Non-state actor overtakes territory"),
    "remote violence": ("Explosions/Remote violence", ""),
    "riots/protests": ("", ""),  # split below
    "strategic development": ("Strategic developments", ""),
    "non-violent transfer of territory": ("Strategic developments", "Non-violent transfer of territory"),
    "headquarters or base established": ("Strategic developments", "Headquarters or base established"),
}
_RIOTERS, _PROTESTERS = ("5", "rioters"), ("6", "protesters")


def _riot_or_protest(header: Header, raw: pd.DataFrame, rows: np.ndarray) -> tuple[np.ndarray, int]:
    """Riots or Protests for the Riots/Protests rows, and how many rows nothing settled."""
    codes = [header.column(raw, c, trim=True)[rows].str.casefold().to_numpy(dtype=object)
             for c in ("inter1", "inter2")]
    rioters = np.isin(codes[0], _RIOTERS) | np.isin(codes[1], _RIOTERS)
    protesters = np.isin(codes[0], _PROTESTERS) | np.isin(codes[1], _PROTESTERS)
    actor = header.column(raw, "actor1")[rows].str.casefold().to_numpy(dtype=str)
    rioters |= ~protesters & np.char.startswith(actor, "rioters")
    protesters |= np.char.startswith(actor, "protesters")
    decided = np.where(rioters, "Riots", "Protests").astype(object)
    return decided, int((~rioters & ~protesters).sum())


def _recode(header: Header, raw: pd.DataFrame, out: pd.DataFrame) -> dict:
    report: dict = {}
    filled = fill_country_from_codes(header, raw, out, {"iso": "iso_numeric", "gwno": "gwno"})
    if filled:
        report["country_from_code"] = filled
    codes, distinct = pd.factorize(out["event_type"], use_na_sentinel=False)  # a handful
    is_old = pd.Series(distinct).str.casefold().isin(list(OLD_EVENT_TYPES)).to_numpy()[codes]
    if not is_old.any():
        return report
    old = out.loc[is_old, "event_type"].str.casefold()
    kind = old.map(lambda t: OLD_EVENT_TYPES[t][0]).to_numpy(dtype=object)
    sub = old.map(lambda t: OLD_EVENT_TYPES[t][1]).to_numpy(dtype=object)
    split = old.to_numpy(dtype=object) == "riots/protests"
    if split.any():
        rows = is_old.copy()
        rows[is_old] = split
        kind[split], unsettled = _riot_or_protest(header, raw, rows)
        if unsettled:
            report["riots_protests_unsettled"] = unsettled
    given_sub = out.loc[is_old, "sub_event_type"].to_numpy(dtype=object)
    out.loc[is_old, "sub_event_type"] = np.where(given_sub == "", sub, given_sub)
    out.loc[is_old, "event_type"] = kind
    pairs = pd.Series(out.loc[is_old, "source_event_type"].str.strip() + " -> " + kind)
    report["mapped_types"] = {str(k): int(v) for k, v in sorted(pairs.value_counts().items())}
    return report


def _era(header: Header) -> str:
    if "gwno" in header and "iso" not in header:
        return "ACLED, 2016-era columns (GWNO)"
    if "disorder_type" in header:
        return "ACLED, 2020s export"
    if "sub_event_type" in header:
        return "ACLED, 2019 taxonomy"
    return "ACLED, pre-2019 layout"


SPEC = FormatSpec(
    name="acled",
    title="ACLED",
    required=("event_id_cnty", "event_date", "event_type", "latitude", "longitude", "fatalities"),
    columns={
        "event_id": "event_id_cnty", "event_date": "event_date", "time_precision": "time_precision",
        "event_type": "event_type", "sub_event_type": "sub_event_type", "actor1": "actor1",
        "actor2": "actor2", "fatalities": "fatalities", "latitude": "latitude",
        "longitude": "longitude", "geo_precision": "geo_precision", "location": "location",
        "admin1": "admin1", "admin2": "admin2", "country": "country", "source": "source", "notes": "notes",
        "source_event_type": "event_type",
    },
    dataset="acled",
    source="acled",  # data/sources.toml: its credit in every language
    aliases={"ally_actor_1": "assoc_actor_1", "ally_actor_2": "assoc_actor_2"},
    trimmed=frozenset({"event_id_cnty", "event_date", "event_type", "time_precision",
                       "geo_precision", "latitude", "longitude", "fatalities", "admin1"}),
    recode=_recode,
    era=_era,
)
