/*
 * table.js - the events the reader has selected (filters and time window), to take away: a
 * CSV download of every field the page carries for them, and a sortable table whose rows
 * open their event on the map.  Both are buttons of the filter panel (filters.js).
 */
const TABLE_STRINGS = stringTable('table', {
  download: 'Download these events (CSV)',
  open: 'Table of these events',
  title: 'Events shown: {n}',
  shown: 'The first {n} of {total} events in this order; the CSV download holds them all.',
  colDate: 'Date',
  colPlace: 'Place',
  colType: 'Type',
  colActors: 'Actors',
  colKilled: 'Killed',
  sortBy: 'Sort by {column}',
  showEvent: 'Show this event on the map',
  file: 'events',
});
const TABLE_MAX_ROWS = 500; // a longer table is slow to draw and to read: the CSV has them all
// The table's columns: [string key, the value it sorts by, its text]
const TABLE_COLUMNS = [
  ['colDate', (d) => d.date_text, (d) => d.date_text],
  ['colPlace', (d) => d.place, (d) => d.place],
  ['colType', (d) => d.type_name, (d) => d.type_name],
  ['colActors', (d) => d.actor1, (d) => [d.actor1, d.actor2].filter(Boolean).join(POPUP_STRINGS.versus)],
  ['colKilled', (d) => d.fatalities, (d) => (d.fatalities === null ? '' : fmtInt(d.fatalities))],
];
const KILLED_COLUMN = 4; // sorts most first

/** Every event passing the filters and the time window: [{store, i}], store by store. */
function selectedEvents() {
  const out = [];
  // beside a page extract's counts (--engine dask above its limit) the events to take away are
  // the drawn ones (payload "counted": false), not the counts' rows
  const sampled = pageStores.some((s) => s.payload.counted === false);
  for (const s of pageStores) {
    if (!s.day || (sampled && s.weight)) continue;
    for (let i = 0; i < s.n; i++) if (s.passes(i)) out.push({ store: s, i: i });
  }
  return out;
}

/** Their details (store.details: every field of the payload) as [{store, d}], in store and
 * event order. */
async function selectedDetails() {
  const out = [];
  for (const { store, i } of selectedEvents()) {
    out.push({ store: store, d: await store.details(i) }); // one chunk decoded at a time, in order
  }
  return out;
}

/** The selected events as a CSV file the browser saves (tabular.js csvText). */
async function downloadEvents() {
  const text = csvText((await selectedDetails()).map((e) => e.d));
  const url = URL.createObjectURL(new Blob(['\uFEFF' + text], { type: 'text/csv;charset=utf-8' }));
  const a = el('a', null, document.body);
  a.href = url;
  a.download = TABLE_STRINGS.file + '.csv';
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
  return text;
}

/** Show event i of `store` on the map: centred, its popup open with the focus in it. */
function showEvent(map, store, i) {
  const latlng = store.latLng(i);
  map.setView(latlng, Math.max(map.getZoom(), 8), { animate: false });
  openEventPopup(map, store, i, latlng, true);
}

/** The table panel (layout.js panel): one row per selected event, up to TABLE_MAX_ROWS, sorted by a
 * column header's button. */
function eventsTable(map) {
  const p = panel(map, { title: TABLE_STRINGS.open, className: 'sahel-table-panel' });
  let rows = [];
  let sortBy = 0; // the column (TABLE_COLUMNS) the rows are sorted by
  let descending = false;
  const render = () => {
    p.body.textContent = '';
    const sorted = sortEventRows(rows, TABLE_COLUMNS[sortBy][1], descending);
    el('p', 'sahel-table-note', p.body, tpl(TABLE_STRINGS.title, { n: fmtInt(rows.length) }) + (rows.length > TABLE_MAX_ROWS
      ? ' ' + tpl(TABLE_STRINGS.shown, { n: fmtInt(TABLE_MAX_ROWS), total: fmtInt(rows.length) }) : ''));
    const table = el('table', 'sahel-events-table', p.body);
    const head = el('tr', null, el('thead', null, table));
    TABLE_COLUMNS.forEach(([key], k) => {
      const th = el('th', null, head);
      th.scope = 'col';
      th.setAttribute('aria-sort', k !== sortBy ? 'none' : descending ? 'descending' : 'ascending');
      const b = el('button', 'sahel-table-sort', th, TABLE_STRINGS[key] + (k === sortBy ? (descending ? ' \u25BC' : ' \u25B2') : ''));
      b.type = 'button';
      b.title = tpl(TABLE_STRINGS.sortBy, { column: TABLE_STRINGS[key] });
      b.addEventListener('click', () => {
        descending = k === sortBy ? !descending : k === KILLED_COLUMN;
        sortBy = k;
        render();
        p.body.querySelector('th[aria-sort="' + (descending ? 'descending' : 'ascending') + '"] button').focus();
      });
    });
    const body = el('tbody', null, table);
    for (const d of sorted.slice(0, TABLE_MAX_ROWS)) {
      const tr = el('tr', null, body);
      TABLE_COLUMNS.forEach(([key, , text], k) => {
        const td = el('td', k === KILLED_COLUMN ? 'sahel-num' : null, tr);
        if (k > 0) {
          td.textContent = str(text(d));
          return;
        }
        const link = el('button', 'sahel-table-show', td, str(text(d)));
        link.type = 'button';
        link.title = TABLE_STRINGS.showEvent;
        link.addEventListener('click', () => {
          p.close();
          showEvent(map, d.store, d.index);
        });
      });
    }
  };
  const open = async (from) => {
    rows = (await selectedDetails()).map(({ store, d }) =>
      Object.assign(d, { store: store, place: placeOfDetails(d), type_name: typeName(d.event_type) }));
    render();
    p.open(from);
  };
  return { panel: p, open: open };
}

/** The filter panel's two buttons: the CSV download and the table. */
function eventActions(map, parent) {
  const row = el('div', 'sahel-filter-actions', parent);
  const download = el('button', 'sahel-action sahel-download', row, TABLE_STRINGS.download);
  download.type = 'button';
  download.addEventListener('click', () => {
    downloadEvents().catch((err) => recordError('download: ' + ((err && err.message) || err)));
  });
  if (!map) return row;
  const table = eventsTable(map);
  const open = el('button', 'sahel-action sahel-table-open', row, TABLE_STRINGS.open);
  open.type = 'button';
  open.setAttribute('aria-haspopup', 'dialog');
  open.addEventListener('click', () => {
    table.open(open).catch((err) => recordError('events table: ' + ((err && err.message) || err)));
  });
  return row;
}
