/*
 * legends.js - the legend boxes: a title, then [label, colour] rows (legend, classedLegend).
 */
function legendBox(title, extraClass) {
  const box = el('div', 'leaflet-control sahel-legend' + (extraClass ? ' ' + extraClass : ''));
  if (title) el('div', 'sahel-legend-title', box, title);
  return box;
}

// One shape for both legends: a title, then [label, colour] rows with round swatches
// (categorical) or square boxes (classed).
function legendControl(map, opts, kind, rows, swatchClass) {
  opts = opts || {};
  const box = legendBox(opts.title, 'sahel-legend-' + kind);
  for (const item of rows || []) {
    const row = el('div', 'sahel-legend-row', box);
    const sw = el('span', swatchClass, row);
    sw.style.backgroundColor = str(item[1]);
    el('span', 'sahel-legend-label', row, str(item[0]));
  }
  if (opts.note) el('div', 'sahel-legend-note', box, opts.note);
  const ctl = new ElementControl(box, { position: opts.position || 'bottomright' });
  if (map) ctl.addTo(map);
  return ctl;
}

function legend(map, opts) {
  return legendControl(map, opts, 'categorical', (opts || {}).items, 'sahel-swatch');
}

function classedLegend(map, opts) {
  return legendControl(map, opts, 'classed', (opts || {}).bins, 'sahel-box');
}
