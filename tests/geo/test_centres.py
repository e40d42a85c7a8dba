"""How the violence moved: yearly weighted centres and their spread (geo/centres.py)."""

import numpy as np
import pandas as pd
import pyproj
import pytest

from geo.centres import MIN_EVENTS, yearly_centres
from geo.crs import DISTANCE_CRS, STORAGE_CRS

_TO_LONLAT = pyproj.Transformer.from_crs(DISTANCE_CRS, STORAGE_CRS, always_xy=True)
_TO_XY = pyproj.Transformer.from_crs(STORAGE_CRS, DISTANCE_CRS, always_xy=True)
GAO = (-0.0447, 16.2717)  # Gao town, UCDP GED 236600


def around(year: int, offsets_km: list[tuple[float, float]], fatalities: list[int]) -> pd.DataFrame:
    """Our own events at the given east/north offsets (km) from Gao, in SAHEL_EQUIDISTANT."""
    x0, y0 = _TO_XY.transform(*GAO)
    lon, lat = _TO_LONLAT.transform(np.array([x0 + dx * 1000 for dx, _ in offsets_km]),
                                    np.array([y0 + dy * 1000 for _, dy in offsets_km]))
    return pd.DataFrame({"event_date": pd.Timestamp(f"{year}-06-01"), "latitude": lat, "longitude": lon,
                         "fatalities": fatalities})


def test_centre_and_ellipse_of_a_line_of_events():
    events = around(2019, [(-100, 0), (100, 0), (-100, 0), (100, 0), (0, 0)], [1, 1, 1, 1, 1])
    row = yearly_centres(events).iloc[0]
    assert (row["year"], row["events"], row["weight"]) == (2019, 5, 5.0)
    assert (row["longitude"], row["latitude"]) == pytest.approx(GAO, abs=1e-6)
    assert row["major_km"] == pytest.approx(np.sqrt(4 * 100**2 / 5), rel=1e-6)  # one standard deviation
    assert row["minor_km"] == pytest.approx(0, abs=1e-6)
    assert row["azimuth"] == pytest.approx(90)  # east-west
    xs, _ = _TO_XY.transform(*np.array(row["geometry"].exterior.coords).T)
    x0, _ = _TO_XY.transform(*GAO)
    assert (xs.min() - x0) / 1000 == pytest.approx(-row["major_km"]) and (xs.max() - x0) / 1000 == pytest.approx(row["major_km"])


def test_fatalities_pull_the_centre():
    events = around(2020, [(-100, 0), (100, 0), (0, 50), (0, -50), (0, 0)], [0, 30, 0, 0, 10])
    by_events, by_dead = yearly_centres(events).iloc[0], yearly_centres(events, "fatalities").iloc[0]
    assert by_dead["weight"] == 40
    x, y = _TO_XY.transform(by_dead["longitude"], by_dead["latitude"])
    x0, y0 = _TO_XY.transform(*GAO)
    assert ((x - x0) / 1000, (y - y0) / 1000) == pytest.approx((75, 0), abs=1e-6)  # 30 * 100 / 40
    assert (by_events["longitude"], by_events["latitude"]) == pytest.approx(GAO, abs=1e-6)


def test_years_with_too_few_events_get_no_centre():
    events = pd.concat([around(2018, [(0, 0)] * (MIN_EVENTS - 1), [1] * (MIN_EVENTS - 1)),
                        around(2019, [(0, 0)] * MIN_EVENTS, [0] * MIN_EVENTS)])
    assert yearly_centres(events)["year"].tolist() == [2019]  # 2018 has too few events
    assert yearly_centres(events, "fatalities").empty  # and 2019 no fatalities


def test_weight_is_checked():
    with pytest.raises(ValueError, match="not one of events, fatalities"):
        yearly_centres(around(2019, [(0, 0)], [0]), "killed")
