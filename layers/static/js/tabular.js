/*
 * tabular.js - events as rows to take away: the CSV text of the download and the order of
 * the events table (table.js).  Pure (see format.js for how node loads it).
 */

// Fields of the popup's details (store.details) a table of events leads with; every other
// field the page carries follows in the payload's order, and the page's own bookkeeping
// (index, colour, day number) stays out.
const LEADING_FIELDS = ['event_id', 'date_text', 'event_type', 'sub_event_type', 'actor1', 'actor2', 'fatalities',
  'country_iso3', 'region', 'district', 'location', 'latitude', 'longitude'];
const INTERNAL_FIELDS = ['index', 'color', 'day'];
// CSV headers that differ from the field names (the date is the data's event_date)
const CSV_HEADERS = { date_text: 'event_date' };

/** The CSV columns for these details objects: LEADING_FIELDS present, then the others. */
function csvColumns(details) {
  const seen = new Set();
  for (const d of details) for (const k of Object.keys(d)) seen.add(k);
  const lead = LEADING_FIELDS.filter((k) => seen.has(k));
  const rest = Array.from(seen).filter((k) => lead.indexOf(k) < 0 && INTERNAL_FIELDS.indexOf(k) < 0);
  return lead.concat(rest);
}

/** One CSV cell: quoted when it holds a comma, quote or line break; a text a spreadsheet
 * would run as a formula (= + - @, or a tab or carriage return first) starts with "'".
 * Numbers are written as they are (a negative longitude stays a number). */
function csvCell(value) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = "'" + text;
  return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
}

/** The CSV text (RFC 4180: CRLF line ends) of these details objects. */
function csvText(details) {
  const columns = csvColumns(details);
  const lines = [columns.map((c) => csvCell(CSV_HEADERS[c] || c)).join(',')];
  for (const d of details) lines.push(columns.map((c) => csvCell(d[c])).join(','));
  return lines.join('\r\n') + '\r\n';
}

/** Rows sorted by `field` (numbers as numbers, unknown last; text by locale), ties by date then
 * id so that the order is the same every time; `descending` reverses all but the unknowns. */
function sortEventRows(rows, field, descending) {
  const known = (v) => v !== null && v !== undefined && v !== '';
  const cmp = (a, b) => {
    if (typeof a === 'number' && typeof b === 'number') return a - b;
    return String(a).localeCompare(String(b));
  };
  const tie = (a, b) => cmp(a.date_text || '', b.date_text || '') || cmp(str(a.event_id), str(b.event_id));
  return rows.slice().sort((a, b) => {
    const x = a[field];
    const y = b[field];
    if (!known(x) || !known(y)) return known(x) === known(y) ? tie(a, b) : known(x) ? -1 : 1;
    const c = cmp(x, y) || tie(a, b);
    return descending ? -c : c;
  });
}

if (typeof module === 'object' && module.exports) {
  module.exports = { LEADING_FIELDS, csvColumns, csvCell, csvText, sortEventRows };
}
