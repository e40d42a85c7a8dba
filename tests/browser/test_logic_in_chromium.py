"""The browser library's logic on a tiny page, checked against values worked out in Python:
text chunks decode, cluster counts add up, timeline and density counts match.  The pure logic
alone (binning, classes, search ranking, the hash, labels, decoding) is tested under node,
tests/js/ (decoding every field of a payload: tests/layers/test_payload_in_node.py); this
page checks it is wired to the map.

The page holds 16 events at real towns (coordinates from data/layers/places.geojson), in
text chunks of 3 events, with an events layer that clusters above 4 events in view.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import folium
import numpy as np
import orjson
import pandas as pd
import pytest

from geo.boundaries import load_layer
from geo.pipeline import prepare_events
from layers import heatmap, places, search, timeline
from layers._branca import stable_ids
from layers._jslayer import StoreLayer
from layers._payload import decode_array
from layers._render import OfflineMap, render_html
from layers._store import EventStore
from tests.browser.conftest import MAP_JS, folium_object, open_map, settle, show_map

pytestmark = pytest.mark.browser

CHUNK_SIZE = 3
MAX_EVENTS = 4  # the events layer draws clusters above this many events in view
EVENTS_CELL_PX, VIEW_MARGIN_PX = 56, 16  # sahelmap defaults (events.js)
KM_PER_DEGREE = 6371.0088 * math.pi / 180  # heatmap.js: squares of S km on the mean Earth sphere


def HEAT_KM_BY_ZOOM(zoom: int) -> int:  # noqa: N802 - heatmap.js kmByZoom
    return 50 if zoom < 7 else 25 if zoom < 9 else 10
# (town, date, event type, fatalities): three at Mopti and two at Gao share their town's cell
EVENTS = [
    ("Mopti", "2019-01-14", "Battles", 3), ("Mopti", "2019-02-02", "Explosions/Remote violence", 0),
    ("Mopti", "2019-06-30", "Violence against civilians", 12), ("Douentza", "2019-03-09", "Battles", 7),
    ("Ségou", "2019-04-21", "Protests", 0), ("Bamako", "2019-05-17", "Riots", 1),
    ("Timbuktu", "2019-08-05", "Strategic developments", 0), ("Gao", "2019-09-11", "Battles", 4),
    ("Gao", "2019-12-24", "Explosions/Remote violence", 2), ("Kidal", "2020-01-08", "Battles", 9),
    ("Ménaka", "2020-02-29", "Violence against civilians", 21), ("Djibo", "2020-04-03", "Battles", 5),
    ("Dori", "2020-05-19", "Protests", 0), ("Niamey", "2020-07-01", "Riots", 0),
    ("Tillabéri", "2020-09-15", "Violence against civilians", 8), ("Niafunké", "2020-11-30", "Battles", 1),
]


@dataclass(frozen=True)
class TinyMap:
    path: Path
    events: pd.DataFrame  # in payload order
    payload: dict


@pytest.fixture(scope="module")
def place_frame():
    return load_layer("places")


@pytest.fixture(scope="module")
def tiny(tmp_path_factory, place_frame) -> TinyMap:
    folder = tmp_path_factory.mktemp("tiny")
    at = place_frame.set_index("name")
    source = folder / "tiny_events.csv"
    pd.DataFrame([{
        "event_id": f"T{k:02d}", "event_date": date, "event_type": kind,
        "actor1": f"Actor {k} <b>&amp;</b>", "actor2": "Civilians (Mali)", "fatalities": dead,
        "latitude": at.loc[town, "latitude"], "longitude": at.loc[town, "longitude"],
        "location": town, "source": "TEST", "notes": f"TEST FIXTURE {k}: near {town} – “n°{k}”",
    } for k, (town, date, kind, dead) in enumerate(EVENTS)]).to_csv(source, index=False)
    events = prepare_events([source]).events.reset_index(drop=True)
    assert len(events) == len(EVENTS)
    events.loc[3, "notes"] += " \x00 a NUL byte"  # its text block is sent as JSON ("J")

    with stable_ids():
        m = OfflineMap(location=[17.0, -2.0], zoom_start=5, tiles=None)
        store = EventStore(events, chunk_size=CHUNK_SIZE)
        m.add_child(store)
        StoreLayer("eventsLayer", store, name="Events", show=True,
                   options={"maxEvents": MAX_EVENTS}).add_to(m)
        heatmap.build([store], name="Density", show=True).add_to(m)
        timeline.build([store], name="Timeline", show=True).add_to(m)
        places.build(place_frame, name="Places", show=False).add_to(m)
        # the gazetteer names only (other spellings: tests/browser/test_search_in_chromium.py)
        search.build(search.index(place_frame.drop(columns="alternatenames"))).add_to(m)
        folium.LayerControl().add_to(m)
    path = folder / "tiny.html"
    path.write_text(render_html(m), "utf-8")
    return TinyMap(path, events, orjson.loads(store.payload_js))


# --- Python's own answers -----------------------------------------------------------------


def _pixels(payload: dict, zoom: int) -> tuple[np.ndarray, np.ndarray]:
    """World pixel x, y of every event at `zoom` (Web Mercator, 256 px tiles), computed from
    the payload's rounded coordinates as the browser computes them."""
    scale = 256 * 2**zoom
    lat = decode_array(payload, "lat") * 1e-5
    lon = decode_array(payload, "lon") * 1e-5
    x = np.array([(lo + 180) / 360 * scale for lo in lon])
    y = np.array([(0.5 - math.log((1 + math.sin(math.radians(la))) / (1 - math.sin(math.radians(la))))
                   / (4 * math.pi)) * scale for la in lat])
    return x, y


def _cell_counts(x, y, keep, cell_px) -> Counter:
    return Counter((math.floor(px / cell_px), math.floor(py / cell_px))
                   for px, py, k in zip(x, y, keep, strict=True) if k)


def _ground_counts(payload: dict, keep, km: float) -> Counter:
    """Events per ground square of `km`: rows km tall, cut into cells km wide at the row's
    middle latitude (heatmap.js groundGrid), as (row, column) of the world grid."""
    d_lat = km / KM_PER_DEGREE
    out: Counter = Counter()
    for la, lo, k in zip(decode_array(payload, "lat"), decode_array(payload, "lon"), keep, strict=True):
        if k:
            r = math.floor(la * 1e-5 / d_lat)
            d_lon = km / (KM_PER_DEGREE * max(0.01, math.cos((r + 0.5) * d_lat * math.pi / 180)))
            out[(r, math.floor(lo * 1e-5 / d_lon))] += 1
    return out


def _in_box(x, y, box) -> np.ndarray:
    x0, y0, x1, y1 = box
    return (x >= x0) & (x < x1) & (y >= y0) & (y < y1)


def _month(day: int) -> int:
    date = np.datetime64(int(day), "D").astype(object)
    return date.year * 12 + date.month - 1


def _view(browser) -> dict:
    return browser.execute_script(f"""var map = {MAP_JS}, pb = map.getPixelBounds();
        return {{zoom: map.getZoom(), x0: pb.min.x, y0: pb.min.y, x1: pb.max.x, y1: pb.max.y}};""")


# --- text chunks --------------------------------------------------------------------------

STORE_JS = folium_object("event_store")
OPEN_POPUP = f"""
    var done = arguments[arguments.length - 1], i = arguments[0], store = {STORE_JS};
    var wasDecoded = store.detailsSync(i) !== null;
    var before = Array.from(document.querySelectorAll('.sahel-popup'));  // may still fade out
    SahelMap.openEventPopup({MAP_JS}, store, i, store.latLng(i));
    (function poll(k) {{
        var p = Array.from(document.querySelectorAll('.leaflet-popup-content .sahel-popup'))
            .find(function (e) {{ return before.indexOf(e) < 0; }});
        if (p || k > 100) done({{wasDecoded: wasDecoded, text: p ? p.textContent : null}});
        else setTimeout(function () {{ poll(k + 1); }}, 20);
    }})(0);
"""


def test_popups_decode_the_text_chunk_of_their_event(driver, tiny):
    open_map(driver, tiny.path)  # a fresh page: no text chunk decoded yet
    for chunk in (0, 1, 2):
        i = chunk * CHUNK_SIZE + 1
        got = driver.execute_async_script(OPEN_POPUP, i)
        assert got["wasDecoded"] is False, chunk  # this popup inflated its chunk
        row = tiny.events.iloc[i]
        for value in (row["notes"], row["actor1"], row["location"], row["event_id"],
                      row["event_date"].strftime("%Y-%m-%d"), row["event_type"], row["region"]):
            assert value in got["text"], (chunk, value)


# --- clusters -----------------------------------------------------------------------------

DRAWN = """
    return {inView: window.SahelMapState.drawn.inView, mode: window.SahelMapState.drawn.mode,
            clusters: Array.from(document.querySelectorAll('.sahel-ring-count'))
                .map(function (c) { return Number(c.textContent); }),
            markers: document.querySelectorAll('path.sahel-event').length};
"""


@pytest.mark.parametrize("town, zoom, mode", [
    (None, None, "clusters"), ("Mopti", 7, "clusters"), ("Mopti", 9, "events"), ("Gao", 9, "events")])
def test_cluster_counts_add_up_to_the_events_in_view(driver, tiny, place_frame, town, zoom, mode):
    show_map(driver, tiny.path)
    if town:
        place = place_frame.set_index("name").loc[town]
        driver.execute_script(f"{MAP_JS}.setView([arguments[0], arguments[1]], arguments[2],"
                              " {animate: false});", place["latitude"], place["longitude"], zoom)
        settle(driver)
    view = _view(driver)
    x, y = _pixels(tiny.payload, view["zoom"])
    m = VIEW_MARGIN_PX
    in_view = _in_box(x, y, (view["x0"] - m, view["y0"] - m, view["x1"] + m, view["y1"] + m))
    cells = _cell_counts(x, y, in_view, EVENTS_CELL_PX)

    drawn = driver.execute_script(DRAWN)
    assert drawn["mode"] == mode
    assert drawn["inView"] == in_view.sum()
    assert sum(drawn["clusters"]) + drawn["markers"] == in_view.sum()
    if in_view.sum() > MAX_EVENTS:
        assert sorted(drawn["clusters"]) == sorted(k for k in cells.values() if k > 1)
        assert drawn["markers"] == sum(1 for k in cells.values() if k == 1)
    else:  # events that share coordinates are one stack showing their count
        lat, lon = decode_array(tiny.payload, "lat")[in_view], decode_array(tiny.payload, "lon")[in_view]
        places = Counter(zip(lat.tolist(), lon.tolist(), strict=True))
        assert sorted(drawn["clusters"]) == sorted(k for k in places.values() if k > 1)
        assert drawn["markers"] == sum(1 for k in places.values() if k == 1)


# --- timeline and density -----------------------------------------------------------------

TIMELINE_JS = folium_object("timeline_layer")
HEATMAP_JS = folium_object("heatmap_layer")


@pytest.mark.parametrize("months", [None, (2, 7), (12, 12), (20, 22)])
def test_timeline_and_density_count_the_events_python_counts(driver, tiny, months):
    show_map(driver, tiny.path)
    window = driver.execute_script(f"return {TIMELINE_JS}.getWindow();")
    assert window["months"] == 23  # January 2019 to November 2020
    first, last = months or (0, window["months"] - 1)
    driver.execute_script(f"{TIMELINE_JS}.setMonths(arguments[0], arguments[1]);", first, last)
    try:
        settle(driver)
        month = np.array([_month(d) for d in decode_array(tiny.payload, "day")])
        kept = (month >= month.min() + first) & (month <= month.min() + last)
        label = driver.execute_script("return document.querySelector('.sahel-timeline-label').textContent")
        assert label.endswith(f"· {kept.sum()} event" + ("" if kept.sum() == 1 else "s")), label

        view = _view(driver)
        km = driver.execute_script("return window.SahelMapState.heat.km")
        assert km == HEAT_KM_BY_ZOOM(view["zoom"])
        expected = _ground_counts(tiny.payload, kept, km)  # every event is in view
        got = driver.execute_script(f"return {HEATMAP_JS}.cellCounts();")
        assert {(r, c): k for r, c, k in got} == expected
        assert sum(expected.values()) == kept.sum()  # every kept event is in view
        assert driver.execute_script("return window.SahelMapState.drawn.inView") == kept.sum()
    finally:
        driver.execute_script(f"{TIMELINE_JS}.setMonths(0, 22);")


# --- the pure files, wired to the page ------------------------------------------------------


def test_the_page_exports_the_pure_logic_in_its_language(driver, tiny):
    """node tests the logic itself (tests/js/); here only that SahelMap hands it out, with the
    page's thousands separator in the choropleth's labels."""
    show_map(driver, tiny.path)
    got = driver.execute_script("""return [SahelMap.hash.parse('#a=1&b=x%2Fy&c'),
        SahelMap.classifyValues([0, 1500, 2500], ['#aaa', '#bbb'], '#fff', 5).bins,
        SahelMap.placeLabels([{text: 'A', kind: 'town', minZoom: 0}], 5,
            function () { return {x: 100, y: 100}; }, function () { return [20, 10]; }).length];""")
    assert got == [{"a": "1", "b": "x/y", "c": ""}, [["0", "#fff"], ["1–1,500", "#aaa"], ["1,501–2,500", "#bbb"]], 1]
