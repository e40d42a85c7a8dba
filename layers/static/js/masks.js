/*
 * masks.js - the page's filters (filters.js holds their state and panel) as masks over a
 * store's events: 1 where an event passes.  Pure (see format.js for how node loads it).
 */
const BAND_ZONE = 'border_band'; // the zone filter's value for in_border_band

/**
 * What an actor filter value selects in payload p: a group id -> {bit}, tested on each event's
 * group mask (membership may depend on the event's place, geo/actors.py); else one exact
 * name -> {code}, tested on actor1 and actor2 (-1: no such name in this payload).
 */
function actorSelection(p, value) {
  const group = (p.actor_groups || []).find((g) => g[0] === value);
  if (group) return { bit: group[2], code: -2 };
  return { bit: -1, code: (p.actors || []).indexOf(value) };
}

/**
 * Store s's masks for filters f ({hiddenTypes, actor, country, zone, district, minFatalities,
 * count}, as filters.js getFilters): `base` (actor, country, zone, district, fatalities, and
 * the reports an incident count leaves out; what the per-type counts use) and `mask` (base and
 * the event types), each null when it keeps every event.  A store with `secondary` rows (an
 * incident's second report, layers/_payload.py) keeps them only when f.count is 'reports'.
 * One pass over the store; 1M events take a few ms.
 */
function filterMasks(s, f) {
  const n = s.n;
  const p = s.payload;
  const hidden = new Uint8Array(Math.max(1, s.types.length));
  let anyHidden = false;
  s.types.forEach((t, k) => {
    if (f.hiddenTypes.indexOf(t) >= 0) hidden[k] = anyHidden = 1;
  });
  const actor = f.actor ? actorSelection(p, f.actor) : null;
  const country = f.country ? (p.countries || []).indexOf(f.country) : -2;
  const zone = f.zone && f.zone !== BAND_ZONE ? (p.zones || []).indexOf(f.zone) : -2;
  const band = f.zone === BAND_ZONE;
  // a district P-code -> its index in this store's "districts" (-1: no event of it here)
  const district = f.district ? (p.districts || []).indexOf(f.district) : -2;
  const minF = f.minFatalities;
  const S = f.count !== 'reports' && hasUncounted(s) ? s.secondary : null;
  const baseActive = !!actor || country !== -2 || zone !== -2 || band || district !== -2 || minF > 0 || S !== null;
  if (!baseActive && !anyHidden) return { base: null, mask: null };
  const base = baseActive ? new Uint8Array(n) : null;
  const mask = new Uint8Array(n);
  const { type: T, fatalities: F, actor1_code: A1, actor2_code: A2, group_mask: G, country_code: C, zone_code: Z, band: B, district_code: D } = s;
  const W = s.weight || null; // a store of counts (layers/_store.py CountStore)
  const bit = actor ? actor.bit : -1;
  const code = actor ? actor.code : -2;
  for (let i = 0; i < n; i++) {
    if (baseActive) {
      if (bit >= 0 && ((G[i] >>> bit) & 1) === 0) continue;
      if (code !== -2 && (code === -1 || (A1[i] !== code && A2[i] !== code))) continue; // -1: not in this store
      if (country !== -2 && C[i] !== country) continue;
      if (zone !== -2 && Z[i] !== zone) continue;
      if (band && B[i] !== 1) continue;
      if (district !== -2 && (district === -1 || D[i] !== district)) continue;
      if (minF > 0 && (W !== null || F[i] < minF)) continue; // a row of counts: no single event's toll
      if (S !== null && S[i] === 1) continue;
      base[i] = 1;
    }
    if (!hidden[T[i]]) mask[i] = 1;
  }
  return { base, mask };
}

function hasUncounted(s) {
  return uncountedReports(s) > 0;
}

if (typeof module === 'object' && module.exports) module.exports = { BAND_ZONE, actorSelection, filterMasks };
