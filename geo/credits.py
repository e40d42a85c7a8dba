"""Credits and map notes, generated from the data actually on a map.

One registry for the HTML map, the figures and the summary:
- the boundary sources, on every map (the join always uses them);
- each shipped event file's own credit and notes (`SHIPPED_EVENTS`, the default map's, and
  `OTHER_SHIPPED_EVENTS`);
- otherwise each dataset's credit, from its input-format spec (`geo.formats`).
A map of ACLED rows credits ACLED and nothing else among the event sources.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from geo.attribution import ATTRIBUTION
from geo.boundaries import DATA_DIR

__all__ = ["Credit", "ShippedEvents", "SHIPPED_EVENTS", "OTHER_SHIPPED_EVENTS", "BOUNDARY_CREDITS", "event_credits",
           "credits_for", "shipped_label"]


@dataclass(frozen=True)
class Credit:
    text: str                   # the full attribution line (HTML map, report)
    short: str                  # a figure's one-line credit
    notes: tuple[str, ...] = ()  # "About this map" lines this source brings


@dataclass(frozen=True)
class ShippedEvents:
    path: Path
    label: str   # the source's short name; the overlay adds countries and years (describe_events)
    credit: Credit


SHIPPED_EVENTS = (
    ShippedEvents(DATA_DIR / "events" / "ucdp_ged211_sahel.csv", "UCDP GED 21.1", Credit(
        ATTRIBUTION["ucdp_ged211"] + "; Mali place names and reports: UCDP GED 24.1, CC BY 4.0 "
        "(Davies, Engström, Pettersson & Öberg (2024), JPR 61(4))",
        "Events: UCDP GED 21.1; Mali place names: GED 24.1 (CC BY 4.0).",
        ("UCDP GED events are a precision-filtered subset (located within about 25 km); "
         "events coded only to a region or country are absent.",
         "Mali's UCDP GED 21.1 events carry the place names, precision and reports of UCDP GED "
         "24.1 (matched by event id; CC BY 4.0, Davies, Engström, Pettersson & Öberg (2024), "
         "JPR 61(4)); where GED 24.1 moved an event, it is drawn at GED 24.1's point and its "
         "notes give GED 21.1's. Where no source names the place, the popup gives the district "
         "instead.",))),
    ShippedEvents(DATA_DIR / "events" / "article_events.csv", "2020 analysis", Credit(
        "Events of the 2020 analysis: " + ATTRIBUTION["article"],
        "2020 analysis: " + ATTRIBUTION["article"] + ".",
        ("Events from the 2020 analysis are coded to gazetteer towns; precision 3 means only "
         "the area is known. Its '14,000 km' Algeria–Mali border is 1,359 km (reference).",
         "Displacement: 284,000 people were displaced in Mali in 2019 (iDMC), a figure, not an event."))),
)
# shipped, but not on the default map (it would count Mali's 2012-2020 events twice):
# `python build_map.py --events data/events/ucdp_ged241_mali.csv --since 2012-01-01`
OTHER_SHIPPED_EVENTS = (
    ShippedEvents(DATA_DIR / "events" / "ucdp_ged241_mali.csv", "UCDP GED 24.1", Credit(
        ATTRIBUTION["ucdp_ged241"], "Events: UCDP GED 24.1 (CC BY 4.0).",
        ("UCDP GED 24.1 for Mali, 1990–2023, as UCDP's web viewer gives it: every location "
         "precision (3: UCDP knows only the wider area, such as the region).",))),
)
SYNTHETIC = Credit("SYNTHETIC test events (not real data)", "SYNTHETIC test events.")
BOUNDARY_CREDITS = (
    Credit(ATTRIBUTION["codab_mli"], "Boundaries: DNCT Mali/OCHA COD-AB 2021;",
           ("Taoudénit is part of Tombouctou here: the 2021 boundary frame (OCHA COD-AB) has no "
            "separate Taoudénit polygon.",)),
    Credit(ATTRIBUTION["geoboundaries_bfa"], "geoBoundaries BFA;"),
    Credit(ATTRIBUTION["codab_ner"], "IGNN Niger/OCHA COD-AB 2023;"),
    Credit(ATTRIBUTION["natural_earth"], "Natural Earth;"),
    Credit(ATTRIBUTION["geonames"], "GeoNames."),
)


def shipped_label(path: str | Path) -> str | None:
    shipped = _shipped(str(path))
    return shipped.label if shipped else None


def _shipped(path: str) -> ShippedEvents | None:
    resolved = Path(path).resolve()
    return next((s for s in (*SHIPPED_EVENTS, *OTHER_SHIPPED_EVENTS)
                 if s.path.resolve() == resolved), None)


def event_credits(events: pd.DataFrame) -> list[Credit]:
    """The credits of the event sources present: a shipped file's own, else its dataset's."""
    from geo.formats import FORMATS

    by_dataset = {spec.dataset or spec.name: spec for spec in FORMATS}
    found: list[Credit] = []
    pairs = events[["source_file", "dataset"]].drop_duplicates()
    for source_file, dataset in pairs.itertuples(index=False):
        shipped = _shipped(source_file)
        if shipped:
            credit = shipped.credit
        elif dataset == "synthetic":
            credit = SYNTHETIC
        else:
            spec = by_dataset.get(dataset, by_dataset.get("native"))
            credit = Credit(spec.credit, spec.credit_short)
        if credit not in found:
            found.append(credit)
    return sorted(found, key=lambda c: c.text)


def credits_for(events: pd.DataFrame) -> list[Credit]:
    """Event sources first (sorted, so the page is byte-identical), then the boundaries."""
    return [*event_credits(events), *BOUNDARY_CREDITS]
