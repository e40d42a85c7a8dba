"""Load events from CSV, GeoJSON or GeoParquet; validate every row; normalise to one schema.

A bad row never stops the run: it is rejected with a reason (several reasons joined by "; ").
A file that cannot be used at all raises InputError with the file, the problem and the fix.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import orjson
import pandas as pd
import pyarrow as pa
import pyproj

from geo._containers import WORKBOOK_MAGIC, read_workbook, records_from_api, strip_hxl_row
from geo._csv import drop_empty_unnamed, read_delimited
from geo._dates import parse_dates
from geo._factorize import factorize
from geo.counts import CountsRead, counts_columns, read_counts
from geo.errors import InputError
from geo.formats import check_rows, detect_format, to_canonical
from geo.schema import CANONICAL_COLUMNS, EVENT_TYPES

__all__ = ["LoadResult", "load_events", "validate", "refuse_all_rejected"]

GEOJSON_SUFFIXES = {".geojson", ".json"}
PARQUET_SUFFIXES = {".parquet", ".geoparquet", ".pq"}
_TYPE_LOOKUP = {t.casefold(): t for t in EVENT_TYPES}
EARLIEST = pd.Timestamp("1900-01-01")


@dataclass
class LoadResult:
    """Accepted events (canonical columns, typed) and rejected rows (reason + original fields)."""

    events: pd.DataFrame
    rejects: pd.DataFrame
    info: dict = field(default_factory=dict)
    counts: CountsRead | None = None  # a table of counts (geo/counts.py): no events then
    id_hashes: np.ndarray | None = None  # hash of every row's event id (hash_ids=True)


def load_events(path: str | Path, fmt: str = "auto", today: dt.date | None = None, *,
                name: str | None = None, first_row: int = 0, hash_ids: bool = False) -> LoadResult:
    """Read one event file, detect or check its format, validate and normalise every row.

    A piece of a larger file (the dask engine's blocks) is read as a file of its own: `name`
    is then the whole file's (source_file, messages), `first_row` the rows before the piece
    (added to every row number), and `hash_ids` asks for the event ids' hashes, so that the
    ids repeated across pieces can be found."""
    path = Path(path)
    label = str(path) if name is None else name
    try:
        head = _check_file(path)
        raw, rows, pre_rejects, info = _read_table(path, head, fmt)
        if not len(raw) and not len(pre_rejects):
            raise InputError(f"{path}: has a header but no data rows; export the events again "
                             "or drop this file from --events")
        counts = counts_columns(list(raw.columns)) if fmt == "auto" else None
        if counts is None:
            spec, header = detect_format(list(raw.columns), str(path), fmt)
    except InputError as exc:
        if label == str(path):
            raise
        raise InputError(str(exc).replace(str(path), label)) from None
    if counts is not None:
        return _load_counts(path, raw, rows, pre_rejects, info, counts)
    if first_row:
        rows = rows + first_row
    if len(pre_rejects):
        pre_rejects = pre_rejects.assign(source_file=label)
        pre_rejects["source_row"] = pre_rejects["source_row"] + first_row
    canonical, recoded = to_canonical(raw, spec, header)
    canonical["source_file"] = label
    canonical["source_row"] = rows.to_numpy()
    if spec.name == "acled" and "actor1" in header and "actor2" not in header:
        raw, rows, canonical, merged = merge_monadic(raw, rows, canonical, header)
        info = {**info, "monadic": True, **merged}
    events, reasons, date_styles = validate(canonical, today or dt.date.today(),
                                            check_rows(raw, spec, header))
    events, kept_columns = _with_source_columns(events, raw, spec, header)
    ids = canonical["event_id"]
    id_hashes = pd.util.hash_array(ids[ids != ""].to_numpy(dtype=object)) if hash_ids else None
    rejected = reasons != ""
    rejects = raw[rejected].copy() if rejected.any() else raw.iloc[0:0].copy()
    rejects.insert(0, "reason", reasons[rejected])
    rejects.insert(0, "source_row", rows[rejected].to_numpy())
    rejects.insert(0, "source_file", label)
    rejects = pd.concat([pre_rejects, rejects], ignore_index=True) if len(pre_rejects) else rejects
    info = {"path": label, "format": spec.name, **info, **recoded, "source_columns": kept_columns}
    info = {**info, "layout": _describe(spec, header, info),
            "rows": int(len(raw) + len(pre_rejects) + info.get("monadic_rows_merged", 0)),
            "date_styles": date_styles}
    accepted = events if not rejected.any() else events[~rejected].reset_index(drop=True)
    return LoadResult(accepted, rejects.reset_index(drop=True), info,
                      id_hashes=id_hashes)


def _load_counts(path: Path, raw, rows, pre_rejects, info: dict, columns) -> LoadResult:
    """A table of counts: read as counts (geo/counts.py), no events."""
    read, rejects = read_counts(raw, rows, str(path), columns)
    rejects = pd.concat([pre_rejects, rejects], ignore_index=True) if len(pre_rejects) else rejects
    title = "HDX ACLED aggregated counts" if columns.hdx else "counts per area and month"
    layout = ", ".join([title, *([f"XLSX sheet '{info['sheet']}'"] if info.get("encoding") == "xlsx" else [])])
    info = {"path": str(path), "format": "counts", **info, "layout": layout,
            "rows": int(len(raw) + len(pre_rejects)), "counts_events": int(read.parsed["events"].sum()),
            "counts_fatalities": int(read.parsed["fatalities"].sum())}
    none = pd.DataFrame({c: pd.Series(dtype="str") for c in CANONICAL_COLUMNS})
    events, _, _ = validate(none, dt.date.today())  # typed, as an event file's
    return LoadResult(events, rejects, info, counts=read)


def refuse_all_rejected(path: Path, rejects: pd.DataFrame) -> None:
    """A file none of whose rows is usable is refused (exit 2), naming the commonest reason
    and an example row, rather than giving an empty map."""
    kinds = rejects["reason"].astype(str).str.split("; ").str[0]
    kinds = kinds.str.replace(r"'[^']*'", "'…'", regex=True).str.replace(r"row \d+", "row N", regex=True)
    commonest = kinds.value_counts().index[0]
    example = rejects[kinds == commonest].iloc[0]
    if "raw" in rejects.columns and isinstance(example.get("raw"), str) and example["raw"]:
        shown = example["raw"]
    else:
        fields = example.drop(labels=["source_file", "source_row", "reason", "raw"], errors="ignore")
        shown = ",".join(str(v) for v in fields.dropna().tolist())
    raise InputError(
        f"{path}: every one of its {len(rejects):,} rows was rejected; the commonest reason "
        f"({int((kinds == commonest).sum()):,} rows): {example['reason'].split('; ')[0]}, e.g. row "
        f"{example['source_row']}: {shown[:120]!r}; fix that and try again (the rejects file "
        "lists every row with its reason when some rows are usable)")


def _with_source_columns(events: pd.DataFrame, raw: pd.DataFrame, spec, header):
    """Every column of the input travels with its events, under its source name, after our
    columns: ACLED's disorder_type, civilian_targeting, admin2, admin3, tags, inter1...; UCDP's
    relid, adm_2, dyad_name... A column that is already one of ours under the same name
    (ACLED's `latitude`) is not repeated; one whose name is ours but means something else
    (ACLED's `region`, "Western Africa", against our admin-1 `region`) gets a `source_` prefix.
    Returns the events and the names of the columns added, in file order."""
    from geo.join import JOIN_ORDER

    ours = {c.casefold() for c in (*CANONICAL_COLUMNS, *JOIN_ORDER, "reason", "raw")}
    mapped = {header.by_name.get(source): canonical for canonical, source in spec.columns.items()}
    added: dict[str, str] = {}
    for column in raw.columns:
        name = str(column).strip()
        key = name.casefold()
        if key in ours and mapped.get(column) == key:
            continue  # the canonical column holds it, typed
        if key in ours:
            name = f"source_{name}"
        if name.casefold() in {n.casefold() for n in added.values()} or name.casefold() in ours:
            continue
        added[column] = name
    if not added:
        return events, []
    extra = raw[list(added)].rename(columns=added)
    extra.index = events.index
    return pd.concat([events, extra], axis=1), list(added.values())


def _joined_by(keys: pd.Series, values: pd.Series, separator: str) -> pd.Series:
    """The values of each key joined, in order (a dict pass: groupby's Python aggregation
    costs 0.1 ms a group, 13 s for a 100k-row monadic file)."""
    lists: dict[str, list[str]] = {}
    for key, value in zip(keys.tolist(), values.tolist(), strict=True):
        lists.setdefault(key, []).append(value)
    return pd.Series({k: separator.join(v) for k, v in lists.items()}, dtype=object)


_SAME_EVENT = ("event_date", "latitude", "longitude", "location", "fatalities")


def merge_monadic(raw: pd.DataFrame, rows: pd.Series, canonical: pd.DataFrame, header):
    """ACLED's monadic export: one row per actor of an event (no actor2 column), the event's
    id, date, place and fatalities repeated on each. Rows of one id that agree on those are
    merged into one event: the first row's actor is actor1, the second's actor2 (its
    associated actors and inter code go to assoc_actor_2 and inter2, as in the dyadic
    export), and any further actors to the source column `more_actors` ("; "-separated, each
    with its associated actors in brackets). Fatalities are counted once. Rows of one id that
    disagree stay as they are: the duplicate-id check rejects all but the first.

    Returns the tables without the merged rows, and the counts for the report."""
    ids = canonical["event_id"].str.strip()
    repeated = (ids != "") & ids.duplicated(keep=False)
    if not repeated.any():
        return raw, rows, canonical, {"monadic_rows_merged": 0}
    same = canonical.loc[repeated, list(_SAME_EVENT)]
    key = same[_SAME_EVENT[0]].str.strip()
    for column in _SAME_EVENT[1:]:
        key = key + "\x1f" + same[column].str.strip()
    agree = key.groupby(ids[repeated]).transform("nunique") == 1
    members = agree[agree].index  # rows of ids whose rows all agree, in file order
    group = ids[members]
    order = group.groupby(group, sort=False).cumcount()
    part = pd.DataFrame({
        "id": group, "order": order,
        "actor": canonical.loc[members, "actor1"].str.strip(),
        "assoc": header.column(raw, "assoc_actor_1").loc[members].str.strip(),
        "inter": header.column(raw, "inter1").loc[members].str.strip(),
        "row": rows.loc[members].astype(str)})
    heads = part[part["order"] == 0]
    head_of = pd.Series(heads.index, index=heads["id"].to_numpy())
    # each actor once per event (in file order); the first is actor1 already
    distinct = part[~part.duplicated(["id", "actor"])]
    rank = distinct.groupby("id", sort=False).cumcount()
    second = distinct[rank == 1].set_index("id")
    further = distinct[rank >= 2]
    labels = further["actor"].where(further["assoc"] == "", further["actor"] + " [" + further["assoc"] + "]")
    more = _joined_by(further["id"], labels, "; ")
    listed = _joined_by(part["id"], part["row"], ",")
    raw, canonical = raw.copy(), canonical.copy()
    for column in ("assoc_actor_2", "inter2", "more_actors", "monadic_rows"):
        if column not in raw.columns:
            raw[column] = ""
    at = head_of.loc[second.index].to_numpy()
    canonical.loc[at, "actor2"] = second["actor"].to_numpy()
    raw.loc[at, "assoc_actor_2"] = second["assoc"].to_numpy()
    raw.loc[at, "inter2"] = second["inter"].to_numpy()
    raw.loc[head_of.loc[more.index].to_numpy(), "more_actors"] = more.to_numpy()
    raw.loc[head_of.loc[listed.index].to_numpy(), "monadic_rows"] = listed.to_numpy()
    merged_rows = part.index[part["order"] > 0]
    first = heads.index
    keep = ~raw.index.isin(merged_rows)
    return (raw[keep].reset_index(drop=True), rows[keep].reset_index(drop=True),
            canonical[keep].reset_index(drop=True),
            {"monadic_rows_merged": len(merged_rows), "monadic_events_merged": len(first),
             "monadic_ids_disagreeing": int(ids[repeated][~agree].nunique())})


def _describe(spec, header, info: dict) -> str:
    """The layout in words: "ACLED, pre-2019 taxonomy, XLSX", "HDX ACLED with HXL row"..."""
    parts = [spec.era(header) if spec.era else spec.title]
    if info.get("monadic"):
        parts.append("monadic (one row per actor)")
    if info.get("mapped_types"):
        parts.append("pre-2019 taxonomy")
    if info.get("encoding") == "xlsx":
        parts.append(f"XLSX sheet '{info['sheet']}'")
    if info.get("container"):
        parts.append(info["container"])
    if info.get("hxl_tag_row_skipped"):
        parts.insert(0, "HDX")
        parts.append("with HXL row")
    return ", ".join(parts).replace("HDX, ", "HDX ")


def _specs(fmt: str):
    from geo.formats import FORMATS, get_format

    return FORMATS if fmt == "auto" else [get_format(fmt)]


def _header_test(fmt: str):
    """Does a row of cells hold the header of a format (`fmt`, or any with "auto")?"""
    specs = _specs(fmt)
    counts = fmt == "auto"  # a table of counts (HDX's `Data` sheet) is read as counts
    return lambda cells: (any(set(s.required) <= s.header(cells).names() for s in specs)
                          or (counts and counts_columns(cells) is not None))


def _explain_workbook(path: Path, fmt: str):
    """No sheet has a header: say why, as for a CSV. The
    row that comes closest to a format's header (half its required columns or more) gets that
    format's 'missing required column(s)' message."""
    from geo.formats import detect_format

    def explain(candidates) -> None:
        best, best_share = None, 0.0
        for sheet, number, cells in candidates:
            for spec in _specs(fmt):
                share = len(set(spec.required) & spec.header(cells).names()) / len(spec.required)
                if share > best_share:
                    best, best_share = (sheet, number, cells), share
        if best is not None and (best_share >= 0.5 or fmt != "auto"):
            sheet, number, cells = best
            detect_format(cells, f"{path} (sheet '{sheet}', row {number})", fmt)
    return explain


def _read_table(path: Path, head: bytes, fmt: str = "auto"):
    """The file as a table of strings, whatever the container; then the header clean-ups
    that real exports need (empty trailing header fields, an HDX hashtag row)."""
    suffix = path.suffix.lower()
    if head.startswith(WORKBOOK_MAGIC):
        _refuse_plain_zip(path, head)
        raw, rows, info = read_workbook(path, _header_test(fmt), _explain_workbook(path, fmt))
        pre_rejects = pd.DataFrame()
    elif suffix in GEOJSON_SUFFIXES:
        raw, rows, pre_rejects, info = _read_json(path)
    elif suffix in PARQUET_SUFFIXES:
        raw, rows, pre_rejects, info = _read_parquet(path)
    else:
        table = read_delimited(path, head)
        raw, rows = table.frame, table.rows
        pre_rejects = table.malformed.assign(source_file=str(path))
        info = {"encoding": table.encoding, "delimiter": table.delimiter}
        if table.trailing_empty_fields:
            info["trailing_empty_field"] = table.trailing_empty_fields
    raw, dropped = drop_empty_unnamed(raw)
    if dropped:
        info["empty_header_fields_ignored"] = dropped
    raw, rows, tags = strip_hxl_row(raw, rows)
    if tags:
        info["hxl_tag_row_skipped"] = tags
    return raw, rows, pre_rejects, info


def _refuse_plain_zip(path: Path, head: bytes) -> None:
    """A ZIP that is not a workbook (ACLED shipped CSVs zipped) gets the fix, not a crash."""
    import zipfile

    if not head.startswith(b"PK") or not zipfile.is_zipfile(path):
        return
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
    if not any(n.startswith(("xl/", "content.xml")) for n in names):
        shown = ", ".join(names[:3]) + (", ..." if len(names) > 3 else "")
        raise InputError(f"{path}: is a ZIP archive ({shown}), not an event file; unzip it and "
                         "pass the CSV or XLSX inside to --events")


def _check_file(path: Path) -> bytes:
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        raise InputError(f"{str(path)!r}: the file name is not valid UTF-8; rename the file") from None
    if not path.exists():
        raise InputError(f"{path}: does not exist; check the path given to --events")
    if path.is_dir():
        raise InputError(f"{path}: is a directory, not an event file; pass the CSV, GeoJSON or "
                         "GeoParquet file inside it")
    try:
        with open(path, "rb") as handle:
            head = handle.read(8192)
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror}); check its permissions") from None
    if not head.strip():
        raise InputError(f"{path}: is empty; export the events again")
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:200].lower()
    if start.startswith((b"<!doctype html", b"<html", b"<head")):
        text = head.decode("utf-8", "replace")
        at = text.lower().find("<title>")
        title = text[at + 7:].split("<", 1)[0].strip()[:80] if at >= 0 else ""
        raise InputError(f"{path}: this is a web page, not a data file"
                         + (f" (titled {title!r})" if title else "") +
                         ": the download probably failed; download the file again and check that "
                         "it opens as a table")
    is_utf16 = head[:2] in (b"\xff\xfe", b"\xfe\xff")
    is_parquet = head[:4] == b"PAR1"
    if b"\x00" in head and not is_utf16 and not is_parquet and not head.startswith(WORKBOOK_MAGIC):
        raise InputError(f"{path}: is a binary file, not CSV, XLSX, JSON or GeoParquet; "
                         "export the events as CSV (UTF-8) and try again")
    if is_parquet and path.suffix.lower() not in PARQUET_SUFFIXES:
        raise InputError(f"{path}: is a Parquet file; rename it to end in .parquet")
    return head


def _as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Every cell as a string; missing cells (None, NaN) become "" (a literal "None" stays)."""
    return frame.astype(object).where(frame.notna(), "").astype("str")


def _features_to_frame(properties: list[dict], lon, lat) -> pd.DataFrame:
    frame = _as_text(pd.DataFrame(properties))
    coordinates = pd.DataFrame({"longitude": lon, "latitude": lat})
    frame[["longitude", "latitude"]] = _as_text(coordinates).to_numpy()
    return frame


def _read_json(path: Path):
    """GeoJSON points, or the records of an ACLED or UCDP API response."""
    try:
        data = orjson.loads(path.read_bytes())
    except orjson.JSONDecodeError as exc:
        raise InputError(f"{path}: is not valid JSON ({exc}); check the export") from None
    api = records_from_api(data, path)
    if api is not None:
        records, info = api
        frame = _as_text(pd.DataFrame([r if isinstance(r, dict) else {} for r in records]))
        rows = pd.Series(np.arange(1, len(frame) + 1), name="source_row")  # record number
        return frame, rows, pd.DataFrame(), info
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise InputError(f"{path}: is neither a GeoJSON FeatureCollection nor an ACLED/UCDP API "
                         "response ({\"data\": [...]} or {\"Result\": [...]}); export the events again")
    return _read_geojson(path, data)


def _read_geojson(path: Path, data: dict):
    features = data.get("features")
    features = [f if isinstance(f, dict) else {} for f in features] if isinstance(features, list) else []
    if not features:
        raise InputError(f"{path}: has no features; export the events again")
    lon = np.full(len(features), np.nan)
    lat = np.full(len(features), np.nan)
    problems = np.full(len(features), "", dtype=object)
    for i, feature in enumerate(features):
        geometry = feature.get("geometry") or {}
        geometry = geometry if isinstance(geometry, dict) else {"type": type(geometry).__name__}
        coordinates = geometry.get("coordinates")
        if not geometry:
            problems[i] = "feature has no geometry"
        elif geometry.get("type") != "Point" or not isinstance(coordinates, list) or len(coordinates) < 2:
            problems[i] = f"geometry is {geometry.get('type')!r}; events must be Points"
        else:
            try:
                lon[i], lat[i] = float(coordinates[0]), float(coordinates[1])
            except (TypeError, ValueError):
                problems[i] = "point coordinates are not numbers"
    crs = data.get("crs") if isinstance(data.get("crs"), dict) else {}
    crs_name = crs.get("properties", {}).get("name") if isinstance(crs.get("properties"), dict) else None
    if data.get("crs") is not None and not crs_name:
        raise InputError(f"{path}: its 'crs' member is not a named CRS; remove it (GeoJSON is "
                         "WGS 84 by default) or reproject the file to EPSG:4326")
    if crs_name and not any(k in crs_name for k in ("CRS84", "4326")):
        try:
            lon, lat = pyproj.Transformer.from_crs(crs_name, "EPSG:4326", always_xy=True).transform(lon, lat)
        except pyproj.exceptions.CRSError:
            raise InputError(f"{path}: unknown CRS {crs_name!r}; reproject to EPSG:4326") from None
    elif np.nanmax(np.abs(lon), initial=0) > 180 or np.nanmax(np.abs(lat), initial=0) > 90:
        raise InputError(
            f"{path}: coordinates look projected (values up to {np.nanmax(np.abs(lon)):.0f}) but the "
            "file declares no CRS, so they are read as degrees; reproject it to WGS 84, e.g. "
            "ogr2ogr -s_srs EPSG:3857 -t_srs EPSG:4326 out.geojson in.geojson")
    properties = [f.get("properties") if isinstance(f.get("properties"), dict) else {}
                  for f in features]
    frame = _features_to_frame(properties, lon, lat)
    rows = pd.Series(np.arange(1, len(frame) + 1), name="source_row")  # feature number
    bad = problems != ""
    pre = pd.DataFrame({"source_file": str(path), "source_row": rows[bad].to_numpy(),
                        "reason": problems[bad]})
    keep = ~bad
    return (frame[keep].reset_index(drop=True), rows[keep].reset_index(drop=True), pre,
            {"crs": crs_name or "CRS84 (RFC 7946 default)"})


def _read_parquet(path: Path):
    import pyarrow.parquet as pq

    try:
        schema = pq.read_schema(path)
    except Exception as exc:  # pyarrow raises several types for a broken file
        raise InputError(f"{path}: is not a readable Parquet file ({exc}); export it again") from None
    if b"geo" in (schema.metadata or {}):
        import geopandas as gpd

        try:
            frame = gpd.read_parquet(path)
        except Exception as exc:  # broken geo metadata or data pages
            raise InputError(f"{path}: is not a readable GeoParquet file ({exc}); export it again") from None
        if frame.crs is None:
            raise InputError(f"{path}: GeoParquet without a CRS; write it with the CRS set")
        frame = frame.to_crs("EPSG:4326")
        points = frame.geometry
        bad = (points.isna() | (points.geom_type != "Point")).to_numpy()
        lon, lat = np.full(len(frame), np.nan), np.full(len(frame), np.nan)
        lon[~bad], lat[~bad] = points[~bad].x.to_numpy(), points[~bad].y.to_numpy()
        table = _as_text(pd.DataFrame(frame.drop(columns=frame.geometry.name)))
        table["longitude"], table["latitude"] = _as_text(pd.DataFrame({"x": lon, "y": lat})).to_numpy().T
        rows = pd.Series(np.arange(1, len(table) + 1), name="source_row")
        pre = pd.DataFrame({"source_file": str(path), "source_row": rows[bad].to_numpy(),
                            "reason": "feature has no Point geometry"})
        keep = ~bad
        return table[keep].reset_index(drop=True), rows[keep].reset_index(drop=True), pre, {}
    try:
        table = _as_text(pq.read_table(path).to_pandas())
    except Exception as exc:  # corrupt data pages
        raise InputError(f"{path}: is not a readable Parquet file ({exc}); export it again") from None
    rows = pd.Series(np.arange(1, len(table) + 1), name="source_row")
    return table, rows, pd.DataFrame(), {}


# --- validation -------------------------------------------------------------------------------

class _Reasons:
    """Collects reasons per row without a Python loop over rows."""

    def __init__(self, n: int):
        self.text = np.full(n, "", dtype=object)

    def add(self, mask, before, value: pd.Series | None = None, after="") -> None:
        """Add `before + 'value' + after` to the masked rows. The message is built only for
        those rows, so a clean column costs nothing here. `before`/`after` may be arrays."""
        mask = np.asarray(mask, dtype=bool)
        if not mask.any():
            return
        pick = lambda part: part[mask] if isinstance(part, np.ndarray) else part  # noqa: E731
        chosen = pick(before)
        if value is not None:
            shown = value.to_numpy(dtype=object)[mask]
            chosen = chosen + np.array(["'" + str(v)[:40] + "'" for v in shown], dtype=object)
        chosen = chosen + pick(after)
        current = self.text[mask]
        self.text[mask] = np.where(current == "", chosen, current + "; " + chosen)


def validate(frame: pd.DataFrame, today: dt.date,
             source: np.ndarray | None = None) -> tuple[pd.DataFrame, np.ndarray, dict]:
    """Parse and check every canonical column. Returns the typed frame, a reason per row
    ('' for a good row) and the date styles found. `source` holds reasons already found in
    format-specific columns."""
    reasons = _Reasons(len(frame))
    if source is not None:
        reasons.add(source != "", source)
    out = frame.copy(deep=False)  # copy-on-write: only the columns set below are new
    out["latitude"] = _coordinate(frame["latitude"], "latitude", 90, reasons, frame["longitude"])
    out["longitude"] = _coordinate(frame["longitude"], "longitude", 180, reasons, None)
    source_file = str(frame["source_file"].iat[0]) if len(frame) else "events"
    out["event_date"], styles = _dates(frame["event_date"], today, reasons, source_file)
    out["event_type"] = _event_types(frame["event_type"], reasons)
    for column in ("fatalities", "fatalities_low", "fatalities_high"):
        out[column] = _count(frame[column], column, reasons)
    for column in ("time_precision", "geo_precision"):
        out[column] = _precision(frame[column], column, reasons)
    _duplicate_ids(frame, reasons)
    generated = Path(str(frame["source_file"].iat[0])).stem if len(frame) else "events"
    missing_id = frame["event_id"] == ""
    out.loc[missing_id, "event_id"] = generated + "-row" + frame.loc[missing_id, "source_row"].astype(str)
    return out[list(CANONICAL_COLUMNS)], reasons.text, styles


def _to_number(text: pd.Series) -> pd.Series:
    """Float per cell, NaN where the text is not a number. A clean column takes pyarrow's
    fast cast; anything else goes through pandas, which coerces cell by cell."""
    if not len(text) or (text == "").all():  # an absent optional column
        return pd.Series(np.nan, index=text.index, dtype="float64")
    arrow = getattr(text.array, "_pa_array", None)
    if arrow is not None:
        try:
            return pd.Series(arrow.cast(pa.float64()).to_numpy(zero_copy_only=False), index=text.index)
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            pass
    return pd.to_numeric(text, errors="coerce").astype("float64")


def _coordinate(text: pd.Series, name: str, limit: float, reasons: _Reasons, other) -> pd.Series:
    value = _to_number(text)
    empty = (text == "").to_numpy()
    unparsed = value.isna().to_numpy() & ~empty
    comma = np.zeros(len(text), dtype=bool)
    if unparsed.any():
        comma[unparsed] = text[unparsed].str.fullmatch(r"-?\d+,\d+").to_numpy()
    reasons.add(empty, f"{name} is empty")
    reasons.add(comma, f"{name} ", text, " uses ',' as the decimal separator; use '.'")
    reasons.add(unparsed & ~comma, f"{name} ", text, " is not a number")
    finite = np.isfinite(value.to_numpy(dtype=float, na_value=np.nan))
    reasons.add(~finite & ~value.isna().to_numpy(), f"{name} ", text, " is not a finite number")
    out_of_range = finite & (np.abs(value.to_numpy(dtype=float, na_value=np.nan)) > limit)
    hint = f" (allowed -{limit:g} to {limit:g})"
    if name == "latitude" and other is not None:
        other_value = _to_number(other).abs().to_numpy(dtype=float, na_value=np.nan)
        swapped = out_of_range & (other_value <= 90)
        reasons.add(swapped, f"{name} ", text, " is out of range" + hint +
                    "; are latitude and longitude swapped?")
        out_of_range &= ~swapped
    reasons.add(out_of_range, f"{name} ", text, " is out of range" + hint)
    return value.astype("float64")


def _dates(text: pd.Series, today: dt.date, reasons: _Reasons, source: str) -> tuple[pd.Series, dict]:
    """Parsed dates and the styles found (see geo/_dates.py for what is accepted)."""
    parsed, styles = parse_dates(text, today, source)
    empty = (text == "").to_numpy()
    reasons.add(empty, "event_date is empty")
    reasons.add(parsed.isna().to_numpy() & ~empty, "event_date ", text,
                " is not a date; use YYYY-MM-DD (also accepted: DD-MM-YYYY, '30 October 2020')")
    reasons.add((parsed > pd.Timestamp(today)).to_numpy(), "event_date ", text,
                f" is in the future (after {today})")
    reasons.add((parsed < EARLIEST).to_numpy(), "event_date ", text, " is before 1900")
    return parsed, styles


def _event_types(text: pd.Series, reasons: _Reasons) -> pd.Series:
    codes, distinct = factorize(text, use_na_sentinel=False)  # a handful: map those only
    known = pd.array(pd.Series(distinct).str.casefold().map(_TYPE_LOOKUP), dtype="str")
    mapped = pd.Series(known.take(codes), index=text.index)
    empty = (text == "").to_numpy()
    reasons.add(empty, "event_type is empty")
    reasons.add(mapped.isna().to_numpy() & ~empty, "event_type ", text,
                " is not an ACLED event type (" + ", ".join(EVENT_TYPES) + ")")
    return mapped.fillna("")


def _count(text: pd.Series, name: str, reasons: _Reasons) -> pd.Series:
    value = _to_number(text)
    present = (text != "").to_numpy()
    raw = value.to_numpy(dtype=float, na_value=np.nan)
    reasons.add(present & np.isnan(raw), f"{name} ", text, " is not a number")
    reasons.add(present & (raw < 0), f"{name} ", text, " is negative")
    too_large = present & np.isfinite(raw) & (raw >= 2**53)
    reasons.add(too_large, f"{name} ", text, " is too large to be a count")
    raw = np.where(too_large, np.nan, raw)
    whole = np.isfinite(raw) & (raw == np.floor(raw))
    reasons.add(present & ~np.isnan(raw) & (raw >= 0) & ~whole,
                f"{name} ", text, " is not a whole number")
    return pd.array(np.where(whole & (raw >= 0), raw, np.nan), dtype="Int64")


def _precision(text: pd.Series, name: str, reasons: _Reasons) -> pd.Series:
    value = _to_number(text)
    present = (text != "").to_numpy()
    ok = value.isin([1, 2, 3]).to_numpy()
    reasons.add(present & ~ok, f"{name} ", text, " is not 1, 2 or 3")
    return pd.array(np.where(ok, value.to_numpy(dtype=float, na_value=np.nan), np.nan), dtype="Int64")


def _duplicate_ids(frame: pd.DataFrame, reasons: _Reasons) -> None:
    ids = frame["event_id"]
    has_id = ids != ""
    duplicated = (ids.duplicated(keep="first") & has_id).to_numpy()
    if duplicated.any():
        first_row = frame.loc[has_id].drop_duplicates("event_id").set_index("event_id")["source_row"]
        first = ids.map(first_row).fillna(0).astype("int64").astype(str).to_numpy(dtype=object)
        reasons.add(duplicated, "duplicate event_id ", ids, " (first seen at row " + first + ")")
