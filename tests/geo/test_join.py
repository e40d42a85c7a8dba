"""Joins on hand-drawn unit squares, whose answers were worked out by hand."""

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import LineString, box

from geo.join import JoinLayers, aggregate, join_events
from geo.zones import ZoneConfig


@pytest.fixture
def toy_layers():
    # Mali = two unit squares: "North" (lat 1-2) and "South" (lat 0-1), lon 0-1.
    # Burkina = "Sahel" square to the west (lon -1..0, lat 0-1). The "border" is lat 2, lon 0-1.
    admin1 = gpd.GeoDataFrame({
        "name": ["North", "South", "Sahel"], "iso3": ["MLI", "MLI", "BFA"],
    }, geometry=[box(0, 1, 1, 2), box(0, 0, 1, 1), box(-1, 0, 0, 1)], crs="EPSG:4326")
    countries = gpd.GeoDataFrame({"name": ["Elsewhere"], "iso3": ["XXX"]},
                                 geometry=[box(5, 5, 6, 6)], crs="EPSG:4326")
    border = gpd.GeoDataFrame({"name": ["b"]}, geometry=[LineString([(0, 2), (1, 2)])], crs="EPSG:4326")
    band = gpd.GeoDataFrame(geometry=[box(0, 1.5, 1, 2)], crs="EPSG:4326")
    zones = ZoneConfig(labels={"north": "N", "central": "C", "spillover": "S"},
                       members={"north": (("MLI", "North"),), "central": (("MLI", "South"),),
                                "spillover": (("BFA", "Sahel"),)})
    return JoinLayers(admin1, countries, border, band, zones)


def _events(points, admin1=None):
    lon, lat = zip(*points, strict=True)
    return pd.DataFrame({
        "longitude": lon, "latitude": lat, "admin1": admin1 or [""] * len(points),
        "event_date": pd.to_datetime(["2020-01-15"] * len(points)),
        "fatalities": pd.array([1] * len(points), dtype="Int64"),
    })


def test_points_get_region_zone_country_band_and_distance(toy_layers):
    joined = join_events(_events([(0.5, 1.75), (0.5, 0.5), (-0.5, 0.5), (5.5, 5.5), (9, 9)]),
                         toy_layers)
    assert joined["region"].tolist() == ["North", "South", "Sahel", "", ""]
    assert joined["country_iso3"].tolist() == ["MLI", "MLI", "BFA", "XXX", ""]
    assert joined["zone"].tolist() == ["north", "central", "spillover", "outside", "outside"]
    assert joined["in_border_band"].tolist() == [True, False, False, False, False]
    # 0.25° of latitude at lat 2: 27.6 km; 1.5°: 165.9 km (equidistant conic, within 1 %)
    assert joined["dist_algeria_border_km"].iloc[0] == pytest.approx(27.6, rel=0.01)
    assert joined["dist_algeria_border_km"].iloc[1] == pytest.approx(165.9, rel=0.01)


def test_swapped_coordinates_are_flagged(toy_layers):
    # (lon 1.5, lat 0.5) is outside every polygon; swapped (lon 0.5, lat 1.5) is in "North"
    joined = join_events(_events([(1.5, 0.5), (0.5, 0.5)]), toy_layers)
    assert joined["suspect_swapped_latlon"].tolist() == [True, False]


def test_source_admin1_disagreeing_with_the_polygon_is_flagged(toy_layers):
    joined = join_events(_events([(0.5, 0.5), (0.5, 0.5), (0.5, 0.5)],
                                 admin1=["South", "North region", ""]), toy_layers)
    assert joined["admin1_mismatch"].tolist() == [False, True, False]


def test_aggregate_counts_by_zone_region_country_month(toy_layers):
    joined = join_events(_events([(0.5, 1.75), (0.5, 1.25), (-0.5, 0.5)]), toy_layers)
    counts = aggregate(joined)
    assert counts["by_zone"] == {"north": 2, "central": 0, "spillover": 1, "other": 0, "outside": 0}
    assert counts["by_region"] == {"North": 2, "Sahel": 1}
    assert counts["by_country"] == {"BFA": 1, "MLI": 2}
    assert counts["by_month"] == {"2020-01": 3}
    assert counts["by_country_year"] == {"BFA": {"2020": 1}, "MLI": {"2020": 2}}
    assert counts["fatalities"] == 3
    assert counts["flags"] == {"suspect_swapped_latlon": 0, "admin1_mismatch": 0,
                               "admin2_mismatch": 0, "country_from_source": 0,
                               "country_mismatch": 0}
    assert counts["by_district"] == {}  # the toy layers have no districts


def test_point_on_a_shared_edge_gets_exactly_one_region(toy_layers):
    joined = join_events(_events([(0.5, 1.0)]), toy_layers)
    assert len(joined) == 1 and joined["region"].iloc[0] in {"North", "South"}
    assert np.isfinite(joined["dist_algeria_border_km"]).all()


def test_each_place_is_joined_once_and_every_event_gets_its_answer(toy_layers):
    # one point named by two different source countries, repeated, plus an admin-1 name that
    # differs per row: the answers must equal joining each row on its own
    events = _events([(-0.05, 0.5), (-0.05, 0.5), (0.5, 1.75), (-0.05, 0.5), (0.5, 1.75)],
                     admin1=["Sahel", "South", "North", "", "South"])
    events["country"] = ["Mali", "Burkina Faso", "", "Mali", ""]
    joined = join_events(events, toy_layers)
    one_by_one = pd.concat([join_events(events.iloc[[i]], toy_layers) for i in range(len(events))])
    pd.testing.assert_frame_equal(joined.reset_index(drop=True), one_by_one.reset_index(drop=True))
    assert joined["country_iso3"].tolist() == ["MLI", "BFA", "MLI", "MLI", "MLI"]  # source wins at 5 km
    assert joined["admin1_mismatch"].tolist() == [True, True, False, False, True]


def test_text_join_columns_keep_missing_values_missing():
    import numpy as np
    import pandas as pd

    from geo.join import _strings

    got = _strings(np.array(["MLI", None, "NER", "MLI"], dtype=object))
    assert got.dtype == "str" and got[0] == "MLI" and got[2] == "NER" and got[3] == "MLI"
    assert pd.isna(got[1])


def test_two_threads_join_as_one_does(monkeypatch, default_prepared):
    # the real layers and the shipped events, with their source countries, joined by
    # halves on two threads: every column equals the one-thread join's
    import geo.join

    events = default_prepared.events[["event_date", "event_type", "latitude", "longitude",
                                      "country", "admin1"]].copy()
    one_thread = join_events(events, default_prepared.layers)
    monkeypatch.setattr(geo.join, "_TWO_THREADS_FROM", 2)
    pd.testing.assert_frame_equal(join_events(events, default_prepared.layers), one_thread)
    assert one_thread["district"].nunique() > 20 and one_thread["country_from_source"].any()
