"""The canonical event schema shared by every input format."""

__all__ = ["CANONICAL_COLUMNS", "JOIN_COLUMNS", "FLAG_COLUMNS", "EVENT_TYPES", "ZONES"]

CANONICAL_COLUMNS = (
    "event_id", "event_date", "time_precision", "event_type", "sub_event_type",
    "actor1", "actor2", "fatalities", "fatalities_low", "fatalities_high",
    "latitude", "longitude", "geo_precision", "location", "admin1", "admin2", "country",
    "source", "notes", "dataset", "source_event_type", "source_file", "source_row",
)
JOIN_COLUMNS = ("country_iso3", "region", "district", "district_pcode", "commune", "commune_pcode", "zone", "in_border_band", "dist_algeria_border_km")
# kept rows that deserve a look; each is counted in the summary's "flags"
FLAG_COLUMNS = ("suspect_swapped_latlon", "admin1_mismatch", "admin2_mismatch", "country_from_source", "country_mismatch")
EVENT_TYPES = (
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
)
ZONES = ("north", "central", "spillover", "other", "outside")
