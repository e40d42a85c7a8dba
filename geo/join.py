"""Join events to countries, admin-1 regions, zones, the border band and the border line.

Vectorised: point-in-polygon per polygon, one nearest-segment query for distances; no
Python loop over events. The admin-1 layer is one partition (`make data` edge-matches the
datasets, data/layers/borders.json), so a point has one polygon. Near a border the datasets
still disagree by up to SOURCE_COUNTRY_TOLERANCE_KM: there, the country the source names
wins (`country_from_source`); farther inside another country the polygon wins and the row
is flagged `country_mismatch`.
"""

from __future__ import annotations

import re
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.countries import iso3_from_names
from geo.crs import distance_to_line_km
from geo.zones import ZoneConfig, zone_of_region

__all__ = ["JoinLayers", "join_events", "join_places", "JOIN_ORDER", "aggregate", "SOURCE_COUNTRY_TOLERANCE_KM"]

MAPPED_COUNTRIES = ("MLI", "BFA", "NER", "DZA")  # countries with admin-1 regions in our layers
# How far outside the polygon of the country an event's source names the event may lie and
# still be given to that country. Measured, not guessed: the widest disagreement between two
# boundary datasets along a border of a mapped country is 14.8 km (Hausdorff distance, COD-AB
# Mali vs COD-AB Niger near 4.1°E 16.9°N); then BFA–NER 13.2 km (geoBoundaries vs COD-AB
# Niger: the 2013 ICJ line; in HDX's ACLED Niger file, events at Boni, Tampatiga and
# Gourogara (Say, Tillabéri; precision 1-2) lie 6.3-9.1 km outside Niger's COD-AB outline),
# DZA–MLI 13.2 km, MLI–MRT 9.3 km, the others 0.2–7.2 km (data/layers/borders.json,
# "disagreement", written by `make data`). Rounded up to the km.
SOURCE_COUNTRY_TOLERANCE_KM = 15.0
_DEG_PER_KM = 1 / 80.0  # bounding-box margins only: 1° of longitude is >= 88 km below 37.5°N
_ADMIN_WORDS = re.compile(
    r"\b(region|province|wilaya|district|cercle|departement|department|prefecture|de|du|of)\b")
_ALIASES = {"timbuktu": "tombouctou", "taoudenit": "tombouctou", "taoudeni": "tombouctou",
            "tamanrasset": "tamanghasset"}


@dataclass(frozen=True)
class JoinLayers:
    admin1: gpd.GeoDataFrame     # name, iso3 (regions of the mapped countries)
    countries: gpd.GeoDataFrame  # name, iso3
    border: gpd.GeoDataFrame     # the Algeria–Mali line
    band: gpd.GeoDataFrame       # the border band polygon
    zones: ZoneConfig
    admin2: gpd.GeoDataFrame | None = None  # districts: name, pcode, kind, region, iso3
    admin3: gpd.GeoDataFrame | None = None  # Mali's communes: name, pcode, cercle_pcode
    # unions and outlines made from the layers, made once (the layers are read-only)
    derived: dict = field(default_factory=dict, compare=False, repr=False)

    def once(self, key: str, make):
        if key not in self.derived:
            self.derived[key] = make()
        return self.derived[key]


def _locate(polygons: np.ndarray, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """Index of the polygon holding each point (the lowest index on a shared edge), -1 if none.

    Loops over the polygons, never over points: the points sorted by longitude once, each
    polygon reads only the run of them within its bounding box's longitudes (a slice, not a
    scan of every point), keeps those within its latitudes, then one prepared, vectorised
    contains_xy call; points left over (for example exactly on an edge) are retried with
    intersects_xy.
    """
    order = np.argsort(lon, kind="stable")
    lon, lat = lon[order], lat[order]
    hit = np.full(len(lon), -1, dtype=np.int64)
    for test in (shapely.contains_xy, shapely.intersects_xy):
        for i, polygon in enumerate(polygons):
            minx, miny, maxx, maxy = polygon.bounds
            start, stop = np.searchsorted(lon, minx, "left"), np.searchsorted(lon, maxx, "right")
            run = slice(start, stop)
            candidates = start + np.flatnonzero((hit[run] < 0) & (lat[run] >= miny) & (lat[run] <= maxy))
            if len(candidates):
                shapely.prepare(polygon)
                hit[candidates[test(polygon, lon[candidates], lat[candidates])]] = i
        if (hit >= 0).all():
            break
    out = np.empty_like(hit)
    out[order] = hit
    return out


def join_events(events: pd.DataFrame, layers: JoinLayers) -> pd.DataFrame:
    """Add the join columns and flags to accepted events.

    Columns: country_iso3, region, zone, in_border_band, dist_algeria_border_km, and the flags
    suspect_swapped_latlon, admin1_mismatch, country_from_source, country_mismatch.

    The country and region come from the polygon holding the point, except where the source
    names one of our countries (the `country` column: a name or ISO3 code, geo/countries.py)
    and the point lies outside it. Within SOURCE_COUNTRY_TOLERANCE_KM of that country's
    outline, the source wins: the event goes to the nearest admin-1 region of that country
    (no region for a country without regions in our layers) and is flagged
    `country_from_source`. Farther away, the polygon's answer stays and the row is flagged
    `country_mismatch`. An empty or unrecognised source country leaves the polygon's answer.
    Zones follow the final region; in_border_band and the distance depend on the point only.

    Everything but admin1_mismatch depends only on (point, source country), so each distinct
    pair is joined once and the answers are broadcast: real exports repeat places heavily
    (HDX's ACLED Mali file: 3,990 events on 934 points).
    """
    lon = events["longitude"].to_numpy(dtype=float)
    lat = events["latitude"].to_numpy(dtype=float)
    source_iso3 = (iso3_from_names(events["country"]) if "country" in events.columns
                   else np.full(len(events), "", dtype=object))
    first, inverse = _distinct_places(lon, lat, source_iso3)
    places = _join_places_on_two_threads(lon[first], lat[first], source_iso3[first], layers)
    out = events.copy(deep=False)  # copy-on-write: the join columns are added, nothing is changed
    for name, values in places.items():  # text columns are string arrays: taken, not rebuilt
        out[name] = values.take(inverse) if isinstance(values, pd.api.extensions.ExtensionArray) else values[inverse]
    out["admin1_mismatch"] = _admin1_mismatch(events["admin1"], out["region"])
    if "country" in events.columns:  # a source country we do not map ("Chad"): it vouches for
        # the point, so a swap that lands in our countries is no reason to doubt it
        named_other = ((events["country"].astype(str).str.strip() != "")
                       & (source_iso3 == "")).to_numpy()
        out["suspect_swapped_latlon"] = out["suspect_swapped_latlon"].to_numpy() & ~named_other
    out["admin2_mismatch"] = (_admin2_mismatch(events["admin2"], out["district"])
                              if "admin2" in events.columns else np.zeros(len(out), dtype=bool))
    # our columns, the join's, then the source's own columns (geo.events: they travel)
    from geo.schema import CANONICAL_COLUMNS

    ours = [c for c in events.columns if c in CANONICAL_COLUMNS]
    theirs = [c for c in events.columns if c not in CANONICAL_COLUMNS and c not in JOIN_ORDER]
    return out[[*ours, *JOIN_ORDER, *theirs]]


JOIN_ORDER = ("country_iso3", "region", "district", "district_pcode", "commune", "commune_pcode",
              "zone", "in_border_band", "dist_algeria_border_km", "suspect_swapped_latlon",
              "admin1_mismatch", "admin2_mismatch", "country_from_source", "country_mismatch")


def _distinct_places(lon: np.ndarray, lat: np.ndarray, source_iso3: np.ndarray):
    """The first row of each distinct (lon, lat, source country) and each row's place number."""
    point_code, _ = pd.factorize(lon + 1j * lat)  # -0.0 and 0.0 are one place, as they should
    source_code, sources = pd.factorize(source_iso3)
    key = point_code.astype(np.int64) * max(len(sources), 1) + source_code
    inverse, distinct = pd.factorize(key)
    first = np.zeros(len(distinct), dtype=np.int64)
    first[inverse[::-1]] = np.arange(len(inverse))[::-1]  # the last write is the first row
    return first, inverse


def _join_places_on_two_threads(lon: np.ndarray, lat: np.ndarray, source_iso3: np.ndarray,
                                layers: JoinLayers) -> dict:
    """join_places of each half of the places on its own thread: GEOS, PROJ and numpy release
    the GIL, so the second core joins too (each place's answer depends on it alone)."""
    if len(lon) < _TWO_THREADS_FROM:
        return join_places(lon, lat, source_iso3, layers)
    half = len(lon) // 2
    with ThreadPoolExecutor(2, thread_name_prefix="geo.join") as pool:
        first, second = pool.map(lambda part, own: join_places(lon[part], lat[part], source_iso3[part], own),
                                 (slice(0, half), slice(half, None)), (layers, own_geometries(layers)))
    return {name: (type(values)._concat_same_type([values, second[name]])
                   if isinstance(values, pd.api.extensions.ExtensionArray)
                   else np.concatenate([values, second[name]])) for name, values in first.items()}


def own_geometries(layers: JoinLayers) -> JoinLayers:
    """The layers with geometry objects of their own (read back from WKB: the same numbers),
    for a join on another thread: GEOS builds a prepared geometry's index on its first use,
    and two threads building one together corrupt the heap."""
    def own(frame):
        if frame is None:
            return None
        copy = frame.copy()
        copy[frame.geometry.name] = gpd.GeoSeries(shapely.from_wkb(shapely.to_wkb(frame.geometry.values)),
                                                  index=frame.index, crs=frame.crs)
        return copy

    return replace(layers, admin1=own(layers.admin1), countries=own(layers.countries), border=own(layers.border),
                   band=own(layers.band), admin2=own(layers.admin2), admin3=own(layers.admin3), derived={})


_TWO_THREADS_FROM = 100_000  # places; fewer join in well under a second on one


def join_places(lon: np.ndarray, lat: np.ndarray, source_iso3: np.ndarray,
                layers: JoinLayers) -> dict[str, np.ndarray]:
    """The join columns (all but admin1_mismatch) for points and the country their source names."""
    region_idx, iso3 = _polygon_answer(lon, lat, layers)
    region_idx, iso3, from_source, mismatch = _source_country_rule(
        lon, lat, region_idx, iso3, source_iso3, layers)

    # the zone of each polygon (a few dozen), then one take per point: no per-point tuples
    lookup = zone_of_region(layers.zones)
    polygon_zone = np.array([lookup.get(key, "") for key in zip(
        layers.admin1["iso3"], layers.admin1["name"], strict=True)], dtype=object)
    in_region = region_idx >= 0
    zone = np.where(in_region, polygon_zone[region_idx], "")
    default = np.where(_mapped(iso3), "other", "outside")
    zone = np.where(zone == "", default, zone)

    district_idx = _child_answer(lon, lat, region_idx, layers.admin2, layers, "admin2",
                                 lambda: _parent_rows(layers.admin2, layers.admin1,
                                                      ("iso3", "region"), ("iso3", "name")))
    commune_idx = _child_answer(lon, lat, district_idx, layers.admin3, layers, "admin3",
                                lambda: _parent_rows(layers.admin3, layers.admin2,
                                                     ("cercle_pcode",), ("pcode",)))
    band = layers.once("band", lambda: _prepared(layers.band.geometry.union_all()))
    return {
        "country_iso3": _strings(iso3),
        "region": _names_at(layers.admin1, "name", region_idx),
        "district": _names_at(layers.admin2, "name", district_idx),
        "district_pcode": _names_at(layers.admin2, "pcode", district_idx),
        "commune": _names_at(layers.admin3, "name", commune_idx),
        "commune_pcode": _names_at(layers.admin3, "pcode", commune_idx),
        "zone": _strings(zone),
        "in_border_band": shapely.contains_xy(band, lon, lat),
        "dist_algeria_border_km": np.round(
            distance_to_line_km(lon, lat, layers.once("border", layers.border.geometry.union_all)), 1),
        "suspect_swapped_latlon": _swapped(lat, lon, iso3, source_iso3, layers),
        "country_from_source": from_source,
        "country_mismatch": mismatch,
    }


def _prepared(geometry):
    """The geometry, prepared where it is made (None stays None)."""
    if geometry is not None:
        shapely.prepare(geometry)
    return geometry


def _mapped(iso3: np.ndarray) -> np.ndarray:
    """iso3 is one of MAPPED_COUNTRIES: asked of each distinct value (np.isin sorts a
    million Python strings)."""
    codes, distinct = pd.factorize(iso3, use_na_sentinel=False)
    return np.isin(np.asarray(distinct, dtype=object), MAPPED_COUNTRIES)[codes]


def _names_at(frame: gpd.GeoDataFrame | None, column: str, idx: np.ndarray):
    """frame[column] at each index, "" where the index is -1 (or there is no frame), as a
    string array taken from the layer's few values (no per-point strings to hash)."""
    values = [] if frame is None else frame[column].tolist()
    table = pd.array(np.array([*values, ""], dtype=object), dtype="str")
    return table.take(np.where(idx >= 0, idx, len(values)))


def _parent_rows(children: gpd.GeoDataFrame, parents: gpd.GeoDataFrame,
                 child_keys: tuple[str, ...], parent_keys: tuple[str, ...]) -> np.ndarray:
    """Row of each child's parent (-1 if the parent is not in `parents`)."""
    lookup = {key: i for i, key in enumerate(zip(*(parents[k] for k in parent_keys), strict=True))}
    return np.array([lookup.get(key, -1) for key in zip(*(children[k] for k in child_keys),
                                                        strict=True)], dtype=np.int64)


def _child_answer(lon, lat, parent_idx, children, layers: JoinLayers, key: str, parents_of):
    """The child unit (district in a region, commune in a district) of each point: the child
    of the point's parent that holds it (_locate, among that parent's children only, so a
    district is always one of its region's); a point no child holds (given to its region by
    the source-country rule, or in a sliver the rounding of the lines left) gets the parent's
    nearest child. -1 where the parent is -1 or has no children in the layer. Loops over
    parents (a few dozen), never over points."""
    idx = np.full(len(lon), -1, dtype=np.int64)
    if children is None or not len(children):
        return idx
    parent_of = layers.once(f"{key} parents", parents_of)
    polygons = np.asarray(children.geometry.values, dtype=object)
    has_children = np.isin(parent_idx, parent_of)
    points = np.flatnonzero(has_children)
    if not len(points):
        return idx
    order = points[np.argsort(parent_idx[points], kind="stable")]
    parents, starts = np.unique(parent_idx[order], return_index=True)
    for parent, group in zip(parents, np.split(order, starts[1:]), strict=True):
        rows = np.flatnonzero(parent_of == parent)
        hit = _locate(polygons[rows], lon[group], lat[group])
        idx[group[hit >= 0]] = rows[hit[hit >= 0]]
        missed = group[hit < 0]
        if len(missed):
            idx[missed] = rows[_nearest_polygon(lon[missed], lat[missed], polygons[rows])]
    return idx


def _strings(values: np.ndarray) -> pd.api.extensions.ExtensionArray:
    """An object array of a few distinct str as a string array, built from the distinct
    values (a million places in 0.1 s, against 1 s through numpy's fixed-width strings)."""
    codes, uniques = pd.factorize(values, use_na_sentinel=False)  # NA is a value, not -1
    return pd.array(np.asarray(uniques, dtype=object), dtype="str").take(codes)


def _polygon_answer(lon: np.ndarray, lat: np.ndarray, layers: JoinLayers):
    """Region index (-1 if none) and ISO3 ("" if none) of the polygon holding each point."""
    region_idx = _locate(layers.admin1.geometry.values, lon, lat)
    in_region = region_idx >= 0
    iso3 = np.where(in_region, layers.admin1["iso3"].to_numpy(dtype=object)[region_idx], "")
    if (~in_region).any():
        country_idx = _locate(layers.countries.geometry.values, lon[~in_region], lat[~in_region])
        iso3[~in_region] = np.where(
            country_idx >= 0, layers.countries["iso3"].to_numpy(dtype=object)[country_idx], "")
    return region_idx, iso3.astype(object)


def _outline(layers: JoinLayers, iso3: str):
    """One country's outline: its polygon in the countries layer, else the union of its
    regions, else None."""
    for frame in (layers.countries, layers.admin1):
        rows = frame["iso3"].to_numpy() == iso3
        if rows.any():
            return shapely.union_all(frame.geometry.values[rows])
    return None


def _near_bounds(polygons, lon, lat) -> np.ndarray:
    """(polygon, point) mask: the point is within the tolerance of the polygon's bounding box."""
    margin = SOURCE_COUNTRY_TOLERANCE_KM * _DEG_PER_KM
    bounds = shapely.bounds(np.asarray(polygons))[:, :, None]
    return ((lon >= bounds[:, 0] - margin) & (lon <= bounds[:, 2] + margin)
            & (lat >= bounds[:, 1] - margin) & (lat <= bounds[:, 3] + margin))


def _distance_to_polygons_km(lon, lat, polygons, measure=None) -> np.ndarray:
    """km from each point to each polygon (0 inside, SAHEL_EQUIDISTANT via geo/crs.py), shape
    (len(polygons), len(lon)); inf where `measure` (default: near the bounding box) is False."""
    measure = _near_bounds(polygons, lon, lat) if measure is None else measure
    out = np.full((len(polygons), len(lon)), np.inf)
    for i, polygon in enumerate(polygons):
        near = np.flatnonzero(measure[i])
        if len(near):
            shapely.prepare(polygon)
            inside = shapely.contains_xy(polygon, lon[near], lat[near])
            out[i, near] = np.where(inside, 0.0, distance_to_line_km(
                lon[near], lat[near], polygon.boundary))
    return out


def _nearest_polygon(lon, lat, polygons) -> np.ndarray:
    """Index of the polygon nearest to each point (the first on ties). A point near the
    bounding box of one polygon only has its answer; the others are measured (against every
    polygon if near none)."""
    near = _near_bounds(polygons, lon, lat)
    count = near.sum(axis=0)
    nearest = near.argmax(axis=0)
    several = count != 1
    if several.any():
        measure = near[:, several] | (count[several] == 0)
        distance = _distance_to_polygons_km(lon[several], lat[several], polygons, measure)
        nearest[several] = distance.argmin(axis=0)
    return nearest


def _source_country_rule(lon, lat, region_idx, iso3, source_iso3, layers: JoinLayers):
    """Apply the source-country rule (see join_events) to the few points it concerns.

    Loops over the countries named (at most nine) and over one country's regions, never over
    events: each step is one vectorised distance query for that country's candidate points.
    """
    region_idx, iso3 = region_idx.copy(), iso3.copy()
    from_source = np.zeros(len(lon), dtype=bool)
    mismatch = np.zeros(len(lon), dtype=bool)
    candidates = np.flatnonzero((source_iso3 != "") & (source_iso3 != iso3))
    admin1_iso3 = layers.admin1["iso3"].to_numpy(dtype=object)
    for code in sorted(set(source_iso3[candidates])):
        points = candidates[source_iso3[candidates] == code]
        outline = layers.once(f"outline {code}", lambda code=code: _prepared(_outline(layers, code)))
        if outline is None:  # a country of ours that these layers do not draw
            mismatch[points] = True
            continue
        within = _distance_to_polygons_km(lon[points], lat[points], [outline])[0] \
            <= SOURCE_COUNTRY_TOLERANCE_KM
        mismatch[points[~within]] = True
        near = points[within]
        from_source[near] = True
        iso3[near] = code
        rows = np.flatnonzero(admin1_iso3 == code)
        if not len(rows):
            region_idx[near] = -1
            continue
        region_idx[near] = rows[_nearest_polygon(lon[near], lat[near],
                                                 layers.admin1.geometry.values[rows])]
    return region_idx, iso3, from_source, mismatch


def _swapped(lat, lon, iso3, source_iso3, layers: JoinLayers) -> np.ndarray:
    """True where latitude and longitude look swapped.

    With a source country of ours: the point is not in that country (after the tolerance rule)
    and the swapped point is. Without a source country: the point lies outside the mapped
    countries and the swapped point inside one of their regions. (A source country we do not
    map, e.g. Chad, is handled by the caller: never flagged.)"""
    flag = np.zeros(len(lat), dtype=bool)
    usable = np.abs(lon) <= 90
    unnamed = usable & (source_iso3 == "") & ~_mapped(iso3)
    if unnamed.any():
        flag[unnamed] = _locate(layers.admin1.geometry.values, lat[unnamed], lon[unnamed]) >= 0
    named = usable & (source_iso3 != "") & (iso3 != source_iso3)
    for code in sorted(set(source_iso3[named])):
        rows = np.flatnonzero(named & (source_iso3 == code))
        outline = layers.once(f"outline {code}", lambda code=code: _prepared(_outline(layers, code)))
        if outline is not None:
            flag[rows] = shapely.contains_xy(outline, lat[rows], lon[rows])
    return flag


def _normalise(names: pd.Series) -> pd.Series:
    folded = names.map(lambda s: unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()
                       if isinstance(s, str) else "")
    folded = folded.str.casefold().str.replace(_ADMIN_WORDS, " ", regex=True)
    folded = folded.str.replace(r"[^a-z]+", "", regex=True)
    return folded.replace(_ALIASES)


def _normalised_codes(names: pd.Series) -> np.ndarray:
    """Each name normalised, computing each distinct name once."""
    categories = pd.Categorical(names)
    normal = _normalise(pd.Series(categories.categories, dtype=object)).to_numpy(dtype=object)
    return normal[categories.codes]


SPELLING_RATIO = 0.85  # difflib ratio of two folded names above which they are one name
# (source's folded name, our folded name) that are one area under an older map: Ménaka region
# was made from Gao's Ménaka cercle (2012 law, in place from 2016), and Timétrine from Kidal
# (2023); sources that code by the older regions (UCDP GED's `adm_1`: 20 events "Gao region"
# in our Ménaka in the Mali web download) name the same place.
KNOWN_VARIANTS = frozenset({("gao", "menaka"), ("timetrine", "kidal")})


def _admin1_compare(source_admin1: pd.Series, region: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(mismatch, spelling) per row. Names are folded (accents, case, punctuation, words such
    as "region", known variants); folded names that still differ but are close (difflib ratio
    >= SPELLING_RATIO: `Tillabery`/`Tillabéri`, `Haut-Bassins`/`Hauts-Bassins`,
    `Koulikouro`/`Koulikoro`) are spellings of one name, not mismatches. Each distinct pair is
    compared once."""
    import difflib

    both = ((source_admin1 != "") & (region != "")).to_numpy()
    mismatch = np.zeros(len(region), dtype=bool)
    spelling = np.zeros(len(region), dtype=bool)
    if both.any():
        given, ours = _normalised_codes(source_admin1[both]), _normalised_codes(region[both])
        differ = given != ours
        pairs = pd.Series(given[differ] + "\x1f" + ours[differ])
        codes, distinct = pd.factorize(pairs)
        close = np.array([tuple(p.split("\x1f")) in KNOWN_VARIANTS
                          or difflib.SequenceMatcher(None, *p.split("\x1f")).ratio() >= SPELLING_RATIO
                          for p in distinct], dtype=bool)
        near = close[codes] if len(codes) else np.zeros(0, dtype=bool)
        rows = np.flatnonzero(both)[differ]
        mismatch[rows[~near]] = True
        spelling[rows[near]] = True
    return mismatch, spelling


def _admin1_mismatch(source_admin1: pd.Series, region: pd.Series) -> np.ndarray:
    """True where the source names an admin-1 unit that is not the polygon the point is in
    (a spelling of the same name is not a mismatch: see _admin1_compare)."""
    return _admin1_compare(source_admin1, region)[0]


def admin1_spellings(joined: pd.DataFrame) -> dict[str, int]:
    """{"<source name> ~ <our name>": events} for the source's other spellings of our regions
    (and the KNOWN_VARIANTS of an older map)."""
    _, spelling = _admin1_compare(joined["admin1"], joined["region"])
    if not spelling.any():
        return {}
    pairs = joined.loc[spelling, "admin1"].astype(str) + " ~ " + joined.loc[spelling, "region"].astype(str)
    return {str(k): int(v) for k, v in sorted(pairs.value_counts().items())}


def outside_by_source_country(joined: pd.DataFrame) -> dict[str, int]:
    """Events in none of our countries, by the country their source names ("" -> "(none)")."""
    outside = joined["country_iso3"] == ""
    if not outside.any():
        return {}
    names = (joined.loc[outside, "country"].astype(str).str.strip() if "country" in joined.columns
             else pd.Series("", index=joined.index[outside]))
    counts = names.replace("", "(none)").value_counts()
    return {str(k): int(v) for k, v in sorted(counts.items())}


def _admin2_mismatch(source_admin2: pd.Series, district: pd.Series) -> np.ndarray:
    """True where the source names a district that is not ours: names folded as for admin-1,
    and a spelling variant (difflib ratio >= SPELLING_RATIO) is the same name. Each distinct
    pair is compared once."""
    both = ((source_admin2 != "") & (district != "")).to_numpy()
    mismatch = np.zeros(len(district), dtype=bool)
    if both.any():
        import difflib

        pairs = pd.DataFrame({"a": _normalised_codes(source_admin2[both]),
                              "b": _normalised_codes(district[both])})
        codes, distinct = pd.factorize(pd.MultiIndex.from_frame(pairs))
        differ = np.array([a != b and difflib.SequenceMatcher(None, a, b).ratio() < SPELLING_RATIO
                           for a, b in distinct], dtype=bool)
        mismatch[both] = differ[codes]
    return mismatch


def _counts(values: pd.Series) -> dict[str, int]:
    counts = values[values != ""].value_counts()
    return {str(k): int(v) for k, v in sorted(counts.items())}


def _district_counts(joined: pd.DataFrame) -> dict[str, dict]:
    """{P-code: {"name", "region", "country", "events", "fatalities"}}, by P-code (names repeat)."""
    columns = ["district_pcode", "district", "region", "country_iso3", "fatalities"]
    rows = joined[columns][joined["district_pcode"] != ""]  # these columns only: 1M rows' take
    if not len(rows):
        return {}
    groups = rows.groupby("district_pcode", sort=True)
    first = groups[["district", "region", "country_iso3"]].first()
    events = groups.size()
    deaths = groups["fatalities"].sum(min_count=1).fillna(0)
    return {str(code): {"name": str(first.at[code, "district"]), "region": str(first.at[code, "region"]),
                        "country": str(first.at[code, "country_iso3"]), "events": int(events[code]),
                        "fatalities": int(deaths[code])} for code in first.index}


def _month_counts(dates: pd.Series) -> dict[str, int]:
    """{"YYYY-MM": n}, counting integer month keys (formatting a million dates is slow)."""
    keys = (dates.dt.year * 100 + dates.dt.month).dropna().astype("int64").value_counts()
    return {f"{k // 100:04d}-{k % 100:02d}": int(v) for k, v in sorted(keys.items())}


def aggregate(joined: pd.DataFrame) -> dict:
    """Counts by zone, region, country, month, and country x year; flagged rows by flag."""
    from geo.schema import ZONES

    zone_counts = joined["zone"].value_counts()
    year = joined["event_date"].dt.year.astype(str)
    by_country_year = {
        str(country): {str(y): int(n) for y, n in sorted(group.value_counts().items())}
        for country, group in year[joined["country_iso3"] != ""].groupby(
            joined.loc[joined["country_iso3"] != "", "country_iso3"])
    }
    return {
        "by_zone": {z: int(zone_counts.get(z, 0)) for z in ZONES},
        "by_region": _counts(joined["region"]),
        "by_district": _district_counts(joined),
        # every accepted event: a mapped country's ISO3, or "outside" (none of them), so the
        # counts add up to the events; "outside" breaks the latter down by the source's country
        "by_country": _counts(joined["country_iso3"].replace("", "outside")),
        "outside": outside_by_source_country(joined),
        "by_month": _month_counts(joined["event_date"]),
        "by_country_year": dict(sorted(by_country_year.items())),
        "fatalities": int(joined["fatalities"].fillna(0).sum()),
        "flags": {
            "suspect_swapped_latlon": int(joined["suspect_swapped_latlon"].sum()),
            "admin1_mismatch": int(joined["admin1_mismatch"].sum()),
            "admin2_mismatch": int(joined["admin2_mismatch"].sum()),
            "country_from_source": int(joined["country_from_source"].sum()),
            "country_mismatch": int(joined["country_mismatch"].sum()),
        },
        "admin1_spellings": admin1_spellings(joined),
    }
