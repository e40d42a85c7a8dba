"""The real-file corpus, file by file: layout, rows read, kept, rejected, mapped types,
agreement with the source's own country, and time. `python bench/real_files.py [FILES...]`

Country agreement: the share of kept events whose joined `country_iso3` is the country the
source names (`country`, or its code), among events whose source names one of our countries.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.countries import iso3_from_names  # noqa: E402
from geo.errors import SahelMapError  # noqa: E402
from geo.pipeline import prepare_events  # noqa: E402


def report(path: Path) -> str:
    started = time.perf_counter()
    try:
        prepared = prepare_events([path])
    except SahelMapError as exc:
        return f"| {path.name} | refused: {str(exc).split(': ', 1)[-1][:90]} | | | | | | |"
    seconds = time.perf_counter() - started
    info = prepared.summary["inputs"][0]
    events = prepared.events
    named = iso3_from_names(events["country"])
    ours = named != ""
    agree = (events["country_iso3"].to_numpy()[ours] == named[ours]).mean() if ours.any() else float("nan")
    mapped = sum(info.get("mapped_types", {}).values())
    return (f"| {path.name} | {info['layout']} | {info['rows']:,} | {info['accepted']:,} | "
            f"{info['rejected']:,} | {mapped:,} | {agree:.1%} ({int(ours.sum()):,}) | {seconds:.2f} s |")


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or sorted(
        p for p in (ROOT / "tests" / "data" / "real").iterdir()
        if p.suffix in (".csv", ".json", ".xlsx") and p.name not in ("border_towns.csv", "expected.json"))
    print("| file | layout | read | kept | rejected | types mapped | country agreement (events) | time |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for path in paths:
        print(report(path), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
