"""The CLI end to end: main(argv) -> exit code, outputs and summary."""

import json
from pathlib import Path

import pandas as pd
import pytest

import build_map
from geo.schema import FLAG_COLUMNS, JOIN_COLUMNS
from layers.overlays import overlay_keys

ACLED_HEADER = ("event_id_cnty,event_date,year,time_precision,disorder_type,event_type,"
                "sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,"
                "interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,"
                "latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp")


def _run(tmp_path, *argv):
    out = tmp_path / "map.html"
    code = build_map.main(["--quiet", "--out", str(out), "--summary", str(tmp_path / "s.json"),
                           "--rejects", str(tmp_path / "r.csv"), "--joined", str(tmp_path / "j.csv"),
                           *argv])
    summary = json.loads((tmp_path / "s.json").read_text()) if (tmp_path / "s.json").exists() else None
    return code, summary


def _beside(default_map, suffix: str) -> Path:
    return default_map.with_name(default_map.stem + suffix)


def test_default_map_summary_and_article_events_in_the_right_places(default_map):
    summary = json.loads(_beside(default_map, "_summary.json").read_text())
    counts = summary["events"]
    assert counts["read"] == 3888 + 22
    assert counts["read"] == counts["accepted"] + counts["rejected"] + counts["filtered_out"]
    assert counts["rejected"] == 0
    assert summary["date_range"] == ["2012-01-01", "2020-12-31"]
    # spillover as numbers: Burkina Faso's events rise from 2016 (2 events) to 184 in 2019
    # (UCDP's own count; GED 281743, 0.14 km inside BFA's polygon, is Mali's by its source)
    bfa = summary["by_country_year"]["BFA"]
    assert bfa["2016"] == 2 and bfa["2019"] == 184
    joined = pd.read_csv(_beside(default_map, "_joined.csv"), dtype=str, keep_default_na=False).set_index("event_id")
    assert set(JOIN_COLUMNS) | set(FLAG_COLUMNS) <= set(joined.columns)
    assert joined.loc["ART-2020-05", ["location", "region", "zone"]].tolist() == ["Tessalit", "Kidal", "north"]
    assert joined.loc["ART-2012-03", ["location", "region", "zone"]].tolist() == ["Kidal", "Kidal", "north"]
    # the Barkhane strike near Boulikessi: Mopti region, central zone
    assert joined.loc["ART-2020-08", ["region", "zone"]].tolist() == ["Mopti", "central"]
    assert joined.loc["ART-2020-07", "country_iso3"] == "DZA"  # Tlemcen is outside Mali
    assert joined.loc["ART-2020-05", "in_border_band"] == "True"
    assert summary["by_zone"]["central"] > 0 and summary["by_zone"]["spillover"] > 0
    assert default_map.stat().st_size > 100_000


def test_ucdp_full_format_fixture(tmp_path, ucdp_sample):
    code, summary = _run(tmp_path, "--events", str(ucdp_sample))
    assert code == 0
    assert summary["inputs"][0]["format"] == "ucdp"
    assert summary["events"]["read"] == 29 and summary["events"]["accepted"] == 29
    joined = pd.read_csv(tmp_path / "j.csv", dtype=str, keep_default_na=False).set_index("event_id")
    # GED 256789: between Soumpi and Hombori, coded to 14.666667 N, 4.0 W -> Mopti, central
    assert joined.loc["256789", ["country_iso3", "region", "zone"]].tolist() == ["MLI", "Mopti", "central"]
    assert joined.loc["256789", "geo_precision"] == "3"  # where_prec 4 (admin-1) -> 3


def test_acled_fixture_with_filters(tmp_path):
    path = tmp_path / "acled.csv"
    path.write_text("\n".join([
        ACLED_HEADER,
        'T1,2020-10-30,2020,1,Political violence,Battles,Armed clash,JNIM,,Rebel group,Military Forces of Mali,,State forces,,,466,Western Africa,Mali,Mopti,Douentza,,Douentza,15.00605,-2.9517,1,TEST,National,TEST FIXTURE,3,,0',
        'T2,30-10-2020,2020,1,Political violence,Violence against civilians,Attack,Islamic State (Sahel),,2,Civilians,,7,27,,466,Western Africa,Mali,Gao,Gao,,Gao,16.27167,-0.04472,1,TEST,National,TEST FIXTURE,0,,0',
        'T3,2019-05-01,2019,1,Political violence,Battles,Armed clash,JNIM,,Rebel group,Military Forces of Burkina Faso,,State forces,,,854,Western Africa,Burkina Faso,Sahel,Soum,,Djibo,14.09864,-1.62665,1,TEST,National,TEST FIXTURE,2,,0',
        'T4,2020-11-01,2020,1,Political violence,Battles,Armed clash,JNIM,,Rebel group,Military Forces of Mali,,State forces,,,466,Western Africa,Mali,Kidal,,,Nowhere,north,-2.9,1,TEST,National,TEST FIXTURE,2,,0',
    ]) + "\n", "utf-8")
    code, summary = _run(tmp_path, "--events", str(path), "--since", "2020-01-01", "--actor", "jnim")
    assert code == 0
    assert summary["inputs"][0]["format"] == "acled"
    assert summary["events"] == {"read": 4, "accepted": 1, "rejected": 1, "filtered_out": 2}
    rejects = pd.read_csv(tmp_path / "r.csv", dtype=str, keep_default_na=False)
    assert rejects["source_row"].tolist() == ["5"]
    assert "latitude 'north' is not a number" in rejects["reason"].iloc[0]
    assert rejects["event_id_cnty"].tolist() == ["T4"]  # the original fields follow the reason


def test_country_and_type_filters(tmp_path):
    code, summary = _run(tmp_path, "--country", "BFA", "--event-type", "Violence against civilians")
    assert code == 0
    assert set(summary["by_country"]) == {"BFA"}
    assert summary["events"]["read"] == sum(summary["events"][k] for k in ("accepted", "rejected", "filtered_out"))


@pytest.mark.parametrize("argv, message", [
    (["--events", "nope.csv"], "does not exist"),
    (["--event-type", "Skirmish"], "not an ACLED event type"),
    (["--since", "2020-01-01", "--until", "2019-01-01"], "is after"),
])
def test_unusable_input_exits_2_with_one_line(tmp_path, capsys, argv, message):
    code, _ = _run(tmp_path, *argv)
    err = capsys.readouterr().err
    assert code == 2
    assert message in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert not list(tmp_path.iterdir())  # nothing written


def test_bad_option_exits_2(capsys):
    assert build_map.main(["--layers", "regions,volcanoes"]) == 2
    err = capsys.readouterr().err
    assert err == "error: --layers: unknown volcanoes; choose from " + ",".join(overlay_keys()) + "\n"


def test_help_teaches(capsys):
    with pytest.raises(SystemExit):
        build_map.main(["--help"])
    text = capsys.readouterr().out
    for needle in ("--events", "examples:", "acled", "ucdp", "native", "exit codes"):
        assert needle in text


def test_failure_while_writing_leaves_no_file_and_keeps_a_good_one(tmp_path, monkeypatch):
    out = tmp_path / "map.html"
    out.write_text("good old map")
    import figures.static_map

    def explode(*args, **kwargs):
        raise RuntimeError("injected failure after the HTML was staged")

    monkeypatch.setattr(figures.static_map, "draw_figure", explode)
    with pytest.raises(RuntimeError, match="injected"):
        build_map.main(["--quiet", "--out", str(out), "--layers", "regions", "--png", str(tmp_path / "map.png")])
    assert out.read_text() == "good old map"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.html"]  # no temporaries, no partials


def test_progress_goes_to_stderr_and_quiet_silences_it(tmp_path, capsys):
    assert build_map.main(["--out", str(tmp_path / "m.html"), "--layers", "regions"]) == 0
    assert "joining to regions" in capsys.readouterr().err
    assert build_map.main(["--quiet", "--out", str(tmp_path / "m.html"), "--layers", "regions"]) == 0
    assert capsys.readouterr().err == ""


def test_png_output(tmp_path):
    from PIL import Image

    code, _ = _run(tmp_path, "--png", str(tmp_path / "map.png"))
    assert code == 0
    image = Image.open(tmp_path / "map.png")
    assert image.size[0] == int(160 / 25.4 * 200)  # a 160 mm report column at 200 dpi
    colours = image.convert("RGB").getcolors(maxcolors=1_000_000)
    assert colours is not None and len(colours) > 50  # not blank


def test_outputs_named_in_summary(default_map):
    summary = json.loads(_beside(default_map, "_summary.json").read_text())
    assert summary["outputs"]["html"] == str(default_map)
    assert Path(summary["outputs"]["html"]).exists()
    assert summary["outputs"]["html_bytes"] == Path(summary["outputs"]["html"]).stat().st_size


def test_two_files_with_the_same_name_get_distinct_overlays(tmp_path):
    first, second = tmp_path / "a" / "events.csv", tmp_path / "b" / "events.csv"
    for path in (first, second):
        path.parent.mkdir()
        path.write_text("event_date,event_type,latitude,longitude\n2020-01-01,Battles,16.27,-0.04\n")
    opts = build_map.options([first, second, first])
    assert opts.events == (first, second)
    assert list(opts.labels.values()) == ["events.csv", "events.csv (2)"]


def test_png_title_with_dollar_signs(tmp_path):
    code, _ = _run(tmp_path, "--png", str(tmp_path / "m.png"), "--title", r"Costs $\foo$ and $5", "--layers", "regions",
                   "--figure-dpi", "30")
    assert code == 0


def test_an_acled_map_credits_acled_in_html_and_png_and_nothing_else(tmp_path, real_dir, monkeypatch):
    from matplotlib.figure import Figure

    drawn: list[str] = []
    original = Figure.text
    monkeypatch.setattr(Figure, "text", lambda self, x, y, s, *a, **k: drawn.append(s) or original(self, x, y, s, *a, **k))
    code, _ = _run(tmp_path, "--events", str(real_dir / "acled_2019_export.csv"), "--png", str(tmp_path / "m.png"),
                   "--figure-dpi", "30")  # the credit is read as drawn; pixels are not the point
    assert code == 0
    page = (tmp_path / "map.html").read_text("utf-8")
    credits = next(line for line in page.splitlines() if "Administrative boundaries: DNCT" in line
                   and line.strip().startswith("["))  # the attributions handed to Leaflet
    assert "ACLED (Armed Conflict Location" in credits
    for absent in ("UCDP", "Bassist", "2020 analysis"):
        assert absent not in credits
    png_credit = drawn[-1]
    assert png_credit.startswith("Events: ACLED (acleddata.com).")
    assert "UCDP" not in png_credit and "2020 analysis" not in png_credit


# ---- filters (issue 11): names users type, errors that say what to do, API == CLI ----

def _accepted(tmp_path, *argv) -> int:
    code, summary = _run(tmp_path, "--layers", "regions", *argv)
    assert code == 0
    return summary["events"]["accepted"]


def _error(tmp_path, capsys, *argv) -> str:
    code, _ = _run(tmp_path, "--layers", "regions", *argv)
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    assert not list(tmp_path.iterdir())  # nothing written
    return err


@pytest.mark.parametrize("argv, message", [
    (["--country", "MLL"], "--country 'MLL' is not a country this map covers; did you mean 'ML', 'MLI'?"),
    (["--country", "Nigeria"], "did you mean 'Niger'"),
    (["--event-type", "battle"], "--event-type 'battle' is not an ACLED event type; did you mean 'Battles'?"),
    (["--actor", "Jnmi"], "--actor 'Jnmi' is neither an actor group nor an actor name in the data; "
                          "did you mean 'JNIM'?"),
    (["--actor", "Islam"], "is neither an actor group nor an actor name"),  # no substring match
    (["--since", "2025-01-01"], "--since 2025-01-01 is after --until 2020-12-31 (the default); "
                                "set --until too"),
    (["--until", "2010-01-01"], "--since 2012-01-01 (the default) is after --until 2010-01-01; "
                                "set --since too"),
    (["--country", "BFA", "--event-type", "protests"],
     "the filters leave no events: --event-type Protests keeps none of the 1,618 events that pass "
     "--since 2012-01-01 (the default), --until 2020-12-31 (the default); the events left are "
     "Battles, Strategic developments, Violence against civilians"),
    (["--country", "BFA", "--actor", "Dozos (Mali)"],
     "the filters leave no events: --actor 'Dozos (Mali)' keeps none of the 392 events that pass "
     "--since 2012-01-01 (the default), --until 2020-12-31 (the default), --country BFA"),
    (["--actor", "wagner"], "--actor 'wagner' (group wagner) keeps none of the 1,618 events that "
                            "pass --since 2012-01-01 (the default), --until 2020-12-31 (the default)"),
])
def test_each_filter_error_exits_2_and_says_why(tmp_path, capsys, argv, message):
    assert message in _error(tmp_path, capsys, *argv)


def test_an_empty_date_window_on_a_user_file_names_the_bound(tmp_path, capsys, real_dir):
    err = _error(tmp_path, capsys, "--events", str(real_dir / "acled_2019_export.csv"),
                 "--since", "2030-01-01")
    assert ("--since 2030-01-01 keeps none of the 11 valid events; the events left run from "
            "2019-01-05 to 2019-05-11") in err


def test_event_type_ignores_case(tmp_path, default_prepared):
    battles = int((default_prepared.events["event_type"] == "Battles").sum())
    assert battles == 1093
    assert _accepted(tmp_path, "--event-type", "battles") == battles
    assert _accepted(tmp_path, "--event-type", "BATTLES,violence AGAINST civilians") == int(
        default_prepared.events["event_type"].isin(["Battles", "Violence against civilians"]).sum())


@pytest.mark.parametrize("value", ["MLI", "mli", "MALI", "Mali", "ML", "ml", "République du Mali"])
def test_country_by_code_or_name(value):
    assert build_map.options(country=value).filters.countries == ("MLI",)


def test_country_filter_keeps_that_countrys_events(tmp_path, default_prepared):
    expected = int((default_prepared.events["country_iso3"] == "MLI").sum())
    assert expected == 826
    assert _accepted(tmp_path, "--country", "République du Mali") == expected


def test_country_list_mixes_codes_and_names(tmp_path, default_prepared):
    expected = int(default_prepared.events["country_iso3"].isin(["BFA", "NER"]).sum())
    assert _accepted(tmp_path, "--country", "Burkina Faso,ne") == expected


def test_until_alone_keeps_the_default_start_and_the_summary_says_so(tmp_path, default_prepared):
    code, summary = _run(tmp_path, "--layers", "regions", "--until", "2015-12-31")
    assert code == 0
    joined = default_prepared.events  # the default window, 2012-2020
    assert summary["events"]["accepted"] == int((joined["event_date"] <= "2015-12-31").sum()) == 382
    assert summary["date_range"] == ["2012-01-01", "2015-12-24"]  # no 1990s Algeria
    assert summary["window"] == {"since": "2012-01-01", "until": "2015-12-31",
                                 "since_from": "default", "until_from": "user"}


def test_default_window_in_the_summary(tmp_path):
    code, summary = _run(tmp_path, "--layers", "regions")
    assert summary["window"] == {"since": "2012-01-01", "until": "2020-12-31",
                                 "since_from": "default", "until_from": "default"}


def test_a_user_file_has_no_default_window(tmp_path, real_dir):
    code, summary = _run(tmp_path, "--layers", "regions", "--events", str(real_dir / "ucdp_ged231.csv"))
    assert summary["window"] == {"since": "", "until": "", "since_from": "none", "until_from": "none"}


def test_actor_by_group_never_by_substring(tmp_path, default_prepared):
    joined = default_prepared.events
    is_row = (joined["actor1"] == "IS") | (joined["actor2"] == "IS")
    sahel = joined["country_iso3"].isin(["MLI", "BFA", "MRT"]) | (
        (joined["country_iso3"] == "NER")
        & joined["region"].isin(["Tillabéri", "Tahoua", "Dosso", "Niamey", "Agadez"]))
    is_events = int((is_row & sahel).sum())  # UCDP's "IS" in the Sahel (not Diffa, not Algeria)
    assert is_events == 275
    code, summary = _run(tmp_path, "--layers", "regions", "--actor", "IS Sahel")
    assert summary["events"]["accepted"] == is_events
    assert summary["filters"]["actor_selected"] == "group is_sahel: Islamic State Sahel (ISGS, EIGS)"
    assert summary["filters"]["actor_names"] == ["IS"]  # not Boko Haram, not Ansaroul Islam
    for value in ("Islamic State", "ISGS", "eigs"):
        assert _accepted(tmp_path, "--actor", value) == is_events
    # "IS" is UCDP's exact actor: all its events (Diffa and Algeria too), and nothing else
    code, summary = _run(tmp_path, "--layers", "regions", "--actor", "is")
    assert summary["events"]["accepted"] == int(is_row.sum()) == 382
    assert summary["filters"]["actor_selected"] == "actor IS"


def test_actor_exact_name_in_any_case(tmp_path, default_prepared):
    joined = default_prepared.events
    expected = int(((joined["actor1"] == "Koglweogo") | (joined["actor2"] == "Koglweogo")).sum())
    assert expected > 0
    assert _accepted(tmp_path, "--actor", "KOGLWEOGO") == expected


def test_list_actors_prints_groups_with_counts_and_writes_nothing(tmp_path, capsys, default_prepared):
    assert build_map.main(["--quiet", "--list-actors", "--country", "BFA,NER", "--since", "2019-01-01",
                           "--out", str(tmp_path / "m.html")]) == 0
    out = capsys.readouterr().out
    joined = default_prepared.events
    kept = joined[joined["country_iso3"].isin(["BFA", "NER"]) & (joined["event_date"] >= "2019-01-01")]
    jnim = {"JNIM"}
    expected = int((kept["actor1"].isin(jnim) | kept["actor2"].isin(jnim)).sum())
    assert out.startswith(f"{len(kept):,} events. Actor groups")
    assert f"{expected:>8,}  jnim " in out
    assert "Most frequent actors in no group" in out
    assert not list(tmp_path.iterdir())


def test_overlay_names_say_what_they_hold_and_empty_ones_go(tmp_path):
    code, _ = _run(tmp_path, "--country", "BFA,NER", "--since", "2019-01-01", "--layers", "events")
    assert code == 0
    page = (tmp_path / "map.html").read_text("utf-8")
    assert "Events: UCDP GED 21.1 · BFA, NER · 2019–2020" in page
    assert "Events: 2020 analysis" not in page  # its 22 events are in Mali and Algeria: no empty overlay


@pytest.mark.parametrize("argv, kwargs", [
    (["--country", "MLI"], {"country": ("MLI",)}),
    (["--country", "mali", "--until", "2015-12-31"], {"country": "mali", "until": "2015-12-31"}),
    (["--event-type", "battles", "--actor", "JNIM"], {"event_type": ["battles"], "actor": "JNIM"}),
])
def test_api_gives_the_cli_result(tmp_path, argv, kwargs):
    code, summary = _run(tmp_path, "--layers", "regions", *argv)
    prepared = build_map._prepare(build_map.options(**kwargs))
    assert code == 0 and summary["events"] == prepared.summary["events"]
    assert summary["window"] == prepared.summary["window"]


def test_api_names_the_cli_flag_for_a_wrong_keyword():
    from geo.errors import ConfigError

    # the issue's `build(countries=("MLI",))` gave 895 events (no default window) against the
    # CLI's 819: the API now has one name per flag and the window rule of the CLI
    with pytest.raises(ConfigError, match="build\\(\\): unknown option 'countries'; did you mean 'country'\\?"):
        build_map.build(countries=("MLI",))


def test_files_that_end_apart_say_where_each_ends(real_dir):
    """Two files whose data end in different months: each overlay's name and the title say
    where each ends (the chart's gaps: tests/js/bins.test.js, chartCoverage)."""
    from layers.compose import _coverage

    files = [real_dir / "ucdp_viewer_mali_subset.csv", real_dir / "acled_monadic_2024.csv"]
    opts = build_map.options([str(f) for f in files])
    prepared = build_map._prepare(opts)
    sets = build_map._event_sets(prepared, opts)
    ends = {s.source: s.events["event_date"].max() for s in sets}
    assert ends["acled_monadic_2024.csv"].strftime("%Y-%m") == "2024-04"
    for s in sets:
        end = ends[s.source]
        assert s.label.endswith(f" (to {end:%b} {end.year})"), s.label
    assert _coverage(prepared, sets, "en") == ("Data end: " + "; ".join(
        f"{s.source} {ends[s.source]:%b} {ends[s.source].year}" for s in sets))
    # one file, or files ending in the same month: nothing to say
    alone = prepared.events[prepared.events["source_file"] == str(files[0])]
    same = build_map._event_sets(type(prepared)(alone, prepared.rejects, prepared.summary, prepared.layers), opts)
    assert [s.ends for s in same] == [""] and "(to " not in same[0].label
def test_public_url_is_checked_and_reaches_the_share_panel():
    from geo.errors import ConfigError
    from layers._chrome import MapChrome

    assert build_map.options(public_url="https://example.org/maps/mali.html").public_url == \
        "https://example.org/maps/mali.html"
    assert build_map.options().public_url is None
    for bad in ("ftp://example.org/m.html", "example.org/m.html", "https:// spaced.org", "file:///tmp/m.html"):
        with pytest.raises(ConfigError, match=r"--public-url .* is not an http\(s\) address; give where the page"):
            build_map.options(public_url=bad)
    chrome = MapChrome(title="T", subtitle="S", legend_items=[], area_items=[], notes=[], attributions=[],
                       minimap_geojson={}, public_url="https://example.org/m.html?a=1&b=<2>")
    assert '"publicUrl":"https://example.org/m.html?a=1\\u0026b=\\u003c2\\u003e"' in chrome.chrome_js
