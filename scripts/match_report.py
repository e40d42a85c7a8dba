"""How well ACLED and UCDP reports match (geo/incidents.py) on real overlapping files.

    python scripts/match_report.py --events conflict_data_mli.csv \
        --events data/events/ucdp_ged211_sahel.csv --since 2012-01-01 --until 2020-07-31 \
        --country MLI --out matches.md

Writes a Markdown note: the match rate per dataset, how many candidate groups were more than
one to one (where the greedy order matters), 20 random matches and 20 random near misses
(pairs within twice the tolerances, or --slack times, that were not matched, with the reason) for a hand check.
The sample is seeded (--seed), so a rerun gives the same note. ACLED's terms restrict redistributing
its rows: keep the note with the analysis, do not publish the lists.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.incidents import candidate_pairs, match_incidents  # noqa: E402
from geo.io import atomic_write  # noqa: E402
from geo.pipeline import Filters, prepare_events  # noqa: E402

SAMPLE = 20
SEED = 24


def _describe(events: pd.DataFrame, row: int) -> str:
    e = events.iloc[row]
    actors = " vs ".join(str(a) for a in (e["actor1"], e["actor2"]) if isinstance(a, str) and a)
    return (f"{e['dataset']} {e['event_id']}: {e['event_date']:%Y-%m-%d} (tp {e['time_precision']}), "
            f"{e['location']} ({e['latitude']:.4f}, {e['longitude']:.4f}; gp {e['geo_precision']}), "
            f"{e['event_type']}, {actors}, {int(e['fatalities'] or 0)} killed")


def _why_not(pair: pd.Series, matched: np.ndarray) -> str:
    reasons = []
    if pair["distance_km"] > pair["max_km"]:
        reasons.append(f"{pair['distance_km']:.1f} km > {pair['max_km']:g} km")
    if pair["days"] > pair["max_days"]:
        reasons.append(f"{pair['days']} days > {pair['max_days']}")
    if not pair["types_ok"]:
        reasons.append("types")
    if not pair["actors_ok"]:
        reasons.append("actors")
    if not reasons:
        taken = [d for d in ("ucdp", "acled") if matched[pair[d]]]
        reasons.append(f"{' and '.join(taken)} report matched to a closer partner")
    return "; ".join(reasons)


def report(events: pd.DataFrame, title: str, seed: int = SEED, slack: float = 2.0) -> str:
    found = match_incidents(events)
    summary = found.summary(events)
    pairs = found.pairs
    by_dataset = events["dataset"].value_counts()
    near = candidate_pairs(events, slack=slack)
    candidates = near[(near["distance_km"] <= near["max_km"]) & (near["days"] <= near["max_days"])
                      & near["types_ok"] & near["actors_ok"]]
    crowded_u = int((candidates["ucdp"].value_counts() > 1).sum())
    crowded_a = int((candidates["acled"].value_counts() > 1).sum())

    matched = np.zeros(len(events), dtype=bool)
    matched[pairs["primary"]] = matched[pairs["secondary"]] = True
    key = near["ucdp"].astype(str) + "-" + near["acled"].astype(str)
    chosen = set(np.where(events.iloc[pairs["primary"]]["dataset"].to_numpy() == "ucdp",
                          pairs["primary"].astype(str) + "-" + pairs["secondary"].astype(str),
                          pairs["secondary"].astype(str) + "-" + pairs["primary"].astype(str)))
    misses = near[~key.isin(chosen) & ~(matched[near["ucdp"]] & matched[near["acled"]])]
    misses = misses[~(matched[misses["ucdp"]] & matched[misses["acled"]])]

    rng = np.random.default_rng(seed)
    sample = pairs.iloc[np.sort(rng.choice(len(pairs), min(SAMPLE, len(pairs)), replace=False))]
    missed = misses.iloc[np.sort(rng.choice(len(misses), min(SAMPLE, len(misses)), replace=False))]

    lines = [f"# {title}", "",
             f"- reports: {summary['reports']:,} ({', '.join(f'{d} {n:,}' for d, n in by_dataset.items())})",
             f"- matched pairs: {summary['matched_pairs']:,}; unmatched: "
             + ", ".join(f"{d} {n:,}" for d, n in summary["unmatched"].items())
             + f"; incidents: {summary['incidents']:,}"]
    for d in ("ucdp", "acled"):
        lines.append(f"- match rate, {d}: {summary['matched_pairs'] / by_dataset.get(d, 1):.1%} of its reports")
    lines += [f"- candidate reports with more than one partner (greedy order matters): "
              f"ucdp {crowded_u:,}, acled {crowded_a:,}",
              f"- median distance of a match {pairs['distance_km'].median():.1f} km, "
              f"median day gap {pairs['days'].median():g}", "",
              f"## {len(sample)} random matches", ""]
    for n, (_, p) in enumerate(sample.iterrows(), 1):
        lines += [f"{n}. {p['distance_km']:.1f} km, {p['days']} days, cost {p['cost']:.2f}",
                  f"   - {_describe(events, int(p['primary']))}",
                  f"   - {_describe(events, int(p['secondary']))}"]
    lines += ["", f"## {len(missed)} random near misses (within {slack:g} times the tolerances, not matched)", ""]
    for n, (_, p) in enumerate(missed.iterrows(), 1):
        lines += [f"{n}. {p['distance_km']:.1f} km, {p['days']} days: {_why_not(p, matched)}",
                  f"   - {_describe(events, int(p['ucdp']))}",
                  f"   - {_describe(events, int(p['acled']))}"]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", action="append", required=True)
    parser.add_argument("--since", type=dt.date.fromisoformat)
    parser.add_argument("--until", type=dt.date.fromisoformat)
    parser.add_argument("--country", action="append", default=[])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--slack", type=float, default=2.0, help="near misses: unmatched pairs within this many "
                        "times the distance and day tolerances (default 2)")
    parser.add_argument("--seed", type=int, default=SEED, help=f"of the two samples (default {SEED}); "
                        "another seed draws another sample to hand-check")
    args = parser.parse_args(argv)
    filters = Filters(since=args.since, until=args.until, countries=tuple(args.country))
    events = prepare_events(args.events, filters=filters, count="reports").events  # every report
    title = (f"ACLED and UCDP matched: {', '.join(Path(p).name for p in args.events)}, "
             f"{args.since or 'start'} to {args.until or 'end'}" + (f", {', '.join(args.country)}" if args.country else ""))
    with atomic_write(args.out) as out:
        out.write(report(events, title, args.seed, args.slack))
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
