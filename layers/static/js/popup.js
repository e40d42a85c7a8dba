/*
 * popup.js - the event popup: its content as a table built with textContent only, and
 * opening it once the event's text chunk is decoded; the list popup of a stack or cluster,
 * each entry opening its event.
 */
const POPUP_STRINGS = stringTable('list', {
  fatalitiesRange: '{best} (the source gives a range of {low}–{high})',
  listAt: '{n} events at {place}',
  listNear: '{n} events near {place}',
  listIn: '{n} events in {place} (the district: no source names the place)',
  listMore: '… and {n} more: zoom in or narrow the filters to list them all',
  listHint: 'Choose an event to read it.',
  killed: '{n} killed',
  killed_one: '{n} killed',
  killedRange: '{n} killed ({low}–{high})',
  deadUnknown: 'fatalities unknown',
  versus: ' vs ',
  back: '← Back to the list',
  failed: 'Could not load these events: {error}',
});
/** "Séno province, Sahel region": the event's district as its country calls it, or "". */
function districtText(d) {
  if (!d.district) return '';
  return tpl(tOr('popup.district_' + d.country_iso3, '{name}'), { name: d.district, region: d.region || '' });
}

/** The place a list or stack is named after: the source's name, else the district, else the region. */
function placeOfDetails(d) {
  return d.location || districtText(d) || d.region;
}

/** `text` appended to `parent` as text nodes, long words cut up (textPieces: the layout's cost). */
function appendText(parent, text) {
  for (const piece of textPieces(text)) parent.appendChild(document.createTextNode(piece));
  return parent;
}

function infoTable(rows) {
  const table = el('table', 'sahel-info-table');
  const body = el('tbody', null, table);
  for (const row of rows || []) {
    if (!row) continue;
    const tr = el('tr', null, body);
    el('th', null, tr, str(row[0]));
    const td = el('td', null, tr);
    const v = row[1];
    if (v instanceof Node) td.appendChild(v);
    else appendText(td, v);
  }
  return table;
}

function eventPopupContent(d, target) {
  const root = target || el('div', 'sahel-popup');
  root.textContent = '';
  const head = el('div', 'sahel-popup-head', root);
  const sw = el('span', 'sahel-swatch', head);
  sw.style.backgroundColor = d.color || '#888888';
  el('strong', null, head, d.event_type ? tOr('event_type.' + d.event_type, d.event_type) : t('popup.event'));
  if (d.sub_event_type) appendText(el('span', 'sahel-popup-sub', head), ' \u2014 ' + d.sub_event_type);

  const tp = tOr('popup.time_precision_' + d.time_precision, t('popup.date_precision_unknown'));
  const gp = tOr('popup.geo_precision_' + d.geo_precision, t('popup.unknown'));
  const rows = [];
  rows.push([t('popup.date'), (d.date_text || t('popup.unknown')) + ' (' + tp + ')']);
  rows.push([t('popup.type'), tOr('event_type.' + d.event_type, d.event_type) + (d.sub_event_type ? ' / ' + d.sub_event_type : '')]);
  if (d.actor1) rows.push([t('popup.actor1'), d.actor1]);
  if (d.actor2) rows.push([t('popup.actor2'), d.actor2]);
  rows.push([t('popup.fatalities'), fatalitiesText(d)]);
  if (d.location) rows.push([t('popup.location'), d.location]);
  if (d.district) rows.push([t('popup.district'), districtText(d) + (d.location ? '' : ' ' + t('popup.not_named'))]);
  if (d.region) rows.push([t('popup.region'), d.region]);
  // the zone by its name ("Northern conflict zone"), as the legend and the filter panel say
  if (d.zone) rows.push([t('popup.zone'), tOr('zone.' + d.zone, tOr('filters.zone.' + d.zone, tOr('zone_code.' + d.zone, d.zone)))]);
  if (d.country && d.country_iso3) rows.push([t('popup.country'), d.country + ' (' + d.country_iso3 + ')']);
  else if (d.country || d.country_iso3) rows.push([t('popup.country'), d.country || d.country_iso3]);
  if (d.latitude !== null && d.longitude !== null) {
    rows.push([t('popup.coordinates'), d.latitude.toFixed(4) + ', ' + d.longitude.toFixed(4)]);
  }
  rows.push([t('popup.geo_precision'), gp]);
  if (d.source) rows.push([t('popup.source'), d.source]);
  if (d.dataset) rows.push([t('popup.dataset'), d.dataset]);
  if (d.event_id) rows.push([t('popup.event_id'), d.event_id]);
  // The source's own columns chosen with --popup-fields ("src:<column>" in the payload),
  // under their source names; text only (infoTable sets textContent, never HTML).
  for (const key of Object.keys(d)) {
    if (key.indexOf('src:') !== 0) continue;
    const value = d[key];
    if (value === null || value === undefined || value === '') continue;
    const name = key.slice(4);
    rows.push([tOr('popup.field.' + name, name), value]);
  }
  root.appendChild(infoTable(rows));
  if (d.notes) {
    el('div', 'sahel-popup-notes-title', root, t('popup.notes'));
    appendText(el('p', 'sahel-popup-notes', root), d.notes);
  }
  return root;
}

/** Best estimate, with the source's low-high range when it has one that differs. */
function fatalitiesText(d) {
  if (d.fatalities === null) return t('popup.unknown');
  const low = d.fatalities_low;
  const high = d.fatalities_high;
  if (low === null || low === undefined || high === null || high === undefined) return String(d.fatalities);
  if (low === d.fatalities && high === d.fatalities) return String(d.fatalities);
  return tpl(POPUP_STRINGS.fatalitiesRange, { best: d.fatalities, low: low, high: high });
}

function listFatalities(d) {
  if (d.fatalities === null) return POPUP_STRINGS.deadUnknown;
  const low = d.fatalities_low;
  const high = d.fatalities_high;
  if (low !== null && low !== undefined && high !== null && high !== undefined && (low !== d.fatalities || high !== d.fatalities)) {
    return tpl(POPUP_STRINGS.killedRange, { n: d.fatalities, low: low, high: high });
  }
  return plural(POPUP_STRINGS, 'killed', d.fatalities);
}

const POPUP_OPTIONS = {
  maxWidth: 360,
  minWidth: 240,
  maxHeight: 340,
  className: 'sahel-event-popup',
  autoPanPaddingTopLeft: [50, 110], // keep clear of the title / notice boxes
  autoPanPaddingBottomRight: [250, 24], // and of the legends down the right-hand side
};
let popupToken = 0;

/**
 * Open the popup of event i once its details are known: synchronously when the text
 * chunk is already decoded, otherwise after decoding it (the latest click wins).
 */
function openEventPopup(map, store, i, latlng, focus) {
  const token = ++popupToken;
  const container = map.getContainer();
  const show = (content) => {
    if (token !== popupToken || !map._loaded) return null;
    return focusPopup(L.popup(POPUP_OPTIONS).setLatLng(latlng).setContent(content).openOn(map), focus);
  };
  const ready = store.detailsSync(i);
  if (ready) return show(eventPopupContent(ready));
  container.classList.add('sahel-loading');
  store
    .details(i)
    .then(
      (d) => show(eventPopupContent(d)),
      (err) => show(el('div', 'sahel-popup', null, t('popup.load_error', { error: (err && err.message) || err })))
    )
    .finally(() => {
      if (token === popupToken) container.classList.remove('sahel-loading');
    });
  return null;
}

/** With the keyboard, move focus into the popup, and back to where it was when it closes. */
function focusPopup(popup, focus) {
  if (!focus || !popup) return popup;
  const from = document.activeElement;
  const box = popup.getElement();
  const target = box && (box.querySelector('.sahel-list-item, .sahel-list-back') || box.querySelector('.leaflet-popup-content'));
  if (target) {
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.focus();
  }
  popup.once('remove', () => {
    if (from && from.isConnected && typeof from.focus === 'function') from.focus();
  });
  return popup;
}

/** One entry of a list popup: swatch, date, type, fatalities, then the actors. */
function listEntry(d, onOpen) {
  const b = el('button', 'sahel-list-item');
  b.type = 'button';
  const line = el('span', 'sahel-list-line', b);
  const sw = el('span', 'sahel-swatch', line);
  sw.style.backgroundColor = d.color || '#888888';
  el('span', 'sahel-list-date', line, d.date_text || '?');
  el('span', 'sahel-list-type', line, ' ' + typeName(d.event_type || '') + ' \u00B7 ' + listFatalities(d));
  const actors = [d.actor1, d.actor2].filter(Boolean).join(POPUP_STRINGS.versus);
  if (actors) el('span', 'sahel-list-actors', b, actors);
  b.addEventListener('click', onOpen);
  return b;
}

/**
 * The list popup of co-located or clustered events: `members` [[store index, event index]]
 * of `stores` (`total` of them pass the filters; the list holds the first ones), sorted by
 * date; an entry opens the full event, and "Back" returns to the list.
 */
function openEventList(map, stores, members, total, latlng, focus, near) {
  const token = ++popupToken;
  const container = map.getContainer();
  container.classList.add('sahel-loading');
  const root = el('div', 'sahel-popup sahel-list');
  // An entry's click replaces the list, detaching its button; Leaflet would then take the
  // click for a map click and close the popup.  Clicks stop here.
  L.DomEvent.on(root, 'click', L.DomEvent.stopPropagation);
  Promise.all(members.map(([si, i]) => stores[si].details(i)))
    .then((rows) => {
      if (token !== popupToken || !map._loaded) return;
      rows.sort((a, b) => (a.day === null) - (b.day === null) || a.day - b.day || a.index - b.index);
      const named = rows.find((d) => d.location) || rows.find((d) => d.district) || rows.find((d) => d.region);
      const place = named ? placeOfDetails(named) : rows[0].latitude.toFixed(3) + ', ' + rows[0].longitude.toFixed(3);
      const inDistrict = named && !named.location && named.district && !near;
      const popup = L.popup(Object.assign({}, POPUP_OPTIONS, { className: 'sahel-event-popup sahel-list-popup' }))
        .setLatLng(latlng)
        .setContent(root);
      let scroll = 0;
      const showList = () => {
        root.textContent = '';
        const head = near ? POPUP_STRINGS.listNear : inDistrict ? POPUP_STRINGS.listIn : POPUP_STRINGS.listAt;
        el('div', 'sahel-popup-head', root, tpl(head, { n: fmtInt(total), place: place }));
        el('div', 'sahel-list-hint', root, POPUP_STRINGS.listHint);
        const list = el('ul', 'sahel-list-items', root);
        rows.forEach((d, k) => {
          const item = el('li', null, list);
          item.appendChild(listEntry(d, () => showEvent(k)));
        });
        if (total > rows.length) el('div', 'sahel-legend-note', root, tpl(POPUP_STRINGS.listMore, { n: fmtInt(total - rows.length) }));
        popup.update();
        const body = root.parentNode;
        if (body) body.scrollTop = scroll;
      };
      const showEvent = (k) => {
        const body = root.parentNode;
        scroll = body ? body.scrollTop : 0;
        root.textContent = '';
        const back = el('button', 'sahel-list-back', root, POPUP_STRINGS.back);
        back.type = 'button';
        back.addEventListener('click', () => {
          showList();
          const items = root.querySelectorAll('.sahel-list-item');
          if (items[k]) items[k].focus();
        });
        root.appendChild(eventPopupContent(rows[k]));
        popup.update();
        back.focus();
      };
      showList();
      focusPopup(popup.openOn(map), focus);
    })
    .catch((err) => {
      if (token === popupToken) {
        L.popup(POPUP_OPTIONS).setLatLng(latlng).setContent(el('div', 'sahel-popup', null, tpl(POPUP_STRINGS.failed, { error: (err && err.message) || err }))).openOn(map);
      }
    })
    .finally(() => {
      if (token === popupToken) container.classList.remove('sahel-loading');
    });
}
