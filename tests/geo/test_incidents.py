"""One incident, counted once: ACLED and UCDP reports matched one to one."""

import numpy as np
import pandas as pd
import pyproj
import pytest

from geo.incidents import DAYS, DISTANCE_KM, candidate_pairs, match_incidents

# The Ogossagou massacre, as each source reports it: UCDP GED 281679 (data/events/
# ucdp_ged211_sahel.csv) and ACLED MLI2741 (HDX's conflict_data_mli.csv, R6 of
# tests/data/real/SOURCES.md). Only the fields matching reads; the two points are 17 km apart.
UCDP_OGOSSOGOU = dict(event_id="281679", dataset="ucdp", event_date="2019-03-23", latitude=14.0664,
                      longitude=-3.45379, geo_precision=1, time_precision=1,
                      event_type="Violence against civilians", fatalities=145,
                      actor1="Dan na Ambassagou", actor2="Civilians", location="Ogossogou village")
ACLED_OGOSSAGOU = dict(event_id="MLI2741", dataset="acled", event_date="2019-03-23", latitude=13.9583,
                       longitude=-3.5706, geo_precision=1, time_precision=1,
                       event_type="Violence against civilians", fatalities=164,
                       actor1="Dan Na Ambassagou", actor2="Civilians (Mali)", location="Ogossagou")
_GEOD = pyproj.Geod(ellps="WGS84")


def frame(*rows: dict) -> pd.DataFrame:
    out = pd.DataFrame(list(rows))
    out["event_date"] = pd.to_datetime(out["event_date"])
    out["country_iso3"], out["region"] = "MLI", "Mopti"
    return out


def moved(row: dict, km: float, azimuth: float = 90.0, **changes) -> dict:
    """A test report `km` away from `row` (our own numbers, to test the tolerances)."""
    lon, lat, _ = _GEOD.fwd(row["longitude"], row["latitude"], azimuth, km * 1000.0)
    return {**row, "longitude": lon, "latitude": lat, **changes}


def test_ogossagou_is_one_incident():
    events = frame(UCDP_OGOSSOGOU, ACLED_OGOSSAGOU)
    found = match_incidents(events)
    assert found.incident.tolist() == ["ucdp:281679+acled:MLI2741"] * 2
    pair = found.pairs.iloc[0]
    assert (pair["primary"], pair["secondary"]) == (0, 1)  # same precision: UCDP stands for it
    assert pair["distance_km"] == pytest.approx(17.4, abs=0.1)
    assert pair["days"] == 0
    assert found.secondary.tolist() == [False, True]


def test_same_day_40_km_apart_are_two_incidents():
    events = frame(UCDP_OGOSSOGOU, moved(UCDP_OGOSSOGOU, 40.0, event_id="X1", dataset="acled"))
    found = match_incidents(events)
    assert found.pairs.empty
    assert found.incident.tolist() == ["", ""]
    # just inside the place-precise tolerance (12.5 + 12.5 km) they are one
    near = frame(UCDP_OGOSSOGOU, moved(UCDP_OGOSSOGOU, 24.0, event_id="X1", dataset="acled"))
    assert len(match_incidents(near).pairs) == 1


@pytest.mark.parametrize(("geo", "km", "matched"), [(2, 36.0, True), (2, 38.0, False), (3, 62.0, True),
                                                      (3, 63.0, False)])
def test_distance_tolerance_follows_precision(geo, km, matched):
    assert DISTANCE_KM[1] + DISTANCE_KM[geo] == {2: 37.5, 3: 62.5}[geo]
    acled = moved(UCDP_OGOSSOGOU, km, event_id="X1", dataset="acled", geo_precision=geo)
    assert len(match_incidents(frame(UCDP_OGOSSOGOU, acled)).pairs) == int(matched)


@pytest.mark.parametrize(("precision", "date", "matched"), [(1, "2019-03-24", True), (1, "2019-03-25", False),
                                                             (2, "2019-03-30", True), (3, "2019-04-23", True),
                                                             (3, "2019-04-24", False)])
def test_days_tolerance_follows_precision(precision, date, matched):
    assert DAYS == {1: 1, 2: 7, 3: 31}
    acled = {**ACLED_OGOSSAGOU, "time_precision": precision, "event_date": date}
    assert len(match_incidents(frame(UCDP_OGOSSOGOU, acled)).pairs) == int(matched)


def test_two_to_one_resolves_one_to_one():
    second = moved(ACLED_OGOSSAGOU, 5.0, event_id="X2", fatalities=3)
    events = frame(UCDP_OGOSSOGOU, ACLED_OGOSSAGOU, second)
    assert len(candidate_pairs(events)) == 2  # both ACLED reports are candidates
    found = match_incidents(events)
    assert len(found.pairs) == 1
    assert found.incident.tolist() == ["ucdp:281679+acled:MLI2741"] * 2 + [""]  # 164 killed beats 3
    # and the result does not depend on row order
    assert match_incidents(frame(second, ACLED_OGOSSAGOU, UCDP_OGOSSOGOU)).incident.tolist() == \
        ["", "ucdp:281679+acled:MLI2741", "ucdp:281679+acled:MLI2741"]


@pytest.mark.parametrize("changes", [{"event_type": "Protests"}, {"event_type": "Strategic developments"},
                                     {"actor1": "JNIM: Group for Support of Islam and Muslims"}])
def test_incompatible_types_or_actors_do_not_match(changes):
    found = match_incidents(frame(UCDP_OGOSSOGOU, {**ACLED_OGOSSAGOU, **changes}))
    assert found.pairs.empty


def test_unknown_actor_matches_at_a_cost():
    unknown = {**ACLED_OGOSSAGOU, "actor1": "Unidentified Armed Group (Mali)"}
    pairs = candidate_pairs(frame(UCDP_OGOSSOGOU, unknown))
    known = candidate_pairs(frame(UCDP_OGOSSOGOU, ACLED_OGOSSAGOU))
    assert pairs["actors_ok"].all()
    assert pairs["cost"].iloc[0] == pytest.approx(known["cost"].iloc[0] + 0.25)


def test_one_dataset_alone_is_never_matched():
    events = frame(UCDP_OGOSSOGOU, {**ACLED_OGOSSAGOU, "dataset": "ucdp"})
    assert match_incidents(events).pairs.empty


def test_summary_counts_add_up():
    far = moved(UCDP_OGOSSOGOU, 200.0, event_id="281680")
    other = moved(ACLED_OGOSSAGOU, 5.0, event_id="X2")
    native = {**ACLED_OGOSSAGOU, "event_id": "N1", "dataset": "native"}
    events = frame(UCDP_OGOSSOGOU, far, ACLED_OGOSSAGOU, other, native)
    summary = match_incidents(events).summary(events)
    assert summary["matched_pairs"] == 1
    assert summary["unmatched"] == {"acled": 1, "native": 1, "ucdp": 1}
    assert summary["incidents"] == summary["matched_pairs"] + sum(summary["unmatched"].values()) == 4
    assert summary["reports"] == 2 * summary["matched_pairs"] + sum(summary["unmatched"].values()) == 5


def test_coarser_report_is_secondary():
    coarse = {**UCDP_OGOSSOGOU, "geo_precision": 2}
    found = match_incidents(frame(coarse, ACLED_OGOSSAGOU))
    assert found.incident.iloc[0] == "acled:MLI2741+ucdp:281679"
    assert np.array_equal(found.secondary, [True, False])
