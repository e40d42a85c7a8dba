"""A GeoJSON overlay whose tooltips and popups are built with textContent (never innerHTML)."""

from __future__ import annotations

import folium
import geopandas as gpd
from folium.utilities import JsCode

from layers._render import js_literal
from layers.i18n import catalogue

__all__ = ["PANES", "feature_binder", "safe_geojson"]

# Fixed drawing order, whatever order the reader toggles layers in (tiles 200, events 400+).
PANES = {
    "countries": 360, "choropleth": 365, "regions": 370, "spillover": 375,
    "zones": 380, "border_band": 385, "border": 390,
}


def _binder(method: str, fields: list[tuple[str, str]], options: dict) -> str:
    return (
        f"layer.{method}(SahelMap.infoTable({js_literal(fields)}.map("
        "function (f) { var v = feature.properties[f[1]]; "
        "return [SahelMap.t(f[0]), v === null || v === undefined ? '' : String(v)]; })), "
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
    data = frame[columns + [frame.geometry.name]].__geo_interface__
    return folium.GeoJson(
        data,
        name=name,
        show=show,
        style_function=style_function or (lambda feature: style),
        on_each_feature=feature_binder(tooltip, popup),
        pane=pane,
    )
