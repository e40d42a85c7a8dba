"""Round-trip tests of layers._payload.encode_events (decoded in Python)."""

from __future__ import annotations

import base64
import re
import zlib

import numpy as np
import orjson
import pandas as pd
import pytest

from layers._bundle import STATIC, library_js
from layers._payload import (
    CODED_TEXT_COLUMNS,
    DICT_COLUMNS,
    EVENT_TYPE_COLORS,
    EVENT_TYPES,
    MISSING,
    NUMERIC_COLUMNS,
    PLAIN_TEXT_COLUMNS,
    decode_array,
    decode_chunk,
    encode_events,
)

HOSTILE = [
    '<img src=x onerror="window.__xss=1">',
    "</script><script>window.__xss=1</script>",
    "${window.__xss=1}",
    "`tick`",
    "a\u2028b\u2029c",
    "Tombouctou – Ségou ✓ 🙂",
]
TEXT_COLUMNS = [
    "event_id",
    "sub_event_type",
    "actor1",
    "actor2",
    "location",
    "country",
    "source",
    "notes",
    "dataset",
    "region",
    "zone",
    "country_iso3",
]


def make_events(n: int = 257, seed: int = 7) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    days = rng.integers(np.datetime64("1997-01-01").astype(int), 20000, n)
    tp = pd.array(rng.integers(1, 4, n), dtype="Int64")
    tp[::11] = pd.NA
    gp = pd.array(rng.integers(1, 4, n), dtype="Int64")
    gp[::13] = pd.NA
    fat = pd.array(rng.poisson(3, n), dtype="Int64")
    fat[::5] = pd.NA
    pick = lambda vals: pd.Series(np.array(vals, dtype=object)[rng.integers(0, len(vals), n)])  # noqa: E731
    df = pd.DataFrame(
        {
            "event_id": [f"EV{i}" for i in range(n)],
            "event_date": pd.to_datetime(days, unit="D"),
            "time_precision": tp,
            "event_type": pick(EVENT_TYPES),
            "sub_event_type": pick(["Armed clash", "Attack", "Air/drone strike"]),
            "actor1": pick(["JNIM", "ISGS", "Military Forces of Mali"]),
            "actor2": pick(["", "Civilians (Mali)", "JNIM"]),
            "fatalities": fat,
            "latitude": rng.uniform(12, 25, n),
            "longitude": rng.uniform(-12, 4, n),
            "geo_precision": gp,
            "location": pick(["Mopti", "Gao", "Ménaka", "Tessalit"]),
            "country": pick(["Mali", "Niger", "Burkina Faso"]),
            "source": pick(["Reuters", "AFP", "Local source"]),
            "notes": [f"note {i} " + "x" * int(rng.integers(0, 150)) for i in range(n)],
            "dataset": pick(["ucdp", "acled", "native", "synthetic"]),
            "region": pick(["Mopti", "Gao", "Kidal"]),
            "zone": pick(["Centre", "North", ""]),
            "country_iso3": pick(["MLI", "NER", "BFA"]),
        }
    )
    for r, h in enumerate(HOSTILE):
        for c in TEXT_COLUMNS:
            df.at[r, c] = h
    df.loc[10:12, ["actor2", "location", "notes"]] = None
    return df


def decode_all_chunks(payload: dict) -> dict[str, list]:
    out: dict[str, list] = {}
    for k in range(len(payload["chunks"])):
        chunk = decode_chunk(payload, k)
        assert chunk["start"] == k * payload["chunk_size"]
        for col, vals in chunk.items():
            if isinstance(vals, list):
                assert len(vals) == chunk["count"]
                out.setdefault(col, []).extend(vals)
    return out


def expected_text(series: pd.Series) -> list[str]:
    return ["" if pd.isna(v) else str(v) for v in series.astype(object)]


def expected_int(series: pd.Series) -> list:
    return [None if pd.isna(v) else int(v) for v in series]


@pytest.fixture(scope="module")
def events() -> pd.DataFrame:
    return make_events()


@pytest.fixture(scope="module")
def payload(events) -> dict:
    return encode_events(events, chunk_size=50)


def test_header(events, payload):
    assert payload["n"] == len(events) == 257
    assert payload["types"] == list(EVENT_TYPES)
    assert payload["colors"] == [EVENT_TYPE_COLORS[t] for t in EVENT_TYPES]
    assert len(set(payload["colors"])) == 6
    days = (events["event_date"].to_numpy().astype("datetime64[D]")).astype(np.int64)
    assert payload["day_min"] == days.min()
    assert payload["day_max"] == days.max()
    assert payload["chunk_size"] == 50
    assert len(payload["chunks"]) == 6  # ceil(257 / 50)
    orjson.dumps(payload)  # JSON-able


def test_numeric_round_trip(events, payload):
    lat = decode_array(payload, "lat")
    lon = decode_array(payload, "lon")
    assert lat.dtype == np.int32 and lat.shape == (257,)
    np.testing.assert_allclose(lat / 1e5, events["latitude"], atol=0.5e-5 + 1e-12)
    np.testing.assert_allclose(lon / 1e5, events["longitude"], atol=0.5e-5 + 1e-12)
    assert lat[0] == round(events["latitude"][0] * 1e5)

    types = decode_array(payload, "type")
    assert types.dtype == np.uint8
    assert [EVENT_TYPES[t] for t in types] == events["event_type"].tolist()

    day = decode_array(payload, "day")
    expected = (events["event_date"] - pd.Timestamp("1970-01-01")).dt.days.to_numpy()
    np.testing.assert_array_equal(day, expected)

    fat = decode_array(payload, "fatalities")
    exp_fat = events["fatalities"].astype("Float64").to_numpy(dtype=float, na_value=-1)
    np.testing.assert_array_equal(fat, exp_fat.astype(np.int32))


def test_na_fatalities_are_minus_one(events, payload):
    fat = decode_array(payload, "fatalities")
    na = events["fatalities"].isna().to_numpy()
    assert na.sum() == 52
    assert (fat[na] == -1).all()
    assert (fat[~na] >= 0).all()


def test_raw_bytes_are_little_endian_zlib(payload):
    raw = zlib.decompress(base64.b64decode(payload["lat"]))
    assert len(raw) == 4 * payload["n"]
    first = int.from_bytes(raw[:4], "little", signed=True)
    assert first == decode_array(payload, "lat")[0]


def test_text_round_trip(events, payload):
    got = decode_all_chunks(payload)
    for col in TEXT_COLUMNS:
        assert got[col] == expected_text(events[col]), col
    assert got["time_precision"] == expected_int(events["time_precision"])
    assert got["geo_precision"] == expected_int(events["geo_precision"])
    assert got["date_text"] == [d.strftime("%Y-%m-%d") for d in events["event_date"]]
    # hostile strings survive byte-for-byte
    assert got["notes"][:6] == HOSTILE
    assert got["actor1"][4] == "a\u2028b\u2029c"
    assert got["notes"][10] == "" and got["location"][11] == ""


def test_chunks_are_dictionary_encoded(payload):
    obj = orjson.loads(zlib.decompress(base64.b64decode(payload["chunks"][1])))
    assert obj["start"] == 50 and obj["count"] == 50
    assert not set(PLAIN_TEXT_COLUMNS) & set(obj)  # in the text blocks
    codes = np.frombuffer(zlib.decompress(base64.b64decode(payload["code_chunks"][1])), dtype="<u2")
    assert payload["code_type"] == "uint16" and codes.shape == (50 * len(DICT_COLUMNS),)
    for c, col in enumerate(DICT_COLUMNS):
        assert set(obj[col]) == {"values"}, col
        assert len(obj[col]["values"]) == len(set(map(repr, obj[col]["values"])))
        column_codes = codes[50 * c:50 * (c + 1)]
        assert column_codes.max() == len(obj[col]["values"]) - 1  # every value is used
        assert column_codes[0] == 0  # in order of first appearance
    assert set(obj["country"]["values"]) <= {"Mali", "Niger", "Burkina Faso"}
    assert set(obj["time_precision"]["values"]) <= {1, 2, 3, None}
    assert not set(CODED_TEXT_COLUMNS) & set(obj)  # rebuilt from the typed columns instead


def test_text_blocks_join_the_strings_with_nul(payload, events):
    block = zlib.decompress(base64.b64decode(payload["text_chunks"]["notes"][1]))
    assert block[:1] == b"T"
    assert block[1:].decode("utf-8").split("\x00") == events["notes"].iloc[50:100].tolist()
    assert [len(p) for p in payload["text_chunks"].values()] == [len(payload["chunks"])] * 2


def test_a_string_holding_nul_makes_its_block_json():
    df = make_events(20)
    df.loc[9, "notes"] = "before\x00after"
    p = encode_events(df, chunk_size=8)
    blocks = [zlib.decompress(base64.b64decode(b))[:1] for b in p["text_chunks"]["notes"]]
    assert blocks == [b"T", b"J", b"T"]
    assert decode_all_chunks(p)["notes"] == df["notes"].fillna("").tolist()


def test_code_columns_are_packed_into_the_narrowest_type(events):
    many = events.assign(actor1=[f"Actor {i}" for i in range(len(events))])  # 257+ names
    small, wide = encode_events(events, chunk_size=50), encode_events(many, chunk_size=50)
    assert small["packed_codes"] == {"region_code": "uint8", "actor1_code": "uint8", "actor2_code": "uint8",
                                     "district_code": "uint8"}
    assert wide["packed_codes"]["actor1_code"] == "uint16"
    raw = zlib.decompress(base64.b64decode(wide["actor1_code"]))
    assert len(raw) == 2 * len(events)
    actors = decode_array(wide, "actor1_code")
    assert actors.dtype == np.int32
    assert [wide["actors"][c] for c in actors] == many["actor1"].tolist()


def test_deterministic(events):
    a = encode_events(events, chunk_size=50)
    b = encode_events(events.copy(), chunk_size=50)
    assert orjson.dumps(a) == orjson.dumps(b)
    assert orjson.dumps(a, option=orjson.OPT_SORT_KEYS) == orjson.dumps(
        b, option=orjson.OPT_SORT_KEYS
    )


def test_last_partial_chunk(events, payload):
    last = decode_chunk(payload, len(payload["chunks"]) - 1)
    assert last["start"] == 250 and last["count"] == 7
    assert last["event_id"] == [f"EV{i}" for i in range(250, 257)]


def test_missing_values_and_object_columns():
    df = make_events(20)
    df.loc[3, "latitude"] = np.nan
    df.loc[4, "event_date"] = pd.NaT
    df["event_id"] = pd.Series(list(range(20)), dtype=object)  # non-string ids
    p = encode_events(df, chunk_size=8)
    assert decode_array(p, "lat")[3] == MISSING
    assert decode_array(p, "day")[4] == MISSING
    got = decode_all_chunks(p)
    assert got["date_text"][4] == ""
    assert got["event_id"] == [str(i) for i in range(20)]
    valid = df["event_date"].dropna().to_numpy().astype("datetime64[D]").astype(np.int64)
    assert p["day_min"] == valid.min()


def test_empty_frame():
    p = encode_events(make_events(10).iloc[:0])
    assert p["n"] == 0 and p["chunks"] == []
    assert decode_array(p, "lat").size == 0
    assert p["day_min"] == 0 == p["day_max"]


def test_unknown_event_type_rejected():
    df = make_events(10)
    df.loc[2, "event_type"] = "Not a type"
    with pytest.raises(ValueError, match="Not a type"):
        encode_events(df)


@pytest.mark.parametrize("dtype", [object, "string[python]"])
def test_lone_surrogate_does_not_crash(dtype):
    df = make_events(10)
    df["notes"] = df["notes"].astype(object)  # arrow-backed strings cannot hold surrogates
    df.loc[1, "notes"] = "bad \ud800 surrogate"
    df["notes"] = df["notes"].astype(dtype)
    p = encode_events(df)
    assert decode_chunk(p, 0)["notes"][1] == "bad \ufffd surrogate"


def test_regions_are_country_and_name_pairs_even_with_a_bar_in_the_name():
    df = make_events(20).assign(country_iso3="MLI", region="Gao|Ménaka")
    df.loc[3, "country_iso3"] = ""
    p = encode_events(df)
    assert p["regions"] == [["", "Gao|Ménaka"], ["MLI", "Gao|Ménaka"]]
    assert decode_chunk(p, 0)["region"][:4] == ["Gao|Ménaka"] * 4


def test_district_names_label_the_districts_for_the_filter_panel():
    df = make_events(6).assign(
        district=["Séno", "Bankass", "", "Bankass", "Tillabéri", "Séno"],
        district_pcode=["BF5601", "ML0502", "", "ML0502", "NE0060", "BF5601"],
        region=["Sahel", "Mopti", "Gao", "Mopti", "Tillabéri", "Sahel"],
        country_iso3=["BFA", "MLI", "MLI", "MLI", "NER", "BFA"])
    p = encode_events(df)
    assert p["districts"] == ["BF5601", "ML0502", "NE0060"]
    assert p["district_names"] == [["Séno", "Sahel", "BFA"], ["Bankass", "Mopti", "MLI"],
                                   ["Tillabéri", "Tillabéri", "NER"]]
    assert encode_events(df.assign(district_pcode="", district=""))["district_names"] == []


def test_more_countries_than_the_codes_hold_is_an_error_not_wrong_text():
    df = make_events(300).assign(country_iso3=[f"C{i:03d}" for i in range(300)])
    with pytest.raises(ValueError, match="300 countries"):
        encode_events(df)


# --- the browser's side of the format (layers/static/js/store.js, decode.js) -------------


def test_payload_names_its_own_columns(payload):
    assert payload["format"] == "sahelmap-events" and payload["version"] == 3
    assert payload["numeric_columns"] == NUMERIC_COLUMNS
    assert payload["plain_text_columns"] == list(PLAIN_TEXT_COLUMNS)
    assert payload["dict_columns"] == list(DICT_COLUMNS)
    assert all(isinstance(payload[name], str) for name in NUMERIC_COLUMNS)


def test_browser_code_holds_no_copy_of_the_column_lists():
    """The browser decodes the columns the payload names; a list typed into the JS would
    drift from the Python one (as DICT_COLUMNS once did)."""
    js = library_js()
    for column in (*NUMERIC_COLUMNS, *PLAIN_TEXT_COLUMNS, *DICT_COLUMNS):
        for quote in "'\"`":
            assert f"{quote}{column}{quote}" not in js, column


def test_browser_decoder_reads_this_format_and_every_column_type(payload):
    store_js = (STATIC / "js" / "store.js").read_text("utf-8")
    decode_js = (STATIC / "js" / "decode.js").read_text("utf-8")
    assert re.search(r"const PAYLOAD_FORMAT = '([^']+)';", store_js).group(1) == payload["format"]
    assert int(re.search(r"const PAYLOAD_VERSION = (\d+);", store_js).group(1)) == payload["version"]
    typed = re.search(r"const TYPED_ARRAYS = \{([^}]*)\};", decode_js).group(1)
    known = {pair.split(":")[0].strip() for pair in typed.split(",")}
    assert set(NUMERIC_COLUMNS.values()) | set(payload["packed_codes"].values()) <= known
