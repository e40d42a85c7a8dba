"""How the violence moved: the centre of each year's events (or fatalities) and its spread.

Measured in SAHEL_EQUIDISTANT (geo.crs.DISTANCE_CRS, an azimuthal equidistant projection
centred on the Algeria–Mali border; under 1 % scale error across Mali, Burkina Faso and
western Niger), never in degrees:

- the centre is the weighted mean of the projected points (weight 1 per event, or its
  fatalities; events with unknown fatalities weigh 0 then);
- the spread is the standard deviational ellipse: the axes are the square roots of the
  eigenvalues of the weighted covariance matrix (one standard deviation along each), turned
  to the eigenvectors. It is returned as a polygon in EPSG:4326 with its axes in km.

Only years with at least MIN_EVENTS events (or, weighted by fatalities, one fatality) get a
centre: two events make no "centre of the violence".
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.crs import DISTANCE_CRS, STORAGE_CRS, to_distance_crs

__all__ = ["MIN_EVENTS", "WEIGHTS", "yearly_centres", "yearly_centres_by"]

MIN_EVENTS = 5
WEIGHTS = ("events", "fatalities")
_ELLIPSE_POINTS = 72


def _ellipse(cx: float, cy: float, cov: np.ndarray) -> tuple[shapely.Polygon, float, float, float]:
    """(polygon in projected metres, semi-major km, semi-minor km, azimuth of the major axis in
    degrees clockwise from north)."""
    values, vectors = np.linalg.eigh(cov)  # ascending
    values = np.clip(values, 0, None)
    minor, major = np.sqrt(values)
    ux, uy = vectors[:, 1]
    theta = np.linspace(0, 2 * np.pi, _ELLIPSE_POINTS, endpoint=False)
    along, across = major * np.cos(theta), minor * np.sin(theta)
    xs = cx + along * ux - across * uy
    ys = cy + along * uy + across * ux
    azimuth = float(np.degrees(np.arctan2(ux, uy)) % 180)
    return shapely.Polygon(np.column_stack([xs, ys])), major / 1000, minor / 1000, azimuth


def yearly_centres(events: pd.DataFrame, weight: str = "events") -> gpd.GeoDataFrame:
    """One row per year: `year`, `events`, `weight` (the sum of the weights), `latitude`,
    `longitude` (the centre, EPSG:4326), `major_km`, `minor_km`, `azimuth` and the ellipse
    as the geometry (EPSG:4326)."""
    return yearly_centres_by(events, (weight,))[weight]


def yearly_centres_by(events: pd.DataFrame, weights: tuple[str, ...] = WEIGHTS) -> dict[str, gpd.GeoDataFrame]:
    """`yearly_centres` for each of `weights`, the events projected once."""
    unknown = [w for w in weights if w not in WEIGHTS]
    if unknown:
        raise ValueError(f"centre weight {unknown[0]!r} is not one of {', '.join(WEIGHTS)}")
    located = (events["latitude"].notna() & events["longitude"].notna() & events["event_date"].notna()).to_numpy()
    # the coordinates alone, projected as arrays: no point objects for a million events
    x, y = to_distance_crs(events["longitude"].to_numpy(float)[located], events["latitude"].to_numpy(float)[located])
    year = events["event_date"].dt.year.to_numpy()[located]
    return {weight: _centres(pd.DataFrame({
        "year": year, "x": x, "y": y,
        "w": (events["fatalities"].fillna(0).to_numpy(float)[located] if weight == "fatalities"
              else np.ones(len(x)))})) for weight in weights}


def _centres(frame: pd.DataFrame) -> gpd.GeoDataFrame:
    """The yearly centres of projected, weighted points (columns year, x, y, w)."""
    rows, shapes = [], []
    for year, group in frame.groupby("year", sort=True):
        total = group["w"].sum()
        if len(group) < MIN_EVENTS or total <= 0:
            continue
        w = group["w"].to_numpy() / total
        xy = group[["x", "y"]].to_numpy()
        centre = w @ xy
        offsets = xy - centre
        cov = (offsets * w[:, None]).T @ offsets
        shape, major, minor, azimuth = _ellipse(centre[0], centre[1], cov)
        rows.append({"year": int(year), "events": len(group), "weight": float(total),
                     "x": centre[0], "y": centre[1], "major_km": major, "minor_km": minor, "azimuth": azimuth})
        shapes.append(shape)
    out = gpd.GeoDataFrame(rows, geometry=shapes, crs=DISTANCE_CRS)
    if not len(out):
        return gpd.GeoDataFrame(columns=["year", "events", "weight", "latitude", "longitude", "major_km",
                                         "minor_km", "azimuth", "geometry"], geometry="geometry", crs=STORAGE_CRS)
    centres = gpd.GeoSeries(gpd.points_from_xy(out["x"], out["y"]), crs=DISTANCE_CRS).to_crs(STORAGE_CRS)
    out = out.to_crs(STORAGE_CRS).assign(latitude=centres.y.to_numpy(), longitude=centres.x.to_numpy())
    return out[["year", "events", "weight", "latitude", "longitude", "major_km", "minor_km", "azimuth", "geometry"]]
