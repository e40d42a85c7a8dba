/*
 * i18n.js - the interface strings of the page's language, t(key, {name: value}), and its
 * numbers (fmtInt) and month names (monthLabel).
 *
 * English (window.SahelMapStrings, set before the library by layers/_render.py) until the page calls
 * SahelMap.setStrings(lang, strings) before the map is made (layers/compose.py sends the
 * whole catalogue of layers/i18n/<lang>.toml).  A key the
 * catalogue lacks comes back as the key itself and is recorded in SahelMapState.errors, so
 * tests notice it.  Leaflet's own English strings (zoom buttons, layer control, popup
 * close button, attribution prefix) are set from the catalogue too.
 */
let STRINGS = global.SahelMapStrings || {};

function t(key, fmt) {
  const text = Object.prototype.hasOwnProperty.call(STRINGS, key) ? STRINGS[key] : null;
  if (text === null) {
    recordError('i18n: no string ' + key);
    return key;
  }
  if (!fmt) return text;
  return text.replace(/\{(\w+)\}/g, (m, name) => (name in fmt ? String(fmt[name]) : m));
}

/** A translated value if the catalogue has one (e.g. event types), else the value itself. */
function tOr(key, fallback) {
  return Object.prototype.hasOwnProperty.call(STRINGS, key) ? STRINGS[key] : fallback;
}

// Tables of a module's strings, written in English where they are used (FILTER_STRINGS in
// filters.js, ...): stringTable('filters', {...}) fills each entry k from the catalogue's
// `filters.k`, now and whenever setStrings changes the language.
const STRING_TABLES = [];

function fillStringTable(prefix, table) {
  for (const k of Object.keys(table)) {
    const key = prefix + '.' + k;
    if (Object.prototype.hasOwnProperty.call(STRINGS, key)) table[k] = STRINGS[key];
    else if (Object.keys(STRINGS).length) recordError('i18n: no string ' + key);
  }
}

function stringTable(prefix, english) {
  STRING_TABLES.push([prefix, english]);
  fillStringTable(prefix, english);
  return english;
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
  return groupDigits(n, groupSeparator());
}

/** A count in words, by the page language's plural rule: table[key + '_one'] where the rule
 * says "one" (English 1; French 0 and 1: "1 tué", "0 tué") and the table has it, else
 * table[key]; {n} is the count written with fmtInt. */
function plural(table, key, n) {
  const locale = t('page.locale');
  if (plural.locale !== locale) {
    plural.locale = locale;
    plural.rules = new Intl.PluralRules(locale);
  }
  const form = table[key + '_' + plural.rules.select(n)];
  return tpl(form !== undefined ? form : table[key], { n: fmtInt(n) });
}

/** n with `digits` decimals in the page's language: "1.80" in English, "1,80" in French. */
function fmtDecimal(n, digits) {
  const locale = t('page.locale');
  if (fmtDecimal.locale !== locale) {
    fmtDecimal.locale = locale;
    fmtDecimal.mark = (1.5).toLocaleString(locale).replace(/\d/g, '') || '.';
  }
  return decimalDigits(n, digits, groupSeparator(), fmtDecimal.mark);
}

/** Month index -> "Jan 2019" in the page's language. */
function monthLabel(m) {
  return t('month.' + monthOfYear(m)) + ' ' + Math.floor(m / 12);
}

/** An event type as the page's language names it (the data keep the English name). */
function typeName(type) {
  return tOr('event_type.' + type, type);
}

function localiseLeaflet() {
  L.Control.Zoom.prototype.options.zoomInTitle = t('page.zoom_in');
  L.Control.Zoom.prototype.options.zoomOutTitle = t('page.zoom_out');
  const link = document.createElement('a');
  link.href = 'https://leafletjs.com';
  link.title = t('page.leaflet_title');
  link.textContent = 'Leaflet';
  L.Control.Attribution.prototype.options.prefix = link.outerHTML;
  if (localiseLeaflet.done) return;
  localiseLeaflet.done = true;
  // The layers button and the popups' close button carry Leaflet's English labels: relabel
  // each when it is added (onAdd, public; wrapped with L.Class.include).
  const layersOnAdd = L.Control.Layers.prototype.onAdd;
  L.Control.Layers.include({
    onAdd: function (map) {
      const container = layersOnAdd.call(this, map);
      const link = container.querySelector('.leaflet-control-layers-toggle');
      if (link) {
        link.title = t('page.layers');
        link.setAttribute('aria-label', t('page.layers'));
      }
      return container;
    },
  });
  const popupOnAdd = L.Popup.prototype.onAdd;
  L.Popup.include({
    onAdd: function (map) {
      popupOnAdd.call(this, map);
      const close = this.getElement().querySelector('.leaflet-popup-close-button');
      if (close) close.setAttribute('aria-label', t('page.close_popup'));
    },
  });
}

function setStrings(lang, strings) {
  STRINGS = Object.assign({}, strings);
  for (const [prefix, table] of STRING_TABLES) fillStringTable(prefix, table);
  document.documentElement.lang = lang;
  localiseLeaflet();
}
