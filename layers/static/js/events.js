/*
 * events.js - the events layer: one circle marker per event while at most maxEvents are
 * in view, otherwise one bubble per grid cell (a cell holding one event keeps its marker).
 * Clicking a marker opens its popup (popup.js); clicking a bubble zooms into its events.
 */
const liveEventLayers = new Set();

const noDraw = () => ({ clusters: 0, events: 0, inView: 0, mode: 'none', ms: 0, scanMs: 0, zoom: null });

/** SahelMapState.drawn sums every events layer on a map. */
function publishDrawn(latest) {
  const sum = Object.assign(noDraw(), { layers: 0 });
  for (const layer of liveEventLayers) {
    const d = layer.lastDraw;
    sum.clusters += d.clusters;
    sum.events += d.events;
    sum.inView += d.inView;
    sum.layers++;
    if (d.mode === 'clusters' || sum.mode === 'none') sum.mode = d.mode;
  }
  if (latest) {
    sum.ms = latest.ms;
    sum.scanMs = latest.scanMs;
    sum.zoom = latest.zoom;
  }
  State.drawn = sum;
}

const EventsLayer = L.Layer.extend({
  includes: RedrawOnChange,
  options: {
    name: 'Events',
    maxEvents: 1500, // more filtered events than this in view -> clusters
    cellSize: 60, // cluster grid cell, px
    pane: 'sahelEventsPane',
    paneZIndex: 450,
    clusterPane: 'markerPane',
    minRadius: 4,
    fillOpacity: 0.85,
  },

  initialize: function (stores, options) {
    L.setOptions(this, options);
    this._stores = toStores(stores);
    this._group = L.layerGroup();
    this._renderer = null;
    this._timer = null;
    this._tallies = null;
    this._live = new Map();
    this.lastDraw = noDraw();
  },

  onAdd: function (map) {
    ensurePane(map, this.options.pane, this.options.paneZIndex);
    this._renderer = this._renderer || L.svg({ pane: this.options.pane, padding: 0.3 });
    map.addLayer(this._group);
    liveEventLayers.add(this);
    this._listen(map);
  },

  onRemove: function (map) {
    this._unlisten(map);
    this._group.clearLayers();
    this._live = new Map();
    map.removeLayer(this._group);
    if (this._renderer && map.hasLayer(this._renderer)) map.removeLayer(this._renderer);
    this.lastDraw = noDraw();
    liveEventLayers.delete(this);
    publishDrawn(null);
  },

  getStores: function () {
    return this._stores.slice();
  },

  /** Recompute what is visible from the typed arrays and redraw: scan, draw, publish. */
  redraw: function () {
    const map = this._readyToDraw();
    if (!map) return;
    const t0 = performance.now();
    const scan = this._scan(this._viewGrid(map));
    const t1 = performance.now();
    const drawn = this._draw(map, scan);
    this._publish(scan, drawn, t0, t1);
  },

  /** The view and a 16 px margin, in cells of cellSize px. */
  _viewGrid: function (map) {
    const pb = map.getPixelBounds();
    const pad = 16;
    return pixelGrid(map, this.options.cellSize, pb.min.x - pad, pb.min.y - pad, pb.max.x + pad, pb.max.y + pad);
  },

  /** Tallies of the events in view per cell, and the first maxEvents + 1 of them. */
  _scan: function (grid) {
    const cap = this.options.maxEvents;
    if (!this._tallies || this._tallies.cap !== cap) this._tallies = new CellTallies(true, cap);
    const count = scanGrid(this._stores, grid, this._tallies);
    return { grid: grid, cells: this._tallies, count: count };
  },

  /**
   * Refill the group from the scan: bubbles when more than maxEvents are in view, else one
   * marker per event.  Layers identical to ones already drawn (same event, or same cluster
   * cell / zoom / count / centroid / type) are kept instead of re-created, so a pan only
   * builds the markers that entered the view.  Returns {clusters, events} drawn.
   */
  _draw: function (map, scan) {
    const prev = this._live;
    const next = new Map();
    const keep = (key, make) => {
      let layer = prev.get(key);
      if (layer) prev.delete(key);
      else this._group.addLayer((layer = make()));
      next.set(key, layer);
    };
    const drawn = scan.count > this.options.maxEvents ? this._drawCells(map, scan, keep) : this._drawEvents(scan, keep);
    for (const layer of prev.values()) this._group.removeLayer(layer);
    this._live = next;
    return drawn;
  },

  _drawEvents: function (scan, keep) {
    const { firstS, firstI } = scan.cells;
    for (let j = 0; j < scan.count; j++) this._keepEvent(keep, firstS[j], firstI[j]);
    return { clusters: 0, events: scan.count };
  },

  _drawCells: function (map, scan, keep) {
    const { cnt, lastS, lastI } = scan.cells;
    const drawn = { clusters: 0, events: 0 };
    for (let c = 0; c < scan.grid.ncell; c++) {
      const k = cnt[c];
      if (k === 0) continue;
      if (k === 1) {
        this._keepEvent(keep, lastS[c], lastI[c]);
        drawn.events++;
      } else {
        this._keepCluster(map, scan, c, keep);
        drawn.clusters++;
      }
    }
    return drawn;
  },

  _keepEvent: function (keep, si, i) {
    keep('e' + si + ':' + i, () => this._eventMarker(si, i));
  },

  /** The bubble of cell c: at the events' centroid, coloured by their most common type. */
  _keepCluster: function (map, scan, c, keep) {
    const { cnt, sx, sy, x0, x1, y0, y1, tc, nt } = scan.cells;
    const zoom = scan.grid.zoom;
    const k = cnt[c];
    let best = 0;
    for (let t = 1; t < nt; t++) if (tc[c * nt + t] > tc[c * nt + best]) best = t;
    const cx = sx[c] / k;
    const cy = sy[c] / k;
    const [gx, gy] = cellXY(scan.grid, c);
    const key = 'c' + zoom + ':' + gx + ':' + gy + ':' + k + ':' + best + ':' + Math.round(cx) + ':' + Math.round(cy);
    keep(key, () => {
      const center = map.unproject([cx, cy], zoom);
      const bounds = L.latLngBounds(map.unproject([x0[c], y1[c]], zoom), map.unproject([x1[c], y0[c]], zoom));
      const pointLike = x1[c] - x0[c] < 2 && y1[c] - y0[c] < 2;
      return this._clusterMarker(center, k, best, bounds, pointLike);
    });
  },

  /** lastDraw, SahelMapState.drawn, the first-draw event and 'sahel:draw'. */
  _publish: function (scan, drawn, t0, t1) {
    this.lastDraw = {
      clusters: drawn.clusters,
      events: drawn.events,
      inView: scan.count,
      mode: scan.count > this.options.maxEvents ? 'clusters' : 'events',
      ms: round1(performance.now() - t0),
      scanMs: round1(t1 - t0),
      zoom: scan.grid.zoom,
    };
    publishDrawn(this.lastDraw);
    if (State.firstDrawMs === null) {
      State.firstDrawMs = performance.now();
      document.dispatchEvent(new CustomEvent('sahelmap:firstdraw', { detail: Object.assign({}, this.lastDraw) }));
    }
    this.fire('sahel:draw', this.lastDraw);
  },

  _eventMarker: function (si, i) {
    const s = this._stores[si];
    const t = s.type[i];
    const f = s.fatalities[i];
    const r = this.options.minRadius + Math.min(6, Math.sqrt(Math.max(0, f)));
    const m = L.circleMarker([s.lat[i] * 1e-5, s.lon[i] * 1e-5], {
      renderer: this._renderer,
      pane: this.options.pane,
      radius: r,
      color: '#1a1a1a',
      weight: 1,
      opacity: 0.9,
      fillColor: s.colors[t] || '#888888',
      fillOpacity: this.options.fillOpacity,
      className: 'sahel-event sahel-type-' + t,
    });
    m.sahelStore = s;
    m.sahelIndex = i;
    m.on('click', this._onEventClick, this);
    return m;
  },

  _onEventClick: function (e) {
    const map = this._map;
    if (!map || map.sahelMeasuring) return;
    openEventPopup(map, e.target.sahelStore, e.target.sahelIndex, e.target.getLatLng());
  },

  _clusterMarker: function (center, count, typeIndex, bounds, pointLike) {
    const { types, colors } = this._stores[0];
    const color = colors[typeIndex] || '#666666';
    const size = Math.round(Math.min(this.options.cellSize - 6, 26 + 6 * Math.log10(count)));
    const bubble = el('div', 'sahel-cluster-bubble');
    bubble.style.backgroundColor = color;
    bubble.style.color = textColorFor(color);
    bubble.style.fontSize = (size >= 42 ? 13 : 11) + 'px';
    el('span', 'sahel-cluster-count', bubble, fmtCompact(count));
    const icon = L.divIcon({
      className: 'sahel-cluster sahel-type-' + typeIndex,
      html: bubble,
      iconSize: [size, size],
      iconAnchor: [size / 2, size / 2],
    });
    const type = types[typeIndex];
    const label = t('control.cluster', { n: fmtInt(count), type: type ? tOr('event_type.' + type, type) : t('popup.unknown') });
    const m = L.marker(center, {
      icon: icon,
      pane: this.options.clusterPane,
      title: label,
      riseOnHover: true,
      zIndexOffset: Math.round(Math.log10(count) * 1000), // bigger clusters on top
    });
    m.sahelCount = count;
    m.on('click', () => this._zoomInto(center, bounds, pointLike));
    return m;
  },

  /** Zoom in on a bubble's events: to fit their bounding box, or two levels on one spot. */
  _zoomInto: function (center, bounds, pointLike) {
    const map = this._map;
    if (!map || map.sahelMeasuring) return;
    const z = map.getZoom();
    const maxZ = map.getMaxZoom();
    let target;
    let where = center;
    if (pointLike) {
      target = z + 2;
    } else {
      target = map.getBoundsZoom(bounds, false, L.point(40, 40));
      where = bounds.getCenter();
      if (target <= z) target = z + 2;
    }
    if (Number.isFinite(maxZ)) target = Math.min(target, maxZ);
    map.setView(where, target);
  },
});
