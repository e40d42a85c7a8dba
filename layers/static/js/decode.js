/*
 * decode.js - the events payload of layers/_payload.py, from its wire form: base64 of zlib
 * bytes, little-endian typed columns (codes sent as code + 1 in a narrow type), text blocks,
 * the fields the codes carry, and the Web-Mercator position of each event.  Store (store.js)
 * holds the decoded columns; this file only turns bytes into values.
 * tests/layers/test_payload_in_node.py checks every field against layers/_payload.py.
 * Pure (see format.js for how node loads it); needs atob, Blob, Response,
 * DecompressionStream and TextDecoder, which browsers and node 18+ both have.
 */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function b64ToBytes(s) {
  if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(s);
  const bin = atob(s);
  const n = bin.length;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** base64(zlib(bytes)) -> Promise<ArrayBuffer>, via DecompressionStream('deflate'). */
function inflate(b64) {
  const bytes = b64ToBytes(b64);
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate'));
  return new Response(stream).arrayBuffer();
}

// Element types of the payload's typed columns (NUMERIC_COLUMNS in layers/_payload.py).
const TYPED_ARRAYS = { int32: Int32Array, uint8: Uint8Array, uint16: Uint16Array, uint32: Uint32Array };
const DATAVIEW_GETTERS = { int32: 'getInt32', uint16: 'getUint16', uint32: 'getUint32' };

/** Little-endian bytes as the typed array of `dtype`, a key of TYPED_ARRAYS. */
function typedFrom(buf, dtype, littleEndian = LITTLE_ENDIAN) {
  const Ctor = TYPED_ARRAYS[dtype];
  if (!Ctor) throw new TypeError('unknown column type ' + dtype + '; expected one of ' + Object.keys(TYPED_ARRAYS));
  if (littleEndian || Ctor.BYTES_PER_ELEMENT === 1) return new Ctor(buf);
  const size = Ctor.BYTES_PER_ELEMENT; // big-endian machine: swap each value
  const out = new Ctor(buf.byteLength / size);
  const dv = new DataView(buf);
  const get = dv[DATAVIEW_GETTERS[dtype]].bind(dv);
  for (let i = 0; i < out.length; i++) out[i] = get(i * size, true);
  return out;
}

/** A code column sent as code + 1 in a narrow unsigned type, widened to Int32Array (-1 = none). */
function widenPackedCodes(packed) {
  const out = new Int32Array(packed.length);
  for (let i = 0; i < packed.length; i++) out[i] = packed[i] - 1;
  return out;
}

/** Web-Mercator x, y normalised to [0, 1] (NaN where lat or lon is `missing`); lat, lon in degrees * 1e5. */
function mercatorXY(lat, lon, missing) {
  const n = lat.length;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const MAXLAT = 85.0511287798;
  const RAD = Math.PI / 180;
  const INV4PI = 1 / (4 * Math.PI);
  for (let i = 0; i < n; i++) {
    const la = lat[i];
    const lo = lon[i];
    if (la === missing || lo === missing) {
      x[i] = NaN;
      y[i] = NaN;
      continue;
    }
    const phi = Math.max(-MAXLAT, Math.min(MAXLAT, la * 1e-5)) * RAD;
    const s = Math.sin(phi);
    x[i] = (lo * 1e-5 + 180) / 360;
    y[i] = 0.5 - Math.log((1 + s) / (1 - s)) * INV4PI; // same formula as L.Projection.SphericalMercator
  }
  return { x, y };
}

const UTF8 = new TextDecoder('utf-8');

/**
 * A text block of layers/_payload.py ("T" + strings joined by NUL, or "J" + a JSON list) as
 * a function j -> string j; joined strings are only decoded when asked for.
 */
function textBlock(buf, count) {
  const bytes = new Uint8Array(buf);
  if (bytes[0] === 0x4a) {
    const list = JSON.parse(UTF8.decode(bytes.subarray(1)));
    return (j) => (j >= 0 && j < list.length ? String(list[j]) : '');
  }
  const starts = new Int32Array(count + 1);
  let j = 1;
  for (let i = 1; i < bytes.length && j < count; i++) if (bytes[i] === 0) starts[j++] = i + 1;
  starts[0] = 1;
  starts[count] = bytes.length + 1;
  return (k) => (k >= 0 && k < count ? UTF8.decode(bytes.subarray(starts[k], starts[k + 1] - 1)) : '');
}

/**
 * Promise of every column of payload.numeric_columns ({name: element type}) as its typed
 * array of n values, packed code columns (payload.packed_codes) widened.
 */
async function decodeColumns(payload, n) {
  const columns = Object.entries(payload.numeric_columns);
  const packed = payload.packed_codes || {};
  const bufs = await Promise.all(columns.map(([k]) => inflate(payload[k])));
  const out = {};
  columns.forEach(([k, dtype], j) => {
    const a = packed[k] ? widenPackedCodes(typedFrom(bufs[j], packed[k])) : typedFrom(bufs[j], dtype);
    if (a.length !== n) throw new Error('column ' + k + ' has ' + a.length + ' values, expected ' + n);
    out[k] = a;
  });
  return out;
}

/**
 * Promise of text chunk k (`count` events): its JSON part (start, count, the dictionaries of
 * payload.dict_columns), `codes` (the dictionary codes, column after column) and `text`
 * ({column: j -> string} for payload.plain_text_columns).
 */
function decodeChunk(payload, k, count) {
  const columns = payload.plain_text_columns;
  return Promise.all([
    inflate(payload.chunks[k]).then((buf) => JSON.parse(UTF8.decode(buf))),
    inflate(payload.code_chunks[k]).then((buf) => typedFrom(buf, payload.code_type)),
    ...columns.map((col) => inflate(payload.text_chunks[col][k]).then((buf) => textBlock(buf, count))),
  ]).then(([obj, codes, ...blocks]) => {
    obj.codes = codes;
    obj.text = {};
    columns.forEach((col, c) => (obj.text[col] = blocks[c]));
    return obj;
  });
}

/**
 * The text fields the typed columns of store `s` carry for event i (CODED_TEXT_COLUMNS in
 * layers/_payload.py), "" where the code is none.
 */
function codedTextOf(s, i) {
  const p = s.payload;
  const name = (list, c) => (c >= 0 && c < list.length ? String(list[c]) : '');
  const region = s.region_code[i] >= 0 ? p.regions[s.region_code[i]] : null;
  const zone = name(p.zones, s.zone_code[i]);
  const day = s.day[i];
  const district = (p.district_names || [])[s.district_code[i]]; // [name, region, iso3]
  return {
    date_text: day === s.missing ? '' : dayToText(day),
    actor1: name(p.actors, s.actor1_code[i]),
    actor2: name(p.actors, s.actor2_code[i]),
    region: region ? String(region[1]) : '',
    zone: zone.startsWith('spillover_') ? 'spillover' : zone,
    country_iso3: name(p.countries, s.country_code[i]),
    district: district ? String(district[0]) : '',
  };
}

/** Every field of event i of store `s`, from its decoded text chunk `c` (store.details). */
function detailsOf(s, c, i) {
  const k = Math.floor(i / s.chunkSize);
  const j = i - (typeof c.start === 'number' ? c.start : k * s.chunkSize);
  const M = s.missing;
  const d = { index: i };
  for (const col of s.payload.plain_text_columns) d[col] = c.text[col](j);
  const m = c.count;
  s.payload.dict_columns.forEach((col, n) => {
    const enc = c[col];
    d[col] = enc ? enc.values[c.codes[n * m + j]] : null;
    if (d[col] === undefined) d[col] = null;
  });
  Object.assign(d, codedTextOf(s, i));
  const t = s.type[i];
  d.event_type = s.types[t] !== undefined ? s.types[t] : '';
  d.color = s.colors[t] || '#888888';
  const f = s.fatalities[i];
  d.fatalities = f < 0 ? null : f;
  d.latitude = s.lat[i] === M ? null : s.lat[i] / 1e5;
  d.longitude = s.lon[i] === M ? null : s.lon[i] / 1e5;
  d.day = s.day[i] === M ? null : s.day[i];
  return d;
}

if (typeof module === 'object' && module.exports) {
  module.exports = { LITTLE_ENDIAN, b64ToBytes, inflate, TYPED_ARRAYS, typedFrom, widenPackedCodes, mercatorXY,
    textBlock, decodeColumns, decodeChunk, codedTextOf, detailsOf };
}
