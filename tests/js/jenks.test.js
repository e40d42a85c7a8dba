'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { fisherJenksBreaks, classifyValues, classLabel, groupDigits, sharedCases } = require('./pure.js');

const PALETTE = ['#c6dbef', '#9ecae1', '#6baed6', '#3182bd', '#08519c']; // layers/choropleth.py
const ZERO = '#f7f7f7';
const commas = (n) => groupDigits(n, ',');

for (const c of sharedCases('jenks.json').cases) {
  test('jenks.json, as Python: ' + c.why, () => {
    const positive = c.values.filter((v) => v > 0);
    if (c.breaks) assert.deepEqual(fisherJenksBreaks(positive, c.k), c.breaks);
    const { classes, bins } = classifyValues(c.values, PALETTE, ZERO, c.k, commas);
    assert.deepEqual(classes, c.classes);
    assert.deepEqual(bins.map((b) => b[1]), [ZERO].concat(PALETTE.slice(PALETTE.length - (bins.length - 1))));
    if (c.labels) assert.deepEqual(bins.map((b) => b[0]), c.labels);
  });
}

test('labels of densities (not whole numbers): two significant digits below 10', () => {
  const { bins } = classifyValues([0.5, 2.25, 30.1, 150, 0], PALETTE, ZERO, 5, commas);
  assert.deepEqual(bins.map((b) => b[0]), ['0', '\u2264 0.50', '0.50\u20132.3', '2.3\u201330.1', '30.1\u2013150']);
  assert.equal(classLabel(1000, 2000, true, (n) => groupDigits(n, ' ')), '1 000\u20132 000');
  assert.equal(classLabel(7, 7, true, commas), '7');
});

test('the page writes the legend in its locale (fmtInt is given)', () => {
  const { bins } = classifyValues([1, 1000, 1001, 2500], PALETTE, ZERO, 2, (n) => groupDigits(n, '\u202f'));
  assert.deepEqual(bins.map((b) => b[0]), ['0', '1\u20131\u202f001', '1\u202f002\u20132\u202f500']);
});
