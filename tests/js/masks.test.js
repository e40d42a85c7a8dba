'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { actorSelection, filterMasks } = require('./pure.js');

const NONE = { hiddenTypes: [], actor: '', country: '', zone: '', district: '', minFatalities: 0 };
// five events: types A B A B A; actor groups as bits of group_mask (jihadist 1, state 2)
const store = {
  n: 5, types: ['A', 'B'],
  payload: { actors: ['JNIM', 'ISGS', 'FAMa'], countries: ['MLI', 'BFA'], zones: ['north', 'central', 'spillover_bfa'],
    districts: ['BF5601', 'ML0502', 'ML0601'],
    actor_groups: [['jihadist', 'Jihadist groups', 0], ['state', 'State forces', 1]] },
  type: Uint8Array.from([0, 1, 0, 1, 0]), fatalities: Int32Array.from([0, 5, 10, -1, 3]),
  actor1_code: Int32Array.from([0, 1, 0, -1, 2]), actor2_code: Int32Array.from([-1, 0, -1, -1, -1]),
  group_mask: Uint32Array.from([1, 0, 3, 0, 2]), country_code: Int32Array.from([0, 0, 1, 1, 0]),
  zone_code: Uint8Array.from([0, 1, 0, 1, 2]), band: Uint8Array.from([1, 0, 0, 1, 0]),
  district_code: Int32Array.from([2, 1, 0, -1, 1]), // Timbuktu, Bankass, Séno, none, Bankass
};
const masks = (filters) => {
  const { base, mask } = filterMasks(store, Object.assign({}, NONE, filters));
  return [base && Array.from(base), mask && Array.from(mask)];
};

test('no filter: no mask at all', () => {
  assert.deepEqual(masks({}), [null, null]);
});

test('hidden types touch only the mask, not the base the type counts use', () => {
  assert.deepEqual(masks({ hiddenTypes: ['B'] }), [null, [1, 0, 1, 0, 1]]);
});

test('an actor: a group by its bit, or one name as actor1 or actor2', () => {
  assert.deepEqual(actorSelection(store.payload, 'jihadist'), { bit: 0, code: -2 });
  assert.deepEqual(actorSelection(store.payload, 'ISGS'), { bit: -1, code: 1 });
  assert.deepEqual(masks({ actor: 'JNIM' })[0], [1, 1, 1, 0, 0]);
  assert.deepEqual(masks({ actor: 'state' })[0], [0, 0, 1, 0, 1]);
  assert.deepEqual(masks({ actor: 'Nobody' })[0], [0, 0, 0, 0, 0]); // not in this store
});

test('country, zone, border band and fatalities', () => {
  assert.deepEqual(masks({ country: 'BFA' })[0], [0, 0, 1, 1, 0]);
  assert.deepEqual(masks({ country: 'NER' })[0], [0, 0, 0, 0, 0]);
  assert.deepEqual(masks({ zone: 'central' })[0], [0, 1, 0, 1, 0]);
  assert.deepEqual(masks({ zone: 'border_band' })[0], [1, 0, 0, 1, 0]);
  assert.deepEqual(masks({ minFatalities: 5 })[0], [0, 1, 1, 0, 0]); // unknown (-1) is not 5
});

test('filters combine: the mask is the base without the hidden types', () => {
  assert.deepEqual(masks({ country: 'MLI', hiddenTypes: ['A'] }), [[1, 1, 0, 0, 1], [0, 1, 0, 0, 0]]);
});

test('a district: its P-code, as district_code indexes the store\'s "districts"', () => {
  assert.deepEqual(masks({ district: 'ML0502' }), [[0, 1, 0, 0, 1], [0, 1, 0, 0, 1]]);
  assert.deepEqual(masks({ district: 'BF5601' })[0], [0, 0, 1, 0, 0]);
  assert.deepEqual(masks({ district: 'NE0101' }), [[0, 0, 0, 0, 0], [0, 0, 0, 0, 0]]); // not in this store
  // with the other filters and the event types
  assert.deepEqual(masks({ district: 'ML0502', minFatalities: 1 }), [[0, 1, 0, 0, 1], [0, 1, 0, 0, 1]]);
  assert.deepEqual(masks({ district: 'ML0502', actor: 'FAMa' })[0], [0, 0, 0, 0, 1]);
  assert.deepEqual(masks({ district: 'ML0502', hiddenTypes: ['B'] }), [[0, 1, 0, 0, 1], [0, 0, 0, 0, 1]]);
  assert.deepEqual(masks({ district: 'ML0502', country: 'BFA' })[0], [0, 0, 0, 0, 0]);
});

test('a store of counts: a row is many events, so no minimum toll per event selects it', () => {
  const counts = Object.assign({}, store, { weight: Uint32Array.from([4, 1, 2, 7, 3]) });
  const { base } = filterMasks(counts, Object.assign({}, NONE, { minFatalities: 5 }));
  assert.deepEqual(Array.from(base), [0, 0, 0, 0, 0]);
  const { mask } = filterMasks(counts, Object.assign({}, NONE, { hiddenTypes: ['B'], country: 'MLI' }));
  assert.deepEqual(Array.from(mask), [1, 0, 0, 0, 1]); // the other filters act on its rows
});

test("an incident's second report (secondary) counts only when the page counts reports", () => {
  const { weightTotal } = require('./pure.js');
  const withReports = Object.assign({}, store, { secondary: Uint8Array.from([0, 1, 0, 0, 1]) });
  const run = (filters) => {
    const { base, mask } = filterMasks(withReports, Object.assign({}, NONE, filters));
    return [base && Array.from(base), mask && Array.from(mask)];
  };
  assert.deepEqual(run({}), [[1, 0, 1, 1, 0], [1, 0, 1, 1, 0]]);
  assert.deepEqual(run({ count: 'reports' }), [null, null]);
  assert.deepEqual(run({ country: 'MLI' })[0], [1, 0, 0, 0, 0]);
  assert.equal(weightTotal(withReports), 3); // 5 reports, 3 incidents
  assert.equal(weightTotal(Object.assign({}, withReports, { countReports: true })), 5);
  assert.equal(weightTotal(store), 5); // no second reports: every row
});
