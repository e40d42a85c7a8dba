/*
 * popup.js - the event popup: its content as a table built with textContent only, and
 * opening it once the event's text chunk is decoded.
 */
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
    else td.textContent = str(v);
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
  if (d.sub_event_type) el('span', 'sahel-popup-sub', head, ' \u2014 ' + d.sub_event_type);

  const tp = tOr('popup.time_precision_' + d.time_precision, t('popup.date_precision_unknown'));
  const gp = tOr('popup.geo_precision_' + d.geo_precision, t('popup.unknown'));
  const rows = [];
  rows.push([t('popup.date'), (d.date_text || t('popup.unknown')) + ' (' + tp + ')']);
  rows.push([t('popup.type'), tOr('event_type.' + d.event_type, d.event_type) + (d.sub_event_type ? ' / ' + d.sub_event_type : '')]);
  if (d.actor1) rows.push([t('popup.actor1'), d.actor1]);
  if (d.actor2) rows.push([t('popup.actor2'), d.actor2]);
  rows.push([t('popup.fatalities'), d.fatalities === null ? t('popup.unknown') : String(d.fatalities)]);
  if (d.location) rows.push([t('popup.location'), d.location]);
  if (d.region) rows.push([t('popup.region'), d.region]);
  if (d.zone) rows.push([t('popup.zone'), tOr('zone_code.' + d.zone, d.zone)]);
  if (d.country && d.country_iso3) rows.push([t('popup.country'), d.country + ' (' + d.country_iso3 + ')']);
  else if (d.country || d.country_iso3) rows.push([t('popup.country'), d.country || d.country_iso3]);
  if (d.latitude !== null && d.longitude !== null) {
    rows.push([t('popup.coordinates'), d.latitude.toFixed(4) + ', ' + d.longitude.toFixed(4)]);
  }
  rows.push([t('popup.geo_precision'), gp]);
  if (d.source) rows.push([t('popup.source'), d.source]);
  if (d.dataset) rows.push([t('popup.dataset'), d.dataset]);
  if (d.event_id) rows.push([t('popup.event_id'), d.event_id]);
  root.appendChild(infoTable(rows));
  if (d.notes) {
    el('div', 'sahel-popup-notes-title', root, t('popup.notes'));
    el('p', 'sahel-popup-notes', root, d.notes);
  }
  return root;
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
function openEventPopup(map, store, i, latlng) {
  const token = ++popupToken;
  const container = map.getContainer();
  const show = (content) => {
    if (token !== popupToken || !map._loaded) return null;
    return L.popup(POPUP_OPTIONS).setLatLng(latlng).setContent(content).openOn(map);
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
