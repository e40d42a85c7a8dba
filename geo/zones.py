"""Conflict zones, spillover regions and the border band, derived from admin-1 regions.

Which regions form each zone lives in data/zones.toml so that analysts can change it.
"""

from __future__ import annotations

import difflib
import tomllib
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geo.crs import STORAGE_CRS, area_km2, buffer_km
from geo.errors import ConfigError
from geo.paths import DATA_DIR

__all__ = [
    "ZONES_TOML",
    "ZoneConfig",
    "load_zone_config",
    "conflict_zones",
    "spillover_regions",
    "border_band",
    "zone_of_region",
]

ZONES_TOML = DATA_DIR / "zones.toml"
CONFLICT_ZONES = ("north", "central")


@dataclass(frozen=True)
class ZoneConfig:
    """Zone name -> label, and (iso3, region name) members."""

    labels: dict[str, str]
    members: dict[str, tuple[tuple[str, str], ...]]


def load_zone_config(admin1: gpd.GeoDataFrame, path: Path = ZONES_TOML) -> ZoneConfig:
    """Read zones.toml and check every region name against the `admin1` frame.

    All unknown names are collected and reported together, with the closest valid names.
    """
    try:
        raw = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read zone definitions: {exc}") from None
    valid = {iso3: set(group["name"]) for iso3, group in admin1.groupby("iso3")}
    labels, members, problems = {}, {}, []
    for zone in (*CONFLICT_ZONES, "spillover"):
        if zone not in raw:
            problems.append(f"missing the [{zone}] table")
            continue
        table = raw[zone]
        labels[zone] = str(table.get("label", zone))
        if zone == "spillover":
            listed = [(iso3, n) for iso3, names in table.get("regions", {}).items() for n in names]
        else:
            listed = [(table.get("country", "MLI"), n) for n in table.get("regions", [])]
        for iso3, name in listed:
            if name not in valid.get(iso3, set()):
                close = difflib.get_close_matches(name, sorted(valid.get(iso3, set())), n=3)
                hint = f"did you mean {', '.join(repr(c) for c in close)}?" if close else (
                    f"valid {iso3} names: {', '.join(sorted(valid.get(iso3, set())))}")
                problems.append(f"[{zone}] unknown {iso3} region {name!r}; {hint}")
        members[zone] = tuple(listed)
    if problems:
        raise ConfigError(f"{path}: " + "; ".join(problems))
    return ZoneConfig(labels=labels, members=members)


def zone_of_region(config: ZoneConfig) -> dict[tuple[str, str], str]:
    """(iso3, region) -> zone name, for the regions that belong to a zone."""
    return {member: zone for zone, listed in config.members.items() for member in listed}


def _select(admin1: gpd.GeoDataFrame, listed) -> gpd.GeoDataFrame:
    keys = pd.MultiIndex.from_frame(admin1[["iso3", "name"]])
    return admin1[keys.isin(list(listed))]


def conflict_zones(admin1: gpd.GeoDataFrame, config: ZoneConfig) -> gpd.GeoDataFrame:
    """One dissolved polygon per conflict zone (north, central), keeping member names in order."""
    rows = []
    for zone in CONFLICT_ZONES:
        members = _select(admin1, config.members[zone])
        rows.append({
            "zone": zone,
            "name": config.labels[zone],
            "members": ", ".join(name for _, name in config.members[zone]),
            "geometry": members.geometry.union_all(),
        })
    zones = gpd.GeoDataFrame(rows, crs=STORAGE_CRS)
    zones["area_km2"] = area_km2(zones.geometry).round(0)
    return zones


def spillover_regions(admin1: gpd.GeoDataFrame, config: ZoneConfig) -> gpd.GeoDataFrame:
    """The spillover regions (Burkina Faso, Niger), each tagged with its country."""
    regions = _select(admin1, config.members["spillover"])
    regions = regions[["name", "iso3", "country", "iso_3166_2", "attribution", "geometry"]].copy()
    regions["area_km2"] = area_km2(regions.geometry).round(0)
    return regions.sort_values(["iso3", "name"]).reset_index(drop=True)


def border_band(country: gpd.GeoDataFrame, border: gpd.GeoDataFrame, width_km: float) -> gpd.GeoDataFrame:
    """The part of `country` within `width_km` of the border line (buffer in SAHEL_EQUIDISTANT, see geo/crs.py)."""
    if not width_km > 0:
        raise ConfigError(f"border band width must be a positive number of km, got {width_km!r}")
    corridor = buffer_km(border.geometry, width_km).union_all()
    band = country.geometry.union_all().intersection(corridor)
    frame = gpd.GeoDataFrame(
        {"name": [f"Border band ({width_km:g} km)"], "width_km": [float(width_km)]},
        geometry=[band], crs=STORAGE_CRS,
    )
    frame["area_km2"] = area_km2(frame.geometry).round(0)
    return frame
