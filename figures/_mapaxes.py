"""Map pieces for the print figures (the map figure and the small multiples).

Everything is drawn in SAHEL_EQUIDISTANT (`geo.crs.DISTANCE_CRS`, scale error under about 1 %
across the map window), so a kilometre is a kilometre everywhere on the page and the scale bar
is measured, not typed. Layers arrive in EPSG:4326 and are projected here, at the edge.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, partial

import geopandas as gpd
import numpy as np
import pandas as pd
import pyproj
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, Rectangle
from matplotlib.text import Text
from matplotlib.transforms import Bbox
from shapely.geometry import LineString, Point, box

from figures._mpl import with_halo
from figures.theme import current as theme
from geo.boundaries import load_layer
from geo.crs import DISTANCE_CRS, STORAGE_CRS, geodesic_length_km
from geo.frames import Bounds, extent_bounds, named_bounds
from geo.schema import EVENT_TYPES

__all__ = ["MAP_CRS", "cell_deg_for", "Extent", "projected_layer", "project", "extent_for", "extent_from_bounds",
           "colocated", "SizeScale", "draw_events", "event_handles", "graticule", "scale_bar",
           "inset_locator", "emptiest_corners", "LabelPlacer", "Unplaced", "circle_boxes",
           "draw_annotations"]

MAP_CRS = DISTANCE_CRS
CELL_STEPS_DEG = (0.01, 0.02, 0.05, 0.1, 0.2, 0.5)
SIMPLIFY_M = 1000.0  # 1 km: far below a printed line's width at these scales
_TO_MAP = pyproj.Transformer.from_crs(STORAGE_CRS, MAP_CRS, always_xy=True)
_FROM_MAP = pyproj.Transformer.from_crs(MAP_CRS, STORAGE_CRS, always_xy=True)


def project(frame: gpd.GeoDataFrame, simplify_m: float = SIMPLIFY_M) -> gpd.GeoDataFrame:
    """EPSG:4326 -> MAP_CRS, simplified to `simplify_m` metres."""
    out = frame.to_crs(MAP_CRS)
    if simplify_m:
        out["geometry"] = out.geometry.simplify(simplify_m, preserve_topology=True)
    return out


@cache
def _projected(name: str, simplify_m: float) -> gpd.GeoDataFrame:
    return project(load_layer(name), simplify_m)


def projected_layer(name: str, simplify_m: float = SIMPLIFY_M) -> gpd.GeoDataFrame:
    """A shipped layer in MAP_CRS (cached; a copy the caller may change)."""
    return _projected(name, simplify_m).copy()


def to_map(lon, lat) -> tuple[np.ndarray, np.ndarray]:
    return _TO_MAP.transform(np.asarray(lon, dtype=float), np.asarray(lat, dtype=float))


@dataclass(frozen=True)
class Extent:
    """A map window in MAP_CRS metres."""

    xmin: float
    ymin: float
    xmax: float
    ymax: float

    @property
    def width(self) -> float:
        return self.xmax - self.xmin

    @property
    def height(self) -> float:
        return self.ymax - self.ymin

    def padded(self, fraction: float, min_span_m: float = 300e3) -> Extent:
        pad = max(self.width, self.height) * fraction
        grow_x = max(0.0, (min_span_m - self.width) / 2) + pad
        grow_y = max(0.0, (min_span_m - self.height) / 2) + pad
        return Extent(self.xmin - grow_x, self.ymin - grow_y, self.xmax + grow_x, self.ymax + grow_y)

    def with_aspect(self, low: float, high: float) -> Extent:
        """Grow (never shrink) so that height / width lies in [low, high]."""
        ratio = self.height / self.width
        if ratio < low:
            grow = (self.width * low - self.height) / 2
            return Extent(self.xmin, self.ymin - grow, self.xmax, self.ymax + grow)
        if ratio > high:
            grow = (self.height / high - self.width) / 2
            return Extent(self.xmin - grow, self.ymin, self.xmax + grow, self.ymax)
        return self

    def contains(self, x, y) -> np.ndarray:
        x, y = np.asarray(x), np.asarray(y)
        return (x >= self.xmin) & (x <= self.xmax) & (y >= self.ymin) & (y <= self.ymax)

    def box(self):
        return box(self.xmin, self.ymin, self.xmax, self.ymax)

    def apply(self, ax: Axes) -> None:
        ax.set_xlim(self.xmin, self.xmax)
        ax.set_ylim(self.ymin, self.ymax)
        ax.set_aspect("equal", adjustable="box")


def _union(bounds: list) -> Extent | None:
    bounds = [b for b in bounds if np.all(np.isfinite(b))]
    if not bounds:
        return None
    b = np.asarray(bounds)
    return Extent(b[:, 0].min(), b[:, 1].min(), b[:, 2].max(), b[:, 3].max())


def extent_from_bounds(bounds: Bounds) -> Extent:
    """A window in MAP_CRS holding the degree box `bounds` (its edges densified: a parallel
    is a curve in MAP_CRS)."""
    edge = LineString(box(bounds.west, bounds.south, bounds.east, bounds.north).exterior.coords)
    lon, lat = np.asarray(edge.segmentize(0.25).coords).T
    x, y = to_map(lon, lat)
    return Extent(float(x.min()), float(y.min()), float(x.max()), float(y.max()))


def extent_for(events: pd.DataFrame | None, areas: list[gpd.GeoDataFrame], *,
               extent: str | Bounds | None = None, padding: float = 0.04) -> Extent:
    """The window of a parsed --extent (geo/frames.py): a named frame, a box, or `data` (every
    event and the zones they fall in). `data` with no events: the drawn area layers (MAP_CRS),
    padded; with none of those, Mali."""
    bounds = extent_bounds(extent, events)
    if bounds is not None:
        return extent_from_bounds(bounds)
    found = _union([a.total_bounds for a in areas if len(a)])
    if found is None:
        return extent_from_bounds(named_bounds("mali"))
    return found.padded(padding)


def cell_deg_for(ext: Extent, width_mm: float, max_mm: float = 0.4) -> float:
    """The grid (degrees) whose cells are at most `max_mm` wide on paper: events in one cell
    are drawn as one circle (0.05° on the default 160 mm figure, 0.2° on a small multiple)."""
    deg = max_mm * ext.width / width_mm / 111_320  # metres per mm -> degrees of latitude
    return max([s for s in CELL_STEPS_DEG if s <= deg], default=CELL_STEPS_DEG[0])


def colocated(events: pd.DataFrame, cell_deg: float = 0.05) -> pd.DataFrame:
    """One row per `cell_deg` cell holding events: x, y (mean position, MAP_CRS), events,
    fatalities (NA counted as 0) and event_type (the most frequent; ties in EVENT_TYPES order).
    Numpy only (bincount): 1M events in well under a second."""
    columns = ["x", "y", "events", "fatalities", "event_type"]
    if not len(events):
        return pd.DataFrame({c: [] for c in columns})
    lon = events["longitude"].to_numpy(float)
    lat = events["latitude"].to_numpy(float)
    key = (np.floor(lon / cell_deg).astype(np.int64) * 1_000_000
           + np.floor(lat / cell_deg).astype(np.int64))
    _, cell = np.unique(key, return_inverse=True)
    n_cells, n_types = int(cell.max()) + 1, len(EVENT_TYPES)
    count = np.bincount(cell, minlength=n_cells)
    type_code = pd.Categorical(events["event_type"], EVENT_TYPES).codes.astype(np.int64)
    known = type_code >= 0
    by_type = np.bincount(cell[known] * n_types + type_code[known],
                          minlength=n_cells * n_types).reshape(n_cells, n_types)
    out = pd.DataFrame({
        "lon": np.bincount(cell, lon, n_cells) / count,
        "lat": np.bincount(cell, lat, n_cells) / count,
        "events": count,
        "fatalities": np.bincount(cell, events["fatalities"].fillna(0).to_numpy(float), n_cells),
        "event_type": np.asarray(EVENT_TYPES, dtype=object)[by_type.argmax(axis=1)],
    })
    out["x"], out["y"] = to_map(out["lon"], out["lat"])
    return out[columns]


def _nice(value: float) -> float:
    """The largest of 1, 2, 5 x 10^k not above value (at least 1)."""
    if value < 1:
        return 1.0
    power = 10 ** np.floor(np.log10(value))
    return float(max(m * power for m in (1, 2, 5) if m * power <= value))


@dataclass(frozen=True)
class SizeScale:
    """Circle area proportional to fatalities; the same scale on every panel of a figure."""

    vmax: float
    min_pt2: float = 6.0
    max_pt2: float = 380.0

    @classmethod
    def for_cells(cls, cells: pd.DataFrame, **kwargs) -> SizeScale:
        top = float(cells["fatalities"].max()) if len(cells) else 1.0
        return cls(max(top, 1.0), **kwargs)

    def area(self, fatalities) -> np.ndarray:
        share = np.clip(np.asarray(fatalities, dtype=float) / self.vmax, 0, 1)
        return self.min_pt2 + (self.max_pt2 - self.min_pt2) * share

    def legend_values(self) -> list[float]:
        top = _nice(self.vmax)
        return sorted({top, _nice(top / 5), _nice(top / 25)} - {0.0})


def draw_events(ax: Axes, cells: pd.DataFrame, scale: SizeScale, zorder: float = 5) -> None:
    """One circle per cell, the biggest first so that no circle hides a smaller one.

    Diameters are rounded to 0.25 pt (0.09 mm) and each size is one scatter: a vector file
    then defines each circle once and reuses it (default figure's SVG: 1.4 MB -> 0.5 MB)."""
    if not len(cells):
        return
    diameter = np.round(np.sqrt(scale.area(cells["fatalities"])) * 4) / 4
    order = cells.assign(d=diameter).sort_values(
        ["d", "fatalities", "events", "x", "y"], ascending=[False, False, False, True, True],
        kind="mergesort")
    for d, group in order.groupby("d", sort=False):
        ax.scatter(group["x"], group["y"], s=d * d,
                   c=[theme().event_types[t] for t in group["event_type"]], alpha=0.8,
                   edgecolors=[theme().event_edge(theme().event_types[t]) for t in group["event_type"]],
                   linewidths=0.35, zorder=zorder)


def event_handles(types: list[str], scale: SizeScale) -> tuple[list, list, list, list]:
    """Legend handles: (type handles, type labels, size handles, size labels)."""
    type_handles = [Line2D([], [], marker="o", linestyle="", markersize=6, markeredgewidth=0,
                           color=theme().event_types[t]) for t in types]
    values = scale.legend_values()
    size_handles = [Line2D([], [], marker="o", linestyle="", color="#9e9e9e", markeredgewidth=0,
                           markersize=float(np.sqrt(scale.area(v)))) for v in values]
    size_labels = [f"{v:,.0f}" for v in values]
    return type_handles, list(types), size_handles, size_labels


def _degree_label(value: float, positive: str, negative: str) -> str:
    if value == 0:
        return "0°"
    return f"{abs(value):g}°{positive if value > 0 else negative}"


def graticule(ax: Axes, ext: Extent, *, labels: bool = True, fontsize: float | None = None,
              compass: str = "NSEW") -> None:
    """Meridians and parallels every 1, 2, 5 or 10°, labelled where they meet the frame
    (`compass`: the letters for north, south, east and west; French writes O for ouest)."""
    edge = LineString(ext.box().exterior.coords).segmentize(ext.width / 50)
    lon, lat = _FROM_MAP.transform(*np.asarray(edge.coords).T)
    span = max(lon.max() - lon.min(), lat.max() - lat.min())
    step = next(s for s in (1, 2, 5, 10, 20) if span / s <= 7)
    xticks, yticks = [], []
    for meridian in np.arange(np.ceil(lon.min() / step) * step, lon.max() + 1e-9, step):
        lats = np.linspace(lat.min() - 1, lat.max() + 1, 120)
        xs, ys = _TO_MAP.transform(np.full_like(lats, meridian), lats)
        ax.plot(xs, ys, color="#d0d0d0", linewidth=0.35, zorder=0.5)
        x_bottom = np.interp(ext.ymin, ys, xs)
        if ext.xmin < x_bottom < ext.xmax:
            xticks.append((x_bottom, _degree_label(meridian, compass[2], compass[3])))
    for parallel in np.arange(np.ceil(lat.min() / step) * step, lat.max() + 1e-9, step):
        lons = np.linspace(lon.min() - 1, lon.max() + 1, 120)
        xs, ys = _TO_MAP.transform(lons, np.full_like(lons, parallel))
        ax.plot(xs, ys, color="#d0d0d0", linewidth=0.35, zorder=0.5)
        y_left = np.interp(ext.xmin, xs, ys)
        if ext.ymin < y_left < ext.ymax:
            yticks.append((y_left, _degree_label(parallel, compass[0], compass[1])))
    if labels:
        ax.set_xticks([t for t, _ in xticks], [s for _, s in xticks])
        ax.set_yticks([t for t, _ in yticks], [s for _, s in yticks])
        ax.tick_params(labelsize=fontsize or theme().body_pt, length=2, width=0.5, color="#999999", pad=1.5,
                       labelcolor="#444444")
    else:
        ax.set_xticks([])
        ax.set_yticks([])


def _bar_km(ext: Extent) -> float:
    target = ext.width / 1000 / 5
    return max(k for k in (10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000) if k <= max(target, 10))


def scale_bar(ax: Axes, ext: Extent, corner: str, fontsize: float | None = None) -> None:
    """A bar of a round number of km at a corner, its length measured on the ellipsoid there."""
    km = _bar_km(ext)
    margin = 0.04 * ext.width
    x0 = ext.xmin + margin if "left" in corner else ext.xmax - margin
    y0 = ext.ymin + margin if "lower" in corner else ext.ymax - 1.6 * margin
    # metres on the map per km on the ground, measured along 100 map-km at the bar
    lon, lat = _FROM_MAP.transform(np.array([x0, x0 + 100e3]), np.array([y0, y0]))
    per_km = 100e3 / geodesic_length_km(LineString(zip(lon, lat, strict=True)))
    length = km * per_km
    if "right" in corner:
        x0 -= length
    height = 0.012 * ext.height
    for k, colour in enumerate(("#333333", "white")):
        ax.add_patch(Rectangle((x0 + k * length / 2, y0), length / 2, height, facecolor=colour,
                               edgecolor="#333333", linewidth=0.5, zorder=9))
    for x, text in ((x0, "0"), (x0 + length, f"{km:g} km")):
        with_halo(partial(ax.text, x, y0 + 1.6 * height, text), ha="center", va="bottom",
                  fontsize=fontsize or theme().body_pt, color="#333333", zorder=9)


def emptiest_corners(ext: Extent, cells: pd.DataFrame, fraction: float = 0.3) -> list[str]:
    """The four corners, emptiest first (by events in a corner box of `fraction` of the map)."""
    corners = ("upper right", "upper left", "lower right", "lower left")
    load = []
    for corner in corners:
        x0 = ext.xmin if "left" in corner else ext.xmax - fraction * ext.width
        y0 = ext.ymin if "lower" in corner else ext.ymax - fraction * ext.height
        inside = Extent(x0, y0, x0 + fraction * ext.width, y0 + fraction * ext.height)
        load.append(int(cells.loc[inside.contains(cells["x"], cells["y"]), "events"].sum())
                    if len(cells) else 0)
    return [corners[i] for i in np.argsort(load, kind="stable")]


def inset_locator(ax: Axes, ext: Extent, corner: str, width: float = 0.27,
                  min_mark_mm: float = 3.0) -> Axes:
    """A locator: West Africa (data/layers/countries: Mali and its neighbours), Mali shaded,
    the figure's frame drawn in it. A frame smaller than `min_mark_mm` on paper is also
    ringed, so that it can be found at print size."""
    countries = projected_layer("countries", 5000.0)
    world = _union([countries.total_bounds, (ext.xmin, ext.ymin, ext.xmax, ext.ymax)]).padded(0.02)
    fig_box = ax.get_position()
    height = width * fig_box.width / fig_box.height * world.height / world.width
    x = 0.012 if "left" in corner else 1 - width - 0.012
    y = 0.012 if "lower" in corner else 1 - height - 0.012
    inset = ax.inset_axes([x, y, width, height], zorder=10)
    countries.plot(ax=inset, facecolor="#eeeeee", edgecolor="#8c8c8c", linewidth=0.3)
    countries[countries["iso3"] == "MLI"].plot(ax=inset, facecolor="#cfcfcf", edgecolor="#555555",
                                               linewidth=0.5)
    inset.add_patch(Rectangle((ext.xmin, ext.ymin), ext.width, ext.height, facecolor="none",
                              edgecolor="#b2182b", linewidth=1.0, zorder=3))
    inset_mm = width * fig_box.width * ax.figure.get_figwidth() * 25.4
    mark_mm = max(ext.width, ext.height) / world.width * inset_mm
    if mark_mm < min_mark_mm:
        radius = min_mark_mm / 2 / inset_mm * world.width
        inset.add_patch(Circle(((ext.xmin + ext.xmax) / 2, (ext.ymin + ext.ymax) / 2), radius,
                               facecolor="none", edgecolor="#b2182b", linewidth=0.8, zorder=3))
    world.apply(inset)
    inset.set_xlabel("")
    inset.set_ylabel("")
    inset.set_xticks([])
    inset.set_yticks([])
    inset.set_facecolor("white")
    for spine in inset.spines.values():
        spine.set_linewidth(0.5)
        spine.set_color("#666666")
    return inset


class LabelPlacer:
    """Greedy label placement: a label goes where its box (display units) overlaps nothing
    placed before and stays inside the map; otherwise it is left out."""

    OFFSETS = ((4, 0, "left", "center"), (-4, 0, "right", "center"),
               (0, 3, "center", "bottom"), (0, -3, "center", "top"))

    def __init__(self, ax: Axes, occupied: list[Bbox] | None = None):
        self.ax = ax
        self.renderer = ax.figure.canvas.get_renderer()
        self.frame = ax.get_window_extent(self.renderer)
        self.occupied = list(occupied or [])
        self.data = np.empty((0, 4))  # boxes (x0, y0, x1, y1) a label keeps clear of when it can
        self.leaders: list[LineString] = []  # leader lines drawn (display units): no label on them

    def avoid_data(self, boxes: np.ndarray) -> None:
        self.data = np.vstack([self.data, np.asarray(boxes, dtype=float).reshape(-1, 4)])

    def free(self, bbox: Bbox, clear_of_data: bool = False) -> bool:
        inside = (bbox.x0 >= self.frame.x0 and bbox.x1 <= self.frame.x1
                  and bbox.y0 >= self.frame.y0 and bbox.y1 <= self.frame.y1)
        if not inside or any(bbox.overlaps(other) for other in self.occupied):
            return False
        if self.leaders and any(box(bbox.x0, bbox.y0, bbox.x1, bbox.y1).intersects(line) for line in self.leaders):
            return False
        d = self.data
        return not (clear_of_data and np.any((d[:, 0] < bbox.x1) & (bbox.x0 < d[:, 2])
                                             & (d[:, 1] < bbox.y1) & (bbox.y0 < d[:, 3])))

    def _leader(self, x: float, y: float, bbox: Bbox) -> LineString:
        """The leader line from the point (x, y) to the label's box (display units), less its
        first 7 px (the point's own ring)."""
        px, py = self.ax.transData.transform((x, y))
        full = LineString([(px, py), ((bbox.x0 + bbox.x1) / 2, (bbox.y0 + bbox.y1) / 2)])
        return full.difference(box(bbox.x0, bbox.y0, bbox.x1, bbox.y1)).difference(Point(px, py).buffer(7.0))

    def _clear(self, leader: LineString) -> bool:
        """No placed label's box and no other leader on this leader line."""
        return not (any(leader.intersects(box(b.x0, b.y0, b.x1, b.y1)) for b in self.occupied)
                    or any(leader.intersects(other) for other in self.leaders))

    def block(self, bbox: Bbox) -> None:
        self.occupied.append(bbox)

    def point_box(self, x: float, y: float, radius_px: float) -> Bbox:
        px, py = self.ax.transData.transform((x, y))
        return Bbox.from_extents(px - radius_px, py - radius_px, px + radius_px, py + radius_px)

    def place(self, x: float, y: float, text: str, *, offsets=OFFSETS, halo_width: float | None = 2.0,
              force: bool = False, clear_of_data: bool = False, **style):
        """Put `text` by (x, y) at the first free offset (points); return the Text or None
        (`force`: at the first offset, free or not; `clear_of_data`: free of the `avoid_data`
        boxes too). The label is live text; its halo (`halo_width`, None for none) is a
        separate object."""
        for dx, dy, ha, va in offsets:
            label = self.ax.annotate(text, (x, y), xytext=(dx, dy), textcoords="offset points",
                                     ha=ha, va=va, annotation_clip=False, **style)
            # the text's box (an Annotation's own box also holds its leader line)
            label.update_positions(self.renderer)
            bbox = Text.get_window_extent(label, self.renderer).expanded(1.06, 1.15)
            leader = self._leader(x, y, bbox) if "arrowprops" in style else None
            if force or (self.free(bbox, clear_of_data) and (leader is None or self._clear(leader))):
                self.block(bbox)
                if leader is not None:
                    self.leaders.append(leader)
                if halo_width:
                    label.remove()
                    label = with_halo(partial(self.ax.annotate, text, (x, y), xytext=(dx, dy),
                                              textcoords="offset points", ha=ha, va=va,
                                              annotation_clip=False), halo_width, **style)
                return label
            label.remove()
        return None


ANNOTATION_COLOR = "#111111"
_SIDE_OFFSETS = {"right": [(1, 0, "left", "center")], "left": [(-1, 0, "right", "center")],
                 "above": [(0, 1, "center", "bottom"), (-0.7, 0.7, "right", "bottom"), (0.7, 0.7, "left", "bottom")],
                 "below": [(0, -1, "center", "top"), (-0.7, -0.7, "right", "top"), (0.7, -0.7, "left", "top")]}


def _annotation_offsets(side: str, distance: float) -> list[tuple]:
    """The offsets (points) to try: the asked side first, then the others, diagonals last."""
    sides = [side] if side else []
    sides += [s for s in ("right", "left", "above", "below") if s not in sides]
    ordered = [o for s in sides for o in _SIDE_OFFSETS[s][:1]] + [o for s in sides for o in _SIDE_OFFSETS[s][1:]]
    return [(dx * distance, dy * distance, ha, va) for dx, dy, ha, va in ordered]


@dataclass(frozen=True)
class Unplaced:
    """An editor's label a figure could not show, and why (reported, never dropped silently)."""

    label: str
    reason: str


def circle_boxes(ax: Axes, cells: pd.DataFrame, scale: SizeScale) -> np.ndarray:
    """Display boxes (x0, y0, x1, y1) of the circles draw_events draws for `cells`."""
    if not len(cells):
        return np.empty((0, 4))
    radius_px = np.sqrt(scale.area(cells["fatalities"])) / 2 * ax.figure.dpi / 72
    px, py = ax.transData.transform(np.column_stack([cells["x"], cells["y"]])).T
    return np.column_stack([px - radius_px, py - radius_px, px + radius_px, py + radius_px])


def draw_annotations(placer: LabelPlacer, points: pd.DataFrame, ext: Extent,
                     fontsize: float | None = None, force: bool = True) -> list[Unplaced]:
    """Editors' labelled points (geo/annotations.py) inside the window: a ring and a bold label,
    placed before any other label so that none is crowded out, as the place labels are: on its
    `side` if free, else another side, else further out with a leader line (always with
    `leader`); at each distance clear of the data (`placer.avoid_data`) if it can be. With no
    free spot it still goes on its first side (an editor's label is never dropped), unless not
    `force` (a small multiple's panel: the ring alone). Returns what is not shown, with why:
    a point outside the window, or (not `force`) a label with no free spot."""
    if points is None or not len(points):
        return []
    x, y = to_map(points["longitude"], points["latitude"])
    inside = ext.contains(x, y)
    missing = [Unplaced(str(label), "outside the frame") for label in points.loc[~inside, "label"]]
    for xi, yi in zip(x[inside], y[inside], strict=True):  # every ring first: labels avoid them
        placer.ax.plot(xi, yi, marker="o", markersize=5.5, markerfacecolor="none",
                       markeredgecolor=ANNOTATION_COLOR, markeredgewidth=1.1, zorder=9)
        placer.block(placer.point_box(xi, yi, 4.5))
    for row, xi, yi in zip(points[inside].itertuples(index=False), x[inside], y[inside], strict=True):
        style = {"fontsize": fontsize or theme().body_pt, "fontweight": "bold", "color": ANNOTATION_COLOR, "zorder": 9.5}
        leader = {"arrowprops": {"arrowstyle": "-", "color": ANNOTATION_COLOR, "linewidth": 0.6,
                                 "shrinkA": 1, "shrinkB": 5}}
        tries = [] if row.leader else [(_annotation_offsets(row.side, 5), {})]
        tries += [(_annotation_offsets(row.side, d), leader) for d in (16, 28, 40, 56)]
        label = None
        for (offsets, extra), clear in ((t, c) for t in tries for c in (True, False)):
            label = placer.place(xi, yi, row.label, offsets=offsets, clear_of_data=clear, **style, **extra)
            if label is not None:
                break
        if label is None and force:
            offsets, extra = tries[0]
            label = placer.place(xi, yi, row.label, offsets=offsets[:1], force=True, **style, **extra)
        if label is None:
            missing.append(Unplaced(str(row.label), "no free spot: every place around its point, up to "
                                    "56 pt away, meets another label, a leader line or the panel's edge"))
    return missing
