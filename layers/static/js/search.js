/*
 * search.js - the place search box: accent- and case-blind, names that start with the
 * query first, then names that contain it.
 */
function normalise(s) {
  return str(s).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim();
}

function placeSearch(map, places, opts) {
  opts = opts || {};
  const maxResults = opts.maxResults || 8;
  const zoom = opts.zoom || 9;
  const list = (places || [])
    .filter((p) => p && Number.isFinite(+p.lat) && Number.isFinite(+p.lon))
    .map((p) => ({ name: str(p.name), country: str(p.country), lat: +p.lat, lon: +p.lon, key: normalise(p.name) }));
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
  let current = [];
  let active = -1;
  let popup = null;

  const render = () => {
    ul.textContent = '';
    current.forEach((p, k) => {
      const li = el('li', 'sahel-search-result' + (k === active ? ' sahel-active' : ''), ul);
      li.setAttribute('role', 'option');
      el('span', 'sahel-search-name', li, p.name);
      if (p.country) el('span', 'sahel-search-country', li, p.country);
      li.addEventListener('mousedown', (e) => {
        e.preventDefault();
        choose(p);
      });
    });
    ul.hidden = current.length === 0;
  };
  const search = () => {
    const q = normalise(input.value);
    active = -1;
    if (!q) {
      current = [];
      render();
      return;
    }
    const starts = [];
    const contains = [];
    for (const p of list) {
      const at = p.key.indexOf(q);
      if (at === 0) starts.push(p);
      else if (at > 0) contains.push(p);
      if (starts.length >= maxResults) break;
    }
    current = starts.concat(contains).slice(0, maxResults);
    render();
  };
  const choose = (p) => {
    input.value = p.name;
    current = [];
    render();
    const ll = L.latLng(p.lat, p.lon);
    map.setView(ll, Math.max(map.getZoom(), zoom));
    const content = el('div', 'sahel-place-popup');
    el('strong', null, content, p.name);
    if (p.country) el('div', 'sahel-place-country', content, p.country);
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
    }
  });
  input.addEventListener('blur', () => {
    setTimeout(() => {
      if (document.activeElement === input) return;
      current = [];
      render();
    }, 150);
  });
  const ctl = new ElementControl(box, { position: opts.position || 'topright' }).addTo(map);
  ctl.search = (q) => {
    input.value = q;
    search();
    return current.map((p) => ({ name: p.name, country: p.country, lat: p.lat, lon: p.lon }));
  };
  ctl.choose = (k) => {
    if (current[k]) choose(current[k]);
  };
  return ctl;
}
