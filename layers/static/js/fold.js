/*
 * fold.js - the place search's matching: names folded to a key (no accents, case, spaces
 * or punctuation: "Ségou", "SEGOU" and "se-gou" are one key, as layers/search.py fold makes
 * them; tests/data/shared_cases/fold.json is checked against both), and the ranking of
 * matches.  search.js draws the box.  Pure (see format.js for how node loads it).
 */

/** NFKD, ASCII only, lower case, letters and digits only: Python's fold, step by step. */
function fold(s) {
  return str(s).normalize('NFKD').replace(/[^\x00-\x7f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '');
}

/** index rows: [name, iso3, lat, lon, kind, "alt|alt", events] (or legacy {name, country, lat, lon}). */
function searchEntries(index) {
  const out = [];
  for (const row of index || []) {
    const r = Array.isArray(row) ? row : [row.name, row.country, row.lat, row.lon, 2, '', 0];
    const lat = +r[2];
    const lon = +r[3];
    if (!Number.isFinite(lat) || !Number.isFinite(lon)) continue;
    const names = [str(r[0])].concat(r[5] ? String(r[5]).split('|') : []);
    out.push({ name: names[0], iso3: str(r[1]), lat: lat, lon: lon, kind: +r[4] || 0, events: +r[6] || 0,
      names: names, keys: names.map(fold) });
  }
  return out;
}

/**
 * The best matches of query q, at most maxResults, as [{entry, spelling}]: exact names first,
 * then names that start with the query, then names that contain it; within each, by kind
 * (countries, regions, towns, event places), then most events first, then index order.
 */
function searchPlaces(entries, q, maxResults) {
  const key = fold(q);
  if (!key) return [];
  const tiers = [[], [], []];
  for (const e of entries) {
    let best = 3;
    let spelling = e.name;
    for (let k = 0; k < e.keys.length && best > 0; k++) {
      const at = e.keys[k].indexOf(key);
      const tier = at < 0 ? 3 : e.keys[k] === key ? 0 : at === 0 ? 1 : 2;
      if (tier < best) {
        best = tier;
        spelling = e.names[k];
      }
    }
    if (best < 3) tiers[best].push({ entry: e, spelling: spelling });
  }
  const byKind = (a, b) => a.entry.kind - b.entry.kind || b.entry.events - a.entry.events;
  return tiers.flatMap((tier) => tier.sort(byKind)).slice(0, maxResults);
}

if (typeof module === 'object' && module.exports) module.exports = { fold, searchEntries, searchPlaces };
