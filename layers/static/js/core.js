/*
 * core.js - what every page file of the SahelMap browser library uses: the state hooks,
 * the L guard, constants, DOM helpers and the generic ElementControl.
 *
 * The library is the files of layers/_bundle.py JS_FILES, concatenated in that order
 * inside one function scope `(function (global) { 'use strict'; ... })(window)`: a file
 * may use what the files before it define (tests/layers/test_bundle_order.py), nothing is
 * global but what api.js exports.  The files before this one are pure logic, without
 * document, window, L or navigator (format.js says how node's tests load them).
 * Requires Leaflet 1.9 as the global `L`.  No other dependency, no network.  Plain ES2020.
 *
 * Safety rule: every string that comes from data is put into the DOM with
 * document.createElement + textContent (or setAttribute / style properties),
 * never through innerHTML or HTML strings.  Popups and tooltips receive
 * HTMLElements.
 *
 * window.SahelMapState = {firstDrawMs, drawn: {clusters, events, inView, mode, ms, scanMs,
 *   zoom, layers} (summed over every events layer on the map), heat: {cells, min, max, ms},
 *   tileErrors, errors: [], chart: {series: [key], m0, binMonths, events: [series * nbins + bin]}
 *   (the zone chart's last draw, chart.js)}
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
const TIME_PRECISION_WORDS = { 1: 'exact day', 2: 'within a week', 3: 'within a month' };
const GEO_PRECISION_WORDS = {
  1: 'exact location',
  2: 'approximate (near the named place / district)',
  3: 'regional (province or region centroid)',
};

/** createElement + className + textContent; the only way this library makes DOM. */
function el(tag, className, parent, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined && text !== null) e.textContent = String(text);
  if (parent) parent.appendChild(e);
  return e;
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
