#!/usr/bin/env python3
"""Write the fixtures of issue 20 ("today's files") in tests/data/real/ (deterministic).

* `ucdp_ged241_viewer_mali.csv`: UCDP's web download for Mali, copied byte for byte from
  ../shared/data/events/ (CC BY 4.0; see SOURCES.md, section 7).
* `ucdp_viewer_mali_subset.csv`: 36 of its records, byte for byte (header, trailing commas,
  quoted line breaks and all).
* `ucdp_viewer_mali_feuil1.xlsx`: the same 36 records as a French Excel user saves them: sheet
  `Feuil1`, columns reordered, no side_a/side_b (dyad_name only), dates as text, ids as text
  floats (`487942.0`), extra columns `annee_start` and `mois_start` (`août`...).
* `ucdp_viewer_excel_semicolon.csv`: the subset after a re-save by Excel in a `;` locale:
  each line became one cell, written twice (refused with the cause).
* ACLED-layout files with rows we wrote (ACLED's terms): `acled_monadic_2024.csv` (the export
  tool's monadic layout: one row per actor, no actor2), `hdx_acled_counts_mli.xlsx` (HDX's
  aggregated workbook: a terms sheet, then `Data`), `counts_by_province.csv` (a user's table
  of counts), `hdx_error_page.csv` (an HTML page saved under a .csv name).

The workbooks are written here with the standard library (a minimal SpreadsheetML package
with inline strings), so no writer is needed and reruns give the same bytes.

Usage: python tests/data/real/make_today_files.py [--check]
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[2].parent / "shared" / "data" / "events" / "ucdp_ged241_viewer_mali.csv"
SUBSET_RECORDS = 36  # the first 36 records of the file, in file order


def _records(data: bytes) -> list[tuple[list[str], bytes]]:
    """(fields, exact bytes incl. line end) of every record of the viewer file."""
    text = data.decode("utf-8")
    lines = text.splitlines(keepends=True)
    out, buffer = [], []
    for line in lines:
        buffer.append(line)
        joined = "".join(buffer)
        if joined.count('"') % 2 == 0:  # a record ends where its quotes are balanced
            out.append((next(csv.reader([joined])), joined.encode("utf-8")))
            buffer = []
    assert not buffer
    return out


# --- a minimal XLSX writer (inline strings; numbers as numbers) ----------------------------

def _col(i: int) -> str:
    name = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        name = chr(65 + r) + name
    return name


def _sheet_xml(rows: list[list]) -> str:
    out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>']
    for r, row in enumerate(rows, start=1):
        out.append(f'<row r="{r}">')
        for c, value in enumerate(row):
            ref = f"{_col(c)}{r}"
            if value is None or value == "":
                continue
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                out.append(f'<c r="{ref}"><v>{value!r}</v></c>')
            else:
                text = escape(str(value)).replace("\n", "&#10;")
                out.append(f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>')
        out.append("</row>")
    out.append("</sheetData></worksheet>")
    return "".join(out)


def write_xlsx(sheets: dict[str, list[list]]) -> bytes:
    names = list(sheets)
    files = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            + "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
                      'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                      for i in range(1, len(names) + 1))
            + "</Types>"),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
        "xl/workbook.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
            + "".join(f'<sheet name="{escape(n)}" sheetId="{i}" r:id="rId{i}"/>'
                      for i, n in enumerate(names, start=1))
            + "</sheets></workbook>"),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/'
                      f'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i}.xml"/>'
                      for i in range(1, len(names) + 1))
            + "</Relationships>"),
    }
    for i, name in enumerate(names, start=1):
        files[f"xl/worksheets/sheet{i}.xml"] = _sheet_xml(sheets[name])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"))
    return buffer.getvalue()


# --- UCDP web download -----------------------------------------------------------------------

MOIS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
        "octobre", "novembre", "décembre"]
# the workbook's columns: reordered, side_a/side_b dropped, two columns added by the user
WORKBOOK_COLUMNS = ["id", "date_start", "date_end", "annee_start", "mois_start", "dyad_name",
                    "type_of_violence", "country", "adm_1", "adm_2", "where_coordinates",
                    "latitude", "longitude", "where_prec", "date_prec", "best_est", "low_est",
                    "high_est", "source_headline", "conflict_name", "relid"]


def ucdp_files(data: bytes) -> dict[str, bytes]:
    records = _records(data)
    header, body = records[0], records[1:SUBSET_RECORDS + 1]
    subset = header[1] + b"".join(raw for _, raw in body)
    names = header[0]
    rows = [dict(zip(names, fields[:len(names)], strict=True)) for fields, _ in body]
    sheet = [WORKBOOK_COLUMNS]
    for row in rows:
        month = int(row["date_start"][:2])
        cells = {**row, "id": row["id"] + ".0", "annee_start": int(row["date_start"][6:10]),
                 "mois_start": MOIS[month - 1]}
        sheet.append([cells[c] for c in WORKBOOK_COLUMNS])
    semicolon = io.StringIO(newline="")
    writer = csv.writer(semicolon, delimiter=";", lineterminator="\r\n")
    for _, raw in records[:SUBSET_RECORDS + 1]:
        line = raw.decode("utf-8").rstrip("\r\n")
        if "\n" in line:
            continue  # Excel splits such a record over several cells' rows; keep it simple
        writer.writerow([line, line])
    return {
        "ucdp_ged241_viewer_mali.csv": data,
        "ucdp_viewer_mali_subset.csv": subset,
        "ucdp_viewer_mali_feuil1.xlsx": write_xlsx({"Feuil1": sheet}),
        "ucdp_viewer_excel_semicolon.csv": semicolon.getvalue().encode("cp1252", "replace"),
    }


# --- ACLED-layout files, rows written by us -----------------------------------------------------

MONADIC_HEADER = ("event_id_cnty,event_date,year,time_precision,disorder_type,event_type,"
                  "sub_event_type,actor1,assoc_actor_1,inter1,interaction,civilian_targeting,iso,"
                  "region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,"
                  "source,source_scale,notes,fatalities,tags,timestamp")
# (id, date, type, sub, actor, assoc, inter, interaction, civ, admin1, admin2, admin3, loc, lat, lon, fat, tags)
_JNIM = "JNIM: Group for Support of Islam and Muslims"
_FAMA = "Military Forces of Mali (2021-)"
_WAGNER = "Wagner Group"
_CIV = "Civilians (Mali)"
_ISS = "Islamic State (Sahel)"
MONADIC_ROWS = [
    ("MLI9001", "12 March 2024", "Battles", "Armed clash", _FAMA, _WAGNER, "1", "12", "",
     "Mopti", "Douentza", "Douentza", "Douentza", "15.00605", "-2.9517", "4", ""),
    ("MLI9001", "12 March 2024", "Battles", "Armed clash", _JNIM, "", "2", "12", "",
     "Mopti", "Douentza", "Douentza", "Douentza", "15.00605", "-2.9517", "4", ""),
    ("MLI9002", "14 March 2024", "Violence against civilians", "Attack", _JNIM, "", "2", "27",
     "Civilian targeting", "Mopti", "Bankass", "Bankass", "Bankass", "14.0775", "-3.51594", "3",
     "local administrators"),
    ("MLI9002", "14 March 2024", "Violence against civilians", "Attack", _CIV, "", "7", "27",
     "Civilian targeting", "Mopti", "Bankass", "Bankass", "Bankass", "14.0775", "-3.51594", "3",
     "local administrators"),
    ("MLI9003", "02 April 2024", "Explosions/Remote violence", "Remote explosive/landmine/IED",
     _ISS, "", "2", "12", "", "Gao", "Ansongo", "Ansongo", "Ansongo", "15.6597", "0.5022", "2", ""),
    ("MLI9003", "02 April 2024", "Explosions/Remote violence", "Remote explosive/landmine/IED",
     _FAMA, "", "1", "12", "", "Gao", "Ansongo", "Ansongo", "Ansongo", "15.6597", "0.5022", "2", ""),
    ("MLI9003", "02 April 2024", "Explosions/Remote violence", "Remote explosive/landmine/IED",
     _WAGNER, "", "8", "12", "", "Gao", "Ansongo", "Ansongo", "Ansongo", "15.6597", "0.5022", "2", ""),
    ("MLI9004", "20 April 2024", "Protests", "Peaceful protest", "Protesters (Mali)", "", "6",
     "60", "", "Bamako", "Bamako", "Bamako", "Bamako", "12.60915", "-7.97522", "0", "crowd size=no report"),
    # one id whose rows disagree on fatalities: a real duplicate, rejected as today
    ("MLI9005", "25 April 2024", "Battles", "Armed clash", _FAMA, "", "1", "12", "",
     "Segou", "Niono", "Niono", "Niono", "14.25054", "-5.98679", "2", ""),
    ("MLI9005", "25 April 2024", "Battles", "Armed clash", _JNIM, "", "2", "12", "",
     "Segou", "Niono", "Niono", "Niono", "14.25054", "-5.98679", "5", ""),
]


HDX_COUNTS_HEADER = ["Country", "Admin1", "Admin2", "ISO3", "Admin2 Pcode", "Admin1 Pcode", "Month",
                     "Year", "Events", "Fatalities"]
# (country, admin1, admin2, iso3, admin2 pcode, admin1 pcode): real areas and P-codes of
# data/layers/admin2_districts.geojson; Séno without its P-code (joined by name); the last, an
# area-less row (HDX's rows of events located to no admin-2 area), matches no district
HDX_AREAS = [
    ("Mali", "Mopti", "Bandiagara", "MLI", "ML0501", "ML05"),
    ("Mali", "Mopti", "Bankass", "MLI", "ML0502", "ML05"),
    ("Mali", "Mopti", "Koro", "MLI", "ML0505", "ML05"),
    ("Burkina Faso", "Sahel", "Soum", "BFA", "BF5603", "BF56"),
    ("Burkina Faso", "Sahel", "Seno", "BFA", "", "BF56"),
    ("Niger", "Tillaberi", "Tera", "NER", "NE006011", "NE006"),
    ("Mali", "", "", "MLI", "", ""),
]
HDX_MONTHS = ("January", "February", "March", "April", "May", "June")


def hdx_counts_sahel() -> list[list]:
    """HDX's aggregated ACLED table for Mali, Burkina Faso and Niger, January-June 2023, with
    our own numbers (ACLED's terms): events (k * 3 + m) % 7 + 1, fatalities (k + 2 * m) % 5."""
    rows = [HDX_COUNTS_HEADER]
    for k, area in enumerate(HDX_AREAS):
        for m, month in enumerate(HDX_MONTHS):
            rows.append([*area, month, 2023, (k * 3 + m) % 7 + 1, (k + 2 * m) % 5])
    return rows


def acled_files() -> dict[str, bytes]:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    out.write(MONADIC_HEADER + "\r\n")
    for n, (eid, date, kind, sub, actor, assoc, inter, interaction, civ, a1, a2, a3, loc, lat,
            lon, fat, tags) in enumerate(MONADIC_ROWS):
        disorder = "Demonstrations" if kind == "Protests" else "Political violence"
        writer.writerow([eid, date, date[-4:], "1", disorder, kind, sub, actor, assoc, inter,
                         interaction, civ, "466", "Western Africa", "Mali", a1, a2, a3, loc, lat,
                         lon, "1", "Test fixture (synthetic)", "National",
                         f"Synthetic test row: monadic export, {eid}.", fat, tags,
                         str(1717000000 + n)])
    counts = [["Country", "Admin1", "Admin2", "ISO3", "Admin2 Pcode", "Admin1 Pcode", "Month",
               "Year", "Events", "Fatalities"]]
    for admin1, admin2, p1, p2 in (("Mopti", "Bandiagara", "ML05", "ML0501"),
                                   ("Gao", "Ansongo", "ML07", "ML0701")):
        for month, events, deaths in (("January", 3, 4), ("February", 5, 0)):
            counts.append(["Mali", admin1, admin2, "MLI", p2, p1, month, 2024, events, deaths])
    terms = [["Terms of use (test fixture, our wording): these counts are aggregated from ACLED "
              "data; see acleddata.com for the terms."], [""], ["Synthetic test workbook."]]
    province = ("province;mois;nb_events;fatalities\r\nSoum;2024-01;4;7\r\nSoum;2024-02;2;0\r\n"
                "Oudalan;2024-01;3;1\r\n")
    html = ('<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8"><title>Error | '
            'Humanitarian Data Exchange</title></head>\n<body><h1>Sorry, something went wrong'
            '</h1><p>Synthetic test page: the download failed.</p></body>\n</html>\n')
    sahel = hdx_counts_sahel()
    sahel_csv = io.StringIO(newline="")
    csv.writer(sahel_csv, lineterminator="\r\n").writerows(sahel)
    return {
        "acled_monadic_2024.csv": out.getvalue().encode("utf-8"),
        "hdx_acled_counts_mli.xlsx": write_xlsx({"README": terms, "Data": counts}),
        "hdx_acled_counts_sahel.xlsx": write_xlsx({"README": terms, "Data": sahel}),
        "hdx_acled_counts_sahel.csv": sahel_csv.getvalue().encode("utf-8"),
        "counts_by_province.csv": province.encode("utf-8"),
        "hdx_error_page.csv": html.encode("utf-8"),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if a file on disk differs")
    args = parser.parse_args()
    source = HERE / "ucdp_ged241_viewer_mali.csv"
    data = (SHARED if SHARED.exists() else source).read_bytes()
    files = {**ucdp_files(data), **acled_files()}
    differ = []
    for name, content in files.items():
        path = HERE / name
        if args.check:
            if not path.exists() or path.read_bytes() != content:
                differ.append(name)
        else:
            path.write_bytes(content)
    for name in differ:
        print(f"differs: {name}", file=sys.stderr)
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
