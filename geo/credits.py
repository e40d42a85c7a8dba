"""Credits and notes, computed from the sources of what an output draws.

The HTML map, the figures, the report and the summary all ask here: the event sources present
(a shipped file's own source, else its format's, `geo.formats`), then the sources of the data
layers drawn (`geo.boundaries.LAYER_SOURCES`). Texts come from data/sources.toml by id and
language. A map of ACLED rows credits ACLED and nothing else among the event sources.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from geo.boundaries import DATA_DIR, JOIN_LAYERS, LAYER_SOURCES
from geo.sources import get_source, sources

__all__ = ["Credit", "ShippedEvents", "SHIPPED_EVENTS", "OTHER_SHIPPED_EVENTS", "event_source_ids",
           "credit_ids", "credits", "shipped_source"]


@dataclass(frozen=True)
class Credit:
    id: str
    text: str                   # the full attribution line (HTML map, report)
    short: str                  # for a figure's one-line credit ("" if no figure draws it)
    notes: tuple[str, ...] = ()  # "About this map" lines this source brings
    is_events: bool = False


@dataclass(frozen=True)
class ShippedEvents:
    path: Path
    source: str   # its id in data/sources.toml: name, credit and notes


SHIPPED_EVENTS = (  # the default map
    ShippedEvents(DATA_DIR / "events" / "ucdp_ged211_sahel.csv", "ucdp_ged211"),
    ShippedEvents(DATA_DIR / "events" / "article_events.csv", "article"),
)
# shipped, but not on the default map (it would count Mali's 2012-2020 events twice):
# `python build_map.py --events data/events/ucdp_ged241_mali.csv --since 2012-01-01`
OTHER_SHIPPED_EVENTS = (
    ShippedEvents(DATA_DIR / "events" / "ucdp_ged241_mali.csv", "ucdp_ged241"),
)


def shipped_source(path: str | Path) -> str | None:
    """The source id of a shipped event file, None for any other file."""
    resolved = Path(path).resolve()
    return next((s.source for s in (*SHIPPED_EVENTS, *OTHER_SHIPPED_EVENTS)
                 if s.path.resolve() == resolved), None)


def event_source_ids(events: pd.DataFrame) -> list[str]:
    """The sources of the events present (or of counts rows, geo/counts.py): a shipped file's
    own, else its dataset's format's."""
    from geo.counts import COUNTS_SOURCES
    from geo.formats import FORMATS

    by_dataset = {**{spec.dataset or spec.name: spec.source for spec in FORMATS}, **COUNTS_SOURCES}
    found: list[str] = []
    for source_file, dataset in events[["source_file", "dataset"]].drop_duplicates().itertuples(index=False):
        source = shipped_source(source_file) or by_dataset.get(dataset) or (
            "synthetic" if dataset == "synthetic" else by_dataset["native"])
        if source not in found:
            found.append(source)
    return found


def credit_ids(events: pd.DataFrame, layers: Iterable[str] = ()) -> list[str]:
    """Event sources first (by English credit, so the page is byte-identical), then the
    sources of the drawn `layers` (names of data/layers) in data/sources.toml's order."""
    found = sorted(event_source_ids(events), key=lambda i: get_source(i).credit("en"))
    drawn = {source for layer in [*JOIN_LAYERS, *layers] for source in LAYER_SOURCES[layer]}
    return found + [i for i in sources() if i in drawn and i not in found]


def credits(events: pd.DataFrame, lang: str = "en", layers: Iterable[str] = ()) -> list[Credit]:
    """The credits of an output that shows `events` and draws `layers`, in `lang`."""
    out = []
    for source_id in credit_ids(events, layers):
        source = get_source(source_id)
        short = source.short(lang) if "short" in source.texts else ""
        out.append(Credit(source_id, source.credit(lang), short, source.notes(lang),
                          source.kind == "events"))
    return out
