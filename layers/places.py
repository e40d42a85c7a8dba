"""Key places from the GeoNames gazetteer (the search box is layers/search.py)."""

from __future__ import annotations

import folium
import geopandas as gpd

from layers._geojson import SplicedGeoJson, feature_binder, geo_dict

__all__ = ["build"]


def build(places: gpd.GeoDataFrame, *, name: str = "Key places", show: bool = True) -> folium.GeoJson:
    frame = places[["name", "country", "geonameid", "population", "geometry"]].copy()
    frame["coordinates"] = [f"{p.y:.4f}, {p.x:.4f}" for p in frame.geometry]
    layer = SplicedGeoJson(
        geo_dict(frame), name=name, show=show,
        marker=folium.CircleMarker(radius=4, color="#000000", weight=1.5, fill=True,
                                   fill_color="#ffffff", fill_opacity=1.0),
        on_each_feature=feature_binder(tooltip=[("field.place", "name"), ("field.country", "country"),
                                                ("field.coordinates", "coordinates"),
                                                ("field.geonames_id", "geonameid")]),
    )
    return layer
