/*
 * search.js - the place search box over the index of layers/search.py: countries, regions,
 * towns (with their other spellings) and the places the events name.  Matching ignores
 * accents, case, spaces and punctuation ("tombouctou", "Tombouctou", "TOMBOUCTOU" and
 * "Tombouctou" are one key).  Exact names come first, then names that start with the query,
 * then names that contain it, then names a letter or two away (fuzzy: "Ogossagou" finds
 * UCDP's "Ogossogou village"; one edit from 5 letters, two from 8); within each, countries,
 * regions, towns, event places, then districts.  No match says so.
 */
function fold(s) {
  return str(s).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '');
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

/** How many edits a query of n letters forgives. */
function fuzzAllowed(n) {
  return n >= 8 ? 2 : n >= 5 ? 1 : 0;
}

/** The best matches of query q: [{entry, spelling}] ranked as the header says. */
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

function placeSearch(map, index, opts) {
  opts = opts || {};
  const maxResults = opts.maxResults || 8;
  const zoom = opts.zoom || 9;
  const countries = opts.countries || {};
  const kinds = opts.kinds || [];
  const entries = searchEntries(index);
  const box = el('div', 'leaflet-control sahel-search');
  box.setAttribute('role', 'search');
  const input = el('input', 'sahel-search-input', box);
  input.type = 'search';
  input.placeholder = opts.placeholder || t('control.search_placeholder');
  input.setAttribute('aria-label', t('control.search_label'));
  input.setAttribute('autocomplete', 'off');
  const ul = el('ul', 'sahel-search-results', box);
  ul.setAttribute('role', 'listbox');
  ul.hidden = true;
  const none = el('div', 'sahel-search-none', box, t('control.search_none'));
  none.setAttribute('role', 'status');
  none.hidden = true;
  none.style.padding = '3px 6px';
  none.style.color = '#555';
  let current = [];
  let active = -1;
  let popup = null;

  // "Tombouctou (Timbuktu)" when found by another spelling; "Mali · town · 3 events" below.
  const title = (m) => (m.spelling === m.entry.name ? m.entry.name : m.spelling + ' (' + m.entry.name + ')');
  const detail = (m) => {
    const e = m.entry;
    const parts = [];
    if (e.kind !== 0 && e.iso3) parts.push(countries[e.iso3] || e.iso3);
    if (kinds[e.kind]) parts.push(kinds[e.kind]);
    if (e.events) parts.push(e.events === 1 ? t('search.event') : t('search.events', { n: fmtInt(e.events) }));
    return parts.join(' \u00B7 ');
  };
  const render = () => {
    ul.textContent = '';
    current.forEach((m, k) => {
      const li = el('li', 'sahel-search-result' + (k === active ? ' sahel-active' : ''), ul);
      li.setAttribute('role', 'option');
      el('span', 'sahel-search-name', li, title(m));
      el('span', 'sahel-search-country', li, detail(m));
      li.addEventListener('mousedown', (e) => {
        e.preventDefault();
        choose(m);
      });
    });
    ul.hidden = current.length === 0;
    none.hidden = !(current.length === 0 && fold(input.value));
  };
  const search = () => {
    active = -1;
    current = searchPlaces(entries, input.value, maxResults);
    render();
  };
  const choose = (m) => {
    input.value = title(m);
    current = [];
    render();
    none.hidden = true;
    const ll = L.latLng(m.entry.lat, m.entry.lon);
    const kindZoom = m.entry.kind === 0 ? 5 : m.entry.kind === 1 ? 7 : m.entry.kind === 4 ? 8 : zoom;
    map.setView(ll, Math.max(map.getZoom(), kindZoom));
    const content = el('div', 'sahel-place-popup');
    el('strong', null, content, title(m));
    el('div', 'sahel-place-country', content, detail(m));
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
      none.hidden = true;
    }
  });
  input.addEventListener('blur', () => {
    setTimeout(() => {
      if (document.activeElement === input) return;
      current = [];
      render();
      none.hidden = true;
    }, 150);
  });
  const ctl = new ElementControl(box, { position: opts.position || 'topright' }).addTo(map);
  ctl.search = (q) => {
    input.value = q;
    search();
    return current.map((m) => ({ name: m.entry.name, spelling: m.spelling, country: m.entry.iso3,
      kind: m.entry.kind, lat: m.entry.lat, lon: m.entry.lon, events: m.entry.events }));
  };
  ctl.choose = (k) => {
    if (current[k]) choose(current[k]);
  };
  ctl.noMatchShown = () => !none.hidden;
  ctl.size = entries.length;
  return ctl;
}
