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
 *       districtZoom, note}): with `districts` (a FeatureCollection, layers/choropleth.py) the layer
 *       shows districts instead of regions from zoom districtZoom; `note`, a legend line (what
 *       a table of counts counts)
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
  'level.district_only': 'Districts (cercles, departments, provinces).',
});
const METRICS = ['events', 'killed', 'density']; // choropleth.py METRICS

// "ISO3|region" -> index into the count arrays, shared by every store of the page
const regionIndex = new Map();

// district P-code -> index into the district count arrays, shared by every store of the page
const districtIndex = new Map();

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
    const view = aggregate(countedStores(), regionIndex, districtIndex);
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
  const [day, month, year] = dayParts(d);
  return day + ' ' + t('month.' + month) + ' ' + year;
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

// ------------------------------------------------------------------ the choropleth (classes: jenks.js)

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
        [LIVE_STRINGS.density, fmtDecimal(v('density'), 2)],
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
            [LIVE_STRINGS.density, fmtDecimal(v('density'), 2)],
          ]);
        }, { sticky: true });
      },
    })
    : null;
  const districtLevel = () => districts !== null && map.getZoom() >= (opts.districtZoom ?? 7);

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
  if (opts.note) el('div', 'sahel-legend-note sahel-choropleth-counts', box, opts.note); // what a table of counts counts
  const levelNote = districts ? el('div', 'sahel-legend-note sahel-choropleth-level', box) : null;
  const legendCtl = new ElementControl(box, { position: opts.position || 'bottomright' });

  const draw = () => {
    const level = districtLevel() ? 'districts' : 'regions';
    const shown = level === 'districts' ? districtFeatures : features;
    const values = shown.map((f) => (level === 'districts' ? districtValueOf : valueOf)(f.feature.properties, metric));
    const { classes, bins } = classifyValues(values, opts.palette, opts.zeroColor, opts.k, fmtInt);
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
      // districts at every zoom (a map of counts alone): no regions to zoom out to
      levelNote.textContent = LIVE_STRINGS[level !== 'districts' ? 'level.region'
        : opts.districtZoom === 0 ? 'level.district_only' : 'level.district'];
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

