'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { csvColumns, csvCell, csvText, sortEventRows } = require('./pure.js');

test('csvCell quotes what needs it and disarms spreadsheet formulas', () => {
  assert.equal(csvCell('Gao'), 'Gao');
  assert.equal(csvCell('Gao, Mali'), '"Gao, Mali"');
  assert.equal(csvCell('the "JNIM"'), '"the ""JNIM"""');
  assert.equal(csvCell('two\nlines'), '"two\nlines"');
  assert.equal(csvCell('=HYPERLINK("http://x")'), '"\'=HYPERLINK(""http://x"")"');
  assert.equal(csvCell('+1'), "'+1");
  assert.equal(csvCell('-2'), "'-2");
  assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
  assert.equal(csvCell('\tx'), "'\tx");
  assert.equal(csvCell(-3.25), '-3.25'); // a number stays a number
  assert.equal(csvCell(0), '0');
  assert.equal(csvCell(null), '');
  assert.equal(csvCell(undefined), '');
});

test('csvText: the fields in their order, bookkeeping left out, CRLF lines', () => {
  const rows = [
    { index: 4, notes: 'a, b', event_id: '7', date_text: '2019-03-23', color: '#fff', day: 17978, fatalities: null, latitude: 14.3 },
    { index: 9, notes: '=1+1', event_id: '8', date_text: '2020-01-01', color: '#000', day: 18262, fatalities: 3, latitude: -0.5 },
  ];
  assert.deepEqual(csvColumns(rows), ['notes', 'event_id', 'date_text', 'day', 'fatalities', 'latitude']);
  assert.equal(csvText(rows), 'notes,event_id,event_date,days_since_1970,fatalities,latitude\r\n'
    + '"a, b",7,2019-03-23,17978,,14.3\r\n\'=1+1,8,2020-01-01,18262,3,-0.5\r\n');
  assert.equal(csvText([]), '\r\n');
});

test('sortEventRows: numbers as numbers, unknowns last, ties by date then id', () => {
  const rows = [
    { event_id: 'a', date_text: '2019-02-01', fatalities: 10, location: 'Gao' },
    { event_id: 'b', date_text: '2019-01-01', fatalities: 2, location: 'Ménaka' },
    { event_id: 'c', date_text: '2019-01-01', fatalities: null, location: 'Mopti' },
    { event_id: 'd', date_text: '2018-01-01', fatalities: 10, location: 'Gao' },
  ];
  const ids = (list) => list.map((r) => r.event_id).join('');
  assert.equal(ids(sortEventRows(rows, (r) => r.fatalities, false)), 'bdac');
  assert.equal(ids(sortEventRows(rows, (r) => r.fatalities, true)), 'adbc'); // unknown still last
  assert.equal(ids(sortEventRows(rows, (r) => r.location, false)), 'dabc');
  assert.equal(ids(sortEventRows(rows, (r) => r.date_text, true)), 'acbd');
  assert.equal(ids(rows), 'abcd'); // the input is left as it was
});
