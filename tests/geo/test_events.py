"""Loading and validation edge cases, each found by review or fuzzing; small hand-made files."""

import datetime as dt
import json

import geopandas as gpd
import pytest
from shapely.geometry import LineString, Point

from geo.errors import InputError
from geo.events import load_events

TODAY = dt.date(2026, 11, 27)
NATIVE = "event_id,event_date,event_type,latitude,longitude,fatalities,notes\n"


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


def test_a_row_of_empty_fields_is_counted_and_rejected_even_beside_a_malformed_row(tmp_path):
    path = _write(tmp_path, "e.csv", NATIVE + "A,2020-01-01,Battles,16.27,-0.04,1,ok\n"
                  ",,,,,,\n" "B,2020-01-01,Battles,16.27\n")
    result = load_events(path, today=TODAY)
    assert result.info["rows"] == 3
    assert len(result.events) == 1 and len(result.rejects) == 2
    assert sorted(result.rejects["source_row"].tolist()) == [3, 4]


def test_line_breaks_in_quoted_values_survive_the_fast_read(tmp_path):
    """The first read assumes no value holds a line break; these records must not be split."""
    path = _write(tmp_path, "n.csv", NATIVE + 'A,2020-01-01,Battles,16.27,-0.04,1,"line one\nline two, a comma"\n'
                  "B,2020-01-02,Battles,16.27,-0.04,2,plain\n"
                  '"C\r\n3",2020-01-03,Battles,16.27,-0.04,3,x\n')
    result = load_events(path, today=TODAY)
    assert len(result.rejects) == 0
    assert result.events["event_id"].tolist() == ["A", "B", "C\r\n3"]
    assert result.events["notes"].tolist() == ["line one\nline two, a comma", "plain", "x"]
    assert result.events["source_row"].tolist() == [2, 3, 4]  # records, as the exact reader counts them


def test_a_quoted_line_break_across_a_block_edge_loses_no_record(tmp_path, monkeypatch):
    """Arrow splits the file into blocks; a value holding a line break that straddles a
    block edge once made a record vanish and its second line pass as a record."""
    import geo._csv

    filler = "".join(f"F{i},2020-01-02,Battles,16.27,-0.04,0,filler {i:04d}\n" for i in range(19))
    tricky = 'X1,2020-01-03,Battles,16.27,-0.04,1,"first line\nZ9,2020-01-03,Battles,16.27,-0.04,7,second"\n'
    text = NATIVE + filler + tricky + filler.replace("F", "G")
    monkeypatch.setattr(geo._csv, "BLOCK_BYTES", text.index("second"))  # the edge inside the value
    result = load_events(_write(tmp_path, "b.csv", text), today=TODAY)
    assert len(result.events) + len(result.rejects) == 39
    ids = result.events["event_id"].tolist()
    assert "X1" in ids and "Z9" not in ids


def test_huge_fatalities_are_rejected_not_a_crash(tmp_path):
    path = _write(tmp_path, "f.csv", NATIVE + "A,2020-01-01,Battles,16.27,-0.04,99999999999999999999,x\n")
    result = load_events(path, today=TODAY)
    assert "too large" in result.rejects["reason"].iloc[0]


def test_fatalities_3_point_0_is_3(tmp_path):
    path = _write(tmp_path, "f.csv", NATIVE + "A,2020-01-01,Battles,16.27,-0.04,3.0,x\n")
    assert load_events(path, today=TODAY).events["fatalities"].tolist() == [3]


@pytest.mark.parametrize("text, expected", [
    ('25/12/2020', None), ('05/05/2020', None), ('2099-01-01', "future"), ('30 October 2020', None),
    ('30-10-2020', None), ('1/1/0001', "not a date"), ('16-Feb-21', None), ('5-Feb-21', None),
    ('22 Feb 2019', None), ('02-03-2020', None), ('2/30/2020', "not a date"),
])
def test_dates(tmp_path, text, expected):  # one date per file: that file's column
    path = _write(tmp_path, "d.csv", NATIVE + f"A,{text},Battles,16.27,-0.04,1,x\n")
    result = load_events(path, today=TODAY)
    if expected is None:
        assert len(result.events) == 1
    else:
        assert expected in result.rejects["reason"].iloc[0]


@pytest.mark.parametrize("geometry", ['"x"', '{"type": "LineString", "coordinates": [[0, 0], [1, 1]]}', "null"])
def test_geojson_odd_geometries_are_rejected_rows(tmp_path, geometry):
    good = '{"type": "Feature", "properties": {"event_date": "2020-01-01", "event_type": "Battles", "notes": "None"}, "geometry": {"type": "Point", "coordinates": [-0.04, 16.27]}}'
    odd = f'{{"type": "Feature", "properties": {{"event_date": "2020-01-01", "event_type": "Battles"}}, "geometry": {geometry}}}'
    path = _write(tmp_path, "g.geojson", f'{{"type": "FeatureCollection", "features": [{good}, {odd}]}}')
    result = load_events(path, today=TODAY)
    assert len(result.events) == 1 and len(result.rejects) == 1
    assert result.events["notes"].tolist() == ["None"]  # a literal "None" is text, not missing


def test_geojson_crs_that_is_not_an_object_is_refused(tmp_path):
    path = _write(tmp_path, "c.geojson", json.dumps({"type": "FeatureCollection", "crs": "EPSG:3857",
                                                      "features": [{"type": "Feature", "properties": {}, "geometry": None}]}))
    with pytest.raises(InputError, match="named CRS"):
        load_events(path, today=TODAY)


def test_geoparquet_reprojects_and_rejects_non_points(tmp_path):
    frame = gpd.GeoDataFrame(
        {"event_date": ["2020-01-01", "2020-01-02"], "event_type": ["Battles", "Riots"]},
        geometry=[Point(-4978.0, 1_836_000.0), LineString([(0, 0), (1, 1)])], crs="EPSG:3857")
    path = tmp_path / "e.parquet"
    frame.to_parquet(path)
    result = load_events(path, today=TODAY)
    assert len(result.events) == 1 and len(result.rejects) == 1
    assert result.events["latitude"].iloc[0] == pytest.approx(16.27, abs=0.01)
    assert result.events["longitude"].iloc[0] == pytest.approx(-0.0447, abs=0.001)


def test_latin1_file_is_read_as_latin1(tmp_path):
    path = tmp_path / "l.csv"
    path.write_bytes((NATIVE + "A,2020-01-01,Battles,14.48,-4.18,1,Ségou et Ménaka\n").encode("latin-1"))
    result = load_events(path, today=TODAY)
    assert result.info["encoding"] == "cp1252"
    assert result.events["notes"].tolist() == ["Ségou et Ménaka"]


def test_header_that_fits_no_format_names_the_fix(tmp_path):
    path = _write(tmp_path, "u.csv", "when,what,where\n2020,x,y\n")
    with pytest.raises(InputError, match="no recognisable header.*--format"):
        load_events(path, today=TODAY)


def test_missing_required_column_is_named(tmp_path):
    path = _write(tmp_path, "m.csv", "event_date,event_type,latitude\n2020-01-01,Battles,16\n")
    with pytest.raises(InputError, match="missing required column.*longitude"):
        load_events(path, today=TODAY)


@pytest.mark.parametrize("dates, expected, style", [
    # a day above 12 anywhere makes the whole column day-first, so 03/04 is 3 April
    (["03/04/2020", "25/12/2020"], ["2020-04-03", "2020-12-25"], "DD/MM/YYYY (day first: a day above 12 seen)"),
    (["03/04/2020", "12/25/2020"], ["2020-03-04", "2020-12-25"], "MM/DD/YYYY"),
    (["16-Feb-21", "5-Feb-21", "1-Dec-97"], ["2021-02-16", "2021-02-05", "1997-12-01"], "D-Mon-YY (Excel)"),
    (["22 February 2019", "1 March 2019"], ["2019-02-22", "2019-03-01"], "D Month YYYY"),
    (["43518", "43525"], ["2019-02-22", "2019-03-01"], "Excel serial day numbers"),
    (["2019-02-22 00:00:00.000"], ["2019-02-22"], "YYYY-MM-DD"),
])
def test_date_order_is_decided_per_column(tmp_path, dates, expected, style):
    rows = "".join(f"A{i},{d},Battles,16.27,-0.04,1,x\n" for i, d in enumerate(dates))
    result = load_events(_write(tmp_path, "d.csv", NATIVE + rows), today=TODAY)
    assert result.events["event_date"].dt.strftime("%Y-%m-%d").tolist() == expected
    assert result.info["date_styles"] == {style: len(dates)}


def test_a_column_ambiguous_everywhere_is_refused_with_the_fix(tmp_path):
    path = _write(tmp_path, "d.csv", NATIVE + "A,02/03/2020,Battles,16.27,-0.04,1,x\nB,04/05/2020,Battles,16.27,-0.04,1,x\n")
    with pytest.raises(InputError, match=r"d.csv: event_date: every date written like '02/03/2020' "
                                         r"could be day-first or month-first.*YYYY-MM-DD"):
        load_events(path, today=TODAY)
