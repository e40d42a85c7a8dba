"""The page's decoder (layers/static/js/decode.js, run by node) reads every field of a payload
as layers/_payload.py does: hostile text, NUL in a note (a JSON block), missing values."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import orjson

from layers._payload import (
    CODED_TEXT_COLUMNS,
    DICT_COLUMNS,
    PLAIN_TEXT_COLUMNS,
    decode_array,
    decode_chunk,
    encode_events,
)
from tests.layers.test_jenks_in_node import node
from tests.layers.test_payload import make_events

ROOT = Path(__file__).resolve().parents[2]


def test_every_field_decodes_in_node_as_in_python():
    events = make_events(120)
    events.loc[9, "notes"] = "before\x00after"  # its chunk's notes are sent as JSON
    payload = encode_events(events, chunk_size=50)
    run = subprocess.run([node(), "tests/js/decode_payload.js"], input=orjson.dumps(payload), capture_output=True,
                         cwd=ROOT, timeout=120, check=True)
    details = json.loads(run.stdout)
    assert len(details) == payload["n"] == 120
    for k in range(len(payload["chunks"])):
        chunk = decode_chunk(payload, k)
        for j in range(chunk["count"]):
            event = details[chunk["start"] + j]
            for column in (*PLAIN_TEXT_COLUMNS, *DICT_COLUMNS, *CODED_TEXT_COLUMNS):
                assert event[column] == chunk[column][j], (chunk["start"] + j, column)
    assert [d["notes"] for d in details] == events["notes"].fillna("").tolist()
    missing = payload["missing"]
    assert [d["fatalities"] for d in details] == [None if f < 0 else f for f in decode_array(payload, "fatalities")]
    assert [d["latitude"] for d in details] == [None if v == missing else v / 1e5 for v in decode_array(payload, "lat")]
    assert [d["event_type"] for d in details] == [payload["types"][t] for t in decode_array(payload, "type")]
