/*
 * hash.js - the view in the URL hash, so that a copied link reopens the map as it was:
 *
 *   #map=6/16.20/-1.50&layers=regions,events-ucdp-ged211&from=2019-01&to=2020-12
 *
 *   map     zoom/latitude/longitude of the centre (more decimals as the zoom grows)
 *   layers  the overlays shown, by their link keys (the overlay registry's, the same in every
 *           language: layers/overlays.py link_keys), in the layer control's order; the slugs
 *           of their names that older links carry ("mali-regions", "regions-du-mali") still open
 *   base    the base map, when the reader changed it (osm, satellite, none, ...)
 *   from    first month of the time window (YYYY-MM), when the window is narrower than the data
 *   to      last month of the time window
 *   hide, actor, country, zone, district, killed   the page's filters (filters.js), each when set
 *   metric  the choropleth's measure (killed, density) when not the events count (live.js)
 * A key that is absent leaves that part as the page opens.  Other modules add keys with
 * SahelMap.hash.register(key, get, set): get() -> string ('' or null leaves the key out),
 * set(string) restores it; a key in the opened URL is applied when it is registered, and
 * module code calls SahelMap.hash.update() when its state changes.  Writes use
 * history.replaceState (no history entry per pan), at most every HASH_DELAY_MS.
 */
const HASH_DELAY_MS = 250;
const HASH = { map: null, keys: [], opened: {}, timer: 0, started: false, writing: false };

// The hash the page was opened with, read before anything rewrites it.
HASH.opened = parseHash(global.location.hash);

function currentHashPairs() {
  const pairs = [];
  for (const k of HASH.keys) {
    let v = null;
    try {
      v = k.get();
    } catch (e) {
      recordError('hash ' + k.key + ': ' + e.message);
    }
    if (v !== null && v !== undefined && v !== '') pairs.push([k.key, String(v)]);
  }
  return pairs;
}

function writeHash() {
  HASH.timer = 0;
  const hash = formatHash(currentHashPairs());
  if (hash === global.location.hash || (!hash && !global.location.hash)) return;
  const url = global.location.href.split('#')[0] + hash;
  try {
    global.history.replaceState(global.history.state, '', url);
  } catch (e) {
    // Some embedders (sandboxed iframes, about:srcdoc) refuse: the link button still works.
  }
}

/** Schedule a hash write (debounced); modules call this when their state changes. */
function updateHash() {
  if (!HASH.started || HASH.writing || HASH.timer) return;
  HASH.timer = setTimeout(writeHash, HASH_DELAY_MS);
}

function applyKey(k, value) {
  HASH.writing = true;
  try {
    k.set(value);
  } catch (e) {
    recordError('hash ' + k.key + '=' + value + ': ' + e.message);
  } finally {
    HASH.writing = false;
  }
}

/** Add a key: get() -> string, set(string); a value waiting in the opened URL is applied now. */
function registerHashKey(key, get, set) {
  const k = { key: String(key), get: get, set: set };
  HASH.keys = HASH.keys.filter((x) => x.key !== k.key).concat([k]);
  if (HASH.started && k.key in HASH.opened) applyKey(k, HASH.opened[k.key]);
  return k;
}

/** The current view as a hash ('#map=...'), or ''. */
function viewHashText() {
  return formatHash(currentHashPairs());
}

/** The page's address with the current view in its hash. */
function viewUrl() {
  return global.location.href.split('#')[0] + formatHash(currentHashPairs());
}

// ---------------------------------------------------------------- the map's own keys

function viewKey(map) {
  return registerHashKey(
    'map',
    () => {
      const c = map.getCenter();
      return viewText(map.getZoom(), c.lat, c.lng);
    },
    (text) => {
      const [z, lat, lng] = parseViewText(text);
      const go = () => map.setView([lat, lng], z, { animate: false });
      // The page's first fitBounds may still be animating; its end would undo the view.
      if (map._animatingZoom) map.once('zoomend', go);
      else go();
    }
  );
}

/** The page's layers with their link keys (compose.py: SahelMap.linkLayers). */
const LINKED = new WeakMap();

/** Name the map's layers for links: {overlays: [[key, layer, {lang: name}]], bases: [...]}. */
function linkLayers(map, spec) {
  const part = (rows, slugs) => {
    const list = (rows || []).map(([key, layer]) => ({ key: key, layer: layer }));
    return { list: list, tokens: linkTokens((rows || []).map(([key, , names]) => [key, names]), slugs) };
  };
  LINKED.set(map, { overlays: part(spec.overlays, overlaySlugList), bases: part(spec.bases, (names) => names.map(baseSlug)) });
}

function linked(map, part) {
  const found = LINKED.get(map);
  return found ? found[part] : { list: [], tokens: new Map() };
}

/** The listed layers a hash value names (keys, or the slugs of older links). */
function namedLayers(part, text) {
  const out = new Set();
  for (const token of String(text).split(',')) {
    if (part.tokens.has(token)) out.add(part.list[part.tokens.get(token)]);
  }
  return out;
}

/** `layers`: the overlays on, by key; a layer that switched itself on (.sahelAutoOn: "Places
 * and rivers" when tiles fail) is the page's choice, not the reader's, and stays out. */
function layersKey(map) {
  return registerHashKey(
    'layers',
    () => {
      const part = linked(map, 'overlays');
      if (!part.list.length) return null;
      return part.list.filter((o) => map.hasLayer(o.layer) && !o.layer.sahelAutoOn).map((o) => o.key).join(',') || '-';
    },
    (text) => {
      const part = linked(map, 'overlays');
      const wanted = namedLayers(part, text);
      for (const o of part.list) {
        if (wanted.has(o) && !map.hasLayer(o.layer)) map.addLayer(o.layer);
        else if (!wanted.has(o) && map.hasLayer(o.layer)) map.removeLayer(o.layer);
      }
    }
  );
}

/** `base`: the base map, written only when the reader has changed it. */
function baseKey(map) {
  const current = () => linked(map, 'bases').list.find((o) => map.hasLayer(o.layer));
  const first = current();
  return registerHashKey(
    'base',
    () => {
      const now = current();
      return now && (!first || now.key !== first.key) ? now.key : null;
    },
    (text) => {
      const part = linked(map, 'bases');
      const [wanted] = namedLayers(part, text);
      if (!wanted) throw new Error('expected one of ' + part.list.map((o) => o.key).join(', '));
      for (const o of part.list) if (o !== wanted && map.hasLayer(o.layer)) map.removeLayer(o.layer);
      if (!map.hasLayer(wanted.layer)) map.addLayer(wanted.layer);
    }
  );
}

/** Every events store of the map's layers (the time window is theirs). */
function storesOf(map) {
  const out = [];
  for (const o of linked(map, 'overlays').list) {
    for (const s of o.layer._stores || []) if (out.indexOf(s) < 0) out.push(s);
  }
  return out;
}

function timeKeys(map) {
  const timeWindow = () => {
    const active = storesOf(map).find((s) => s.filterActive);
    return active ? active.filter : null;
  };
  const setWindow = (from, to) => {
    for (const s of storesOf(map)) s.setFilter(from === null ? s.filter.dayMin : from, to === null ? s.filter.dayMax : to);
  };
  const subscribed = new Set();
  const follow = () => {
    for (const s of storesOf(map)) {
      if (!subscribed.has(s)) {
        subscribed.add(s);
        s.onFilter(updateHash);
      }
    }
  };
  follow();
  registerHashKey('from', () => (timeWindow() ? monthText(timeWindow().dayMin) : null), (v) => setWindow(monthDay(v, false), null));
  registerHashKey('to', () => (timeWindow() ? monthText(timeWindow().dayMax) : null), (v) => setWindow(null, monthDay(v, true)));
  return follow;
}

/** Restore the view from the opened URL's hash, then keep the hash up to date. */
function viewHash(map) {
  if (HASH.map) return HASH;
  HASH.map = map;
  // After the page's own script: its layers, layer control and first view exist by then.
  setTimeout(() => {
    viewKey(map);
    layersKey(map);
    baseKey(map);
    const follow = timeKeys(map);
    HASH.started = true;
    for (const k of HASH.keys) if (k.key in HASH.opened) applyKey(k, HASH.opened[k.key]);
    map.on('moveend overlayadd overlayremove baselayerchange', updateHash);
    map.on('overlayadd', follow);
    global.addEventListener('hashchange', () => {
      const now = parseHash(global.location.hash);
      for (const k of HASH.keys) if (k.key in now) applyKey(k, now[k.key]);
    });
    if (map.fire) map.fire('sahel:hashready');
  }, 0);
  return HASH;
}

/** SahelMap.hash (api.js). */
const HASH_API = {
  register: registerHashKey,
  // The value a key had in the URL the page was opened with (undefined if none), e.g. for a
  // layer that turns itself on to know that the link said which layers to show.
  opened: (key) => HASH.opened[key],
  update: updateHash,
  url: viewUrl,
  parse: parseHash,
  format: formatHash,
};
