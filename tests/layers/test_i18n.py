"""The interface-string catalogues: same keys and placeholders in every language, every
credit and note translatable, and a French page whose scripts carry no English string."""

from __future__ import annotations

import re
import tomllib

import pytest

import build_map
from geo.paths import DATA_DIR
from layers import i18n
from layers._render import render_html

PLACEHOLDER = re.compile(r"\{(\w*)\}")


def test_there_are_english_and_french_catalogues():
    assert i18n.languages()[:1] == ("en",) and "fr" in i18n.languages()


@pytest.mark.parametrize("lang", [lang for lang in i18n.languages() if lang != "en"])
def test_every_language_has_exactly_the_english_keys_and_placeholders(lang):
    english, other = i18n.catalogue("en"), i18n.catalogue(lang)
    missing, extra = sorted(set(english) - set(other)), sorted(set(other) - set(english))
    assert not missing and not extra, f"missing: {missing}; extra: {extra}"
    for key, text in english.items():
        assert sorted(PLACEHOLDER.findall(other[key])) == sorted(PLACEHOLDER.findall(text)), key
        assert other[key].strip(), key


def test_a_missing_key_is_an_error_not_english():
    with pytest.raises(KeyError):
        i18n.t("fr", "no.such.key")
    with pytest.raises(KeyError):
        i18n.catalogue("xx")


def test_t_fills_placeholders():
    assert i18n.t("en", "layer.band", km="100") == "Border band (100 km)"
    assert i18n.t("fr", "layer.band", km="100") == "Bande frontalière (100 km)"
    assert i18n.format_int("fr", 1596) == "1\u202f596" and i18n.format_int("en", 1596) == "1,596"


def test_zone_labels_match_data_zones_toml():
    zones = tomllib.loads((DATA_DIR / "zones.toml").read_text("utf-8"))
    for key, table in zones.items():
        assert i18n.t("en", f"zone.{key}") == table["label"]


def test_layer_control_and_legends_are_french(tmp_path):
    from layers.overlays import control_labels

    m = build_map.build(lang="fr")
    labels = control_labels(m)
    assert "Pays voisins" in labels and "Régions du Mali" in labels
    assert "Neighbouring countries" not in labels
    page = render_html(m)
    assert page.startswith("<!DOCTYPE html>\n<html lang=\"fr\">")
    assert "<title>Violences politiques au Mali et au Sahel</title>" in page
    assert '"Type d\'événement"' in page and '"À propos de cette carte"' in page


def test_title_is_escaped_and_viewport_allows_zoom():
    page = render_html(build_map.build(title="A <b>&</b> map", layers="regions"))
    assert "<title>A &lt;b&gt;&amp;&lt;/b&gt; map</title>" in page
    viewport = re.search(r'<meta name="viewport" content="([^"]*)"', page).group(1)
    assert "user-scalable=no" not in viewport and "maximum-scale" not in viewport
    assert re.match(r'<!DOCTYPE html>\n<html lang="en">', page)


def test_lang_option_is_checked():
    from geo.errors import ConfigError

    with pytest.raises(ConfigError, match="--lang 'de' is not one of: en, fr"):
        build_map.options(lang="de")


def test_french_figure_credit_line():
    from figures.static_map import credit_line

    events = build_map._prepare(build_map.options()).events
    line = credit_line(events, "fr")
    assert line.startswith("Analyse de 2020") or line.startswith("Événements")
    assert "Taoudénit est comprise dans Tombouctou" in line and "Boundaries:" not in line
    assert "Limites : DNCT Mali/OCHA COD-AB 2021 ; geoBoundaries BFA ;" in line


def test_zone_codes_have_words_in_every_language():
    from geo.schema import ZONES

    for zone in ZONES:
        assert i18n.t("en", f"zone_code.{zone}") == zone
        assert i18n.t("fr", f"zone_code.{zone}")


def _figure_texts(fig) -> str:
    from matplotlib.text import Text

    return "\n".join(a.get_text() for a in fig.findobj(Text) if a.get_text())


def test_print_figures_in_french(default_prepared):
    """--lang fr: the map figure, the zone chart and the small multiples write their titles,
    legends and panels from the catalogue (data such as place names excepted)."""
    import dataclasses

    from figures.small_multiples import draw_small_multiples
    from figures.static_map import draw_figure
    from figures.zone_chart import draw_chart

    figure = _figure_texts(draw_figure(default_prepared, lang="fr"))
    chart = _figure_texts(draw_chart(default_prepared.summary["by_zone_period"], lang="fr"))
    # two panels (2019, 2020) hold every event type of the nine years: the same legends
    events = default_prepared.events
    recent = dataclasses.replace(default_prepared, events=events[events["event_date"].dt.year >= 2019])
    assert set(recent.events["event_type"]) == set(events["event_type"])
    maps = _figure_texts(draw_small_multiples(recent, lang="fr"))
    assert "Violences politiques au Mali et au Sahel" in figure and "Type d'événement" in figure
    assert "Fleuves et lacs" in figure and "Batailles" in figure and "victimes" in figure
    assert "ALGÉRIE" in figure and "ALGERIA" not in figure
    assert re.search(r"\d°O\b", figure) and not re.search(r"\d°W\b", figure)  # ouest
    assert "Événements et victimes par année, par zone" in chart and "Ailleurs" in chart
    assert "Zone de conflit du Nord (hors de la bande)" in chart and "Bande frontalière (100 km)" in chart
    assert "Violences politiques, une carte par année" in maps and "2019 : " in maps
    english = ("Event type", "Rivers and lakes", "Fatalities per", "Events per", "Elsewhere", "events",
               "one map per", "Areas and lines", "Borders (Mali in bold)")
    for text, name in ((figure, "figure"), (chart, "chart"), (maps, "small multiples")):
        assert [e for e in english if e in text] == [], name


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", ["1,234", "1,234.5", "0.02", "1.80", "-1,234,567", "12.5", "100", "0.00"]),
    ("fr", ["1\u202f234", "1\u202f234,5", "0,02", "1,80", "-1\u202f234\u202f567", "12,5", "100", "0,00"]),
])
def test_numbers_in_the_languages_format(lang, expected):
    values = [(1234, 0), (1234.5, 1), (0.02, 2), (1.8, 2), (-1234567, 0), (12.5, None), (100.0, None), (-0.001, 2)]
    assert [i18n.format_number(lang, x, d) for x, d in values] == expected
    assert i18n.format_int(lang, 1234) == expected[0]


@pytest.mark.parametrize(("countries", "en", "fr"), [
    (["BFA", "NER"], "Political violence in Burkina Faso and Niger", "Violences politiques au Burkina Faso et au Niger"),
    (["NER", "DZA", "BFA"], "Political violence in Algeria, Burkina Faso and Niger",
     "Violences politiques en Algérie, au Burkina Faso et au Niger"),
    (["NER", "MLI"], "Political violence in Mali and the Sahel", "Violences politiques au Mali et au Sahel"),
    ([], "Political violence in Mali and the Sahel", "Violences politiques au Mali et au Sahel"),
    (["TCD"], "Political violence in the Sahel", "Violences politiques au Sahel"),  # no name in the catalogue
])
def test_the_title_names_the_countries_of_the_events(countries, en, fr):
    assert (i18n.title_for("en", countries), i18n.title_for("fr", countries)) == (en, fr)


@pytest.mark.parametrize(("lang", "group", "mark"), [("en", ",", "."), ("fr", "\u202f", ",")])
def test_numbers_python_writes_into_the_page_follow_the_language(lang, group, mark, default_prepared):
    from geo.boundaries import load_layer
    from layers import border_band, change, spillover, zones

    areas = [layer.data["features"][0]["properties"]["area"] for layer in (
        zones.build(load_layer("conflict_zones"), "north", lang=lang),
        spillover.build(load_layer("spillover"), lang=lang),
        border_band.build(default_prepared.layers.band, lang=lang))]
    for area in areas:  # all above 10,000 km²
        assert re.fullmatch(rf"\d{{2,3}}{re.escape(group)}\d{{3}} km²", area), area
    assert change._signed(lang, -1.5) == f"−1{mark}50"
    assert change._signed(lang, 12345) == f"+12{group}345"
