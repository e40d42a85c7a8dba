/*
 * bins.js - counting events into bins, the one pass each view makes over the stores'
 * typed columns: square pixel cells of the current view (the events layer's bubbles),
 * ground squares of S km (the heatmap), the page's counts per region and event type
 * (live.js), and months or quarters per zone (the chart).
 * A store here is anything with the columns of store.js (n, x, y, lat, lon, day, type,
 * fatalities, region_code, zone_code, band, mask, baseMask, filter, filterActive, types, payload).
 * Pure (see format.js for how node loads it).
 */

// ---------------------------------------------------------------- pixel cells (events.js)

/**
 * A grid of `cellSize` px cells over the pixel box [minx, maxx) x [miny, maxy) of the map
 * at its current zoom.  Cells are anchored to the world pixel grid: cell (gx, gy) covers
 * [gx * cellSize, (gx + 1) * cellSize) on x, likewise on y; the grid's cells are
 * gx0 .. gx0 + gw - 1 and gy0 .. gy0 + gh - 1, numbered row by row from 0 to ncell - 1.
 */
function pixelGrid(zoom, scale, cellSize, minx, miny, maxx, maxy) {
  const gx0 = Math.floor(minx / cellSize);
  const gy0 = Math.floor(miny / cellSize);
  const gw = Math.floor(maxx / cellSize) - gx0 + 1;
  const gh = Math.floor(maxy / cellSize) - gy0 + 1;
  return {
    zoom: zoom,
    scale: scale, // world size in px at zoom: pixel = normalised mercator * scale
    cellSize: cellSize,
    minx: minx,
    miny: miny,
    maxx: maxx,
    maxy: maxy,
    gx0: gx0,
    gy0: gy0,
    gw: gw,
    gh: gh,
    ncell: gw * gh,
  };
}

/** Cell number c of `grid` as world cell coordinates [gx, gy]. */
function cellXY(grid, c) {
  return [grid.gx0 + (c % grid.gw), grid.gy0 + Math.floor(c / grid.gw)];
}

/**
 * What scanGrid bins into, per cell of a grid: `cnt`, the number of events, always; with
 * `detail` (the events layer) also the last event (store index lastS, event index lastI),
 * the sums of pixel positions (sx, sy), their bounding box (x0 <= x1, y0 <= y1) and the
 * count per event type (tc[c * nt + type]), and the first `cap` + 1 events of the scan
 * (firstS, firstI).  The buffers are reused from draw to draw.
 */
class CellTallies {
  constructor(detail, cap) {
    this.detail = !!detail;
    this.cap = detail ? cap : 0;
    this.size = 0;
    this.nt = 0;
    this.firstS = detail ? new Int32Array(cap + 1) : null;
    this.firstI = detail ? new Int32Array(cap + 1) : null;
  }

  /** Zeroed tallies for ncell cells and nt event types. */
  reset(ncell, nt) {
    if (this.size < ncell || this.nt !== nt) this._allocate(Math.max(ncell, 1024), nt);
    this.cnt.fill(0, 0, ncell);
    if (this.detail) {
      this.sx.fill(0, 0, ncell);
      this.sy.fill(0, 0, ncell);
      this.x0.fill(Infinity, 0, ncell);
      this.y0.fill(Infinity, 0, ncell);
      this.x1.fill(-Infinity, 0, ncell);
      this.y1.fill(-Infinity, 0, ncell);
      this.tc.fill(0, 0, ncell * nt);
    }
    return this;
  }

  _allocate(size, nt) {
    const d = this.detail;
    this.size = size;
    this.nt = nt;
    this.cnt = new Uint32Array(size);
    this.lastS = d ? new Int32Array(size) : null;
    this.lastI = d ? new Int32Array(size) : null;
    this.sx = d ? new Float64Array(size) : null;
    this.sy = d ? new Float64Array(size) : null;
    this.x0 = d ? new Float64Array(size) : null;
    this.x1 = d ? new Float64Array(size) : null;
    this.y0 = d ? new Float64Array(size) : null;
    this.y1 = d ? new Float64Array(size) : null;
    this.tc = d ? new Uint32Array(size * nt) : null;
  }
}

/**
 * The scan, the one pass over the events: every event of `stores` that passes its store's
 * time filter and mask (the page's filters) and whose pixel position lies in the grid's box is binned into its cell of
 * `tallies` (reset first).  Returns how many events were binned.  One loop with a flag
 * rather than a callback per event: a callback shared by two layers is not inlined and
 * made both scans 1.5-2x slower (1M events).
 */
function scanGrid(stores, grid, tallies) {
  const { scale, minx, miny, maxx, maxy, gx0, gy0, gw } = grid;
  const inv = 1 / grid.cellSize;
  const nt = Math.max(1, stores[0].types.length);
  const { cnt, detail, cap, firstS, firstI, lastS, lastI, sx, sy, x0, x1, y0, y1, tc } = tallies.reset(grid.ncell, nt);
  let count = 0;
  for (let si = 0; si < stores.length; si++) {
    const s = stores[si];
    const X = s.x;
    const Y = s.y;
    const D = s.day;
    const T = s.type;
    const M = s.mask;
    const masked = M !== null;
    const active = s.filterActive;
    const f0 = s.filter.dayMin;
    const f1 = s.filter.dayMax;
    for (let i = 0, n = s.n; i < n; i++) {
      if (masked && M[i] === 0) continue;
      if (active) {
        const d = D[i];
        if (d < f0 || d > f1) continue;
      }
      const px = X[i] * scale;
      if (!(px >= minx && px < maxx)) continue; // also drops NaN (no coordinates)
      const py = Y[i] * scale;
      if (!(py >= miny && py < maxy)) continue;
      // px * inv - gx0 >= 0 here, so truncation equals floor
      const c = ((py * inv - gy0) | 0) * gw + ((px * inv - gx0) | 0);
      cnt[c]++;
      if (detail) {
        if (count <= cap) {
          firstS[count] = si;
          firstI[count] = i;
        }
        lastS[c] = si;
        lastI[c] = i;
        sx[c] += px;
        sy[c] += py;
        if (px < x0[c]) x0[c] = px;
        if (px > x1[c]) x1[c] = px;
        if (py < y0[c]) y0[c] = py;
        if (py > y1[c]) y1[c] = py;
        const t = T[i];
        if (t < nt) tc[c * nt + t]++;
      }
      count++;
    }
  }
  return count;
}

/**
 * Every event of `stores` that passes its store's time window and mask and `test(store, i)`,
 * as [[store index, event index]] (at most `limit`), with the total count.  One pass, run on a
 * click (the members of a stack or of a cluster), never per frame.
 */
function collectEvents(stores, test, limit) {
  const out = [];
  let total = 0;
  for (let si = 0; si < stores.length; si++) {
    const s = stores[si];
    for (let i = 0, n = s.n; i < n; i++) {
      if (!s.passes(i) || !test(s, i)) continue;
      if (out.length < limit) out.push([si, i]);
      total++;
    }
  }
  return { members: out, total: total };
}

// ---------------------------------------------------------------- ground squares (heatmap.js)

const KM_PER_DEGREE = 6371.0088 * Math.PI / 180; // along a meridian, on the mean Earth sphere

/** The square size in km for a zoom level: the largest of `steps` ([minZoom, km]) that applies. */
function heatKm(zoom, steps) {
  let km = steps[0][1];
  for (const [z, k] of steps) if (zoom >= z) km = k;
  return km;
}

/**
 * The ground grid of squares of `km` over the lat/lon box [south, north) x [west, east):
 * rows r (latitude r * dLat to (r + 1) * dLat), and in row r columns c of dLon[r] degrees.
 * Cells are numbered row by row: (r - r0) * ncol + (c - c0[r - r0]).
 */
function groundGrid(km, south, west, north, east) {
  const dLat = km / KM_PER_DEGREE;
  const r0 = Math.floor(south / dLat);
  const nrow = Math.max(1, Math.floor(north / dLat) - r0 + 1);
  const dLon = new Float64Array(nrow);
  const c0 = new Int32Array(nrow);
  let ncol = 1;
  for (let k = 0; k < nrow; k++) {
    const mid = (r0 + k + 0.5) * dLat;
    dLon[k] = km / (KM_PER_DEGREE * Math.max(0.01, Math.cos((mid * Math.PI) / 180)));
    c0[k] = Math.floor(west / dLon[k]);
    ncol = Math.max(ncol, Math.floor(east / dLon[k]) - c0[k] + 1);
  }
  return { km: km, dLat: dLat, r0: r0, nrow: nrow, dLon: dLon, c0: c0, ncol: ncol, ncell: nrow * ncol, south: south, west: west, north: north, east: east };
}

/**
 * Events per ground cell: every event of `stores` passing its store's window and mask inside
 * the grid's box, counted into cnt (zeroed first).  Returns how many were counted.
 */
function scanGround(stores, g, cnt) {
  cnt.fill(0, 0, g.ncell);
  const { dLat, r0, nrow, dLon, c0, ncol } = g;
  const s0 = g.south * 1e5;
  const s1 = g.north * 1e5;
  const w0 = g.west * 1e5;
  const w1 = g.east * 1e5;
  let count = 0;
  for (const s of stores) {
    const { lat: LA, lon: LO, day: D } = s;
    const M = s.mask;
    const active = s.filterActive;
    const f0 = s.filter.dayMin;
    const f1 = s.filter.dayMax;
    for (let i = 0, n = s.n; i < n; i++) {
      if (M !== null && M[i] === 0) continue;
      if (active) {
        const d = D[i];
        if (d < f0 || d > f1) continue;
      }
      const la = LA[i];
      if (!(la >= s0 && la < s1)) continue; // also drops the missing sentinel
      const lo = LO[i];
      if (!(lo >= w0 && lo < w1)) continue;
      const k = Math.floor((la * 1e-5) / dLat) - r0;
      if (k < 0 || k >= nrow) continue;
      const c = Math.floor((lo * 1e-5) / dLon[k]) - c0[k];
      if (c < 0 || c >= ncol) continue;
      cnt[k * ncol + c]++;
      count++;
    }
  }
  return count;
}

/** Smallest non-zero and largest of the first n counts (both 0 when all are 0). */
function countRange(cnt, n) {
  let max = 0;
  let min = Infinity;
  for (let c = 0; c < n; c++) {
    const k = cnt[c];
    if (k > max) max = k;
    if (k > 0 && k < min) min = k;
  }
  return { min: max > 0 ? min : 0, max: max };
}

/** Cell number c of a ground grid as world [row, column]. */
function groundCell(g, c) {
  const k = Math.floor(c / g.ncol);
  return [g.r0 + k, g.c0[k] + (c % g.ncol)];
}

// ---------------------------------------------------------------- the page's counts (live.js)

/** Store s's region codes as indices of regionIndex ("ISO3|region" -> index, grown as new
 * regions come; shared by every store of the page), made once per store. */
function regionLut(s, regionIndex) {
  if (!s._regionLut) {
    const regions = s.payload.regions || [];
    s._regionLut = Int32Array.from(regions, (r) => {
      const key = r[0] + '|' + r[1];
      if (!regionIndex.has(key)) regionIndex.set(key, regionIndex.size);
      return regionIndex.get(key);
    });
  }
  return s._regionLut;
}

/** Store s's district P-codes as indices of districtIndex (made once per store). */
function districtLut(s, districtIndex) {
  if (!s._districtLut) {
    s._districtLut = Int32Array.from(s.payload.districts || [], (code) => {
      if (!districtIndex.has(code)) districtIndex.set(code, districtIndex.size);
      return districtIndex.get(code);
    });
  }
  return s._districtLut;
}

/**
 * The events a store stands for: its rows, or a counts store's weights added up (once); less
 * the reports an incident count leaves out, unless the page counts reports (s.countReports,
 * set by filters.js).
 */
function weightTotal(s) {
  if (!s.weight) return s.n - (s.countReports ? 0 : uncountedReports(s));
  if (s._weightTotal === undefined) s._weightTotal = s.weight.reduce((a, w) => a + w, 0);
  return s._weightTotal;
}

/** Number of rows of store s that an incident count leaves out (its `secondary` rows, 1). */
function uncountedReports(s) {
  if (!s.secondary) return 0;
  if (s._uncounted === undefined) s._uncounted = s.secondary.reduce((a, v) => a + v, 0);
  return s._uncounted;
}

/**
 * The page's one pass (live.js): the decoded stores' events that pass the time window and the
 * filters (a counts store's rows each count as their `weight` events), counted every way the views need: total, fatalities, dates, per region (indices of
 * regionIndex) and per event type (typeCounts ignore the type filter, so the panel can show
 * the count of a hidden type; they follow the other filters, s.baseMask).
 */
function aggregate(stores, regionIndex, districtIndex = new Map()) {
  const decoded = stores.filter((s) => s.type !== null);
  decoded.forEach((s) => regionLut(s, regionIndex));
  decoded.forEach((s) => districtLut(s, districtIndex));
  const nt = decoded.length ? decoded[0].types.length : 0;
  const view = {
    total: 0, all: 0, fatalities: 0, dayMin: Infinity, dayMax: -Infinity, typeCounts: new Array(nt).fill(0),
    regionEvents: new Float64Array(regionIndex.size), regionFatalities: new Float64Array(regionIndex.size), ms: 0,
    districtEvents: new Float64Array(districtIndex.size), districtFatalities: new Float64Array(districtIndex.size),
  };
  const t0 = performance.now();
  const tc = new Uint32Array(Math.max(1, nt));
  for (const s of decoded) {
    view.all += weightTotal(s);
    const { type: T, day: D, fatalities: F, region_code: R } = s;
    const lut = s._regionLut;
    const RE = view.regionEvents;
    const RF = view.regionFatalities;
    const DC = s.district_code || null;
    const dlut = s._districtLut;
    const DE = view.districtEvents;
    const DF = view.districtFatalities;
    const B = s.baseMask || null;
    const W = s.weight || null; // a counts store: each row stands for weight events
    const M = s.mask;
    const active = s.filterActive;
    const f0 = s.filter.dayMin;
    const f1 = s.filter.dayMax;
    const missing = s.missing;
    let total = 0;
    let dead = 0;
    let dMin = view.dayMin;
    let dMax = view.dayMax;
    for (let i = 0, n = s.n; i < n; i++) {
      if (B !== null && B[i] === 0) continue;
      const d = D[i];
      if (active && (d < f0 || d > f1)) continue;
      const w = W !== null ? W[i] : 1;
      tc[T[i]] += w; // a table of counts' row: type 255, no type, not counted here
      if (M !== null && M[i] === 0) continue;
      total += w;
      const f = F[i];
      if (f > 0) dead += f;
      if (d !== missing) {
        if (d < dMin) dMin = d;
        // a counts row is a whole month: it runs to the month's last day
        const end = W !== null ? monthIndexToDay(dayToMonthIndex(d) + 1) - 1 : d;
        if (end > dMax) dMax = end;
      }
      const r = R[i];
      if (r >= 0) {
        const g = lut[r];
        RE[g] += w;
        if (f > 0) RF[g] += f;
      }
      if (DC !== null && DC[i] >= 0) {
        const g = dlut[DC[i]];
        DE[g] += w;
        if (f > 0) DF[g] += f;
      }
    }
    view.total += total;
    view.fatalities += dead;
    view.dayMin = dMin;
    view.dayMax = dMax;
  }
  for (let t = 0; t < nt; t++) view.typeCounts[t] = tc[t];
  view.ms = round1(performance.now() - t0);
  return view;
}

// ---------------------------------------------------------------- months per zone (chart.js)

/**
 * Per series and bin, events and fatalities of the events passing the filters (any date):
 * series [[key]] are zone keys of the payload and 'border_band' (events with band 1, counted
 * in their zone's row too) and 'other' (every zone not listed, and no zone); bin b holds
 * months m0 + b * binMonths onwards.  Flat arrays, series by series: [row * nbins + b].
 */
function chartBins(stores, series, m0, binMonths, nbins) {
  const ns = series.length;
  const events = new Float64Array(ns * nbins);
  const dead = new Float64Array(ns * nbins);
  const bandRow = series.findIndex((r) => r[0] === 'border_band');
  const otherRow = series.findIndex((r) => r[0] === 'other');
  // month index of a day, from a table over the stores' days (no Date per event)
  for (const s of stores) {
    const rowOf = Int32Array.from(s.payload.zones || [], (z) => {
      const k = series.findIndex((r) => r[0] === z);
      return k >= 0 ? k : otherRow;
    });
    const { day: D, fatalities: F, zone_code: Z, band: B } = s;
    const W = s.weight || null; // a counts store: each row stands for weight events
    const M = s.mask;
    const d0 = s.dayMin;
    if (!s._monthOfDay) {
      s._monthOfDay = new Int32Array(Math.max(1, s.dayMax - d0 + 1));
      for (let d = d0; d <= s.dayMax; d++) s._monthOfDay[d - d0] = dayToMonthIndex(d);
    }
    const monthOfDay = s._monthOfDay;
    for (let i = 0, n = s.n; i < n; i++) {
      if (M !== null && M[i] === 0) continue;
      const d = D[i];
      if (d === s.missing) continue;
      const b = Math.floor((monthOfDay[d - d0] - m0) / binMonths);
      if (b < 0 || b >= nbins) continue;
      const z = Z[i];
      const row = z === 255 ? otherRow : rowOf[z];
      const f = F[i] > 0 ? F[i] : 0;
      const w = W !== null ? W[i] : 1;
      events[row * nbins + b] += w;
      dead[row * nbins + b] += f;
      if (B[i] === 1) {
        events[bandRow * nbins + b] += w;
        dead[bandRow * nbins + b] += f;
      }
    }
  }
  return { events: events, dead: dead };
}

/**
 * Which bins of each chart series hold data: 1 where a store that covers the series covers the
 * bin's months, 0 ("no data", drawn as a gap, never as zero) elsewhere.  A store covers a
 * series when any of its rows falls in it, whatever the filters (its zones; the border band:
 * a row in the band), and covers the months from its first row's to its last's.  So with GED
 * 21.1 (to 2020, Mali and its neighbours) and GED 24.1 (Mali to 2023), the spillover series
 * have no data after 2020 while Mali's run on.  Flat, series by series: [row * nbins + b].
 */
function chartCoverage(stores, series, m0, binMonths, nbins) {
  const covered = new Uint8Array(series.length * nbins);
  const bandRow = series.findIndex((r) => r[0] === 'border_band');
  const otherRow = series.findIndex((r) => r[0] === 'other');
  for (const s of stores) {
    if (!s.n) continue;
    const rows = new Set();
    const present = new Uint8Array(256);
    for (let i = 0, n = s.n; i < n; i++) present[s.zone_code[i]] = 1;
    (s.payload.zones || []).forEach((z, k) => {
      if (!present[k]) return;
      const r = series.findIndex((row) => row[0] === z);
      rows.add(r >= 0 ? r : otherRow);
    });
    if (present[255]) rows.add(otherRow);
    if (bandRow >= 0 && s.band.indexOf(1) >= 0) rows.add(bandRow);
    const a = Math.max(0, Math.floor((dayToMonthIndex(s.dayMin) - m0) / binMonths));
    const b = Math.min(nbins - 1, Math.floor((dayToMonthIndex(s.dayMax) - m0) / binMonths));
    for (const r of rows) if (r >= 0) covered.fill(1, r * nbins + a, r * nbins + b + 1);
  }
  return covered;
}

/** An axis top: the least of 1, 2, 2.5, 5 or 10 times a power of ten that is at least v. */
function niceMax(v) {
  if (v <= 0) return 1;
  const p = Math.pow(10, Math.floor(Math.log10(v)));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

if (typeof module === 'object' && module.exports) {
  module.exports = { pixelGrid, cellXY, CellTallies, scanGrid, collectEvents, KM_PER_DEGREE, heatKm, groundGrid,
    scanGround, countRange, groundCell, regionLut, districtLut, weightTotal, uncountedReports, aggregate, chartBins,
    chartCoverage, niceMax };
}
