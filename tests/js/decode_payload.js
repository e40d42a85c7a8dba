// node tests/js/decode_payload.js < payload.json: every event's details, as the page's store
// gives them (decode.js), as a JSON list; tests/layers/test_payload_in_node.py compares them
// with layers/_payload.py's own decoding.
'use strict';
const { decodeColumns, decodeChunk, detailsOf } = require('./pure.js');

async function main() {
  const payload = JSON.parse(require('node:fs').readFileSync(0, 'utf-8'));
  const store = Object.assign({ payload, n: payload.n, chunkSize: payload.chunk_size, missing: payload.missing,
    types: payload.types, colors: payload.colors }, await decodeColumns(payload, payload.n));
  const out = [];
  for (let k = 0; k * store.chunkSize < store.n; k++) {
    const count = Math.min(store.chunkSize, store.n - k * store.chunkSize);
    const chunk = await decodeChunk(payload, k, count);
    for (let j = 0; j < count; j++) out.push(detailsOf(store, chunk, k * store.chunkSize + j));
  }
  process.stdout.write(JSON.stringify(out));
}

main().catch((err) => {
  process.stderr.write(String((err && err.stack) || err));
  process.exit(1);
});
