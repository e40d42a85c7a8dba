"""Credits come from the sources of what is drawn: ACLED rows credit ACLED, never the article or
UCDP; a layer drawn brings its source; texts come from data/sources.toml by id and language."""

import pandas as pd

from geo.credits import SHIPPED_EVENTS, credit_ids, credits


def _events(source_file: str, dataset: str) -> pd.DataFrame:
    return pd.DataFrame({"source_file": [source_file], "dataset": [dataset]})


def _texts(frame, lang="en", layers=()) -> str:
    return " | ".join(c.text for c in credits(frame, lang, layers))


def test_acled_file_credits_acled_only():
    text = _texts(_events("/tmp/acled_export.csv", "acled"))
    assert "ACLED" in text
    assert "UCDP" not in text and "Bassist" not in text and "2020 analysis" not in text
    assert "COD-AB Mali" in text and "Natural Earth" in text  # the join's boundaries, always


def test_own_native_file_has_no_article_credit():
    text = _texts(_events("/home/analyst/my_events.csv", "native"))
    assert "Bassist" not in text and "UCDP" not in text and "native format" in text


def test_shipped_files_bring_their_own_credits_and_notes():
    ucdp, article = SHIPPED_EVENTS
    both = pd.concat([_events(str(ucdp.path), "ucdp"), _events(str(article.path), "native")])
    cited = credits(both)
    assert [c.id for c in cited if c.is_events] == ["ucdp_ged211", "article"]  # by English credit
    assert cited[0].text.startswith("Data: Uppsala") and "Bassist" in cited[1].text
    assert any("precision-filtered subset" in n for c in cited for n in c.notes)


def test_a_ucdp_file_of_the_user_gets_the_generic_ged_credit_without_the_subset_note():
    cited = credits(_events("/data/GEDEvent_v23_1.csv", "ucdp"))
    assert "UCDP" in cited[0].text and "21.1" not in cited[0].text
    assert not any("precision-filtered" in n for c in cited for n in c.notes)


def test_join_sources_always_and_a_drawn_layer_adds_its_own_in_file_order():
    events = _events("/tmp/acled.csv", "acled")
    joined = ["codab_mli", "geoboundaries_bfa", "geoboundaries_bfa_adm2", "codab_ner", "natural_earth"]
    assert credit_ids(events) == ["acled", *joined]  # regions, districts, communes, countries
    assert credit_ids(events, layers=("rivers", "places")) == [
        "acled", *joined, "geonames", "natural_earth_context"]


def test_credits_in_french_come_by_id_not_by_english_text():
    text = _texts(_events("/tmp/acled.csv", "acled"), "fr", ("rivers",))
    assert "Limites administratives : DNCT Mali" in text and "Fleuves, lacs et lieux" in text
    assert "Administrative boundaries" not in text
