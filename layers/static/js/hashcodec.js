/*
 * hashcodec.js - the URL hash's text (hash.js reads and writes it, README "URL hash"):
 * 'a=1&b=x/y' <-> {a: '1', b: 'x/y'}, the view as "zoom/lat/lon", months as "YYYY-MM", the
 * district filter's P-code, and the layers' link keys (and the slugs of their names that
 * older links carry).  Pure (see
 * format.js for how node loads it).
 */

/** 'a=1&b=x/y' (with or without '#') -> {a: '1', b: 'x/y'}; a bad escape is kept as written. */
function parseHash(text) {
  const out = {};
  for (const part of String(text || '').replace(/^#/, '').split('&')) {
    if (!part) continue;
    const at = part.indexOf('=');
    const decode = (s) => {
      try {
        return decodeURIComponent(s.replace(/\+/g, ' '));
      } catch (e) {
        return s;
      }
    };
    out[decode(at < 0 ? part : part.slice(0, at))] = at < 0 ? '' : decode(part.slice(at + 1));
  }
  return out;
}

/** [[key, value]] -> '#key=value&...', leaving / , : readable; '' for no pairs. */
function formatHash(pairs) {
  const enc = (s) => encodeURIComponent(s).replace(/%2F/g, '/').replace(/%2C/g, ',').replace(/%3A/g, ':');
  const text = pairs.map(([k, v]) => enc(k) + '=' + enc(v)).join('&');
  return text ? '#' + text : '';
}

/** Decimals that keep the centre within a pixel: more as the zoom grows (as OSM does). */
function hashDecimals(zoom) {
  return Math.max(2, Math.ceil(Math.log10(Math.pow(2, zoom))));
}

/** The `map` key's value: "zoom/lat/lon". */
function viewText(zoom, lat, lng) {
  const d = hashDecimals(zoom);
  return [+zoom.toFixed(2), lat.toFixed(d), lng.toFixed(d)].join('/');
}

/** "zoom/lat/lon" -> [zoom, lat, lon]; throws on anything else. */
function parseViewText(text) {
  const [zoom, lat, lng] = String(text).split('/').map(Number);
  if (![zoom, lat, lng].every(Number.isFinite)) throw new Error('expected zoom/latitude/longitude');
  return [zoom, lat, lng];
}

/** 'YYYY-MM' -> the first (or last) day of that month, in days since 1970-01-01. */
function monthDay(text, last) {
  const m = /^(\d{4})-(\d{2})$/.exec(String(text));
  if (!m || +m[2] < 1 || +m[2] > 12) throw new Error('expected YYYY-MM');
  const index = +m[1] * 12 + (+m[2] - 1);
  return last ? monthIndexToDay(index + 1) - 1 : monthIndexToDay(index);
}

/** The hash's district key: a P-code of `codes` (the page's districts), as written; throws on
 * any other (the page then records it and leaves the filter as it was). */
function districtFromHash(text, codes) {
  const code = String(text);
  if (!code || codes.indexOf(code) < 0) throw new Error('unknown district ' + JSON.stringify(code));
  return code;
}

/** "Événements (UCDP)" -> "evenements-ucdp": ASCII letters and digits joined by '-'. */
function slugOf(text) {
  return str(text)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Overlay names (as text) -> their slugs: the name without a trailing "(...)" and before the
 * first " · ", or the whole name when two would share that; "-2", "-3" when still equal. */
function overlaySlugList(names) {
  // "Events: UCDP GED 21.1 · BFA, NER · 2019–2020" -> events-ucdp-ged-21-1
  const short = names.map((n) => slugOf(n.split(' \u00B7 ')[0].replace(/\([^)]*\)\s*$/, '')));
  const seen = new Set();
  return names.map((name, k) => {
    let slug = short.filter((s) => s === short[k]).length > 1 ? slugOf(name) : short[k];
    for (let n = 2; seen.has(slug); n++) slug = short[k] + '-' + n;
    seen.add(slug);
    return slug;
  });
}

/** A base map's slug: its name after the last colon, without a trailing "(...)"
 * ("Base map: satellite (Esri World Imagery)" -> satellite). */
function baseSlug(name) {
  return slugOf(name.split(':').pop().replace(/\([^)]*\)\s*$/, ''));
}

/** The tokens a link may name layers by -> their index in `entries` ([[key, {lang: name}]]):
 * each layer's key (the overlay registry's, the same in every language), then the slugs
 * links carried before keys, `slugs(names)` of its names in each language, so that old
 * links, made on the page in either language, still open. */
function linkTokens(entries, slugs) {
  const index = new Map(entries.map(([key], k) => [key, k]));
  const langs = new Set(entries.flatMap(([, names]) => Object.keys(names || {})));
  for (const lang of langs) {
    slugs(entries.map(([, names]) => (names && names[lang]) || '')).forEach((slug, k) => {
      if (slug && !index.has(slug)) index.set(slug, k);
    });
  }
  return index;
}

/** The address a shared link or embed code gives: the map's public address (--public-url)
 * when it has one, else the page's own address unless that is a file (a map opened from disk
 * must be published first: null); with `hash`, the view, in place of any hash. */
function shareAddress(pageUrl, publicUrl, hash) {
  const base = publicUrl ? String(publicUrl) : /^file:/i.test(String(pageUrl)) ? null : String(pageUrl);
  return base === null ? null : base.split('#')[0] + (hash || '');
}

if (typeof module === 'object' && module.exports) {
  module.exports = { parseHash, formatHash, hashDecimals, viewText, parseViewText, monthDay, districtFromHash,
    slugOf, overlaySlugList, baseSlug, linkTokens, shareAddress };
}
