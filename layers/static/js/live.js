/*
 * live.js - the numbers every view shows, recounted whenever the time window or the filters
 * change: the title's count and dates, the filter panel's counts, the regions' tooltips and
 * the choropleth's values, classes and legend.  One pass over the events per change
 * (pageView.update), shared by all of them.
 *
 *   SahelMap.pageView.latest -> {total, all, fatalities, dayMin, dayMax, typeCounts,
 *       regionEvents, regionFatalities} of the last update (null before the first)
 *   SahelMap.regionValue(iso3, name, 'events' | 'killed', fallback)
 *   SahelMap.liveChoropleth(map, geoJsonLayer, {palette, zeroColor, k, metric, districts,
 *       districtZoom}): with `districts` (a FeatureCollection, layers/choropleth.py) the layer
 *       shows districts instead of regions from zoom districtZoom
 *   SahelMapState.choropleth = {metric, level: 'regions' | 'districts', bins: [[label, colour]],
 *       classes: {"ISO3|name" or district P-code: class}}
 */
const LIVE_STRINGS = stringTable('live', {
  subtitle: '{n} events, {first} \u2013 {last}',
  none: 'No events match the filters',
  measure: 'Measure',
  'metric.events': 'Events per region',
  'metric.killed': 'Fatalities per region',
  'metric.density': 'Events per 10,000 km\u00B2',
  region: 'Region',
  country: 'Country',
  area: 'Area',
  events: 'Events',
  fatalities: 'Fatalities',
  density: 'Events per 10,000 km\u00B2',
  note: 'Counts follow the time window and the filters.',
  district: 'District',
  'level.district': 'Districts (cercles, departments, provinces): zoom out for regions.',
  'level.region': 'Regions: zoom in for districts.',
});
const METRICS = ['events', 'killed', 'density']; // choropleth.py METRICS

// "ISO3|region" -> index into the count arrays, shared by every store of the page
const regionIndex = new Map();

/** Store s's region codes as indices of regionIndex (made once per store). */
function regionLut(s) {
  if (!s._regionLut) {
    const regions = s.payload.regions || [];
    s._regionLut = Int32Array.from(regions, (r) => {
      const key = r[0] + '|' + r[1];
      if (!regionIndex.has(key)) regionIndex.set(key, regionIndex.size);
      return regionIndex.get(key);
    });
  }
  return s._regionLut;
}

// district P-code -> index into the district count arrays, shared by every store of the page
const districtIndex = new Map();

/** Store s's district codes as indices of districtIndex (made once per store). */
function districtLut(s) {
  if (!s._districtLut) {
    s._districtLut = Int32Array.from(s.payload.districts || [], (code) => {
      if (!districtIndex.has(code)) districtIndex.set(code, districtIndex.size);
      return districtIndex.get(code);
    });
  }
  return s._districtLut;
}

/** The one pass: what passes the time window and the filters, counted every way the views need. */
function aggregate(stores) {
  const decoded = stores.filter((s) => s.type !== null);
  decoded.forEach(regionLut);
  decoded.forEach(districtLut);
  const nt = decoded.length ? decoded[0].types.length : 0;
  const view = {
    total: 0, all: 0, fatalities: 0, dayMin: Infinity, dayMax: -Infinity, typeCounts: new Array(nt).fill(0),
    regionEvents: new Float64Array(regionIndex.size), regionFatalities: new Float64Array(regionIndex.size), ms: 0,
    districtEvents: new Float64Array(districtIndex.size), districtFatalities: new Float64Array(districtIndex.size),
  };
  const t0 = performance.now();
  const tc = new Uint32Array(Math.max(1, nt));
  for (const s of decoded) {
    view.all += s.n;
    const { type: T, day: D, fatalities: F, region_code: R } = s;
    const lut = s._regionLut;
    const DC = s.district_code || null;
    const dlut = s._districtLut;
    const DE = view.districtEvents;
    const DF = view.districtFatalities;
    const RE = view.regionEvents;
    const RF = view.regionFatalities;
    const B = s.baseMask || null;
    const M = s.mask;
    const active = s.filterActive;
    const f0 = s.filter.dayMin;
    const f1 = s.filter.dayMax;
    const missing = s.missing;
    let total = 0;
    let dead = 0;
    let dMin = view.dayMin;
    let dMax = view.dayMax;
    for (let i = 0, n = s.n; i < n; i++) {
      if (B !== null && B[i] === 0) continue;
      const d = D[i];
      if (active && (d < f0 || d > f1)) continue;
      tc[T[i]]++;
      if (M !== null && M[i] === 0) continue;
      total++;
      const f = F[i];
      if (f > 0) dead += f;
      if (d !== missing) {
        if (d < dMin) dMin = d;
        if (d > dMax) dMax = d;
      }
      const r = R[i];
      if (r >= 0) {
        const g = lut[r];
        RE[g]++;
        if (f > 0) RF[g] += f;
      }
      if (DC !== null && DC[i] >= 0) {
        const g = dlut[DC[i]];
        DE[g]++;
        if (f > 0) DF[g] += f;
      }
    }
    view.total += total;
    view.fatalities += dead;
    view.dayMin = dMin;
    view.dayMax = dMax;
  }
  for (let t = 0; t < nt; t++) view.typeCounts[t] = tc[t];
  view.ms = round1(performance.now() - t0);
  return view;
}

const pageView = {
  latest: null,
  _fns: [],
  _timer: null,
  _watched: new Set(),

  onUpdate: function (fn) {
    this._fns.push(fn);
    this.watch();
    if (this.latest) fn(this.latest);
  },

  /** Follow every store of the page (time windows, masks, first decode). */
  watch: function () {
    for (const s of pageStores) {
      if (this._watched.has(s)) continue;
      this._watched.add(s);
      s.onFilter(() => this.schedule());
      s.ready.then(() => this.schedule(), () => {});
    }
  },

  schedule: function () {
    if (this._timer !== null) return;
    this._timer = setTimeout(() => {
      this._timer = null;
      this.update();
    }, 0);
  },

  update: function () {
    if (!pageStores.every((s) => s.type !== null)) return; // again once all are decoded
    const view = aggregate(pageStores);
    this.latest = view;
    State.view = { total: view.total, fatalities: view.fatalities, ms: view.ms };
    for (const fn of this._fns.slice()) {
      try {
        fn(view);
      } catch (err) {
        recordError('SahelMap view listener: ' + ((err && err.message) || err));
      }
    }
  },
};

/** "02 Jan 2012", as the Python subtitle (layers/compose.py) writes dates. */
function dayLong(d) {
  const dt = new Date(d * DAY_MS);
  return String(dt.getUTCDate()).padStart(2, '0') + ' ' + t('month.' + (dt.getUTCMonth() + 1)) + ' ' + dt.getUTCFullYear();
}

/** The title's second line follows the view: "{n} events, {first} - {last}". */
function liveTitle(map) {
  pageView.onUpdate((view) => {
    const sub = map.getContainer().querySelector('.sahel-title-sub');
    if (!sub) return;
    sub.textContent = view.total
      ? tpl(LIVE_STRINGS.subtitle, { n: fmtInt(view.total), first: dayLong(view.dayMin), last: dayLong(view.dayMax) })
      : LIVE_STRINGS.none;
  });
}

/** A district's live count (by P-code), or `fallback` before any. */
function districtValue(pcode, field, fallback) {
  const view = pageView.latest;
  if (!view) return fallback;
  const g = districtIndex.get(pcode);
  if (g === undefined || g >= view.districtEvents.length) return 0;
  return field === 'killed' ? view.districtFatalities[g] : view.districtEvents[g];
}

/** A region's live count (tooltips of regions and spillover layers), or `fallback` before any. */
function regionValue(iso3, name, field, fallback) {
  const view = pageView.latest;
  if (!view) return fallback;
  const g = regionIndex.get(iso3 + '|' + name);
  if (g === undefined) return 0;
  return field === 'killed' ? view.regionFatalities[g] : view.regionEvents[g];
}

// ------------------------------------------------------------------ choropleth classes

/** Upper bounds of k Fisher-Jenks classes: layers/choropleth.py fisher_jenks_breaks, step by step. */
function fisherJenksBreaks(values, k) {
  const x = Float64Array.from(values).sort();
  const n = x.length;
  const prefix = new Float64Array(n + 1);
  const prefix2 = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    prefix[i + 1] = prefix[i] + x[i];
    prefix2[i + 1] = prefix2[i] + x[i] * x[i];
  }
  const cost = (i, j) => {
    const total = prefix[j] - prefix[i];
    return prefix2[j] - prefix2[i] - (total * total) / (j - i);
  };
  const best = [];
  const split = [];
  for (let c = 0; c <= k; c++) {
    best.push(new Float64Array(n + 1).fill(Infinity));
    split.push(new Int32Array(n + 1));
  }
  best[0][0] = 0;
  for (let c = 1; c <= k; c++) {
    for (let j = c; j <= n; j++) {
      for (let i = c - 1; i < j; i++) {
        const candidate = best[c - 1][i] + cost(i, j);
        if (candidate < best[c][j]) {
          best[c][j] = candidate;
          split[c][j] = i;
        }
      }
    }
  }
  const bounds = [];
  let j = n;
  for (let c = k; c > 0; c--) {
    bounds.push(x[j - 1]);
    j = split[c][j];
  }
  return bounds.reverse();
}

function uniqueSorted(values) {
  return Array.from(new Set(values)).sort((a, b) => a - b);
}

function classLabel(lower, top, integer) {
  if (integer) return lower === top ? fmtInt(lower) : fmtInt(lower) + '\u2013' + fmtInt(top);
  const f = (v) => (v >= 100 ? fmtInt(Math.round(v)) : v >= 10 ? v.toFixed(1) : v.toPrecision(2));
  return lower === null ? '\u2264 ' + f(top) : f(lower) + '\u2013' + f(top);
}

/**
 * Class per value (-1 for zero) and legend bins [[label, colour]]: layers/choropleth.py
 * classify, step by step (the browser tests check both give the same classes).
 */
function classifyValues(values, palette, zeroColor, k) {
  const positive = values.filter((v) => v > 0);
  const classes = values.map(() => -1);
  const bins = [['0', zeroColor]];
  if (!positive.length) return { classes: classes, bins: bins };
  const uniq = uniqueSorted(positive);
  k = Math.max(1, Math.min(k, uniq.length));
  const upper = uniqueSorted(k === uniq.length ? uniq : fisherJenksBreaks(positive, k));
  values.forEach((v, i) => {
    if (v > 0) {
      let c = 0;
      while (upper[c] < v) c++; // searchsorted(side='left')
      classes[i] = c;
    }
  });
  const colours = upper.length < palette.length ? palette.slice(palette.length - upper.length) : palette;
  const integer = positive.every((v) => Number.isInteger(v));
  let lower = integer ? 1 : null;
  upper.forEach((top, i) => {
    bins.push([classLabel(lower, top, integer), colours[i]]);
    lower = integer ? Math.floor(top) + 1 : top;
  });
  return { classes: classes, bins: bins };
}

/**
 * The choropleth follows the view: each region's value for the chosen measure (events,
 * fatalities, events per 10,000 km2 of its area, measured in Python in an equal-area CRS),
 * classed afresh; its legend (with the measure's menu) shows while the layer is on.
 */
function liveChoropleth(map, layer, opts) {
  opts = Object.assign({ k: 5, metric: 'events' }, opts || {});
  let metric = opts.metric;
  const features = [];
  layer.eachLayer((f) => {
    features.push(f);
    f.unbindTooltip();
    f.bindTooltip(() => {
      const p = f.feature.properties;
      const v = (m) => valueOf(p, m);
      return infoTable([
        [LIVE_STRINGS.region, p.name], [LIVE_STRINGS.country, p.country],
        [LIVE_STRINGS.area, fmtInt(Math.round(p.area_km2)) + ' km\u00B2'],
        [LIVE_STRINGS.events, fmtInt(v('events'))], [LIVE_STRINGS.fatalities, fmtInt(v('killed'))],
        [LIVE_STRINGS.density, v('density').toFixed(2)],
      ]);
    }, { sticky: true });
  });
  const valueOf = (p, m) => {
    const events = regionValue(p.iso3, p.name, 'events', p.events || 0);
    if (m === 'killed') return regionValue(p.iso3, p.name, 'killed', 0);
    if (m === 'density') return p.area_km2 > 0 ? (events / p.area_km2) * 1e4 : 0;
    return events;
  };

  // districts (from opts.districtZoom): drawn in the layer's pane above the (then hidden) regions
  const districtValueOf = (p, m) => {
    const events = districtValue(p.pcode, 'events', 0);
    if (m === 'killed') return districtValue(p.pcode, 'killed', 0);
    if (m === 'density') return p.area_km2 > 0 ? (events / p.area_km2) * 1e4 : 0;
    return events;
  };
  const districtFeatures = [];
  const districts = opts.districts
    ? L.geoJSON(opts.districts, {
      pane: layer.options.pane,
      style: () => ({ color: '#525252', weight: 0.5, fillOpacity: 0.85, fillColor: opts.zeroColor }),
      onEachFeature: (feature, f) => {
        districtFeatures.push(f);
        f.bindTooltip(() => {
          const p = feature.properties;
          const v = (m) => districtValueOf(p, m);
          return infoTable([
            [LIVE_STRINGS.district, districtText({ district: p.name, region: p.region, country_iso3: p.iso3 })],
            [LIVE_STRINGS.area, fmtInt(Math.round(p.area_km2)) + ' km\u00B2'],
            [LIVE_STRINGS.events, fmtInt(v('events'))], [LIVE_STRINGS.fatalities, fmtInt(v('killed'))],
            [LIVE_STRINGS.density, v('density').toFixed(2)],
          ]);
        }, { sticky: true });
      },
    })
    : null;
  const districtLevel = () => districts !== null && map.getZoom() >= (opts.districtZoom || 7);

  const box = legendBox(null, 'sahel-legend-classed sahel-choropleth-legend');
  const select = el('select', 'sahel-choropleth-metric', box);
  select.setAttribute('aria-label', LIVE_STRINGS.measure);
  for (const m of METRICS) {
    const o = el('option', null, select, LIVE_STRINGS['metric.' + m]);
    o.value = m;
  }
  select.value = metric;
  const rows = el('div', 'sahel-choropleth-rows', box);
  el('div', 'sahel-legend-note', box, LIVE_STRINGS.note);
  const levelNote = districts ? el('div', 'sahel-legend-note sahel-choropleth-level', box) : null;
  const legendCtl = new ElementControl(box, { position: opts.position || 'bottomright' });

  const draw = () => {
    const level = districtLevel() ? 'districts' : 'regions';
    const shown = level === 'districts' ? districtFeatures : features;
    const values = shown.map((f) => (level === 'districts' ? districtValueOf : valueOf)(f.feature.properties, metric));
    const { classes, bins } = classifyValues(values, opts.palette, opts.zeroColor, opts.k);
    const byKey = {};
    shown.forEach((f, i) => {
      f.setStyle({ fillColor: bins[classes[i] + 1][1] });
      const p = f.feature.properties;
      byKey[level === 'districts' ? p.pcode : p.iso3 + '|' + p.name] = classes[i];
    });
    if (districts) {
      // while districts show, the regions (the layer control's layer) are their outlines only,
      // drawn above the districts and letting the mouse through to them
      const inDistricts = level === 'districts';
      features.forEach((f) => {
        f.setStyle(inDistricts ? { weight: 1.6, fillOpacity: 0 } : { weight: 0.6, fillOpacity: 0.85 });
        const path = f.getElement && f.getElement();
        if (path) path.style.pointerEvents = inDistricts ? 'none' : '';
      });
      const on = map.hasLayer(layer) && inDistricts;
      if (on && !map.hasLayer(districts)) {
        districts.addTo(map);
        layer.bringToFront();
      } else if (!on && map.hasLayer(districts)) map.removeLayer(districts);
      levelNote.textContent = LIVE_STRINGS[level === 'districts' ? 'level.district' : 'level.region'];
    }
    rows.textContent = '';
    for (const [label, colour] of bins) {
      const row = el('div', 'sahel-legend-row', rows);
      el('span', 'sahel-box', row).style.backgroundColor = colour;
      el('span', 'sahel-legend-label', row, label);
    }
    State.choropleth = { metric: metric, level: level, bins: bins, classes: byKey };
  };
  select.addEventListener('change', () => {
    metric = select.value;
    draw();
    updateHash();
  });
  // #metric=killed|density (hash.js): the measure, when it is not the events count
  registerHashKey('metric', () => (metric !== 'events' ? metric : null), (value) => {
    if (METRICS.indexOf(value) < 0) throw new Error('expected one of ' + METRICS.join(', '));
    select.value = metric = value;
    draw();
  });
  let shown = false;
  const sync = () => {
    const on = map.hasLayer(layer);
    if (districts) draw(); // the districts follow the layer's switch
    if (on === shown) return;
    shown = on;
    if (on) legendCtl.addTo(map);
    else legendCtl.remove();
  };
  map.on('overlayadd overlayremove', sync);
  if (districts) map.on('zoomend', draw);
  sync();
  draw();
  pageView.onUpdate(draw);
  return { legend: legendCtl, draw: draw, setMetric: (m) => ((select.value = m), (metric = m), draw()) };
}

