/*
 * events.js - the events layers: each events overlay (one per data set) hands its store to
 * the map's one EventsDrawer, which draws every shown store together, so events of two data
 * sets at one place are one stack and one bubble.  The drawer draws one circle marker per
 * event while at most maxEvents are in view, otherwise one bubble per grid cell (a cell
 * holding one event keeps its marker).
 * Events that share their coordinates are one stack marker showing their count.  A click
 * (or Enter / Space on a focused marker) opens an event's popup, a stack's list, a bubble's
 * list at the deepest zoom, or zooms into a bubble.  Marker area grows with fatalities;
 * stacks and bubbles show their mix of event types as a ring.
 */
const EVENTS_STRINGS = stringTable('stacks', {
  eventLabel: '{type}, {date}, {dead}: open the event',
  dead: '{n} killed',
  dead_one: '{n} killed',
  deadUnknown: 'fatalities unknown',
  stackLabel: '{n} events at {place}: open the list',
  stackLabelIn: '{n} events in {place} (the district: no source names the place): open the list',
  clusterLabel: '{n} events near {place}, mostly {type}: {action}',
  zoomIn: 'zoom in',
  openList: 'open the list',
  sizeTitle: 'Fatalities (marker area)',
  sizeNote: 'Rings: the share of each event type in a stack or group; the number counts its events.',
  sizeUnknown: 'unknown',
});
const liveEventLayers = new Set(); // the drawers on the page (one per map)
const LIST_LIMIT = 500; // entries of a list popup; the rest are counted
// Stacks are named by place from the text chunks only for stores this small (one chunk to
// decode, and no more); bigger ones by coordinates (decoding a 50k-event chunk takes ~0.5 s).
const NAME_STACKS_MAX_EVENTS = 20000;

const noDraw = () => ({ clusters: 0, events: 0, stacks: 0, inView: 0, mode: 'none', ms: 0, scanMs: 0, zoom: null });

/** SahelMapState.drawn sums every events layer on a map. */
function publishDrawn(latest) {
  const sum = Object.assign(noDraw(), { layers: 0 });
  for (const layer of liveEventLayers) {
    const d = layer.lastDraw;
    sum.clusters += d.clusters;
    sum.events += d.events;
    sum.stacks += d.stacks;
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

/** Circle radius in px for `f` fatalities: area grows with f (sqrt radius), no low cap. */
function fatalityRadius(f) {
  return Math.min(MARKER_MAX_RADIUS, MARKER_MIN_RADIUS + MARKER_SCALE * Math.sqrt(Math.max(0, f)));
}
const MARKER_MIN_RADIUS = 3;
const MARKER_SCALE = 1.6; // px of radius per sqrt(death): 1 -> 4.6 px, 100 -> 19 px, 400 -> 35 px
const MARKER_MAX_RADIUS = 36; // reached at 409 deaths; larger events are drawn at this size

function latLonText(s, i) {
  const la = s.lat[i] * 1e-5;
  const lo = s.lon[i] * 1e-5;
  return fmtDecimal(Math.abs(la), 2) + '\u00B0' + (la >= 0 ? 'N' : 'S') + ' ' + fmtDecimal(Math.abs(lo), 2) + '\u00B0' + (lo >= 0 ? 'E' : 'W');
}

/** A place name for event i: its location (else its district, else region) when its text chunk
 * is decoded, else its coordinates. */
function placeOf(s, i) {
  const d = s.n <= NAME_STACKS_MAX_EVENTS ? s.detailsSync(i) : null;
  return (d && placeOfDetails(d)) || latLonText(s, i);
}

/**
 * A ring of type shares (counts[t] events of type t) around `text`: one conic gradient, not an
 * SVG per ring (120 bubbles redrawn after a filter change: SVG rings took ~1 ms each).
 */
function typeRing(counts, colors, size, text, extraClass) {
  const box = el('div', 'sahel-ring ' + (extraClass || ''));
  box.style.width = box.style.height = size + 'px';
  let total = 0;
  for (const k of counts) total += k;
  const stops = [];
  let done = 0;
  counts.forEach((k, t) => {
    if (!k) return;
    const from = (100 * done) / total;
    done += k;
    stops.push((colors[t] || '#888888') + ' ' + from.toFixed(2) + '% ' + ((100 * done) / total).toFixed(2) + '%');
  });
  box.style.background = 'conic-gradient(' + stops.join(', ') + ')';
  el('span', 'sahel-ring-count', box, text);
  return box;
}

const EventsDrawer = L.Layer.extend({
  includes: RedrawOnChange,
  options: {
    name: 'Events',
    // more filtered events than this in view -> bubbles.  250: at the default view central
    // Mali (about 800 events), or 2020 alone (353), is grouped into bubbles instead of one
    // solid blob of overlapping markers.
    maxEvents: 250,
    cellSize: 56, // cluster grid cell, px
    pane: 'sahelEventsPane',
    paneZIndex: 450,
    clusterPane: 'markerPane',
    fillOpacity: 0.8,
  },

  initialize: function (options) {
    L.setOptions(this, options);
    this._members = [];
    this._stores = [];
    this._group = L.layerGroup();
    this._renderer = null;
    this._timer = null;
    this._tallies = null;
    this._live = new Map();
    this.lastDraw = noDraw();
  },

  /** Draw the stores of an events overlay too (it was switched on). */
  addMember: function (layer) {
    if (this._members.indexOf(layer) < 0) this._members.push(layer);
    this._setStores();
  },

  removeMember: function (layer) {
    this._members = this._members.filter((m) => m !== layer);
    this._setStores();
  },

  /** The members' stores in page order (stable whatever order overlays are toggled in). */
  _setStores: function () {
    const map = this._map;
    if (map) this._unlisten(map);
    const stores = [];
    for (const m of this._members) for (const s of m._stores) if (stores.indexOf(s) < 0) stores.push(s);
    stores.sort((a, b) => pageStores.indexOf(a) - pageStores.indexOf(b));
    this._stores = stores;
    this._group.clearLayers(); // keys hold store positions, which may have moved
    this._live = new Map();
    if (map) {
      if (stores.length) this._listen(map);
      else this._publishEmpty();
    }
  },

  _publishEmpty: function () {
    this.lastDraw = noDraw();
    publishDrawn(null);
    this.fire('sahel:draw', this.lastDraw);
  },

  onAdd: function (map) {
    ensurePane(map, this.options.pane, this.options.paneZIndex);
    this._renderer = this._renderer || L.svg({ pane: this.options.pane, padding: 0.3 });
    map.addLayer(this._group);
    liveEventLayers.add(this);
    if (this._stores.length) this._listen(map);
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
    const zoom = map.getZoom();
    return pixelGrid(zoom, map.options.crs.scale(zoom), this.options.cellSize, pb.min.x - pad, pb.min.y - pad, pb.max.x + pad, pb.max.y + pad);
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
   * marker per place.  Layers identical to ones already drawn (same event, stack or cluster
   * cell / zoom / count / centroid / type mix) are kept instead of re-created, so a pan only
   * builds the markers that entered the view.  Returns {clusters, events, stacks} drawn.
   */
  _draw: function (map, scan) {
    const prev = this._live;
    const next = new Map();
    // `update(layer)` refreshes a kept layer in place (a bubble whose counts changed)
    const keep = (key, make, update) => {
      let layer = prev.get(key);
      if (layer) {
        prev.delete(key);
        if (update) update(layer);
      } else this._group.addLayer((layer = make()));
      next.set(key, layer);
    };
    const drawn = scan.count > this.options.maxEvents ? this._drawCells(map, scan, keep) : this._drawEvents(scan, keep);
    for (const layer of prev.values()) this._group.removeLayer(layer);
    this._live = next;
    this._nameStacks();
    return drawn;
  },

  /** One marker per coordinate: single events largest first (small ones stay clickable on top). */
  _drawEvents: function (scan, keep) {
    const { firstS, firstI } = scan.cells;
    const places = new Map();
    for (let j = 0; j < scan.count; j++) {
      const s = this._stores[firstS[j]];
      const i = firstI[j];
      const key = s.lat[i] + ',' + s.lon[i];
      const at = places.get(key);
      if (at) at.push(j);
      else places.set(key, [j]);
    }
    const singles = [];
    let stacks = 0;
    for (const [key, js] of places) {
      if (js.length === 1) {
        singles.push(js[0]);
        continue;
      }
      const members = js.map((j) => [firstS[j], firstI[j]]);
      this._keepStack(keep, key, members);
      stacks++;
    }
    const dead = (j) => this._stores[firstS[j]].fatalities[firstI[j]];
    singles.sort((a, b) => dead(b) - dead(a) || a - b);
    for (const j of singles) this._keepEvent(keep, firstS[j], firstI[j]);
    return { clusters: 0, events: singles.length, stacks: stacks };
  },

  _drawCells: function (map, scan, keep) {
    const { cnt, lastS, lastI, x0, x1, y0, y1 } = scan.cells;
    const drawn = { clusters: 0, events: 0, stacks: 0 };
    for (let c = 0; c < scan.grid.ncell; c++) {
      const k = cnt[c];
      if (k === 0) continue;
      if (k === 1) {
        this._keepEvent(keep, lastS[c], lastI[c]);
        drawn.events++;
      } else if (x0[c] === x1[c] && y0[c] === y1[c]) {
        // one projected point: the same coordinates (the list gathers them by lat/lon)
        this._keepCellStack(scan, c, keep);
        drawn.stacks++;
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

  _keepStack: function (keep, key, members) {
    const nt = this._stores[0].types.length;
    const counts = new Array(nt).fill(0);
    for (const [si, i] of members) counts[this._stores[si].type[i]]++;
    const [si, i] = members[0];
    keep('s' + key + ':' + members.length + ':' + counts.join('.'), () => {
      const s = this._stores[si];
      const m = this._ringMarker(s.latLng(i), { count: members.length, counts: counts, first: { si: si, i: i } }, 'sahel-stack');
      m.sahelOpen = (focus) => this._openStack(s, i, focus);
      return m;
    });
  },

  _keepCellStack: function (scan, c, keep) {
    const { cnt, lastS, lastI, tc, nt } = scan.cells;
    const counts = Array.from(tc.subarray(c * nt, c * nt + nt));
    const si = lastS[c];
    const i = lastI[c];
    const s = this._stores[si];
    keep('s' + s.lat[i] + ',' + s.lon[i] + ':' + cnt[c] + ':' + counts.join('.'), () => {
      const m = this._ringMarker(s.latLng(i), { count: cnt[c], counts: counts, first: { si: si, i: i } }, 'sahel-stack');
      m.sahelOpen = (focus) => this._openStack(s, i, focus);
      return m;
    });
  },

  /**
   * The bubble of cell c: at the events' centroid, with their type mix as a ring.  Kept per
   * cell and refreshed in place when a filter or the window changes its events.
   */
  _keepCluster: function (map, scan, c, keep) {
    const { cnt, sx, sy, x0, x1, y0, y1, tc, nt, lastS, lastI } = scan.cells;
    const zoom = scan.grid.zoom;
    const k = cnt[c];
    const [gx, gy] = cellXY(scan.grid, c);
    const center = map.unproject([sx[c] / k, sy[c] / k], zoom);
    const data = {
      count: k, counts: Array.from(tc.subarray(c * nt, c * nt + nt)), first: { si: lastS[c], i: lastI[c] }, cluster: true,
      bounds: L.latLngBounds(map.unproject([x0[c], y1[c]], zoom), map.unproject([x1[c], y0[c]], zoom)),
      box: [x0[c], y0[c], x1[c], y1[c]], zoom: zoom,
    };
    keep('c' + zoom + ':' + gx + ':' + gy, () => {
      const m = this._ringMarker(center, data, 'sahel-cluster');
      m.sahelOpen = (focus) => this._openCluster(m.getLatLng(), m.sahelData, focus);
      return m;
    }, (m) => this._refreshRing(m, center, data));
  },

  /** lastDraw, SahelMapState.drawn, the first-draw event and 'sahel:draw'. */
  _publish: function (scan, drawn, t0, t1) {
    this.lastDraw = {
      clusters: drawn.clusters,
      events: drawn.events,
      stacks: drawn.stacks,
      inView: scan.count,
      mode: scan.count > this.options.maxEvents ? 'clusters' : 'events',
      ms: round1(performance.now() - t0),
      scanMs: round1(t1 - t0),
      zoom: scan.grid.zoom,
    };
    publishDrawn(this.lastDraw);
    for (const m of this._members) m.fire('sahel:draw', this.lastDraw);
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
    const m = L.circleMarker([s.lat[i] * 1e-5, s.lon[i] * 1e-5], {
      renderer: this._renderer,
      pane: this.options.pane,
      radius: fatalityRadius(f),
      color: '#1a1a1a',
      weight: 1,
      opacity: 0.9,
      fillColor: s.colors[t] || '#888888',
      fillOpacity: this.options.fillOpacity,
      className: 'sahel-event sahel-type-' + t,
    });
    m.sahelStore = s;
    m.sahelIndex = i;
    m.sahelOpen = (focus) => {
      const map = this._map;
      if (map && !map.sahelMeasuring) openEventPopup(map, s, i, m.getLatLng(), focus);
    };
    m.on('click', () => m.sahelOpen(false));
    m.on('add', () => {
      const dead = f < 0 ? EVENTS_STRINGS.deadUnknown : plural(EVENTS_STRINGS, 'dead', f);
      keyboardButton(m._path, tpl(EVENTS_STRINGS.eventLabel, { type: typeName(s.types[t]), date: dayToText(s.day[i]), dead: dead }), () => m.sahelOpen(true));
    });
    return m;
  },

  /** The icon of a stack or bubble: its type ring and count, sized by the count. */
  _ringIcon: function (data, kind) {
    const size = Math.round(Math.min(this.options.cellSize - 4, (data.cluster ? 28 : 24) + 6 * Math.log10(data.count)));
    const ring = typeRing(data.counts, this._stores[0].colors, size, fmtCompact(data.count), kind + '-ring');
    return L.divIcon({ className: kind, html: ring, iconSize: [size, size], iconAnchor: [size / 2, size / 2] });
  },

  /**
   * A stack or bubble marker (data: {count, counts, first: {si, i}, cluster}), focusable, with
   * an ARIA label naming its place (the location of its `first` event, when known).
   */
  _ringMarker: function (center, data, kind) {
    const m = L.marker(center, {
      icon: this._ringIcon(data, kind),
      pane: this.options.clusterPane,
      keyboard: false, // keyboardButton below: Leaflet's keyboard option lacks Space and a label
      riseOnHover: true,
      zIndexOffset: Math.round(Math.log10(data.count) * 1000), // bigger groups on top
    });
    m.sahelData = data;
    m.sahelKind = kind;
    m.sahelFirst = () => m.sahelData.first;
    m.sahelLabel = () => this._ringLabel(m.sahelData);
    m.on('click', () => m.sahelOpen(false));
    m.on('add', () => this._labelRing(m, true));
    return m;
  },

  _labelRing: function (m, first) {
    if (!m._icon) return;
    const text = this._ringLabel(m.sahelData);
    if (first) keyboardButton(m._icon, text, () => m.sahelOpen(true));
    else m._icon.setAttribute('aria-label', text);
    m._icon.title = text;
  },

  _ringLabel: function (data) {
    const { si, i } = data.first;
    const place = placeOf(this._stores[si], i);
    if (!data.cluster) {
      const d = this._stores[si].n <= NAME_STACKS_MAX_EVENTS ? this._stores[si].detailsSync(i) : null;
      const label = d && !d.location && d.district ? EVENTS_STRINGS.stackLabelIn : EVENTS_STRINGS.stackLabel;
      return tpl(label, { n: fmtInt(data.count), place: place });
    }
    let best = 0;
    data.counts.forEach((k, t) => {
      if (k > data.counts[best]) best = t;
    });
    const atMax = this._map && this._map.getZoom() >= this._map.getMaxZoom();
    return tpl(EVENTS_STRINGS.clusterLabel, {
      n: fmtInt(data.count), place: place, type: typeName(this._stores[0].types[best] || ''),
      action: atMax ? EVENTS_STRINGS.openList : EVENTS_STRINGS.zoomIn,
    });
  },

  /** A kept bubble with new events: move it, and redraw its ring only if its mix changed. */
  _refreshRing: function (m, center, data) {
    const old = m.sahelData;
    m.sahelData = data;
    if (!m.getLatLng().equals(center)) m.setLatLng(center);
    if (old.count === data.count && old.counts.join() === data.counts.join()) return;
    m.setIcon(this._ringIcon(data, m.sahelKind)); // a new icon element: label it again
    m.setZIndexOffset(Math.round(Math.log10(data.count) * 1000));
    this._labelRing(m, true);
  },

  /** Name the stacks and bubbles by their place once a small store's text is decoded. */
  _nameStacks: function () {
    const wanted = new Map();
    for (const layer of this._live.values()) {
      if (!layer.sahelFirst || !layer._icon) continue;
      const { si, i } = layer.sahelFirst();
      const s = this._stores[si];
      if (s.detailsSync(i) || s.n > NAME_STACKS_MAX_EVENTS || s.payload.chunks.length > 1) continue; // else: coordinates
      const k = si + ':' + Math.floor(i / s.chunkSize);
      if (!wanted.has(k)) wanted.set(k, s.details(i));
    }
    if (!wanted.size) return;
    Promise.all(wanted.values()).then(() => {
      for (const layer of this._live.values()) {
        if (!layer.sahelFirst || !layer._icon) continue;
        const text = layer.sahelLabel();
        layer._icon.setAttribute('aria-label', text);
        layer._icon.title = text;
      }
    }, () => {});
  },

  /** Every event at the coordinates of event i (passing the filters), as a list popup. */
  _openStack: function (s, i, focus) {
    const map = this._map;
    if (!map || map.sahelMeasuring) return;
    const lat = s.lat[i];
    const lon = s.lon[i];
    const { members, total } = collectEvents(this._stores, (t, j) => t.lat[j] === lat && t.lon[j] === lon, LIST_LIMIT);
    openEventList(map, this._stores, members, total, s.latLng(i), focus, false);
  },

  /** A bubble: zoom into its events, or at the deepest zoom list them. */
  _openCluster: function (center, data, focus) {
    const { bounds, box, zoom } = data;
    const map = this._map;
    if (!map || map.sahelMeasuring) return;
    const maxZ = map.getMaxZoom();
    if (Number.isFinite(maxZ) && map.getZoom() >= maxZ) {
      const scale = map.options.crs.scale(zoom);
      const [bx0, by0, bx1, by1] = box;
      const inBox = (t, j) => {
        const px = t.x[j] * scale;
        const py = t.y[j] * scale;
        return px >= bx0 && px <= bx1 && py >= by0 && py <= by1;
      };
      const { members, total } = collectEvents(this._stores, inBox, LIST_LIMIT);
      openEventList(map, this._stores, members, total, center, focus, true);
      return;
    }
    this._zoomInto(center, bounds, box[2] - box[0] < 2 && box[3] - box[1] < 2, focus);
  },

  /** Zoom in on a bubble's events: to fit their bounding box, or two levels on one spot. */
  _zoomInto: function (center, bounds, pointLike, focus) {
    const map = this._map;
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
    if (focus) map.getContainer().focus(); // the bubble is gone: keep focus on the map, not lost
  },
});

/** The map's drawer, made (with the first overlay's options) and added on first use. */
function eventsDrawerFor(map, options) {
  if (!map._sahelEventsDrawer) map._sahelEventsDrawer = new EventsDrawer(options);
  return map._sahelEventsDrawer;
}

/** An events overlay of the layer control: switching it on draws its store(s) on the map. */
const EventsLayer = L.Layer.extend({
  options: { name: 'Events' },

  initialize: function (stores, options) {
    L.setOptions(this, options);
    this._stores = toStores(stores);
    this._drawer = null;
  },

  onAdd: function (map) {
    const drawer = (this._drawer = eventsDrawerFor(map, this.options));
    drawer.addMember(this);
    if (!map.hasLayer(drawer)) map.addLayer(drawer);
  },

  onRemove: function (map) {
    const drawer = this._drawer;
    drawer.removeMember(this);
    if (!drawer._members.length) map.removeLayer(drawer);
  },

  getStores: function () {
    return this._stores.slice();
  },

  redraw: function () {
    if (this._drawer) this._drawer.redraw();
  },
});
// A getter, defined after extend() (which would copy its value, not the getter).
Object.defineProperty(EventsLayer.prototype, 'lastDraw', {
  get: function () {
    return this._drawer && this._map ? this._drawer.lastDraw : noDraw();
  },
});

/** The size legend: circles for a few fatality counts, at the markers' own scale. */
function sizeLegend(map, opts) {
  opts = opts || {};
  const box = legendBox(opts.title || EVENTS_STRINGS.sizeTitle, 'sahel-legend-size');
  const values = opts.values || [1, 10, 50, 150];
  const rMax = fatalityRadius(values[values.length - 1]);
  const w = values.reduce((a, v) => a + 2 * fatalityRadius(v) + 10, 10);
  const h = 2 * rMax + 18;
  const svg = svgEl('svg', { width: w, height: h, viewBox: '0 0 ' + w + ' ' + h, role: 'img', 'aria-label': EVENTS_STRINGS.sizeTitle }, box);
  let x = 6;
  for (const v of values) {
    const r = fatalityRadius(v);
    svgEl('circle', { cx: x + r, cy: rMax + 2 + (rMax - r), r: r, class: 'sahel-size-circle' }, svg);
    const label = svgEl('text', { x: x + r, y: h - 2, 'text-anchor': 'middle', class: 'sahel-size-label' }, svg);
    label.textContent = String(v);
    x += 2 * r + 10;
  }
  el('div', 'sahel-legend-note', box, EVENTS_STRINGS.sizeNote);
  const ctl = new ElementControl(box, { position: opts.position || 'bottomright' });
  if (map) ctl.addTo(map);
  if (map && opts.layers) {
    // shown while an events overlay is on
    const sync = () => (box.hidden = !opts.layers.some((layer) => map.hasLayer(layer)));
    map.on('overlayadd overlayremove', sync);
    sync();
  }
  return ctl;
}
