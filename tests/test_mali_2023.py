"""Mali through 2023: the shipped UCDP GED 24.1 file (make data) builds a map to December 2023."""

import json

import build_map
from geo.paths import DATA_DIR


def test_the_ged241_mali_file_builds_a_map_to_december_2023(tmp_path):
    out = tmp_path / "mali_2012_2023.html"
    assert build_map.main(["--quiet", "--events", str(DATA_DIR / "events" / "ucdp_ged241_mali.csv"),
                           "--since", "2012-01-01", "--out", str(out)]) == 0
    summary = json.loads((tmp_path / "mali_2012_2023_summary.json").read_text("utf-8"))
    # 2,120 events 1990-2023 (SOURCES.md), 122 of them before 2012
    assert summary["events"] == {"read": 2120, "accepted": 1998, "rejected": 0, "filtered_out": 122}
    assert summary["date_range"] == ["2012-01-16", "2023-12-31"]
    assert summary["by_country"] == {"MLI": 1998}
    assert list(summary["by_zone_period"]["month"])[-1] == "2023-12"
    assert summary["by_country_year"]["MLI"]["2022"] == 408  # Moura, Diallassagou: the worst year
    assert sum(d["events"] for d in summary["by_district"].values()) == 1998  # each has a district
    html = out.read_text("utf-8")
    assert "Events: UCDP GED 24.1 · MLI · 2012–2023" in html
    assert "Georeferenced Event Dataset (GED) 24.1" in html
