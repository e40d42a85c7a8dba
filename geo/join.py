"""Join events to countries, admin-1 regions, zones, the border band and the border line.

Vectorised: one STRtree query per layer and one nearest-segment query for distances;
no Python loop over events.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.crs import distance_to_line_km
from geo.zones import ZoneConfig, zone_of_region

__all__ = ["JoinLayers", "join_events", "aggregate"]

MAPPED_COUNTRIES = ("MLI", "BFA", "NER", "DZA")  # countries with admin-1 regions in our layers
_ADMIN_WORDS = re.compile(r"\b(region|province|wilaya|district|cercle|prefecture|de|du|of)\b")
_ALIASES = {"timbuktu": "tombouctou", "taoudenit": "tombouctou", "taoudeni": "tombouctou",
            "tamanrasset": "tamanghasset"}


@dataclass(frozen=True)
class JoinLayers:
    admin1: gpd.GeoDataFrame     # name, iso3 (regions of the mapped countries)
    countries: gpd.GeoDataFrame  # name, iso3
    border: gpd.GeoDataFrame     # the Algeria–Mali line
    band: gpd.GeoDataFrame       # the border band polygon
    zones: ZoneConfig


def _locate(polygons: np.ndarray, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """Index of the polygon holding each point (the lowest index on a shared edge), -1 if none.

    Loops over the polygons, never over points: a bounding-box prefilter in numpy, then one
    prepared, vectorised contains_xy call per polygon; points left over (for example exactly on
    an edge) are retried with intersects_xy.
    """
    hit = np.full(len(lon), -1, dtype=np.int64)
    for test in (shapely.contains_xy, shapely.intersects_xy):
        for i, polygon in enumerate(polygons):
            minx, miny, maxx, maxy = polygon.bounds
            candidates = np.flatnonzero((hit < 0) & (lon >= minx) & (lon <= maxx)
                                        & (lat >= miny) & (lat <= maxy))
            if len(candidates):
                shapely.prepare(polygon)
                hit[candidates[test(polygon, lon[candidates], lat[candidates])]] = i
        if (hit >= 0).all():
            break
    return hit


def join_events(events: pd.DataFrame, layers: JoinLayers) -> pd.DataFrame:
    """Add country_iso3, region, zone, in_border_band, dist_algeria_border_km and two flags
    (suspect_swapped_latlon, admin1_mismatch) to accepted events."""
    lon = events["longitude"].to_numpy(dtype=float)
    lat = events["latitude"].to_numpy(dtype=float)
    region_idx = _locate(layers.admin1.geometry.values, lon, lat)
    in_region = region_idx >= 0
    region = np.where(in_region, layers.admin1["name"].to_numpy(dtype=object)[region_idx], "")
    iso3 = np.where(in_region, layers.admin1["iso3"].to_numpy(dtype=object)[region_idx], "")
    if (~in_region).any():
        country_idx = _locate(layers.countries.geometry.values, lon[~in_region], lat[~in_region])
        iso3[~in_region] = np.where(
            country_idx >= 0, layers.countries["iso3"].to_numpy(dtype=object)[country_idx], "")

    # the zone of each polygon (a few dozen), then one take per event: no per-event tuples
    lookup = zone_of_region(layers.zones)
    polygon_zone = np.array([lookup.get(key, "") for key in zip(
        layers.admin1["iso3"], layers.admin1["name"], strict=True)], dtype=object)
    zone = np.where(in_region, polygon_zone[region_idx], "")
    default = np.where(np.isin(iso3, MAPPED_COUNTRIES), "other", "outside")
    zone = np.where(zone == "", default, zone)

    band = layers.band.geometry.union_all()
    shapely.prepare(band)
    in_band = shapely.contains_xy(band, lon, lat)


    out = events.copy()
    out["country_iso3"] = iso3.astype(str)
    out["region"] = region.astype(str)
    out["zone"] = zone.astype(str)
    out["in_border_band"] = in_band
    out["dist_algeria_border_km"] = np.round(
        distance_to_line_km(lon, lat, layers.border.geometry.union_all()), 1)
    out["suspect_swapped_latlon"] = _swapped(lat, lon, iso3, layers)
    out["admin1_mismatch"] = _admin1_mismatch(events["admin1"], out["region"])
    return out


def _swapped(lat, lon, iso3, layers: JoinLayers) -> np.ndarray:
    """True where a point lies outside the mapped countries but (lon, lat) swapped lies inside."""
    candidate = ~np.isin(iso3, MAPPED_COUNTRIES) & (np.abs(lon) <= 90)
    flag = np.zeros(len(lat), dtype=bool)
    if candidate.any():
        flag[candidate] = _locate(layers.admin1.geometry.values, lat[candidate], lon[candidate]) >= 0
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


def _admin1_mismatch(source_admin1: pd.Series, region: pd.Series) -> np.ndarray:
    """True where the source names an admin-1 unit that is not the polygon the point is in."""
    both = ((source_admin1 != "") & (region != "")).to_numpy()
    mismatch = np.zeros(len(region), dtype=bool)
    if both.any():
        mismatch[both] = _normalised_codes(source_admin1[both]) != _normalised_codes(region[both])
    return mismatch


def _counts(values: pd.Series) -> dict[str, int]:
    counts = values[values != ""].value_counts()
    return {str(k): int(v) for k, v in sorted(counts.items())}


def _month_counts(dates: pd.Series) -> dict[str, int]:
    """{"YYYY-MM": n}, counting integer month keys (formatting a million dates is slow)."""
    keys = (dates.dt.year * 100 + dates.dt.month).dropna().astype("int64").value_counts()
    return {f"{k // 100:04d}-{k % 100:02d}": int(v) for k, v in sorted(keys.items())}


def aggregate(joined: pd.DataFrame) -> dict:
    """Counts by zone, region, country, month, and country x year."""
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
        "by_country": _counts(joined["country_iso3"]),
        "by_month": _month_counts(joined["event_date"]),
        "by_country_year": dict(sorted(by_country_year.items())),
        "fatalities": int(joined["fatalities"].fillna(0).sum()),
        "flags": {
            "suspect_swapped_latlon": int(joined["suspect_swapped_latlon"].sum()),
            "admin1_mismatch": int(joined["admin1_mismatch"].sum()),
        },
    }
