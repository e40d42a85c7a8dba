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


def test_fast_border_distance_matches_geos_exactly():
    import shapely

    from geo.boundaries import load_layer
    from geo.crs import DISTANCE_CRS, STORAGE_CRS

    line = load_layer("algeria_mali_border").geometry.iloc[0]
    rng = np.random.default_rng(7)
    lon, lat = rng.uniform(-12, 8, 5000), rng.uniform(9, 36, 5000)
    fast = distance_to_line_km(lon, lat, line)
    projected = gpd.GeoSeries([line], crs=STORAGE_CRS).to_crs(DISTANCE_CRS).iloc[0]
    points = gpd.GeoSeries(gpd.points_from_xy(lon, lat), crs=STORAGE_CRS).to_crs(DISTANCE_CRS)
    exact = shapely.distance(points.values, projected) / 1000.0
    assert np.abs(fast - exact).max() < 0.001  # under a metre everywhere
