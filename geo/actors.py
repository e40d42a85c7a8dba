"""Actor groups from data/actors.toml: what `--actor` selects, and each event's groups for the page.

A user's value selects either a group (by id, name or alias) or one exact actor name, in any
case. Never a substring: "IS" is the Islamic State group, not every name containing "is".
Groups list the exact names ACLED and UCDP use, plus anchored patterns for ACLED's naming
schemes ("Military Forces of Mali (*"); see the file's header for where the names come from.
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
_KEYS = {"id", "name", "aliases", "members", "match"}


def _fold(text: str) -> str:
    return " ".join(str(text).split()).casefold()


@dataclass(frozen=True)
class ActorGroup:
    """One group: `id`, display `name`, `aliases` users type, exact `members`, `match` patterns."""

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    members: tuple[str, ...] = ()
    match: tuple[str, ...] = ()

    @cached_property
    def _folded(self) -> tuple[frozenset[str], re.Pattern | None]:
        patterns = "|".join(fnmatch.translate(_fold(p)) for p in self.match)
        return frozenset(_fold(m) for m in self.members), re.compile(patterns) if patterns else None

    def contains(self, actor: str) -> bool:
        """Whether the exact actor name (any case) is a member or matches a pattern whole."""
        folded = _fold(actor)
        members, pattern = self._folded
        return folded in members or bool(pattern and pattern.match(folded))

    def keys(self) -> tuple[str, ...]:
        """Folded texts that select this group: id, name, aliases."""
        return tuple(dict.fromkeys(_fold(k) for k in (self.id, self.name, *self.aliases)))


def _strings(path: Path, where: str, value, key: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(f"{path}: {where}: `{key}` must be a list of non-empty strings, "
                          f"got {value!r}")
    return tuple(v.strip() for v in value)


@cache
def load_actor_groups(path: Path = ACTORS_TOML) -> tuple[ActorGroup, ...]:
    """Read and check actors.toml; the order of the file is the order of the groups (bit i).

    Raises ConfigError naming the file and the group (number and id) for any problem.
    """
    try:
        raw = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read actor groups: {exc}") from None
    tables = raw.get("group")
    if not isinstance(tables, list) or not tables:
        raise ConfigError(f"{path}: no [[group]] tables; each group needs id, name and members")
    if len(tables) > MAX_GROUPS:
        raise ConfigError(f"{path}: {len(tables)} groups; at most {MAX_GROUPS} fit the page's mask")
    groups: list[ActorGroup] = []
    owner: dict[str, str] = {}  # folded id/name/alias -> group id
    for number, table in enumerate(tables, start=1):
        where = f"group {number} ({table.get('id', 'no id')!r})"
        unknown = sorted(set(table) - _KEYS)
        if unknown:
            raise ConfigError(f"{path}: {where}: unknown key(s) {', '.join(unknown)}; "
                              f"use {', '.join(sorted(_KEYS))}")
        gid, name = table.get("id"), table.get("name")
        if not isinstance(gid, str) or not re.fullmatch(r"[a-z0-9_]+", gid):
            raise ConfigError(f"{path}: {where}: `id` must be a-z, 0-9 and _, got {gid!r}")
        if not isinstance(name, str) or not name.strip():
            raise ConfigError(f"{path}: {where}: `name` must be a non-empty string")
        group = ActorGroup(gid, name.strip(),
                           _strings(path, where, table.get("aliases", []), "aliases"),
                           _strings(path, where, table.get("members", []), "members"),
                           _strings(path, where, table.get("match", []), "match"))
        if not group.members and not group.match:
            raise ConfigError(f"{path}: {where}: lists no `members` and no `match` patterns")
        for pattern in group.match:
            if "*" not in pattern:
                raise ConfigError(f"{path}: {where}: match {pattern!r} has no '*'; "
                                  "put an exact name in `members`")
        for key in group.keys():
            if owner.get(key, gid) != gid:
                raise ConfigError(f"{path}: {where}: {key!r} already names group {owner[key]!r}; "
                                  "each id, name and alias must select one group")
            owner[key] = gid
        groups.append(group)
    return tuple(groups)


@dataclass(frozen=True)
class ActorSelection:
    """What an `--actor` value selected: a group (or None for one exact name) and the names."""

    value: str
    group: ActorGroup | None
    names: frozenset[str]  # exact actor names present in the data

    def describe(self) -> str:
        """How the value was read: a group's id and name, or one exact actor name."""
        return (f"group {self.group.id}: {self.group.name}" if self.group
                else f"actor {', '.join(sorted(self.names))}")


def _names_of(group: ActorGroup, actors: Iterable[str]) -> frozenset[str]:
    return frozenset(a for a in actors if group.contains(a))


def resolve_actor(value: str, actors: Iterable[str],
                  groups: tuple[ActorGroup, ...] | None = None) -> ActorSelection:
    """Resolve a user's `--actor` value against the actor names in the data (`actors`).

    A group's id, name or alias wins; otherwise the value must equal an actor name in the data
    (any case, spaces collapsed). Anything else raises ConfigError with the closest groups
    and actors ("did you mean").
    """
    groups = load_actor_groups() if groups is None else groups
    present = {str(a) for a in actors if isinstance(a, str) and a}
    wanted = _fold(value)
    for group in groups:
        if wanted in group.keys():
            return ActorSelection(value, group, _names_of(group, present))
    exact = frozenset(a for a in present if _fold(a) == wanted)
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


def actor_group_mask(frame: pd.DataFrame,
                     groups: tuple[ActorGroup, ...] | None = None) -> np.ndarray:
    """Each event's actor groups as a uint32 bit mask, for the page's actor filter.

    Bit i is set when actor1 or actor2 belongs to `groups[i]` (default: load_actor_groups(),
    in the file's order; ids and names for the page's list come from the same tuple). An
    event may be in several groups (JNIM against Mali's forces sets both bits). Vectorised:
    each distinct actor name is classified once, so a million events cost a few thousand
    lookups. Events whose actors are in no group have mask 0.
    """
    groups = load_actor_groups() if groups is None else groups
    out = np.zeros(len(frame), dtype=np.uint32)
    for column in ("actor1", "actor2"):
        if column not in frame:
            continue
        codes, uniques = pd.factorize(frame[column].astype("string").fillna(""), sort=False)
        table = np.append(_masks(pd.Index(uniques), groups), np.uint32(0))  # code -1 -> 0
        out |= table[codes]
    return out


def actor_counts(frame: pd.DataFrame, groups: tuple[ActorGroup, ...] | None = None,
                 top: int = 15) -> tuple[list[tuple[ActorGroup, int]], list[tuple[str, int]]]:
    """Events per group, and the `top` actor names in no group with their event counts.

    An event counts once per group even if both its actors belong to it.
    """
    groups = load_actor_groups() if groups is None else groups
    mask = actor_group_mask(frame, groups)
    per_group = [(g, int(((mask >> np.uint32(bit)) & 1).sum())) for bit, g in enumerate(groups)]
    first, second = (frame[c].fillna("").astype(str) for c in ("actor1", "actor2"))
    both = first[first == second].value_counts()  # an event naming one actor twice counts once
    counts = first.value_counts().add(second.value_counts(), fill_value=0).sub(both, fill_value=0)
    counts = counts[[bool(n) and not any(g.contains(n) for g in groups) for n in counts.index]]
    ranked = sorted(((str(n), int(c)) for n, c in counts.items()), key=lambda i: (-i[1], i[0]))
    return per_group, ranked[:top]
