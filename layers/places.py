"""Key places from the GeoNames gazetteer, searchable by name."""

from __future__ import annotations

import folium
import geopandas as gpd
from branca.element import MacroElement
from folium.template import Template

from layers._geojson import feature_binder
from layers._render import js_literal

__all__ = ["build"]


class _Search(MacroElement):
    _template = Template("""
        {% macro script(this, kwargs) %}
        SahelMap.placeSearch({{ this._parent._parent.get_name() }}, {{ this.places_js }});
        {% endmacro %}
    """)

    def __init__(self, places: list[dict]):
        super().__init__()
        self._name = "PlaceSearch"
        self.places_js = js_literal(places)


def build(places: gpd.GeoDataFrame, *, name: str = "Key places", show: bool = True) -> folium.GeoJson:
    frame = places[["name", "country", "geonameid", "population", "geometry"]].copy()
    frame["coordinates"] = [f"{p.y:.4f}, {p.x:.4f}" for p in frame.geometry]
    layer = folium.GeoJson(
        frame.__geo_interface__, name=name, show=show,
        marker=folium.CircleMarker(radius=4, color="#000000", weight=1.5, fill=True,
                                   fill_color="#ffffff", fill_opacity=1.0),
        on_each_feature=feature_binder(tooltip=[("field.place", "name"), ("field.country", "country"),
                                                ("field.coordinates", "coordinates"),
                                                ("field.geonames_id", "geonameid")]),
    )
    layer.add_child(_Search([
        {"name": n, "country": c, "lat": round(p.y, 5), "lon": round(p.x, 5)}
        for n, c, p in zip(frame["name"], frame["country"], frame.geometry, strict=True)
    ]))  # the search box finds places even while the layer is off
    return layer
