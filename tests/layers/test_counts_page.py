"""A table of counts on the page (layers/_store.py CountStore, layers/_payload.py "counts"):
the counts payload carries the summary's totals per district, no points and no event type;
the choropleth's legend says what it counts and the page credits ACLED via HDX."""

from __future__ import annotations

import json
import re

import numpy as np

from layers._payload import MISSING, NO_TYPE, decode_array, decode_chunk


def _count_payload(page: str) -> dict:
    """The JSON literal given to SahelMap.store() by the page's counts store."""
    start = re.search(r"var count_store_\d+ = SahelMap\.store\(", page).end()
    payload, _ = json.JSONDecoder().raw_decode(page[start:])
    return payload


def test_the_counts_payload_holds_the_summarys_counts(hdx_counts_map):
    path, summary = hdx_counts_map
    page = path.read_text("utf-8")
    payload = _count_payload(page)
    weight, district = decode_array(payload, "weight"), decode_array(payload, "district_code")
    counts = summary["counts"]
    assert payload["counts"] is True and payload["n"] == counts["mapped"]["rows"] == 36
    assert int(weight.sum()) == counts["mapped"]["events"] == 144
    assert int(decode_array(payload, "fatalities").sum()) == counts["mapped"]["fatalities"]
    per_district = {payload["districts"][c]: int(weight[district == c].sum()) for c in np.unique(district)}
    assert per_district == {code: d["events"] for code, d in counts["by_district"].items()}
    # no points, no event type, dated the month's first day
    assert set(decode_array(payload, "lat").tolist()) == {MISSING}
    assert set(decode_array(payload, "type").tolist()) == {NO_TYPE}
    assert decode_chunk(payload, 0)["date_text"][0] == "2023-01-01"


def test_the_counts_page_says_what_it_counts_and_credits_acled_via_hdx(hdx_counts_map):
    page = hdx_counts_map[0].read_text("utf-8")
    assert '"note":"Counts: events per district and month, ACLED via HDX"' in page
    assert '"districtZoom":0' in page  # a map of counts alone is by district at every zoom
    assert "Counts: ACLED (Armed Conflict Location \\u0026amp; Event Data Project)" in page  # escaped HTML in JS
    assert "events per district and month, ACLED via HDX" in page
    # no events overlay: counts are never drawn as points
    assert "event_store_" not in page
