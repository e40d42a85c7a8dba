/*
 * heatmap.js - event density: the events per grid cell of the view, painted as
 * rectangles on a log colour ramp, with its own legend.
 */

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

const HeatmapLayer = L.Layer.extend({
  includes: RedrawOnChange,
  options: {
    name: 'Event density',
    legendTitle: 'Events per cell',
    legendPosition: 'bottomright',
    cellSize: 25,
    fillOpacity: 0.6,
    ramp: HEAT_RAMP,
    pane: 'sahelHeatPane',
    paneZIndex: 420, // above the boundary panes, below the events; ignores the pointer
  },

  initialize: function (stores, options) {
    L.setOptions(this, options);
    this._stores = toStores(stores);
    this._group = L.layerGroup();
    this._tallies = new CellTallies(false);
    this._timer = null;
    this.lastDraw = { cells: 0, min: 0, max: 0, ms: 0 };
  },

  onAdd: function (map) {
    ensurePane(map, this.options.pane, this.options.paneZIndex, 'sahel-heat-pane');
    this._renderer = this._renderer || L.canvas({ pane: this.options.pane, padding: 0.2 });
    map.addLayer(this._group);
    this._legend = this._buildLegend();
    this._legend.addTo(map);
    this._listen(map);
  },

  onRemove: function (map) {
    this._unlisten(map);
    this._group.clearLayers();
    map.removeLayer(this._group);
    if (this._renderer && map.hasLayer(this._renderer)) map.removeLayer(this._renderer);
    if (this._legend) this._legend.remove();
    this._legend = null;
    this.lastDraw = { cells: 0, min: 0, max: 0, ms: 0 };
    State.heat = Object.assign({}, this.lastDraw);
  },

  _buildLegend: function () {
    const box = legendBox(this.options.legendTitle, 'sahel-heat-legend');
    const ramp = el('div', 'sahel-heat-ramp', box);
    ramp.style.background = 'linear-gradient(to right, ' + this.options.ramp.join(', ') + ')';
    ramp.style.opacity = String(Math.min(1, this.options.fillOpacity + 0.25));
    const labels = el('div', 'sahel-heat-labels', box);
    this._minLabel = el('span', 'sahel-heat-min', labels, '\u2013');
    this._maxLabel = el('span', 'sahel-heat-max', labels, '\u2013');
    el('div', 'sahel-legend-note', box, t('legend.heat_note', { n: this.options.cellSize }));
    return new ElementControl(box, { position: this.options.legendPosition });
  },

  /** Count the events of every cell in view, then paint the cells that have any. */
  redraw: function () {
    const map = this._readyToDraw();
    if (!map) return;
    const t0 = performance.now();
    const grid = this._viewGrid(map);
    scanGrid(this._stores, grid, this._tallies);
    const cnt = this._tallies.cnt;
    const { min, max } = countRange(cnt, grid.ncell);
    const cells = this._paint(map, grid, cnt, max);
    if (this._minLabel) {
      this._minLabel.textContent = fmtInt(min);
      this._maxLabel.textContent = fmtInt(max);
    }
    this._grid = grid;
    this.lastDraw = { cells: cells, min: min, max: max, ms: round1(performance.now() - t0) };
    State.heat = Object.assign({}, this.lastDraw);
    this.fire('sahel:draw', this.lastDraw);
  },

  /** Whole cells over the view and one more cell on every side. */
  _viewGrid: function (map) {
    const pb = map.getPixelBounds();
    const cs = this.options.cellSize;
    const edge = (v, k) => (Math.floor(v / cs) + k) * cs;
    return pixelGrid(map, cs, edge(pb.min.x, -1), edge(pb.min.y, -1), edge(pb.max.x, 2), edge(pb.max.y, 2));
  },

  /** One rectangle per cell with events, coloured on a log scale up to `max`; returns how many. */
  _paint: function (map, grid, cnt, max) {
    const group = this._group;
    group.clearLayers();
    const cs = grid.cellSize;
    const lmax = Math.log(1 + max);
    let cells = 0;
    for (let c = 0; c < grid.ncell; c++) {
      const k = cnt[c];
      if (k === 0) continue;
      const [gx, gy] = cellXY(grid, c);
      const b = L.latLngBounds(map.unproject([gx * cs, (gy + 1) * cs], grid.zoom), map.unproject([(gx + 1) * cs, gy * cs], grid.zoom));
      const t = lmax > 0 ? Math.log(1 + k) / lmax : 1;
      group.addLayer(
        L.rectangle(b, {
          renderer: this._renderer,
          pane: this.options.pane,
          stroke: false,
          fillColor: rampColor(this.options.ramp, t),
          fillOpacity: this.options.fillOpacity,
          interactive: false,
        })
      );
      cells++;
    }
    return cells;
  },

  /** The last draw's cells with events, as [gx, gy, count] in world cells of cellSize px. */
  cellCounts: function () {
    const out = [];
    const grid = this._grid;
    if (!grid || !this._map) return out;
    for (let c = 0; c < grid.ncell; c++) {
      const k = this._tallies.cnt[c];
      if (k > 0) out.push(cellXY(grid, c).concat(k));
    }
    return out;
  },
});
