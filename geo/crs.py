"""Named coordinate reference systems. Every area, buffer and distance goes through here.

Storage is always WGS 84 longitude/latitude (EPSG:4326). Measurements use:
- areas: Africa Albers Equal Area Conic (ESRI:102022);
- buffers and point-to-line distances: an azimuthal equidistant projection centred on the
  Algeria–Mali border (22.0° N, 0.3° W), named SAHEL_EQUIDISTANT. Its scale error is under
  0.3 % within 700 km of the centre (the whole border and band) and under 1 % at Bamako.
  Africa Equidistant Conic (ESRI:102023) was the first choice, but its scale along
  parallels is off by 3–5 % at 10–15° N and 25° N (pyproj get_factors);
- line lengths: geodesic on the WGS 84 ellipsoid (pyproj.Geod).
No UTM zone: Mali spans three of them.
"""

from __future__ import annotations

import functools
import threading
from concurrent.futures import ThreadPoolExecutor

import geopandas as gpd
import numpy as np
import pyproj
import shapely
from shapely.geometry.base import BaseGeometry

from geo.errors import DataError

__all__ = [
    "STORAGE_CRS",
    "AREA_CRS",
    "DISTANCE_CRS",
    "require_crs",
    "to_storage_crs",
    "area_km2",
    "geodesic_length_km",
    "geodesic_distance_km",
    "buffer_km",
    "distance_to_line_km",
    "to_distance_crs",
]

STORAGE_CRS = pyproj.CRS.from_user_input("EPSG:4326")
AREA_CRS = pyproj.CRS.from_user_input("ESRI:102022")  # Africa Albers Equal Area Conic
DISTANCE_CRS = pyproj.CRS.from_proj4(
    "+proj=aeqd +lat_0=22.0 +lon_0=-0.3 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs +type=crs"
)  # SAHEL_EQUIDISTANT: azimuthal equidistant centred on the Algeria–Mali border
_GEOD = pyproj.Geod(ellps="WGS84")
_PARALLEL_FROM = 50_000  # points; below this a second thread costs more than it saves
_per_thread = threading.local()


@functools.cache
def _two_threads() -> ThreadPoolExecutor:
    """One pool for the process, so each of its threads keeps its Transformer."""
    return ThreadPoolExecutor(2, thread_name_prefix="geo.crs")


def _project_part(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    if not hasattr(_per_thread, "transformer"):  # a Transformer is not to be shared by threads
        _per_thread.transformer = pyproj.Transformer.from_crs(STORAGE_CRS, DISTANCE_CRS, always_xy=True)
    return _per_thread.transformer.transform(lon, lat)


def to_distance_crs(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """lon/lat arrays projected to DISTANCE_CRS; large arrays in halves on two threads (PROJ
    releases the GIL: 1M points 1.1 -> 0.7 s, the same numbers)."""
    if len(lon) < _PARALLEL_FROM:
        return _project_part(lon, lat)
    parts = _in_halves(_project_part, lon, lat)
    return np.concatenate([x for x, _ in parts]), np.concatenate([y for _, y in parts])


def _in_halves(work, *arrays, shared=()) -> list:
    """work(first halves, *shared) and work(second halves, *shared), on the two threads."""
    half = len(arrays[0]) // 2
    firsts, seconds = [a[:half] for a in arrays], [a[half:] for a in arrays]
    return list(_two_threads().map(lambda parts: work(*parts, *shared), (firsts, seconds)))


def require_crs(frame: gpd.GeoDataFrame, source: str) -> gpd.GeoDataFrame:
    """Refuse a frame with no CRS, or with projected-looking numbers labelled as degrees."""
    if frame.crs is None:
        raise DataError(
            f"{source}: has no CRS; declare it (e.g. GeoDataFrame.set_crs('EPSG:4326') "
            "if the numbers are longitude/latitude) and try again"
        )
    if frame.crs.is_geographic and len(frame) and frame.geometry.notna().any():
        minx, miny, maxx, maxy = frame.total_bounds
        if min(minx, miny) < -180 or maxx > 180 or maxy > 90 or miny < -90:
            raise DataError(
                f"{source}: coordinates look projected (bounds {minx:.0f}, {miny:.0f}, "
                f"{maxx:.0f}, {maxy:.0f}) but the file declares {frame.crs.to_string()}; "
                "reproject it to EPSG:4326, e.g. ogr2ogr -s_srs EPSG:3857 -t_srs EPSG:4326"
            )
    return frame


def to_storage_crs(frame: gpd.GeoDataFrame, source: str) -> gpd.GeoDataFrame:
    """Reproject to EPSG:4326 (never relabel)."""
    require_crs(frame, source)
    if frame.crs.equals(STORAGE_CRS):
        return frame
    return frame.to_crs(STORAGE_CRS)


def area_km2(geometries: gpd.GeoSeries) -> np.ndarray:
    """Area of each geometry in km², in Africa Albers Equal Area (ESRI:102022)."""
    return geometries.to_crs(AREA_CRS).area.to_numpy() / 1e6


def geodesic_length_km(line: BaseGeometry) -> float:
    """Length of a (multi)line in km, geodesic on the WGS 84 ellipsoid. Input in EPSG:4326."""
    return _GEOD.geometry_length(line) / 1000.0


def geodesic_distance_km(lon1: np.ndarray, lat1: np.ndarray,
                         lon2: np.ndarray, lat2: np.ndarray) -> np.ndarray:
    """Geodesic distance in km between paired lon/lat points (EPSG:4326), on the WGS 84 ellipsoid."""
    if not len(lon1):
        return np.zeros(0)
    return _GEOD.inv(lon1, lat1, lon2, lat2)[2] / 1000.0


def buffer_km(geometries: gpd.GeoSeries, distance_km: float) -> gpd.GeoSeries:
    """Buffer by `distance_km` in SAHEL_EQUIDISTANT (metres); returns EPSG:4326."""
    projected = geometries.to_crs(DISTANCE_CRS)
    return projected.buffer(distance_km * 1000.0, quad_segs=32).to_crs(STORAGE_CRS)


def distance_to_line_km(lon: np.ndarray, lat: np.ndarray, line: BaseGeometry) -> np.ndarray:
    """Distance in km from each lon/lat point to `line` (EPSG:4326), in SAHEL_EQUIDISTANT.

    Exact nearest-segment search, vectorised with numpy (no Python loop over points, no
    scipy): points and line are projected to DISTANCE_CRS; a quadtree over the points keeps,
    per cell, only the segments that a bound proves could be nearest to some point of the
    cell (see `_nearest_segment_distance_m`); each point then takes the exact point-to-segment
    distance over its cell's few candidates. It agrees with GEOS (`shapely.distance` of the
    projected points to the projected line) to floating-point rounding: the largest difference
    measured was 1e-9 m (200,000 random points within 1°, 2° and 6° of the Algeria–Mali border,
    five seeds each; 1M points over lon -12..5, lat 10..26; the longest country and admin-1
    outlines). 1M points take ~1.6 s, ~1 s of it the projection; GEOS takes ~13 s.
    Non-finite coordinates give NaN.
    """
    x, y = to_distance_crs(np.asarray(lon, float).ravel(), np.asarray(lat, float).ravel())
    segments = _projected_segments(line)
    out = np.full(len(x), np.nan)
    finite = np.isfinite(x) & np.isfinite(y)
    out[finite] = _nearest_segment_distances_m(x[finite], y[finite], segments) / 1000.0
    return out.reshape(np.shape(lon))


def _nearest_segment_distances_m(x: np.ndarray, y: np.ndarray, segments: np.ndarray) -> np.ndarray:
    """`_nearest_segment_distance_m`, large arrays in halves on two threads (numpy releases
    the GIL in the array work; each point's distance is exact either way)."""
    if len(x) < _PARALLEL_FROM:
        return _nearest_segment_distance_m(x, y, segments)
    return np.concatenate(_in_halves(_nearest_segment_distance_m, x, y, shared=(segments,)))


@functools.lru_cache(maxsize=32)
def _projected_segments(line: BaseGeometry) -> np.ndarray:
    """The line's segments (rows ax, ay, bx, by) in DISTANCE_CRS; cached, as the same outlines
    are measured on every run and every partition (shapely geometries hash by value)."""
    line_projected = shapely.transform(line, lambda coords: np.column_stack(_project_part(coords[:, 0], coords[:, 1])))
    segments = []
    for part in shapely.get_parts(line_projected):
        if part.geom_type not in ("LineString", "LinearRing"):
            raise ValueError(f"distance_to_line_km needs a (multi)line, got a {part.geom_type}")
        coords = shapely.get_coordinates(part)
        segments.append(np.column_stack([coords[:-1], coords[1:]]))
    segments = np.concatenate(segments) if segments else np.empty((0, 4))
    if not len(segments):
        raise ValueError("distance_to_line_km needs a non-empty line")
    segments.setflags(write=False)
    return segments


# Quadtree tuning for _nearest_segment_distance_m: split a cell while it keeps more than
# _MAX_CANDIDATES segments, holds more than _MIN_POINTS points and is over 2 * _MIN_HALF_SIDE_M.
_MAX_CANDIDATES = 12
_MIN_POINTS = 16
_MIN_HALF_SIDE_M = 25.0
_DENSE_PAIRS = 1 << 21  # the last (point, candidate) pairs, computed at once (~100 MB at most)


def _offset_from_segments(px, py, ax, ay, dx, dy, inv_length2):
    """Vector from the nearest point of each segment (a, a + d) to each point p."""
    t = np.clip(((px - ax) * dx + (py - ay) * dy) * inv_length2, 0.0, 1.0)
    return px - (ax + t * dx), py - (ay + t * dy)


def _nearest_segment_distance_m(x: np.ndarray, y: np.ndarray, segments: np.ndarray) -> np.ndarray:
    """Exact distance from each point (x, y) to the nearest of `segments` (rows ax, ay, bx, by).

    Quadtree over the points, refined level by level (vectorised over all cells of a level).
    For a square cell C with centre c, half side h and half diagonal r, let f_j be the distance
    to segment j and k the candidate nearest to c. Segment j is dropped from C when it is
    provably farther than k from every point p of C, i.e. when a lower bound of f_j(p) - f_k(p)
    over C is positive. Two bounds, the larger is used:
    - Lipschitz: f_j(p) - f_k(p) >= f_j(c) - f_k(c) - 2r;
    - convexity and curvature: f_j is convex, so f_j(p) >= f_j(c) + g_j.(p - c) with g_j the
      unit gradient at c; the Hessian of the distance to a convex set is at most 1/distance, so
      f_k(p) <= f_k(c) + g_k.(p - c) + r^2 / (2 (f_k(c) - r)) when f_k(c) > r. Hence
      f_j(p) - f_k(p) >= f_j(c) - f_k(c) - h (|g_jx - g_kx| + |g_jy - g_ky|) - r^2 / (2 (f_k(c) - r)).
      This keeps far cells' lists short: only segments whose direction from c is within about
      a cell width of the nearest one survive, however far the line is.
    k itself always survives, so the minimum over the survivors is the minimum over all
    segments; a child cell starts from its parent's survivors. Points then take the exact
    distance over their cell's survivors, in rounds over candidate rank (points sorted by
    candidate count, so each round is a slice).
    """
    n = len(x)
    if n == 0:
        return np.empty(0)
    ax, ay, bx, by = segments.T
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    inv_length2 = np.divide(1.0, length2, out=np.zeros_like(length2), where=length2 > 0)

    x0, y0 = x.min(), y.min()
    side = max(x.max() - x0, y.max() - y0, 1.0) * (1 + 1e-9)
    half = side / 2
    cx, cy = np.array([x0 + half]), np.array([y0 + half])   # cells of the current level
    pair_cell = np.zeros(len(segments), np.int64)            # (cell, segment) candidate pairs,
    pair_seg = np.arange(len(segments))                      # grouped by cell
    active = np.arange(n)                                    # points in cells still refined
    cell_of_point = np.zeros(n, np.int64)                    # cell of each active point
    first_candidate = np.empty(n, np.int64)                  # into the concatenated lists
    candidate_count = np.empty(n, np.int64)
    lists, listed = [], 0
    while True:
        ncell = len(cx)
        ox, oy = _offset_from_segments(cx[pair_cell], cy[pair_cell], ax[pair_seg], ay[pair_seg],
                                       dx[pair_seg], dy[pair_seg], inv_length2[pair_seg])
        f = np.hypot(ox, oy)
        safe_f = np.where(f > 0, f, 1.0)
        gx, gy = np.where(f > 0, ox / safe_f, 0.0), np.where(f > 0, oy / safe_f, 0.0)
        # k: the candidate nearest to each cell centre (first one on ties)
        starts = np.flatnonzero(np.r_[True, pair_cell[1:] != pair_cell[:-1]])
        fk = np.minimum.reduceat(f, starts)
        at_min = np.flatnonzero(f == fk[pair_cell])
        first = np.r_[True, pair_cell[at_min[1:]] != pair_cell[at_min[:-1]]]
        k = np.empty(ncell, np.int64)
        k[pair_cell[at_min[first]]] = at_min[first]

        r = half * np.sqrt(2.0)
        fk_pair = fk[pair_cell]
        gap = f - fk_pair
        curvature = np.full(len(f), np.inf)
        far = fk_pair > r
        curvature[far] = r * r / (2 * (fk_pair[far] - r))
        k_pair = k[pair_cell]
        bound = np.maximum(
            gap - 2 * r,
            gap - half * (np.abs(gx - gx[k_pair]) + np.abs(gy - gy[k_pair])) - curvature,
        )
        keep = bound <= 1e-6  # drop only what is provably farther (margin >> rounding)
        pair_cell, pair_seg = pair_cell[keep], pair_seg[keep]

        count = np.bincount(pair_cell, minlength=ncell)
        offset = np.cumsum(count) - count
        points_in = np.bincount(cell_of_point, minlength=ncell)
        split = (count > _MAX_CANDIDATES) & (points_in > _MIN_POINTS) & (half / 2 >= _MIN_HALF_SIDE_M)
        done = ~split[cell_of_point]
        first_candidate[active[done]] = listed + offset[cell_of_point[done]]
        candidate_count[active[done]] = count[cell_of_point[done]]
        lists.append(pair_seg)
        listed += len(pair_seg)
        if done.all():
            break

        # next level: the occupied children of split cells, each starting from its parent's list
        active, parent_of_point = active[~done], cell_of_point[~done]
        quadrant = (x[active] >= cx[parent_of_point]) + 2 * (y[active] >= cy[parent_of_point])
        key = 4 * parent_of_point + quadrant
        occupied = np.bincount(key, minlength=4 * ncell) > 0
        cell_of_point = (np.cumsum(occupied) - 1)[key]
        child = np.flatnonzero(occupied)
        parent, quadrant = child // 4, child % 4
        half /= 2
        cx = cx[parent] + np.where(quadrant % 2 == 1, half, -half)
        cy = cy[parent] + np.where(quadrant // 2 == 1, half, -half)
        inherited = count[parent]
        pair_cell = np.repeat(np.arange(len(child)), inherited)
        rank = np.arange(len(pair_cell)) - np.repeat(np.cumsum(inherited) - inherited, inherited)
        pair_seg = pair_seg[offset[parent][pair_cell] + rank]

    candidates = np.concatenate(lists)
    order = np.argsort(-candidate_count, kind="stable")
    count, first_candidate = candidate_count[order], first_candidate[order]
    px, py = x[order], y[order]
    best = np.full(n, np.inf)
    # with more than `rank` candidates: a prefix, since counts are sorted descending
    prefix = np.searchsorted(-count, -np.arange(count[0]), side="left")
    # (point, candidate) pairs from each rank on; once few are left, take them in one go
    # (a few cells with many points' worth of segments would otherwise cost a round per rank)
    pairs_left = np.cumsum(prefix[::-1])[::-1]
    dense_from = int(np.argmax(pairs_left <= _DENSE_PAIRS)) if pairs_left[-1] <= _DENSE_PAIRS else len(prefix)
    for rank, m in enumerate(prefix[:dense_from]):
        s = candidates[first_candidate[:m] + rank]
        ox, oy = _offset_from_segments(px[:m], py[:m], ax[s], ay[s], dx[s], dy[s], inv_length2[s])
        np.minimum(best[:m], ox * ox + oy * oy, out=best[:m])
    if dense_from < len(prefix):
        m = prefix[dense_from]
        extra = count[:m] - dense_from
        start = np.cumsum(extra) - extra
        point = np.repeat(np.arange(m), extra)
        rank = dense_from + np.arange(len(point)) - start[point]
        s = candidates[first_candidate[point] + rank]
        ox, oy = _offset_from_segments(px[point], py[point], ax[s], ay[s], dx[s], dy[s], inv_length2[s])
        np.minimum(best[:m], np.minimum.reduceat(ox * ox + oy * oy, start), out=best[:m])
    out = np.empty(n)
    out[order] = np.sqrt(best)
    return out
