"""Issue 20: popups show the source columns chosen with --popup-fields, as text (never HTML),
and `--popup-fields none` leaves them and the notes out."""

from __future__ import annotations

import pytest

import build_map
from tests.browser.conftest import js_errors, open_map, wait_for

pytestmark = pytest.mark.browser

HOSTILE = '<img src=x onerror="window.__xss=1">'


def _acled(tmp_path):
    path = tmp_path / "acled_2023.csv"
    path.write_text(
        "event_id_cnty,event_date,event_type,sub_event_type,actor1,civilian_targeting,admin1,"
        "admin2,admin3,location,latitude,longitude,fatalities,tags,notes\n"
        f'MLI9001,2024-03-14,Violence against civilians,Attack,JNIM,"{HOSTILE.replace(chr(34), chr(34) * 2)}",'
        "Mopti,Douentza,Douentza,Douentza,15.00605,-2.9517,3,local administrators,"
        "Synthetic test row: popup fields\n", "utf-8")
    return path


def _popup_text(driver, out):
    open_map(driver, out)
    driver.execute_script("document.querySelector('path.sahel-event').dispatchEvent("
                          "new MouseEvent('click', {bubbles: true}));")
    return wait_for(driver, "var p = document.querySelector('.leaflet-popup-content');"
                            " return p && p.textContent.indexOf('Douentza') >= 0 && p.textContent;")


def test_popups_show_the_source_fields_as_text(driver, tmp_path):
    out = tmp_path / "fields.html"
    assert build_map.main(["--quiet", "--events", str(_acled(tmp_path)), "--out", str(out)]) == 0
    text = _popup_text(driver, out)
    for expected in ("civilian_targeting", HOSTILE, "admin2", "admin3", "tags",
                     "local administrators", "Attack", "Synthetic test row: popup fields"):
        assert expected in text
    assert driver.execute_script("return document.querySelectorAll('.leaflet-popup-content img').length") == 0
    assert driver.execute_script("return window.__xss") is None
    assert not js_errors(driver)


def test_popup_fields_none_leaves_out_the_fields_and_the_notes(driver, tmp_path):
    out = tmp_path / "none.html"
    assert build_map.main(["--quiet", "--events", str(_acled(tmp_path)), "--out", str(out),
                           "--popup-fields", "none"]) == 0
    text = _popup_text(driver, out)
    assert "civilian_targeting" not in text and "local administrators" not in text
    assert "Synthetic test row" not in text
    assert "Synthetic test row" not in out.read_text("utf-8")
