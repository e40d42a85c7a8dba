/*
 * compare_calc.js - "What changed" recomputed in the page for two windows the reader chose
 * (change.js, chart.js): events and fatalities per region and district in each window, the
 * change of a metric, the classes symmetric around zero and "too few to compare" (fewer than
 * minEvents events in the two windows together).  The twin of geo/compare.py compare_areas
 * and change_classes.  Pure (see format.js for how node loads it).
 */

/**
 * Per area, [events, fatalities] of the stores' events dated from day d0 to day d1 (both
 * included) that pass the page's filters (s.mask; a counts row counts as its weight):
 * {regions: Map("ISO3|region" -> [n, dead]), districts: Map(P-code -> [n, dead])}.
 */
function windowCounts(stores, d0, d1) {
  const regions = new Map();
  const districts = new Map();
  const add = (into, key, w, f) => {
    const row = into.get(key);
    if (row) {
      row[0] += w;
      row[1] += f;
    } else into.set(key, [w, f]);
  };
  for (const s of stores) {
    if (!s.day) continue; // not decoded
    const p = s.payload;
    const regionKeys = (p.regions || []).map((r) => r[0] + '|' + r[1]);
    const districtKeys = p.districts || [];
    const { day: D, fatalities: F, region_code: R } = s;
    const DC = s.district_code || null;
    const W = s.weight || null;
    const M = s.mask;
    for (let i = 0, n = s.n; i < n; i++) {
      if (M !== null && M[i] === 0) continue;
      const d = D[i];
      if (d === s.missing || d < d0 || d > d1) continue;
      const w = W !== null ? W[i] : 1;
      const f = F[i] > 0 ? F[i] : 0;
      if (R[i] >= 0) add(regions, regionKeys[R[i]], w, f);
      if (DC !== null && DC[i] >= 0) add(districts, districtKeys[DC[i]], w, f);
    }
  }
  return { regions: regions, districts: districts };
}

/** The "nice" number (1, 2, 2.5, 5 or 10 x 10^k) nearest x; 0 for x <= 0 (geo/compare.py _nice). */
function niceBound(x) {
  if (x <= 0) return 0;
  const power = Math.pow(10, Math.floor(Math.log10(x)));
  let best = power;
  for (const m of [1, 2, 2.5, 5, 10]) if (Math.abs(m * power - x) < Math.abs(best - x)) best = m * power;
  return best;
}

/**
 * {classes: -2..2 per value, -9 where not comparable; bounds: [e1, e2]}: 0 within ±e1, ±1 to
 * ±e2, ±2 beyond (a value on a bound goes to the class nearer zero), e1 and e2 nice numbers
 * near a third and two thirds of the largest comparable change, so a fall and a rise of the
 * same size share a class.
 */
function changeClasses(changes, comparable) {
  let top = 0;
  changes.forEach((v, k) => {
    if (comparable[k] && Math.abs(v) > top) top = Math.abs(v);
  });
  const e1 = niceBound(top / 3) || 1;
  const e2 = Math.max(niceBound((2 * top) / 3), 2 * e1);
  const classes = changes.map((v, k) => {
    if (!comparable[k]) return -9;
    const size = Math.abs(v);
    return (size <= e1 ? 0 : size <= e2 ? 1 : 2) * Math.sign(v) || 0;
  });
  return { classes: classes, bounds: [e1, e2] };
}

/**
 * Each area of `keys` compared between the counts of window A and of window B (Maps as
 * windowCounts gives, key -> [events, dead]): [{key, events_a, events_b, killed_a, killed_b,
 * change, too_few, change_class}] and the bounds.  metric: events, killed or density (events
 * per 10,000 km² of areaKm2[key]).
 */
function compareWindows(keys, countsA, countsB, metric, minEvents, areaKm2) {
  const rows = keys.map((key) => {
    const a = countsA.get(key) || [0, 0];
    const b = countsB.get(key) || [0, 0];
    const row = { key: key, events_a: a[0], events_b: b[0], killed_a: a[1], killed_b: b[1] };
    if (metric === 'killed') row.change = b[1] - a[1];
    else if (metric === 'density') row.change = (b[0] / areaKm2[key]) * 1e4 - (a[0] / areaKm2[key]) * 1e4;
    else row.change = b[0] - a[0];
    row.too_few = a[0] + b[0] < minEvents;
    return row;
  });
  const { classes, bounds } = changeClasses(rows.map((r) => r.change), rows.map((r) => !r.too_few));
  rows.forEach((r, k) => (r.change_class = classes[k]));
  return { rows: rows, bounds: bounds };
}

/** "2019-08-18..2020-08-17" -> [first day, last day] as day numbers; null when it is not one. */
function parseWindow(text) {
  const m = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(String(text || '').trim());
  if (!m) return null;
  const [a, b] = [m[1], m[2]].map((d) => Date.parse(d + 'T00:00:00Z') / DAY_MS);
  if (!Number.isFinite(a) || !Number.isFinite(b) || a > b) return null;
  return [a, b];
}

if (typeof module === 'object' && module.exports) {
  module.exports = { windowCounts, niceBound, changeClasses, compareWindows, parseWindow };
}
