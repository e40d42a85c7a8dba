/*
 * core.js - what every other file of the SahelMap browser library uses: the state hooks,
 * the L guard, constants, DOM / number / date / colour helpers, payload inflation and
 * the generic ElementControl.
 *
 * The library is the files of layers/_render.py JS_FILES, concatenated in that order
 * inside one function scope `(function (global) { 'use strict'; ... })(window)`: a file
 * may use what the files before it define, nothing is global but what api.js exports.
 * Requires Leaflet 1.9 as the global `L`.  No other dependency, no network.  Plain ES2020.
 *
 * Safety rule: every string that comes from data is put into the DOM with
 * document.createElement + textContent (or setAttribute / style properties),
 * never through innerHTML or HTML strings.  Popups and tooltips receive
 * HTMLElements.
 *
 * window.SahelMapState = {firstDrawMs, drawn: {clusters, events, inView, mode, ms, scanMs,
 *   zoom, layers} (summed over every events layer on the map), heat: {cells, min, max, ms},
 *   tileErrors, errors: []}
 * document event 'sahelmap:firstdraw' after the first events-layer draw.
 */

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

// Recorded in State.errors by the 'error' listener above; nothing below can run without L.
if (!L) throw new Error('SahelMap: Leaflet (global L) is not loaded');

// ---------------------------------------------------------------- helpers
const MISSING_DEFAULT = -2147483648;
const DAY_MS = 86400000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const TIME_PRECISION_WORDS = { 1: 'exact day', 2: 'within a week', 3: 'within a month' };
const GEO_PRECISION_WORDS = {
  1: 'exact location',
  2: 'approximate (near the named place / district)',
  3: 'regional (province or region centroid)',
};
// Sequential ramp (ColorBrewer YlOrRd, 7 classes).
const HEAT_RAMP = ['#ffffb2', '#fed976', '#feb24c', '#fd8d3c', '#fc4e2a', '#e31a1c', '#b10026'];
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** createElement + className + textContent; the only way this library makes DOM. */
function el(tag, className, parent, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined && text !== null) e.textContent = String(text);
  if (parent) parent.appendChild(e);
  return e;
}

/** `template` with each {name} replaced by vars[name] (for the STRINGS objects of each file). */
function tpl(template, vars) {
  return String(template).replace(/\{(\w+)\}/g, (m, k) => (vars && k in vars ? String(vars[k]) : m));
}

const SVG_NS = 'http://www.w3.org/2000/svg';
/** An SVG element with attributes (numbers and strings, never markup). */
function svgEl(tag, attrs, parent) {
  const e = document.createElementNS(SVG_NS, tag);
  for (const k in attrs || {}) e.setAttribute(k, String(attrs[k]));
  if (parent) parent.appendChild(e);
  return e;
}

/** Make a DOM element act as a button for the keyboard: Tab reaches it, Enter or Space runs `fn`. */
function keyboardButton(element, label, fn) {
  element.setAttribute('tabindex', '0');
  element.setAttribute('role', 'button');
  element.setAttribute('aria-label', label);
  element.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ' || e.key === 'Spacebar') {
      e.preventDefault();
      e.stopPropagation();
      fn(e);
    }
  });
}

function str(v) {
  return v === undefined || v === null ? '' : String(v);
}

/** The thousands separator of the page's locale (page.locale in the catalogue), found once. */
function groupSeparator() {
  const locale = t('page.locale');
  if (groupSeparator.locale !== locale) {
    groupSeparator.locale = locale;
    groupSeparator.sep = (1000).toLocaleString(locale).replace(/\d/g, '') || ',';
  }
  return groupSeparator.sep;
}

/** 1234567 -> "1,234,567" in English, "1 234 567" in French (toLocaleString is ~50x slower,
 * and it is called per marker). */
function fmtInt(n) {
  const v = Number(n);
  if (!Number.isFinite(v)) return String(v);
  const r = Math.round(v);
  const digits = String(Math.abs(r)).replace(/\B(?=(\d{3})+(?!\d))/g, groupSeparator());
  return (r < 0 ? '-' : '') + digits;
}

/** Milliseconds to one decimal, as SahelMapState reports them. */
function round1(ms) {
  return Math.round(ms * 10) / 10;
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
  return t('month.' + ((((m % 12) + 12) % 12) + 1)) + ' ' + Math.floor(m / 12);
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

// Element types of the payload's typed columns (NUMERIC_COLUMNS in layers/_payload.py).
const TYPED_ARRAYS = { int32: Int32Array, uint8: Uint8Array, uint16: Uint16Array, uint32: Uint32Array };
const DATAVIEW_GETTERS = { int32: 'getInt32', uint16: 'getUint16', uint32: 'getUint32' };

/** Little-endian bytes as the typed array of `dtype`, a key of TYPED_ARRAYS. */
function typedFrom(buf, dtype) {
  const Ctor = TYPED_ARRAYS[dtype];
  if (!Ctor) throw new TypeError('unknown column type ' + dtype + '; expected one of ' + Object.keys(TYPED_ARRAYS));
  if (LITTLE_ENDIAN || Ctor.BYTES_PER_ELEMENT === 1) return new Ctor(buf);
  const size = Ctor.BYTES_PER_ELEMENT; // big-endian machine: swap each value
  const out = new Ctor(buf.byteLength / size);
  const dv = new DataView(buf);
  const get = dv[DATAVIEW_GETTERS[dtype]].bind(dv);
  for (let i = 0; i < out.length; i++) out[i] = get(i * size, true);
  return out;
}

/** A code column sent as code + 1 in a narrow unsigned type, widened to Int32Array (-1 = none). */
function widenPackedCodes(packed) {
  const out = new Int32Array(packed.length);
  for (let i = 0; i < packed.length; i++) out[i] = packed[i] - 1;
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

/** Call onError on each tile error of the map's tile layers, those there now and those added later. */
function onTileError(map, onError) {
  const watched = new WeakSet();
  const watch = (layer) => {
    if (layer instanceof L.TileLayer && !watched.has(layer)) {
      watched.add(layer);
      layer.on('tileerror', onError);
    }
  };
  map.eachLayer(watch);
  map.on('layeradd', (e) => watch(e.layer));
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
