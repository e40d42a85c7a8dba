"""Compact, deterministic encoding of conflict events for the browser library.

``encode_events(df)`` turns an events DataFrame into a JSON-able ``dict`` that
``SahelMap.store(payload)`` in ``layers/static/js/store.js`` decodes.  The
numeric columns are typed arrays (decoded once, up front); the text fields are
split into chunks that the browser only decompresses when a popup needs them.
The payload names its own columns, so the browser keeps no copy of the lists below.

Payload format (version 3)
==========================

Top level keys (all values are JSON scalars, lists, objects or ASCII strings)::

    "format"      "sahelmap-events"
    "version"     3
    "numeric_columns"     NUMERIC_COLUMNS: {name: element type}, the typed columns below
    "plain_text_columns"  list(PLAIN_TEXT_COLUMNS), the text blocks of each chunk
    "dict_columns"        list(DICT_COLUMNS), the dictionary encoded columns of each chunk
    "n"           number of events (int)
    "types"       list(EVENT_TYPES), the event type vocabulary
    "colors"      list of "#rrggbb", aligned with "types" (EVENT_TYPE_COLORS)
    "day_min"     smallest valid "day" value (0 when there is none)
    "day_max"     largest valid "day" value (0 when there is none)
    "lat"         B64Z(int32[n])  round(latitude * 1e5), half to even
    "lon"         B64Z(int32[n])  round(longitude * 1e5), half to even
    "type"        B64Z(uint8[n])  index into "types"
    "day"         B64Z(int32[n])  days since 1970-01-01 of event_date
    "fatalities"  B64Z(int32[n])  fatalities, -1 when NA
    "region_code" B64Z(int32[n])  index into "regions" ([iso3, region name] pairs), -1 none;
                                  sent narrower when "packed_codes" names it (below)
    "zone_code"   B64Z(uint8[n])  index into "zones" (ZONE_ORDER first; spillover split by
                                  country, "spillover_bfa"), 255 none
    "band"        B64Z(uint8[n])  1 when in_border_band
    "country_code" B64Z(uint8[n]) index into "countries" (ISO3), 255 none
    "actor1_code", "actor2_code"  B64Z(int32[n]) index into "actors" (sorted names), -1 none;
                                  sent narrower when "packed_codes" names them
    "packed_codes" {column: "uint8" | "uint16"}: these int32 code columns are sent as
                  code + 1 in that unsigned type (0 = none), the smallest that holds their
                  vocabulary; decoders widen them back to int32 with -1 for none
    "group_mask"  B64Z(uint32[n]) bit b set when the event is in actor group b of
                  data/actors.toml (geo.actors.actor_group_mask: by name, and for some names
                  by place)
    "actor_groups" [[group id, name, bit]] of the groups with at least one event
    "district_code" B64Z(int32[n]) index into "districts" (sorted district P-codes of
                  geo/join.py), -1 none; sent narrower when "packed_codes" names it
    "district_names" [[name, region, iso3]] aligned with "districts" (the district filter's
                  labels, layers/static/js/filters.js)
    "weight"      B64Z(uint32[n]) only in a counts payload (``start_encoding(counts_as_rows(c),
                  weights=...)``, layers/_store.py CountStore): the events each
                  row stands for; "numeric_columns" then names it, and "counts" is true
    "counts"      true for a counts payload: each row is a district and a month of a table of
                  counts (geo/counts.py), with no coordinates (never drawn as a point), no
                  event type (type 255, which no type filter hides) and no actors; or a
                  month, event type and place of a page extract's counts (geo/page_extract.py,
                  --engine dask above its page limit), typed; "day" is the month's first
                  day. The page's counts and the chart add up "weight"
    "counted"     false for events that are drawn but not counted (the sample and deadliest
                  events beside a page extract's counts, which count them all; layers/_store.py)
    "secondary"   B64Z(uint8[n]) only when some row is an incident's report left uncounted
                  (geo.incidents.secondary_reports, a `secondary` column): 1 for those rows,
                  which the page counts and draws only when its reader counts reports
                  (layers/static/js/masks.js); "numeric_columns" then names it
    "missing"     -2147483648, the int32 sentinel used in lat/lon/day for NA
    "chunk_size"  events per text chunk (int)
    "chunks"      list of B64Z(utf-8 JSON), see below
    "code_type"   "uint16" (or "uint32" for chunks of over 65,536 events)
    "code_chunks" list of B64Z(code_type[m * len(dict_columns)]), see below
    "text_chunks" {plain text column: list of B64Z(text block)}, one block per chunk, see below

``B64Z(x)`` is ``base64(deflate.zlib_compress(bytes, level))`` (libdeflate, pinned; standard
alphabet, padded; level ``ZLIB_LEVEL`` = 5 unless ``encode_events`` is given another, and one
level higher for the text blocks, ``TEXT_LEVEL_STEP``) of the
little-endian bytes of
the typed array, i.e. an RFC 1950 zlib stream, which the browser inflates with
``DecompressionStream('deflate')``.

Rows keep the order of the input DataFrame; event ``i`` is row ``i``.  Missing
latitude/longitude/date become the ``missing`` sentinel (such events are never
drawn; undated events only pass an unrestricted time filter).

Chunk ``k`` holds the text fields of events ``[k*chunk_size, (k+1)*chunk_size)``: the
dictionaries of the dictionary encoded columns as one JSON object::

    {"start": k*chunk_size, "count": m,
     "<col>":    {"values": [v0, v1, ...]}}   # for each of dict_columns

and their codes in "code_chunks"[k]: the m codes of the first of dict_columns, then the m of
the next, and so on, little-endian ``code_type``; row j's value of the c-th column is
``values[codes[c*m + j]]`` (typed, not JSON: a million events' nine code columns cost no
Python list).

and each plain text column (``event_id``, ``notes``) as a text block in "text_chunks": the
byte "T" and the m strings in UTF-8 joined by NUL bytes (Arrow joins them, so no string is
touched one by one in Python: at 1M events 1.4 s less than a JSON list, and no larger), or,
for a block where a string holds a NUL itself, the byte "J" and a UTF-8 JSON list of them.

The dictionary encoded columns are ``time_precision``, ``geo_precision``,
``fatalities_low`` and ``fatalities_high`` (values are ints or ``null``), ``sub_event_type``,
``location``, ``country``, ``source`` and ``dataset``.  Dictionary values appear in order of
first appearance within the chunk.  Missing strings (NA) are encoded as ``""``; non-string
values are converted with ``str``.

The text columns that the typed columns already carry are not repeated in the chunks
(``CODED_TEXT_COLUMNS``; about 7.5 MB of a 1M-event page): decoders rebuild ``date_text``
(ISO ``YYYY-MM-DD`` of "day"), ``actor1`` and ``actor2`` (from "actors"), ``region`` (the
name in "regions"), ``zone`` (the zone key, "spillover" for "spillover_bfa" and the like) and
``country_iso3`` (from "countries") and ``district`` (the name in "district_names"), "" where
the code is none.

The output is byte-identical for identical input: no timestamps, no hash or
set ordering, fixed zlib level, ordered thread pool.
"""

from __future__ import annotations

import base64
import os
import re
import zlib
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import deflate
import numpy as np
import orjson
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from geo.actors import actor_group_mask, load_actor_groups
from geo.schema import EVENT_TYPES as SCHEMA_EVENT_TYPES

__all__ = [
    "EVENT_TYPES",
    "EVENT_TYPE_COLORS",
    "MISSING",
    "ZLIB_LEVEL",
    "CHUNK_SIZE",
    "NUMERIC_COLUMNS",
    "DICT_COLUMNS",
    "CODED_TEXT_COLUMNS",
    "INT_DICT_COLUMNS",
    "PLAIN_TEXT_COLUMNS",
    "encode_events",
    "counts_as_rows",
    "start_encoding",
    "DEFAULT_POPUP_FIELDS",
    "popup_columns",
    "decode_array",
    "decode_chunk",
    "pack_codes",
]

EVENT_TYPES = SCHEMA_EVENT_TYPES  # one vocabulary, defined in geo/schema.py

# Okabe & Ito (2008) colour-blind safe palette.
EVENT_TYPE_COLORS = {
    "Battles": "#D55E00",  # vermillion
    "Explosions/Remote violence": "#E69F00",  # orange
    "Violence against civilians": "#CC79A7",  # reddish purple
    "Protests": "#0072B2",  # blue
    "Riots": "#009E73",  # bluish green
    "Strategic developments": "#56B4E9",  # sky blue
}

MISSING = -(2**31)

# libdeflate level 5 on a chunk of 50k notes: 1.18 MB in 76 ms, against 1.41 MB in 75 ms for
# zlib's level 3 and 1.07 MB in 93 ms for libdeflate's level 6.  libdeflate's output is the
# same on every machine for a given version (zlib-ng's depends on the CPU; the system zlib's
# on the distribution), so the same inputs give the same page anywhere with the pinned wheel.
ZLIB_LEVEL = 5
# The text blocks (the notes: half of a 1M-event page) one level higher: 9 % smaller at 1M
# events (2.9 MB) for 30 % more of their compression time, spent in the background threads.
TEXT_LEVEL_STEP = 1
CHUNK_SIZE = 50_000  # events per text chunk: a popup inflates only its own chunk

# The typed columns and their little-endian element types, named as the browser's typed
# arrays are (int32 -> Int32Array, uint8 -> Uint8Array, uint32 -> Uint32Array in
# layers/static/js/decode.js).
NUMERIC_COLUMNS = {"lat": "int32", "lon": "int32", "type": "uint8", "day": "int32",
                   "fatalities": "int32", "region_code": "int32", "zone_code": "uint8",
                   "band": "uint8", "country_code": "uint8", "actor1_code": "int32",
                   "actor2_code": "int32", "group_mask": "uint32", "district_code": "int32"}
# The codes index the payload's vocabularies ("regions", "zones", "countries", "actors"), so the
# page filters and counts without decoding a text chunk; -1 (255 for uint8) means none.
NO_CODE = {"int32": -1, "uint8": 255}
# The zones of the chart and the zone filter, in display order; spillover is split by country.
ZONE_ORDER = ("north", "central", "spillover_bfa", "spillover_ner", "other", "outside")

PLAIN_TEXT_COLUMNS = ("event_id", "notes")
STRING_DICT_COLUMNS = ("sub_event_type", "location", "country", "source", "dataset")
INT_DICT_COLUMNS = ("time_precision", "geo_precision", "fatalities_low", "fatalities_high")
DICT_COLUMNS = (*INT_DICT_COLUMNS, *STRING_DICT_COLUMNS)
# Source columns (geo.events keeps every input column) that popups show by default when the
# events have them: ACLED's 2023+ fields and admin areas, UCDP's adm_2. Sent as dictionary
# columns named "src:<column>"; popup.js shows each under its source name. `--popup-fields`
# chooses others, or none (then the notes are left out of the page too).
DEFAULT_POPUP_FIELDS = ("civilian_targeting", "admin2", "admin3", "tags")  # admin2: UCDP's adm_2 too
SOURCE_FIELD_PREFIX = "src:"
# Text fields rebuilt from the typed columns and vocabularies rather than sent in the chunks.
# "district": our district of the event (geo/join.py); popups name it where no source names a place
CODED_TEXT_COLUMNS = ("date_text", "actor1", "actor2", "region", "zone", "country_iso3", "district")
# Code columns sent as code + 1 in the narrowest unsigned type that holds their vocabulary.
PACKABLE_CODES = {"region_code": "regions", "actor1_code": "actors", "actor2_code": "actors",
                  "district_code": "districts"}

COUNTS_NUMERIC_COLUMNS = {**NUMERIC_COLUMNS, "weight": "uint32"}  # a counts payload's
SECONDARY_COLUMN = {"secondary": "uint8"}  # a payload with uncounted reports
NO_TYPE = 255  # a counts row's "type": none of EVENT_TYPES

_NUMERIC = {name: np.dtype(kind).newbyteorder("<")
            for name, kind in {**COUNTS_NUMERIC_COLUMNS, **SECONDARY_COLUMN}.items()}


def _b64z(raw: bytes, level: int = ZLIB_LEVEL) -> str:
    return base64.b64encode(deflate.zlib_compress(raw, level)).decode("ascii")


def _text(series: pd.Series) -> pd.Series:
    """Series of Python-``str`` values (NA -> ""), string-dtype when possible."""
    if isinstance(series.dtype, pd.StringDtype):  # no copy of a column without NA
        return (series.fillna("") if series.hasnans else series).reset_index(drop=True)
    arr = series.to_numpy(dtype=object, copy=True)
    arr[pd.isna(arr)] = ""
    if pd.api.types.infer_dtype(arr, skipna=False) not in ("string", "empty"):
        arr = np.array([v if isinstance(v, str) else str(v) for v in arr], dtype=object)
    return pd.Series(arr, dtype=object)


def _nullable_int(series: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(int64 values, NA mask) of a nullable integer column."""
    s = pd.to_numeric(series, errors="coerce").astype("Float64")
    mask = s.isna().to_numpy()
    vals = s.to_numpy(dtype=np.float64, na_value=0.0)
    return np.rint(vals).astype(np.int64), mask


def _degrees(series: pd.Series) -> np.ndarray:
    v = pd.to_numeric(series, errors="coerce").to_numpy(dtype=np.float64, na_value=np.nan)
    scaled = np.rint(v * 1e5)
    bad = ~np.isfinite(scaled) | (np.abs(scaled) > 2**31 - 1)
    out = np.where(bad, 0, scaled).astype(np.int32)
    out[bad] = MISSING
    return out


def _days(series: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(int32 days since epoch with MISSING for NaT, datetime64[D] array)."""
    s = series
    if not pd.api.types.is_datetime64_any_dtype(s):
        s = pd.to_datetime(s, errors="coerce")
    if getattr(s.dt, "tz", None) is not None:
        s = s.dt.tz_localize(None)  # keep the local calendar date
    d = np.asarray(s.to_numpy()).astype("datetime64[D]")
    nat = np.isnat(d)
    days = d.astype(np.int64)
    days[nat] = MISSING
    return days.astype(np.int32), d


def _arrow_strings(values: pd.Series) -> pa.Array | pa.ChunkedArray:
    """The Arrow strings of a column without NA, zero copy when it is Arrow-backed: still in
    the reader's chunks (joining a million notes into one array copies 250 MB; the payload's
    chunks take `_whole` slices)."""
    arr = values.array
    try:
        out = pa.array(arr) if hasattr(arr, "__arrow_array__") else pa.array(
            values.to_numpy(dtype=object), type=pa.string(), from_pandas=True)
    except (UnicodeEncodeError, pa.ArrowException):  # lone surrogates: not valid UTF-8
        out = pa.array(_scrub(values.to_numpy(dtype=object).tolist()), type=pa.string(), from_pandas=True)
    return out.cast(pa.string()) if out.type != pa.string() else out


def _whole(values: pa.Array | pa.ChunkedArray) -> pa.Array:
    return values.combine_chunks() if isinstance(values, pa.ChunkedArray) else values


def _text_block(values: pa.StringArray) -> bytes:
    """The text block of a slice of strings: "T" and the strings joined by NUL, or, when a
    string holds a NUL itself, "J" and a JSON list."""
    values = _whole(values)
    if pc.any(pc.match_substring(values, "\x00")).as_py():
        return b"J" + _dumps(values.to_pylist())
    one_list = pa.ListArray.from_arrays(pa.array([0, len(values)], pa.int32()), values)
    return b"T" + pc.binary_join(one_list, "\x00")[0].as_buffer().to_pybytes()


def _dict_encode(values: pa.Array) -> tuple[list, np.ndarray]:
    encoded = pc.dictionary_encode(_whole(values))  # values in order of first appearance
    return encoded.dictionary.to_pylist(), encoded.indices.to_numpy()


def _int_dict_encode(vals: np.ndarray, mask: np.ndarray) -> tuple[list, np.ndarray]:
    # Encode NA as a value outside any real range, then map it back to None.
    encoded = pc.dictionary_encode(pa.array(np.where(mask, np.iinfo(np.int64).min, vals)))
    values = [None if u == np.iinfo(np.int64).min else int(u) for u in encoded.dictionary.to_pylist()]
    return values, encoded.indices.to_numpy()


_SURROGATE = re.compile("[\ud800-\udfff]")


def _scrub(obj):
    """Replace lone surrogates (not representable in UTF-8) with U+FFFD."""
    if isinstance(obj, str):
        return _SURROGATE.sub("\ufffd", obj)
    if isinstance(obj, list):
        return [_scrub(v) for v in obj]
    if isinstance(obj, dict):
        return {k: _scrub(v) for k, v in obj.items()}
    return obj


def _dumps(obj) -> bytes:
    try:
        return orjson.dumps(obj)
    except orjson.JSONEncodeError:
        return orjson.dumps(_scrub(obj))


def pack_codes(codes: np.ndarray, vocabulary_size: int) -> tuple[np.ndarray, str | None]:
    """An int32 code column as code + 1 in the narrowest unsigned type that holds it."""
    for dtype in ("uint8", "uint16"):
        if vocabulary_size < np.iinfo(dtype).max:
            return (codes + 1).astype(dtype), dtype
    return codes, None


def _sorted_codes(columns: list[pa.Array], order=sorted) -> tuple[list[str], list[np.ndarray]]:
    """The vocabulary of `columns` ("" left out, in `order`) and each column's int32 codes
    into it, -1 for "": one hash pass per column, then a lookup per distinct value."""
    encoded = [pc.dictionary_encode(_whole(column)) for column in columns]
    vocabulary = list(order(set().union(*(e.dictionary.to_pylist() for e in encoded)) - {""}))
    position = {value: i for i, value in enumerate(vocabulary)}
    codes = []
    for e in encoded:
        remap = np.array([position.get(v, -1) for v in e.dictionary.to_pylist()] or [-1], dtype=np.int32)
        codes.append(remap[e.indices.to_numpy(zero_copy_only=False)])
    return vocabulary, codes


def _zone_order(present: set[str]) -> list[str]:
    return [z for z in ZONE_ORDER if z in present] + sorted(present - set(ZONE_ORDER))


def _column(events: pd.DataFrame, name: str) -> pa.Array:
    return _arrow_strings(_text(events[name]) if name in events else pd.Series([""] * len(events), dtype=object))


def _vocabularies(events: pd.DataFrame, group_mask: np.ndarray | None = None) -> tuple[dict, dict]:
    """The payload's vocabularies and the code columns that index them."""
    n = len(events)
    iso3, region = _column(events, "country_iso3"), _column(events, "region")
    countries, (country_code,) = _sorted_codes([iso3])
    names, (name_code,) = _sorted_codes([region])
    # regions are (country, name) pairs, sorted
    named = name_code >= 0
    pair = (country_code[named] + 1).astype(np.int64) * len(names) + name_code[named]
    pairs = np.flatnonzero(np.bincount(pair, minlength=1))  # a few hundred at most
    keys = [(countries[c - 1] if c else "", names[r]) for c, r in (divmod(p, len(names)) for p in pairs.tolist())]
    order = sorted(range(len(keys)), key=keys.__getitem__)
    rank = np.full(pairs[-1] + 1 if len(pairs) else 1, -1, dtype=np.int32)
    rank[pairs[order]] = np.arange(len(order), dtype=np.int32)
    region_code = np.full(n, -1, dtype=np.int32)
    region_code[named] = rank[pair]
    zone = _column(events, "zone")
    spill = pc.equal(zone, "spillover")
    zone_key = pc.if_else(spill, pc.binary_join_element_wise("spillover_", pc.utf8_lower(iso3), ""), zone)
    zones, (zone_code,) = _sorted_codes([zone_key], order=_zone_order)
    actors, (actor1_code, actor2_code) = _sorted_codes([_column(events, "actor1"), _column(events, "actor2")])
    districts, (district_code,) = _sorted_codes([_column(events, "district_pcode")])
    band = (events["in_border_band"].fillna(False).astype(bool).to_numpy(dtype=np.uint8)
            if "in_border_band" in events else np.zeros(n, np.uint8))
    groups = group_mask if group_mask is not None else actor_group_mask(events) if n else np.zeros(0, np.uint32)
    if max(len(zones), len(countries)) >= NO_CODE["uint8"]:
        raise ValueError(f"{len(countries)} countries and {len(zones)} zones: the page's codes hold 254")
    vocab = {"regions": [list(key) for key in sorted(keys)], "zones": zones, "countries": countries,
             "actors": actors, "actor_groups": _actor_groups(groups), "districts": districts,
             "district_names": _district_names(events, len(districts), district_code)}
    no_uint8 = NO_CODE["uint8"]
    codes = {"region_code": region_code,
             "zone_code": np.where(zone_code >= 0, zone_code, no_uint8).astype(np.uint8), "band": band,
             "country_code": np.where(country_code >= 0, country_code, no_uint8).astype(np.uint8),
             "actor1_code": actor1_code, "actor2_code": actor2_code,
             "group_mask": groups.astype(np.uint32), "district_code": district_code}
    return vocab, codes


def _district_names(events: pd.DataFrame, count: int, district_code: np.ndarray) -> list[list[str]]:
    """[[name, region, iso3]] of each of the payload's districts (aligned with "districts"), as
    joined to the district's first event (geo/join.py: a district is always in its region)."""
    if not count:
        return []
    has = np.flatnonzero(district_code >= 0)
    first = np.empty(count, dtype=np.int64)
    first[district_code[has[::-1]]] = has[::-1]  # the last write is each code's first row
    # a few hundred rows of three columns: no text column of a million converted, no take
    # over the other columns
    cols = [_text(events[c].iloc[first]) if c in events else pd.Series([""] * count, dtype=object)
            for c in ("district", "region", "country_iso3")]
    return [[str(col.iat[i]) for col in cols] for i in range(count)]


def _actor_groups(masks: np.ndarray) -> list[list]:
    """[[group id, name, bit]] of the groups of data/actors.toml with an event, in the file's
    order (the CLI's --actor uses the same masks)."""
    present = np.bitwise_or.reduce(masks) if len(masks) else 0
    return [[g.id, g.name, bit] for bit, g in enumerate(load_actor_groups()) if (int(present) >> bit) & 1]


def popup_columns(events: pd.DataFrame, popup_fields: tuple[str, ...] | None) -> list[str]:
    """The source columns the popups show: those of `popup_fields` (default
    DEFAULT_POPUP_FIELDS) that the events have and that are not ours already."""
    from geo.incidents import PARTNER_COLUMNS
    from geo.join import JOIN_ORDER
    from geo.schema import CANONICAL_COLUMNS

    wanted = DEFAULT_POPUP_FIELDS if popup_fields is None else popup_fields
    wanted = (*wanted, *PARTNER_COLUMNS)  # an incident's other report (geo.incidents), when matched
    # admin2 is canonical but the source's own words (ACLED's admin2, UCDP's adm_2), beside
    # our district: it may be shown
    ours = {*CANONICAL_COLUMNS, *JOIN_ORDER} - {"admin2"}
    return [f for f in dict.fromkeys(wanted) if f in events.columns and f not in ours]


def encode_events(
    events: pd.DataFrame, *, chunk_size: int = CHUNK_SIZE, level: int = ZLIB_LEVEL,
    popup_fields: tuple[str, ...] | None = None,
) -> dict:
    """Encode ``events`` into the payload described in the module docstring.

    ``chunk_size`` is the number of events per text chunk (default ``CHUNK_SIZE``);
    ``level`` is the zlib compression level (default ``ZLIB_LEVEL``; any fixed level
    is deterministic).
    """
    return start_encoding(events, chunk_size=chunk_size, level=level, popup_fields=popup_fields)()


def start_encoding(
    events: pd.DataFrame, *, chunk_size: int = CHUNK_SIZE, level: int = ZLIB_LEVEL,
    popup_fields: tuple[str, ...] | None = None, weights: np.ndarray | None = None,
    group_mask: np.ndarray | None = None,
) -> Callable[[], dict]:
    """`encode_events` in two halves: this call does the work that needs the interpreter and
    leaves the compression running in threads (zlib releases the GIL); the function it
    returns waits for them and gives the payload.  The caller builds the rest of the map
    in between, so both cores work. `group_mask`: the events' actor_group_mask, when the
    caller has it already."""
    if chunk_size < 1:
        raise ValueError("chunk_size must be >= 1")
    if not 1 <= level <= 12:
        raise ValueError("level must be in 1..12 (libdeflate's levels)")
    n = int(len(events))

    type_codes = pd.Index(EVENT_TYPES).get_indexer(events["event_type"])
    if weights is not None:
        type_codes = np.where(type_codes < 0, NO_TYPE, type_codes)
    if (type_codes < 0).any():
        bad = sorted({str(v) for v in events["event_type"][type_codes < 0].astype(object)})
        raise ValueError(f"unknown event_type values: {bad[:10]}")

    sources = popup_columns(events, popup_fields)
    if popup_fields is not None and not popup_fields:  # --popup-fields none: no raw text either
        events = events.assign(notes="")
    pool = ThreadPoolExecutor(max_workers=max(2, min(8, os.cpu_count() or 2)))
    try:
        return _start(events, pool, n, chunk_size, level, type_codes, sources, weights, group_mask)
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise


def _start(events: pd.DataFrame, pool: ThreadPoolExecutor, n: int, chunk_size: int, level: int,
           type_codes: np.ndarray, sources: list[str] = (), weights: np.ndarray | None = None,
           group_mask: np.ndarray | None = None) -> Callable[[], dict]:
    n_chunks = (n + chunk_size - 1) // chunk_size
    text_level = min(12, level + TEXT_LEVEL_STEP)
    text = {col: _arrow_strings(_text(events[col])) for col in PLAIN_TEXT_COLUMNS}
    # the notes are most of the bytes to compress: start on them first
    text_futs = {col: [pool.submit(lambda col, k: _b64z(_text_block(
        text[col].slice(k * chunk_size, chunk_size)), text_level), col, k) for k in range(n_chunks)]
        for col in PLAIN_TEXT_COLUMNS}

    days, _ = _days(events["event_date"])
    valid_days = days[days != MISSING]
    fat, fat_na = _nullable_int(events["fatalities"])
    fat = np.where(fat_na | (fat < 0), -1, np.clip(fat, -1, 2**31 - 1)).astype(np.int32)
    numeric = {
        "lat": _degrees(events["latitude"]),
        "lon": _degrees(events["longitude"]),
        "type": type_codes.astype(np.uint8),
        "day": days,
        "fatalities": fat,
    }
    vocab, codes = _vocabularies(events, group_mask)
    numeric.update(codes)
    columns = NUMERIC_COLUMNS if weights is None else COUNTS_NUMERIC_COLUMNS
    if weights is not None:
        numeric["weight"] = np.asarray(weights, dtype=np.uint32)
    if "secondary" in events and events["secondary"].any():
        columns = {**columns, **SECONDARY_COLUMN}
        numeric["secondary"] = events["secondary"].to_numpy(bool).astype(np.uint8)
    packed = {}
    for col, vocabulary in PACKABLE_CODES.items():
        numeric[col], dtype = pack_codes(numeric[col], len(vocab[vocabulary]))
        if dtype:
            packed[col] = dtype
    num_futs = [pool.submit(_b64z, numeric[k].astype(_wire_dtype(k, packed), copy=False).tobytes(), level)
                for k in columns]

    text.update({col: _column(events, col) for col in STRING_DICT_COLUMNS})
    text.update({SOURCE_FIELD_PREFIX + col: _arrow_strings(_text(events[col])) for col in sources})
    dict_columns = (*DICT_COLUMNS, *(SOURCE_FIELD_PREFIX + col for col in sources))
    ints = {col: _nullable_int(events[col] if col in events else pd.Series([pd.NA] * n))
            for col in INT_DICT_COLUMNS}

    code_type = "uint16" if chunk_size <= 65536 else "uint32"  # a code per event of a chunk

    def chunk(k: int) -> tuple[str, str]:
        """Chunk k's JSON (the dictionaries) and its code block, compressed: in the pool, as
        Arrow's hashing releases the interpreter while the map is built."""
        a, b = k * chunk_size, min(n, (k + 1) * chunk_size)
        obj, codes = {"start": a, "count": b - a}, []
        for col in dict_columns:
            if col in ints:
                vals, mask = ints[col]
                values, column_codes = _int_dict_encode(vals[a:b], mask[a:b])
            else:
                values, column_codes = _dict_encode(text[col].slice(a, b - a))
            obj[col] = {"values": values}
            codes.append(column_codes)
        code_bytes = np.concatenate(codes).astype(np.dtype(code_type).newbyteorder("<")).tobytes()
        return _b64z(_dumps(obj), level), _b64z(code_bytes, level)

    chunk_futs = [pool.submit(chunk, k) for k in range(n_chunks)]
    payload = {
        "format": "sahelmap-events",
        "version": 3,
        "numeric_columns": dict(columns),
        **({"counts": True} if weights is not None else {}),
        "plain_text_columns": list(PLAIN_TEXT_COLUMNS),
        "dict_columns": list(dict_columns),
        "n": n,
        "types": list(EVENT_TYPES),
        "colors": [EVENT_TYPE_COLORS[t] for t in EVENT_TYPES],
        "day_min": int(valid_days.min()) if valid_days.size else 0,
        "day_max": int(valid_days.max()) if valid_days.size else 0,
        "missing": MISSING,
        "chunk_size": int(chunk_size),
        "packed_codes": packed,
        "code_type": code_type,
        **vocab,
    }

    def finish() -> dict:
        # futures are collected in submission order, so the output is deterministic
        with pool:
            payload.update(zip(columns, [f.result() for f in num_futs], strict=True))
            done = [f.result() for f in chunk_futs]
            payload["chunks"] = [json_part for json_part, _ in done]
            payload["code_chunks"] = [code_part for _, code_part in done]
            payload["text_chunks"] = {col: [f.result() for f in futs] for col, futs in text_futs.items()}
        return payload

    return finish


def counts_as_rows(counts: pd.DataFrame) -> pd.DataFrame:
    """A table of counts as the rows a payload encodes: one per district and month (a table of
    counts, geo.counts.COUNTS_COLUMNS: no type) or per month, type and place (a page extract's
    counts, geo.page_extract.COUNT_KEYS), dated the month's first day, with no coordinates or
    actors."""
    n = len(counts)
    blank = pd.Series([""] * n, dtype=object)
    month = pd.to_datetime(counts["month"]).reset_index(drop=True)
    given = lambda column, default: (counts[column].to_numpy(dtype=object)  # noqa: E731
                                     if column in counts else default)
    return pd.DataFrame({
        "event_id": (counts["district_pcode"].astype(str).to_numpy()
                     + "-" + month.dt.strftime("%Y-%m").fillna("").to_numpy()),
        "event_date": month, "event_type": given("event_type", blank),
        "fatalities": counts["fatalities"].to_numpy(),
        "latitude": np.nan, "longitude": np.nan, "actor1": blank, "actor2": blank,
        **{c: counts[c].to_numpy(dtype=object) for c in ("country_iso3", "region", "zone", "district",
                                                         "district_pcode")},
        "source_file": given("source_file", blank),
        "in_border_band": given("in_border_band", False), "notes": blank, "dataset": "counts"})


# --- Python decoders (tests, debugging) -------------------------------------------------


def _wire_dtype(key: str, packed: dict) -> np.dtype:
    return np.dtype(packed[key]).newbyteorder("<") if key in packed else _NUMERIC[key]


def decode_array(payload: dict, key: str) -> np.ndarray:
    """Decode one numeric column of a payload to a numpy array (packed codes widened)."""
    raw = zlib.decompress(base64.b64decode(payload[key]))
    packed = payload.get("packed_codes", {})
    values = np.frombuffer(raw, dtype=_wire_dtype(key, packed))
    return (values.astype(np.int64) - 1).astype(_NUMERIC[key]) if key in packed else values.copy()


def coded_text(payload: dict, start: int, count: int) -> dict[str, list[str]]:
    """The CODED_TEXT_COLUMNS of events [start, start + count), rebuilt from the typed columns."""
    rows = slice(start, start + count)

    def named(key: str, vocabulary: list) -> list[str]:
        return ["" if c < 0 else vocabulary[c] for c in decode_array(payload, key)[rows].tolist()]

    zones = [z.split("_", 1)[0] if z.startswith("spillover_") else z for z in payload["zones"]]
    zone_codes = decode_array(payload, "zone_code")[rows].tolist()
    countries = decode_array(payload, "country_code")[rows].tolist()
    days = decode_array(payload, "day")[rows]
    dates = np.datetime_as_string(days.astype("datetime64[D]"), unit="D").tolist()
    return {
        "date_text": ["" if d == MISSING else text for d, text in zip(days.tolist(), dates, strict=True)],
        "actor1": named("actor1_code", payload["actors"]),
        "actor2": named("actor2_code", payload["actors"]),
        "region": named("region_code", [name for _iso3, name in payload["regions"]]),
        "zone": ["" if c == NO_CODE["uint8"] else zones[c] for c in zone_codes],
        "country_iso3": ["" if c == NO_CODE["uint8"] else payload["countries"][c] for c in countries],
        "district": named("district_code", [name for name, _region, _iso3 in payload["district_names"]]),
    }


def decode_chunk(payload: dict, k: int) -> dict[str, list]:
    """Decode chunk ``k`` to ``{column: list of per-row values}``, CODED_TEXT_COLUMNS included."""
    obj = orjson.loads(zlib.decompress(base64.b64decode(payload["chunks"][k])))
    out = {"start": obj["start"], "count": obj["count"]}
    for col in PLAIN_TEXT_COLUMNS:
        block = zlib.decompress(base64.b64decode(payload["text_chunks"][col][k]))
        out[col] = orjson.loads(block[1:]) if block[:1] == b"J" else block[1:].decode("utf-8").split("\x00")
    block = zlib.decompress(base64.b64decode(payload["code_chunks"][k]))
    columns = payload.get("dict_columns", DICT_COLUMNS)
    codes = np.frombuffer(block, dtype=np.dtype(payload["code_type"]).newbyteorder("<")).reshape(len(columns), -1)
    for col, column_codes in zip(columns, codes, strict=True):
        values = obj[col]["values"]
        out[col] = [values[c] for c in column_codes.tolist()]
    out.update(coded_text(payload, obj["start"], obj["count"]))
    return out
