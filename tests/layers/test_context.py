"""Places and rivers: labels from Natural Earth (Kidal from GeoNames), ranked for zoom."""

from __future__ import annotations

import pytest
from shapely.geometry import Point

import build_map
from geo.boundaries import load_layer
from geo.countries import COUNTRY_NAMES
from layers import context
from layers.i18n import t
from layers.overlays import control_labels

ACCEPTANCE_TOWNS = ("Bamako", "Mopti", "Gao", "Tombouctou", "Kidal", "Niamey", "Ouagadougou")
DEFAULT_ZOOM = 6  # the default view at 1400 x 950 (checked in the browser test)


@pytest.fixture(scope="module")
def layers():
    return (load_layer("context_places"), load_layer("countries"), load_layer("rivers"),
            load_layer("lakes"))


def test_the_towns_and_every_neighbour_may_show_at_the_default_zoom(layers):
    labels = context.labels(*layers, lang="en")
    shown = {(label["text"], label["kind"]) for label in labels if label["minZoom"] <= DEFAULT_ZOOM}
    for town in ACCEPTANCE_TOWNS:
        assert (town, "capital") in shown or (town, "town") in shown, town
    countries = layers[1]
    mali = countries[countries["iso3"] == "MLI"].geometry.iloc[0]
    neighbours = [i for i, g in zip(countries["iso3"], countries.geometry, strict=True)
                  if i != "MLI" and g.distance(mali) < 0.01]
    assert sorted(neighbours) == ["BFA", "CIV", "DZA", "GIN", "MRT", "NER", "SEN"]
    for iso3 in [*neighbours, "MLI"]:
        assert (COUNTRY_NAMES[iso3], "admin0") in shown
    assert {"Niger", "Sénégal"} <= {label["text"] for label in labels if label["kind"] == "river"}


def test_coordinates_come_from_the_data(layers):
    places, countries, *_ = layers
    labels = context.labels(*layers, lang="en")
    kidal = next(label for label in labels if label["text"] == "Kidal")
    row = places[places["name"] == "Kidal"].iloc[0]
    assert (kidal["lat"], kidal["lon"]) == (round(row.geometry.y, 4), round(row.geometry.x, 4))
    for label in labels:
        if label["kind"] == "admin0":
            iso3 = next(i for i, n in COUNTRY_NAMES.items() if n == label["text"])
            outline = countries[countries["iso3"] == iso3].geometry.iloc[0]
            assert outline.contains(Point(label["lon"], label["lat"])), label


def test_capitals_come_first_and_rank_orders_the_rest(layers):
    labels = context.labels(*layers, lang="en")
    kinds = [label["kind"] for label in labels]
    assert kinds.index("admin0") > max(i for i, k in enumerate(kinds) if k == "capital")
    assert labels[0]["kind"] == "capital"


def test_french_labels_use_name_fr_and_french_country_names(layers):
    texts = {label["text"] for label in context.labels(*layers, lang="fr")}
    assert {"Alger", "Algérie", "Mauritanie", "Sénégal", "Guinée", "Tombouctou"} <= texts
    assert "Algiers" not in texts and "Algeria" not in texts
    english = {label["text"] for label in context.labels(*layers, lang="en")}
    assert {"Algiers", "Algeria", "Tombouctou"} <= english and "Timbuktu" not in english


def test_country_names_in_the_catalogue_match_geo_countries():
    for iso3, name in COUNTRY_NAMES.items():
        assert t("en", f"country.{iso3}") == name


def test_overlay_is_registered_off_over_tiles_and_on_without_them():
    from layers.overlays import OVERLAYS

    spec = next(o for o in OVERLAYS if o.key == "context")
    assert spec.show is False
    with_tiles = build_map.build(layers="countries,context")
    without = build_map.build(layers="countries,context", basemap="none")
    assert "Places and rivers" in control_labels(with_tiles)
    assert [c.show for c in with_tiles._children.values() if type(c).__name__ == "ContextLayer"] == [False]
    assert [c.show for c in without._children.values() if type(c).__name__ == "ContextLayer"] == [True]
    assert "Lieux et fleuves" in control_labels(build_map.build(layers="context", lang="fr"))


def test_the_map_credits_natural_earth_and_explains_the_overlay():
    from layers._render import render_html

    credit = "Rivers, lakes and places: Made with Natural Earth 4.0.0 (public domain)"
    note = "labels appear by rank as you zoom in"
    # the search box indexes Natural Earth's places on every page, so both pages credit it once;
    # the note (also in the page's string catalogue) comes with the overlay
    with_context = render_html(build_map.build(layers="context"))
    without = render_html(build_map.build(layers="regions"))
    assert with_context.count(credit) == without.count(credit) == 1
    assert with_context.count(note) == without.count(note) + 1
