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

/** Levenshtein distance of a and b if it is at most `max`, else max + 1 (one row, early exit). */
function editDistance(a, b, max) {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    let low = i;
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (next[j] < low) low = next[j];
    }
    if (low > max) return max + 1;
    row = next;
  }
  return row[b.length];
}

/** How many edits a query of n letters forgives: sources spell places differently
 * (ACLED's "Ogossagou", UCDP's "Ogossogou"). */
function fuzzAllowed(n) {
  return n >= 8 ? 2 : n >= 5 ? 1 : 0;
}

/**
 * The best matches of query q, at most maxResults, as [{entry, spelling}]: exact names first,
 * then names that start with the query, then names that contain it, then names a letter or
 * two away (one edit from 5 letters, two from 8); within each, by kind (countries, regions,
 * towns, event places, districts), then most events first, then index order.
 */
function searchPlaces(entries, q, maxResults) {
  const key = fold(q);
  if (!key) return [];
  const fuzz = fuzzAllowed(key.length);
  const tiers = [[], [], [], []];
  for (const e of entries) {
    let best = 4;
    let spelling = e.name;
    for (let k = 0; k < e.keys.length && best > 0; k++) {
      const at = e.keys[k].indexOf(key);
      let tier = at < 0 ? 4 : e.keys[k] === key ? 0 : at === 0 ? 1 : 2;
      if (tier === 4 && fuzz && editDistance(key, e.keys[k], fuzz) <= fuzz) tier = 3;
      if (tier < best) {
        best = tier;
        spelling = e.names[k];
      }
    }
    if (best < 4) tiers[best].push({ entry: e, spelling: spelling });
  }
  const byKind = (a, b) => a.entry.kind - b.entry.kind || b.entry.events - a.entry.events;
  return tiers.flatMap((tier) => tier.sort(byKind)).slice(0, maxResults);
}

if (typeof module === 'object' && module.exports) module.exports = { fold, searchEntries, editDistance, fuzzAllowed, searchPlaces };
