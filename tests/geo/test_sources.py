"""data/sources.toml: every entry well formed, in every language of the interface, and named by
whatever credits it (formats, shipped files, layers). Derived from the registries, so a new
source, format or layer is checked without changing this file."""

import pytest

from geo.boundaries import LAYER_SOURCES
from geo.credits import SHIPPED_EVENTS
from geo.errors import ConfigError
from geo.formats import FORMATS
from geo.sources import Source, _entry, get_source, sources, tile_sources
from layers.i18n import languages

SOURCES = sorted(sources())


@pytest.mark.parametrize("source_id", SOURCES)
def test_every_source_has_a_licence_and_its_texts_in_every_language(source_id):
    source = get_source(source_id)
    assert source.licence or source.kind == "tiles"
    for lang in languages():
        assert source.credit(lang).strip()
        for key in ("short", "name", "notes"):
            if key in source.texts:
                assert set(source.texts[key]) == set(languages()), f"[{source_id}] {key}"


@pytest.mark.parametrize("source_id", SOURCES)
def test_every_non_tile_source_can_credit_a_figure(source_id):
    source = get_source(source_id)
    if source.kind != "tiles":
        assert not source.short("en").endswith((".", ";")), "figures add the punctuation"


def test_everything_that_credits_names_a_known_source():
    named = {spec.source for spec in FORMATS} | {s.source for s in SHIPPED_EVENTS}
    named |= {i for ids in LAYER_SOURCES.values() for i in ids}
    assert named <= set(sources())
    assert all(get_source(s.source).kind == "events" and "name" in get_source(s.source).texts
               for s in SHIPPED_EVENTS)


def test_tile_providers_come_from_xyzservices():
    tiles = tile_sources()
    assert {"positron", "osm", "satellite"} <= set(tiles)  # the defaults; more may be added
    assert tiles["osm"].tile_url() == "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    # CARTO's key parameter is left out: we have no key, and tiles are optional
    assert tiles["positron"].tile_url() == "https://{s}.basemaps.cartocdn.com/light_all/{z}/{x}/{y}{r}.png"
    assert "OpenStreetMap</a> contributors" in tiles["osm"].credit("en")
    assert "contributeurs" in tiles["osm"].credit("fr")


def test_a_bad_entry_names_the_file_the_entry_and_the_fix():
    with pytest.raises(ConfigError, match=r"sources.toml: \[x\] has unknown key\(s\) credits"):
        _entry("x", {"kind": "events", "credits": {}})
    with pytest.raises(ConfigError, match=r"\[x\] has no credit; add credit.en"):
        _entry("x", {"kind": "events"})
    with pytest.raises(ConfigError, match=r"no source 'nope' in .*sources.toml"):
        get_source("nope")
    assert isinstance(_entry("x", {"kind": "events", "credit": {"en": "X"}}), Source)
