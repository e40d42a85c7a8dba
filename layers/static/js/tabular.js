/*
 * tabular.js - events as rows to take away: the CSV text of the download and the order of
 * the events table (table.js).  Pure (see format.js for how node loads it).  The columns are
 * those of the popup's details (store.details), in the payload's order: no list of them here.
 */

// The page's own bookkeeping in the details, not a field of the event
const NOT_FIELDS = ['index', 'color'];
// CSV headers that differ from the details' names (the date is the data's event_date)
const CSV_HEADERS = { date_text: 'event_date', day: 'days_since_1970' };

/** The CSV columns for these details objects: every field any of them has, in their order. */
function csvColumns(details) {
  const seen = new Set();
  for (const d of details) for (const k of Object.keys(d)) if (NOT_FIELDS.indexOf(k) < 0) seen.add(k);
  return Array.from(seen);
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

/** Rows sorted by valueOf(row) (numbers as numbers, unknown last; text by locale), ties by
 * date then id so that the order is the same every time; `descending` reverses all but the
 * unknowns. */
function sortEventRows(rows, valueOf, descending) {
  const known = (v) => v !== null && v !== undefined && v !== '';
  const cmp = (a, b) => {
    if (typeof a === 'number' && typeof b === 'number') return a - b;
    return String(a).localeCompare(String(b));
  };
  const tie = (a, b) => cmp(a.date_text || '', b.date_text || '') || cmp(str(a.event_id), str(b.event_id));
  return rows.slice().sort((a, b) => {
    const x = valueOf(a);
    const y = valueOf(b);
    if (!known(x) || !known(y)) return known(x) === known(y) ? tie(a, b) : known(x) ? -1 : 1;
    const c = cmp(x, y) || tie(a, b);
    return descending ? -c : c;
  });
}

if (typeof module === 'object' && module.exports) {
  module.exports = { csvColumns, csvCell, csvText, sortEventRows };
}
