/*
 * dominance.js - "who dominates where": H3 hexagons (layers/dominance.py) coloured by the side
 * with the most events (or fatalities) among those passing the time window and the filters,
 * stronger with its share; "contested" where its lead over the second side is under a
 * quarter of the hexagon's total (dominance_calc.js; geo/dominance.py is its twin).  The
 * hexagon size follows the zoom; the legend names the sides, the size in km and the measure.
 */
const DOMINANCE_STRINGS = stringTable('dominance', {
  title: 'Who dominates where',
  contested: 'Contested (no side leads by a quarter of the total)',
  size: 'Hexagons with {km} km sides (H3 resolution {res})',
  note: 'Colour: the side in the most events; stronger with its share. Counts follow the time window and the filters.',
  metric: 'Measure',
  'metric.events': 'Events',
  'metric.killed': 'Fatalities',
  cell: '{side}: {share} of {n}',
  cellContested: 'Contested: {side} leads with {share} of {n}',
  allies: 'France and the UN/G5 Sahel forces count with the state where they fight.',
});

const DominanceLayer = L.Layer.extend({
  includes: RedrawOnChange,
  options: { name: 'Who dominates where', pane: 'sahelDominancePane', paneZIndex: 395, metric: 'events' },

  initialize: function (stores, options) {
    L.setOptions(this, options);
    this._stores = toStores(stores);
    this._metric = this.options.metric;
    this._rows = null; // per store, per level: {idx, side, cell}
    this._decoded = Promise.all(this.options.stores.map((s) => Promise.all([
      inflate(s.idx), inflate(s.side), Promise.all(s.cells.map(inflate))]))).then((parts) => {
      this._rows = parts.map(([idx, side, cells], k) => {
        const wire = this.options.stores[k];
        const rows = typedFrom(idx, 'uint32'); // steps from the previous row (layers/dominance.py)
        const at = new Int32Array(rows.length);
        for (let i = 0, r = 0; i < rows.length; i++) at[i] = r += rows[i];
        const sides = typedFrom(side, wire.sideType);
        return cells.map((c, j) => ({ idx: at, side: sides, cell: wire.cellTypes[j] === 'int32'
          ? typedFrom(c, 'int32') : widenPackedCodes(typedFrom(c, wire.cellTypes[j])) }));
      });
      this._schedule();
    });
    this._decoded.catch((err) => recordError('dominance: ' + ((err && err.message) || err)));
    this.lastDraw = null;
  },

  onAdd: function (map) {
    ensurePane(map, this.options.pane, this.options.paneZIndex, 'sahel-dominance-pane');
    this._renderer = L.canvas({ pane: this.options.pane, padding: 0.2 });
    this._group = L.layerGroup().addTo(map);
    this._legend = this._buildLegend();
    this._legend.addTo(map);
    this._listen(map);
  },

  onRemove: function (map) {
    this._unlisten(map);
    this._group.remove();
    this._renderer.remove(); // its canvas too
    if (this._legend) this._legend.remove();
    this._legend = null;
  },

  setMetric: function (metric) {
    this._metric = metric === 'killed' ? 'killed' : 'events';
    if (this._select) this._select.value = this._metric;
    this._schedule();
    if (HASH_API.update) HASH_API.update();
  },

  _level: function (zoom) {
    let k = 0;
    this.options.levels.forEach((level, i) => { if (zoom >= level.minZoom) k = i; });
    return k;
  },

  /** Tally the events that pass, per hexagon of the zoom's level and side; each hexagon's winner. */
  tally: function (k) {
    const level = this.options.levels[k];
    const nCells = level.rings.length;
    const nSides = this.options.sides.length;
    const into = { counts: new Float64Array(nCells * nSides), totals: new Float64Array(nCells) };
    this._stores.forEach((s, j) => {
      const fat = s.fatalities;
      const weight = this._metric === 'killed' ? (i) => Math.max(0, fat[i]) : () => 1;
      tallyDominance(this._rows[j][k], nCells, nSides, (i) => s.passes(i), weight, into);
    });
    const cells = [];
    for (let c = 0; c < nCells; c++) {
      if (into.totals[c] <= 0) continue;
      const w = dominanceWinner(into.counts.subarray(c * nSides, (c + 1) * nSides), into.totals[c], this.options.lead);
      cells.push({ cell: c, total: into.totals[c], side: w.side, share: w.share, contested: w.contested });
    }
    return cells;
  },

  redraw: function () {
    const map = this._readyToDraw();
    if (!map || !this._rows || !this._group) return;
    const k = this._level(map.getZoom());
    const level = this.options.levels[k];
    const view = map.getBounds().pad(0.2);
    const cells = this.tally(k);
    this._group.clearLayers();
    for (const c of cells) {
      const ring = level.rings[c.cell];
      const latlngs = [];
      for (let p = 0; p < ring.length; p += 2) latlngs.push([ring[p], ring[p + 1]]);
      if (!view.intersects(L.latLngBounds(latlngs))) continue;
      const side = this.options.sides[c.side];
      const style = c.contested
        ? { color: '#333333', weight: 1, dashArray: '3 3', fillColor: this.options.contestedColor, fillOpacity: 0.55 }
        : { color: side[2], weight: 0.5, fillColor: side[2], fillOpacity: 0.2 + 0.6 * c.share };
      const share = Math.round(100 * c.share) + '%';
      const tip = tpl(c.contested ? DOMINANCE_STRINGS.cellContested : DOMINANCE_STRINGS.cell,
        { side: side[1], share: share, n: fmtInt(c.total) });
      L.polygon(latlngs, Object.assign({ renderer: this._renderer, pane: this.options.pane }, style))
        .bindTooltip(tip, { sticky: true }).addTo(this._group);
    }
    this._labelLegend(level);
    this.lastDraw = { res: level.res, cells: cells };
    State.dominance = { res: level.res, metric: this._metric, cells: cells.length };
  },

  _buildLegend: function () {
    const box = legendBox(null, 'sahel-dominance-legend');
    el('div', 'sahel-legend-title', box, DOMINANCE_STRINGS.title);
    for (const side of this.options.sides) {
      const row = el('div', 'sahel-legend-row', box);
      const sw = el('span', 'sahel-swatch', row);
      sw.style.backgroundColor = side[2];
      el('span', null, row, ' ' + side[1]);
    }
    const row = el('div', 'sahel-legend-row', box);
    const sw = el('span', 'sahel-swatch', row);
    sw.style.backgroundColor = this.options.contestedColor;
    sw.style.border = '1px dashed #333333';
    el('span', null, row, ' ' + DOMINANCE_STRINGS.contested);
    const label = el('label', null, box, DOMINANCE_STRINGS.metric + ' ');
    this._select = el('select', null, label);
    for (const m of ['events', 'killed']) {
      const option = el('option', null, this._select, DOMINANCE_STRINGS['metric.' + m]);
      option.value = m;
    }
    this._select.value = this._metric;
    this._select.addEventListener('change', () => this.setMetric(this._select.value));
    this._size = el('div', 'sahel-legend-note', box);
    el('div', 'sahel-legend-note', box, DOMINANCE_STRINGS.note + ' ' + DOMINANCE_STRINGS.allies);
    stopMapEvents(box);
    return new ElementControl(box, { position: 'bottomright' });
  },

  _labelLegend: function (level) {
    if (this._size) this._size.textContent = tpl(DOMINANCE_STRINGS.size, { km: level.edgeKm, res: level.res });
  },
});

function dominanceLayer(stores, options) {
  const layer = new DominanceLayer(stores, options);
  HASH_API.register && HASH_API.register('dominance', () => (layer._metric === 'killed' ? 'killed' : ''),
    (v) => layer.setMetric(v));
  return layer;
}
