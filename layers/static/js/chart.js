/*
 * chart.js - events and fatalities over time per zone (north, central, spillover in Burkina
 * Faso and in Niger, the border band, elsewhere), drawn as plain SVG from the stores.  It
 * follows the filters (not the time window, which it shows as a band), and dragging across
 * it sets the time window of every store, which the timeline and every view follow.  Its
 * series ([key, colour, dash], the zones with events, in the map's colours) come from the
 * page (layers/chart.py).  On a page with "What changed" (--compare, change.js), a "Compare two
 * periods" box turns the brush into two: the first drag sets window A, the second window B,
 * and the overlay recomputes for them (the time window is left alone).
 */
const CHART_STRINGS = stringTable('chart', {
  title: 'Events and fatalities by zone',
  events: 'Events per {bin}',
  fatalities: 'Fatalities per {bin}',
  month: 'month',
  quarter: 'quarter',
  hint: 'Drag across the chart to set the time window; double-click for all dates.',
  keys: 'Arrow keys: move through the dates; Enter: start the time window, then Enter again to end it.',
  value: '{zone}: {events}, {dead}',
  readout: '{when}: {values}',
  none: 'no events',
  nEvents: '{n} events',
  nEvents_one: '{n} event',
  nKilled: '{n} killed',
  nKilled_one: '{n} killed',
  allDates: 'All dates',
  label: 'Line chart of events and fatalities per {bin} in each zone, {first} to {last}. Drag to choose dates.',
  north: 'North (Mali)',
  central: 'Centre (Mali)',
  spillover_bfa: 'Spillover: Burkina Faso',
  spillover_ner: 'Spillover: Niger',
  border_band: 'Border band',
  other: 'Elsewhere',
  noData: 'no data',
  noDataAfter: 'no data after {month}',
  noDataBefore: 'no data before {month}',
  compare: 'Compare two periods',
  compareHint: 'Drag across the chart for window A (blue), then again for window B (orange): the map shows what changed.',
});

/** " (no data after Dec 2020)" for series r of the chart's layout when it has bins with no data. */
function coverageNote(layout, r) {
  const { nbins, binMonths, m0, covered } = layout;
  let first = -1;
  let last = -1;
  for (let b = 0; b < nbins; b++) {
    if (!covered[r * nbins + b]) continue;
    if (first < 0) first = b;
    last = b;
  }
  if (first < 0) return ' (' + CHART_STRINGS.noData + ')';
  const notes = [];
  if (first > 0) notes.push(tpl(CHART_STRINGS.noDataBefore, { month: monthLabel(m0 + first * binMonths) }));
  if (last < nbins - 1) notes.push(tpl(CHART_STRINGS.noDataAfter, { month: monthLabel(m0 + (last + 1) * binMonths - 1) }));
  return notes.length ? ' (' + notes.join('; ') + ')' : '';
}

function zoneChart(map, opts) {
  opts = opts || {};
  const series = opts.series || []; // [key, colour, dash] per zone with events (layers/chart.py)
  const stores = pageStores.slice(); // the time window is set on every store
  const counted = countedStores(); // the bins add up these
  const W = opts.width || 400;
  const PANEL = 54;
  const PAD = { l: 34, r: 6, t: 13, gap: 20, b: 16 };
  const H = PAD.t + PANEL + PAD.gap + PANEL + PAD.b;
  const box = el('details', 'leaflet-control sahel-legend sahel-chart');
  box.open = opts.open !== false;
  el('summary', 'sahel-legend-title', box, CHART_STRINGS.title);
  // a slider over the bins for the keyboard: arrows move the cursor, Enter sets the window
  const svg = svgEl('svg', { width: W, height: H, viewBox: '0 0 ' + W + ' ' + H, role: 'slider', tabindex: 0,
    'aria-valuemin': 0, class: 'sahel-chart-svg' }, box);
  const readout = el('div', 'sahel-chart-readout', box);
  readout.setAttribute('aria-live', 'polite');
  const keyRow = el('div', 'sahel-chart-key', box);
  const keyNotes = []; // per series: where its data end, when a dataset ends before the chart does
  for (const [key, colour, dash] of series) {
    const item = el('span', 'sahel-chart-key-item', keyRow);
    const line = svgEl('svg', { width: 16, height: 8, 'aria-hidden': 'true' }, item);
    svgEl('line', { x1: 0, y1: 4, x2: 16, y2: 4, stroke: colour, 'stroke-width': 2, 'stroke-dasharray': dash || 'none' }, line);
    el('span', null, item, CHART_STRINGS[key] || (FILTER_STRINGS['zone.' + key] || key));
    keyNotes.push(el('span', 'sahel-chart-nodata', item));
  }
  const foot = el('div', 'sahel-chart-foot', box);
  el('span', 'sahel-legend-note', foot, CHART_STRINGS.hint + ' ');
  const all = el('button', 'sahel-chart-all', foot, CHART_STRINGS.allDates);
  all.type = 'button';
  // "Compare two periods" (change.js): two bands, A then B, instead of the time window
  const compare = { mode: null, on: false, next: 'a', a: null, b: null, box: null };
  const hint = foot.querySelector('.sahel-legend-note');
  const ctl = new ElementControl(box, { position: opts.position || 'bottomleft' });
  if (map) ctl.addTo(map);

  let layout = null; // {m0, binMonths, nbins, x(b), plotW}
  let data = null; // the last draw's chartBins
  let cursor = null; // the bin the pointer or the keyboard is on
  let cursorLine = null;
  const plotW = W - PAD.l - PAD.r;
  let brushRect = null;
  let bandB = null; // compare mode: window B (brushRect shows A)


  const setup = () => {
    const withData = counted.filter((s) => s.n > 0);
    if (!withData.length) return false;
    const m0 = Math.min(...withData.map((s) => dayToMonthIndex(s.dayMin)));
    const m1 = Math.max(...withData.map((s) => dayToMonthIndex(s.dayMax)));
    const months = m1 - m0 + 1;
    const binMonths = months > 48 ? 3 : 1;
    const first = m0 - (((m0 % binMonths) + binMonths) % binMonths); // quarters start in Jan, Apr...
    const nbins = Math.ceil((m1 - first + 1) / binMonths);
    layout = { m0: first, m1: m1, binMonths: binMonths, nbins: nbins, bw: plotW / nbins };
    layout.covered = chartCoverage(counted, series, first, binMonths, nbins);
    series.forEach((_, r) => (keyNotes[r].textContent = coverageNote(layout, r)));
    return true;
  };
  const xOf = (b) => PAD.l + b * layout.bw;
  const binWord = () => (layout.binMonths === 3 ? CHART_STRINGS.quarter : CHART_STRINGS.month);

  const draw = () => {
    if (!layout && !setup()) return;
    svg.textContent = '';
    const { nbins, m0, binMonths } = layout;
    data = chartBins(counted, series, m0, binMonths, nbins);
    State.chart = { series: series.map((row) => row[0]), m0: m0, binMonths: binMonths, events: Array.from(data.events) };
    svg.setAttribute('aria-label', tpl(CHART_STRINGS.label, { bin: binWord(), first: monthLabel(m0), last: monthLabel(layout.m1) }) + ' ' + CHART_STRINGS.keys);
    svg.setAttribute('aria-valuemax', nbins - 1);
    brushRect = svgEl('rect', { x: 0, y: PAD.t, width: 0, height: H - PAD.t - PAD.b, class: 'sahel-chart-brush' }, svg);
    bandB = svgEl('rect', { x: 0, y: PAD.t, width: 0, height: H - PAD.t - PAD.b, class: 'sahel-chart-brush sahel-chart-brush-b' }, svg);
    const panels = [
      [data.events, tpl(CHART_STRINGS.events, { bin: binWord() }), PAD.t],
      [data.dead, tpl(CHART_STRINGS.fatalities, { bin: binWord() }), PAD.t + PANEL + PAD.gap],
    ];
    for (const [values, title, top] of panels) {
      let max = 0;
      for (const v of values) if (v > max) max = v;
      max = niceMax(max);
      const y = (v) => top + PANEL - (v / max) * PANEL;
      svgEl('line', { x1: PAD.l, y1: top + PANEL, x2: W - PAD.r, y2: top + PANEL, class: 'sahel-chart-axis' }, svg);
      svgEl('line', { x1: PAD.l, y1: top, x2: W - PAD.r, y2: top, class: 'sahel-chart-grid' }, svg);
      const t = svgEl('text', { x: PAD.l, y: top - 3, class: 'sahel-chart-title' }, svg);
      t.textContent = title;
      const ym = svgEl('text', { x: PAD.l - 4, y: top + 4, 'text-anchor': 'end', class: 'sahel-chart-tick' }, svg);
      ym.textContent = fmtCompact(max);
      const y0 = svgEl('text', { x: PAD.l - 4, y: top + PANEL, 'text-anchor': 'end', class: 'sahel-chart-tick' }, svg);
      y0.textContent = '0';
      series.forEach(([key, colour, dash], r) => {
        // one polyline per run of bins with data: a bin with no data is a gap, not a zero
        const runs = [[]];
        let any = false;
        for (let b = 0; b < nbins; b++) {
          if (!layout.covered[r * nbins + b]) {
            if (runs[runs.length - 1].length) runs.push([]);
            continue;
          }
          const v = values[r * nbins + b];
          if (v > 0) any = true;
          runs[runs.length - 1].push((xOf(b) + layout.bw / 2).toFixed(1) + ',' + y(v).toFixed(1));
        }
        if (!any) return;
        for (const pts of runs) {
          if (!pts.length) continue;
          svgEl('polyline', { points: pts.join(' '), fill: 'none', stroke: colour, 'stroke-width': 1.6, 'stroke-dasharray': dash || 'none', 'stroke-linejoin': 'round', 'data-series': key }, svg);
        }
      });
    }
    // a tick and label at each January (every other year when crowded)
    const years = Math.ceil((layout.m1 - m0 + 1) / 12);
    const every = years > 10 ? 2 : 1;
    for (let m = m0; m <= layout.m1; m++) {
      if (((m % 12) + 12) % 12 !== 0) continue;
      const year = Math.floor(m / 12);
      const x = xOf((m - m0) / binMonths);
      svgEl('line', { x1: x, y1: H - PAD.b, x2: x, y2: H - PAD.b + 3, class: 'sahel-chart-axis' }, svg);
      if (year % every === 0) {
        const label = svgEl('text', { x: x + 2, y: H - 4, class: 'sahel-chart-tick' }, svg);
        label.textContent = String(year);
      }
    }
    cursorLine = svgEl('line', { x1: 0, y1: PAD.t, x2: 0, y2: H - PAD.b, class: 'sahel-chart-cursor' }, svg);
    drawBrush();
    showCursor(cursor, false);
  };

  /** The bin's dates as text: "Mar 2019", or "Jan 2019 – Mar 2019" for a quarter. */
  const binText = (b) => {
    const m = layout.m0 + b * layout.binMonths;
    return layout.binMonths === 1 ? monthLabel(m) : monthLabel(m) + ' \u2013 ' + monthLabel(m + layout.binMonths - 1);
  };
  /** The values of bin b: each zone's events and fatalities, those with events only. */
  const binValues = (b) => {
    const parts = [];
    series.forEach(([key], r) => {
      const n = data.events[r * layout.nbins + b];
      if (n > 0) {
        parts.push(tpl(CHART_STRINGS.value, { zone: CHART_STRINGS[key] || key, events: plural(CHART_STRINGS, 'nEvents', n),
          dead: plural(CHART_STRINGS, 'nKilled', data.dead[r * layout.nbins + b]) }));
      }
    });
    return tpl(CHART_STRINGS.readout, { when: binText(b), values: parts.join('; ') || CHART_STRINGS.none });
  };
  /** Put the cursor on bin b (null: none) and show its values; `announce` for the keyboard. */
  const showCursor = (b, announce) => {
    cursor = b;
    if (!cursorLine || !layout) return;
    if (b === null || b < 0 || b >= layout.nbins) {
      cursor = null;
      cursorLine.setAttribute('visibility', 'hidden');
      readout.textContent = '';
      return;
    }
    const x = (xOf(b) + layout.bw / 2).toFixed(1);
    cursorLine.setAttribute('x1', x);
    cursorLine.setAttribute('x2', x);
    cursorLine.setAttribute('visibility', 'visible');
    const text = binValues(b);
    readout.textContent = text;
    svg.setAttribute('aria-valuenow', b);
    svg.setAttribute('aria-valuetext', text);
    readout.setAttribute('aria-live', announce ? 'polite' : 'off');
  };

  /** Days d0..d1 as a band over the chart (null: none). */
  const band = (rect, days) => {
    if (!days) {
      rect.setAttribute('width', '0');
      return;
    }
    const a = (dayToMonthIndex(days[0]) - layout.m0) / layout.binMonths;
    const b = (dayToMonthIndex(days[1]) + 1 - layout.m0) / layout.binMonths;
    rect.setAttribute('x', xOf(Math.max(0, a)).toFixed(1));
    rect.setAttribute('width', Math.max(1, xOf(Math.min(layout.nbins, b)) - xOf(Math.max(0, a))).toFixed(1));
  };
  /** The time window of the stores as a band over the chart; in compare mode, windows A and B. */
  const drawBrush = () => {
    if (!layout || !brushRect) return;
    const s = stores[0];
    if (compare.on) {
      band(brushRect, compare.a);
      band(bandB, compare.b);
      return;
    }
    band(bandB, null);
    all.disabled = !s.filterActive;
    band(brushRect, s.filterActive ? [Math.max(s.filter.dayMin, s.dayMin), Math.min(s.filter.dayMax, s.dayMax)] : null);
  };

  /** Set every store's window to whole bins from bin a to bin b (inclusive); in compare mode
   * the next of windows A and B instead, which the overlay follows once `done`. */
  const setWindow = (a, b, done) => {
    if (a > b) [a, b] = [b, a];
    a = Math.max(0, Math.min(layout.nbins - 1, a));
    b = Math.max(0, Math.min(layout.nbins - 1, b));
    const d0 = monthIndexToDay(layout.m0 + a * layout.binMonths);
    const d1 = monthIndexToDay(layout.m0 + (b + 1) * layout.binMonths) - 1;
    if (!compare.on) {
      for (const s of stores) s.setFilter(d0, d1);
      return;
    }
    compare[compare.next] = [d0, d1];
    if (compare.next === 'a' && done) {
      compare.b = null; // B is drawn next
      compare.next = 'b';
    } else if (done) {
      compare.next = 'a';
      compare.mode.set(...[compare.a, compare.b].map((w) => dayToText(w[0]) + '..' + dayToText(w[1])));
    }
    drawBrush();
  };
  const binAt = (ev) => {
    const r = svg.getBoundingClientRect();
    const x = ((ev.clientX - r.left) * W) / r.width;
    return Math.floor((x - PAD.l) / layout.bw);
  };
  let dragFrom = null;
  svg.addEventListener('pointerdown', (ev) => {
    if (!layout) return;
    dragFrom = binAt(ev);
    svg.setPointerCapture(ev.pointerId);
    ev.preventDefault();
  });
  svg.addEventListener('pointermove', (ev) => {
    if (!layout) return;
    showCursor(binAt(ev), false);
    if (dragFrom !== null) setWindow(dragFrom, binAt(ev));
  });
  svg.addEventListener('pointerleave', () => {
    if (dragFrom === null && document.activeElement !== svg) showCursor(null, false);
  });
  // The keyboard: arrows (Home, End) move the cursor; Enter starts a window at the cursor, the
  // arrows then stretch it, and Enter again ends it; Escape drops a window being made.
  let keyFrom = null;
  svg.addEventListener('focus', () => showCursor(cursor === null ? (layout ? layout.nbins - 1 : null) : cursor, true));
  svg.addEventListener('blur', () => {
    keyFrom = null;
    showCursor(null, false);
  });
  svg.addEventListener('keydown', (ev) => {
    if (!layout) return;
    const last = layout.nbins - 1;
    const at = cursor === null ? last : cursor;
    const moves = { ArrowLeft: at - 1, ArrowDown: at - 1, ArrowRight: at + 1, ArrowUp: at + 1, Home: 0, End: last,
      PageDown: at - 12 / layout.binMonths, PageUp: at + 12 / layout.binMonths };
    if (ev.key in moves) {
      showCursor(Math.max(0, Math.min(last, moves[ev.key])), true);
      if (keyFrom !== null) setWindow(keyFrom, cursor);
    } else if (ev.key === 'Enter' || ev.key === ' ') {
      if (keyFrom === null) {
        keyFrom = at;
        setWindow(at, at);
      } else {
        setWindow(keyFrom, at, true);
        keyFrom = null;
      }
    } else if (ev.key === 'Escape' && keyFrom !== null) {
      keyFrom = null;
      if (compare.on) compareMode(true); // back to the windows shown
      else stores.forEach((s) => s.resetFilter());
    } else return;
    ev.preventDefault();
    ev.stopPropagation();
  });
  svg.addEventListener('pointerup', (ev) => {
    if (dragFrom === null) return;
    setWindow(dragFrom, binAt(ev), true);
    dragFrom = null;
  });
  svg.addEventListener('dblclick', () => stores.forEach((s) => s.resetFilter()));
  all.addEventListener('click', () => stores.forEach((s) => s.resetFilter()));

  let drawnVersion = -1;
  pageView.onUpdate(() => {
    if (drawnVersion !== pageFilters.version || !brushRect) {
      drawnVersion = pageFilters.version;
      draw();
    } else drawBrush();
  });
  const compareMode = (on) => {
    compare.on = on;
    if (compare.box) compare.box.checked = on;
    hint.textContent = (on ? CHART_STRINGS.compareHint : CHART_STRINGS.hint) + ' ';
    compare.next = 'a';
    if (on) [compare.a, compare.b] = compare.mode.windows().map(parseWindow);
    else if (compare.mode.custom()) compare.mode.reset();
    drawBrush();
  };
  onCompareMode((mode) => {
    compare.mode = mode;
    const label = el('label', 'sahel-chart-compare', foot);
    compare.box = el('input', null, label);
    compare.box.type = 'checkbox';
    el('span', null, label, ' ' + CHART_STRINGS.compare);
    compare.box.addEventListener('change', () => compareMode(compare.box.checked));
    if (map) map.on('sahel:change', () => {
      if (mode.custom() && !compare.on) compareMode(true);
    });
    if (mode.custom()) compareMode(true);
  });
  ctl.setBins = (a, b) => setWindow(a, b, true); // for tests: the window (compare: next window) of bins a..b
  ctl.compare = compareMode; // for tests: the "Compare two periods" box
  ctl.readout = () => readout.textContent;
  ctl.layout = () => layout;
  return ctl;
}
