"""The project's own canonical schema (see README, "Input formats")."""

from __future__ import annotations

from geo.formats._spec import FormatSpec

__all__ = ["SPEC"]

_TEXT = ("event_id", "event_date", "time_precision", "event_type", "sub_event_type", "actor1",
         "actor2", "fatalities", "fatalities_low", "fatalities_high", "latitude", "longitude",
         "geo_precision", "location", "admin1", "admin2", "country", "source", "notes", "dataset",
         "source_event_type")

SPEC = FormatSpec(
    name="native",
    title="native-schema",
    required=("event_date", "event_type", "latitude", "longitude"),
    columns={c: c for c in _TEXT},
    dataset="",  # each row names its dataset; unknown names become "native"
    source="native",  # data/sources.toml: its credit in every language
    trimmed=frozenset({"event_id", "event_date", "event_type", "time_precision", "geo_precision",
                       "latitude", "longitude", "fatalities", "fatalities_low", "fatalities_high",
                       "dataset", "admin1"}),
)
