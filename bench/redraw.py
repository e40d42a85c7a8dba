#!/usr/bin/env python
"""Redraw time after a filter or timeline change, in headless Chromium, on a synthetic map.

    python bench/redraw.py [--rows 1000000] [--repeats 3] [--work bench/work]

Builds (or reuses) the synthetic CSV of bench/run.py (bench/synth.py; every row is SYNTHETIC),
builds its map with build_map.py, opens it at 1280x900, and times in the page, with
performance.now(), each change from the call to the end of the redraws it schedules (two
macrotask turns: the masks, the events layer, the counts, the title, the chart) and to the
next painted frame.  Changes: ten filter settings (a type hidden, an actor group, a country,
a zone, a minimum of fatalities, each then cleared) and the timeline stepped year by year,
with the heatmap off and then on.  Prints median and max ms per kind; the target is 200 ms.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
from run import CHROMEDRIVER, CHROMIUM, ensure_csv, python_exe  # noqa: E402

TARGET_MS = 200
FILTERS = [{"hiddenTypes": ["Battles"]}, {"hiddenTypes": []}, {"actor": "jnim"}, {"actor": ""},
           {"country": "BFA"}, {"country": ""}, {"zone": "central"}, {"zone": ""},
           {"minFatalities": 5}, {"minFatalities": 0}]

HARNESS = """
window.__redraw = async function (kind, arg) {
  const tick = () => new Promise((r) => setTimeout(r, 0));
  const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
  const tl = window[Object.keys(window).filter((k) => /^timeline_layer_\\d+$/.test(k)).sort()[0]];
  const t0 = performance.now();
  if (kind === 'filter') SahelMap.filters.setFilters(arg);
  else tl.setMonths(arg[0], arg[1]);
  await tick();
  await tick();
  const t1 = performance.now();
  await frame();
  const t2 = performance.now();
  const s = window.SahelMapState;
  return {work: t1 - t0, frame: t2 - t0, masks: s.filterMs || 0, events: s.drawn.ms, scan: s.drawn.scanMs,
          counts: s.view ? s.view.ms : null, heat: s.heat ? s.heat.ms : null, shown: s.view ? s.view.total : null};
};
"""
TOGGLE = """
var part = arguments[0];
var label = Array.from(document.querySelectorAll('.leaflet-control-layers-overlays label'))
    .find(function (l) { return l.textContent.indexOf(part) >= 0; });
label.querySelector('input').click();
"""


def build(rows: int, work: Path, seed: int) -> Path:
    csv = ensure_csv(rows, seed, work)["path"]
    out = work / f"redraw_{rows}.html"
    t0 = time.perf_counter()
    subprocess.run([python_exe(), str(BENCH.parent / "build_map.py"), "--quiet", "--events", str(csv),
                    "--format", "acled", "--out", str(out)], check=True)
    print(f"built {out} ({out.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    return out


def measure(html: Path, repeats: int) -> dict[str, list[dict]]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--window-size=1280,900"):
        opts.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    try:
        driver.set_script_timeout(300)
        driver.execute_cdp_cmd("Network.enable", {})
        driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["*cartocdn.com*", "*openstreetmap.org*",
                                                                   "*arcgisonline.com*"]})
        driver.get(html.resolve().as_uri())
        deadline = time.monotonic() + 600
        while not driver.execute_script("return !!(window.SahelMapState && window.SahelMapState.firstDrawMs"
                                        " && window.SahelMapState.view)"):
            if time.monotonic() > deadline:
                raise RuntimeError("the map did not draw within 600 s")
            time.sleep(0.2)
        driver.execute_script(HARNESS)
        run = lambda kind, arg: driver.execute_async_script(  # noqa: E731
            "window.__redraw(arguments[0], arguments[1]).then(arguments[arguments.length - 1]);", kind, arg)
        out: dict[str, list[dict]] = {"filter": [], "timeline": [], "timeline + heatmap": []}
        for _ in range(repeats):
            for f in FILTERS:
                out["filter"].append(run("filter", f))
        driver.execute_script(TOGGLE, "Timeline")
        months = driver.execute_script(
            "return window[Object.keys(window).filter((k) => /^timeline_layer_\\d+$/.test(k)).sort()[0]]"
            ".getWindow().months")
        windows = [(a, min(months - 1, a + 11)) for a in range(0, months, 12)] + [(0, months - 1)]
        for kind in ("timeline", "timeline + heatmap"):
            if kind.endswith("heatmap"):
                driver.execute_script(TOGGLE, "density")
            for _ in range(repeats):
                for w in windows:
                    out[kind].append(run("timeline", list(w)))
        return out
    finally:
        driver.quit()


def _median(rs: list[dict], key: str) -> float:
    values = [r[key] for r in rs if r.get(key) is not None]
    return statistics.median(values) if values else float("nan")


def report(rows: int, results: dict[str, list[dict]]) -> str:
    lines = [f"Redraw after a change, {rows:,} synthetic events, headless Chromium 1280x900 "
             f"(target < {TARGET_MS} ms)", "",
             "| change | n | median ms | max ms | to next frame: median / max ms | masks | events layer | counts | heatmap |",
             "|---|---|---|---|---|---|---|---|---|"]
    for kind, rs in results.items():
        work = [r["work"] for r in rs]
        frame = [r["frame"] for r in rs]
        lines.append(f"| {kind} | {len(rs)} | {statistics.median(work):.0f} | {max(work):.0f} | "
                     f"{statistics.median(frame):.0f} / {max(frame):.0f} | {_median(rs, 'masks'):.0f} | "
                     f"{_median(rs, 'events'):.0f} | {_median(rs, 'counts'):.0f} | {_median(rs, 'heat'):.0f} |")
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--seed", type=int, default=20201030)
    ap.add_argument("--work", type=Path, default=BENCH / "work")
    args = ap.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    html = build(args.rows, args.work, args.seed)
    print(report(args.rows, measure(html, args.repeats)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
