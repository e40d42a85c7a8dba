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
