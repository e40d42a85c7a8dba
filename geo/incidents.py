"""One incident, counted once: match ACLED and UCDP reports of the same event.

When files of both datasets are loaded together, the same attack is usually in both (the
Ogossagou massacre of 23 March 2019 is ACLED MLI2741 and UCDP 281679, 17 km apart). A
candidate pair is one event of each dataset that lies

- within DISTANCE_KM[a] + DISTANCE_KM[b] of each other (geodesic), by each report's
  `geo_precision`, and
- within max(DAYS[a], DAYS[b]) days, by each report's `time_precision`,

with compatible event types (both violent: Battles, Explosions/Remote violence, Violence
against civilians; UCDP codes only fatal organised violence) and compatible actors (the
groups of data/actors.toml, civilians left aside: two reports that both name a group and
share none are not the same incident; an actor in no group, "Unidentified Armed Group",
is compatible with any at a cost).

Precision table (the canonical codes; geo/formats map each source's codes onto them):

| code | ACLED `geo_precision` / UCDP `where_prec`        | radius | ACLED `time_precision` / UCDP `date_prec` | days |
|------|--------------------------------------------------|-------:|-------------------------------------------|-----:|
| 1    | the named place / exact place (1)                | 12.5 km | the day / exact day (1)                  | 1    |
| 2    | near the place / within 25 km or admin-2 (2, 3)  | 25 km  | the week / 2-6 days or a week (2, 3)      | 7    |
| 3    | admin-1 or coarser / admin-1 or coarser (4-7)    | 50 km  | the month / a month or longer (4, 5)      | 31   |

Two place-precise reports may therefore be 25 km apart: the sources' gazetteers disagree
(UCDP's "Ogossogou village" and ACLED's "Ogossagou" are 17 km apart), and UCDP states its
own precision 2 as "within 25 km". A day either way covers night attacks and report dates.

Pairs are matched one to one, greedily by cost (lowest first; ties broken by the two
reports' "dataset:event_id", so the result does not depend on row order):

    cost = distance / tolerance + days / tolerance + type penalty + actor penalty
           + 0.1 * |ln(1 + fatalities_a) - ln(1 + fatalities_b)|

(type penalty: 0 same type, 0.25 Explosions/Remote violence against either other violent
type, 0.5 Battles against Violence against civilians; actor penalty: 0 when a group is
shared, 0.25 when one report names no group). Greedy is not the minimum-cost assignment
when one report's best partner is another's only one; on the real 2012-2020 Mali overlap
such chains are rare (scripts/match_report.py counts them).

Each matched pair is one incident. Its `primary` report stands for it on the map and in
counts: the finer place precision, then the finer date precision, then UCDP before ACLED
(UCDP's coding is reviewed once a year). Its fatalities are the primary's, never a sum.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from geo.actors import ActorGroup, actor_group_mask, load_actor_groups
from geo.crs import geodesic_distance_km

__all__ = ["MATCHED_DATASETS", "DISTANCE_KM", "DAYS", "COUNTS", "PARTNER_COLUMNS", "Incidents", "candidate_pairs",
           "match_incidents", "count_once", "secondary_reports"]

MATCHED_DATASETS = ("ucdp", "acled")  # also the tie-break for the primary report: UCDP first
DISTANCE_KM = {1: 12.5, 2: 25.0, 3: 50.0}
DAYS = {1: 1, 2: 7, 3: 31}
COUNTS = ("incidents", "reports")  # what counts and the map count: --count
_VIOLENT = ("Battles", "Explosions/Remote violence", "Violence against civilians")
_TYPE_PENALTY = np.array([[0.0, 0.25, 0.5],
                          [0.25, 0.0, 0.25],
                          [0.5, 0.25, 0.0]])
_UNKNOWN_ACTOR_PENALTY = 0.25
_FATALITY_WEIGHT = 0.1
_KM_PER_DEGREE_MIN = 88.0  # of longitude below 37.5° N (and of latitude everywhere): grid cells only


@dataclass(frozen=True)
class Incidents:
    """The matching of one set of events (rows by position).

    `pairs`: one row per matched incident: `primary`, `secondary` (row positions),
    `distance_km`, `days`, `cost`. `incident`: each row's incident id,
    "ucdp:281679+acled:MLI2741" (primary first) for matched rows, "" otherwise.
    `secondary`: True for the report that does not stand for its incident.
    """

    pairs: pd.DataFrame
    incident: pd.Series
    secondary: np.ndarray

    def summary(self, events: pd.DataFrame) -> dict:
        """Matched pairs, unmatched reports per dataset, and incidents = pairs + unmatched."""
        matched = np.zeros(len(events), dtype=bool)
        matched[self.pairs["primary"].to_numpy()] = True
        matched[self.pairs["secondary"].to_numpy()] = True
        unmatched = events.loc[~matched, "dataset"].value_counts()
        per_dataset = {str(d): int(unmatched.get(d, 0)) for d in sorted(events["dataset"].unique())}
        return {"reports": int(len(events)), "matched_pairs": int(len(self.pairs)),
                "unmatched": per_dataset,
                "incidents": int(len(self.pairs)) + sum(per_dataset.values()),
                "tolerances": {"distance_km": {str(k): v for k, v in DISTANCE_KM.items()},
                               "days": {str(k): v for k, v in DAYS.items()}}}


def _precision(column: pd.Series) -> np.ndarray:
    """Canonical precision codes as ints 1-3; anything else is treated as the coarsest."""
    codes = pd.to_numeric(column, errors="coerce").fillna(3).astype(int).to_numpy()
    return np.clip(codes, 1, 3)


def _days(column: pd.Series) -> np.ndarray:
    return (column.to_numpy("datetime64[D]").astype("int64"))


def _keys(cells: np.ndarray) -> np.ndarray:
    """(x, y, t) cell indices as one int64 (each within ±2^20: 0.28° cells, days since 1970)."""
    shifted = cells + (1 << 20)
    return (shifted[:, 0] << 42) | (shifted[:, 1] << 21) | shifted[:, 2]


def _grid_pairs(a: pd.DataFrame, b: pd.DataFrame, cell_deg: float, cell_days: int) -> tuple[np.ndarray, np.ndarray]:
    """Positions (into a, into b) of every pair in the same or a neighbouring grid cell.

    Cells are at least the tolerance wide in both space and time, so every pair within it
    is among the neighbours. The smaller side is repeated over the 27 neighbour offsets.
    """
    def cells(frame: pd.DataFrame) -> np.ndarray:
        return np.column_stack([np.floor(frame["longitude"].to_numpy(float) / cell_deg),
                                np.floor(frame["latitude"].to_numpy(float) / cell_deg),
                                np.floor(frame["_day"].to_numpy() / cell_days)]).astype(np.int64)

    swap = len(a) > len(b)
    small, large = (b, a) if swap else (a, b)
    offsets = np.array([(i, j, k) for i in (-1, 0, 1) for j in (-1, 0, 1) for k in (-1, 0, 1)])
    shifted = _keys((cells(small)[None, :, :] + offsets[:, None, :]).reshape(-1, 3))
    large_keys = _keys(cells(large))
    order = np.argsort(large_keys, kind="stable")
    sorted_keys = large_keys[order]
    first, last = np.searchsorted(sorted_keys, shifted, "left"), np.searchsorted(sorted_keys, shifted, "right")
    hits = last - first
    small_pos = np.repeat(np.tile(np.arange(len(small)), len(offsets)), hits)
    starts = np.repeat(first - np.cumsum(hits) + hits, hits)  # each run's start, minus its offset
    large_pos = order[starts + np.arange(hits.sum())]
    return (large_pos, small_pos) if swap else (small_pos, large_pos)


def _group_masks(events: pd.DataFrame, groups: tuple[ActorGroup, ...]) -> np.ndarray:
    """Each event's actor groups as bits, civilians left aside (every massacre names them)."""
    masks = actor_group_mask(events, groups)
    for bit, group in enumerate(groups):
        if group.id == "civilians":
            masks &= ~np.uint32(1 << bit)
    return masks


def candidate_pairs(events: pd.DataFrame, groups: tuple[ActorGroup, ...] | None = None,
                    slack: float = 1.0) -> pd.DataFrame:
    """Every pair of an ACLED and a UCDP report that may be one incident, with its cost.

    Columns: `ucdp`, `acled` (row positions into `events`), `distance_km`, `days`,
    `max_km`, `max_days` (the pair's tolerances), `types_ok`, `actors_ok`, `cost`.
    `slack` widens both tolerances (2.0 lists the near misses for a hand check); a pair is
    a candidate when it is within the tolerances (times 1) and both flags hold.
    Needs the joined columns (`country_iso3`, `region`) for the actor groups' place rules.
    """
    groups = load_actor_groups() if groups is None else groups
    columns = ["event_id", "dataset", "event_date", "latitude", "longitude", "geo_precision",
               "time_precision", "event_type", "fatalities"]
    frame = events[columns].reset_index(drop=True).copy()
    frame["_pos"] = np.arange(len(frame))
    frame["_geo"] = _precision(frame["geo_precision"])
    frame["_time"] = _precision(frame["time_precision"])
    frame["_day"] = _days(frame["event_date"])
    frame["_groups"] = _group_masks(events.reset_index(drop=True), groups)
    sides = {d: frame[frame["dataset"] == d] for d in MATCHED_DATASETS}
    if any(not len(side) for side in sides.values()):
        return _empty_pairs()

    found = []
    for (ug, ut), u in sides["ucdp"].groupby(["_geo", "_time"], sort=True):
        for (ag, at), a in sides["acled"].groupby(["_geo", "_time"], sort=True):
            max_km = DISTANCE_KM[ug] + DISTANCE_KM[ag]
            max_days = max(DAYS[ut], DAYS[at])
            ui, ai = _grid_pairs(u, a, max_km * slack / _KM_PER_DEGREE_MIN, int(np.ceil(max_days * slack)))
            if len(ui):
                found.append(pd.DataFrame({"ucdp": u["_pos"].to_numpy()[ui], "acled": a["_pos"].to_numpy()[ai],
                                           "max_km": max_km, "max_days": max_days}))
    if not found:
        return _empty_pairs()
    pairs = pd.concat(found, ignore_index=True)
    return _measure(frame, pairs, slack)


def _empty_pairs() -> pd.DataFrame:
    return pd.DataFrame({"ucdp": pd.Series(dtype=np.int64), "acled": pd.Series(dtype=np.int64),
                         "distance_km": pd.Series(dtype=float), "days": pd.Series(dtype=np.int64),
                         "max_km": pd.Series(dtype=float), "max_days": pd.Series(dtype=np.int64),
                         "types_ok": pd.Series(dtype=bool), "actors_ok": pd.Series(dtype=bool),
                         "cost": pd.Series(dtype=float)})


def _type_codes(types: pd.Series) -> np.ndarray:
    """Index into _VIOLENT, -1 for a type UCDP never codes."""
    return types.map({t: i for i, t in enumerate(_VIOLENT)}).fillna(-1).to_numpy(np.int64)


def _measure(frame: pd.DataFrame, pairs: pd.DataFrame, slack: float) -> pd.DataFrame:
    """Distance, days, compatibility and cost of each pair; keeps those within slack x tolerance."""
    u, a = frame.iloc[pairs["ucdp"].to_numpy()], frame.iloc[pairs["acled"].to_numpy()]
    pairs["days"] = np.abs(u["_day"].to_numpy() - a["_day"].to_numpy())
    pairs = pairs[pairs["days"] <= pairs["max_days"] * slack].reset_index(drop=True)
    u, a = frame.iloc[pairs["ucdp"].to_numpy()], frame.iloc[pairs["acled"].to_numpy()]
    pairs["distance_km"] = geodesic_distance_km(u["longitude"].to_numpy(float), u["latitude"].to_numpy(float),
                                                a["longitude"].to_numpy(float), a["latitude"].to_numpy(float))
    keep = (pairs["distance_km"] <= pairs["max_km"] * slack).to_numpy()
    pairs, u, a = pairs[keep].reset_index(drop=True), u[keep], a[keep]

    u_type, a_type = _type_codes(u["event_type"]), _type_codes(a["event_type"])
    pairs["types_ok"] = (u_type >= 0) & (a_type >= 0)
    type_penalty = _TYPE_PENALTY[np.maximum(u_type, 0), np.maximum(a_type, 0)]
    ug, ag = u["_groups"].to_numpy(np.uint32), a["_groups"].to_numpy(np.uint32)
    known = (ug != 0) & (ag != 0)
    pairs["actors_ok"] = ~known | ((ug & ag) != 0)
    actor_penalty = np.where(known, 0.0, _UNKNOWN_ACTOR_PENALTY)
    fatal = np.abs(np.log1p(u["fatalities"].fillna(0).to_numpy(float))
                   - np.log1p(a["fatalities"].fillna(0).to_numpy(float)))
    pairs["cost"] = (pairs["distance_km"] / pairs["max_km"] + pairs["days"] / pairs["max_days"]
                     + type_penalty + actor_penalty + _FATALITY_WEIGHT * fatal)
    order = ["ucdp", "acled", "distance_km", "days", "max_km", "max_days", "types_ok", "actors_ok", "cost"]
    return pairs[order]


def _is_candidate(pairs: pd.DataFrame) -> pd.Series:
    return ((pairs["distance_km"] <= pairs["max_km"]) & (pairs["days"] <= pairs["max_days"])
            & pairs["types_ok"] & pairs["actors_ok"])


def _greedy(pairs: pd.DataFrame, keys: np.ndarray) -> pd.DataFrame:
    """One-to-one, lowest cost first; ties by the reports' "dataset:event_id"."""
    ranked = pairs.assign(_u=keys[pairs["ucdp"].to_numpy()], _a=keys[pairs["acled"].to_numpy()],
                          _c=pairs["cost"].round(9))
    ranked = ranked.sort_values(["_c", "_u", "_a"], kind="stable")
    taken_u, taken_a, chosen = set(), set(), []
    for row, ui, ai in zip(ranked.index, ranked["ucdp"].to_numpy(), ranked["acled"].to_numpy(), strict=True):
        if ui not in taken_u and ai not in taken_a:
            taken_u.add(ui)
            taken_a.add(ai)
            chosen.append(row)
    return pairs.loc[chosen]


def match_incidents(events: pd.DataFrame, groups: tuple[ActorGroup, ...] | None = None) -> Incidents:
    """Match ACLED and UCDP reports of the same incident one to one (see the module docstring).

    `events` is a joined frame (rows by position). Events of other datasets, and every event
    when only one dataset is present, stay unmatched.
    """
    candidates = candidate_pairs(events, groups)
    candidates = candidates[_is_candidate(candidates)]
    keys = (events["dataset"].astype(str) + ":" + events["event_id"].astype(str)).to_numpy()
    chosen = _greedy(candidates, keys)

    ui, ai = chosen["ucdp"].to_numpy(), chosen["acled"].to_numpy()
    geo, time = _precision(events["geo_precision"]), _precision(events["time_precision"])
    acled_first = (geo[ai] < geo[ui]) | ((geo[ai] == geo[ui]) & (time[ai] < time[ui]))
    primary, secondary = np.where(acled_first, ai, ui), np.where(acled_first, ui, ai)
    pairs = pd.DataFrame({"primary": primary, "secondary": secondary,
                          "distance_km": chosen["distance_km"].to_numpy(),
                          "days": chosen["days"].to_numpy(), "cost": chosen["cost"].to_numpy()})
    pairs = pairs.sort_values("primary", kind="stable").reset_index(drop=True)

    incident = np.full(len(events), "", dtype=object)
    ids = keys[pairs["primary"].to_numpy()] + "+" + keys[pairs["secondary"].to_numpy()]
    incident[pairs["primary"].to_numpy()] = ids
    incident[pairs["secondary"].to_numpy()] = ids
    is_secondary = np.zeros(len(events), dtype=bool)
    is_secondary[pairs["secondary"].to_numpy()] = True
    return Incidents(pairs, pd.Series(incident, index=events.index, dtype="string"), is_secondary)


# Columns a primary report carries about the other report of its incident, for the popup
# (layers/_payload.py sends them like source columns; each has a label in layers/i18n).
PARTNER_COLUMNS = ("also_reported", "also_date", "also_location", "also_fatalities", "also_actors",
                   "also_source", "also_distance_km")


def _partner_columns(reports: pd.DataFrame, pairs: pd.DataFrame) -> dict[str, pd.Series]:
    """PARTNER_COLUMNS for every row: the secondary report's fields on its primary's row."""
    out = {c: np.full(len(reports), "", dtype=object) for c in PARTNER_COLUMNS}
    primary, secondary = pairs["primary"].to_numpy(), pairs["secondary"].to_numpy()
    other = reports.iloc[secondary]
    text = {c: other[c].astype("string").fillna("").to_numpy(object) if c in other else
            np.full(len(other), "", dtype=object) for c in ("dataset", "event_id", "location", "actor1",
                                                           "actor2", "source")}
    out["also_reported"][primary] = [f"{d.upper()} {i}" for d, i in zip(text["dataset"], text["event_id"], strict=True)]
    out["also_date"][primary] = other["event_date"].dt.strftime("%Y-%m-%d").fillna("").to_numpy(object)
    out["also_location"][primary] = [f"{name} ({lat:.4f}, {lon:.4f})".lstrip() for name, lat, lon in
                                     zip(text["location"], other["latitude"], other["longitude"], strict=True)]
    out["also_fatalities"][primary] = [("" if pd.isna(f) else str(int(f))) for f in other["fatalities"]]
    out["also_actors"][primary] = [" / ".join(a for a in pair if a) for pair in zip(text["actor1"], text["actor2"], strict=True)]
    out["also_source"][primary] = text["source"]
    out["also_distance_km"][primary] = [f"{d:.1f}" for d in pairs["distance_km"]]
    return {c: pd.Series(v, index=reports.index, dtype="string") for c, v in out.items()}


def count_once(events: pd.DataFrame, count: str = "incidents") -> tuple[pd.DataFrame, pd.DataFrame | None, dict | None]:
    """(what to count and draw, every report with its incident, the summary's "incidents").

    With both datasets present, every report gets `incident` (the shared id, "" unmatched)
    and `incident_role` ("primary", "secondary", ""). With `count="incidents"` the first
    frame leaves out the secondary reports and gives each primary the other report's fields
    (PARTNER_COLUMNS), so the map draws one marker and every count counts the incident once;
    with `count="reports"` it holds every report. With one dataset: (events, None, None).
    """
    present = set(events["dataset"].unique()) if len(events) else set()
    if not set(MATCHED_DATASETS) <= present:
        return events, None, None
    found = match_incidents(events)
    role = np.full(len(events), "", dtype=object)
    role[found.pairs["primary"].to_numpy()] = "primary"
    role[found.pairs["secondary"].to_numpy()] = "secondary"
    reports = events.assign(incident=found.incident,
                            incident_role=pd.Series(role, index=events.index, dtype="string"))
    summary = {**found.summary(events), "counted": count}
    if count == "reports":
        return reports, reports, summary
    shown = reports.assign(**_partner_columns(reports, found.pairs))
    return shown[~found.secondary].reset_index(drop=True), reports, summary


def secondary_reports(reports: pd.DataFrame) -> pd.DataFrame:
    """The reports an incident count leaves out (`incident_role` "secondary", from count_once),
    each with PARTNER_COLUMNS naming its primary: what the page needs to count reports on demand
    (its "count reports" switch) and to say, in their popups, who else reported them."""
    if "incident_role" not in reports:
        return reports.iloc[0:0]
    role = reports["incident_role"].fillna("").to_numpy(object)
    incident = reports["incident"].fillna("").to_numpy(object)
    position = {inc: k for k, inc in enumerate(incident) if role[k] == "primary"}
    secondary = np.flatnonzero(role == "secondary")
    primary = np.array([position[incident[k]] for k in secondary], dtype=np.int64)
    a, b = reports.iloc[secondary], reports.iloc[primary]
    distance = geodesic_distance_km(a["longitude"].to_numpy(float), a["latitude"].to_numpy(float),
                                    b["longitude"].to_numpy(float), b["latitude"].to_numpy(float))
    pairs = pd.DataFrame({"primary": secondary, "secondary": primary, "distance_km": distance})
    return reports.assign(**_partner_columns(reports, pairs)).iloc[secondary]
