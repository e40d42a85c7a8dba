"""ACLED and UCDP files together: one incident counted once, and --count reports."""

import json
import re

import pandas as pd
import pytest

import build_map
from geo.errors import ConfigError
from geo.paths import DATA_DIR
from tests.test_build_map import ACLED_HEADER

# ACLED's report of the Ogossagou massacre in the export layout: the fields the issue quotes
# (MLI2741, 2019-03-23, Ogossagou, 164 killed; HDX's conflict_data_mli.csv gives the
# coordinates and actors); notes and source are ours, as ACLED's terms ask.
ACLED_ROW = ("MLI2741,23 March 2019,2019,1,Political violence,Violence against civilians,Attack,"
             "Dan Na Ambassagou,,4,Civilians (Mali),,7,47,Civilian targeting,466,Western Africa,Mali,"
             "Mopti,Bankass,Bankass,Ogossagou,13.9583,-3.5706,1,Test fixture (synthetic),National,"
             "Synthetic test row: the Ogossagou attack.,164,,1600000000")


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    """The ACLED row above, and two real UCDP GED rows: Ogossogou (281679) and one elsewhere."""
    folder = tmp_path_factory.mktemp("incidents")
    acled = folder / "acled.csv"
    acled.write_text(ACLED_HEADER + "\n" + ACLED_ROW + "\n", "utf-8")
    lines = (DATA_DIR / "events" / "ucdp_ged211_sahel.csv").read_text("utf-8").splitlines()
    rows = [line for line in lines[1:] if line.startswith(("281679,", "281783,"))]
    ucdp = folder / "ucdp.csv"
    ucdp.write_text("\n".join([lines[0], *rows]) + "\n", "utf-8")
    return acled, ucdp


def _run(tmp_path, files, *argv):
    code = build_map.main(["--quiet", "--events", str(files[0]), "--events", str(files[1]),
                           "--out", str(tmp_path / "m.html"), "--summary", str(tmp_path / "s.json"),
                           "--joined", str(tmp_path / "j.csv"), "--layers", "events", *argv])
    assert code == 0
    joined = pd.read_csv(tmp_path / "j.csv", dtype=str, keep_default_na=False).set_index("event_id")
    return json.loads((tmp_path / "s.json").read_text()), joined


def test_one_incident_counted_once(tmp_path, files):
    summary, joined = _run(tmp_path, files)
    incidents = summary["incidents"]
    assert incidents["matched_pairs"] == 1
    assert incidents["unmatched"] == {"acled": 0, "ucdp": 1}
    assert incidents["incidents"] == incidents["matched_pairs"] + sum(incidents["unmatched"].values()) == 2
    assert summary["events"]["accepted"] == 3  # every report is accepted ...
    assert sum(summary["by_zone"].values()) == 2  # ... and counted once per incident
    assert sum(summary["by_region"].values()) == 2
    # --joined keeps both reports with their shared id
    assert joined.loc[["281679", "MLI2741"], "incident"].tolist() == ["ucdp:281679+acled:MLI2741"] * 2
    assert joined.loc[["281679", "MLI2741", "281783"], "incident_role"].tolist() == ["primary", "secondary", ""]
    # the page draws one marker for it, whose popup names the other report; the other report
    # travels too, flagged, for the page's switch to count reports (tests/browser)
    html = (tmp_path / "m.html").read_text("utf-8")
    assert re.findall(r'"n":(\d+)', html) == ["1", "2"]
    assert '"src:also_reported"' in html
    assert re.findall(r'"numeric_columns":\{[^}]*"secondary":"uint8"', html) and html.count('"secondary":"uint8"') == 1


def test_count_reports(tmp_path, files):
    summary, joined = _run(tmp_path, files, "--count", "reports")
    assert summary["incidents"]["counted"] == "reports"
    assert sum(summary["by_zone"].values()) == 3
    assert joined.loc["MLI2741", "incident"] == "ucdp:281679+acled:MLI2741"
    assert re.findall(r'"n":(\d+)', (tmp_path / "m.html").read_text("utf-8")) == ["1", "2"]


def test_count_is_checked(capsys):
    with pytest.raises(SystemExit) as exit_:
        build_map.main(["--quiet", "--count", "events"])
    assert exit_.value.code == 2
    assert "--count: invalid choice: 'events'" in capsys.readouterr().err
    with pytest.raises(ConfigError, match="--count 'events' is not one of: incidents, reports"):
        build_map.options(count="events")


def test_the_dask_engine_counts_reports_and_says_so():
    assert build_map.options(engine="dask").count == "reports"
    assert build_map.options().count == "incidents"
    with pytest.raises(ConfigError, match="--count incidents needs every report in one process"):
        build_map.options(engine="dask", count="incidents")
    with pytest.raises(ConfigError, match="--compare needs every event in one process"):
        build_map.options(engine="dask", compare="2019-08-18..2020-08-17,2020-08-18..2021-08-17")
