"""Actor groups from data/actors.toml: what `--actor` selects, and each event's groups for the page.

A user's value selects either a group (by id, name or alias) or one exact actor name, in any
case (ACLED's "MNLA: National Movement ..." also answers to "MNLA"). Never a substring:
"IS" is UCDP's actor "IS", not every name containing "is".
Groups list the exact names ACLED and UCDP use, plus anchored patterns for ACLED's naming
schemes ("Military Forces of Mali (*"); see the file's header for where the names come from.
Some names belong to a group only in some places (`only_in`): UCDP has one "IS" actor for the
whole Islamic State, so "IS" is Islamic State Sahel in Mali, Burkina Faso and western Niger,
IS West Africa in Diffa; AQIM counts for JNIM in the Sahel, not in northern Algeria. Those
rules need the joined columns `country_iso3` and `region`, so a group is a set of events,
computed by `actor_group_mask`, not only a set of names.
"""

from __future__ import annotations

import difflib
import fnmatch
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

import numpy as np
import pandas as pd

from geo._factorize import factorize
from geo.errors import ConfigError
from geo.paths import DATA_DIR

__all__ = [
    "ACTORS_TOML",
    "MAX_GROUPS",
    "ActorGroup",
    "ActorSelection",
    "load_actor_groups",
    "resolve_actor",
    "actor_group_mask",
    "actor_counts",
]

ACTORS_TOML = DATA_DIR / "actors.toml"
MAX_GROUPS = 32  # the page keeps each event's groups as one 32-bit mask
_KEYS = {"id", "name", "name_fr", "aliases", "members", "match", "only_in", "dominance"}
ALLY = "ally"  # dominance: counts for the state forces of the country where the event is


def _fold(text: str) -> str:
    return " ".join(str(text).split()).casefold()


# ACLED dates its actor names: "MINUSMA: ... in Mali (2013-2020)", "(2020-2021)", "(2021-)";
# older files drop the period. A member matches each of these variants of its name.
_PERIOD = re.compile(r" \((?:19|20)\d{2}-(?:(?:19|20)\d{2})?\)$")


def _unperiod(folded: str) -> str:
    return _PERIOD.sub("", folded)


@dataclass(frozen=True)
class PlaceRule:
    """`members` belong to the group only for events in `places`: "MLI" or "NER:Tillabéri"."""

    members: tuple[str, ...]
    places: tuple[str, ...]

    def rows(self, named: np.ndarray, places: tuple[np.ndarray, list[str]] | None) -> np.ndarray:
        """Rows whose actor is a member (`named`) and whose joined place is listed.

        `places` is (a code per row, "ISO3:Region" per code) from _places; None when not joined.
        """
        if places is None:
            return np.zeros(len(named), dtype=bool)  # not joined: no place to check
        codes, labels = places
        listed = set(self.places)
        table = np.array([lab in listed or lab.split(":", 1)[0] in listed for lab in labels] + [False])
        return named & table[codes]


def _places(frame: pd.DataFrame) -> tuple[np.ndarray, list[str]] | None:
    """Each row's "ISO3:Region" as a code into a short list (regions are few, rows many)."""
    if "country_iso3" not in frame:
        return None
    region = frame["region"] if "region" in frame else pd.Series("", index=frame.index)
    country_codes, countries = factorize(frame["country_iso3"].fillna(""))
    region_codes, regions = factorize(region.fillna(""))
    codes = country_codes.astype(np.int64) * len(regions) + region_codes  # -1 only if NaN: none
    return codes, [f"{iso3}:{name}" for iso3 in countries for name in regions]


@dataclass(frozen=True)
class ActorGroup:
    """One group: `id`, display `name`, `aliases` users type, exact `members`, `match`
    patterns, and `only_in` rules for names that belong to it only in some places."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    members: tuple[str, ...] = ()
    match: tuple[str, ...] = ()
    only_in: tuple[PlaceRule, ...] = ()
    # the side this group's events count for in "who dominates where" (geo/dominance.py): a
    # group id whose own side it is, ALLY, or "" (not a competing group)
    dominance: str = ""
    name_fr: str = ""  # the name on French pages; "" = `name`

    def label(self, lang: str) -> str:
        """The group's name in a page's language (`name_fr` in French, when given)."""
        return self.name_fr if lang == "fr" and self.name_fr else self.name

    @cached_property
    def _folded(self) -> tuple[frozenset[str], re.Pattern | None]:
        patterns = "|".join(fnmatch.translate(_fold(p)) for p in self.match)
        return frozenset(_fold(m) for m in self.members), re.compile(patterns) if patterns else None

    @cached_property
    def _undated(self) -> frozenset[str]:
        return frozenset(_unperiod(_fold(m)) for m in self.members)

    def contains(self, actor: str) -> bool:
        """Whether the exact actor name (any case) is a member everywhere, or a member with
        another of ACLED's periods ("(2013-2020)", "(2021-)", none), or matches a pattern
        whole. Names of `only_in` rules are not: they need the event's place (actor_group_mask)."""
        folded = _fold(actor)
        members, pattern = self._folded
        return (folded in members or _unperiod(folded) in self._undated
                or bool(pattern and pattern.match(folded)))

    def may_contain(self, actor: str) -> bool:
        """`contains`, or named by an `only_in` rule (a member in some places)."""
        folded = _fold(actor)
        return self.contains(actor) or any(folded == _fold(m) for r in self.only_in for m in r.members)

    def keys(self) -> tuple[str, ...]:
        """Folded texts that select this group: id, name, aliases."""
        return tuple(dict.fromkeys(_fold(k) for k in (self.id, self.name, *self.aliases)))


class _Bad(Exception):
    """One problem of one group; load_actor_groups collects them all."""


def _strings(where: str, value, key: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _Bad(f"{where}: `{key}` must be a list of non-empty strings, got {value!r}")
    return tuple(v.strip() for v in value)


def _place_rules(where: str, value) -> tuple[PlaceRule, ...]:
    from geo.boundaries import load_layer
    from geo.countries import COUNTRY_NAMES

    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise _Bad(f"{where}: `only_in` must be [[group.only_in]] tables")
    rules = []
    for number, table in enumerate(value, start=1):
        here = f"{where}, only_in {number}"
        if set(table) != {"members", "places"}:
            raise _Bad(f"{here}: needs exactly `members` and `places`, "
                       f"got {', '.join(sorted(table)) or 'nothing'}")
        rule = PlaceRule(_strings(here, table["members"], "members"),
                         _strings(here, table["places"], "places"))
        admin1 = load_layer("admin1_regions")
        regions = set(admin1["iso3"] + ":" + admin1["name"])
        for place in rule.places:
            if place not in COUNTRY_NAMES and place not in regions:
                close = difflib.get_close_matches(place, [*COUNTRY_NAMES, *sorted(regions)], n=3)
                hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
                raise _Bad(f"{here}: place {place!r} is neither an ISO3 code we map nor "
                           f"'ISO3:Region' of the admin-1 layer{hint}")
        rules.append(rule)
    return tuple(rules)


def _side(where: str, value) -> str:
    if not isinstance(value, str) or not re.fullmatch(r"[a-z0-9_]*", value):
        raise _Bad(f"{where}: `dominance` must be a group id or {ALLY!r}, got {value!r}")
    return value


def _side_problems(groups: list[ActorGroup]) -> list[str]:
    """A side must be the id of a group that is its own side (it names the side)."""
    own = {g.id for g in groups if g.dominance == g.id}
    return [f"group {g.id!r}: dominance {g.dominance!r} is not a group whose own dominance is "
            f"itself; use one of {', '.join(sorted(own))} or {ALLY!r}"
            for g in groups if g.dominance and g.dominance != ALLY and g.dominance not in own]


def _name_fr(where: str, value) -> str:
    if not isinstance(value, str):
        raise _Bad(f"{where}: `name_fr` must be a string, got {value!r}")
    return value.strip()


def _group(table: dict, where: str) -> ActorGroup:
    unknown = sorted(set(table) - _KEYS)
    if unknown:
        raise _Bad(f"{where}: unknown key(s) {', '.join(unknown)}; use {', '.join(sorted(_KEYS))}")
    gid, name = table.get("id"), table.get("name")
    if not isinstance(gid, str) or not re.fullmatch(r"[a-z0-9_]+", gid):
        raise _Bad(f"{where}: `id` must be a-z, 0-9 and _, got {gid!r}")
    if not isinstance(name, str) or not name.strip():
        raise _Bad(f"{where}: `name` must be a non-empty string")
    group = ActorGroup(gid, name.strip(), _strings(where, table.get("aliases", []), "aliases"),
                       _strings(where, table.get("members", []), "members"),
                       _strings(where, table.get("match", []), "match"),
                       _place_rules(where, table.get("only_in", [])),
                       dominance=_side(where, table.get("dominance", "")),
                       name_fr=_name_fr(where, table.get("name_fr", "")))
    if not group.members and not group.match and not group.only_in:
        raise _Bad(f"{where}: lists no `members`, `match` patterns or `only_in` rules")
    for pattern in group.match:
        if "*" not in pattern:
            raise _Bad(f"{where}: match {pattern!r} has no '*'; put an exact name in `members`")
    return group


@cache
def load_actor_groups(path: Path = ACTORS_TOML) -> tuple[ActorGroup, ...]:
    """Read and check actors.toml; the order of the file is the order of the groups (bit i).

    Every problem is collected, then one ConfigError names the file and, for each problem,
    the group (number and id) and the fix.
    """
    try:
        raw = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read actor groups: {exc}") from None
    tables = raw.get("group")
    if not isinstance(tables, list) or not tables:
        raise ConfigError(f"{path}: no [[group]] tables; each group needs id, name and members")
    problems = [f"{len(tables)} groups; at most {MAX_GROUPS} fit the page's mask"] if (
        len(tables) > MAX_GROUPS) else []
    groups: list[ActorGroup] = []
    owner: dict[str, str] = {}  # folded id/name/alias -> group id
    for number, table in enumerate(tables, start=1):
        where = f"group {number} ({table.get('id', 'no id')!r})"
        try:
            group = _group(table, where)
        except _Bad as exc:
            problems.append(str(exc))
            continue
        for key in group.keys():
            if owner.get(key, group.id) != group.id:
                problems.append(f"{where}: {key!r} already names group {owner[key]!r}; "
                                "each id, name and alias must select one group")
            owner.setdefault(key, group.id)
        groups.append(group)
    problems += _side_problems(groups)
    if problems:
        raise ConfigError(f"{path}: " + "; ".join(problems))
    return tuple(groups)


@dataclass(frozen=True)
class ActorSelection:
    """What an `--actor` value selected: a group (or None for one exact name) and the names."""

    value: str
    group: ActorGroup | None
    names: frozenset[str]  # exact actor names present in the data (of a group: that may belong)

    def rows(self, frame: pd.DataFrame) -> np.ndarray:
        """The events selected: the group's (with its place rules), or those naming the actor."""
        if self.group is not None:
            return actor_group_mask(frame, (self.group,)) != 0
        names = list(self.names)
        hit = np.zeros(len(frame), dtype=bool)
        for values in actor_columns(frame).values():
            hit |= values.isin(names).to_numpy()
        return hit

    def describe(self) -> str:
        """How the value was read: a group's id and name, or one exact actor name."""
        return (f"group {self.group.id}: {self.group.name}" if self.group
                else f"actor {', '.join(sorted(self.names))}")


def _names_of(group: ActorGroup, actors: Iterable[str]) -> frozenset[str]:
    return frozenset(a for a in actors if group.may_contain(a))


def resolve_actor(value: str, actors: Iterable[str],
                  groups: tuple[ActorGroup, ...] | None = None) -> ActorSelection:
    """Resolve a user's `--actor` value against the actor names in the data (`actors`).

    A group's id, name or alias wins; otherwise the value must equal an actor name in the data
    (any case, spaces collapsed), or the abbreviation before the colon of ACLED's "ABBR: Full
    name" names ("MINUSMA"). Anything else raises ConfigError with the closest groups and
    actors ("did you mean").
    """
    groups = load_actor_groups() if groups is None else groups
    present = {str(a) for a in actors if isinstance(a, str) and a}
    wanted = _fold(value)
    for group in groups:
        if wanted in group.keys():
            return ActorSelection(value, group, _names_of(group, present))
    exact = frozenset(a for a in present if _fold(a) == wanted)
    if not exact:  # ACLED writes "MNLA: National Movement for ...": its own short name is "MNLA"
        exact = frozenset(a for a in present if ":" in a and _fold(a.split(":", 1)[0]) == wanted)
    if exact:
        return ActorSelection(value, None, exact)
    choices = {_fold(key): key for g in groups for key in (g.id, *g.aliases)}
    choices.update({_fold(a): a for a in present})
    close = difflib.get_close_matches(wanted, list(choices), n=5, cutoff=0.6)
    hint = (f"did you mean {', '.join(repr(choices[c]) for c in close)}? " if close else "")
    raise ConfigError(f"--actor {value!r} is neither an actor group nor an actor name in the "
                      f"data; {hint}--list-actors shows the groups and the names (names must "
                      "match whole, not a part)")


def _masks(names: pd.Index, groups: tuple[ActorGroup, ...]) -> np.ndarray:
    masks = np.zeros(len(names), dtype=np.uint32)
    for bit, group in enumerate(groups):
        hit = np.fromiter((group.contains(n) for n in names), dtype=bool, count=len(names))
        masks[hit] |= np.uint32(1) << np.uint32(bit)
    return masks


_MORE_SPLIT = r"; (?![^\[]*\])"  # "A; B [x; y]": split at "; " outside brackets


def actor_columns(frame: pd.DataFrame) -> dict[str, pd.Series]:
    """Every actor of each event: actor1, actor2, and the further actors of a merged ACLED
    monadic event (`more_actors`, "A; B [associated actors]"), one series per position."""
    out = {c: frame[c] for c in ("actor1", "actor2") if c in frame}
    if "more_actors" in frame:
        more = frame["more_actors"].astype("string").fillna("")
        if (more != "").any():
            parts = more.str.split(_MORE_SPLIT, regex=True)
            for k in range(int(parts.str.len().max())):
                out[f"more_actors[{k}]"] = parts.str[k].fillna("").str.replace(
                    r" \[[^\]]*\]$", "", regex=True)
    return out


def _column_masks(frame: pd.DataFrame, groups: tuple[ActorGroup, ...]) -> dict[str, np.ndarray]:
    """Per actor column, each row's groups as bits: by name, then by the place rules."""
    out, places = {}, None
    for column, values in actor_columns(frame).items():
        text = values.astype("string").fillna("")
        codes, uniques = factorize(text)
        table = np.append(_masks(pd.Index(uniques), groups), np.uint32(0))  # code -1 -> 0
        mask = table[codes]  # a new, writable array
        if any(g.only_in for g in groups):
            folded = [_fold(u) for u in uniques]
            for bit, group in enumerate(groups):
                for rule in group.only_in:
                    members = {_fold(m) for m in rule.members}
                    named = np.array([f in members for f in folded] + [False])[codes]
                    if named.any():
                        places = places if places is not None else _places(frame)
                        mask[rule.rows(named, places)] |= np.uint32(1) << np.uint32(bit)
        out[column] = mask
    return out


def actor_group_mask(frame: pd.DataFrame,
                     groups: tuple[ActorGroup, ...] | None = None) -> np.ndarray:
    """Each event's actor groups as a uint32 bit mask, for the page's actor filter and --actor.

    Bit i is set when actor1 or actor2 belongs to `groups[i]` (default: load_actor_groups(),
    in the file's order; ids and names for the page's list come from the same tuple). An
    event may be in several groups (JNIM against Mali's forces sets both bits). `only_in`
    rules use the joined `country_iso3` and `region`; on an unjoined frame they match nothing.
    Vectorised: each distinct actor name is classified once, so a million events cost a few
    thousand lookups. Events whose actors are in no group have mask 0.
    """
    groups = load_actor_groups() if groups is None else groups
    out = np.zeros(len(frame), dtype=np.uint32)
    for mask in _column_masks(frame, groups).values():
        out |= mask
    return out


def actor_counts(frame: pd.DataFrame, groups: tuple[ActorGroup, ...] | None = None,
                 top: int = 15) -> tuple[list[tuple[ActorGroup, int]], list[tuple[str, int]]]:
    """Events per group, and the `top` actor names in no group with their event counts.

    An event counts once per group even if both its actors belong to it. A name is "in no
    group" for the events where no group takes it (UCDP's "IS" in northern Algeria).
    """
    groups = load_actor_groups() if groups is None else groups
    columns = _column_masks(frame, groups)
    mask = np.zeros(len(frame), dtype=np.uint32)
    for column_mask in columns.values():
        mask |= column_mask
    per_group = [(g, int(((mask >> np.uint32(bit)) & 1).sum())) for bit, g in enumerate(groups)]
    loose = {c: frame[c].fillna("").astype(str).where(columns[c] == 0, "") for c in columns}
    first, second = loose.get("actor1"), loose.get("actor2")
    counts = pd.concat([first.value_counts(), second.value_counts()]).groupby(level=0).sum()
    both = first[(first == second)].value_counts()  # one event naming one actor twice: once
    counts = counts.sub(both, fill_value=0)
    ranked = sorted(((str(n), int(c)) for n, c in counts.items() if n and c), key=lambda i: (-i[1], i[0]))
    return per_group, ranked[:top]
