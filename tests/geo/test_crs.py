"""Measurements on hand-checked geometries."""

import geopandas as gpd
import numpy as np
import pytest
from shapely.geometry import LineString, Point, box

from geo.crs import (
    area_km2,
    buffer_km,
    distance_to_line_km,
    geodesic_length_km,
    require_crs,
    to_storage_crs,
)
from geo.errors import DataError


def test_area_of_one_degree_cell_at_equator():
    # 1° x 1° at the equator on WGS 84: 111.32 km x 110.57 km = 12,308 km² (geodesic reference)
    cell = gpd.GeoSeries([box(0, 0, 1, 1)], crs="EPSG:4326")
    assert area_km2(cell)[0] == pytest.approx(12_308, rel=0.002)


def test_geodesic_length_of_one_degree_along_equator():
    assert geodesic_length_km(LineString([(0, 0), (1, 0)])) == pytest.approx(111.32, abs=0.01)


def test_buffer_of_a_point_has_the_area_of_a_circle():
    buffered = buffer_km(gpd.GeoSeries([Point(0, 15)], crs="EPSG:4326"), 10)
    assert buffered.crs.to_epsg() == 4326
    assert area_km2(buffered)[0] == pytest.approx(np.pi * 100, rel=0.02)


def test_distance_to_a_line_one_degree_of_latitude_away():
    # a meridian degree at 15-16°N is 110.65 km; the equidistant conic stays within 1 % here
    line = LineString([(-1, 15), (1, 15)])
    assert distance_to_line_km(np.array([0.0]), np.array([16.0]), line)[0] == pytest.approx(110.65, rel=0.01)


def test_require_crs_refuses_a_frame_without_crs():
    frame = gpd.GeoDataFrame(geometry=[Point(0, 0)])
    with pytest.raises(DataError, match="has no CRS"):
        require_crs(frame, "layer.geojson")


def test_require_crs_refuses_projected_numbers_labelled_as_degrees():
    frame = gpd.GeoDataFrame(geometry=[Point(1_800_000, -5_000)], crs="EPSG:4326")
    with pytest.raises(DataError, match="look projected"):
        require_crs(frame, "layer.geojson")


def test_to_storage_crs_reprojects_rather_than_relabels():
    frame = gpd.GeoDataFrame(geometry=[Point(0, 0)], crs="EPSG:3857")
    frame.loc[0, "geometry"] = Point(111_319.49, 0)  # 1°E in Web Mercator metres
    out = to_storage_crs(frame, "x")
    assert out.crs.to_epsg() == 4326
    assert out.geometry.iloc[0].x == pytest.approx(1.0, abs=1e-6)


def _geos_distance_km(lon, lat, line):
    """GEOS's distance in DISTANCE_CRS, found through a tree of the line's segments: the same
    numbers as shapely.distance(points, line) (a line's distance is its nearest segment's),
    without measuring every point against all of its ~900 segments."""
    import shapely
    from pyproj import Transformer

    from geo.crs import DISTANCE_CRS, STORAGE_CRS

    projected = gpd.GeoSeries([line], crs=STORAGE_CRS).to_crs(DISTANCE_CRS).iloc[0]
    x, y = Transformer.from_crs(STORAGE_CRS, DISTANCE_CRS, always_xy=True).transform(lon, lat)
    segments = [shapely.linestrings(np.stack([xy[:-1], xy[1:]], axis=1))
                for xy in map(shapely.get_coordinates, shapely.get_parts(projected))]
    (point, _), distance = shapely.STRtree(np.concatenate(segments)).query_nearest(
        shapely.points(x, y), return_distance=True, all_matches=False)
    out = np.full(len(x), np.nan)
    out[point] = distance / 1000.0
    return out


def test_border_distance_matches_geos_over_a_wide_area():
    from geo.boundaries import load_layer

    line = load_layer("algeria_mali_border").geometry.iloc[0]
    rng = np.random.default_rng(7)
    lon, lat = rng.uniform(-12, 8, 5000), rng.uniform(9, 36, 5000)
    error_m = np.abs(distance_to_line_km(lon, lat, line) - _geos_distance_km(lon, lat, line)) * 1000
    assert error_m.max() < 0.001


def test_border_distance_matches_geos_near_the_bends():
    # The old KD-tree + index-window search was off by up to hundreds of metres here, on a
    # handful of points per 200,000 within 2 degrees of the border; 5,000 points missed them.
    import shapely

    from geo.boundaries import load_layer

    line = load_layer("algeria_mali_border").geometry.iloc[0]
    near = line.buffer(2.0)  # within 2 degrees of the border, where the bends are
    minx, miny, maxx, maxy = near.bounds
    rng = np.random.default_rng(20240611)
    lon, lat = rng.uniform(minx, maxx, 500_000), rng.uniform(miny, maxy, 500_000)
    inside = shapely.contains_xy(near, lon, lat)
    lon, lat = lon[inside][:200_000], lat[inside][:200_000]
    assert len(lon) == 200_000
    error_m = np.abs(distance_to_line_km(lon, lat, line) - _geos_distance_km(lon, lat, line)) * 1000
    assert error_m.max() < 0.001  # exact to rounding (~1e-9 m measured); the bar is 1 m


def test_distance_is_zero_on_the_vertices_of_the_line():
    from geo.boundaries import load_layer

    line = load_layer("algeria_mali_border").geometry.iloc[0]
    lon, lat = np.asarray(line.coords).T
    assert np.abs(distance_to_line_km(lon, lat, line)).max() < 1e-6


def test_distance_to_a_multiline_is_to_its_nearest_part():
    from shapely.geometry import MultiLineString

    west, east = LineString([(-3, 20), (-2, 21), (-2, 21)]), LineString([(2, 20), (2, 22)])
    rng = np.random.default_rng(3)
    lon, lat = rng.uniform(-5, 5, 2000), rng.uniform(18, 24, 2000)
    both = distance_to_line_km(lon, lat, MultiLineString([west, east]))
    each = np.minimum(distance_to_line_km(lon, lat, west), distance_to_line_km(lon, lat, east))
    assert np.abs(both - each).max() < 1e-9
    assert np.abs(both - _geos_distance_km(lon, lat, MultiLineString([west, east]))).max() < 1e-6


def test_distance_of_no_points_and_of_missing_coordinates():
    line = LineString([(-1, 15), (1, 15)])
    assert distance_to_line_km(np.array([]), np.array([]), line).shape == (0,)
    out = distance_to_line_km(np.array([np.nan, 0.0, 0.0]), np.array([15.0, np.nan, 15.5]), line)
    assert np.isnan(out[:2]).all() and out[2] == pytest.approx(55.3, rel=0.01)


@pytest.mark.parametrize("dense_pairs", [0, 1 << 40])
def test_the_dense_tail_gives_the_same_distances_as_rounds(monkeypatch, dense_pairs):
    import geo.crs
    from geo.boundaries import load_layer

    outline = load_layer("countries").geometry.union_all().boundary  # thousands of segments
    rng = np.random.default_rng(7)
    lon, lat = rng.uniform(-12, 5, 20_000), rng.uniform(10, 26, 20_000)
    expected = distance_to_line_km(lon, lat, outline)
    monkeypatch.setattr(geo.crs, "_DENSE_PAIRS", dense_pairs)  # all pairs at once / rank by rank
    assert np.array_equal(distance_to_line_km(lon, lat, outline), expected)


def test_two_threads_give_the_same_distances_as_one(monkeypatch):
    """Large inputs are projected and measured in halves on two threads: same numbers."""
    import geo.crs
    from geo.boundaries import load_layer

    line = load_layer("algeria_mali_border").geometry.iloc[0]
    rng = np.random.default_rng(11)
    lon, lat = rng.uniform(-12, 8, 9_999), rng.uniform(9, 36, 9_999)
    one_thread = distance_to_line_km(lon, lat, line)
    monkeypatch.setattr(geo.crs, "_PARALLEL_FROM", 100)
    assert np.array_equal(distance_to_line_km(lon, lat, line), one_thread)
    assert np.abs(one_thread - _geos_distance_km(lon, lat, line)).max() * 1000 < 0.001
