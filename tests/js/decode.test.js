'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const zlib = require('node:zlib');
const { b64ToBytes, inflate, typedFrom, widenPackedCodes, mercatorXY, textBlock, decodeColumns, decodeChunk,
  codedTextOf, detailsOf } = require('./pure.js');

const MISSING = -2147483648;
const zlibB64 = (bytes) => zlib.deflateSync(Buffer.from(bytes)).toString('base64');
const bufferOf = (text) => new TextEncoder().encode(text).buffer;

test('base64 of zlib bytes inflates to the bytes', async () => {
  assert.deepEqual(Array.from(b64ToBytes('AQID')), [1, 2, 3]);
  const buf = await inflate(zlibB64([1, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0x80]));
  assert.deepEqual(Array.from(typedFrom(buf, 'int32')), [1, -1, MISSING]);
});

test('typed columns are little-endian whatever the machine', () => {
  const bytes = new Uint8Array([0x34, 0x12, 0xff, 0xff]).buffer;
  assert.deepEqual(Array.from(typedFrom(bytes, 'uint16')), [0x1234, 0xffff]);
  assert.deepEqual(Array.from(typedFrom(bytes, 'uint16', false)), [0x1234, 0xffff]); // the swapping path
  assert.deepEqual(Array.from(typedFrom(bytes, 'int32', false)), [-0xedcc]); // 0xffff1234
  assert.throws(() => typedFrom(bytes, 'float64'), /unknown column type float64; expected one of int32,uint8/);
});

test('packed codes are code + 1: 0 is none', () => {
  assert.deepEqual(Array.from(widenPackedCodes(new Uint8Array([0, 1, 5]))), [-1, 0, 4]);
});

test('Web-Mercator x, y in [0, 1]; NaN without coordinates', () => {
  const lat = Int32Array.from([0, 89e5, -45e5, MISSING]); // 89 N: clamped to 85.05 N
  const lon = Int32Array.from([0, -180e5, 90e5, 0]);
  const { x, y } = mercatorXY(lat, lon, MISSING);
  assert.deepEqual([x[0], y[0]], [0.5, 0.5]);
  assert.ok(Math.abs(x[1]) < 1e-12); // lon * 1e-5 is not exact
  assert.ok(Math.abs(y[1]) < 1e-9); // the top of the square world
  assert.equal(x[2], 0.75);
  // y = 0.5 - ln(tan(pi/4 + phi/2)) / (2 pi); at 45 deg S: 0.5 + ln(1 + sqrt 2) / (2 pi)
  assert.ok(Math.abs(y[2] - (0.5 + Math.log(1 + Math.SQRT2) / (2 * Math.PI))) < 1e-12);
  assert.ok(Number.isNaN(x[3]) && Number.isNaN(y[3]));
});

test('text blocks: "T" and NUL-joined strings, or "J" and a JSON list', () => {
  const joined = textBlock(bufferOf('Talpha\0b\u00e9ta\0'), 3);
  assert.deepEqual([0, 1, 2, 3, -1].map(joined), ['alpha', 'b\u00e9ta', '', '', '']);
  const json = textBlock(bufferOf('J["x\\u0000y", "z"]'), 2);
  assert.deepEqual([0, 1, 2].map(json), ['x\0y', 'z', '']);
});

test('decodeColumns: every numeric column, packed codes widened, lengths checked', async () => {
  const payload = {
    numeric_columns: { day: 'int32', type: 'uint8', zone_code: 'uint8' }, packed_codes: { zone_code: 'uint8' },
    day: zlibB64([5, 0, 0, 0, 6, 0, 0, 0]), type: zlibB64([0, 1]), zone_code: zlibB64([0, 3]),
  };
  const columns = await decodeColumns(payload, 2);
  assert.deepEqual(Object.keys(columns), ['day', 'type', 'zone_code']);
  assert.deepEqual([Array.from(columns.day), Array.from(columns.type), Array.from(columns.zone_code)],
    [[5, 6], [0, 1], [-1, 2]]);
  assert.ok(columns.zone_code instanceof Int32Array);
  await assert.rejects(decodeColumns(payload, 3), /column day has 2 values, expected 3/);
});

test('decodeChunk: its JSON, its dictionary codes and its text blocks', async () => {
  const payload = {
    plain_text_columns: ['notes'], code_type: 'uint16',
    chunks: [zlibB64(Buffer.from(JSON.stringify({ start: 0, count: 2, source: { values: ['AFP'] } })))],
    code_chunks: [zlibB64([0, 0, 0, 0])], text_chunks: { notes: [zlibB64(Buffer.from('Ta\0b'))] },
  };
  const chunk = await decodeChunk(payload, 0, 2);
  assert.deepEqual([chunk.start, chunk.count, chunk.source.values], [0, 2, ['AFP']]);
  assert.deepEqual(Array.from(chunk.codes), [0, 0]);
  assert.deepEqual([chunk.text.notes(0), chunk.text.notes(1)], ['a', 'b']);
});

// A store's decoded columns for three events, as store.js holds them.
const store = {
  n: 3, chunkSize: 2, missing: MISSING, types: ['Battles', 'Riots'], colors: ['#e41a1c'],
  payload: {
    actors: ['JNIM', 'Civilians (Mali)'], countries: ['MLI', 'BFA'], zones: ['north', 'spillover_bfa'],
    regions: [['MLI', 'Gao'], ['BFA', 'Sahel']], plain_text_columns: ['notes'], dict_columns: ['source'],
    district_names: [['Gao', 'Gao', 'MLI'], ['Seno', 'Sahel', 'BFA']],
  },
  day: Int32Array.from([18262, MISSING, 0]), actor1_code: Int32Array.from([0, -1, 1]),
  actor2_code: Int32Array.from([1, -1, 5]), region_code: Int32Array.from([0, -1, 1]),
  zone_code: Int32Array.from([0, -1, 1]), country_code: Int32Array.from([0, -1, 1]),
  district_code: Int32Array.from([0, -1, 1]),
  type: Uint8Array.from([0, 1, 0]), fatalities: Int32Array.from([3, -1, 0]),
  lat: Int32Array.from([1627000, MISSING, 1400000]), lon: Int32Array.from([-15000, MISSING, -100000]),
};

test('the text the codes carry; none is ""', () => {
  assert.deepEqual(codedTextOf(store, 0), { date_text: '2020-01-01', actor1: 'JNIM', actor2: 'Civilians (Mali)',
    region: 'Gao', zone: 'north', country_iso3: 'MLI', district: 'Gao' });
  assert.deepEqual(codedTextOf(store, 1), { date_text: '', actor1: '', actor2: '', region: '', zone: '', country_iso3: '',
    district: '' });
  // a code past the list (5) is none; the spillover zones are one zone to the reader
  assert.deepEqual([codedTextOf(store, 2).actor2, codedTextOf(store, 2).zone], ['', 'spillover']);
});

test("an event's details from its decoded text chunk", () => {
  const chunk = { start: 2, count: 1, codes: Uint32Array.from([0]), source: { values: ['Le Monde'] },
    text: { notes: (j) => ['third'][j] } };
  assert.deepEqual(detailsOf(store, chunk, 2), {
    index: 2, notes: 'third', source: 'Le Monde', date_text: '1970-01-01', actor1: 'Civilians (Mali)', actor2: '',
    region: 'Sahel', zone: 'spillover', country_iso3: 'BFA', district: 'Seno', event_type: 'Battles', color: '#e41a1c', fatalities: 0,
    latitude: 14, longitude: -1, day: 0,
  });
  const unknown = detailsOf(store, { count: 2, codes: Uint32Array.from([0, 7]), source: { values: ['x'] },
    text: { notes: () => '' } }, 1);
  assert.deepEqual([unknown.source, unknown.color, unknown.fatalities, unknown.latitude, unknown.day],
    [null, '#888888', null, null, null]);
});
