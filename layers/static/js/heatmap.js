/*
 * heatmap.js - event density in fixed ground units: the events per square of about S km
 * (S = 50, 25 or 10 km, chosen by zoom), painted on a log colour ramp, with a legend that
 * states the square's size.  The squares are rows S km tall, each cut into cells S km wide
 * at the row's middle latitude, so every cell covers about S x S km wherever it is (a
 * Web-Mercator pixel grid would not: its cells shrink on the ground towards the equator).
 */
const HEAT_STRINGS = stringTable('heat', {
  title: 'Events per {km} km square',
  note: 'Squares of about {km} \u00D7 {km} km ({area} km\u00B2), log colour scale; the size changes with zoom.',
});
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

const HeatmapLayer = L.Layer.extend({
  includes: RedrawOnChange,
  options: {
    name: 'Event density',
    legendTitle: null, // default: HEAT_STRINGS.title with the square's size
    legendPosition: 'bottomright',
    // square size in km by zoom: [from zoom, km]; about 15-30 px on screen at each step
    kmByZoom: [[0, 50], [7, 25], [9, 10]],
    fillOpacity: 0.6,
    ramp: HEAT_RAMP,
    pane: 'sahelHeatPane',
    paneZIndex: 420, // above the boundary panes, below the events; ignores the pointer
  },

  initialize: function (stores, options) {
    L.setOptions(this, options);
    this._stores = toStores(stores);
    this._canvas = null;
    this._cnt = new Uint32Array(4096);
    this._timer = null;
    this.lastDraw = { cells: 0, min: 0, max: 0, ms: 0 };
  },

  onAdd: function (map) {
    ensurePane(map, this.options.pane, this.options.paneZIndex, 'sahel-heat-pane');
    // one canvas of our own, painted square by square: an L.rectangle per square cost ~0.1 ms
    // each (hundreds per redraw); hidden while a zoom animates, repainted at its end
    this._canvas = L.DomUtil.create('canvas', 'sahel-heat-canvas leaflet-zoom-hide', map.getPane(this.options.pane));
    this._legend = this._buildLegend();
    this._legend.addTo(map);
    this._listen(map);
  },

  onRemove: function (map) {
    this._unlisten(map);
    if (this._canvas) L.DomUtil.remove(this._canvas);
    this._canvas = null;
    if (this._legend) this._legend.remove();
    this._legend = null;
    this.lastDraw = { cells: 0, min: 0, max: 0, ms: 0 };
    State.heat = Object.assign({}, this.lastDraw);
  },

  _buildLegend: function () {
    const box = legendBox(null, 'sahel-heat-legend');
    this._title = el('div', 'sahel-legend-title', box);
    const ramp = el('div', 'sahel-heat-ramp', box);
    ramp.style.background = 'linear-gradient(to right, ' + this.options.ramp.join(', ') + ')';
    ramp.style.opacity = String(Math.min(1, this.options.fillOpacity + 0.25));
    const labels = el('div', 'sahel-heat-labels', box);
    this._minLabel = el('span', 'sahel-heat-min', labels, '\u2013');
    this._maxLabel = el('span', 'sahel-heat-max', labels, '\u2013');
    this._note = el('div', 'sahel-legend-note', box);
    return new ElementControl(box, { position: this.options.legendPosition });
  },

  _labelLegend: function (km) {
    if (!this._title) return;
    this._title.textContent = this.options.legendTitle || tpl(HEAT_STRINGS.title, { km: km });
    this._note.textContent = tpl(HEAT_STRINGS.note, { km: km, area: fmtInt(km * km) });
  },

  /** Count the events of every square in view, then paint the squares that have any. */
  redraw: function () {
    const map = this._readyToDraw();
    if (!map) return;
    const t0 = performance.now();
    const grid = this._viewGrid(map);
    if (this._cnt.length < grid.ncell) this._cnt = new Uint32Array(grid.ncell);
    scanGround(this._stores, grid, this._cnt);
    const cnt = this._cnt;
    const { min, max } = countRange(cnt, grid.ncell);
    const cells = this._paint(map, grid, cnt, max);
    if (this._minLabel) {
      this._minLabel.textContent = fmtInt(min);
      this._maxLabel.textContent = fmtInt(max);
    }
    this._labelLegend(grid.km);
    this._grid = grid;
    this.lastDraw = { cells: cells, min: min, max: max, km: grid.km, ms: round1(performance.now() - t0) };
    State.heat = Object.assign({}, this.lastDraw);
    this.fire('sahel:draw', this.lastDraw);
  },

  /** The squares over the view, with a margin of one square on every side. */
  _viewGrid: function (map) {
    const b = map.getBounds();
    const km = heatKm(map.getZoom(), this.options.kmByZoom);
    const padLat = km / KM_PER_DEGREE;
    const padLon = padLat / Math.max(0.05, Math.cos((Math.min(80, Math.max(Math.abs(b.getNorth()), Math.abs(b.getSouth()))) * Math.PI) / 180));
    return groundGrid(km, Math.max(-85, b.getSouth() - padLat), Math.max(-180, b.getWest() - padLon),
      Math.min(85, b.getNorth() + padLat), Math.min(180, b.getEast() + padLon));
  },

  /**
   * Paint every square with events on the layer's canvas (the view and a fifth of it on each
   * side, so a pan shows squares until the redraw at its end), coloured on a log scale up to
   * `max`; returns how many.
   */
  _paint: function (map, grid, cnt, max) {
    const size = map.getSize();
    const pad = size.multiplyBy(0.2).round();
    const w = size.x + 2 * pad.x;
    const h = size.y + 2 * pad.y;
    const topLeft = map.containerPointToLayerPoint(pad.multiplyBy(-1));
    const dpr = global.devicePixelRatio || 1;
    const canvas = this._canvas;
    L.DomUtil.setPosition(canvas, topLeft);
    canvas.width = Math.round(w * dpr);
    canvas.height = Math.round(h * dpr);
    canvas.style.width = w + 'px';
    canvas.style.height = h + 'px';
    const ctx = canvas.getContext('2d');
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.globalAlpha = this.options.fillOpacity;
    const zoom = map.getZoom();
    const origin = map.getPixelOrigin();
    const scale = map.options.crs.scale(zoom);
    const ox = origin.x + topLeft.x;
    const oy = origin.y + topLeft.y;
    const xOf = (lon) => ((lon + 180) / 360) * scale - ox;
    const yOf = (lat) => map.project([lat, 0], zoom).y - oy;
    const lmax = Math.log(1 + max);
    const colours = new Map();
    let cells = 0;
    for (let k = 0; k < grid.nrow; k++) {
      const r = grid.r0 + k;
      const y0 = yOf((r + 1) * grid.dLat);
      const y1 = yOf(r * grid.dLat);
      const dLon = grid.dLon[k];
      for (let j = 0; j < grid.ncol; j++) {
        const n = cnt[k * grid.ncol + j];
        if (n === 0) continue;
        const col = grid.c0[k] + j;
        const x0 = xOf(col * dLon);
        let colour = colours.get(n);
        if (colour === undefined) {
          colour = rampColor(this.options.ramp, lmax > 0 ? Math.log(1 + n) / lmax : 1);
          colours.set(n, colour);
        }
        ctx.fillStyle = colour;
        ctx.fillRect(x0, y0, xOf((col + 1) * dLon) - x0, y1 - y0);
        cells++;
      }
    }
    return cells;
  },

  /** The last draw's squares with events, as [row, column, count] of the ground grid (km: lastDraw.km). */
  cellCounts: function () {
    const out = [];
    const grid = this._grid;
    if (!grid || !this._map) return out;
    for (let c = 0; c < grid.ncell; c++) {
      const k = this._cnt[c];
      if (k > 0) out.push(groundCell(grid, c).concat(k));
    }
    return out;
  },
});
