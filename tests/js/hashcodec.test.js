'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { parseHash, formatHash, hashDecimals, viewText, parseViewText, monthDay, districtFromHash, slugOf,
  overlaySlugList, baseSlug, linkTokens, shareAddress } = require('./pure.js');

test('parseHash decodes keys and values, with or without #', () => {
  assert.deepEqual(parseHash('#a=1&b=x%2Fy&c'), { a: '1', b: 'x/y', c: '' });
  assert.deepEqual(parseHash('map=6/16.20/-1.50&hide=Battles,Riots&actor=IS+Sahel'),
    { map: '6/16.20/-1.50', hide: 'Battles,Riots', actor: 'IS Sahel' });
  assert.deepEqual(parseHash('#bad=%E0%A4%A&&'), { bad: '%E0%A4%A' }); // a bad escape is kept
  assert.deepEqual(parseHash(''), {});
  assert.deepEqual(parseHash(undefined), {});
});

test('formatHash keeps / , : readable and escapes the rest', () => {
  const pairs = [['map', '6/16.20/-1.50'], ['actor', 'IS Sahel'], ['hide', 'A,B'], ['k', 'a&b=c']];
  const text = formatHash(pairs);
  assert.equal(text, '#map=6/16.20/-1.50&actor=IS%20Sahel&hide=A,B&k=a%26b%3Dc');
  assert.deepEqual(parseHash(text), Object.fromEntries(pairs));
  assert.equal(formatHash([]), '');
});

test('the view: more decimals as the zoom grows', () => {
  assert.deepEqual([0, 6, 7, 10].map(hashDecimals), [2, 2, 3, 4]); // 2^7 = 128: three digits
  assert.equal(viewText(6, 16.2, -1.5), '6/16.20/-1.50');
  assert.equal(viewText(7.25, 16.123456, -1.5), '7.25/16.123/-1.500');
  assert.deepEqual(parseViewText('6/16.20/-1.50'), [6, 16.2, -1.5]);
  assert.throws(() => parseViewText('seven/north/west'), /expected zoom\/latitude\/longitude/);
  assert.throws(() => parseViewText('6/16.2'), /expected zoom/);
});

test('monthDay: the first or last day of a YYYY-MM month', () => {
  const JAN_1_2019 = 17897;
  assert.equal(monthDay('2019-02', false), JAN_1_2019 + 31);
  assert.equal(monthDay('2019-02', true), JAN_1_2019 + 31 + 27);
  assert.equal(monthDay('2020-02', true), 18262 + 31 + 28); // leap year
  assert.throws(() => monthDay('2019-13'), /expected YYYY-MM/);
  assert.throws(() => monthDay('2019-1'), /expected YYYY-MM/);
});

test('slugs of the layer control names', () => {
  assert.equal(slugOf('Événements: UCDP (2020)'), 'evenements-ucdp-2020');
  assert.deepEqual(overlaySlugList(['Events: UCDP GED 21.1 \u00B7 BFA, NER \u00B7 2019\u20132020',
    'Mali regions (OCHA)', 'Events in the 2020 analysis']),
  ['events-ucdp-ged-21-1', 'mali-regions', 'events-in-the-2020-analysis']);
  // two names sharing a short slug take their whole names; still equal, a number
  assert.deepEqual(overlaySlugList(['Events \u00B7 UCDP', 'Events \u00B7 ACLED']), ['events-ucdp', 'events-acled']);
  assert.deepEqual(overlaySlugList(['Zones', 'Zones']), ['zones', 'zones-2']);
  assert.equal(baseSlug('Base map: satellite (Esri World Imagery)'), 'satellite');
  assert.equal(baseSlug('OpenStreetMap'), 'openstreetmap');
});

test('district: a P-code of the page, else an error (the page records it)', () => {
  const codes = ['BF5601', 'ML0502'];
  assert.equal(districtFromHash('ML0502', codes), 'ML0502');
  assert.equal(parseHash('#district=ML0502').district, 'ML0502');
  assert.equal(formatHash([['district', 'ML0502']]), '#district=ML0502');
  assert.throws(() => districtFromHash('ML9999', codes), /unknown district "ML9999"/);
  assert.throws(() => districtFromHash('ml0502', codes), /unknown district/); // P-codes as written
  assert.throws(() => districtFromHash('', codes), /unknown district/);
});

test('link tokens: keys first, then the old slugs of the names in every language', () => {
  const entries = [
    ['regions', { en: 'Mali regions', fr: 'Régions du Mali' }],
    ['timeline', { en: 'Timeline (time slider)', fr: 'Frise chronologique (curseur temporel)' }],
    ['zones-north', { en: 'Northern conflict zone', fr: 'Zone de conflit du Nord' }],
  ];
  const tokens = linkTokens(entries, overlaySlugList);
  assert.deepEqual([...tokens.entries()], [
    ['regions', 0], ['timeline', 1], ['zones-north', 2],
    ['mali-regions', 0], ['northern-conflict-zone', 2],
    ['regions-du-mali', 0], ['frise-chronologique', 1], ['zone-de-conflit-du-nord', 2],
  ]);
  // an old slug never takes a key's place
  const clash = linkTokens([['a', { en: 'B' }], ['b', { en: 'Other' }]], overlaySlugList);
  assert.equal(clash.get('b'), 1);
  const bases = linkTokens([['none', { en: 'No base map', fr: 'Sans fond de carte' }]], (names) => names.map(baseSlug));
  assert.deepEqual([...bases.keys()], ['none', 'no-base-map', 'sans-fond-de-carte']);
});

test('shareAddress: the public address, else the page unless it is a file', () => {
  const hash = '#map=6/16.20/-1.50';
  assert.equal(shareAddress('file:///home/me/map.html#x=1', 'https://example.org/m.html', hash), 'https://example.org/m.html' + hash);
  assert.equal(shareAddress('https://news.example/map.html#old', '', hash), 'https://news.example/map.html' + hash);
  assert.equal(shareAddress('FILE:///C:/map.html', null, hash), null);
  assert.equal(shareAddress('https://a.example/m.html', 'https://b.example/m.html#stale', ''), 'https://b.example/m.html');
});
