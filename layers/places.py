"""Key places from the GeoNames gazetteer (the search box is layers/search.py)."""

from __future__ import annotations

import folium
import geopandas as gpd

from geo.countries import COUNTRY_NAMES, ISO2_TO_ISO3
from layers._geojson import SplicedGeoJson, feature_binder, geo_dict

__all__ = ["build"]


def _country(iso2: str) -> str:
    """GeoNames' ISO2 code as the events' popups name a country: "ML" -> "Mali (MLI)"."""
    iso3 = ISO2_TO_ISO3.get(str(iso2).upper())
    return f"{COUNTRY_NAMES[iso3]} ({iso3})" if iso3 in COUNTRY_NAMES else str(iso2)


def build(places: gpd.GeoDataFrame, *, name: str = "Key places", show: bool = True) -> folium.GeoJson:
    frame = places[["name", "country", "geonameid", "population", "geometry"]].copy()
    frame["coordinates"] = [f"{p.y:.4f}, {p.x:.4f}" for p in frame.geometry]
    frame["country"] = frame["country"].map(_country)  # "Mali (MLI)", as the events say
    layer = SplicedGeoJson(
        geo_dict(frame), name=name, show=show,
        marker=folium.CircleMarker(radius=4, color="#000000", weight=1.5, fill=True,
                                   fill_color="#ffffff", fill_opacity=1.0),
        on_each_feature=feature_binder(tooltip=[("field.place", "name"), ("field.country", "country"),
                                                ("field.coordinates", "coordinates"),
                                                ("field.geonames_id", "geonameid")]),
    )
    return layer
