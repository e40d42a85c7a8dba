'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { tallyDominance, dominanceWinner, sharedCases } = require('./pure.js');

const shared = sharedCases('dominance.json');

for (const c of shared.winner) {
  test('dominance.json winner: ' + c.why, () => {
    const got = dominanceWinner(c.counts, c.total, shared.lead);
    assert.equal(got.side, c.side);
    assert.ok(Math.abs(got.share - c.share) < 1e-12, got.share + ' vs ' + c.share);
    assert.equal(got.contested, c.contested);
  });
}

for (const metric of ['events', 'fatalities']) {
  test('dominance.json tally: three cells in the window, by ' + metric, () => {
    const t = shared.tally;
    const rows = {
      idx: Int32Array.from(t.rows.map((_, i) => i)),
      side: Uint16Array.from(t.rows.map((r) => r[1])),
      cell: Int32Array.from(t.rows.map((r) => r[0])),
    };
    const keep = (i) => t.rows[i][2] >= t.window[0] && t.rows[i][2] <= t.window[1];
    const weight = metric === 'events' ? () => 1 : (i) => t.rows[i][3];
    const { counts, totals } = tallyDominance(rows, t.n_cells, t.n_sides, keep, weight);
    const got = [];
    for (let c = 0; c < t.n_cells; c++) {
      const w = dominanceWinner(Array.from(counts.subarray(c * t.n_sides, (c + 1) * t.n_sides)), totals[c], shared.lead);
      got.push([w.side, Math.round(w.share * 1e9) / 1e9, w.contested]);
    }
    assert.deepEqual(got, t[metric]);
  });
}

test('an event with no side, or no cell, is not counted', () => {
  const rows = { idx: Int32Array.of(0, 1, 2), side: Uint16Array.of(0, 1, 2), cell: Int32Array.of(0, -1, 0) };
  const { counts, totals } = tallyDominance(rows, 1, 2, () => true, () => 1);
  assert.deepEqual(Array.from(counts), [0, 1]);
  assert.deepEqual(Array.from(totals), [1]);
});
