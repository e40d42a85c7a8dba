/*
 * store.js - the events payload of layers/_payload.py, decoded (with decode.js): typed
 * columns up front, text chunks on demand; the time window and mask of each store.  The
 * payload names its own columns (numeric_columns, plain_text_columns, dict_columns), so
 * this file holds no copy of those lists; only the text the codes carry (CODED_TEXT_COLUMNS
 * in layers/_payload.py) is rebuilt by name, in decode.js codedTextOf, and
 * tests/layers/test_payload_in_node.py checks every field against Python's.
 */
const PAYLOAD_FORMAT = 'sahelmap-events';
const PAYLOAD_VERSION = 3;
// Every store of the page, in creation order: the filters (filters.js) apply to all of them,
// and the page's counts (live.js) sum over them.
const pageStores = [];

class Store {
  constructor(payload) {
    if (!payload || payload.format !== PAYLOAD_FORMAT || payload.version !== PAYLOAD_VERSION) {
      throw new TypeError('SahelMap.store: expected a ' + PAYLOAD_FORMAT + ' payload version ' +
        PAYLOAD_VERSION + ' (layers/_payload.py), got ' + (payload && payload.format) + ' version ' +
        (payload && payload.version));
    }
    this.payload = payload;
    this.n = payload.n | 0;
    this.types = (payload.types || []).map(String);
    this.colors = (payload.colors || []).map(String);
    this.dayMin = payload.day_min | 0;
    this.dayMax = payload.day_max | 0;
    this.missing = typeof payload.missing === 'number' ? payload.missing : MISSING_DEFAULT;
    this.chunkSize = Math.max(1, payload.chunk_size | 0);
    this.filter = { dayMin: this.dayMin, dayMax: this.dayMax };
    this.mask = null; // Uint8Array(n), 1 = passes the page's filters (filters.js); null = all pass
    this.lat = this.lon = this.type = this.day = this.fatalities = null; // set by _decode
    this.x = this.y = null; // Web-Mercator, normalised to [0, 1] (Float64Array)
    this.decodeMs = null;
    this.maxCachedChunks = 8;
    this._listeners = [];
    this._chunks = new Map();
    this.ready = this._decode();
    this.ready.catch((err) => recordError('SahelMap.store: ' + ((err && err.message) || err)));
    pageStores.push(this);
  }

  /** Every column of payload.numeric_columns ({name: element type}), decoded onto the store. */
  async _decode() {
    const t0 = performance.now();
    Object.assign(this, await decodeColumns(this.payload, this.n));
    const { x, y } = mercatorXY(this.lat, this.lon, this.missing);
    this.x = x;
    this.y = y;
    this.decodeMs = performance.now() - t0;
    return this;
  }

  get filterActive() {
    return this.filter.dayMin > this.dayMin || this.filter.dayMax < this.dayMax;
  }

  /**
   * Keep events with dayMin <= day <= dayMax.  Values are not clamped to the data range,
   * so a window outside this store's dates shows none of its events (several stores can
   * share one timeline).  Undated events pass only an unrestricted filter.
   */
  setFilter(dayMin, dayMax) {
    let a = dayMin !== null && Number.isFinite(+dayMin) ? Math.round(+dayMin) : this.dayMin;
    let b = dayMax !== null && Number.isFinite(+dayMax) ? Math.round(+dayMax) : this.dayMax;
    if (a > b) [a, b] = [b, a];
    if (a <= this.dayMin && b >= this.dayMax) {
      a = this.dayMin; // normalise "everything" so filterActive is false
      b = this.dayMax;
    }
    if (a === this.filter.dayMin && b === this.filter.dayMax) return;
    this.filter = { dayMin: a, dayMax: b };
    this._notify();
  }

  /** Keep only events i with mask[i] === 1 (null: every event); the time window still applies. */
  setMask(mask) {
    if (mask !== null && mask.length !== this.n) throw new RangeError('mask has ' + mask.length + ' values, expected ' + this.n);
    if (mask === null && this.mask === null) return;
    this.mask = mask;
    this._notify();
  }

  _notify() {
    for (const fn of this._listeners.slice()) {
      try {
        fn(this.filter, this);
      } catch (err) {
        recordError('SahelMap filter listener: ' + ((err && err.message) || err));
      }
    }
  }

  resetFilter() {
    this.setFilter(this.dayMin, this.dayMax);
  }

  /** Subscribe to filter changes; returns an unsubscribe function. */
  onFilter(fn) {
    this._listeners.push(fn);
    return () => {
      const k = this._listeners.indexOf(fn);
      if (k >= 0) this._listeners.splice(k, 1);
    };
  }

  passes(i) {
    if (this.mask !== null && this.mask[i] === 0) return false;
    if (!this.filterActive) return true;
    const d = this.day[i];
    return d >= this.filter.dayMin && d <= this.filter.dayMax;
  }

  /** Number of events passing the time window and the mask (one pass). */
  countFiltered() {
    if (!this.day) return 0;
    const M = this.mask;
    if (!this.filterActive && M === null) return this.n;
    const active = this.filterActive;
    const f0 = this.filter.dayMin;
    const f1 = this.filter.dayMax;
    const day = this.day;
    let c = 0;
    for (let i = 0, n = this.n; i < n; i++) {
      if (M !== null && M[i] === 0) continue;
      if (active) {
        const d = day[i];
        if (d < f0 || d > f1) continue;
      }
      c++;
    }
    return c;
  }

  latLng(i) {
    return L.latLng(this.lat[i] * 1e-5, this.lon[i] * 1e-5);
  }

  /** Promise of decoded chunk k; LRU cache of maxCachedChunks chunks. */
  _chunk(k) {
    const cache = this._chunks;
    if (cache.has(k)) {
      const hit = cache.get(k);
      cache.delete(k); // LRU: move to the end
      cache.set(k, hit);
      return hit.promise;
    }
    const src = this.payload.chunks && this.payload.chunks[k];
    if (typeof src !== 'string') return Promise.reject(new RangeError('no chunk ' + k));
    const entry = { promise: null, value: null };
    const count = Math.min(this.chunkSize, this.n - k * this.chunkSize);
    entry.promise = decodeChunk(this.payload, k, count).then((obj) => (entry.value = obj));
    entry.promise.catch(() => cache.delete(k));
    cache.set(k, entry);
    while (cache.size > this.maxCachedChunks) cache.delete(cache.keys().next().value);
    return entry.promise;
  }

  _checkIndex(i) {
    i = Number(i);
    if (!Number.isInteger(i) || i < 0 || i >= this.n) throw new RangeError('event index out of range: ' + i);
    return i;
  }

  /** The text fields the typed columns carry for event i (decode.js codedTextOf). */
  codedText(i) {
    return codedTextOf(this, i);
  }

  /** Promise of a plain object with every field of event i (text chunk decoded on demand). */
  async details(i) {
    i = this._checkIndex(i);
    await this.ready;
    const c = await this._chunk(Math.floor(i / this.chunkSize));
    return detailsOf(this, c, i);
  }

  /** The same object as details(i) when its chunk is already decoded, else null. */
  detailsSync(i) {
    i = this._checkIndex(i);
    if (!this.type) return null;
    const entry = this._chunks.get(Math.floor(i / this.chunkSize));
    return entry && entry.value ? detailsOf(this, entry.value, i) : null;
  }
}

function toStores(x) {
  const list = Array.isArray(x) ? x.slice() : [x];
  if (!list.length || list.some((s) => !(s instanceof Store))) {
    throw new TypeError('SahelMap: expected a store from SahelMap.store() or an array of them');
  }
  return list;
}

const allReady = (stores) => Promise.all(stores.map((s) => s.ready));
// The stores the page's numbers add up: not the sample beside a page extract's counts
// (payload "counted": false, layers/_store.py), which only supplies markers and popups.
const countedStores = () => pageStores.filter((s) => s.payload.counted !== false);
const allDecoded = (stores) => stores.every((s) => s.x !== null);
