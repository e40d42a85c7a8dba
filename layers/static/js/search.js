/*
 * search.js - the place search box over the index of layers/search.py: countries, regions,
 * towns (with their other spellings) and the places the events name.  Matching and ranking
 * are fold.js's (accents, case, spaces and punctuation ignored; exact names, then names that
 * start with the query, then names that contain it, then names a letter or two away).  No match says so.
 */
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
