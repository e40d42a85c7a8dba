"""A GeoJSON overlay whose tooltips and popups are built with textContent (never innerHTML)."""

from __future__ import annotations

import folium
import geopandas as gpd
from folium.utilities import JsCode

from layers._render import js_literal
from layers.i18n import catalogue

__all__ = ["LIVE_FIELDS", "feature_binder", "safe_geojson"]


# Properties recounted in the page for the time window and filters (layers/static/js/live.js),
# looked up by the feature's `iso3` and `name`; the value written here shows until then.
LIVE_FIELDS = ("events",)


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
    data = frame[columns + [frame.geometry.name]].__geo_interface__
    return folium.GeoJson(
        data,
        name=name,
        show=show,
        style_function=style_function or (lambda feature: style),
        on_each_feature=feature_binder(tooltip, popup),
        pane=pane,
    )
