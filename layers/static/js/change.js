/*
 * change.js - "What changed" (--compare, layers/change.py): its regions below the district
 * zoom, its districts from it, as the choropleth switches; the legend (legends.js, tied rows)
 * lists the classes of the level shown.
 *
 *   changeLevels(map, group, regions, districts | null, minZoom)
 */
function changeLevels(map, group, regions, districts, minZoom) {
  const sync = () => {
    if (!districts || !map.hasLayer(group)) return;
    const fine = map.getZoom() >= minZoom;
    const on = fine ? districts : regions;
    const off = fine ? regions : districts;
    if (group.hasLayer(off)) group.removeLayer(off);
    if (!group.hasLayer(on)) group.addLayer(on);
    map.fire('sahel:layers'); // the legends' tied rows follow
  };
  map.on('zoomend overlayadd', sync);
  sync();
}

// ---------------------------------------------------------------- two windows set in the page

// The page's "Compare two periods" mode: chart.js sets the windows (set), the overlay
// follows; a module made later than the overlay waits for it with onCompareMode(fn).
const pageCompare = { mode: null, waiting: [] };

function onCompareMode(fn) {
  if (pageCompare.mode) fn(pageCompare.mode);
  else pageCompare.waiting.push(fn);
}

/** A legend bound as Python writes it (layers/change.py _signed): whole, or two decimals. */
function changeNumber(x) {
  return Number.isInteger(x) ? fmtInt(x) : fmtDecimal(x, 2);
}

function signedChange(x) {
  const v = Math.round(x * 100) / 100;
  return (v > 0 ? '+' : v < 0 ? '\u2212' : '\u00b1') + changeNumber(Math.abs(v));
}

/** The five class labels for bounds [e1, e2] (layers/change.py bins). */
function changeLabels(bounds) {
  const [e1, e2] = bounds.map(changeNumber);
  return [t('change.fall_more', { n: e2 }), t('change.fall', { low: e1, high: e2 }), t('change.little', { n: e1 }),
    t('change.rise', { low: e1, high: e2 }), t('change.rise_more', { n: e2 })];
}

/**
 * The overlay's regions (and districts) recomputed from the page's events for two windows
 * ("YYYY-MM-DD..YYYY-MM-DD") passing the filters: fills, tooltips and the legend's title and
 * classes (compare_calc.js, the twin of geo/compare.py).  opts: {windows (the build's),
 * metric, minEvents, palette, tooFew, areaKm2 (density)}.  The windows go into the URL hash
 * (key `compare`) while they are not the build's; reset() shows the build's again.
 */
function changeMode(map, regions, districts, legend, opts) {
  const levels = [['regions', regions], ['districts', districts]].filter((l) => l[1]);
  const box = legend.getElement();
  const title = box.querySelector('.sahel-legend-title');
  const labels = Array.from(box.querySelectorAll('.sahel-legend-label'));
  const saved = { title: title.textContent, labels: labels.map((l) => l.textContent), areas: [] };
  for (const [, layer] of levels) {
    layer.eachLayer((area) => saved.areas.push([area, Object.assign({}, area.feature.properties)]));
  }
  let windows = null; // the reader's [a, b], or null: the build's
  let pending = 0;
  const counts = (p) => t('change.counts', { events: fmtInt(p[0]), killed: fmtInt(p[1]) });

  const draw = () => {
    const [wa, wb] = windows.map(parseWindow);
    const stores = countedStores().filter((s) => s.day); // not a page extract's sample
    const [A, B] = [wa, wb].map((w) => windowCounts(stores, w[0], w[1]));
    let row = 0;
    for (const [level, layer] of levels) {
      const areas = [];
      layer.eachLayer((area) => areas.push(area));
      const p = (area) => area.feature.properties;
      const keys = areas.map((area) => (level === 'regions' ? p(area).iso3 + '|' + p(area).name : p(area).pcode));
      const out = compareWindows(keys, A[level], B[level], opts.metric, opts.minEvents, opts.areaKm2 || {});
      out.rows.forEach((r, k) => {
        const fill = r.too_few ? opts.tooFew : opts.palette[r.change_class + 2];
        Object.assign(p(areas[k]), { fill: fill, window_a: counts([r.events_a, r.killed_a]),
          window_b: counts([r.events_b, r.killed_b]), change: r.too_few ? t('change.too_few_short') : signedChange(r.change) });
        areas[k].setStyle({ fillColor: fill });
      });
      changeLabels(out.bounds).forEach((text, k) => (labels[row + k].textContent = text));
      row += 5;
    }
    const [a, b] = windows.map((w) => w.replace('..', ' \u2013 '));
    title.textContent = t('change.title_' + opts.metric, { a: a, b: b });
    State.change = { windows: windows.slice() };
    map.fire('sahel:change');
  };
  const schedule = () => {
    if (!windows || pending) return;
    pending = setTimeout(() => {
      pending = 0;
      if (windows) draw();
    }, 0);
  };

  const mode = {
    build: opts.windows.slice(),
    /** The windows shown: the reader's, or the build's. */
    windows: () => (windows || opts.windows).slice(),
    custom: () => windows !== null,
    /** Show windows a and b ("YYYY-MM-DD..YYYY-MM-DD"); resolves once drawn. */
    set: (a, b) => {
      if (!parseWindow(a) || !parseWindow(b)) {
        recordError('change: not two windows START..END: ' + a + ', ' + b);
        return Promise.resolve(false);
      }
      windows = [String(a).trim(), String(b).trim()];
      return Promise.all(pageStores.map((s) => s.ready)).then(() => {
        draw();
        HASH_API.update();
        return true;
      });
    },
    /** Back to the build's windows and values. */
    reset: () => {
      windows = null;
      for (const [area, props] of saved.areas) {
        Object.assign(area.feature.properties, props);
        area.setStyle({ fillColor: props.fill });
      }
      title.textContent = saved.title;
      labels.forEach((l, k) => (l.textContent = saved.labels[k]));
      State.change = null;
      map.fire('sahel:change');
      HASH_API.update();
    },
  };
  // windows the reader set count the events passing the filters: follow them
  for (const s of pageStores) s.onFilter(schedule);
  registerHashKey('compare', () => (windows ? windows.join(',') : null), (v) => {
    const parts = String(v).split(',');
    if (parts.length === 2) mode.set(parts[0], parts[1]);
  });
  pageCompare.mode = mode;
  pageCompare.waiting.splice(0).forEach((fn) => fn(mode));
  return mode;
}
