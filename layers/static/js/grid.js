/*
 * grid.js - the one pass over the events that the events and heatmap layers share:
 * time filter -> project to pixels -> bin into square cells of the current view; and the
 * mixin that redraws those two layers when the view or a time filter changes.
 */

/**
 * A grid of `cellSize` px cells over the pixel box [minx, maxx) x [miny, maxy) of the map
 * at its current zoom.  Cells are anchored to the world pixel grid: cell (gx, gy) covers
 * [gx * cellSize, (gx + 1) * cellSize) on x, likewise on y; the grid's cells are
 * gx0 .. gx0 + gw - 1 and gy0 .. gy0 + gh - 1, numbered row by row from 0 to ncell - 1.
 */
function pixelGrid(map, cellSize, minx, miny, maxx, maxy) {
  const zoom = map.getZoom();
  const gx0 = Math.floor(minx / cellSize);
  const gy0 = Math.floor(miny / cellSize);
  const gw = Math.floor(maxx / cellSize) - gx0 + 1;
  const gh = Math.floor(maxy / cellSize) - gy0 + 1;
  return {
    zoom: zoom,
    scale: map.options.crs.scale(zoom), // world size in px: pixel = normalised mercator * scale
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

// Shared by the events and heatmap layers: redraw (at most once per tick) when the map
// moves or a store's time filter changes, and once the stores have been decoded.
const RedrawOnChange = {
  _listen: function (map) {
    map.on('moveend zoomend viewreset', this._schedule, this);
    this._unsubs = this._stores.map((s) => s.onFilter(() => this._schedule()));
    if (allDecoded(this._stores)) this.redraw();
    else allReady(this._stores).then(() => this._schedule(), () => {});
  },

  _unlisten: function (map) {
    map.off('moveend zoomend viewreset', this._schedule, this);
    (this._unsubs || []).forEach((u) => u());
    this._unsubs = null;
    clearTimeout(this._timer);
    this._timer = null;
  },

  // The map, once it and every store can be drawn (cancelling any scheduled redraw); else null.
  _readyToDraw: function () {
    const map = this._map;
    if (!map || !map._loaded || !allDecoded(this._stores)) return null;
    clearTimeout(this._timer);
    this._timer = null;
    return map;
  },

  _schedule: function () {
    if (this._timer !== null) return;
    this._timer = setTimeout(() => {
      this._timer = null;
      this.redraw();
    }, 0);
  },
};

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
