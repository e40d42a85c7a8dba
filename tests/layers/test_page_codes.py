"""The payload's codes for the page's filters, counts and chart (layers/_payload.py), on the
real joined table of the default map; and the "Areas" legend naming the layers it stands for."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from geo.actors import actor_group_mask, load_actor_groups
from layers._payload import (
    NO_CODE,
    NUMERIC_COLUMNS,
    ZONE_ORDER,
    decode_array,
    decode_chunk,
    encode_events,
)


@pytest.fixture(scope="module")
def joined(default_prepared) -> pd.DataFrame:
    return default_prepared.events.reset_index(drop=True)


@pytest.fixture(scope="module")
def payload(joined) -> dict:
    return encode_events(joined)


def _decoded(payload: dict, column: str, vocabulary: str) -> list:
    none = NO_CODE[NUMERIC_COLUMNS[column]]
    return [None if c == none else payload[vocabulary][c] for c in decode_array(payload, column).tolist()]


def test_region_codes_name_each_events_country_and_region(joined, payload):
    got = _decoded(payload, "region_code", "regions")
    expected = [None if not r else [i, r] for i, r in zip(joined["country_iso3"], joined["region"], strict=True)]
    assert got == expected
    assert ["MLI", "Gao"] in payload["regions"] and payload["regions"] == sorted(payload["regions"])


def test_zone_codes_split_spillover_by_country(joined, payload):
    got = pd.Series(_decoded(payload, "zone_code", "zones"))
    assert payload["zones"] == [z for z in ZONE_ORDER if z in set(got)]
    spill = joined["zone"] == "spillover"
    assert (got[spill] == "spillover_" + joined.loc[spill, "country_iso3"].str.lower()).all()
    assert (got[~spill] == joined.loc[~spill, "zone"]).all()
    assert got.value_counts()["spillover_bfa"] + got.value_counts()["spillover_ner"] == spill.sum() == 445


def test_band_country_and_actor_codes(joined, payload):
    assert decode_array(payload, "band").tolist() == joined["in_border_band"].astype(int).tolist()
    assert sum(decode_array(payload, "band")) == 39
    assert _decoded(payload, "country_code", "countries") == [c or None for c in joined["country_iso3"]]
    for column in ("actor1", "actor2"):
        codes = decode_array(payload, f"{column}_code")
        assert [payload["actors"][c] if c >= 0 else "" for c in codes] == joined[column].fillna("").tolist()


def test_group_masks_are_the_clis(joined, payload):
    masks = decode_array(payload, "group_mask")
    assert masks.tolist() == actor_group_mask(joined).tolist()
    groups = load_actor_groups()
    listed = {gid: bit for gid, _name, bit in payload["actor_groups"]}
    assert all(groups[bit].id == gid for gid, bit in listed.items())
    jnim = listed["jnim"]
    assert ((masks >> np.uint32(jnim)) & 1).sum() > 0
    present = np.bitwise_or.reduce(masks)
    assert sorted(listed.values()) == [b for b in range(len(groups)) if (int(present) >> b) & 1]


def test_popups_get_the_sources_low_high_range(joined, payload):
    chunk = decode_chunk(payload, 0)
    for column in ("fatalities_low", "fatalities_high"):
        assert chunk[column] == [None if pd.isna(v) else int(v) for v in joined[column]]
    wide = joined.index[(joined["fatalities_low"] != joined["fatalities_high"])
                        & joined["fatalities_high"].notna()]
    assert len(wide) > 100  # UCDP gives a real range for many events


def test_a_frame_without_join_columns_still_encodes():
    frame = pd.DataFrame({"event_id": ["a"], "event_date": pd.to_datetime(["2020-01-01"]),
                          "event_type": ["Battles"], "actor1": ["X"], "actor2": [""], "fatalities": [1],
                          "latitude": [15.0], "longitude": [-2.0], "time_precision": [1],
                          "geo_precision": [1], "sub_event_type": [""], "location": [""],
                          "region": [""], "zone": [""], "country": [""], "country_iso3": [""],
                          "source": [""], "dataset": ["native"], "notes": [""]})
    payload = encode_events(frame)
    assert decode_array(payload, "region_code").tolist() == [-1]
    assert decode_array(payload, "zone_code").tolist() == [255]
    assert payload["actors"] == ["X"] and payload["actor_groups"] == []


def test_area_legend_entries_name_their_layers(default_prepared):
    import build_map
    from layers.overlays import MapContext, area_legend

    m = build_map.build()
    html = m.get_root().render()
    assert 'SahelMap.legend(map, {"title":"Areas"' in html
    ctx = MapContext(default_prepared, [], [], 100.0)
    built = {"zones": [type("L", (), {"get_name": lambda self, n=n: n})() for n in ("north_js", "central_js")],
             "band": [type("L", (), {"get_name": lambda self: "band_js"})()]}
    entries = area_legend(ctx, {"zones", "band"}, built)
    assert [(label, names) for label, _colour, names in entries] == [
        ("Northern conflict zone", ["north_js"]), ("Central conflict zone", ["central_js"]),
        ("Border band", ["band_js"])]
