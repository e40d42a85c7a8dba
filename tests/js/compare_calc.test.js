'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { windowCounts, niceBound, changeClasses, compareWindows, parseWindow, DAY_MS } = require('./pure.js');

const day = (iso) => Date.parse(iso + 'T00:00:00Z') / DAY_MS;

// A store as store.js decodes it: two regions, two districts; events on given days.
function store(rows, mask = null) {
  return {
    n: rows.length, missing: -2147483648, mask: mask,
    payload: { regions: [['MLI', 'Gao'], ['MLI', 'Mopti']], districts: ['ML0701', 'ML0501'] },
    day: Int32Array.from(rows, (r) => (r[0] === null ? -2147483648 : day(r[0]))),
    fatalities: Int32Array.from(rows, (r) => r[1]),
    region_code: Int16Array.from(rows, (r) => r[2]),
    district_code: Int16Array.from(rows, (r) => r[3]),
  };
}

test('windowCounts: events and fatalities per region and district inside the window, both ends included', () => {
  const s = store([
    ['2020-01-01', 3, 0, 0], ['2020-12-31', -1, 0, 0], // -1: fatalities unknown, the event counts
    ['2021-01-01', 5, 0, 0], // the day after: out
    ['2020-06-01', 2, 1, 1], ['2020-06-02', 0, -1, -1], // no region, no district
    [null, 9, 1, 1], // undated: in no window
  ]);
  const got = windowCounts([s], day('2020-01-01'), day('2020-12-31'));
  assert.deepEqual([...got.regions], [['MLI|Gao', [2, 3]], ['MLI|Mopti', [1, 2]]]);
  assert.deepEqual([...got.districts], [['ML0701', [2, 3]], ['ML0501', [1, 2]]]);
});

test('windowCounts follows the filters (the store mask) and adds up several stores', () => {
  const a = store([['2020-03-01', 1, 0, 0], ['2020-03-02', 4, 0, 0]], Uint8Array.of(1, 0));
  const b = store([['2020-03-03', 2, 0, 0]]);
  const got = windowCounts([a, b], day('2020-01-01'), day('2020-12-31'));
  assert.deepEqual(got.regions.get('MLI|Gao'), [2, 3]);
});

test('niceBound: the nearest of 1, 2, 2.5, 5, 10 times a power of ten (geo/compare.py _nice)', () => {
  assert.deepEqual([20 / 3, 40 / 3, 7, 0.3, 1, 0].map(niceBound), [5, 10, 5, 0.25, 1, 0]);
});

test('changeClasses: symmetric around zero; a bound goes to the class nearer zero; too few is -9', () => {
  const changes = [-30, -20, -10, -5, 0, 5, 10, 20, 30, 500];
  const comparable = changes.map((v) => v !== 500);
  const { classes, bounds } = changeClasses(changes, comparable);
  assert.deepEqual(bounds, [10, 20]); // top 30: nice(10), nice(20)
  assert.deepEqual(classes, [-2, -1, 0, 0, 0, 0, 0, 1, 2, -9]);
  for (let k = 0; k < 9; k++) assert.equal(classes[k] + classes[8 - k], 0); // mirror values, mirror classes
  assert.deepEqual(changeClasses([0, 3], [true, false]), { classes: [0, -9], bounds: [1, 2] });
});

test('compareWindows: the change from A to B, too few under minEvents together, classes', () => {
  const A = new Map([['G', [19, 40]], ['K', [3, 1]], ['M', [60, 100]]]);
  const B = new Map([['G', [39, 10]], ['K', [1, 0]], ['M', [30, 200]], ['S', [12, 0]]]);
  const keys = ['G', 'K', 'M', 'S', 'T'];
  const events = compareWindows(keys, A, B, 'events', 10);
  assert.deepEqual(events.rows.map((r) => [r.key, r.change, r.too_few, r.change_class]), [
    ['G', 20, false, 1], ['K', -2, true, -9], ['M', -30, false, -2], ['S', 12, false, 1], ['T', 0, true, -9]]);
  assert.deepEqual(events.bounds, [10, 20]);
  const killed = compareWindows(keys, A, B, 'killed', 10);
  assert.deepEqual(killed.rows.map((r) => r.change_class), [-1, -9, 2, 0, -9]);
  const density = compareWindows(['G'], A, B, 'density', 10, { G: 20000 });
  assert.equal(density.rows[0].change, 39 / 20000 * 1e4 - 19 / 20000 * 1e4);
});

test('parseWindow: START..END as day numbers, null for anything else', () => {
  assert.deepEqual(parseWindow('2019-08-18..2020-08-17'), [day('2019-08-18'), day('2020-08-17')]);
  assert.equal(parseWindow('2020-08-17..2019-08-18'), null);
  assert.equal(parseWindow('2019-08'), null);
});
