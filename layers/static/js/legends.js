/*
 * legends.js - the legend boxes: a title, then [label, colour] rows (legend, classedLegend).
 * A row may name the layers it stands for ([label, colour, [layer, ...]]): it is listed only
 * while one of them is on the map, and the box only while it lists a row.
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
  const tied = [];
  for (const item of rows || []) {
    const row = el('div', 'sahel-legend-row', box);
    const sw = el('span', swatchClass, row);
    sw.style.backgroundColor = str(item[1]);
    el('span', 'sahel-legend-label', row, str(item[0]));
    if (Array.isArray(item[2])) tied.push([row, item[2]]);
  }
  if (opts.note) el('div', 'sahel-legend-note', box, opts.note);
  const ctl = new ElementControl(box, { position: opts.position || 'bottomright' });
  if (map) ctl.addTo(map);
  if (map && tied.length) showWithLayers(map, box, tied);
  return ctl;
}

/** List each tied row only while one of its layers is on; hide the box when none is. */
function showWithLayers(map, box, tied) {
  const sync = () => {
    let any = tied.length < box.querySelectorAll('.sahel-legend-row').length;
    for (const [row, layers] of tied) {
      row.hidden = !layers.some((layer) => map.hasLayer(layer));
      if (!row.hidden) any = true;
    }
    box.hidden = !any;
  };
  map.on('overlayadd overlayremove sahel:layers', sync); // sahel:layers: a layer switched its parts (change.js)
  sync();
}

function legend(map, opts) {
  return legendControl(map, opts, 'categorical', (opts || {}).items, 'sahel-swatch');
}

function classedLegend(map, opts) {
  return legendControl(map, opts, 'classed', (opts || {}).bins, 'sahel-box');
}
