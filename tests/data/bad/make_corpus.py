#!/usr/bin/env python3
"""Generate the bad-input and hostile-input test corpus for the event loader.

Writes, deterministically (byte-identical on every run):

* ``tests/data/bad/*``           one file per failure mode, plus README.md and expected.json
* ``tests/data/hostile/*``       hostile_events.csv, hostile_acled.csv, README.md, expected.json

Everything written here is TEST FIXTURE data.  The only real event records are the UCDP GED 23.1
rows copied from ``data/sources/events/ucdp_ged231_sample_sahel_uncertainUCDP.csv`` (used in
``ucdp_no_header.csv`` and ``ucdp_bad_values.csv``; the modified copies in the latter are marked).
Coordinates of places are GeoNames gazetteer values.

Usage::

    python tests/data/bad/make_corpus.py            # (re)write the corpus
    python tests/data/bad/make_corpus.py --check    # exit 1 if any file on disk differs
    python tests/data/bad/make_corpus.py --verify   # re-parse the files, check counts vs expected

Only the standard library and pyarrow (a project dependency, for the two .parquet files) are used.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import math
import struct
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent  # tests/data/bad
DATA = HERE.parent  # tests/data
REPO = HERE.parents[2]
UCDP_SAMPLE = REPO / "data/sources/events/ucdp_ged231_sample_sahel_uncertainUCDP.csv"

LABEL = "TEST FIXTURE - synthetic row, not real event data."

ACLED_HEADER = (
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,"
    "assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,"
    "country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,"
    "notes,fatalities,tags,timestamp"
).split(",")
assert len(ACLED_HEADER) == 31

NATIVE_HEADER = (
    "event_id,event_date,time_precision,event_type,sub_event_type,actor1,actor2,fatalities,"
    "latitude,longitude,geo_precision,location,country,source,notes,dataset"
).split(",")
assert len(NATIVE_HEADER) == 16

# GeoNames gazetteer coordinates (lat, lon) and admin1 (region) / admin2 (cercle) / admin3 (commune)
PLACES: dict[str, tuple[str, str, str, str, str]] = {
    "Gao": ("16.27167", "-0.04472", "Gao", "Gao", "Gao"),
    "Kidal": ("18.44345", "1.40921", "Kidal", "Kidal", "Kidal"),
    "Mopti": ("14.4843", "-4.18296", "Mopti", "Mopti", "Mopti"),
    "Ménaka": ("15.91985", "2.39609", "Ménaka", "Ménaka", "Ménaka"),
    "Tombouctou": ("16.77348", "-3.00742", "Tombouctou", "Tombouctou", "Tombouctou"),
    "Ségou": ("13.44032", "-6.25947", "Ségou", "Ségou", "Ségou"),
    "Bandiagara": ("14.35005", "-3.61038", "Mopti", "Bandiagara", "Bandiagara"),
    "Douentza": ("15.00605", "-2.9517", "Mopti", "Douentza", "Douentza"),
    "Ansongo": ("15.6597", "0.5022", "Gao", "Ansongo", "Ansongo"),
    "Niono": ("14.25054", "-5.98679", "Ségou", "Niono", "Niono"),
    "Djenné": ("13.90608", "-4.55332", "Mopti", "Djenné", "Djenné"),
    "Ténenkou": ("14.45722", "-4.9169", "Mopti", "Ténenkou", "Ténenkou"),
    "Goundam": ("16.41453", "-3.67075", "Tombouctou", "Goundam", "Goundam"),
    "Bourem": ("16.955", "-0.34861", "Gao", "Bourem", "Bourem"),
    "Tessalit": ("20.20126", "1.01186", "Kidal", "Tessalit", "Tessalit"),
    "Andéranboukan": ("15.4275", "3.0175", "Ménaka", "Ménaka", "Andéramboukane"),
    "Koro": ("14.064", "-3.07539", "Mopti", "Koro", "Koro"),
    "Niafunké": ("15.9322", "-3.9906", "Tombouctou", "Niafunké", "Soboundou"),
    "Diré": ("16.25705", "-3.40126", "Tombouctou", "Diré", "Diré"),
}
PLACE_CYCLE = [
    "Gao", "Mopti", "Kidal", "Ménaka", "Tombouctou", "Ségou", "Bandiagara", "Douentza",
    "Ansongo", "Niono", "Djenné", "Ténenkou", "Goundam", "Bourem", "Tessalit",
]  # fmt: skip

DATES = [
    "2019-01-14", "2019-03-05", "2019-05-22", "2019-07-09", "2019-09-30", "2019-11-18",
    "2020-01-26", "2020-03-12", "2020-05-07", "2020-06-21", "2020-08-15", "2020-10-30",
    "2020-12-02",
]  # fmt: skip

INTER_CODE = {
    "State forces": 1, "Rebel group": 2, "Political militia": 3, "Identity militia": 4,
    "Rioters": 5, "Protesters": 6, "Civilians": 7, "External/Other forces": 8,
}  # fmt: skip
DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}


@dataclass(frozen=True)
class Ev:
    type: str
    sub: str
    a1: str
    inter1: str
    a2: str
    inter2: str
    fat: int


EVENTS = [
    Ev("Battles", "Armed clash", "Military Forces of Mali", "State forces",
       "JNIM: Group for Support of Islam and Muslims", "Rebel group", 4),
    Ev("Explosions/Remote violence", "Remote explosive/landmine/IED", "Unidentified Armed Group (Mali)",
       "Political militia", "Military Forces of Mali", "State forces", 2),
    Ev("Violence against civilians", "Attack", "Islamic State (Sahel)", "Rebel group",
       "Civilians (Mali)", "Civilians", 7),
    Ev("Protests", "Peaceful protest", "Protesters (Mali)", "Protesters", "", "", 0),
    Ev("Riots", "Violent demonstration", "Rioters (Mali)", "Rioters",
       "Police Forces of Mali", "State forces", 0),
    Ev("Strategic developments", "Looting/property destruction",
       "JNIM: Group for Support of Islam and Muslims", "Rebel group", "Civilians (Mali)",
       "Civilians", 0),
    Ev("Battles", "Armed clash", "MSA: Movement for the Salvation of Azawad", "Political militia",
       "Islamic State (Sahel)", "Rebel group", 3),
    Ev("Violence against civilians", "Abduction/forced disappearance",
       "JNIM: Group for Support of Islam and Muslims", "Rebel group", "Civilians (Mali)",
       "Civilians", 0),
]  # fmt: skip


# --------------------------------------------------------------------------------------------
# row builders
# --------------------------------------------------------------------------------------------


def native_row(tag: str, i: int, place: str | None = None, **over: str) -> dict[str, str]:
    e = EVENTS[i % len(EVENTS)]
    place = place or PLACE_CYCLE[i % len(PLACE_CYCLE)]
    lat, lon = PLACES[place][:2]
    row = {
        "event_id": f"TEST-{tag}-{i + 1:03d}",
        "event_date": DATES[i % len(DATES)],
        "time_precision": "1",
        "event_type": e.type,
        "sub_event_type": e.sub,
        "actor1": e.a1,
        "actor2": e.a2,
        "fatalities": str(e.fat),
        "latitude": lat,
        "longitude": lon,
        "geo_precision": "1",
        "location": place,
        "country": "Mali",
        "source": "TEST FIXTURE (synthetic source)",
        "notes": f"{LABEL} {e.type} near {place}.",
        "dataset": "test-fixture",
    }
    row.update(over)
    return row


def acled_row(
    i: int,
    place: str | None = None,
    iso_date: str | None = None,
    date_text: str | None = None,
    old: bool = False,
    **over: str,
) -> dict[str, str]:
    """An ACLED export row.  ``old`` = older export style (dd-mm-yyyy, numeric inter codes)."""
    e = EVENTS[i % len(EVENTS)]
    place = place or PLACE_CYCLE[i % len(PLACE_CYCLE)]
    lat, lon, adm1, adm2, adm3 = PLACES[place]
    iso_date = iso_date or DATES[i % len(DATES)]
    y, m, d = iso_date.split("-")
    if date_text is None:
        date_text = f"{d}-{m}-{y}" if old else iso_date
    if old:
        c1 = INTER_CODE[e.inter1]
        c2 = INTER_CODE.get(e.inter2, 0)
        inter1, inter2 = str(c1), (str(c2) if c2 else "")
        interaction = f"{min(c1, c2)}{max(c1, c2)}" if c2 else f"{c1}0"
    else:
        inter1, inter2 = e.inter1, e.inter2
        interaction = f"{e.inter1}-{e.inter2}" if e.inter2 else f"{e.inter1} only"
    row = {
        "event_id_cnty": f"TESTMLI{i + 1:04d}",
        "event_date": date_text,
        "year": y,
        "time_precision": "1",
        "disorder_type": DISORDER[e.type],
        "event_type": e.type,
        "sub_event_type": e.sub,
        "actor1": e.a1,
        "assoc_actor_1": "",
        "inter1": inter1,
        "actor2": e.a2,
        "assoc_actor_2": "",
        "inter2": inter2,
        "interaction": interaction,
        "civilian_targeting": "Civilian targeting" if e.inter2 == "Civilians" else "",
        "iso": "466",
        "region": "Western Africa",
        "country": "Mali",
        "admin1": adm1,
        "admin2": adm2,
        "admin3": adm3,
        "location": place,
        "latitude": lat,
        "longitude": lon,
        "geo_precision": "1",
        "source": "TEST FIXTURE (synthetic source)",
        "source_scale": "National",
        "notes": f"{LABEL} On {iso_date}, {e.type.lower()} near {place}.",
        "fatalities": str(e.fat),
        "tags": "",
        "timestamp": "1600000000",
    }
    row.update(over)
    return row


def csv_text(
    header: list[str],
    rows: list[dict[str, str] | list[str]],
    delimiter: str = ",",
    lineterminator: str = "\n",
    write_header: bool = True,
) -> str:
    buf = io.StringIO(newline="")
    w = csv.writer(buf, delimiter=delimiter, lineterminator=lineterminator)
    if write_header:
        w.writerow(header)
    for r in rows:
        w.writerow([r.get(h, "") for h in header] if isinstance(r, dict) else r)
    return buf.getvalue()


def load_ucdp() -> tuple[list[str], dict[str, list[str]]]:
    with UCDP_SAMPLE.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    header = rows[0]
    assert len(header) == 49, len(header)
    return header, {r[0]: r for r in rows[1:]}


# Real UCDP GED 23.1 rows in Mali / Burkina Faso / Niger (ids from the sample file)
UCDP_SAHEL_IDS = [
    "256789", "203499", "431002", "12989", "398385", "456557", "433894", "237564",
    "364471", "293114", "352268", "285416",
]  # fmt: skip


def mercator(lat: float, lon: float) -> tuple[float, float]:
    """Spherical (Web) Mercator, EPSG:3857, metres, rounded to cm."""
    r = 6378137.0
    x = r * math.radians(lon)
    y = r * math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))
    return round(x, 2), round(y, 2)


def feature(props: dict, geometry: dict | None) -> dict:
    return {"type": "Feature", "geometry": geometry, "properties": props}


def point(lat: str | float, lon: str | float) -> dict:
    return {"type": "Point", "coordinates": [float(lon), float(lat)]}


def geojson_bytes(obj: dict) -> bytes:
    return (json.dumps(obj, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def native_props(row: dict[str, str]) -> dict:
    p = {k: v for k, v in row.items() if k not in ("latitude", "longitude")}
    for k in ("time_precision", "geo_precision", "fatalities"):
        p[k] = int(p[k])
    return p


def png_bytes() -> bytes:
    """An 8x8 RGB PNG, stored (uncompressed) deflate so the bytes never depend on zlib's tuning."""
    w = h = 8
    raw = b"".join(
        b"\x00" + b"".join(bytes((x * 32, y * 32, 128)) for x in range(w)) for y in range(h)
    )

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    ihdr = struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(raw, 0))
        + chunk(b"IEND", b"")
    )


def random_bytes(n: int) -> bytes:
    out = b""
    counter = 0
    while len(out) < n:
        out += hashlib.sha256(b"sahel-corpus-random-%d" % counter).digest()
        counter += 1
    data = bytearray(out[:n])
    for k in range(0, n, 97):  # make sure there are plenty of NULs
        data[k] = 0
    return bytes(data)


def geoparquet_bytes(rows: list[dict[str, str]], null_geom_rows: set[int]) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    cols: dict[str, object] = {}
    for k in NATIVE_HEADER:
        if k in ("latitude", "longitude"):
            continue
        vals = [r[k] for r in rows]
        if k in ("time_precision", "geo_precision", "fatalities"):
            cols[k] = pa.array([int(v) for v in vals], pa.int64())
        else:
            cols[k] = pa.array(vals, pa.string())
    geoms = [
        None
        if i in null_geom_rows
        else struct.pack("<BIdd", 1, 1, float(r["longitude"]), float(r["latitude"]))
        for i, r in enumerate(rows)
    ]
    cols["geometry"] = pa.array(geoms, pa.binary())
    table = pa.table(cols)
    geo = {
        "version": "1.0.0",
        "primary_column": "geometry",
        "columns": {"geometry": {"encoding": "WKB", "geometry_types": ["Point"]}},
    }
    table = table.replace_schema_metadata({b"geo": json.dumps(geo, sort_keys=True).encode()})
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, compression="none")
    return sink.getvalue().to_pybytes()


# --------------------------------------------------------------------------------------------
# corpus
# --------------------------------------------------------------------------------------------

FILES: dict[str, bytes] = {}  # path relative to tests/data -> bytes
DIRS: list[str] = []  # directories (relative to tests/data) that must exist
EXPECTED: dict[str, dict] = {}
README_ROWS: list[tuple[str, str, str, str]] = []


def add_file(name: str, data: bytes | str, encoding: str = "utf-8") -> None:
    FILES[f"bad/{name}"] = data if isinstance(data, bytes) else data.encode(encoding)


def expect_rows(
    name: str,
    fmt: str,
    what: str,
    read: int,
    rejects: list[tuple[int, str, str]] | None = None,
    reason: str | None = None,
    origin: str = "brief",
    values: list[tuple[int, str, object]] | None = None,
    flagged: list[tuple[int, str]] | None = None,
    flag_contains: str | None = None,
    **extra: object,
) -> None:
    """rejects: (1-based data row, event id, reason substring for that row)."""
    rejects = rejects or []
    e: dict[str, object] = {
        "outcome": "rows",
        "format": fmt,
        "origin": origin,
        "read": read,
        "accepted": read - len(rejects),
        "rejected": len(rejects),
        "filtered_out": 0,
        "reject_reason_contains": reason,
        "rejects": [{"row": r, "event_id": i, "reason_contains": s} for r, i, s in rejects],
    }
    if flagged is not None:
        e["flagged"] = len(flagged)
        e["flag_contains"] = flag_contains
        e["flags"] = [{"row": r, "event_id": i} for r, i in flagged]
    if values:
        e["values"] = [{"row": r, "field": f, "value": v} for r, f, v in values]
    e.update(extra)
    EXPECTED[name] = e
    out = f"A: read {read} / accepted {read - len(rejects)} / rejected {len(rejects)}"
    if reason:
        out += f'; reject reason contains "{reason}"'
    elif rejects:
        out += "; per-row reasons: " + ", ".join(f'row {r} "{s}"' for r, _, s in rejects)
    if flagged:
        out += f'; {len(flagged)} rows flagged "{flag_contains}"'
    if origin != "brief":
        out += " *(extrapolated)*"
    README_ROWS.append((name, what, out, fmt))


def expect_exit2(
    name: str,
    fmt: str,
    what: str,
    contains: str,
    origin: str = "brief",
    contains_all: list[str] | None = None,
) -> None:
    e: dict[str, object] = {
        "outcome": "exit2",
        "format": fmt,
        "origin": origin,
        "message_contains": contains,
        "message_contains_all": contains_all or [contains],
    }
    EXPECTED[name] = e
    subs = " + ".join(f'"{s}"' for s in (contains_all or [contains]))
    out = f"B: exit 2, message contains {subs}"
    if origin != "brief":
        out += " *(extrapolated)*"
    README_ROWS.append((name, what, out, fmt))


def build_bad() -> None:  # noqa: C901 - one long, flat list of cases
    ucdp_header, ucdp = load_ucdp()

    # ---- B: empty / no data -------------------------------------------------------------
    add_file("empty.csv", b"")
    expect_exit2("empty.csv", "none (0 bytes)", "0-byte file", "empty")

    add_file("blank_lines_only.csv", b"\r\n\n   \r\n")
    expect_exit2(
        "blank_lines_only.csv",
        "none",
        "only blank / whitespace lines, no header",
        "empty",
        origin="extrapolated",
    )

    add_file("acled_header_only.csv", csv_text(ACLED_HEADER, []))
    expect_exit2(
        "acled_header_only.csv", "ACLED CSV", "valid ACLED header, no data rows", "no data rows"
    )

    add_file(
        "native_empty_featurecollection.geojson",
        geojson_bytes({"type": "FeatureCollection", "features": []}),
    )
    expect_exit2(
        "native_empty_featurecollection.geojson",
        "native GeoJSON",
        "FeatureCollection with an empty features array",
        "no features",
        origin="extrapolated",
    )

    # ---- A: delimiters ----------------------------------------------------------------
    rows = [native_row("SEMI", i) for i in range(5)]
    for r in rows:
        r["notes"] += " Commas, inside, notes, must not confuse delimiter detection."
    add_file("native_semicolon.csv", csv_text(NATIVE_HEADER, rows, delimiter=";"))
    expect_rows(
        "native_semicolon.csv", "native CSV (;)", "semicolon-delimited; notes contain commas", 5
    )

    rows = [acled_row(i) for i in range(5)]
    for r in rows:
        r["notes"] += " Commas, and; semicolons, in notes."
    add_file("acled_tab_delimited.csv", csv_text(ACLED_HEADER, rows, delimiter="\t"))
    expect_rows(
        "acled_tab_delimited.csv", "ACLED CSV (tab)", "tab-delimited ACLED export (named .csv)", 5
    )

    # ---- A: decimal commas ------------------------------------------------------------
    rows = [native_row("DEC", i) for i in range(6)]
    rows[1]["latitude"], rows[1]["longitude"] = "14,4843", "-4,18296"
    rows[3]["latitude"] = "16,27167"
    rows[4]["longitude"] = "1,40921"
    add_file("native_comma_decimal.csv", csv_text(NATIVE_HEADER, rows))
    expect_rows(
        "native_comma_decimal.csv",
        "native CSV",
        'comma CSV with quoted comma-decimal coordinates ("14,4843")',
        6,
        rejects=[
            (2, rows[1]["event_id"], "decimal"),
            (4, rows[3]["event_id"], "decimal"),
            (5, rows[4]["event_id"], "decimal"),
        ],
        reason="decimal",
    )

    rows = [native_row("SDEC", i) for i in range(5)]
    for k in (0, 2, 3):
        rows[k]["latitude"] = rows[k]["latitude"].replace(".", ",")
        rows[k]["longitude"] = rows[k]["longitude"].replace(".", ",")
    add_file("native_semicolon_comma_decimal.csv", csv_text(NATIVE_HEADER, rows, delimiter=";"))
    expect_rows(
        "native_semicolon_comma_decimal.csv",
        "native CSV (;)",
        "French-Excel style: semicolon-delimited with unquoted comma decimals in 3 rows",
        5,
        rejects=[(k + 1, rows[k]["event_id"], "decimal") for k in (0, 2, 3)],
        reason="decimal",
        origin="extrapolated",
    )

    # ---- A: encodings -----------------------------------------------------------------
    accented = ["Ménaka", "Ségou", "Djenné", "Ténenkou", "Andéranboukan", "Niafunké", "Diré"]
    rows = [acled_row(i, place=p) for i, p in enumerate(accented)]
    for r in rows:
        r["notes"] = r["notes"] + " Latin-1 encoded: é è à ç ô ï."
    add_file("acled_latin1.csv", csv_text(ACLED_HEADER, rows, lineterminator="\r\n"), "latin-1")
    expect_rows(
        "acled_latin1.csv",
        "ACLED CSV",
        "Latin-1 (cp1252) bytes, é in place names, CRLF",
        len(rows),
        values=[(k + 1, "location", p) for k, p in enumerate(accented)],
        encoding="latin-1",
    )

    rows = [
        native_row("U16", i, place=p)
        for i, p in enumerate(["Ségou", "Ménaka", "Djenné", "Gao", "Tombouctou"])
    ]
    text = csv_text(NATIVE_HEADER, rows, lineterminator="\r\n")
    add_file("native_utf16_bom.csv", b"\xff\xfe" + text.encode("utf-16-le"))
    expect_rows(
        "native_utf16_bom.csv",
        "native CSV",
        "UTF-16 little-endian with BOM (FF FE), CRLF",
        5,
        values=[(1, "location", "Ségou"), (2, "location", "Ménaka")],
        encoding="utf-16",
    )

    rows = [acled_row(i) for i in range(5)]
    add_file("acled_utf8_bom.csv", "\ufeff" + csv_text(ACLED_HEADER, rows))
    expect_rows(
        "acled_utf8_bom.csv",
        "ACLED CSV",
        "UTF-8 with BOM (EF BB BF) before the first header name",
        5,
        values=[(1, "event_id", "TESTMLI0001")],
        encoding="utf-8-sig",
    )

    # ---- A: line endings / embedded newlines ------------------------------------------
    rows = [native_row("EOL", i) for i in range(6)]
    lines = [csv_text(NATIVE_HEADER, [], lineterminator="")] + [
        csv_text(NATIVE_HEADER, [r], lineterminator="", write_header=False) for r in rows
    ]
    ends = ["\r\n", "\n", "\r", "\r\n", "\r", "\n"]  # header + 5 rows; last row unterminated
    add_file(
        "native_mixed_line_endings.csv",
        "".join(line + end for line, end in zip(lines, ends, strict=False)) + lines[-1],
    )
    expect_rows(
        "native_mixed_line_endings.csv",
        "native CSV",
        "\\r\\n, \\n and bare \\r line endings mixed; last line has no terminator",
        6,
    )

    rows = [acled_row(i) for i in range(5)]
    rows[0]["notes"] = f"{LABEL}\nSecond line of notes.\nThird line."
    rows[1]["notes"] = f"{LABEL}\r\nWindows line break inside a quoted field."
    rows[2]["assoc_actor_1"] = "Dan Na Ambassagou\nDozo Communal Militia (Mali)"
    rows[3]["notes"] = f'{LABEL}\n\n"Quoted" text, with a comma\nand blank line above.'
    rows[4]["source"] = "TEST FIXTURE source A\nTEST FIXTURE source B"
    add_file("acled_quoted_newlines.csv", csv_text(ACLED_HEADER, rows))
    expect_rows(
        "acled_quoted_newlines.csv",
        "ACLED CSV",
        "quoted fields containing \\n, \\r\\n and doubled quotes",
        5,
        values=[(1, "notes", rows[0]["notes"])],
    )

    # ---- B: header problems -----------------------------------------------------------
    hdr = [h for h in ACLED_HEADER if h != "latitude"]
    rows = [acled_row(i) for i in range(4)]
    add_file("acled_missing_latitude.csv", csv_text(hdr, rows))
    expect_exit2(
        "acled_missing_latitude.csv",
        "ACLED CSV",
        "ACLED export with the latitude column removed",
        "latitude",
    )

    hdr = [h for h in NATIVE_HEADER if h != "event_type"]
    rows = [native_row("NOET", i) for i in range(4)]
    add_file("native_missing_event_type_column.csv", csv_text(hdr, rows))
    expect_exit2(
        "native_missing_event_type_column.csv",
        "native CSV",
        "native file without the required event_type column",
        "event_type",
    )

    hdr = NATIVE_HEADER + ["latitude"]
    rows = [list(native_row("DUPC", i).values()) + ["0.0"] for i in range(4)]
    add_file("native_duplicate_column.csv", csv_text(hdr, rows))
    expect_exit2(
        "native_duplicate_column.csv",
        "native CSV",
        "column latitude appears twice (second copy all 0.0)",
        "duplicate",
        contains_all=["duplicate", "latitude"],
    )

    hdr = ["lat" if h == "latitude" else "lon" if h == "longitude" else h for h in ACLED_HEADER]
    rows = [list(acled_row(i).values()) for i in range(4)]
    add_file("acled_renamed_latlon.csv", csv_text(hdr, rows))
    expect_exit2(
        "acled_renamed_latlon.csv",
        "ACLED CSV",
        "ACLED export with latitude/longitude renamed to lat/lon",
        "latitude",
        contains_all=["latitude", "longitude"],
    )

    hdr = ["id", "date", "place", "what", "who", "deaths", "x", "y"]
    rows = [
        [f"TEST-UNK-{i + 1:03d}", DATES[i], p, "attack", "unknown", "1", PLACES[p][1], PLACES[p][0]]
        for i, p in enumerate(["Gao", "Mopti", "Kidal"])
    ]
    add_file("unknown_header.csv", csv_text(hdr, rows))
    expect_exit2(
        "unknown_header.csv",
        "unknown CSV",
        "header matches none of ACLED / UCDP GED / native",
        "header",
    )

    rows = [ucdp[i] for i in UCDP_SAHEL_IDS]
    add_file("ucdp_no_header.csv", csv_text(ucdp_header, rows, write_header=False))
    expect_exit2(
        "ucdp_no_header.csv",
        "UCDP GED CSV (real rows)",
        "12 real UCDP GED 23.1 rows (Mali/Burkina/Niger) with the header line removed",
        "header",
    )

    # ---- B: not a file / not text -----------------------------------------------------
    add_file("binary_png.csv", png_bytes())
    expect_exit2("binary_png.csv", "PNG image", "an 8x8 PNG image named .csv", "binary")

    add_file("binary_random.csv", random_bytes(4096))
    expect_exit2(
        "binary_random.csv", "random bytes", "4096 pseudo-random bytes with NULs", "binary"
    )

    DIRS.append("bad/a_directory.csv")
    FILES["bad/a_directory.csv/.gitkeep"] = b""
    expect_exit2(
        "a_directory.csv", "directory", "a directory (holding .gitkeep) named .csv", "directory"
    )

    EXPECTED["does_not_exist.csv"] = {
        "outcome": "exit2",
        "format": "missing path",
        "origin": "brief",
        "message_contains": "does not exist",
        "message_contains_all": ["does not exist"],
        "virtual": True,
    }
    README_ROWS.append(
        (
            "does_not_exist.csv",
            "path that does not exist (no file is written)",
            'B: exit 2, message contains "does not exist"',
            "missing path",
        )
    )

    # ---- A: coordinates ---------------------------------------------------------------
    rows = [native_row("TXT", i) for i in range(7)]
    bad = {1: "twelve", 2: "16.27N", 4: "16°16'18\"N", 5: "N/A", 6: "Gao"}
    for k, v in bad.items():
        rows[k]["latitude"] = v
    add_file("native_coords_text.csv", csv_text(NATIVE_HEADER, rows))
    expect_rows(
        "native_coords_text.csv",
        "native CSV",
        'non-numeric latitude: "twelve", "16.27N", DMS, "N/A", "Gao"',
        7,
        rejects=[(k + 1, rows[k]["event_id"], "latitude") for k in sorted(bad)],
        reason="latitude",
    )

    rows = [native_row("RNG", i) for i in range(6)]
    rows[1]["latitude"] = "95"
    rows[2]["longitude"] = "200"
    rows[3]["latitude"] = "-90.5"
    rows[5]["longitude"] = "-180.01"
    add_file("native_coords_out_of_range.csv", csv_text(NATIVE_HEADER, rows))
    expect_rows(
        "native_coords_out_of_range.csv",
        "native CSV",
        "lat 95, lon 200, lat -90.5, lon -180.01",
        6,
        rejects=[
            (2, rows[1]["event_id"], "latitude"),
            (3, rows[2]["event_id"], "longitude"),
            (4, rows[3]["event_id"], "latitude"),
            (6, rows[5]["event_id"], "longitude"),
        ],
        reason="range",
    )

    swapped = ["Gao", "Mopti", "Kidal", "Ménaka", "Tombouctou"]
    rows = [native_row("SWP", i, place=p) for i, p in enumerate(swapped + ["Ségou", "Bourem"])]
    for r in rows[: len(swapped)]:
        r["latitude"], r["longitude"] = r["longitude"], r["latitude"]
    add_file("native_swapped_latlon.csv", csv_text(NATIVE_HEADER, rows))
    expect_rows(
        "native_swapped_latlon.csv",
        "native CSV",
        "5 Mali places with lat/lon swapped (Gao as -0.04472, 16.27167); 2 correct rows",
        7,
        flagged=[(k + 1, rows[k]["event_id"]) for k in range(len(swapped))],
        flag_contains="swap",
    )

    for col in ("latitude", "longitude"):
        short = "lat" if col == "latitude" else "lon"
        rows = [native_row(f"NAN{short.upper()}", i) for i in range(8)]
        bad = {1: "NaN", 2: "nan", 3: "inf", 4: "-Infinity", 6: "", 7: "  "}
        for k, v in bad.items():
            rows[k][col] = v
        name = f"native_{short}_nan_inf_empty.csv"
        add_file(name, csv_text(NATIVE_HEADER, rows))
        expect_rows(
            name,
            "native CSV",
            f'{col}: "NaN", "nan", "inf", "-Infinity", empty, whitespace-only',
            8,
            rejects=[(k + 1, rows[k]["event_id"], col) for k in sorted(bad)],
            reason=col,
        )

    # ---- A: dates ---------------------------------------------------------------------
    forms = [
        ("2020-10-30", "2020-10-30"),
        ("2020-10-30", "30-10-2020"),
        ("2020-10-30", "30 October 2020"),
        ("2019-03-05", "2019-03-05"),
        ("2019-03-05", "05-03-2019"),
        ("2019-03-05", "5 March 2019"),
    ]
    rows = [acled_row(i, iso_date=iso, date_text=txt) for i, (iso, txt) in enumerate(forms)]
    add_file("acled_mixed_date_formats.csv", csv_text(ACLED_HEADER, rows))
    expect_rows(
        "acled_mixed_date_formats.csv",
        "ACLED CSV",
        'ISO, dd-mm-yyyy and "30 October 2020" dates in one ACLED file',
        6,
        values=[(k + 1, "event_date", iso) for k, (iso, _) in enumerate(forms)],
    )

    dates = [
        "2020-03-04",
        "03/04/2020",
        "25/12/2020",
        "04/03/2020",
        "13/01/2020",
        "01/02/2019",
        "30/10/2020",
    ]
    rows = [native_row("AMB", i, event_date=d) for i, d in enumerate(dates)]
    add_file("native_ambiguous_dates.csv", csv_text(NATIVE_HEADER, rows))
    expect_rows(
        "native_ambiguous_dates.csv",
        "native CSV",
        "slash dates: 03/04/2020, 04/03/2020, 01/02/2019 alone would be ambiguous, but "
        "25/12/2020, 13/01/2020, 30/10/2020 make the column day-first: all kept",
        7,
        rejects=[],
        values=[
            (1, "event_date", "2020-03-04"),
            (2, "event_date", "2020-04-03"),
            (3, "event_date", "2020-12-25"),
            (4, "event_date", "2020-03-04"),
            (5, "event_date", "2020-01-13"),
            (6, "event_date", "2019-02-01"),
            (7, "event_date", "2020-10-30"),
        ],
    )

    rows = [native_row("FUT", i) for i in range(5)]
    rows[1]["event_date"] = "2099-01-01"
    rows[3]["event_date"] = "2098-07-15"
    add_file("native_future_dates.csv", csv_text(NATIVE_HEADER, rows))
    expect_rows(
        "native_future_dates.csv",
        "native CSV",
        "event dates 2099-01-01 and 2098-07-15",
        5,
        rejects=[(2, rows[1]["event_id"], "future"), (4, rows[3]["event_id"], "future")],
        reason="future",
    )

    # ---- A: fatalities ----------------------------------------------------------------
    fats = ["4", "-1", "2.5", "many", "3.0", "0", "12"]
    rows = [native_row("FAT", i, fatalities=f) for i, f in enumerate(fats)]
    add_file("native_bad_fatalities.csv", csv_text(NATIVE_HEADER, rows))
    expect_rows(
        "native_bad_fatalities.csv",
        "native CSV",
        'fatalities -1, 2.5, "many" (bad) and "3.0" (ok, = 3)',
        7,
        rejects=[(k + 1, rows[k]["event_id"], "fatalities") for k in (1, 2, 3)],
        reason="fatalities",
        values=[(5, "fatalities", 3), (1, "fatalities", 4)],
    )

    # ---- A: duplicate ids -------------------------------------------------------------
    ids = [1, 2, 1, 3, 2, 4, 1]
    rows = []
    for k, n in enumerate(ids):
        r = acled_row(k)
        r["event_id_cnty"] = f"TESTMLI{n:04d}"
        rows.append(r)
    rows[2] = dict(rows[0])  # exact duplicate of row 1
    add_file("acled_duplicate_ids.csv", csv_text(ACLED_HEADER, rows))
    expect_rows(
        "acled_duplicate_ids.csv",
        "ACLED CSV",
        "event_id_cnty repeated (row 3 exact copy of row 1; rows 5, 7 differ)",
        7,
        rejects=[
            (3, "TESTMLI0001", "duplicate"),
            (5, "TESTMLI0002", "duplicate"),
            (7, "TESTMLI0001", "duplicate"),
        ],
        reason="duplicate",
    )

    # ---- A: huge field ----------------------------------------------------------------
    rows = [native_row("BIG", i) for i in range(3)]
    filler = f"{LABEL} Very long notes field. "
    rows[1]["notes"] = (filler * (100_000 // len(filler) + 1))[:100_000]
    add_file("native_huge_notes.csv", csv_text(NATIVE_HEADER, rows))
    expect_rows(
        "native_huge_notes.csv",
        "native CSV",
        "one notes field of 100,000 characters (below Python csv's 131,072 default limit)",
        3,
        values=[(2, "notes_length", 100_000)],
    )

    # ---- GeoJSON ----------------------------------------------------------------------
    rows = [native_row("PROJ", i) for i in range(5)]
    feats = []
    for r in rows:
        x, y = mercator(float(r["latitude"]), float(r["longitude"]))
        feats.append(feature(native_props(r), {"type": "Point", "coordinates": [x, y]}))
    add_file(
        "native_projected_no_crs.geojson",
        geojson_bytes({"type": "FeatureCollection", "features": feats}),
    )
    expect_exit2(
        "native_projected_no_crs.geojson",
        "native GeoJSON",
        'no "crs" member, coordinates in Web Mercator metres (Gao = -4978, 1836..)',
        "projected",
    )

    rows = [native_row("NULLG", i) for i in range(6)]
    feats = [
        feature(native_props(r), None if k in (1, 4) else point(r["latitude"], r["longitude"]))
        for k, r in enumerate(rows)
    ]
    add_file(
        "native_null_geometries.geojson",
        geojson_bytes({"type": "FeatureCollection", "features": feats}),
    )
    expect_rows(
        "native_null_geometries.geojson",
        "native GeoJSON",
        '"geometry": null in features 2 and 5',
        6,
        rejects=[(2, rows[1]["event_id"], "geometry"), (5, rows[4]["event_id"], "geometry")],
        reason="geometry",
    )

    text = geojson_bytes({"type": "FeatureCollection", "features": feats[:3]})
    add_file("native_truncated.geojson", text[: len(text) * 2 // 3])
    expect_exit2(
        "native_truncated.geojson",
        "native GeoJSON",
        "JSON cut off two thirds of the way through",
        "JSON",
        origin="extrapolated",
    )

    # ---- GeoParquet -------------------------------------------------------------------
    rows = [native_row("PQ", i) for i in range(5)]
    pq_bytes = geoparquet_bytes(rows, null_geom_rows={2})
    add_file("native_null_geometries.parquet", pq_bytes)
    expect_rows(
        "native_null_geometries.parquet",
        "native GeoParquet",
        "GeoParquet (WKB, no crs = OGC:CRS84) with a null geometry in row 3",
        5,
        rejects=[(3, rows[2]["event_id"], "geometry")],
        reason="geometry",
        origin="extrapolated",
    )

    add_file("native_truncated.parquet", pq_bytes[: len(pq_bytes) // 2])
    expect_exit2(
        "native_truncated.parquet",
        "native GeoParquet",
        "first half of a valid GeoParquet file (no footer)",
        "parquet",
        origin="extrapolated",
    )

    # ---- A: column / value problems -----------------------------------------------------
    rows = [acled_row(i) for i in range(5)]
    hdr = ACLED_HEADER[:28] + ["extra_note"] + ACLED_HEADER[28:] + ["population_best", "zz_extra"]
    for k, r in enumerate(rows):
        r["extra_note"] = f"TEST FIXTURE extra column {k}"
        r["population_best"] = str(1000 * (k + 1))
        r["zz_extra"] = "x"
    add_file("acled_extra_columns.csv", csv_text(hdr, rows))
    expect_rows(
        "acled_extra_columns.csv",
        "ACLED CSV",
        "3 extra columns (one in the middle, two at the end)",
        5,
    )

    rows = [native_row("NOETV", i) for i in range(5)]
    rows[1]["event_type"] = ""
    rows[3]["event_type"] = "   "
    add_file("native_missing_event_type_value.csv", csv_text(NATIVE_HEADER, rows))
    expect_rows(
        "native_missing_event_type_value.csv",
        "native CSV",
        "event_type empty (row 2) and whitespace-only (row 4)",
        5,
        rejects=[(2, rows[1]["event_id"], "event_type"), (4, rows[3]["event_id"], "event_type")],
        reason="event_type",
    )

    rows = [acled_row(i) for i in range(5)]
    rows[1]["event_type"] = "Skirmish"
    rows[4]["event_type"] = "Skirmish"
    add_file("acled_unknown_event_type.csv", csv_text(ACLED_HEADER, rows))
    expect_rows(
        "acled_unknown_event_type.csv",
        "ACLED CSV",
        'event_type "Skirmish" in 2 rows',
        5,
        rejects=[(2, "TESTMLI0002", "event_type"), (5, "TESTMLI0005", "event_type")],
        reason="event_type",
    )

    rows = [list(native_row("SHORT", i).values()) for i in range(6)]
    rows[2] = rows[2][:10]
    rows[4] = rows[4][:15]
    add_file("native_short_rows.csv", csv_text(NATIVE_HEADER, rows))
    expect_rows(
        "native_short_rows.csv",
        "native CSV",
        "row 3 has 10 fields, row 5 has 15 (trailing dataset missing); header has 16",
        6,
        rejects=[(3, rows[2][0], "fields"), (5, rows[4][0], "fields")],
        reason="fields",
        reject_reason_examples=[
            "row has 10 fields, header has 16",
            "row has 15 fields, header has 16",
        ],
    )

    rows = [list(native_row("LONG", i).values()) for i in range(5)]
    rows[1] = rows[1] + ["surplus", "fields"]
    add_file("native_long_rows.csv", csv_text(NATIVE_HEADER, rows))
    expect_rows(
        "native_long_rows.csv",
        "native CSV",
        "row 2 has 18 fields; header has 16",
        5,
        rejects=[(2, rows[1][0], "fields")],
        reason="fields",
        origin="extrapolated",
    )

    rows = [native_row("BLANK", i) for i in range(5)]
    body = csv_text(NATIVE_HEADER, rows).split("\n")  # header, r1..r5, ""
    add_file(
        "native_blank_lines.csv",
        "\n".join(body[:3] + [""] + body[3:5] + ["", "   "] + body[5:6]) + "\n\n\n",
    )
    expect_rows(
        "native_blank_lines.csv",
        "native CSV",
        "blank and whitespace-only lines between rows and at the end",
        5,
        origin="extrapolated",
        note="blank lines are skipped and not counted in read",
    )

    rows = [acled_row(i, old=True) for i in range(6)]
    add_file("acled_old_export.csv", csv_text(ACLED_HEADER, rows))
    expect_rows(
        "acled_old_export.csv",
        "ACLED CSV (old export)",
        "older ACLED export: dd-mm-yyyy dates (05-03-2019) and numeric inter codes",
        6,
        values=[(1, "event_date", "2019-01-14"), (2, "event_date", "2019-03-05")],
        origin="brief",
    )

    # ---- UCDP -------------------------------------------------------------------------
    keep = ["256789", "203499", "431002", "12989", "398385", "456557", "433894", "237564"]
    mods = [
        ("364471", "type_of_violence", "4"),
        ("352268", "where_prec", "9"),
        ("285416", "date_prec", "6"),
        ("293114", "date_end", "2019-07-20"),
    ]
    idx = {h: k for k, h in enumerate(ucdp_header)}
    rows = [list(ucdp[i]) for i in keep]
    rejects = []
    for uid, col, val in mods:
        r = list(ucdp[uid])
        r[idx[col]] = val
        r[idx["source_headline"]] = f"TEST FIXTURE: modified copy of UCDP GED row {uid} ({col})"
        rows.append(r)
        rejects.append((len(rows), uid, col))
    add_file("ucdp_bad_values.csv", csv_text(ucdp_header, rows))
    expect_rows(
        "ucdp_bad_values.csv",
        "UCDP GED CSV",
        "8 real rows + 4 marked copies with type_of_violence 4, where_prec 9, date_prec 6, "
        "date_end before date_start",
        12,
        rejects=rejects,
        reason=None,
        origin="extrapolated",
    )


# --------------------------------------------------------------------------------------------
# hostile
# --------------------------------------------------------------------------------------------

PAYLOADS = [
    '<img src=x onerror="window.__xss=1">',
    "<script>window.__xss=1</script>",
    "</script><script>window.__xss=1</script>",
    "${window.__xss=1}",
    "`;window.__xss=1;`",
    "${`${window.__xss=1}`}",
    "javascript:window.__xss=1",
    '"><svg onload=window.__xss=1>',
    "');window.__xss=1;//",
    "{{7*7}}",
    "{{constructor.constructor('window.__xss=1')()}}",
    "line\u2028sep\u2029para';window.__xss=1;//",
    "<!--<script>window.__xss=1</script>",
    "]]><script>window.__xss=1</script>",
    "</textarea></title></style><script>window.__xss=1</script>",
    '<a href="javascript:window.__xss=1">click</a>',
    "<details open ontoggle=window.__xss=1>",
    '<iframe srcdoc="&lt;script&gt;parent.__xss=1&lt;/script&gt;"></iframe>',
    "\\u003cscript\\u003ewindow.__xss=1\\u003c/script\\u003e",
    '\'"\\\\"};window.__xss=1;//',
    "\u202e1=ssx__.wodniw\u202c <b>bidi</b>",
    "ctl\x0b\x0c\x1c\x1d\x1e\x85<script>window.__xss=1</script>",
]
LONG_PAYLOAD = ("A" * 20_000) + "<script>window.__xss=1</script>"
MID_PAYLOAD = ("<b>" * 500) + '<img src=x onerror="window.__xss=1">'
FORMULA = '=HYPERLINK("javascript:window.__xss=1","TEST FIXTURE")'

HOSTILE_PLACES = [
    "Gao", "Kidal", "Mopti", "Ménaka", "Tombouctou", "Ségou", "Bandiagara", "Douentza",
    "Ansongo", "Niono", "Djenné", "Ténenkou", "Goundam", "Bourem", "Tessalit",
]  # fmt: skip


def payload(row: int, field: int) -> str:
    return PAYLOADS[(row * 5 + field * 3) % len(PAYLOADS)]


def build_hostile() -> None:
    n = len(HOSTILE_PLACES)
    native_text = [
        "event_id",
        "sub_event_type",
        "actor1",
        "actor2",
        "location",
        "country",
        "source",
        "notes",
    ]
    rows = []
    for i, place in enumerate(HOSTILE_PLACES):
        r = native_row("HOST", i, place=place)
        r["dataset"] = "test-fixture-hostile"
        for f, col in enumerate(native_text):
            base = r[col] or "none"
            if col == "notes":
                base = "TEST FIXTURE hostile payload, not real event data:"
            r[col] = f"{base} {payload(i, f)}"
        rows.append(r)
    rows[0]["notes"] += " " + LONG_PAYLOAD
    rows[1]["actor1"] += " " + MID_PAYLOAD
    rows[2]["actor2"] = FORMULA
    FILES["hostile/hostile_events.csv"] = csv_text(NATIVE_HEADER, rows).encode("utf-8")

    acled_text = [
        "event_id_cnty",
        "sub_event_type",
        "actor1",
        "assoc_actor_1",
        "actor2",
        "assoc_actor_2",
        "region",
        "country",
        "admin1",
        "admin2",
        "admin3",
        "location",
        "source",
        "source_scale",
        "notes",
        "tags",
    ]
    arows = []
    for i, place in enumerate(HOSTILE_PLACES):
        r = acled_row(i, place=place)
        for f, col in enumerate(acled_text):
            base = r[col] or "TEST"
            if col == "notes":
                base = "TEST FIXTURE hostile payload, not real event data:"
            r[col] = f"{base} {payload(i + 7, f)}"
        arows.append(r)
    arows[0]["notes"] += " " + LONG_PAYLOAD
    arows[1]["location"] += " " + MID_PAYLOAD
    arows[2]["tags"] = FORMULA
    arows[3]["assoc_actor_2"] = "@SUM(1+1)*cmd|' /C calc'!A0"
    FILES["hostile/hostile_acled.csv"] = csv_text(ACLED_HEADER, arows).encode("utf-8")

    exp = {
        "hostile_events.csv": {
            "outcome": "rows",
            "format": "native CSV",
            "read": n,
            "accepted": n,
            "rejected": 0,
            "filtered_out": 0,
            "reject_reason_contains": None,
            "event_ids": [r["event_id"] for r in rows],
        },
        "hostile_acled.csv": {
            "outcome": "rows",
            "format": "ACLED CSV",
            "read": n,
            "accepted": n,
            "rejected": 0,
            "filtered_out": 0,
            "reject_reason_contains": None,
            "event_ids": [r["event_id_cnty"] for r in arows],
        },
        "_payloads": PAYLOADS + [FORMULA],
        "_xss_marker": "window.__xss",
    }
    FILES["hostile/expected.json"] = (
        json.dumps(exp, indent=1, ensure_ascii=True, sort_keys=True) + "\n"
    ).encode()
    FILES["hostile/README.md"] = hostile_readme(n, native_text, acled_text).encode("utf-8")
    FILES["hostile/.gitattributes"] = b"* -text\n"


def hostile_readme(n: int, native_text: list[str], acled_text: list[str]) -> str:
    plist = "\n".join(json.dumps(p, ensure_ascii=True) for p in PAYLOADS)
    places = ", ".join(HOSTILE_PLACES[:5])
    acled_desc = "ACLED export (31 columns, current style: ISO dates, text inter1/inter2)"
    return f"""# Hostile-input fixtures (TEST FIXTURE data, not real events)

Generated by `tests/data/bad/make_corpus.py` - do not edit by hand, rerun the script.

| file | schema | rows |
| --- | --- | --- |
| `hostile_events.csv` | native (16 columns) | {n} |
| `hostile_acled.csv` | {acled_desc} | {n} |

Every row is **valid**: one event in a Mali region (GeoNames coordinates of
{places}, ...), a 2019-2020 ISO date, one of ACLED's six event types, integer
fatalities. So the loader must **accept all {n} rows of each file** (read = accepted = {n},
rejected = 0; see `expected.json`).

What is hostile is the text: every free-text field carries a payload that sets
`window.__xss = 1` if it is ever interpreted as HTML, JavaScript, a template or a URL instead of
being shown as text.

- native fields: {", ".join(f"`{c}`" for c in native_text)}
- ACLED fields: {", ".join(f"`{c}`" for c in acled_text)}

Each value is `<real-looking value> <payload>` (so `country` still starts with `Mali`,
`event_id` stays unique, `sub_event_type` starts with a real ACLED sub-event type). Categorical
columns the loader validates or maps (`event_type`, `event_date`, dates, `inter1/2`,
`interaction`, `disorder_type`, `civilian_targeting`, `iso`, precisions, coordinates,
fatalities) are left clean so that no row is rejected.

Payloads, rotated over fields and rows (one per line, as JSON string literals):

```
{plist}
```

plus: a 20,000-character string ending in a `<script>` (row 1 `notes` in both files), 500 nested
`<b>` tags before an `onerror` image (row 2), and spreadsheet-formula injection
(`=HYPERLINK(...)` as the whole `actor2` / `tags` value of row 3, `@SUM(...)` in ACLED row 4
`assoc_actor_2`) for anything that writes rejects.csv or exports that a spreadsheet might open.

How to use them in tests:

1. Load each file: exit 0, all {n} rows accepted, nothing rejected.
2. Build the HTML map, open it in headless Chromium, click/open every popup, tooltip and
   table/legend entry, then assert `window.__xss === undefined`.
3. Assert the payloads are *shown*, not dropped: the page's text (e.g. a popup's `textContent`)
   contains the literal string `<script>window.__xss=1</script>` and `{{{{7*7}}}}` (and not `49`
   in its place).
4. Any JSON the tool embeds in `<script>` must escape `<`, `>`, `&`, U+2028 and U+2029
   (`</script>` and `<!--` inside inline JSON break out of, or change the parsing of, the
   script element).
5. rejects.csv / exports: a cell that starts with `=`, `+`, `-` or `@` should be neutralised if
   the tool promises spreadsheet-safe output.

The files are written with Python's `csv` module (minimal quoting, `\\n` line endings), UTF-8
without BOM. `.gitattributes` marks the directory `-text` so git never rewrites the bytes.
"""


# --------------------------------------------------------------------------------------------
# README / expected.json for bad/
# --------------------------------------------------------------------------------------------


def bad_readme() -> str:
    def esc(s: str) -> str:
        return s.replace("|", "\\|")

    lines = [
        f"| `{f}` | {esc(w)} | {esc(o)} | {esc(fmt)} |" for f, w, o, fmt in sorted(README_ROWS)
    ]
    n_a = sum(1 for e in EXPECTED.values() if e["outcome"] == "rows")
    n_b = len(EXPECTED) - n_a
    return f"""# Bad-input corpus for the event loader (TEST FIXTURE data)

Generated by `make_corpus.py` in this folder (`python tests/data/bad/make_corpus.py`;
`--check` fails if anything on disk differs, `--verify` re-parses the files and checks the row
counts below). Do not edit the files by hand. {len(EXPECTED)} cases: {n_a} with outcome A,
{n_b} with outcome B (one of them, `does_not_exist.csv`, is a path that is deliberately not
created).

All rows are synthetic TEST FIXTURE rows (notes say so; ids start with `TEST`), with GeoNames
coordinates of Mali places, except the UCDP files, which reuse real UCDP GED 23.1 rows from
`data/sources/events/ucdp_ged231_sample_sahel_uncertainUCDP.csv` (the 4 modified copies in
`ucdp_bad_values.csv` say so in `source_headline`).

## Outcomes

- **A (rows)**: exit 0; bad rows go to rejects.csv with a reason; summary.json has
  `read == accepted + rejected + filtered_out`. Counts assume a default run (no date/region
  filter), so `filtered_out` is 0 everywhere.
- **B (exit 2)**: a single error line (no traceback) that names the file (its basename must
  appear), says what is wrong and how to fix it. The listed substrings must appear in it.

Substrings are matched case-insensitively. `row` numbers in `expected.json` are 1-based data
records (header excluded; for GeoJSON the feature index). `rejects[].reason_contains` is the
per-row substring (usually the offending column); `reject_reason_contains` is one substring
every reject reason in the file contains (`null` for `ucdp_bad_values.csv`, whose rows fail for
different reasons). `values` lists parsed values to check (field names are the native schema's:
ACLED `event_id_cnty` -> `event_id`; `notes_length` means `len(notes)`). `flags` (swapped file
only) are accepted rows that must carry a warning containing `flag_contains`.

`origin: extrapolated` marks cases the behaviour list does not cover: the expected outcome there is
my proposal and may need to be agreed with the loader.

## Files

| file | what is wrong | expected outcome | format |
| --- | --- | --- | --- |
{chr(10).join(lines)}

## Notes

- `.gitattributes` here sets `* -text` so git never normalises line endings (the mixed-EOL, CRLF
  and UTF-16 files must stay byte-exact).
- `native_huge_notes.csv`: 100,000 characters is below Python's `csv.field_size_limit()`
  default (131,072); pandas' C parser has no such limit. A loader using the `csv` module must not
  lower it, and should raise it if larger fields are to be accepted.
- `native_swapped_latlon.csv`: Kidal and Ménaka swapped land at (1.4N, 18.4E) and (2.4N, 15.9E),
  inside a crude lon -20..20 / lat 0..38 window; the heuristic must use the study countries or a
  tighter Sahel box (e.g. lat 8..28), not the map window.
"""


def build_all() -> None:
    build_bad()
    build_hostile()
    FILES["bad/expected.json"] = (
        json.dumps(EXPECTED, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
    ).encode("utf-8")
    FILES["bad/README.md"] = bad_readme().encode("utf-8")
    FILES["bad/.gitattributes"] = b"* -text\n"


# --------------------------------------------------------------------------------------------
# verification (independent re-parse with the standard library)
# --------------------------------------------------------------------------------------------


def verify() -> list[str]:
    problems = []
    for name, e in EXPECTED.items():
        path = HERE / name
        if e.get("virtual"):
            if path.exists():
                problems.append(f"{name}: must not exist")
            continue
        if e["format"] == "directory":
            if not path.is_dir():
                problems.append(f"{name}: not a directory")
            continue
        if e["outcome"] != "rows":
            continue
        if name.endswith(".geojson"):
            n = len(json.loads(path.read_text("utf-8"))["features"])
        elif name.endswith(".parquet"):
            import pyarrow.parquet as pq

            n = pq.read_metadata(path).num_rows
        else:
            text = path.read_bytes().decode(e.get("encoding", "utf-8"))
            text = text.lstrip("\ufeff")
            first = text.splitlines()[0]
            delim = max([",", ";", "\t"], key=first.count)
            recs = [
                r
                for r in csv.reader(io.StringIO(text, newline=""), delimiter=delim)
                if any(c.strip() for c in r)
            ]
            n = len(recs) - 1
        if n != e["read"]:
            problems.append(f"{name}: {n} records, expected read {e['read']}")
        if e["accepted"] + e["rejected"] + e["filtered_out"] != e["read"]:
            problems.append(f"{name}: counts do not add up")
        if e["accepted"] < 1:
            problems.append(f"{name}: no accepted row")
    return problems


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--check", action="store_true", help="compare with files on disk, write nothing"
    )
    ap.add_argument("--verify", action="store_true", help="re-parse files and check counts")
    args = ap.parse_args(argv)
    build_all()
    if args.check:
        diff = [
            p for p, b in FILES.items() if not (DATA / p).is_file() or (DATA / p).read_bytes() != b
        ]
        for p in diff:
            print(f"differs: tests/data/{p}")
        return 1 if diff else 0
    for d in DIRS:
        (DATA / d).mkdir(parents=True, exist_ok=True)
    for p, b in sorted(FILES.items()):
        target = DATA / p
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.is_file() or target.read_bytes() != b:
            target.write_bytes(b)
    print(f"wrote {len(FILES)} files under {DATA}")
    if args.verify:
        problems = verify()
        for p in problems:
            print("PROBLEM:", p)
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
