'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { fold, searchEntries, searchPlaces, sharedCases } = require('./pure.js');

test('fold.json: every name folds as layers/search.py folds it', () => {
  for (const [name, key] of sharedCases('fold.json').cases) assert.equal(fold(name), key, name);
});

const search = sharedCases('search.json');
const entries = searchEntries(search.index);

for (const [query, names] of search.cases) {
  test('search.json: "' + query + '" lists ' + (names.length ? names.join(', ') : 'nothing'), () => {
    assert.deepEqual(searchPlaces(entries, query, search.max_results).map((m) => m.entry.name), names);
  });
}

test('ranking: exact, then starts with, then contains; by kind, then events', () => {
  const index = [
    ['Gaoua', 'BFA', 10.3, -3.2, 2, '', 0], // town starting with the query
    ['Gao', 'MLI', 16.3, -0.1, 2, 'Gawgaw', 0], // exact
    ['Gao', 'BFA', 11.0, -1.0, 3, '', 5], // exact, an event place
    ['Gao', 'MLI', 16.5, 0.5, 1, '', 0], // exact, a region
    ['Ingao', 'NER', 15.0, 7.0, 3, '', 9], // contains it
    ['Ansongo', 'MLI', 15.7, 0.5, 2, 'Ansongao', 0], // contains it in its other spelling
    ['Nowhere', 'MLI', 'x', 0, 2, '', 0], // no coordinates: left out
  ];
  const found = searchPlaces(searchEntries(index), 'GAO', 8);
  assert.deepEqual(found.map((m) => [m.entry.name, m.entry.kind, m.spelling]), [
    ['Gao', 1, 'Gao'], ['Gao', 2, 'Gao'], ['Gao', 3, 'Gao'], ['Gaoua', 2, 'Gaoua'], ['Ansongo', 2, 'Ansongao'], ['Ingao', 3, 'Ingao']]);
  assert.equal(searchEntries(index).length, 6);
  assert.deepEqual(searchPlaces(searchEntries(index), 'gawg', 8).map((m) => m.spelling), ['Gawgaw']);
  assert.equal(searchPlaces(searchEntries(index), 'GAO', 2).length, 2);
  assert.deepEqual(searchPlaces(searchEntries(index), ' - ', 8), []); // folds to nothing
  // legacy rows {name, country, lat, lon} are towns
  assert.deepEqual(searchEntries([{ name: 'Mopti', country: 'MLI', lat: 14.5, lon: -4.2 }])[0].kind, 2);
});

test('editDistance: counted up to the limit, then limit + 1', () => {
  const { editDistance } = require('./pure.js');
  assert.equal(editDistance('ogossagou', 'ogossogou', 2), 1);  // ACLED's and UCDP's spellings
  assert.equal(editDistance('kidal', 'kidal', 1), 0);
  assert.equal(editDistance('menaka', 'menakaa', 1), 1);
  assert.equal(editDistance('gao', 'mopti', 1), 2);  // over the limit: 2, not the true 5
  assert.equal(editDistance('ab', 'abcd', 1), 2);    // lengths alone rule it out
});

test('fuzzy: one edit forgiven from 5 letters, two from 8, none below 5', () => {
  const { fuzzAllowed } = require('./pure.js');
  assert.deepEqual([4, 5, 7, 8, 12].map(fuzzAllowed), [0, 1, 1, 2, 2]);
  const index = [['Ogossogou village', 'MLI', 14.9, -3.6, 3, 'Ogossogou', 2],
    ['Gao', 'MLI', 16.27, -0.04, 2, '', 0], ['Goa', 'MLI', 1, 1, 2, '', 0]];
  const found = searchPlaces(searchEntries(index), 'Ogossagou', 5);
  assert.deepEqual(found.map((m) => [m.entry.name, m.spelling]), [['Ogossogou village', 'Ogossogou']]);
  assert.deepEqual(searchPlaces(searchEntries(index), 'gao', 5).map((m) => m.entry.name), ['Gao']);  // 3 letters: exact only
});
