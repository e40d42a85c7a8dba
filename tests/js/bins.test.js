'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { pixelGrid, cellXY, CellTallies, scanGrid, collectEvents, KM_PER_DEGREE, heatKm, groundGrid, scanGround,
  countRange, groundCell, aggregate, chartBins, chartCoverage, niceMax } = require('./pure.js');

const MISSING = -2147483648;
/** A store as store.js holds one: the columns, and a time window [dayMin, dayMax]. */
function fakeStore(columns, dayMin, dayMax, window) {
  const s = Object.assign({ mask: null, missing: MISSING, dayMin, dayMax, types: ['A', 'B'] }, columns);
  s.n = s.day.length;
  s.filter = window || { dayMin, dayMax };
  s.filterActive = !!window;
  s.passes = (i) => (s.mask === null || s.mask[i] === 1) && (!s.filterActive || (s.day[i] >= s.filter.dayMin && s.day[i] <= s.filter.dayMax));
  return s;
}

test('a pixel grid is anchored to the world grid of cellSize px', () => {
  const g = pixelGrid(5, 8192, 56, 100, 60, 300, 200);
  assert.deepEqual([g.zoom, g.scale, g.gx0, g.gy0, g.gw, g.gh, g.ncell], [5, 8192, 1, 1, 5, 3, 15]);
  assert.deepEqual(cellXY(g, 7), [3, 2]); // row 1, column 2 of the grid
});

test('scanGrid bins what passes the window and the mask, inside the box', () => {
  // pixels at scale 1000: (50, 50) (60, 40) in cell 0, (150, 50) in cell 1, (950, 950) in cell 99;
  // then no coordinates, masked out, outside the window
  const s = fakeStore({
    x: Float64Array.from([0.05, 0.06, 0.15, 0.95, NaN, 0.05, 0.05]),
    y: Float64Array.from([0.05, 0.04, 0.05, 0.95, 0.5, 0.05, 0.05]),
    day: Int32Array.from([10, 11, 12, 13, 14, 15, 99]), type: Uint8Array.from([0, 1, 0, 1, 0, 0, 0]),
    mask: Uint8Array.from([1, 1, 1, 1, 1, 0, 1]),
  }, 0, 99, { dayMin: 0, dayMax: 50 });
  const grid = pixelGrid(2, 1000, 100, 0, 0, 999, 999);
  assert.equal(grid.ncell, 100);
  const t = new CellTallies(true, 2);
  assert.equal(scanGrid([s], grid, t), 4);
  assert.deepEqual([t.cnt[0], t.cnt[1], t.cnt[99]], [2, 1, 1]);
  assert.equal(Array.from(t.cnt.subarray(0, 100)).reduce((a, b) => a + b), 4);
  assert.deepEqual([t.x0[0], t.x1[0], t.y0[0], t.y1[0], t.sx[0], t.sy[0]], [50, 60, 40, 50, 110, 90]);
  assert.deepEqual([t.tc[0], t.tc[1], t.tc[2], t.tc[3]], [1, 1, 1, 0]); // per cell, per type
  assert.deepEqual([t.lastS[0], t.lastI[0], t.lastI[99]], [0, 1, 3]);
  assert.deepEqual(Array.from(t.firstI), [0, 1, 2]); // the first cap + 1 events
  // the counts alone (the heat of old): no detail arrays; and reused from draw to draw
  const plain = new CellTallies(false, 0);
  assert.equal(scanGrid([s], grid, plain), 4);
  assert.equal(plain.sx, null);
  s.filter = { dayMin: 12, dayMax: 99 };
  assert.equal(scanGrid([s], grid, plain), 3); // 12, 13, 99; 15 is masked
  assert.equal(plain.cnt[0], 1);
});

test('collectEvents lists up to `limit` and counts them all', () => {
  const a = fakeStore({ day: Int32Array.from([1, 2, 3]) }, 1, 3);
  const b = fakeStore({ day: Int32Array.from([5, 6]) }, 5, 6, { dayMin: 6, dayMax: 6 });
  const all = () => true;
  assert.deepEqual(collectEvents([a, b], all, 10), { members: [[0, 0], [0, 1], [0, 2], [1, 1]], total: 4 });
  assert.deepEqual(collectEvents([a, b], (s, i) => s.day[i] % 2 === 0, 1), { members: [[0, 1]], total: 2 });
});

test('the heatmap square size by zoom', () => {
  const steps = [[0, 50], [7, 25], [9, 10]];
  assert.deepEqual([0, 6, 7, 8, 9, 18].map((z) => heatKm(z, steps)), [50, 50, 25, 25, 10, 10]);
});

test('ground squares of 50 km: rows of equal latitude, columns as wide on the ground', () => {
  assert.ok(Math.abs(KM_PER_DEGREE - 111.19508) < 1e-5); // 6371.0088 km * pi / 180
  const g = groundGrid(50, 0, 0, 1, 1);
  const dLat = 50 / KM_PER_DEGREE; // 0.4497 deg: rows 0, 1, 2 cover 0..1 deg
  assert.equal(g.dLat, dLat);
  assert.deepEqual([g.r0, g.nrow, g.ncol, g.ncell], [0, 3, 3, 9]);
  assert.ok(Math.abs(g.dLon[0] - dLat / Math.cos((dLat / 2) * Math.PI / 180)) < 1e-15);
  assert.ok(g.dLon[2] > g.dLon[0]); // wider in degrees away from the equator
  // 60 deg N: a square is twice as many degrees of longitude as of latitude
  const north = groundGrid(50, 60, 0, 60.1, 1);
  assert.ok(Math.abs(north.dLon[0] / north.dLat - 2) < 0.02);

  const s = fakeStore({
    lat: Int32Array.from([0.1e5, 0.2e5, 0.6e5, 5e5, MISSING, 0.1e5]),
    lon: Int32Array.from([0.1e5, 0.3e5, 0.1e5, 5e5, MISSING, 0.1e5]),
    day: Int32Array.from([1, 1, 1, 1, 1, 9]),
  }, 1, 9, { dayMin: 1, dayMax: 5 });
  const cnt = new Uint32Array(g.ncell).fill(7); // zeroed by the scan
  assert.equal(scanGround([s], g, cnt), 3);
  assert.deepEqual(Array.from(cnt), [2, 0, 0, 1, 0, 0, 0, 0, 0]);
  assert.deepEqual(countRange(cnt, g.ncell), { min: 1, max: 2 });
  assert.deepEqual(countRange(new Uint32Array(4), 4), { min: 0, max: 0 });
  assert.deepEqual(groundCell(g, 3), [1, 0]);
});

test("the page's counts: window, filters and mask; types counted before the type filter", () => {
  const gaoMopti = fakeStore({
    payload: { regions: [['MLI', 'Gao'], ['MLI', 'Mopti']] }, type: Uint8Array.from([0, 1, 1, 0]),
    day: Int32Array.from([10, 20, MISSING, 30]), fatalities: Int32Array.from([2, -1, 5, 1]),
    region_code: Int32Array.from([0, 1, -1, 0]),
  }, 10, 30, { dayMin: 15, dayMax: 99 }); // keeps days 20 and 30
  const moptiSahel = fakeStore({
    payload: { regions: [['MLI', 'Mopti'], ['BFA', 'Sahel']] }, type: Uint8Array.from([0, 1]),
    day: Int32Array.from([40, 50]), fatalities: Int32Array.from([4, 6]), region_code: Int32Array.from([1, 0]),
    baseMask: Uint8Array.from([1, 0]), mask: Uint8Array.from([0, 0]), // event 0: only its type is hidden
  }, 40, 50);
  const notDecoded = { type: null, n: 5 };
  const regionIndex = new Map();
  const view = aggregate([gaoMopti, moptiSahel, notDecoded], regionIndex);
  assert.deepEqual(Array.from(regionIndex), [['MLI|Gao', 0], ['MLI|Mopti', 1], ['BFA|Sahel', 2]]);
  assert.deepEqual([view.all, view.total, view.fatalities, view.dayMin, view.dayMax], [6, 2, 1, 20, 30]);
  assert.deepEqual(view.typeCounts, [2, 1]);
  assert.deepEqual(Array.from(view.regionEvents), [1, 1, 0]);
  assert.deepEqual(Array.from(view.regionFatalities), [1, 0, 0]);
});

test('chart bins: events and fatalities per zone and month, the band counted twice', () => {
  const JAN_2020 = 18262;
  const series = [['north'], ['central'], ['border_band'], ['other']];
  const s = fakeStore({
    payload: { zones: ['north', 'central', 'spillover_bfa'] },
    // Jan (north, in the band), Jan (central), Feb (spillover: other), Apr (no zone: other),
    // undated, masked out, before the first bin
    day: Int32Array.from([JAN_2020, JAN_2020 + 5, JAN_2020 + 31, JAN_2020 + 95, MISSING, JAN_2020, JAN_2020 - 40]),
    zone_code: Uint8Array.from([0, 1, 2, 255, 0, 0, 0]),
    band: Uint8Array.from([1, 0, 0, 0, 0, 0, 0]),
    fatalities: Int32Array.from([4, -1, 2, 7, 1, 1, 1]),
    mask: Uint8Array.from([1, 1, 1, 1, 1, 0, 1]),
  }, JAN_2020 - 40, JAN_2020 + 95);
  const { events, dead } = chartBins([s], series, 2020 * 12, 1, 4);
  assert.deepEqual(Array.from(events), [1, 0, 0, 0, /* central */ 1, 0, 0, 0, /* band */ 1, 0, 0, 0, /* other */ 0, 1, 0, 1]);
  assert.deepEqual(Array.from(dead), [4, 0, 0, 0, 0, 0, 0, 0, 4, 0, 0, 0, 0, 2, 0, 7]);
  const quarters = chartBins([s], series, 2020 * 12, 3, 2);
  assert.deepEqual(Array.from(quarters.events), [1, 0, 1, 0, 1, 0, 1, 1]);
});

test('a counts store: each row counts as its weight events, in the page and the chart', () => {
  const JAN_2020 = 18262;
  // two district-months of a table of counts (no type: 255), 5 and 3 events; the second masked out
  const counts = fakeStore({
    payload: { regions: [['MLI', 'Mopti']], districts: ['ML0502'], zones: ['central'] },
    type: Uint8Array.from([255, 255]), day: Int32Array.from([JAN_2020, JAN_2020 + 31]),
    fatalities: Int32Array.from([2, 1]), region_code: Int32Array.from([0, 0]),
    district_code: Int32Array.from([0, 0]), zone_code: Uint8Array.from([0, 0]), band: Uint8Array.from([0, 0]),
    weight: Uint32Array.from([5, 3]), mask: Uint8Array.from([1, 0]),
  }, JAN_2020, JAN_2020 + 31);
  const view = aggregate([counts], new Map(), new Map());
  assert.deepEqual([view.all, view.total, view.fatalities], [8, 5, 2]);
  assert.deepEqual([view.dayMin, view.dayMax], [JAN_2020, JAN_2020 + 30]); // January, to its last day
  assert.deepEqual(view.typeCounts, [0, 0]); // counts have no event type
  assert.deepEqual([Array.from(view.regionEvents), Array.from(view.districtEvents)], [[5], [5]]);
  counts.mask = null;
  const { events } = chartBins([counts], [['central'], ['other']], 2020 * 12, 1, 2);
  assert.deepEqual(Array.from(events), [5, 3, 0, 0]);
});

test('chart coverage: a zone has data only in the months of the stores that reach it', () => {
  const JAN_2020 = 18262;
  const series = [['north'], ['spillover_bfa'], ['border_band'], ['other']];
  // one store Jan-Mar 2020 in the north and Burkina Faso; one Jan-Jun 2020 in the north only
  const both = fakeStore({ payload: { zones: ['north', 'spillover_bfa'] }, day: Int32Array.from([JAN_2020, JAN_2020 + 70]),
    zone_code: Uint8Array.from([0, 1]), band: Uint8Array.from([0, 0]) }, JAN_2020, JAN_2020 + 70);
  const north = fakeStore({ payload: { zones: ['north'] }, day: Int32Array.from([JAN_2020, JAN_2020 + 170]),
    zone_code: Uint8Array.from([0, 0]), band: Uint8Array.from([1, 0]) }, JAN_2020, JAN_2020 + 170);
  const covered = chartCoverage([both, north], series, 2020 * 12, 1, 6);
  assert.deepEqual(Array.from(covered), [1, 1, 1, 1, 1, 1, /* Burkina Faso: to March */ 1, 1, 1, 0, 0, 0,
    /* band */ 1, 1, 1, 1, 1, 1, /* other: no store has it */ 0, 0, 0, 0, 0, 0]);
});

test('niceMax: an axis top of 1, 2, 2.5 or 5 times a power of ten', () => {
  assert.deepEqual([0, 1, 7, 12, 21, 260, 1000].map(niceMax), [1, 1, 10, 20, 25, 500, 1000]);
});
