"""A GeoJSON overlay whose tooltips and popups are built with textContent (never innerHTML)."""

from __future__ import annotations

import folium
import geopandas as gpd
import orjson
import shapely
from folium.features import GeoJsonStyleMapper
from folium.map import Layer
from folium.utilities import JsCode, get_obj_in_upper_tree

from layers._bundle import js_literal
from layers.i18n import catalogue

__all__ = ["LIVE_FIELDS", "SplicedGeoJson", "feature_binder", "geo_dict", "safe_geojson"]


# Properties recounted in the page for the time window and filters (layers/static/js/live.js),
# looked up by the feature's `iso3` and `name`; the value written here shows until then.
LIVE_FIELDS = ("events",)


def geo_dict(frame: gpd.GeoDataFrame) -> dict:
    """The frame as a GeoJSON FeatureCollection, as `frame.__geo_interface__` gives it, but
    with each geometry written by GEOS in one vectorised call and kept as JSON text
    (orjson.Fragment) until the page is written: 3-10 times faster than shapely's mapping."""
    geometry = frame.geometry.name
    properties = frame.drop(columns=geometry)
    properties = properties.astype(object).where(properties.notna(), None).to_dict("records")
    geometries = shapely.to_geojson(frame.geometry.to_numpy())
    return {"type": "FeatureCollection", "features": [
        {"id": str(key), "type": "Feature", "properties": props,
         "geometry": None if geom is None or empty else orjson.Fragment(geom)}
        for key, props, geom, empty in zip(frame.index, properties, geometries,
                                           shapely.is_empty(frame.geometry.to_numpy()), strict=True)]}


class SplicedGeoJson(folium.GeoJson):
    """folium.GeoJson whose data goes into the page after rendering, as the events payload
    does (layers._render.render_html): folium would otherwise hand every coordinate to Jinja
    as template text, about 0.4 s a page."""

    def placeholder(self) -> str:
        return f'"sahelmap-geojson:{self.get_name()}"'  # what tojson makes of the stand-in

    def render(self, **kwargs):
        # folium.GeoJson.render, but with a stand-in for the data while the template renders
        self.parent_map = get_obj_in_upper_tree(self, folium.Map)
        if (self.style or self.highlight) and self.data["features"]:
            mapper = GeoJsonStyleMapper(self.data, self.feature_identifier, self)
            if self.style:
                self.style_map = mapper.get_style_map(self.style_function)
            if self.highlight:
                self.highlight_map = mapper.get_highlight_map(self.highlight_function)
        data, self.data = self.data, self.placeholder()[1:-1]
        self.payload_js = js_literal(data)
        try:
            Layer.render(self, **kwargs)
        finally:
            self.data = data


def _binder(method: str, fields: list[tuple[str, str]], options: dict) -> str:
    return (
        f"layer.{method}(function () {{ return SahelMap.infoTable({js_literal(fields)}.map("
        "function (f) { var p = feature.properties, v = p[f[1]]; "
        f"if ({js_literal(list(LIVE_FIELDS))}.indexOf(f[1]) >= 0 && p.iso3 && SahelMap.regionValue) "
        "{ v = SahelMap.regionValue(p.iso3, p.name, f[1], v); } "
        "return [SahelMap.t(f[0]), v === null || v === undefined ? '' : String(v)]; })); }, "
        f"{js_literal(options)});"
    )


def feature_binder(tooltip: list[tuple[str, str]] | None = None,
                   popup: list[tuple[str, str]] | None = None) -> JsCode | None:
    """An onEachFeature function binding a textContent-only tooltip and/or popup.

    Labels are catalogue keys (layers/i18n), shown in the page's language."""
    unknown = [label for label, _ in (tooltip or []) + (popup or []) if label not in catalogue()]
    if unknown:
        raise KeyError(f"labels {unknown} are not keys of layers/i18n/en.toml")
    body = ""
    if tooltip:
        body += _binder("bindTooltip", tooltip, {"sticky": True})
    if popup:
        body += _binder("bindPopup", popup, {"maxWidth": 360})
    return JsCode(f"function (feature, layer) {{ {body} }}") if body else None


def safe_geojson(frame: gpd.GeoDataFrame, *, name: str, show: bool, pane: str, style: dict,
                 tooltip: list[tuple[str, str]] | None = None,
                 popup: list[tuple[str, str]] | None = None,
                 style_function=None) -> folium.GeoJson:
    """`tooltip`/`popup` are [(label key, property)] pairs shown as a two-column table."""
    columns = [c for c in frame.columns if c != frame.geometry.name]
    data = geo_dict(frame[columns + [frame.geometry.name]])
    return SplicedGeoJson(
        data,
        name=name,
        show=show,
        style_function=style_function or (lambda feature: style),
        on_each_feature=feature_binder(tooltip, popup),
        pane=pane,
    )
