"""The path of the violence (layers/centres.py): both paths, labelled by year, escaped tooltips."""

import folium
import pandas as pd

from geo.centres import yearly_centres_by
from geo.paths import DATA_DIR
from geo.pipeline import prepare_events
from layers import centres


def test_both_paths_labelled_by_year():
    events = prepare_events([DATA_DIR / "events" / "ucdp_ged211_sahel.csv"]).events
    events = events[events["event_date"].dt.year.between(2018, 2020) & events["country_iso3"].isin(["MLI", "BFA"])]
    m = folium.Map()
    centres.build(yearly_centres_by(events, tuple(centres.COLORS)), show=True).add_to(m)
    page = m.get_root().render()
    for year in (2018, 2019, 2020):
        for weight in ("events", "fatalities"):
            assert f'class=\\"sahel-centre-label sahel-centre-{weight}\\"\\u003e{year}\\u003c' in page
    assert "style=" not in page.split("sahel-centre-label")[1].split("L.divIcon")[0]  # the CSP allows none
    assert "centre of" in page and "one standard deviation" in page


def test_no_events_no_path():
    empty = pd.DataFrame({"event_date": pd.Series(dtype="datetime64[ns]"), "latitude": [], "longitude": [],
                          "fatalities": []})
    assert not centres.build(yearly_centres_by(empty, tuple(centres.COLORS)))._children
