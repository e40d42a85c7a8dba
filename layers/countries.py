"""Mali and its neighbours (Natural Earth outlines)."""

import folium
import geopandas as gpd

from layers._geojson import safe_geojson

__all__ = ["build"]


def build(countries: gpd.GeoDataFrame, *, name: str = "Neighbouring countries",
          show: bool = True) -> folium.GeoJson:
    frame = countries[["name", "iso3", "geometry"]]
    return safe_geojson(
        frame, name=name, show=show, pane="countries",
        style={"color": "#7a7a7a", "weight": 1.6, "dashArray": "4 3", "fillOpacity": 0.0},
        style_function=lambda f: {
            "color": "#222222" if f["properties"]["iso3"] == "MLI" else "#7a7a7a",
            "weight": 2.4 if f["properties"]["iso3"] == "MLI" else 1.4,
            "fillOpacity": 0.0, "dashArray": None if f["properties"]["iso3"] == "MLI" else "4 3",
        },
        tooltip=[("field.country", "name"), ("field.iso_3166_1", "iso3")],
    )
