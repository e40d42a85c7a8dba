"""Actor groups (data/actors.toml) on the real actor names of UCDP GED and ACLED files."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from geo.actors import MAX_GROUPS, actor_counts, actor_group_mask, load_actor_groups, resolve_actor
from geo.errors import ConfigError
from geo.events import load_events
from geo.paths import DATA_DIR

UCDP_FILE = DATA_DIR / "events" / "ucdp_ged211_sahel.csv"
BOKO_HARAM_UCDP = "Jama'atu Ahlis Sunna Lidda'awati wal-Jihad"


@pytest.fixture(scope="module")
def groups():
    return {g.id: g for g in load_actor_groups()}


@pytest.fixture(scope="module")
def ucdp() -> pd.DataFrame:
    return pd.read_csv(UCDP_FILE, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def acled_names(real_dir) -> set[str]:
    """Every actor name in the ACLED-layout fixtures (ACLED's own naming, tests/data/real)."""
    names: set[str] = set()
    for name in ("acled_2016_realtime_upper.csv", "acled_2018_api_pre2019_types.csv",
                 "acled_2019_export.csv", "acled_2024_export.csv", "acled_api.json",
                 "acled_hdx_hxl.csv", "acled_excel_resaved.csv", "acled_africa_2016.xlsx",
                 "acled_upper_25col_lf.csv"):
        events = load_events(real_dir / name, "auto").events
        names |= set(events["actor1"]) | set(events["actor2"])
    return names - {""}


def _involving(frame: pd.DataFrame, names: set[str]) -> int:
    return int((frame["actor1"].isin(names) | frame["actor2"].isin(names)).sum())


def test_the_file_loads_with_unique_keys_and_fits_the_page_mask(groups):
    assert 20 <= len(groups) <= MAX_GROUPS
    assert {"jnim", "is_sahel", "ansaroul_islam", "state_mli", "state_bfa", "state_ner",
            "state_dza", "state_mrt", "wagner", "dan_na_ambassagou", "koglweogo",
            "communal_militias"} <= set(groups)


def test_ucdp_names_fall_in_their_groups(groups):
    expect = {
        "jnim": ["JNIM", "Ansar Dine", "al-Murabitun", "MUJAO", "FLM",
                 "Signed-in-Blood Battalion", "MUJAO, Signed-in-Blood Battalion"],
        "aqim": ["AQIM"],
        "ansaroul_islam": ["Ansaroul Islam"],
        "katiba_macina": ["FLM"],
        "state_mli": ["Government of Mali"],
        "state_dza": ["Government of Algeria"],
        "dan_na_ambassagou": ["Dan na Ambassagou"],
        "dozo": ["Dozos (Mali)"],
        "koglweogo": ["Koglweogo"],
        "boko_haram_iswap": [BOKO_HARAM_UCDP],
        "platform": ["GATIA", "GATIA, MSA"],
    }
    for gid, names in expect.items():
        for name in names:
            assert groups[gid].contains(name), (gid, name)
            assert groups[gid].contains(name.upper()), (gid, name)  # any case
    assert not groups["is_sahel"].contains(BOKO_HARAM_UCDP)
    assert not groups["jnim"].contains("Government of Mali")
    # names a source uses for more than the group belong to it only in some places
    assert not groups["is_sahel"].contains("IS") and groups["is_sahel"].may_contain("IS")
    assert not groups["jnim"].contains("AQIM") and groups["jnim"].may_contain("AQIM")


def _groups_of_rows(events: pd.DataFrame, rows) -> list[list[str]]:
    mask = actor_group_mask(events.loc[rows])
    ordered = load_actor_groups()
    return [[g.id for bit, g in enumerate(ordered) if m >> bit & 1] for m in mask]


def test_ucdp_is_and_aqim_follow_the_place_of_the_event(default_prepared):
    joined = default_prepared.events
    first = joined.groupby(["actor1", "actor2", "country_iso3", "region"]).head(1)

    def one(actor1, actor2, iso3, region):
        rows = first.index[(first["actor1"] == actor1) & (first["actor2"] == actor2)
                           & (first["country_iso3"] == iso3) & (first["region"] == region)]
        assert len(rows), (actor1, actor2, iso3, region)
        return _groups_of_rows(joined, rows[:1])[0]

    assert one("Government of Niger", "IS", "NER", "Tillabéri") == ["is_sahel", "state_ner"]
    assert one("Government of Niger", "IS", "NER", "Diffa") == ["boko_haram_iswap", "state_ner"]
    assert one("Government of Mali", "IS", "MLI", "Ménaka") == ["is_sahel", "state_mli"]
    assert one("Government of Algeria", "IS", "DZA", "Tizi Ouzou") == ["state_dza"]  # IS Algeria
    assert one("Government of Algeria", "AQIM", "DZA", "Tizi Ouzou") == ["aqim", "state_dza"]
    assert one("Government of Mali", "AQIM", "MLI", "Tombouctou") == ["jnim", "aqim", "state_mli"]


def test_acled_names_fall_in_their_groups(groups, acled_names):
    expect = {
        "jnim": ["JNIM: Group for Support of Islam and Muslims", "Katiba Macina", "Ansar Dine",
                 "MUJAO: Movement for Unity and Jihad in West Africa"],
        "aqim": ["AQIM: Al Qaeda in the Islamic Maghreb"],
        "is_sahel": ["Islamic State (Greater Sahara)", "Islamic State (Sahel)"],
        "ansaroul_islam": ["Ansaroul Islam"],
        "state_mli": ["Military Forces of Mali (2013-)", "Military Forces of Mali (2021-)",
                      "Police Forces of Mali (2013-)", "Police Forces of Mali (2021-)"],
        "state_bfa": ["Military Forces of Burkina Faso (2015-)", "Police Forces of Burkina Faso (2015-)"],
        "state_ner": ["Military Forces of Niger (2011-)", "Police Forces of Niger (2023-)"],
        "france": ["Military Forces of France"],
        "dan_na_ambassagou": ["Dan Na Ambassagou"],
        "azawad_movements": ["CMA: Coordination of Azawad Movements",
                             "MNLA: National Movement for the Liberation of Azawad"],
        "civilians": ["Civilians (Mali)", "Civilians (Burkina Faso)"],
    }
    for gid, names in expect.items():
        for name in names:
            assert name in acled_names, name  # the fixture really carries it
            assert groups[gid].contains(name), (gid, name)


@pytest.mark.parametrize("name, not_in", [
    ("Military Forces of Nigeria (1999-2015)", "state_ner"),     # Nigeria is not Niger
    ("Mutiny of Military Forces of Mali (2002-2012)", "state_mli"),  # mutineers are not the state
    ("Former Military Forces of Burkina Faso (1987-2014)", "state_bfa"),
    ("Islamic State (West Africa)", "is_sahel"),                 # ISWAP, Lake Chad
    ("Government of Myanmar (Burma)", "state_mli"),
])
def test_patterns_match_whole_names_only(groups, name, not_in):
    assert not groups[not_in].contains(name)


def test_resolve_is_the_islamic_state_sahel_not_a_substring(default_prepared):
    joined = default_prepared.events
    names = set(joined["actor1"]) | set(joined["actor2"])
    selection = resolve_actor("IS Sahel", names)
    assert selection.group.id == "is_sahel" and selection.names == {"IS"}
    for value in ("Islamic State", "ISGS", "eigs", "is sahel", "is sahel province"):
        assert resolve_actor(value, names).group.id == "is_sahel", value
    # UCDP's "IS" in Mali, Burkina Faso, Mauritania and western Niger (not Diffa, not Algeria)
    is_row = (joined["actor1"] == "IS") | (joined["actor2"] == "IS")
    sahel = joined["country_iso3"].isin(["MLI", "BFA", "MRT"]) | (
        (joined["country_iso3"] == "NER")
        & joined["region"].isin(["Tillabéri", "Tahoua", "Dosso", "Niamey", "Agadez"]))
    assert int(is_row.sum()) == 382 and int((is_row & sahel).sum()) == 275
    assert int(selection.rows(joined).sum()) == 275
    assert BOKO_HARAM_UCDP not in selection.names and "Ansaroul Islam" not in selection.names


def test_is_is_ucdp_exact_actor_not_a_substring(default_prepared):
    joined = default_prepared.events
    names = set(joined["actor1"]) | set(joined["actor2"])
    # "is" is inside "Jama'atu Ahlis ...", "Ansaroul Islam", "Support of Islam": none may match
    selection = resolve_actor("is", names)
    assert selection.group is None and selection.names == {"IS"}
    is_row = (joined["actor1"] == "IS") | (joined["actor2"] == "IS")
    assert int(selection.rows(joined).sum()) == int(is_row.sum()) == 382  # Sahel, Diffa, Algeria


def test_resolve_jnim_takes_its_components_and_predecessors(default_prepared):
    joined = default_prepared.events
    names = set(joined["actor1"]) | set(joined["actor2"])
    selection = resolve_actor("jnim", names)
    assert {"JNIM", "AQIM", "Ansar Dine", "al-Murabitun", "MUJAO", "FLM",
            "Signed-in-Blood Battalion", "MUJAO, Signed-in-Blood Battalion"} <= selection.names
    assert "Government of Mali" not in selection.names
    predecessors = {"JNIM", "Ansar Dine", "al-Murabitun", "MUJAO", "FLM",
                    "Signed-in-Blood Battalion", "MUJAO, Signed-in-Blood Battalion",
                    f"AQIM, {BOKO_HARAM_UCDP}, MUJAO", "Ansar Dine and AQIM",
                    "MNLA and Ansar Dine", "MNLA, Ansar Dine and MUJAO",
                    "JNIM: Group for Support of Islam and Muslims"}  # the article's ACLED-style name
    aqim_sahel = ((joined["actor1"] == "AQIM") | (joined["actor2"] == "AQIM")) & (
        joined["country_iso3"].isin(["MLI", "BFA", "NER", "MRT"])
        | joined["region"].isin(["Adrar", "Tamanghasset", "Illizi"]))
    expected = int((joined["actor1"].isin(predecessors) | joined["actor2"].isin(predecessors)
                    | aqim_sahel).sum())
    assert expected == 743
    assert int(selection.rows(joined).sum()) == expected


def test_resolve_an_exact_actor_name_in_any_case(acled_names):
    selection = resolve_actor("civilians (mali)", acled_names)
    assert selection.group is None and selection.names == {"Civilians (Mali)"}


@pytest.mark.parametrize("value, suggestion", [
    ("Jnmi", "'JNIM'"),
    ("Islamic Stat", "'Islamic State'"),
    ("Koglweogo Militias", "'Koglweogo'"),
])
def test_unknown_value_says_did_you_mean(ucdp, value, suggestion):
    names = set(ucdp["actor1"]) | set(ucdp["actor2"])
    with pytest.raises(ConfigError, match="did you mean") as caught:
        resolve_actor(value, names)
    assert suggestion in str(caught.value) and "--list-actors" in str(caught.value)


def test_a_part_of_a_name_is_refused(ucdp):
    names = set(ucdp["actor1"]) | set(ucdp["actor2"])
    with pytest.raises(ConfigError, match="neither an actor group nor an actor name"):
        resolve_actor("Government", names)


def test_mask_is_the_row_by_row_answer(ucdp):
    ordered = load_actor_groups()
    mask = actor_group_mask(ucdp)  # not joined: the place rules take nothing
    assert mask.dtype == np.uint32 and len(mask) == len(ucdp)
    for bit, group in enumerate(ordered):
        expected = ucdp["actor1"].map(group.contains) | ucdp["actor2"].map(group.contains)
        assert (((mask >> bit) & 1).astype(bool) == expected.to_numpy()).all(), group.id
    jnim_vs_mali = ((ucdp["actor1"] == "Government of Mali") & (ucdp["actor2"] == "JNIM")).idxmax()
    ids = [g.id for bit, g in enumerate(ordered) if mask[jnim_vs_mali] >> bit & 1]
    assert ids == ["jnim", "state_mli"]


def test_counts_per_group_and_the_ungrouped(default_prepared):
    joined = default_prepared.events
    per_group, ungrouped = actor_counts(joined)
    counts = {g.id: n for g, n in per_group}
    assert counts["is_sahel"] == 275 and counts["jnim"] == 743 and counts["boko_haram_iswap"] == 114
    mali = {"Government of Mali", "Government of Mali (transition)", "Military Forces of Mali"}
    assert counts["state_mli"] == _involving(joined, mali) == 540
    # UCDP's "IS" in northern Algeria (10) and outside the mapped countries (2) is in no group
    assert ungrouped[:2] == [("IS", 12), ("Military faction (Red Berets)", 3)]


def _write(tmp_path, text: str):
    path = tmp_path / "actors.toml"
    path.write_text(text, "utf-8")
    return path


@pytest.mark.parametrize("text, message", [
    ('[[group]]\nid = "a"\nname = "A"\nmembers = ["X"]\n[[group]]\nid = "b"\nname = "B"\n'
     'aliases = ["a"]\nmembers = ["Y"]\n', "group 2 ('b'): 'a' already names group 'a'"),
    ('[[group]]\nid = "a"\nname = "A"\nmembers = ["X"]\ncolour = "red"\n',
     "group 1 ('a'): unknown key(s) colour"),
    ('[[group]]\nid = "a"\nname = "A"\n', "group 1 ('a'): lists no `members`"),
    ('[[group]]\nid = "a"\nname = "A"\n[[group]]\nid = "b"\nname = 3\nmembers = ["X"]\n',
     "group 1 ('a'): lists no `members`, `match` patterns or `only_in` rules; "
     "group 2 ('b'): `name` must be a non-empty string"),  # every problem, in one message
    ('[[group]]\nid = "JNIM!"\nname = "A"\nmembers = ["X"]\n', "`id` must be a-z"),
    ('[[group]]\nid = "a"\nname = "A"\nmatch = ["Military Forces of Mali"]\n', "has no '*'"),
    ('[[group]]\nid = "a"\nname = "A"\nmembers = "X"\n', "`members` must be a list"),
    ("[[group]\n", "cannot read actor groups"),
    ('[[group]]\nid = "a"\nname = "A"\n[[group.only_in]]\nmembers = ["IS"]\nplaces = ["NER:Dif"]\n',
     "group 1 ('a'), only_in 1: place 'NER:Dif' is neither an ISO3 code we map nor 'ISO3:Region' "
     "of the admin-1 layer; did you mean 'NER:Diffa'"),
    ('[[group]]\nid = "a"\nname = "A"\n[[group.only_in]]\nmembers = ["IS"]\n',
     "only_in 1: needs exactly `members` and `places`, got members"),
])
def test_a_broken_file_is_named_with_its_group(tmp_path, text, message):
    path = _write(tmp_path, text)
    with pytest.raises(ConfigError, match="actors.toml: ") as caught:
        load_actor_groups(path)
    assert message in str(caught.value)


def test_too_many_groups_for_the_mask(tmp_path):
    text = "".join(f'[[group]]\nid = "g{i}"\nname = "G{i}"\nmembers = ["X{i}"]\n' for i in range(33))
    with pytest.raises(ConfigError, match="33 groups; at most 32"):
        load_actor_groups(_write(tmp_path, text))


@pytest.mark.parametrize("group", load_actor_groups(), ids=lambda g: g.id)
def test_every_shipped_group_is_well_formed(group):
    assert group.aliases, "users need a name to type"
    assert len(set(map(str.casefold, group.members))) == len(group.members), "a member twice"
    for pattern in group.match:
        assert pattern.endswith("*") or pattern.startswith("*"), pattern
    # every exact member and pattern is written as the sources write it: no stray spaces
    for text in (*group.members, *group.match, *group.aliases):
        assert text == " ".join(text.split()), text


def test_acled_abbreviation_selects_its_full_names(acled_names):
    selection = resolve_actor("mnla", acled_names)
    assert selection.group is None
    assert selection.names == {"MNLA: National Movement for the Liberation of Azawad"}
    minusma = resolve_actor("MINUSMA", acled_names).names
    assert minusma == {"MINUSMA: United Nations Multidimensional Integrated Stabilization Mission in Mali (2013-)"}


def test_an_alias_names_the_whole_group_only(groups):
    # the parts of a group answer to their own names, not to the group's
    for gid, part in (("algeria_gia_ais", "GIA"), ("platform", "GATIA"), ("azawad_movements", "CMA"),
                      ("international", "MINUSMA"), ("mourabitoun", "MUJAO")):
        assert part.casefold() not in groups[gid].keys(), (gid, part)


def test_every_group_has_a_french_name_for_french_pages():
    groups = load_actor_groups()
    assert all(g.name_fr for g in groups), [g.id for g in groups if not g.name_fr]
    civilians = next(g for g in groups if g.id == "civilians")
    assert (civilians.label("en"), civilians.label("fr")) == ("Civilians", "Civils")
