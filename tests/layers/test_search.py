"""The place search index: towns with their other spellings, Natural Earth places, regions,
countries, and every place the events name, once, at the median of its events."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from geo.boundaries import load_layer
from geo.paths import DATA_DIR
from layers import search
from tests.data.real.make_fixtures import LAYOUT_A, SYN_SOURCE

KIND = {k: i for i, k in enumerate(search.KINDS)}


def ucdp_row(event_id: str) -> dict:
    """A real UCDP GED 21.1 event of the shipped file (its coordinates)."""
    with (DATA_DIR / "events" / "ucdp_ged211_sahel.csv").open(encoding="utf-8", newline="") as handle:
        return next(r for r in csv.DictReader(handle) if r["event_id"] == event_id)


def acled_boulkessi_inates(path: Path) -> Path:
    """An ACLED export-tool file (2019-2023 layout, 31 columns) naming Boulkessi and Inates as
    ACLED spells them. Rows are synthetic (ACLED's terms restrict redistribution; see
    tests/data/real/SOURCES.md); coordinates are those of the real UCDP GED 21.1 events of
    the Boulkessi attack (id 305543, 30 Sep 2019) and the Inates attack (id 321482, 10 Dec 2019)."""
    boulkessi, inates = ucdp_row("305543"), ucdp_row("321482")
    rows = [
        ["9901", "466", "MLI9901", "9901", "30 September 2019", "2019", "1", "Battles", "Armed clash", "JNIM", "",
         "2", "Military Forces of Mali (2002-2012)", "", "1", "12", "Western Africa", "Mali", "Mopti", "Douentza",
         "Mondoro", "Boulkessi", boulkessi["latitude"], boulkessi["longitude"], "1", SYN_SOURCE, "National",
         "Synthetic test row: an attack on the army camp.", "38", "1570000000", "MLI"],
        ["9902", "466", "MLI9902", "9902", "01 October 2019", "2019", "1", "Battles", "Armed clash", "JNIM", "",
         "2", "Military Forces of Mali (2002-2012)", "", "1", "12", "Western Africa", "Mali", "Mopti", "Douentza",
         "Mondoro", "Boulkessi", "14.8", "-1.3", "2", SYN_SOURCE, "National",
         "Synthetic test row: fighting continued near the camp.", "0", "1570000000", "MLI"],
        ["9903", "562", "NIR9903", "9903", "10 December 2019", "2019", "1", "Battles", "Armed clash",
         "Islamic State (Greater Sahara)", "", "2", "Military Forces of Niger (2011-2021)", "", "1", "12",
         "Western Africa", "Niger", "Tillaberi", "Tillaberi", "Ayorou", "Inates", inates["latitude"],
         inates["longitude"], "1", SYN_SOURCE, "National", "Synthetic test row: an attack on the army camp.",
         "71", "1576000000", "NER"],
    ]
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\r\n").writerows([LAYOUT_A, *rows])
    return path


@pytest.fixture(scope="module")
def layers():
    return (load_layer("places"), load_layer("context_places"), load_layer("admin1_regions"),
            load_layer("countries"))


def _find(entries, name, kind=None):
    return [e for e in entries if (search.fold(name) == search.fold(e[0])
                                   or search.fold(name) in {search.fold(a) for a in e[5].split("|") if a})
            and (kind is None or e[4] == KIND[kind])]


def test_french_and_english_spellings_find_the_same_town(layers):
    entries = search.index(*layers, [], lang="en")
    for a, b in (("Tombouctou", "Timbuktu"), ("Tamanrasset", "Tamanghasset")):
        found_a, found_b = _find(entries, a, "town"), _find(entries, b, "town")
        assert found_a and found_b, (a, b)
        assert {(e[2], e[3]) for e in found_a} & {(e[2], e[3]) for e in found_b}
    timbuktu = _find(entries, "Tombouctou", "town")[0]
    places = layers[0]
    row = places[places["name"] == "Timbuktu"].iloc[0]
    assert (timbuktu[2], timbuktu[3]) == (round(row.geometry.y, 4), round(row.geometry.x, 4))


def test_accents_case_and_punctuation_fold_away():
    assert search.fold("Sévaré") == search.fold("SEVARE") == "sevare"
    assert search.fold("Aguel'hoc") == search.fold("aguelhoc")


def test_regions_countries_and_natural_earth_places_are_indexed(layers):
    entries = search.index(*layers, [], lang="fr")
    assert _find(entries, "Kayes", "region") and _find(entries, "Kayes", "town")
    assert _find(entries, "Diffa", "town") and _find(entries, "Algérie", "country")
    assert _find(entries, "Algeria", "country")  # every language's name
    assert len(entries) == len({(e[0], e[1], e[4]) for e in entries})  # nothing twice


def test_event_locations_once_each_at_their_median(layers, tmp_path):
    from geo.events import load_events

    frame = load_events(acled_boulkessi_inates(tmp_path / "acled.csv")).events
    assert set(frame["location"]) == {"Boulkessi", "Inates"}
    entries = search.index(*layers, [frame.assign(country_iso3=["MLI", "MLI", "NER"])], lang="en")
    boulkessi = _find(entries, "Boulkessi", "location")
    assert len(boulkessi) == 1 and boulkessi[0][6] == 2
    lats = frame.loc[frame["location"] == "Boulkessi", "latitude"]
    assert boulkessi[0][2] == round(float(lats.median()), 4)
    assert _find(entries, "Inates", "location")[0][1] == "NER"


def test_an_event_location_that_is_a_gazetteer_town_is_not_listed_twice(layers):
    events = pd.DataFrame({"location": ["Mopti", "Mopti", "Konna"], "country_iso3": ["MLI"] * 3,
                           "latitude": [14.48, 14.5, 14.95], "longitude": [-4.18, -4.2, -3.89]})
    entries = search.index(*layers, [events], lang="en")
    assert len(_find(entries, "Mopti", "town")) == 1 and not _find(entries, "Mopti", "location")
    assert _find(entries, "Konna", "location")


def test_index_grows_with_places_not_events(layers):
    n = 200_000
    events = pd.DataFrame({"location": [f"Village {i % 500}" for i in range(n)], "country_iso3": "MLI",
                           "latitude": 14.0, "longitude": -4.0})
    entries = search.index(*layers, [events], lang="en")
    assert len([e for e in entries if e[4] == KIND["location"]]) == 500


def _run_search_js(entries: list[list], queries: list[str]) -> list[list[dict]]:
    """searchPlaces of layers/static/js/fold.js, run by node on `entries` (loaded as the page
    loads it: tests/js/pure.js)."""
    import json
    import shutil
    import subprocess

    node = shutil.which("node")
    if not node:
        pytest.skip("node is not installed")
    pure = Path(__file__).resolve().parents[1] / "js" / "pure.js"
    script = (f"const {{ searchEntries, searchPlaces }} = require({json.dumps(str(pure))});\n"
              "const data = JSON.parse(require('fs').readFileSync(0, 'utf8'));\n"
              "const entries = searchEntries(data.entries);\n"
              "console.log(JSON.stringify(data.queries.map((q) => searchPlaces(entries, q, 5).map("
              "(m) => ({ name: m.entry.name, spelling: m.spelling, kind: m.entry.kind, iso3: m.entry.iso3,"
              " events: m.entry.events })))));\n")
    done = subprocess.run([node, "-e", script], input=json.dumps({"entries": entries, "queries": queries}),
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def test_the_ogossagou_massacre_is_found_by_ucdps_spelling_and_the_usual_one(layers):
    """UCDP 281679 (23 March 2019, Bankass cercle): UCDP names the place "Ogossogou village"
    (GED 24.1, carried onto the GED 21.1 extract by `make data`); readers type Ogossagou."""
    from geo.credits import SHIPPED_EVENTS
    from geo.events import load_events
    from geo.pipeline import load_join_layers

    events = load_events(SHIPPED_EVENTS[0].path).events
    ogossagou = events[events["event_id"] == "281679"]
    assert ogossagou["location"].tolist() == ["Ogossogou village"]
    joined = events[events["country"] == "Mali"].assign(country_iso3="MLI")
    entries = search.index(*layers, [joined], lang="en",
                           districts=load_join_layers().admin2)
    (entry,) = _find(entries, "Ogossogou village", "location")
    assert entry[5] == "Ogossogou" and entry[1] == "MLI"
    assert entry[6] == int((joined["location"] == "Ogossogou village").sum())
    results = _run_search_js(entries, ["Ogossagou", "Ogossogou", "ogossogou-village", "OGOSSAGOU"])
    for found in results:
        assert found[0]["name"] == "Ogossogou village" and found[0]["kind"] == KIND["location"]
    assert results[0][0]["spelling"] == "Ogossogou"  # found by the bare name, one letter away


def test_districts_are_in_the_index_and_found_with_or_without_accents(layers):
    from geo.pipeline import load_join_layers

    entries = search.index(*layers, [], lang="en", districts=load_join_layers().admin2)
    assert len([e for e in entries if e[4] == KIND["district"]]) == 165
    (seno,) = _find(entries, "Séno", "district")
    assert seno[1] == "BFA"
    results = _run_search_js(entries, ["seno", "Bankas", "Ayerou"])
    assert [r["name"] for r in results[0] if r["kind"] == KIND["district"]] == ["Séno"]
    assert [r["name"] for r in results[1] if r["kind"] == KIND["district"]] == ["Bankass"]
    assert ("Ayerou", "NER") in {(r["name"], r["iso3"]) for r in results[2]}
    # short queries are exact: "Gao" does not find "Dao" or "Gaya"
    assert all(search.fold(r["name"]).find("gao") >= 0 or search.fold(r["spelling"]).find("gao") >= 0
               for r in _run_search_js(entries, ["Gao"])[0])
