#!/usr/bin/env python
"""Benchmark: build_map.py on synthetic ACLED data at 1k..1M events, against naive folium.

    .venv/bin/python bench/run.py                       # 1k..1M, repeated mix (make bench, minutes)
    .venv/bin/python bench/run.py --full                # + the jittered mix, + 10M on --engine dask
    .venv/bin/python bench/run.py --sizes 1000,10000    # a very quick run

Every run asks for every output: the HTML, the joined CSV, the rejects and the summary.

Only reports, never asserts: writes a markdown table to bench/RESULTS.md (and the raw
numbers to bench/work/results.json); progress goes to stderr.  See bench/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
DEFAULT_SIZES = [1_000, 10_000, 100_000, 1_000_000]
DEFAULT_NAIVE_SIZES = [1_000, 10_000]
DEFAULT_SEED = 20201030

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
CHROME_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,900",
    "--enable-precise-memory-info",  # unrounded performance.memory figures
]
FIRST_DRAW_TIMEOUT_S = 120
NO_STATE_GIVE_UP_S = 30  # stop waiting early if the page never defines window.SahelMapState
PAGE_LOAD_TIMEOUT_S = 600

DEFAULT_MIXES = ["repeated"]
FULL_MIXES = ["repeated", "jittered"]
FULL_DASK_SIZES = [10_000_000]
DASK_PART_ROWS = 1_000_000  # events per Parquet part of the dask input

# Targets shown beside the figures (reported, never asserted): issue 14.
TARGET_HTML_MB_1M = 60
TARGET_RSS_MB_1M = 3072
TARGET_FIRST_DRAW_S_1M = 5
TARGET_WALL_S_100K = 2.5
TARGET_DASK_DRIVER_RSS_MB = 4096
TARGET_DASK_HTML_MB = 100

_T0 = time.perf_counter()


def log(msg: str) -> None:
    print(f"[bench {time.perf_counter() - _T0:7.1f}s] {msg}", file=sys.stderr, flush=True)


def python_exe() -> str:
    venv = REPO / ".venv" / "bin" / "python"
    return str(venv) if venv.exists() else sys.executable


def parse_sizes(text: str) -> list[int]:
    out = []
    for tok in text.replace(" ", "").split(","):
        if not tok:
            continue
        mult = {"k": 1_000, "m": 1_000_000}.get(tok[-1].lower(), 1)
        out.append(int(float(tok[:-1] if mult > 1 else tok) * mult))
    return out


def rel(p) -> str:
    p = Path(p).resolve()
    return str(p.relative_to(REPO)) if p.is_relative_to(REPO) else str(p)


def human(n: int) -> str:
    if n >= 1_000_000 and n % 1_000_000 == 0:
        return f"{n // 1_000_000}M"
    if n >= 1_000 and n % 1_000 == 0:
        return f"{n // 1_000}k"
    return str(n)


# --------------------------------------------------------------------------- processes


def run_measured(cmd: list[str], log_path: Path, timeout: float | None = None) -> dict:
    """Run cmd (cwd=repo), stdout+stderr to log_path; wall time and the child's peak RSS.

    Peak RSS comes from os.wait4 on that child (ru_maxrss, KiB on Linux): it covers the
    child and any descendants it waited for, and nothing else running on the machine.
    `own_peak_rss_mb` is the child alone (VmHWM from /proc, read every 0.1 s until it exits):
    the dask driver without its workers.
    """
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "wb") as logf:
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            cmd,
            cwd=REPO,
            stdin=subprocess.DEVNULL,
            stdout=logf,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        timed_out = threading.Event()

        def _kill():
            timed_out.set()
            try:
                os.killpg(proc.pid, signal.SIGKILL)  # only the group this call started
            except ProcessLookupError:
                pass

        timer = threading.Timer(timeout, _kill) if timeout else None
        if timer:
            timer.start()
        own_peak_kb = [0]
        finished = threading.Event()

        def _watch():
            status_file = Path(f"/proc/{proc.pid}/status")
            while not finished.wait(0.1):
                try:
                    for line in status_file.read_text().splitlines():
                        if line.startswith("VmHWM:"):
                            own_peak_kb[0] = max(own_peak_kb[0], int(line.split()[1]))
                except (OSError, ValueError, IndexError):
                    pass

        watcher = threading.Thread(target=_watch, daemon=True)
        watcher.start()
        try:
            _, status, ru = os.wait4(proc.pid, 0)
        finally:
            finished.set()
            if timer:
                timer.cancel()
        wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    return {
        "wall_s": wall,
        "rc": proc.returncode,
        "peak_rss_mb": ru.ru_maxrss / 1024.0,
        "own_peak_rss_mb": own_peak_kb[0] / 1024.0,
        "timed_out": timed_out.is_set(),
        "log": str(log_path),
    }


def log_tail(path: str, n: int = 8) -> str:
    try:
        lines = Path(path).read_text(errors="replace").splitlines()
    except OSError:
        return ""
    return "\n".join(lines[-n:])


# --------------------------------------------------------------------------- inputs


def synth_fingerprint() -> str:
    return hashlib.sha256((BENCH / "synth.py").read_bytes()).hexdigest()[:16]


def ensure_csv(n: int, seed: int, work: Path, mix: str = "repeated", parts: int = 0) -> dict:
    """Synthetic CSV for n rows (or, with `parts`, a directory of Parquet parts); reused if
    made before with the same rows, seed, mix and synth.py."""
    csv = work / (f"events_{n}_seed{seed}_{mix}" + (f"_{parts}parts" if parts else ".csv"))
    meta_path = csv.with_name(csv.name.removesuffix(".csv") + ".meta.json")
    want = {"rows": n, "seed": seed, "mix": mix, "synth_sha": synth_fingerprint()}
    if csv.exists() and meta_path.exists():
        try:
            meta = json.loads(meta_path.read_text())
        except ValueError:
            meta = {}
        if (
            all(meta.get(k) == v for k, v in want.items())
            and meta.get("bytes") == _size(csv)
        ):
            log(f"{human(n)}: reusing {rel(csv)} ({_size(csv) / 1e6:.1f} MB)")
            return {
                "path": csv,
                "bytes": _size(csv),
                "synth_s": meta.get("synth_s"),
                "cached": True,
            }
    log(f"{human(n)}: generating synthetic CSV ...")
    r = run_measured(
        [
            python_exe(),
            str(BENCH / "synth.py"),
            "--rows",
            str(n),
            "--out",
            str(csv),
            "--seed",
            str(seed),
            "--mix",
            mix,
            *(["--parts", str(parts)] if parts else []),
        ],
        work / f"synth_{n}_{mix}.log",
    )
    if r["rc"] != 0:
        raise RuntimeError(f"synth.py failed for {n} rows:\n{log_tail(r['log'])}")
    size = _size(csv)
    meta_path.write_text(json.dumps({**want, "bytes": size, "synth_s": round(r["wall_s"], 2)}))
    log(f"{human(n)}: CSV {size / 1e6:.1f} MB in {r['wall_s']:.1f}s")
    return {"path": csv, "bytes": size, "synth_s": r["wall_s"], "cached": False}


def _size(path: Path) -> int:
    if path.is_dir():
        return sum(p.stat().st_size for p in path.iterdir() if p.is_file())
    return path.stat().st_size


# --------------------------------------------------------------------------- builds


def output_bytes(html: Path) -> int:
    """HTML plus any sibling outputs of the same stem (e.g. map_N_files/, map_N.data.js)."""
    total = 0
    stem = html.stem
    for p in html.parent.iterdir():
        if p.name == html.name or (p.name.startswith(stem + ".") or p.name.startswith(stem + "_")):
            if p.is_file():
                total += p.stat().st_size
            elif p.is_dir():
                total += sum(f.stat().st_size for f in p.rglob("*") if f.is_file())
    return total


def run_ours(n: int, csv: Path, work: Path, build_script: Path, timeout: float,
             tag: str = "", engine: str = "pandas") -> dict:
    html = work / f"map_{n}{tag}.html"
    summary = work / f"summary_{n}{tag}.json"
    joined = work / (f"joined_{n}{tag}" + (".parquet" if engine == "dask" else ".csv"))
    rejects = work / f"rejects_{n}{tag}.csv"
    if not build_script.exists():
        log(f"{human(n)}: ours skipped: {build_script} not found")
        return {"status": f"missing ({build_script.name} not found)"}
    for p in (html, summary, rejects):
        p.unlink(missing_ok=True)
    shutil.rmtree(joined, ignore_errors=True) if joined.is_dir() else joined.unlink(missing_ok=True)
    load = os.getloadavg()[0]
    cmd = [
        python_exe(),
        str(build_script),
        "--events",
        str(csv),
        "--format",
        "acled",
        "--out",
        str(html),
        "--summary",
        str(summary),
        "--joined",
        str(joined),
        "--rejects",
        str(rejects),
        "--engine",
        engine,
        "--quiet",
    ]
    log(f"{human(n)}: ours: {' '.join(Path(c).name if '/' in c else c for c in cmd)}")
    r = run_measured(cmd, work / f"build_{n}{tag}.log", timeout)
    res = {
        "engine": engine,
        "load_before": load,
        "wall_s": r["wall_s"],
        "peak_rss_mb": r["peak_rss_mb"],
        "own_peak_rss_mb": r["own_peak_rss_mb"],
        "rc": r["rc"],
        "log": r["log"],
        "html": str(html),
    }
    if r["timed_out"]:
        res["status"] = f"timeout after {timeout:.0f}s"
    elif r["rc"] != 0 or not html.exists():
        res["status"] = f"failed (rc={r['rc']})"
        res["log_tail"] = log_tail(r["log"])
    else:
        res["status"] = "ok"
        res["html_bytes"] = html.stat().st_size
        res["output_bytes"] = output_bytes(html)
        res["joined_bytes"] = _size(joined) if joined.exists() else 0
        try:
            done = json.loads(summary.read_text())
            res["timings_s"] = done.get("timings_s") or {}
            res["events"] = done.get("events", {})
        except (OSError, ValueError) as e:
            res["timings_s"] = {}
            res["summary_error"] = str(e)
    # the joined tables are large and only measured: do not keep them
    shutil.rmtree(joined, ignore_errors=True) if joined.is_dir() else joined.unlink(missing_ok=True)
    log(
        f"{human(n)}: ours {res['status']}: {r['wall_s']:.2f}s wall, "
        f"peak RSS {r['peak_rss_mb']:.0f} MB"
        + (f", HTML {res['html_bytes'] / 1e6:.1f} MB" if "html_bytes" in res else "")
    )
    if res.get("log_tail"):
        log("build log tail:\n" + res["log_tail"])
    return res


def run_naive(n: int, csv: Path, work: Path, timeout: float) -> dict:
    html = work / f"naive_{n}.html"
    html.unlink(missing_ok=True)
    log(f"{human(n)}: naive folium ...")
    load = os.getloadavg()[0]
    r = run_measured(
        [python_exe(), str(BENCH / "naive_folium.py"), str(csv), str(html)],
        work / f"naive_{n}.log",
        timeout,
    )
    res = {"wall_s": r["wall_s"], "peak_rss_mb": r["peak_rss_mb"], "rc": r["rc"],
           "load_before": load}
    if r["timed_out"] or r["rc"] != 0:
        res["status"] = "timeout" if r["timed_out"] else f"failed (rc={r['rc']})"
        res["log_tail"] = log_tail(r["log"])
        log(f"{human(n)}: naive {res['status']}\n{res['log_tail']}")
        return res
    out = json.loads(Path(r["log"]).read_text().strip().splitlines()[-1])
    res.update(status="ok", seconds=out["seconds"], html_bytes=out["html_bytes"])
    log(
        f"{human(n)}: naive {r['wall_s']:.2f}s wall ({out['seconds']:.2f}s in naive_build), "
        f"HTML {out['html_bytes'] / 1e6:.1f} MB, peak RSS {r['peak_rss_mb']:.0f} MB"
    )
    return res


# --------------------------------------------------------------------------- browser

PAN_SETUP_JS = """
const c = document.querySelector('.leaflet-container');
if (!c) return 'no .leaflet-container';
if (!c.hasAttribute('tabindex')) c.setAttribute('tabindex', '0');
c.focus();
const pane = document.querySelector('.leaflet-map-pane');
const st = window.SahelMapState || {};
const b = window.__benchPan = {
  t0: performance.now(), last: performance.now(), maxGap: 0, frames: 0, stop: false,
  drawn0: st.drawn, hasDrawn: ('drawn' in st),
  transform0: pane ? getComputedStyle(pane).transform : null};
function tick() {
  const now = performance.now();
  if (now - b.last > b.maxGap) b.maxGap = now - b.last;
  b.last = now; b.frames++;
  if (!b.stop) requestAnimationFrame(tick);
}
requestAnimationFrame(tick);
return document.activeElement === c ? 'ok' : 'not focused';
"""

PAN_WAIT_JS = """
const done = arguments[arguments.length - 1];
const b = window.__benchPan;
const deadline = performance.now() + 20000;
function finish(timedOut) {
  requestAnimationFrame(() => requestAnimationFrame(() => {
    b.stop = true;
    const st = window.SahelMapState || {};
    const pane = document.querySelector('.leaflet-map-pane');
    done({totalMs: performance.now() - b.t0, maxFrameMs: b.maxGap, frames: b.frames,
          drawnChanged: b.hasDrawn ? st.drawn !== b.drawn0 : null, timedOut: timedOut,
          moved: pane ? getComputedStyle(pane).transform !== b.transform0 : null});
  }));
}
function check() {
  const st = window.SahelMapState || {};
  const animating = document.querySelector('.leaflet-pan-anim, .leaflet-zoom-anim');
  const drawnOk = !b.hasDrawn || st.drawn !== b.drawn0;
  if (!animating && drawnOk) return finish(false);
  if (performance.now() > deadline) return finish(true);
  setTimeout(check, 5);
}
check();
"""


def measure_browser(html: Path, n_pans: int = 10) -> dict:
    """First draw, JS heap and a 10-pan responsiveness figure for one HTML file."""
    res: dict = {}
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.options import Options
        from selenium.webdriver.chrome.service import Service
        from selenium.webdriver.common.action_chains import ActionChains
        from selenium.webdriver.common.keys import Keys
    except ImportError as e:
        return {"error": f"selenium not importable: {e}"}
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        return {"error": "chromium/chromedriver not installed"}
    opts = Options()
    opts.binary_location = CHROMIUM
    for a in CHROME_ARGS:
        opts.add_argument(a)
    driver = None
    try:
        driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
        res["browser_version"] = driver.capabilities.get("browserVersion")
        driver.set_page_load_timeout(PAGE_LOAD_TIMEOUT_S)
        driver.set_script_timeout(60)
        t0 = time.perf_counter()
        driver.get(html.resolve().as_uri())
        res["get_s"] = time.perf_counter() - t0  # until the load event
        t_loaded = time.perf_counter()
        deadline = t_loaded + FIRST_DRAW_TIMEOUT_S
        first = None
        why = f"no SahelMapState.firstDrawMs within {FIRST_DRAW_TIMEOUT_S}s"
        while time.perf_counter() < deadline:
            has_state, first = driver.execute_script(
                "const s = window.SahelMapState;"
                "return [s !== undefined && s !== null, s ? s.firstDrawMs : null];"
            )
            if isinstance(first, (int, float)) and not isinstance(first, bool):
                break
            first = None
            if not has_state and time.perf_counter() - t_loaded > NO_STATE_GIVE_UP_S:
                why = f"page has no window.SahelMapState {NO_STATE_GIVE_UP_S}s after load"
                break
            time.sleep(0.05)
        if first is None:
            res["first_draw_s"] = None
            res["error"] = why
        else:
            res["first_draw_s"] = first / 1000.0
        heap = driver.execute_script(
            "return (performance.memory && performance.memory.usedJSHeapSize) || null"
        )
        res["js_heap_mb"] = heap / 2**20 if heap else None
        # responsiveness: 10 arrow-key pans on the focused map container
        try:
            setup = driver.execute_script(PAN_SETUP_JS)
            if setup != "ok":
                raise RuntimeError(setup)
            keys = [Keys.ARROW_RIGHT] * (n_pans // 2) + [Keys.ARROW_DOWN] * (n_pans - n_pans // 2)
            chain = ActionChains(driver)
            for k in keys:
                chain.send_keys(k)
            chain.perform()
            pan = driver.execute_async_script(PAN_WAIT_JS)
            if not pan.get("moved"):
                raise RuntimeError("map pane did not move (keyboard pan not handled)")
            res["pan"] = pan
            res["pan_s"] = None if pan.get("timedOut") else pan["totalMs"] / 1000.0
            res["pan_max_frame_ms"] = pan["maxFrameMs"]
        except Exception as e:  # noqa: BLE001 - responsiveness is best effort
            res["pan_s"] = None
            res["pan_error"] = f"{type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}"
        try:
            heap = driver.execute_script(
                "return (performance.memory && performance.memory.usedJSHeapSize) || null"
            )
            res["js_heap_after_pan_mb"] = heap / 2**20 if heap else None
        except Exception:  # noqa: BLE001
            pass
    except Exception as e:  # noqa: BLE001 - never crash the run on the browser
        msg = str(e).strip().splitlines()[0] if str(e).strip() else ""
        res["error"] = f"{type(e).__name__}: {msg}"[:300]
    finally:
        if driver is not None:
            try:
                driver.quit()
            except Exception:  # noqa: BLE001
                pass
    return res


# --------------------------------------------------------------------------- report


def machine_info() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    vers = {}
    for mod in ("folium", "pandas", "numpy", "pyarrow", "selenium"):
        try:
            vers[mod] = __import__(mod).__version__
        except Exception:  # noqa: BLE001
            vers[mod] = "n/a"
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.strip()
        commit = (commit + ("+dirty" if dirty else "")) or "n/a"
    except (OSError, subprocess.SubprocessError):
        commit = "n/a"
    try:
        mem_mb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**20
    except (ValueError, OSError):
        mem_mb = None
    return {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu_count": os.cpu_count(),
        "cpu_model": cpu,
        "mem_mb": mem_mb,
        "loadavg_start": os.getloadavg(),
        "python": platform.python_version(),
        "versions": vers,
        "commit": commit,
    }


def f(x, fmt="{:.2f}", na="n/a"):
    return na if x is None else fmt.format(x)


def first_draw_cell(b: dict) -> str:
    if b.get("first_draw_s") is not None:
        return f"{b['first_draw_s']:.2f}"
    if b.get("get_s") is not None:
        return f"n/a (load event {b['get_s']:.2f})"
    return "n/a"


def _ours_row(label: str, r: dict, nv: dict | None) -> str:
    o, b = r.get("ours", {}), r.get("browser", {})
    ok = o.get("status") == "ok"
    phases = " / ".join(f"{k} {v:.2f}" for k, v in (o.get("timings_s") or {}).items()
                        if isinstance(v, (int, float))) if ok else ""
    pan = "n/a"
    if b.get("pan_s") is not None:
        pan = f"{b['pan_s']:.2f} ({b['pan_max_frame_ms']:.0f})"
    nv_ok = nv is not None and nv.get("status") == "ok"
    ratio = (o["wall_s"] / nv["wall_s"]) if (ok and nv_ok) else None
    rss = f(o.get("peak_rss_mb"), "{:.0f}") if ok else "n/a"
    if ok and o.get("engine") == "dask":
        rss = f"{o['own_peak_rss_mb']:.0f} driver ({o['peak_rss_mb']:.0f} incl. workers)"
    cells = [
        label,
        f(r["csv_bytes"] / 1e6, "{:.1f}"),
        f(o.get("wall_s"), "{:.2f}") if ok else o.get("status", "n/a"),
        phases or "n/a",
        rss,
        f(o.get("html_bytes") / 1e6 if ok else None, "{:.1f}"),
        f(o.get("joined_bytes", 0) / 1e6 if ok else None, "{:.0f}"),
        first_draw_cell(b),
        f(b.get("js_heap_mb"), "{:.0f}"),
        pan,
        f(nv.get("wall_s"), "{:.2f}") if nv_ok else "–",
        f(ratio, "{:.2f}", "–"),
        f(o.get("load_before"), "{:.2f}"),
    ]
    return "| " + " | ".join(cells) + " |"


def build_report(info: dict, args, results: dict, naive: dict) -> str:
    L = []
    L.append("# Benchmark results")
    L.append("")
    L.append(
        "Synthetic ACLED-format events (bench/synth.py, seed "
        f"{args.seed}); **all data is synthetic**. Numbers only report; nothing is asserted."
    )
    L.append("")
    v = info["versions"]
    browser = next((r["browser"].get("browser_version") for r in results.values()
                    if r.get("browser", {}).get("browser_version")), None)
    L.append(f"- date: {info['date']}; commit: {info['commit']}")
    L.append(
        f"- CPU: {info['cpu_model']}; os.cpu_count(): {info['cpu_count']}; RAM: "
        f"{f(info['mem_mb'], '{:.0f}')} MB; load average at start: "
        + ", ".join(f"{x:.2f}" for x in info["loadavg_start"])
    )
    L.append(
        f"- Python {info['python']}; folium {v['folium']}; pandas {v['pandas']}; "
        f"numpy {v['numpy']}; pyarrow {v['pyarrow']}; selenium {v['selenium']}; "
        f"Chromium {browser or 'n/a'}"
    )
    L.append("")
    L.append("Every build asks for every output: `--out` HTML, `--joined`, `--rejects`, `--summary`.")
    L.append("")
    L.append(
        "| run | input MB | our wall s | phase split s | peak RSS MB | HTML MB | joined MB "
        "| first draw s | JS heap MB | 10 pans s (max frame ms) | naive wall s (same size) "
        "| ours / naive | load (1 min) |"
    )
    L.append("|---|---:|---:|---|---:|---:|---:|---:|---:|---|---:|---:|---:|")
    for r in results.values():
        L.append(_ours_row(r["label"], r, naive.get(r["rows"]) if r["engine"] == "pandas" else None))
    for n, nv in naive.items():
        nv_ok = nv.get("status") == "ok"
        L.append(
            f"| naive folium {human(n)} | | {f(nv.get('wall_s'), '{:.2f}') if nv_ok else nv.get('status')} "
            f"| | {f(nv.get('peak_rss_mb'), '{:.0f}')} | "
            f"{f(nv.get('html_bytes') / 1e6, '{:.1f}') if nv_ok else '–'} | | | | | | | "
            f"{f(nv.get('load_before'), '{:.2f}')} |"
        )
    L.append("")

    L.append("## Targets (issue 14; reported, not asserted)")
    L.append("")
    L.append("| target | measured | status |")
    L.append("|---|---|---|")
    for name, measured, status in targets(results, naive):
        L.append(f"| {name} | {measured} | {status} |")
    L.append("")

    L.append("## Notes")
    L.append("")
    L.append(
        "- *run*: rows, the synthetic mix (*repeated*: 80 % of events on their town's own "
        "gazetteer coordinate, as real exports repeat places; *jittered*: every event jittered, "
        "almost no repeated coordinate) and the engine. The dask input is a directory of "
        f"Parquet parts of {human(DASK_PART_ROWS)} events, generated one part at a time."
    )
    L.append(
        "- *our wall s*: `build_map.py --format acled` with every output, as a subprocess, "
        "interpreter start and imports included; *phase split* is `timings_s` from its "
        "`--summary` JSON (the joined and rejects tables are written while the map is built; "
        "`write` is what is left after the build)."
    )
    L.append(
        "- *peak RSS*: `ru_maxrss` from `os.wait4` on that one child process; for dask, the "
        "driver alone (VmHWM from /proc) and, in brackets, with the workers it started."
    )
    L.append(
        "- *naive*: `bench/naive_folium.py` (one CircleMarker + Popup per event, folium "
        "tutorial style) as a subprocess on the same file, just before ours at that size; "
        "*ours / naive* divides the two wall times at the same size."
    )
    L.append(
        "- *first draw*: `window.SahelMapState.firstDrawMs` (performance.now() at the "
        "first drawn events) in headless Chromium, 1280x900, file:// URL."
    )
    L.append(
        "- *10 pans*: ten arrow-key presses on the focused `.leaflet-container` "
        "(5 right, 5 down); time from the first key until no Leaflet pan animation is "
        "running, `SahelMapState.drawn` has changed and two frames were painted; "
        "in brackets the longest gap between animation frames meanwhile."
    )
    L.append("- *load*: the 1-minute load average just before that run: other processes may share "
             "the machine.")
    errs = []
    for r in results.values():
        for k in ("error", "pan_error"):
            if r.get("browser", {}).get(k):
                errs.append(f"- {r['label']} browser {k.replace('_', ' ')}: {r['browser'][k]}")
        if r.get("ours", {}).get("log_tail"):
            errs.append(f"- {r['label']} build log tail: `{r['ours']['log_tail'][-300:]!r}`")
    if errs:
        L.append("")
        L.append("### Problems during the run")
        L.append("")
        L.extend(errs)
    return "\n".join(L) + "\n"


def targets(results: dict, naive: dict) -> list[tuple[str, str, str]]:
    def status(ok):
        return "n/a" if ok is None else ("met" if ok else "NOT met")

    out = []
    nv10 = naive.get(10_000, {})
    for mix in FULL_MIXES:
        r = results.get(f"pandas:{mix}:1000000")
        if not r:
            continue
        o, b = r.get("ours", {}), r.get("browser", {})
        ok = o.get("status") == "ok"
        name = f"1M ({mix})"
        if ok and nv10.get("status") == "ok":
            ratio = o["wall_s"] / nv10["wall_s"]
            out.append((f"{name}: every output <= naive 10k (moonshot: half)",
                        f"{o['wall_s']:.2f} s vs {nv10['wall_s']:.2f} s (ratio {ratio:.2f})",
                        status(ratio <= 1) + (" (moonshot met)" if ratio <= 0.5 else "")))
        fd = b.get("first_draw_s")
        out.append((f"{name}: first events drawn < {TARGET_FIRST_DRAW_S_1M} s",
                    "n/a" if fd is None else f"{fd:.2f} s",
                    status(None if fd is None else fd < TARGET_FIRST_DRAW_S_1M)))
        mb = o["html_bytes"] / 1e6 if ok else None
        out.append((f"{name}: HTML < {TARGET_HTML_MB_1M} MB", f(mb, "{:.1f} MB"),
                    status(None if mb is None else mb < TARGET_HTML_MB_1M)))
        rss = o.get("peak_rss_mb") if ok else None
        out.append((f"{name}: peak RSS < 3 GB", f(rss, "{:.0f} MB"),
                    status(None if rss is None else rss < TARGET_RSS_MB_1M)))
    for mix in FULL_MIXES:
        r = results.get(f"pandas:{mix}:100000")
        if r and r.get("ours", {}).get("status") == "ok":
            w = r["ours"]["wall_s"]
            out.append((f"100k ({mix}) < {TARGET_WALL_S_100K} s in all", f"{w:.2f} s",
                        status(w < TARGET_WALL_S_100K)))
    for r in results.values():
        o = r.get("ours", {})
        if r["engine"] != "dask" or o.get("status") != "ok":
            continue
        out.append((f"{r['label']}: driver peak RSS < 4 GB", f"{o['own_peak_rss_mb']:.0f} MB",
                    status(o["own_peak_rss_mb"] < TARGET_DASK_DRIVER_RSS_MB)))
        mb = o["html_bytes"] / 1e6
        out.append((f"{r['label']}: HTML < {TARGET_DASK_HTML_MB} MB", f"{mb:.1f} MB",
                    status(mb < TARGET_DASK_HTML_MB)))
        out.append((f"{r['label']}: wall time", f"{o['wall_s']:.1f} s", "reported"))
    return out


# --------------------------------------------------------------------------- main


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Benchmark build_map.py against naive folium.")
    ap.add_argument(
        "--sizes",
        default=",".join(map(str, DEFAULT_SIZES)),
        help="comma-separated event counts (1k/1M suffixes allowed); "
        "default 1000,10000,100000,1000000",
    )
    ap.add_argument(
        "--naive-sizes",
        default=",".join(map(str, DEFAULT_NAIVE_SIZES)),
        help="sizes for the naive folium baseline (default 1000,10000; '' = none)",
    )
    ap.add_argument("--mixes", default=None,
                    help="synthetic mixes: repeated, jittered (default: repeated; --full: both)")
    ap.add_argument("--dask-sizes", default=None,
                    help="event counts for --engine dask on Parquet parts (default: none; "
                         "--full: 10M)")
    ap.add_argument("--full", action="store_true",
                    help="the whole benchmark: both mixes and 10M events on --engine dask")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument(
        "--build-script",
        default="build_map.py",
        help="pipeline entry point, relative to the repo (default build_map.py)",
    )
    ap.add_argument("--timeout", type=float, default=3600, help="per build, seconds")
    ap.add_argument("--no-browser", action="store_true", help="skip the Chromium measurements")
    ap.add_argument("--work", default=str(BENCH / "work"))
    ap.add_argument("--results", default=str(BENCH / "RESULTS.md"))
    args = ap.parse_args(argv)

    sizes = parse_sizes(args.sizes)
    naive_sizes = parse_sizes(args.naive_sizes)
    mixes = (args.mixes.split(",") if args.mixes else FULL_MIXES if args.full else DEFAULT_MIXES)
    dask_sizes = parse_sizes(args.dask_sizes) if args.dask_sizes is not None else (
        FULL_DASK_SIZES if args.full else [])
    work = Path(args.work).resolve()
    work.mkdir(parents=True, exist_ok=True)
    build_script = (REPO / args.build_script).resolve()
    info = machine_info()
    log(
        f"sizes {[human(n) for n in sizes]} x {mixes}, naive {[human(n) for n in naive_sizes]}, "
        f"dask {[human(n) for n in dask_sizes]}, {info['cpu_count']} CPUs, "
        f"load {info['loadavg_start'][0]:.2f}"
    )

    runs = [("pandas", mix, n) for mix in mixes for n in sizes]
    runs += [("dask", "repeated", n) for n in dask_sizes]
    runs += [("naive-only", mixes[0], n) for n in naive_sizes if n not in sizes]
    results: dict[str, dict] = {}
    naive: dict[int, dict] = {}
    for engine, mix, n in runs:
        if engine == "pandas" and mix == mixes[0] and n in naive_sizes:
            # naive folium on the same file just before ours: the same machine load for both
            naive[n] = run_naive(n, ensure_csv(n, args.seed, work, mix)["path"], work,
                                 args.timeout)
        if engine == "naive-only":
            naive[n] = run_naive(n, ensure_csv(n, args.seed, work, mix)["path"], work,
                                 args.timeout)
            continue
        parts = max(1, n // DASK_PART_ROWS) if engine == "dask" else 0
        data = ensure_csv(n, args.seed, work, mix, parts)
        tag = f"_{mix}" + ("_dask" if engine == "dask" else "")
        r = results[f"{engine}:{mix}:{n}"] = {
            "label": f"{human(n)} {mix}" + (f" (dask, {parts} parts)" if engine == "dask" else ""),
            "engine": engine, "mix": mix, "rows": n,
            "csv": str(data["path"]), "csv_bytes": data["bytes"], "synth_s": data["synth_s"],
        }
        r["ours"] = run_ours(n, data["path"], work, build_script, args.timeout, tag, engine)
        if r["ours"].get("status") == "ok" and not args.no_browser:
            log(f"{r['label']}: browser ...")
            r["browser"] = measure_browser(Path(r["ours"]["html"]))
            b = r["browser"]
            log(
                f"{r['label']}: first draw {f(b.get('first_draw_s'))} s, JS heap "
                f"{f(b.get('js_heap_mb'), '{:.0f}')} MB, 10 pans {f(b.get('pan_s'))} s"
                + (f" [{b['error']}]" if b.get("error") else "")
                + (f" [pan: {b['pan_error']}]" if b.get("pan_error") else "")
            )


    for r in results.values():
        o, nv = r["ours"], naive.get(r["rows"])
        if r["engine"] == "pandas" and o.get("status") == "ok" and nv and nv.get("status") == "ok":
            log(f"{r['label']}: ours / naive wall = {o['wall_s']:.2f} / {nv['wall_s']:.2f} = "
                f"{o['wall_s'] / nv['wall_s']:.2f}")
    for name, measured, st in targets(results, naive):
        log(f"target: {name}: {measured} -> {st}")

    report = build_report(info, args, results, naive)
    Path(args.results).write_text(report)
    (work / "results.json").write_text(
        json.dumps(
            {
                "info": info,
                "seed": args.seed,
                "results": results,
                "naive": {str(k): v for k, v in naive.items()},
            },
            indent=2,
            default=str,
        )
    )
    print(report)
    log(f"wrote {rel(args.results)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
