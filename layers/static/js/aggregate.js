// --engine dask above its event limit: every event as counts per grid cell (layers/_aggregate.py).
// One cell size per zoom band; cells in view are drawn on a canvas, shaded by log(count), with
// a tooltip; a legend box says what the layer is and filters it by event type. The cells also
// follow the page's event-type filter and its time window; in a window, the 1-degree cells
// (the only ones counted by month) are drawn at every zoom.
global.SahelMapAggregate = function (map, data) {
  var renderer = L.canvas({ padding: 0.2 });
  var chosenType = -1;  // -1: every type
  var Layer = L.LayerGroup.extend({
    onAdd: function (m) {
      L.LayerGroup.prototype.onAdd.call(this, m);
      m.on('moveend zoomend', redraw);
      legend.addTo(m);
      redraw();
    },
    onRemove: function (m) {
      m.off('moveend zoomend', redraw);
      legend.remove();
      L.LayerGroup.prototype.onRemove.call(this, m);
    }
  });
  var layer = new Layer();

  // the page's time window, as months (YYYYMM) from..to, or null: the counts' store's (live.js)
  function monthWindow() {
    var s = countedStores()[0];
    if (!s || !s.filterActive) return null;
    var month = function (d) { var m = dayToMonthIndex(d); return Math.floor(m / 12) * 100 + (m % 12) + 1; };
    return [month(Math.max(s.filter.dayMin, s.dayMin)), month(Math.min(s.filter.dayMax, s.dayMax))];
  }

  function levelFor(zoom, months) {
    var chosen = data.levels[0];
    if (months) return chosen;
    data.levels.forEach(function (level) { if (zoom >= level.minZoom) chosen = level; });
    return chosen;
  }

  function redraw() {
    if (!map.hasLayer(layer)) return;
    layer.clearLayers();
    var months = monthWindow(), hidden = pageFilters.state.hiddenTypes;
    var level = levelFor(map.getZoom(), months), c = level.columns, size = level.size;
    var view = map.getBounds().pad(0.1), sums = {}, max = 1;
    for (var i = 0; i < c.ix.length; i++) {
      if (chosenType >= 0 && c.type[i] !== chosenType) continue;
      if (hidden.indexOf(data.types[c.type[i]]) >= 0) continue;
      if (months && (c.month[i] < months[0] || c.month[i] > months[1])) continue;
      var south = c.iy[i] * size, west = c.ix[i] * size;
      if (south > view.getNorth() || south + size < view.getSouth()
          || west > view.getEast() || west + size < view.getWest()) continue;
      var key = c.ix[i] + ',' + c.iy[i];
      var s = sums[key] || (sums[key] = [south, west, 0, 0]);
      s[2] += c.events[i];
      s[3] += c.fatalities[i];
      if (s[2] > max) max = s[2];
    }
    var colour = chosenType >= 0 ? data.colors[chosenType] : '#b2182b';
    Object.keys(sums).forEach(function (key) {
      var s = sums[key], shade = Math.log(1 + s[2]) / Math.log(1 + max);
      L.rectangle([[s[0], s[1]], [s[0] + size, s[1] + size]], {
        renderer: renderer, weight: 0, fillColor: colour, fillOpacity: 0.12 + 0.68 * shade
      }).bindTooltip(t('aggregate.cell', { n: fmtInt(s[2]), dead: fmtInt(s[3]), size: size })).addTo(layer);
    });
  }

  var legend = L.control({ position: 'bottomright' });
  legend.onAdd = function () {
    var box = L.DomUtil.create('div', 'sahel-legend sahel-aggregate');
    var title = L.DomUtil.create('div', 'sahel-legend-title', box);
    title.textContent = t('aggregate.title', { n: fmtInt(data.total) });
    var note = L.DomUtil.create('div', 'sahel-legend-note', box);
    note.textContent = t('aggregate.note', { deadliest: fmtInt(data.deadliest), sample: fmtInt(data.sample) });
    var select = L.DomUtil.create('select', '', box);
    select.setAttribute('aria-label', t('aggregate.type'));
    [['-1', t('aggregate.every_type')]].concat(data.types.map(function (type, i) { return [String(i), typeName(type)]; }))
      .forEach(function (pair) {
        var option = L.DomUtil.create('option', '', select);
        option.value = pair[0];
        option.textContent = pair[1];
      });
    L.DomEvent.disableClickPropagation(box);
    L.DomEvent.on(select, 'change', function () { chosenType = Number(select.value); redraw(); });
    return box;
  };
  pageView.onUpdate(redraw); // the filters or the window changed
  return layer;
};
