/*
 * sahelmap.js - offline browser library of the Sahel conflict map.
 *
 * Requires Leaflet 1.9 as the global `L`.  No other dependency, no network.
 * Plain ES2020.  Defines `window.SahelMap` and `window.SahelMapState`.
 *
 * Safety rule: every string that comes from data is put into the DOM with
 * document.createElement + textContent (or setAttribute / style properties),
 * never through innerHTML or HTML strings.  Popups and tooltips receive
 * HTMLElements.
 *
 * Events payload: see layers/_payload.py (module docstring) for the format.
 *
 * API (all functions on window.SahelMap):
 *   store(payload) -> Store
 *       .ready                 Promise<Store>, resolves once the typed arrays are decoded
 *       .n .types .colors .dayMin .dayMax .chunkSize
 *       .lat .lon (Int32Array, deg*1e5) .type (Uint8Array) .day .fatalities (Int32Array, -1 = NA)
 *       .x .y                  Float64Array Web-Mercator coordinates normalised to [0, 1]
 *       .filter                {dayMin, dayMax}; .filterActive; .setFilter(a, b); .resetFilter()
 *       .onFilter(fn) -> unsubscribe;  .countFiltered();  .passes(i);  .latLng(i)
 *       .details(i) -> Promise<{index, event_id, date_text, time_precision, geo_precision,
 *            event_type, sub_event_type, actor1, actor2, fatalities (null = NA), location,
 *            region, zone, country, country_iso3, source, notes, dataset, latitude,
 *            longitude, day, color}>   (decompresses only chunk floor(i / chunkSize), LRU cached)
 *       .detailsSync(i) -> the same object, or null when its chunk is not decoded yet
 *   The three layer factories take one store or an array of stores (drawn together):
 *   eventsLayer(stores, {name, maxEvents=1500, cellSize=60, pane='sahelEventsPane'}) -> L.Layer
 *       .redraw(), .lastDraw; fires 'sahel:draw'.  Circle markers carry .sahelStore/.sahelIndex
 *   heatmapLayer(stores, {name, legendTitle, legendPosition='bottomright', cellSize=25,
 *       fillOpacity=0.6, ramp}) -> L.Layer
 *   timelineLayer(stores, {name, position='bottomleft', stepMs=800, playWindowMonths=12})
 *       -> L.Layer; .setMonths(from, to), .getWindow(), .play(), .stop(); fires 'sahel:window'
 *   openEventPopup(map, store, i, latlng)
 *   legend(map, {title, items: [[label, colour]], position='bottomright', note}) -> L.Control
 *   classedLegend(map, {title, bins: [[label, colour]], position='bottomright', note}) -> L.Control
 *   infoTable([[label, value], ...]) -> HTMLTableElement
 *   eventPopupContent(details) -> HTMLElement
 *   chrome(map, {title, subtitle, minimapGeojson, fullscreen, measure, scale, minimap,
 *       tileNotice, tileNoticeText, scalePosition}) -> {title, fullscreen, measure, scale,
 *       minimap, tileNotice}   (set an option to false to leave that piece out)
 *   placeSearch(map, [{name, country, lat, lon}], {position='topright', zoom=9, maxResults=8,
 *       placeholder}) -> L.Control with .search(q) and .choose(k)
 *
 * window.SahelMapState = {firstDrawMs, drawn: {clusters, events, inView, mode, ms, scanMs,
 *   zoom, layers} (summed over every events layer on the map), heat: {cells, min, max, ms},
 *   tileErrors, errors: []}
 * document event 'sahelmap:firstdraw' after the first events-layer draw.
 */
(function (global) {
  'use strict';

  const L = global.L;

  // ---------------------------------------------------------------- state hooks
  const State = (global.SahelMapState = global.SahelMapState || {});
  if (!('firstDrawMs' in State)) State.firstDrawMs = null;
  if (!State.drawn) State.drawn = { clusters: 0, events: 0, inView: 0, mode: 'none', ms: 0 };
  if (typeof State.tileErrors !== 'number') State.tileErrors = 0;
  if (!Array.isArray(State.errors)) State.errors = [];

  function recordError(msg) {
    try {
      State.errors.push(String(msg));
    } catch (e) {
      /* ignore */
    }
  }
  global.addEventListener('error', function (ev) {
    // Resource errors (tiles, images) do not bubble to window; these are script errors.
    recordError(ev.message || (ev.error && ev.error.message) || 'error');
  });
  global.addEventListener('unhandledrejection', function (ev) {
    const r = ev.reason;
    recordError('unhandledrejection: ' + ((r && r.message) || r));
  });

  if (!L) {
    recordError('SahelMap: Leaflet (global L) is not loaded');
    return;
  }

  // ---------------------------------------------------------------- helpers
  const MISSING_DEFAULT = -2147483648;
  const DAY_MS = 86400000;
  const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const DICT_COLUMNS = [
    'date_text', 'time_precision', 'geo_precision', 'sub_event_type', 'actor1', 'actor2',
    'location', 'region', 'zone', 'country', 'country_iso3', 'source', 'dataset',
  ];
  const TIME_PRECISION_WORDS = { 1: 'exact day', 2: 'within a week', 3: 'within a month' };
  const GEO_PRECISION_WORDS = {
    1: 'exact location',
    2: 'approximate (near the named place / district)',
    3: 'regional (province or region centroid)',
  };
  // Sequential ramp (ColorBrewer YlOrRd, 7 classes).
  const HEAT_RAMP = ['#ffffb2', '#fed976', '#feb24c', '#fd8d3c', '#fc4e2a', '#e31a1c', '#b10026'];
  const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

  /** createElement + className + textContent; the only way this file makes DOM. */
  function el(tag, className, parent, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (parent) parent.appendChild(e);
    return e;
  }

  function str(v) {
    return v === undefined || v === null ? '' : String(v);
  }

  function fmtInt(n) {
    return Number(n).toLocaleString('en-US');
  }

  function fmtCompact(n) {
    if (n < 1000) return String(n);
    if (n < 10000) return (Math.floor(n / 100) / 10).toFixed(1).replace(/\.0$/, '') + 'k';
    if (n < 1e6) return Math.floor(n / 1000) + 'k';
    if (n < 1e7) return (Math.floor(n / 1e5) / 10).toFixed(1).replace(/\.0$/, '') + 'M';
    return Math.floor(n / 1e6) + 'M';
  }

  function dayToText(d) {
    return new Date(d * DAY_MS).toISOString().slice(0, 10);
  }
  function dayToMonthIndex(d) {
    const dt = new Date(d * DAY_MS);
    return dt.getUTCFullYear() * 12 + dt.getUTCMonth();
  }
  function monthIndexToDay(m) {
    return Math.floor(Date.UTC(Math.floor(m / 12), ((m % 12) + 12) % 12, 1) / DAY_MS);
  }
  function monthLabel(m) {
    return MONTHS[((m % 12) + 12) % 12] + ' ' + Math.floor(m / 12);
  }

  function hexToRgb(hex) {
    const h = String(hex).replace('#', '');
    const v = h.length === 3 ? h.split('').map((c) => c + c).join('') : h;
    const n = parseInt(v, 16);
    if (!Number.isFinite(n)) return [128, 128, 128];
    return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  }
  function rgbToHex(r, g, b) {
    return '#' + [r, g, b].map((x) => Math.round(x).toString(16).padStart(2, '0')).join('');
  }
  function textColorFor(bg) {
    const [r, g, b] = hexToRgb(bg);
    const lum = (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
    return lum > 0.55 ? '#111111' : '#ffffff';
  }
  function rampColor(ramp, t) {
    const x = Math.max(0, Math.min(1, t)) * (ramp.length - 1);
    const i = Math.min(ramp.length - 2, Math.floor(x));
    const f = x - i;
    const a = hexToRgb(ramp[i]);
    const b = hexToRgb(ramp[i + 1]);
    return rgbToHex(a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f);
  }

  function b64ToBytes(s) {
    if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(s);
    const bin = atob(s);
    const n = bin.length;
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = bin.charCodeAt(i);
    return out;
  }

  /** base64(zlib(bytes)) -> ArrayBuffer, via DecompressionStream('deflate'). */
  function inflate(b64) {
    const bytes = b64ToBytes(b64);
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate'));
    return new Response(stream).arrayBuffer();
  }

  function typedFrom(buf, Ctor) {
    if (LITTLE_ENDIAN || Ctor.BYTES_PER_ELEMENT === 1) return new Ctor(buf);
    const n = buf.byteLength / Ctor.BYTES_PER_ELEMENT;
    const out = new Ctor(n);
    const dv = new DataView(buf);
    for (let i = 0; i < n; i++) out[i] = dv.getInt32(i * 4, true);
    return out;
  }

  function ensurePane(map, name, zIndex, className) {
    let pane = map.getPane(name);
    if (!pane) {
      pane = map.createPane(name);
      pane.style.zIndex = String(zIndex);
      if (className) pane.classList.add(className);
    }
    return name;
  }

  /** A control corner at the top centre (Leaflet only has the four corners). */
  function ensureTopCenter(map) {
    const corners = map._controlCorners;
    if (corners && !corners.topcenter) {
      corners.topcenter = el('div', 'leaflet-top sahel-center', map._controlContainer);
    }
    return corners && corners.topcenter ? 'topcenter' : 'topleft';
  }

  function stopMapEvents(container) {
    L.DomEvent.disableClickPropagation(container);
    L.DomEvent.disableScrollPropagation(container);
  }

  /** A generic L.Control wrapping an already built element. */
  const ElementControl = L.Control.extend({
    initialize: function (element, options) {
      L.setOptions(this, options);
      this._element = element;
    },
    onAdd: function () {
      stopMapEvents(this._element);
      return this._element;
    },
    onRemove: function () {},
    getElement: function () {
      return this._element;
    },
  });

  // ---------------------------------------------------------------- store
  class Store {
    constructor(payload) {
      if (!payload || typeof payload.n !== 'number') throw new TypeError('SahelMap.store: bad payload');
      this.payload = payload;
      this.n = payload.n | 0;
      this.types = (payload.types || []).map(String);
      this.colors = (payload.colors || []).map(String);
      this.dayMin = payload.day_min | 0;
      this.dayMax = payload.day_max | 0;
      this.missing = typeof payload.missing === 'number' ? payload.missing : MISSING_DEFAULT;
      this.chunkSize = Math.max(1, payload.chunk_size | 0);
      this.filter = { dayMin: this.dayMin, dayMax: this.dayMax };
      this.lat = this.lon = this.type = this.day = this.fatalities = null;
      this.x = this.y = null; // Web-Mercator, normalised to [0, 1] (Float64Array)
      this.decodeMs = null;
      this.maxCachedChunks = 8;
      this._listeners = [];
      this._chunks = new Map();
      this.ready = this._decode();
      this.ready.catch((err) => recordError('SahelMap.store: ' + ((err && err.message) || err)));
    }

    async _decode() {
      const t0 = performance.now();
      const p = this.payload;
      const keys = ['lat', 'lon', 'type', 'day', 'fatalities'];
      const bufs = await Promise.all(keys.map((k) => inflate(p[k])));
      this.lat = typedFrom(bufs[0], Int32Array);
      this.lon = typedFrom(bufs[1], Int32Array);
      this.type = typedFrom(bufs[2], Uint8Array);
      this.day = typedFrom(bufs[3], Int32Array);
      this.fatalities = typedFrom(bufs[4], Int32Array);
      for (const [k, a] of [['lat', this.lat], ['lon', this.lon], ['type', this.type], ['day', this.day], ['fatalities', this.fatalities]]) {
        if (a.length !== this.n) throw new Error('column ' + k + ' has ' + a.length + ' values, expected ' + this.n);
      }
      const n = this.n;
      const M = this.missing;
      const x = new Float64Array(n);
      const y = new Float64Array(n);
      const lat = this.lat;
      const lon = this.lon;
      const MAXLAT = 85.0511287798;
      const RAD = Math.PI / 180;
      const INV4PI = 1 / (4 * Math.PI);
      for (let i = 0; i < n; i++) {
        const la = lat[i];
        const lo = lon[i];
        if (la === M || lo === M) {
          x[i] = NaN;
          y[i] = NaN;
          continue;
        }
        const phi = Math.max(-MAXLAT, Math.min(MAXLAT, la * 1e-5)) * RAD;
        const s = Math.sin(phi);
        x[i] = (lo * 1e-5 + 180) / 360;
        y[i] = 0.5 - Math.log((1 + s) / (1 - s)) * INV4PI; // same formula as L.Projection.SphericalMercator
      }
      this.x = x;
      this.y = y;
      this.decodeMs = performance.now() - t0;
      return this;
    }

    get filterActive() {
      return this.filter.dayMin > this.dayMin || this.filter.dayMax < this.dayMax;
    }

    /**
     * Keep events with dayMin <= day <= dayMax.  Values are not clamped to the data range,
     * so a window outside this store's dates shows none of its events (several stores can
     * share one timeline).  Undated events pass only an unrestricted filter.
     */
    setFilter(dayMin, dayMax) {
      let a = dayMin !== null && Number.isFinite(+dayMin) ? Math.round(+dayMin) : this.dayMin;
      let b = dayMax !== null && Number.isFinite(+dayMax) ? Math.round(+dayMax) : this.dayMax;
      if (a > b) [a, b] = [b, a];
      if (a <= this.dayMin && b >= this.dayMax) {
        a = this.dayMin; // normalise "everything" so filterActive is false
        b = this.dayMax;
      }
      if (a === this.filter.dayMin && b === this.filter.dayMax) return;
      this.filter = { dayMin: a, dayMax: b };
      for (const fn of this._listeners.slice()) {
        try {
          fn(this.filter, this);
        } catch (err) {
          recordError('SahelMap filter listener: ' + ((err && err.message) || err));
        }
      }
    }

    resetFilter() {
      this.setFilter(this.dayMin, this.dayMax);
    }

    /** Subscribe to filter changes; returns an unsubscribe function. */
    onFilter(fn) {
      this._listeners.push(fn);
      return () => {
        const k = this._listeners.indexOf(fn);
        if (k >= 0) this._listeners.splice(k, 1);
      };
    }

    passes(i) {
      if (!this.filterActive) return true;
      const d = this.day[i];
      return d >= this.filter.dayMin && d <= this.filter.dayMax;
    }

    /** Number of events passing the current filter (one pass). */
    countFiltered() {
      if (!this.day) return 0;
      if (!this.filterActive) return this.n;
      const f0 = this.filter.dayMin;
      const f1 = this.filter.dayMax;
      const day = this.day;
      let c = 0;
      for (let i = 0, n = this.n; i < n; i++) {
        const d = day[i];
        if (d >= f0 && d <= f1) c++;
      }
      return c;
    }

    latLng(i) {
      return L.latLng(this.lat[i] * 1e-5, this.lon[i] * 1e-5);
    }

    /** Promise of decoded chunk k; LRU cache of maxCachedChunks chunks. */
    _chunk(k) {
      const cache = this._chunks;
      if (cache.has(k)) {
        const hit = cache.get(k);
        cache.delete(k); // LRU: move to the end
        cache.set(k, hit);
        return hit.promise;
      }
      const src = this.payload.chunks && this.payload.chunks[k];
      if (typeof src !== 'string') return Promise.reject(new RangeError('no chunk ' + k));
      const entry = { promise: null, value: null };
      entry.promise = inflate(src)
        .then((buf) => JSON.parse(new TextDecoder('utf-8').decode(buf)))
        .then((obj) => (entry.value = obj));
      entry.promise.catch(() => cache.delete(k));
      cache.set(k, entry);
      while (cache.size > this.maxCachedChunks) cache.delete(cache.keys().next().value);
      return entry.promise;
    }

    _checkIndex(i) {
      i = Number(i);
      if (!Number.isInteger(i) || i < 0 || i >= this.n) throw new RangeError('event index out of range: ' + i);
      return i;
    }

    _detailsFrom(c, i) {
      const k = Math.floor(i / this.chunkSize);
      const j = i - (typeof c.start === 'number' ? c.start : k * this.chunkSize);
      const M = this.missing;
      const d = { index: i, event_id: str(c.event_id[j]), notes: str(c.notes[j]) };
      for (const col of DICT_COLUMNS) {
        const enc = c[col];
        d[col] = enc ? enc.values[enc.codes[j]] : null;
        if (d[col] === undefined) d[col] = null;
      }
      const t = this.type[i];
      d.event_type = this.types[t] !== undefined ? this.types[t] : '';
      d.color = this.colors[t] || '#888888';
      const f = this.fatalities[i];
      d.fatalities = f < 0 ? null : f;
      d.latitude = this.lat[i] === M ? null : this.lat[i] / 1e5;
      d.longitude = this.lon[i] === M ? null : this.lon[i] / 1e5;
      d.day = this.day[i] === M ? null : this.day[i];
      return d;
    }

    /** Promise of a plain object with every field of event i (text chunk decoded on demand). */
    async details(i) {
      i = this._checkIndex(i);
      await this.ready;
      const c = await this._chunk(Math.floor(i / this.chunkSize));
      return this._detailsFrom(c, i);
    }

    /** The same object as details(i) when its chunk is already decoded, else null. */
    detailsSync(i) {
      i = this._checkIndex(i);
      if (!this.type) return null;
      const entry = this._chunks.get(Math.floor(i / this.chunkSize));
      return entry && entry.value ? this._detailsFrom(entry.value, i) : null;
    }
  }

  function toStores(x) {
    const list = Array.isArray(x) ? x.slice() : [x];
    if (!list.length || list.some((s) => !(s instanceof Store))) {
      throw new TypeError('SahelMap: expected a store from SahelMap.store() or an array of them');
    }
    return list;
  }

  const allReady = (stores) => Promise.all(stores.map((s) => s.ready));
  const allDecoded = (stores) => stores.every((s) => s.x !== null);

  // ---------------------------------------------------------------- DOM builders
  function infoTable(rows) {
    const table = el('table', 'sahel-info-table');
    const body = el('tbody', null, table);
    for (const row of rows || []) {
      if (!row) continue;
      const tr = el('tr', null, body);
      el('th', null, tr, str(row[0]));
      const td = el('td', null, tr);
      const v = row[1];
      if (v instanceof Node) td.appendChild(v);
      else td.textContent = str(v);
    }
    return table;
  }

  function eventPopupContent(d, target) {
    const root = target || el('div', 'sahel-popup');
    root.textContent = '';
    const head = el('div', 'sahel-popup-head', root);
    const sw = el('span', 'sahel-swatch', head);
    sw.style.backgroundColor = d.color || '#888888';
    el('strong', null, head, d.event_type || 'Event');
    if (d.sub_event_type) el('span', 'sahel-popup-sub', head, ' \u2014 ' + d.sub_event_type);

    const tp = TIME_PRECISION_WORDS[d.time_precision] || 'date precision unknown';
    const gp = GEO_PRECISION_WORDS[d.geo_precision] || 'unknown';
    const rows = [];
    rows.push(['Date', (d.date_text || 'unknown') + ' (' + tp + ')']);
    rows.push(['Type', d.event_type + (d.sub_event_type ? ' / ' + d.sub_event_type : '')]);
    if (d.actor1) rows.push(['Actor 1', d.actor1]);
    if (d.actor2) rows.push(['Actor 2', d.actor2]);
    rows.push(['Fatalities', d.fatalities === null ? 'unknown' : String(d.fatalities)]);
    if (d.location) rows.push(['Location', d.location]);
    if (d.region) rows.push(['Region', d.region]);
    if (d.zone) rows.push(['Zone', d.zone]);
    if (d.country && d.country_iso3) rows.push(['Country', d.country + ' (' + d.country_iso3 + ')']);
    else if (d.country || d.country_iso3) rows.push(['Country', d.country || d.country_iso3]);
    if (d.latitude !== null && d.longitude !== null) {
      rows.push(['Coordinates', d.latitude.toFixed(4) + ', ' + d.longitude.toFixed(4)]);
    }
    rows.push(['Geo precision', gp]);
    if (d.source) rows.push(['Source', d.source]);
    if (d.dataset) rows.push(['Dataset', d.dataset]);
    if (d.event_id) rows.push(['Event ID', d.event_id]);
    root.appendChild(infoTable(rows));
    if (d.notes) {
      el('div', 'sahel-popup-notes-title', root, 'Notes');
      el('p', 'sahel-popup-notes', root, d.notes);
    }
    return root;
  }

  const POPUP_OPTIONS = {
    maxWidth: 360,
    minWidth: 240,
    maxHeight: 340,
    className: 'sahel-event-popup',
    autoPanPaddingTopLeft: [50, 110], // keep clear of the title / notice boxes
    autoPanPaddingBottomRight: [250, 24], // and of the legends down the right-hand side
  };
  let popupToken = 0;

  /**
   * Open the popup of event i once its details are known: synchronously when the text
   * chunk is already decoded, otherwise after decoding it (the latest click wins).
   */
  function openEventPopup(map, store, i, latlng) {
    const token = ++popupToken;
    const container = map.getContainer();
    const show = (content) => {
      if (token !== popupToken || !map._loaded) return null;
      return L.popup(POPUP_OPTIONS).setLatLng(latlng).setContent(content).openOn(map);
    };
    const ready = store.detailsSync(i);
    if (ready) return show(eventPopupContent(ready));
    container.classList.add('sahel-loading');
    store
      .details(i)
      .then(
        (d) => show(eventPopupContent(d)),
        (err) => show(el('div', 'sahel-popup', null, 'Could not load the details of this event: ' + ((err && err.message) || err)))
      )
      .finally(() => {
        if (token === popupToken) container.classList.remove('sahel-loading');
      });
    return null;
  }

  // ---------------------------------------------------------------- events layer
  const liveEventLayers = new Set();

  /** SahelMapState.drawn sums every events layer on a map. */
  function publishDrawn(latest) {
    const sum = { clusters: 0, events: 0, inView: 0, mode: 'none', ms: 0, scanMs: 0, zoom: null, layers: 0 };
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
      this._cap = -1;
      this._grid = null;
      this._live = new Map();
      this.lastDraw = { clusters: 0, events: 0, inView: 0, mode: 'none', ms: 0, scanMs: 0, zoom: null };
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
      this.lastDraw = { clusters: 0, events: 0, inView: 0, mode: 'none', ms: 0, scanMs: 0, zoom: null };
      liveEventLayers.delete(this);
      publishDrawn(null);
    },

    getStores: function () {
      return this._stores.slice();
    },

    _ensureBuffers: function (ncell, ntypes) {
      const g = this._grid;
      if (g && g.size >= ncell && g.ntypes === ntypes) return g;
      const size = Math.max(ncell, 256);
      this._grid = {
        size: size,
        ntypes: ntypes,
        cnt: new Uint32Array(size),
        lastS: new Int32Array(size),
        lastI: new Int32Array(size),
        sx: new Float64Array(size),
        sy: new Float64Array(size),
        x0: new Float64Array(size),
        x1: new Float64Array(size),
        y0: new Float64Array(size),
        y1: new Float64Array(size),
        tc: new Uint32Array(size * ntypes),
      };
      return this._grid;
    },

    /** Recompute what is visible from the typed arrays and redraw (one pass per store). */
    redraw: function () {
      const map = this._readyToDraw();
      if (!map) return;
      const t0 = performance.now();
      const o = this.options;
      const zoom = map.getZoom();
      const scale = map.options.crs.scale(zoom);
      const pb = map.getPixelBounds();
      const cs = o.cellSize;
      const pad = 16;
      const minx = pb.min.x - pad;
      const maxx = pb.max.x + pad;
      const miny = pb.min.y - pad;
      const maxy = pb.max.y + pad;
      const gx0 = Math.floor(minx / cs);
      const gy0 = Math.floor(miny / cs);
      const gw = Math.floor(maxx / cs) - gx0 + 1;
      const gh = Math.floor(maxy / cs) - gy0 + 1;
      const ncell = gw * gh;
      const types = this._stores[0].types;
      const colors = this._stores[0].colors;
      const nt = Math.max(1, types.length);
      const g = this._ensureBuffers(ncell, nt);
      const { cnt, lastS, lastI, sx, sy, x0, x1, y0, y1, tc } = g;
      cnt.fill(0, 0, ncell);
      sx.fill(0, 0, ncell);
      sy.fill(0, 0, ncell);
      x0.fill(Infinity, 0, ncell);
      y0.fill(Infinity, 0, ncell);
      x1.fill(-Infinity, 0, ncell);
      y1.fill(-Infinity, 0, ncell);
      tc.fill(0, 0, ncell * nt);
      const cap = o.maxEvents;
      if (this._cap !== cap) {
        this._idxS = new Int32Array(cap + 1);
        this._idxI = new Int32Array(cap + 1);
        this._cap = cap;
      }
      const idxS = this._idxS;
      const idxI = this._idxI;
      const inv = 1 / cs;
      let count = 0;
      for (let si = 0; si < this._stores.length; si++) {
        const s = this._stores[si];
        const X = s.x;
        const Y = s.y;
        const T = s.type;
        const D = s.day;
        const active = s.filterActive;
        const f0 = s.filter.dayMin;
        const f1 = s.filter.dayMax;
        const n = s.n;
        for (let i = 0; i < n; i++) {
          if (active) {
            const d = D[i];
            if (d < f0 || d > f1) continue;
          }
          const px = X[i] * scale;
          if (!(px >= minx && px <= maxx)) continue;
          const py = Y[i] * scale;
          if (!(py >= miny && py <= maxy)) continue;
          if (count <= cap) {
            idxS[count] = si;
            idxI[count] = i;
          }
          count++;
          // px * inv - gx0 >= 0 here, so truncation equals floor (cells anchored to the world grid)
          const c = ((py * inv - gy0) | 0) * gw + ((px * inv - gx0) | 0);
          cnt[c]++;
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
      }
      const t1 = performance.now();

      // Refill the group.  Layers identical to ones already drawn (same event, or same
      // cluster cell / zoom / count / centroid / type) are kept instead of re-created,
      // so a pan only builds the markers that entered the view.
      const group = this._group;
      const prev = this._live;
      const next = new Map();
      const keep = (key, make) => {
        let layer = prev.get(key);
        if (layer) prev.delete(key);
        else group.addLayer((layer = make()));
        next.set(key, layer);
      };
      let nClusters = 0;
      let nEvents = 0;
      if (count > cap) {
        for (let c = 0; c < ncell; c++) {
          const k = cnt[c];
          if (k === 0) continue;
          if (k === 1) {
            const si = lastS[c];
            const i = lastI[c];
            keep('e' + si + ':' + i, () => this._eventMarker(si, i));
            nEvents++;
            continue;
          }
          let best = 0;
          for (let t = 1; t < nt; t++) if (tc[c * nt + t] > tc[c * nt + best]) best = t;
          const cx = sx[c] / k;
          const cy = sy[c] / k;
          const gx = gx0 + (c % gw);
          const gy = gy0 + Math.floor(c / gw);
          const key = 'c' + zoom + ':' + gx + ':' + gy + ':' + k + ':' + best + ':' + Math.round(cx) + ':' + Math.round(cy);
          keep(key, () => {
            const center = map.unproject([cx, cy], zoom);
            const bounds = L.latLngBounds(map.unproject([x0[c], y1[c]], zoom), map.unproject([x1[c], y0[c]], zoom));
            const pointLike = x1[c] - x0[c] < 2 && y1[c] - y0[c] < 2;
            return this._clusterMarker(center, k, best, types, colors, bounds, pointLike);
          });
          nClusters++;
        }
      } else {
        for (let j = 0; j < count; j++) {
          const si = idxS[j];
          const i = idxI[j];
          keep('e' + si + ':' + i, () => this._eventMarker(si, i));
          nEvents++;
        }
      }
      for (const layer of prev.values()) group.removeLayer(layer);
      this._live = next;

      const ms = performance.now() - t0;
      this.lastDraw = {
        clusters: nClusters,
        events: nEvents,
        inView: count,
        mode: count > cap ? 'clusters' : 'events',
        ms: Math.round(ms * 10) / 10,
        scanMs: Math.round((t1 - t0) * 10) / 10,
        zoom: zoom,
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

    _clusterMarker: function (center, count, typeIndex, types, colors, bounds, pointLike) {
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
      const label = fmtInt(count) + ' events, mostly ' + (types[typeIndex] || 'unknown') + ' \u2014 click to zoom in';
      const m = L.marker(center, {
        icon: icon,
        pane: this.options.clusterPane,
        title: label,
        riseOnHover: true,
        zIndexOffset: Math.round(Math.log10(count) * 1000), // bigger clusters on top
      });
      m.sahelCount = count;
      m.on('click', () => {
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
      });
      return m;
    },
  });

  // ---------------------------------------------------------------- heatmap layer
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
      const box = el('div', 'leaflet-control sahel-legend sahel-heat-legend');
      el('div', 'sahel-legend-title', box, this.options.legendTitle);
      const ramp = el('div', 'sahel-heat-ramp', box);
      ramp.style.background = 'linear-gradient(to right, ' + this.options.ramp.join(', ') + ')';
      ramp.style.opacity = String(Math.min(1, this.options.fillOpacity + 0.25));
      const labels = el('div', 'sahel-heat-labels', box);
      this._minLabel = el('span', 'sahel-heat-min', labels, '\u2013');
      this._maxLabel = el('span', 'sahel-heat-max', labels, '\u2013');
      el('div', 'sahel-legend-note', box, 'per ~' + this.options.cellSize + ' px cell, log scale');
      return new ElementControl(box, { position: this.options.legendPosition });
    },

    redraw: function () {
      const map = this._readyToDraw();
      if (!map) return;
      const t0 = performance.now();
      const zoom = map.getZoom();
      const scale = map.options.crs.scale(zoom);
      const pb = map.getPixelBounds();
      const cs = this.options.cellSize;
      const gx0 = Math.floor(pb.min.x / cs) - 1;
      const gy0 = Math.floor(pb.min.y / cs) - 1;
      const gw = Math.floor(pb.max.x / cs) + 1 - gx0 + 1;
      const gh = Math.floor(pb.max.y / cs) + 1 - gy0 + 1;
      const minx = gx0 * cs;
      const miny = gy0 * cs;
      const maxx = (gx0 + gw) * cs;
      const maxy = (gy0 + gh) * cs;
      const ncell = gw * gh;
      if (!this._cnt || this._cnt.length < ncell) this._cnt = new Uint32Array(Math.max(ncell, 1024));
      const cnt = this._cnt;
      cnt.fill(0, 0, ncell);
      const inv = 1 / cs;
      for (const s of this._stores) {
        const X = s.x;
        const Y = s.y;
        const D = s.day;
        const active = s.filterActive;
        const f0 = s.filter.dayMin;
        const f1 = s.filter.dayMax;
        for (let i = 0, n = s.n; i < n; i++) {
          if (active) {
            const d = D[i];
            if (d < f0 || d > f1) continue;
          }
          const px = X[i] * scale;
          if (!(px >= minx && px < maxx)) continue;
          const py = Y[i] * scale;
          if (!(py >= miny && py < maxy)) continue;
          cnt[(((py - miny) * inv) | 0) * gw + (((px - minx) * inv) | 0)]++;
        }
      }
      let max = 0;
      let min = Infinity;
      for (let c = 0; c < ncell; c++) {
        const k = cnt[c];
        if (k > max) max = k;
        if (k > 0 && k < min) min = k;
      }
      const group = this._group;
      group.clearLayers();
      let cells = 0;
      const lmax = Math.log(1 + max);
      for (let c = 0; c < ncell; c++) {
        const k = cnt[c];
        if (k === 0) continue;
        const cx = (c % gw) * cs + minx;
        const cy = Math.floor(c / gw) * cs + miny;
        const b = L.latLngBounds(map.unproject([cx, cy + cs], zoom), map.unproject([cx + cs, cy], zoom));
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
      if (this._minLabel) {
        this._minLabel.textContent = max > 0 ? fmtInt(min) : '0';
        this._maxLabel.textContent = fmtInt(max);
      }
      this.lastDraw = { cells: cells, min: max > 0 ? min : 0, max: max, ms: Math.round((performance.now() - t0) * 10) / 10 };
      State.heat = Object.assign({}, this.lastDraw);
      this.fire('sahel:draw', this.lastDraw);
    },
  });

  // ---------------------------------------------------------------- timeline layer
  const TimelineLayer = L.Layer.extend({
    options: {
      name: 'Timeline',
      position: 'bottomleft',
      stepMs: 800, // play speed, one month per step
      playWindowMonths: 12, // window used when play starts from the full range
    },

    initialize: function (stores, options) {
      L.setOptions(this, options);
      this._stores = toStores(stores);
      this._timer = null;
      this._control = null;
    },

    onAdd: function (map) {
      if (allDecoded(this._stores)) this._build(map);
      else {
        allReady(this._stores).then(() => {
          if (this._map === map && !this._control) this._build(map);
        }, () => {});
      }
    },

    onRemove: function () {
      this.stop();
      (this._unsubs || []).forEach((u) => u());
      this._unsubs = null;
      if (this._control) this._control.remove();
      this._control = null;
      this._stores.forEach((s) => s.resetFilter());
    },

    /** The full date range over every store with events, in days since 1970-01-01. */
    _range: function () {
      const withData = this._stores.filter((s) => s.n > 0);
      const list = withData.length ? withData : this._stores;
      return [Math.min(...list.map((s) => s.dayMin)), Math.max(...list.map((s) => s.dayMax))];
    },

    _build: function (map) {
      const [dMin, dMax] = this._range();
      this._dMin = dMin;
      this._dMax = dMax;
      this._m0 = dayToMonthIndex(dMin);
      this._nm = dayToMonthIndex(dMax) - this._m0;
      const box = el('div', 'leaflet-control sahel-timeline');
      box.setAttribute('role', 'group');
      box.setAttribute('aria-label', 'Time filter');
      const top = el('div', 'sahel-timeline-top', box);
      this._play = el('button', 'sahel-timeline-play', top, '\u25B6');
      this._play.type = 'button';
      this._play.title = 'Play: step the window forward month by month';
      this._play.setAttribute('aria-label', 'Play');
      this._label = el('span', 'sahel-timeline-label', top);
      this._label.setAttribute('aria-live', 'polite');
      const mk = (text) => {
        const row = el('label', 'sahel-timeline-row', box);
        el('span', 'sahel-timeline-row-label', row, text);
        const input = el('input', 'sahel-timeline-range', row);
        input.type = 'range';
        input.min = '0';
        input.max = String(this._nm);
        input.step = '1';
        input.setAttribute('aria-label', text + ' month');
        return input;
      };
      this._from = mk('From');
      this._to = mk('To');
      const f = this._stores[0].filter;
      this._from.value = String(Math.max(0, dayToMonthIndex(Math.max(f.dayMin, dMin)) - this._m0));
      this._to.value = String(Math.min(this._nm, dayToMonthIndex(Math.min(f.dayMax, dMax)) - this._m0));
      this._from.addEventListener('input', () => {
        if (+this._from.value > +this._to.value) this._to.value = this._from.value;
        this._apply();
      });
      this._to.addEventListener('input', () => {
        if (+this._to.value < +this._from.value) this._from.value = this._to.value;
        this._apply();
      });
      this._play.addEventListener('click', () => (this._timer ? this.stop() : this.play()));
      this._control = new ElementControl(box, { position: this.options.position });
      this._control.addTo(map);
      // Follow filter changes made elsewhere (e.g. store.setFilter from other code).
      this._unsubs = this._stores.map((s) => s.onFilter(() => this._syncFromStores()));
      this._apply();
    },

    _syncFromStores: function () {
      if (this._applying || !this._control) return;
      const f = this._stores[0].filter;
      this._from.value = String(Math.max(0, dayToMonthIndex(Math.max(f.dayMin, this._dMin)) - this._m0));
      this._to.value = String(Math.min(this._nm, dayToMonthIndex(Math.min(f.dayMax, this._dMax)) - this._m0));
      this._updateLabel();
    },

    _updateLabel: function () {
      const a = +this._from.value;
      const b = +this._to.value;
      const range = a === b ? monthLabel(this._m0 + a) : monthLabel(this._m0 + a) + ' \u2013 ' + monthLabel(this._m0 + b);
      let count = 0;
      for (const s of this._stores) count += s.countFiltered();
      this._label.textContent = range + ' \u00B7 ' + fmtInt(count) + ' event' + (count === 1 ? '' : 's');
    },

    /** Set the window in month offsets from the first month (inclusive). */
    setMonths: function (from, to) {
      if (!this._control) return;
      const clamp = (v) => Math.max(0, Math.min(this._nm, Math.round(v)));
      from = clamp(from);
      to = clamp(to);
      if (from > to) [from, to] = [to, from];
      this._from.value = String(from);
      this._to.value = String(to);
      this._apply();
    },

    /** The current window as {from, to} month offsets and {dayMin, dayMax}. */
    getWindow: function () {
      if (!this._control) return null;
      const a = +this._from.value;
      const b = +this._to.value;
      return { from: a, to: b, months: this._nm + 1, dayMin: this._dayOf(a, false), dayMax: this._dayOf(b, true) };
    },

    _dayOf: function (offset, end) {
      if (end) return Math.min(this._dMax, monthIndexToDay(this._m0 + offset + 1) - 1);
      return Math.max(this._dMin, monthIndexToDay(this._m0 + offset));
    },

    _apply: function () {
      const a = +this._from.value;
      const b = +this._to.value;
      const d0 = this._dayOf(a, false);
      const d1 = this._dayOf(b, true);
      this._applying = true;
      try {
        for (const s of this._stores) s.setFilter(d0, d1);
      } finally {
        this._applying = false;
      }
      this._updateLabel();
      this.fire('sahel:window', this.getWindow());
    },

    play: function () {
      if (!this._control || this._timer) return;
      let a = +this._from.value;
      let b = +this._to.value;
      if (a === 0 && b >= this._nm) b = Math.min(this._nm, this.options.playWindowMonths - 1);
      if (b >= this._nm) {
        const w = b - a;
        a = 0;
        b = w;
      }
      this.setMonths(a, b);
      this._play.textContent = '\u275A\u275A';
      this._play.setAttribute('aria-label', 'Pause');
      this._play.classList.add('sahel-playing');
      this._timer = setInterval(() => {
        const x = +this._from.value;
        const y = +this._to.value;
        if (y >= this._nm) {
          this.stop();
          return;
        }
        this.setMonths(x + 1, y + 1);
      }, this.options.stepMs);
    },

    stop: function () {
      if (this._timer) clearInterval(this._timer);
      this._timer = null;
      if (this._play) {
        this._play.textContent = '\u25B6';
        this._play.setAttribute('aria-label', 'Play');
        this._play.classList.remove('sahel-playing');
      }
    },
  });

  // ---------------------------------------------------------------- legends
  function legendBox(title, extraClass) {
    const box = el('div', 'leaflet-control sahel-legend' + (extraClass ? ' ' + extraClass : ''));
    if (title) el('div', 'sahel-legend-title', box, title);
    return box;
  }

  // One shape for both legends: a title, then [label, colour] rows with round swatches
  // (categorical) or square boxes (classed).
  function legendControl(map, opts, kind, rows, swatchClass) {
    opts = opts || {};
    const box = legendBox(opts.title, 'sahel-legend-' + kind);
    for (const item of rows || []) {
      const row = el('div', 'sahel-legend-row', box);
      const sw = el('span', swatchClass, row);
      sw.style.backgroundColor = str(item[1]);
      el('span', 'sahel-legend-label', row, str(item[0]));
    }
    if (opts.note) el('div', 'sahel-legend-note', box, opts.note);
    const ctl = new ElementControl(box, { position: opts.position || 'bottomright' });
    if (map) ctl.addTo(map);
    return ctl;
  }

  function legend(map, opts) {
    return legendControl(map, opts, 'categorical', (opts || {}).items, 'sahel-swatch');
  }

  function classedLegend(map, opts) {
    return legendControl(map, opts, 'classed', (opts || {}).bins, 'sahel-box');
  }

  // ---------------------------------------------------------------- chrome
  function button(parent, className, label, title) {
    const b = el('button', 'sahel-btn ' + (className || ''), parent, label);
    b.type = 'button';
    if (title) {
      b.title = title;
      b.setAttribute('aria-label', title);
    }
    return b;
  }

  function titleControl(map, opts) {
    const box = el('div', 'leaflet-control sahel-title');
    el('div', 'sahel-title-main', box, opts.title);
    if (opts.subtitle) el('div', 'sahel-title-sub', box, opts.subtitle);
    return new ElementControl(box, { position: ensureTopCenter(map) }).addTo(map);
  }

  function fullscreenControl(map) {
    const bar = el('div', 'leaflet-control leaflet-bar sahel-fullscreen');
    const b = button(bar, 'sahel-fullscreen-btn', null, 'Toggle full screen');
    el('span', 'sahel-fs-icon', b);
    const c = map.getContainer();
    const isOn = () => document.fullscreenElement === c || c.classList.contains('sahel-pseudo-fullscreen');
    const sync = () => {
      const on = isOn();
      b.setAttribute('aria-pressed', on ? 'true' : 'false');
      bar.classList.toggle('sahel-on', on);
      map.invalidateSize();
    };
    const pseudo = (on) => {
      c.classList.toggle('sahel-pseudo-fullscreen', on);
      document.documentElement.classList.toggle('sahel-pseudo-fullscreen-root', on);
      sync();
    };
    b.addEventListener('click', () => {
      if (document.fullscreenElement === c) {
        document.exitFullscreen().catch(() => {});
      } else if (c.classList.contains('sahel-pseudo-fullscreen')) {
        pseudo(false);
      } else if (c.requestFullscreen && document.fullscreenEnabled) {
        c.requestFullscreen().catch(() => pseudo(true));
      } else {
        pseudo(true);
      }
    });
    document.addEventListener('fullscreenchange', sync);
    document.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && c.classList.contains('sahel-pseudo-fullscreen')) pseudo(false);
    });
    const ctl = new ElementControl(bar, { position: 'topleft' }).addTo(map);
    ctl.toggle = () => b.click();
    ctl.isFullscreen = isOn;
    return ctl;
  }

  function minimapControl(map, geojson) {
    const box = el('div', 'leaflet-control sahel-minimap');
    const holder = el('div', 'sahel-minimap-map', box);
    const toggle = button(box, 'sahel-minimap-toggle', '\u2212', 'Hide overview map');
    const ctl = new ElementControl(box, { position: 'bottomright' }).addTo(map);
    const mini = L.map(holder, {
      attributionControl: false,
      zoomControl: false,
      dragging: false,
      scrollWheelZoom: false,
      doubleClickZoom: false,
      boxZoom: false,
      keyboard: false,
      touchZoom: false,
      tap: false,
      zoomSnap: 0.1,
      inertia: false,
      fadeAnimation: false,
      zoomAnimation: false,
      crs: map.options.crs,
    });
    let base = null;
    if (geojson) {
      const gj = L.geoJSON(geojson, {
        interactive: false,
        style: { color: '#5a5a5a', weight: 0.8, fillColor: '#e4e1d8', fillOpacity: 1 },
      }).addTo(mini);
      const b = gj.getBounds();
      if (b.isValid()) base = b;
    }
    const rect = L.rectangle([[0, 0], [0, 0]], {
      interactive: false,
      color: '#c0392b',
      weight: 1.5,
      fillColor: '#c0392b',
      fillOpacity: 0.12,
    });
    // The rectangle vanishes at high zoom: a dot keeps the position visible.
    const dot = L.circleMarker([0, 0], {
      interactive: false,
      radius: 3,
      color: '#c0392b',
      weight: 1,
      fillColor: '#c0392b',
      fillOpacity: 1,
    });
    if (base) mini.fitBounds(base, { animate: false });
    const sync = () => {
      if (!map._loaded || box.classList.contains('sahel-collapsed')) return;
      const mb = map.getBounds();
      rect.setBounds(mb);
      dot.setLatLng(map.getCenter());
      if (!mini.hasLayer(rect)) {
        rect.addTo(mini);
        dot.addTo(mini);
      }
      const view = base ? L.latLngBounds(base.getSouthWest(), base.getNorthEast()).extend(mb) : mb.pad(2);
      mini.invalidateSize(false);
      mini.fitBounds(view, { animate: false, padding: [4, 4] });
    };
    map.on('moveend zoomend resize', sync);
    map.on('move', () => {
      if (!mini.hasLayer(rect)) return;
      rect.setBounds(map.getBounds());
      dot.setLatLng(map.getCenter());
    });
    mini.on('click', (e) => map.panTo(e.latlng));
    toggle.addEventListener('click', () => {
      const collapsed = box.classList.toggle('sahel-collapsed');
      toggle.textContent = collapsed ? '+' : '\u2212';
      toggle.title = collapsed ? 'Show overview map' : 'Hide overview map';
      toggle.setAttribute('aria-label', toggle.title);
      if (!collapsed) sync();
    });
    map.whenReady(() => setTimeout(sync, 0));
    ctl.minimap = mini;
    ctl.rectangle = rect;
    ctl.sync = sync;
    return ctl;
  }

  function measureControl(map) {
    const bar = el('div', 'leaflet-control leaflet-bar sahel-measure');
    const b = button(bar, 'sahel-measure-btn', null, 'Measure distance (click points, Esc to finish)');
    el('span', 'sahel-measure-icon', b);
    const readout = el('div', 'sahel-measure-readout', bar);
    const readText = el('span', 'sahel-measure-text', readout);
    const clear = button(readout, 'sahel-measure-clear', '\u00D7', 'Clear measurement');
    readout.hidden = true;
    let active = false;
    let points = [];
    let total = 0;
    let line = null;
    let dots = null;
    let dblWasOn = false;
    const fmtKm = (m) => (m >= 100000 ? (m / 1000).toFixed(0) : (m / 1000).toFixed(1)) + ' km';
    const clearDrawing = () => {
      if (line) map.removeLayer(line);
      if (dots) map.removeLayer(dots);
      line = dots = null;
      points = [];
      total = 0;
      readout.hidden = true;
    };
    const update = () => {
      readout.hidden = false;
      if (points.length === 0) readText.textContent = 'Click on the map to add points. Esc to finish.';
      else readText.textContent = (active ? 'Distance: ' : 'Total: ') + fmtKm(total) + ' (' + points.length + ' point' + (points.length === 1 ? '' : 's') + ')';
    };
    const onClick = (e) => {
      const ll = e.latlng;
      if (points.length) total += map.distance(points[points.length - 1], ll);
      points.push(ll);
      line.addLatLng(ll);
      dots.addLayer(L.circleMarker(ll, { radius: 3, color: '#111', weight: 1, fillColor: '#fff', fillOpacity: 1, interactive: false }));
      update();
    };
    const onKey = (e) => {
      if (e.key === 'Escape') stop();
    };
    function start() {
      clearDrawing();
      active = true;
      map.sahelMeasuring = true;
      bar.classList.add('sahel-on');
      b.setAttribute('aria-pressed', 'true');
      map.getContainer().classList.add('sahel-measuring');
      line = L.polyline([], { color: '#111', weight: 2, dashArray: '6 4', interactive: false }).addTo(map);
      dots = L.layerGroup().addTo(map);
      dblWasOn = map.doubleClickZoom && map.doubleClickZoom.enabled();
      if (dblWasOn) map.doubleClickZoom.disable();
      map.on('click', onClick);
      document.addEventListener('keydown', onKey);
      update();
    }
    function stop() {
      if (!active) return;
      active = false;
      map.sahelMeasuring = false;
      bar.classList.remove('sahel-on');
      b.setAttribute('aria-pressed', 'false');
      map.getContainer().classList.remove('sahel-measuring');
      map.off('click', onClick);
      document.removeEventListener('keydown', onKey);
      if (dblWasOn) map.doubleClickZoom.enable();
      if (points.length < 2) clearDrawing();
      else update();
    }
    b.addEventListener('click', () => (active ? stop() : start()));
    clear.addEventListener('click', () => {
      stop();
      clearDrawing();
    });
    const ctl = new ElementControl(bar, { position: 'topleft' }).addTo(map);
    ctl.start = start;
    ctl.stop = stop;
    ctl.total = () => total;
    ctl.isActive = () => active;
    return ctl;
  }

  function tileNotice(map, text) {
    let ctl = null;
    const show = () => {
      if (ctl) return;
      const box = el('div', 'leaflet-control sahel-tile-notice');
      box.setAttribute('role', 'status');
      el('span', 'sahel-tile-notice-text', box, text);
      const close = button(box, 'sahel-tile-notice-close', '\u00D7', 'Dismiss');
      ctl = new ElementControl(box, { position: ensureTopCenter(map) }).addTo(map);
      close.addEventListener('click', () => box.classList.add('sahel-dismissed'));
    };
    const onError = () => {
      State.tileErrors = (State.tileErrors || 0) + 1;
      show();
    };
    const watch = (layer) => {
      if (layer instanceof L.TileLayer && !layer.sahelWatched) {
        layer.sahelWatched = true;
        layer.on('tileerror', onError);
      }
    };
    map.eachLayer(watch);
    map.on('layeradd', (e) => watch(e.layer));
    return { show: show };
  }

  function chrome(map, opts) {
    opts = opts || {};
    const out = {};
    if (opts.title || opts.subtitle) out.title = titleControl(map, opts);
    if (opts.fullscreen !== false) out.fullscreen = fullscreenControl(map);
    if (opts.measure !== false) out.measure = measureControl(map);
    if (opts.scale !== false) {
      out.scale = L.control.scale({ metric: true, imperial: true, position: opts.scalePosition || 'bottomleft', maxWidth: 150 }).addTo(map);
    }
    if (opts.minimap !== false) out.minimap = minimapControl(map, opts.minimapGeojson || null);
    if (opts.tileNotice !== false) {
      out.tileNotice = tileNotice(
        map,
        opts.tileNoticeText || 'Base map tiles could not load (offline?). All data layers still work.'
      );
    }
    return out;
  }

  // ---------------------------------------------------------------- place search
  function normalise(s) {
    return str(s).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim();
  }

  function placeSearch(map, places, opts) {
    opts = opts || {};
    const maxResults = opts.maxResults || 8;
    const zoom = opts.zoom || 9;
    const list = (places || [])
      .filter((p) => p && Number.isFinite(+p.lat) && Number.isFinite(+p.lon))
      .map((p) => ({ name: str(p.name), country: str(p.country), lat: +p.lat, lon: +p.lon, key: normalise(p.name) }));
    const box = el('div', 'leaflet-control sahel-search');
    box.setAttribute('role', 'search');
    const input = el('input', 'sahel-search-input', box);
    input.type = 'search';
    input.placeholder = opts.placeholder || 'Find a place\u2026';
    input.setAttribute('aria-label', 'Find a place');
    input.setAttribute('autocomplete', 'off');
    const ul = el('ul', 'sahel-search-results', box);
    ul.setAttribute('role', 'listbox');
    ul.hidden = true;
    let current = [];
    let active = -1;
    let popup = null;

    const render = () => {
      ul.textContent = '';
      current.forEach((p, k) => {
        const li = el('li', 'sahel-search-result' + (k === active ? ' sahel-active' : ''), ul);
        li.setAttribute('role', 'option');
        el('span', 'sahel-search-name', li, p.name);
        if (p.country) el('span', 'sahel-search-country', li, p.country);
        li.addEventListener('mousedown', (e) => {
          e.preventDefault();
          choose(p);
        });
      });
      ul.hidden = current.length === 0;
    };
    const search = () => {
      const q = normalise(input.value);
      active = -1;
      if (!q) {
        current = [];
        render();
        return;
      }
      const starts = [];
      const contains = [];
      for (const p of list) {
        const at = p.key.indexOf(q);
        if (at === 0) starts.push(p);
        else if (at > 0) contains.push(p);
        if (starts.length >= maxResults) break;
      }
      current = starts.concat(contains).slice(0, maxResults);
      render();
    };
    const choose = (p) => {
      input.value = p.name;
      current = [];
      render();
      const ll = L.latLng(p.lat, p.lon);
      map.setView(ll, Math.max(map.getZoom(), zoom));
      const content = el('div', 'sahel-place-popup');
      el('strong', null, content, p.name);
      if (p.country) el('div', 'sahel-place-country', content, p.country);
      if (popup) map.closePopup(popup);
      popup = L.popup({ className: 'sahel-place-popup-wrap', autoPan: true }).setLatLng(ll).setContent(content).openOn(map);
    };
    input.addEventListener('input', search);
    input.addEventListener('keydown', (e) => {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        if (!current.length) return;
        e.preventDefault();
        active = (active + (e.key === 'ArrowDown' ? 1 : -1) + current.length) % current.length;
        render();
      } else if (e.key === 'Enter') {
        e.preventDefault();
        if (current.length) choose(current[Math.max(0, active)]);
      } else if (e.key === 'Escape') {
        current = [];
        render();
      }
    });
    input.addEventListener('blur', () => {
      setTimeout(() => {
        if (document.activeElement === input) return;
        current = [];
        render();
      }, 150);
    });
    const ctl = new ElementControl(box, { position: opts.position || 'topright' }).addTo(map);
    ctl.search = (q) => {
      input.value = q;
      search();
      return current.map((p) => ({ name: p.name, country: p.country, lat: p.lat, lon: p.lon }));
    };
    ctl.choose = (k) => {
      if (current[k]) choose(current[k]);
    };
    return ctl;
  }

  // ---------------------------------------------------------------- exports
  // Merge, so helpers loaded before this file (e.g. SahelMap.notes) survive.
  global.SahelMap = Object.assign(global.SahelMap || {}, {
    version: '1.0.0',
    Store: Store,
    store: (payload) => new Store(payload),
    EventsLayer: EventsLayer,
    HeatmapLayer: HeatmapLayer,
    TimelineLayer: TimelineLayer,
    eventsLayer: (store, opts) => new EventsLayer(store, opts),
    heatmapLayer: (store, opts) => new HeatmapLayer(store, opts),
    timelineLayer: (store, opts) => new TimelineLayer(store, opts),
    legend: legend,
    classedLegend: classedLegend,
    infoTable: infoTable,
    eventPopupContent: eventPopupContent,
    openEventPopup: openEventPopup,
    chrome: chrome,
    placeSearch: placeSearch,
    util: {
      el: el,
      fmtInt: fmtInt,
      fmtCompact: fmtCompact,
      dayToText: dayToText,
      rampColor: rampColor,
      inflate: inflate,
      HEAT_RAMP: HEAT_RAMP,
      TIME_PRECISION_WORDS: TIME_PRECISION_WORDS,
      GEO_PRECISION_WORDS: GEO_PRECISION_WORDS,
    },
  });
})(window);
