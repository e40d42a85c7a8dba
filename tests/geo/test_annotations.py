"""Editors' annotations (geo/annotations.py): places from events and the gazetteer, bad rows
rejected with their reason."""

import pytest

from geo.annotations import COLUMNS, load_annotations
from geo.errors import InputError


@pytest.fixture(scope="module")
def annotations_dir(root):
    return root / "tests" / "data" / "annotations"


def test_three_labels_and_one_date(annotations_dir, default_prepared):
    events = default_prepared.events
    notes = load_annotations(annotations_dir / "three_labels.csv", events)
    assert notes.summary()["accepted"] == 4 and notes.summary()["rejected"] == 0
    assert len(notes.points) == 3 and notes.dates["label"].tolist() == ["Coup, 18 Aug 2020"]
    ogossagou = notes.rows.iloc[0]
    event = events[events["event_id"].astype(str) == "281679"].iloc[0]
    assert (ogossagou["longitude"], ogossagou["latitude"]) == (event["longitude"], event["latitude"])
    assert ogossagou["leader"] and ogossagou["side"] == "left"
    mopti = notes.rows.iloc[1]
    assert (mopti["longitude"], mopti["latitude"]) == pytest.approx((-4.18296, 14.4843))  # GeoNames Mopti
    assert str(notes.rows.iloc[2]["date"].date()) == "2013-01-11"


def test_bad_rows_are_rejected_with_their_reason(annotations_dir):
    notes = load_annotations(annotations_dir / "bad_rows.csv")
    assert notes.summary() == {"path": str(annotations_dir / "bad_rows.csv"), "read": 8, "accepted": 1,
                               "rejected": 7}
    reasons = dict(zip(notes.rejects["source_row"], notes.rejects["reason"], strict=True))
    assert reasons[2] == "label is empty"
    assert "both longitude and latitude" in reasons[3]
    assert "use '.' as the decimal separator" in reasons[4]
    assert "'Atlantis' is neither an event id" in reasons[5]
    assert "'2019-02-30' is not a date" in reasons[6]
    assert "side 'up'" in reasons[7]
    assert "no place and no date" in reasons[8]
    assert list(notes.rejects.columns) == ["source_file", "source_row", "reason", *COLUMNS]


@pytest.mark.parametrize("text, message", [
    ("name,longitude,latitude\nX,1,2\n", "has no 'label' column"),
    ("label,lon,lat\nX,1,2\n", "unknown columns lon, lat"),
])
def test_unusable_files_say_what_to_fix(tmp_path, text, message):
    path = tmp_path / "notes.csv"
    path.write_text(text, "utf-8")
    with pytest.raises(InputError, match=message):
        load_annotations(path)
