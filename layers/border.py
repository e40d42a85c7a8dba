"""The Algeria–Mali border line; its popup gives the measured geodesic length."""

import folium
import geopandas as gpd

from layers._geojson import safe_geojson
from layers.i18n import format_int, t

__all__ = ["build", "COLOR"]

COLOR = "#b2182b"


def build(border: gpd.GeoDataFrame, *, name: str = "Algeria–Mali border",
          show: bool = True, lang: str = "en") -> folium.GeoJson:
    frame = border[["name", "length_km", "geometry"]].copy()
    frame["length"] = frame["length_km"].map(lambda km: t(lang, "value.border_length", km=format_int(lang, km)))
    frame["reference"] = t(lang, "value.border_reference")
    frame["source"] = t(lang, "value.border_source")
    return safe_geojson(
        frame.drop(columns="length_km"), name=name, show=show, pane="border",
        style={"color": COLOR, "weight": 4, "opacity": 0.9},
        tooltip=[("field.border", "name"), ("field.measured_length", "length")],
        popup=[("field.border", "name"), ("field.measured_length", "length"),
               ("field.reference", "reference"), ("field.source", "source")],
    )
