/*
 * filters.js - the page's filters (event types, actor or actor group, country, zone, district,
 * minimum fatalities) and their panel.  The filters become one mask per store (store.setMask), so the
 * one scan (grid.js) and every count (live.js) follow them together with the time window.
 *
 *   SahelMap.filters.getFilters() -> {hiddenTypes: [type], actor: '' | group id | exact name,
 *       country: '' | ISO3, zone: '' | zone key | 'border_band', district: '' | P-code,
 *       minFatalities: n, count: '' (incidents) | 'reports'}
 *   SahelMap.filters.setFilters(partial object) -> applies it (unknown keys are ignored)
 *   SahelMap.filters.onChange(fn) -> unsubscribe
 */
const FILTER_STRINGS = stringTable('filters', {
  title: 'Filters',
  summary: '{n} of {total} events',
  types: 'Event type',
  typeToggle: '{type}: {count} events. Press to {action}',
  hide: 'hide',
  show: 'show',
  actor: 'Actor',
  allActors: 'All actors',
  groups: 'Groups (data/actors.toml)',
  names: 'Exact names',
  country: 'Country',
  allCountries: 'All countries',
  zone: 'Zone',
  allZones: 'All zones',
  band: 'Border band (Mali near Algeria)',
  district: 'District',
  allDistricts: 'All districts',
  districtOption: '{name} ({region}, {iso3})',
  minFatalities: 'At least this many killed',
  countReports: 'Count every report (ACLED and UCDP apart)',
  countReportsNote: '{n} reports of an incident in both are counted once unless this is ticked',
  reset: 'Show all',
  'zone.north': 'Northern conflict zone',
  'zone.central': 'Central conflict zone',
  'zone.spillover_bfa': 'Spillover: Burkina Faso',
  'zone.spillover_ner': 'Spillover: Niger',
  'zone.other': 'Elsewhere in the mapped countries',
  'zone.outside': 'Outside the mapped countries',
  'country.MLI': 'Mali',
  'country.BFA': 'Burkina Faso',
  'country.NER': 'Niger',
  'country.DZA': 'Algeria',
  'country.MRT': 'Mauritania',
  'country.SEN': 'Senegal',
  'country.GIN': 'Guinea',
  'country.CIV': "C\u00F4te d'Ivoire",
  'country.LBY': 'Libya',
  'country.TCD': 'Chad',
  'country.NGA': 'Nigeria',
  'country.BEN': 'Benin',
  'country.TGO': 'Togo',
  'country.GHA': 'Ghana',
});

function zoneLabel(key) {
  return FILTER_STRINGS['zone.' + key] || key;
}
function countryLabel(iso3) {
  return FILTER_STRINGS['country.' + iso3] || iso3;
}

// The zones of the payload (ZONE_ORDER in layers/_payload.py), in display order.
const ZONE_KEYS = ['north', 'central', 'spillover_bfa', 'spillover_ner', 'other', 'outside'];

// count: '' counts an incident reported by ACLED and UCDP once (geo/incidents.py); 'reports'
// counts and draws both reports (the page carries the second, flagged: layers/_payload.py)
const EMPTY_FILTERS = { hiddenTypes: [], actor: '', country: '', zone: '', district: '', minFatalities: 0, count: '' };

/** The page's filter state and the masks it gives each store. */
const pageFilters = {
  state: Object.assign({}, EMPTY_FILTERS),
  version: 0, // bumped on every change of the masks (the chart re-bins only then)
  _listeners: [],

  getFilters: function () {
    const s = this.state;
    return { hiddenTypes: s.hiddenTypes.slice(), actor: s.actor, country: s.country, zone: s.zone, district: s.district,
      minFatalities: s.minFatalities, count: s.count };
  },

  setFilters: function (partial) {
    const next = Object.assign({}, this.state);
    partial = partial || {};
    if (Array.isArray(partial.hiddenTypes)) next.hiddenTypes = partial.hiddenTypes.map(String);
    for (const k of Object.keys(EMPTY_FILTERS)) {
      if (typeof EMPTY_FILTERS[k] === 'string' && typeof partial[k] === 'string') next[k] = partial[k];
    }
    if (partial.minFatalities !== undefined) next.minFatalities = Math.max(0, Math.floor(+partial.minFatalities) || 0);
    if (next.count !== 'reports') next.count = '';
    this.state = next;
    this.apply();
  },

  reset: function () {
    this.setFilters(EMPTY_FILTERS);
  },

  onChange: function (fn) {
    this._listeners.push(fn);
    return () => {
      this._listeners = this._listeners.filter((f) => f !== fn);
    };
  },

  get active() {
    const s = this.state;
    return s.hiddenTypes.length > 0 || !!s.actor || !!s.country || !!s.zone || !!s.district || s.minFatalities > 0
      || !!s.count;
  },

  /** Recompute every decoded store's masks, then tell the listeners. */
  apply: function () {
    const t0 = performance.now();
    this.version++;
    for (const s of pageStores) if (s.type) this._applyTo(s);
    State.filterMs = round1(performance.now() - t0); // the masks, before the scheduled redraws
    for (const fn of this._listeners.slice()) {
      try {
        fn(this.getFilters());
      } catch (err) {
        recordError('SahelMap filters listener: ' + ((err && err.message) || err));
      }
    }
  },

  /** Store s's masks (masks.js filterMasks): `baseMask` for the per-type counts, and `mask`. */
  _applyTo: function (s) {
    s.countReports = this.state.count === 'reports'; // bins.js weightTotal
    const { base, mask } = filterMasks(s, this.state);
    s.baseMask = base;
    s.setMask(mask);
  },
};

// Stores decoded after a filter was set (a slow first decode) get their masks too, and so
// does a store with reports an incident count leaves out.
function maskWhenDecoded(s) {
  s.ready.then(() => {
    if (pageFilters.active || uncountedReports(s) > 0) pageFilters._applyTo(s);
  }, () => {});
}

/**
 * The filters in the URL hash (hash.js), each only when set:
 *   hide=Battles,Riots  event types switched off      actor=<group id or exact name>
 *   country=MLI         zone=north | border_band      killed=10 (at least this many)
 *   district=ML0502     a district's P-code (an unknown one is recorded and ignored)
 *   count=reports       count every report of ACLED and UCDP, not each incident once
 */
function filterHashKeys() {
  const hashKey = { hiddenTypes: 'hide', minFatalities: 'killed' }; // the others by their own name
  // each value's reading (the others are taken as written); a throw is recorded (hash.js)
  const parse = {
    hiddenTypes: (v) => v.split(',').filter(Boolean),
    district: (v) => districtFromHash(v, pageDistricts().map((d) => d.code)),
    minFatalities: (v) => {
      if (!(+v >= 0)) throw new Error('expected a number of fatalities');
      return +v;
    },
  };
  for (const field of Object.keys(EMPTY_FILTERS)) {
    registerHashKey(
      hashKey[field] || field,
      () => {
        const v = pageFilters.state[field];
        return Array.isArray(v) ? v.join(',') : v ? String(v) : null;
      },
      (text) => pageFilters.setFilters({ [field]: (parse[field] || String)(String(text)) })
    );
  }
  pageFilters.onChange(updateHash);
}

/**
 * The districts with events in the page's stores (payload "districts", labelled from
 * "district_names"), as [{code, name, region, iso3}], by country then name.
 */
function pageDistricts() {
  const byCode = new Map();
  for (const s of pageStores) {
    const p = s.payload || {};
    const names = p.district_names || [];
    (p.districts || []).forEach((code, k) => {
      if (byCode.has(code)) return;
      const [name, region, iso3] = names[k] || [];
      byCode.set(code, { code: code, name: name || code, region: region || '', iso3: iso3 || '' });
    });
  }
  const by = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
  return Array.from(byCode.values()).sort((a, b) => by(a.iso3, b.iso3) || a.name.localeCompare(b.name) || by(a.code, b.code));
}

/** A district's label in the panel: "Bankass (Mopti, MLI)". */
function districtLabel(d) {
  if (!d.region && !d.iso3) return d.name;
  return tpl(FILTER_STRINGS.districtOption, { name: d.name, region: d.region, iso3: d.iso3 });
}

/**
 * The filter panel: event types as toggles (the event-type legend), then actor, country, zone,
 * district and minimum fatalities.  `counts` (live.js) gives the numbers beside each type.
 */
function filterPanel(map, opts) {
  opts = opts || {};
  const stores = pageStores.slice();
  stores.forEach(maskWhenDecoded);
  const box = el('details', 'leaflet-control sahel-legend sahel-filters');
  box.open = opts.open !== false;
  const summary = el('summary', 'sahel-filters-summary', box);
  el('span', 'sahel-legend-title', summary, FILTER_STRINGS.title);
  const count = el('span', 'sahel-filters-count', summary);
  count.setAttribute('aria-live', 'polite');

  el('div', 'sahel-filters-head', box, FILTER_STRINGS.types);
  const typeList = el('div', 'sahel-filters-types', box);
  typeList.setAttribute('role', 'group');
  typeList.setAttribute('aria-label', FILTER_STRINGS.types);
  const types = stores.length ? stores[0].types : (opts.types || []).map((t) => t[0]);
  const colors = stores.length ? stores[0].colors : (opts.types || []).map((t) => t[1]);
  const typeButtons = types.map((type, k) => {
    const b = el('button', 'sahel-filter-type', typeList);
    b.type = 'button';
    b.setAttribute('aria-pressed', 'true');
    const sw = el('span', 'sahel-swatch', b);
    sw.style.backgroundColor = colors[k] || '#888888';
    el('span', 'sahel-legend-label', b, typeName(type));
    b.sahelCount = el('span', 'sahel-filter-n', b);
    b.addEventListener('click', () => {
      const hidden = pageFilters.state.hiddenTypes.slice();
      const at = hidden.indexOf(type);
      if (at >= 0) hidden.splice(at, 1);
      else hidden.push(type);
      pageFilters.setFilters({ hiddenTypes: hidden });
    });
    return b;
  });

  const field = (label, parent) => {
    const row = el('label', 'sahel-filter-row', parent || box);
    el('span', 'sahel-filter-label', row, label);
    return row;
  };
  const option = (parent, value, text) => {
    const o = el('option', null, parent, text);
    o.value = value;
    return o;
  };

  // actors: the groups present in any store, then every exact name, by events (most first)
  const actorSelect = el('select', 'sahel-filter-actor', field(FILTER_STRINGS.actor));
  option(actorSelect, '', FILTER_STRINGS.allActors);
  const groups = new Map();
  const nameCounts = new Map();
  const fillActors = () => {
    for (const s of stores) {
      for (const g of s.payload.actor_groups || []) if (!groups.has(g[0])) groups.set(g[0], g[1]);
      const names = s.payload.actors || [];
      if (!s.actor1_code) continue;
      const c = new Uint32Array(names.length);
      for (let i = 0; i < s.n; i++) {
        if (s.actor1_code[i] >= 0) c[s.actor1_code[i]]++;
        if (s.actor2_code[i] >= 0 && s.actor2_code[i] !== s.actor1_code[i]) c[s.actor2_code[i]]++;
      }
      names.forEach((name, k) => nameCounts.set(name, (nameCounts.get(name) || 0) + c[k]));
    }
    const og = el('optgroup', null, actorSelect);
    og.label = FILTER_STRINGS.groups;
    for (const [id, name] of groups) option(og, id, tOr('actor_group.' + id, name)); // name_fr on French pages
    const on = el('optgroup', null, actorSelect);
    on.label = FILTER_STRINGS.names;
    const sorted = Array.from(nameCounts).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    for (const [name, k] of sorted) if (!groups.has(name)) option(on, name, name + ' (' + fmtInt(k) + ')');
    actorSelect.value = pageFilters.state.actor;
  };

  const pair = el('div', 'sahel-filter-pair', box);
  const countrySelect = el('select', 'sahel-filter-country', field(FILTER_STRINGS.country, pair));
  option(countrySelect, '', FILTER_STRINGS.allCountries);
  const zoneSelect = el('select', 'sahel-filter-zone', field(FILTER_STRINGS.zone, pair));
  option(zoneSelect, '', FILTER_STRINGS.allZones);
  const fillPlaces = () => {
    const countries = new Set();
    const zones = new Set();
    for (const s of stores) {
      (s.payload.countries || []).forEach((c) => countries.add(c));
      (s.payload.zones || []).forEach((z) => zones.add(z));
    }
    for (const c of Array.from(countries).sort()) option(countrySelect, c, countryLabel(c));
    for (const z of ZONE_KEYS) if (zones.has(z)) option(zoneSelect, z, zoneLabel(z));
    for (const z of Array.from(zones).sort()) if (ZONE_KEYS.indexOf(z) < 0) option(zoneSelect, z, zoneLabel(z));
    option(zoneSelect, BAND_ZONE, FILTER_STRINGS.band);
    // districts: one group per country, as text (option.text: names are data)
    let group = null;
    for (const d of pageDistricts()) {
      if (!group || group.sahelIso3 !== d.iso3) {
        group = el('optgroup', null, districtSelect);
        group.label = d.iso3 ? countryLabel(d.iso3) : FILTER_STRINGS.district;
        group.sahelIso3 = d.iso3;
      }
      option(group, d.code, districtLabel(d));
    }
  };

  const districtSelect = el('select', 'sahel-filter-district', field(FILTER_STRINGS.district));
  option(districtSelect, '', FILTER_STRINGS.allDistricts);

  const minInput = el('input', 'sahel-filter-min', field(FILTER_STRINGS.minFatalities));
  minInput.type = 'number';
  minInput.min = '0';
  minInput.step = '1';
  minInput.value = '0';
  // only on a page with reports an incident count leaves out (ACLED and UCDP together)
  const uncounted = stores.reduce((a, s) => a + ((s.payload.numeric_columns || {}).secondary ? 1 : 0), 0);
  const reportsRow = el('label', 'sahel-filter-row sahel-filter-check', box);
  reportsRow.hidden = !uncounted;
  const reportsBox = el('input', 'sahel-filter-reports', reportsRow);
  reportsBox.type = 'checkbox';
  el('span', 'sahel-filter-label', reportsRow, FILTER_STRINGS.countReports);
  allReady(stores).then(() => {
    reportsRow.title = tpl(FILTER_STRINGS.countReportsNote, { n: fmtInt(stores.reduce((a, s) => a + uncountedReports(s), 0)) });
  }, () => {});
  const reset = el('button', 'sahel-filter-reset', box, FILTER_STRINGS.reset);
  reset.type = 'button';
  eventActions(map, box); // table.js: download and table of the events selected

  actorSelect.addEventListener('change', () => pageFilters.setFilters({ actor: actorSelect.value }));
  countrySelect.addEventListener('change', () => pageFilters.setFilters({ country: countrySelect.value }));
  zoneSelect.addEventListener('change', () => pageFilters.setFilters({ zone: zoneSelect.value }));
  districtSelect.addEventListener('change', () => pageFilters.setFilters({ district: districtSelect.value }));
  minInput.addEventListener('input', () => pageFilters.setFilters({ minFatalities: minInput.value }));
  reportsBox.addEventListener('change', () => pageFilters.setFilters({ count: reportsBox.checked ? 'reports' : '' }));
  reset.addEventListener('click', () => pageFilters.reset());

  /** Show the state (after setFilters from elsewhere) and the live counts. */
  const sync = (view) => {
    const f = pageFilters.state;
    if (actorSelect.value !== f.actor) actorSelect.value = f.actor;
    if (countrySelect.value !== f.country) countrySelect.value = f.country;
    if (zoneSelect.value !== f.zone) zoneSelect.value = f.zone;
    if (districtSelect.value !== f.district) districtSelect.value = f.district;
    if (+minInput.value !== f.minFatalities && document.activeElement !== minInput) minInput.value = String(f.minFatalities);
    reportsBox.checked = f.count === 'reports';
    reset.disabled = !pageFilters.active;
    typeButtons.forEach((b, k) => {
      const type = types[k];
      const off = f.hiddenTypes.indexOf(type) >= 0;
      const n = view ? view.typeCounts[k] || 0 : null;
      b.setAttribute('aria-pressed', off ? 'false' : 'true');
      b.classList.toggle('sahel-off', off);
      // the legend lists what is shown: a type with no event in the window is left out,
      // unless the reader switched it off (so it can be switched on again)
      b.hidden = n === 0 && !off;
      b.sahelCount.textContent = n === null ? '' : fmtInt(n);
      b.setAttribute('aria-label', tpl(FILTER_STRINGS.typeToggle, { type: typeName(type), count: n === null ? '?' : fmtInt(n), action: off ? FILTER_STRINGS.show : FILTER_STRINGS.hide }));
    });
    if (view) count.textContent = ' \u00B7 ' + tpl(FILTER_STRINGS.summary, { n: fmtInt(view.total), total: fmtInt(view.all) });
  };
  allReady(stores).then(() => {
    fillActors();
    fillPlaces();
    sync(pageView.latest);
  }, () => {});
  pageFilters.onChange(() => sync(pageView.latest));
  if (!filterHashKeys.done) {
    filterHashKeys.done = true;
    filterHashKeys();
  }
  pageView.onUpdate(sync);
  sync(null);
  const ctl = new ElementControl(box, { position: opts.position || 'topleft' });
  if (map) ctl.addTo(map);
  ctl.sync = sync;
  return ctl;
}

