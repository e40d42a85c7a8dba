"""The Algeria–Mali border line; its popup gives the measured geodesic length."""

import folium
import geopandas as gpd

from layers._geojson import safe_geojson

__all__ = ["build", "COLOR"]

COLOR = "#b2182b"


def build(border: gpd.GeoDataFrame, *, name: str = "Algeria–Mali border",
          show: bool = True) -> folium.GeoJson:
    frame = border[["name", "length_km", "geometry"]].copy()
    frame["length"] = frame["length_km"].map(lambda km: f"{km:,.0f} km (geodesic, WGS 84)")
    frame["reference"] = "1,359 km (commonly quoted); the 2020 article's '14,000 km' is wrong"
    frame["source"] = "Mali outline from OCHA COD-AB 2021, the part facing Algeria"
    return safe_geojson(
        frame.drop(columns="length_km"), name=name, show=show, pane="border",
        style={"color": COLOR, "weight": 4, "opacity": 0.9},
        tooltip=[("Border", "name"), ("Measured length", "length")],
        popup=[("Border", "name"), ("Measured length", "length"), ("Reference", "reference"),
               ("Source", "source")],
    )
