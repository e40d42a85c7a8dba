"""Credits come from the data on the map: ACLED rows credit ACLED, never the article or UCDP."""

import pandas as pd

from geo.credits import SHIPPED_EVENTS, credits_for


def _events(source_file: str, dataset: str) -> pd.DataFrame:
    return pd.DataFrame({"source_file": [source_file], "dataset": [dataset]})


def _texts(frame) -> str:
    return " | ".join(c.text for c in credits_for(frame))


def test_acled_file_credits_acled_only():
    text = _texts(_events("/tmp/acled_export.csv", "acled"))
    assert "ACLED" in text
    assert "UCDP" not in text and "Bassist" not in text and "2020 analysis" not in text
    assert "COD-AB Mali" in text and "Natural Earth" in text  # boundaries are always credited


def test_own_native_file_has_no_article_credit():
    text = _texts(_events("/home/analyst/my_events.csv", "native"))
    assert "Bassist" not in text and "UCDP" not in text and "native format" in text


def test_shipped_files_bring_their_own_credits_and_notes():
    ucdp, article = SHIPPED_EVENTS
    both = pd.concat([_events(str(ucdp.path), "ucdp"), _events(str(article.path), "native")])
    credits = credits_for(both)
    assert credits[0].text.startswith("Data: Uppsala") or credits[1].text.startswith("Data: Uppsala")
    assert any("Bassist" in c.text for c in credits)
    assert any("precision-filtered subset" in n for c in credits for n in c.notes)


def test_a_ucdp_file_of_the_user_gets_the_generic_ged_credit_without_the_subset_note():
    credits = credits_for(_events("/data/GEDEvent_v23_1.csv", "ucdp"))
    assert "UCDP" in credits[0].text and "21.1" not in credits[0].text
    assert not any("precision-filtered" in n for c in credits for n in c.notes)
