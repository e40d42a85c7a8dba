/*
 * chrome.js - the map's controls that are not layers: title, full screen, measure tool,
 * scale bar, overview minimap and the offline-tiles notice.
 */
function button(parent, className, label, title) {
  const b = el('button', 'sahel-btn ' + (className || ''), parent, label);
  b.type = 'button';
  if (title) {
    b.title = title;
    b.setAttribute('aria-label', title);
  }
  return b;
}

function titleControl(map, opts) {
  const box = el('div', 'leaflet-control sahel-title');
  el('div', 'sahel-title-main', box, opts.title);
  if (opts.subtitle) el('div', 'sahel-title-sub', box, opts.subtitle);
  // where each dataset's data end, when they end apart (layers/compose.py _coverage)
  if (opts.coverage) el('div', 'sahel-title-sub sahel-title-coverage', box, opts.coverage);
  return new ElementControl(box, { position: ensureTopCenter(map) }).addTo(map);
}

function fullscreenControl(map) {
  const bar = el('div', 'leaflet-control leaflet-bar sahel-fullscreen');
  const b = button(bar, 'sahel-fullscreen-btn', null, t('control.fullscreen'));
  el('span', 'sahel-fs-icon', b);
  const c = map.getContainer();
  const isOn = () => document.fullscreenElement === c || c.classList.contains('sahel-pseudo-fullscreen');
  const sync = () => {
    const on = isOn();
    b.setAttribute('aria-pressed', on ? 'true' : 'false');
    bar.classList.toggle('sahel-on', on);
    map.invalidateSize();
  };
  const pseudo = (on) => {
    c.classList.toggle('sahel-pseudo-fullscreen', on);
    document.documentElement.classList.toggle('sahel-pseudo-fullscreen-root', on);
    sync();
  };
  b.addEventListener('click', () => {
    if (document.fullscreenElement === c) {
      document.exitFullscreen().catch(() => {});
    } else if (c.classList.contains('sahel-pseudo-fullscreen')) {
      pseudo(false);
    } else if (c.requestFullscreen && document.fullscreenEnabled) {
      c.requestFullscreen().catch(() => pseudo(true));
    } else {
      pseudo(true);
    }
  });
  document.addEventListener('fullscreenchange', sync);
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && c.classList.contains('sahel-pseudo-fullscreen')) pseudo(false);
  });
  const ctl = new ElementControl(bar, { position: 'topleft' }).addTo(map);
  ctl.toggle = () => b.click();
  ctl.isFullscreen = isOn;
  return ctl;
}

function minimapControl(map, geojson) {
  const box = el('div', 'leaflet-control sahel-minimap');
  const holder = el('div', 'sahel-minimap-map', box);
  const toggle = button(box, 'sahel-minimap-toggle', '\u2212', t('control.minimap_hide'));
  const ctl = new ElementControl(box, { position: 'bottomright' }).addTo(map);
  const mini = L.map(holder, {
    attributionControl: false,
    zoomControl: false,
    dragging: false,
    scrollWheelZoom: false,
    doubleClickZoom: false,
    boxZoom: false,
    keyboard: false,
    touchZoom: false,
    tap: false,
    zoomSnap: 0.1,
    inertia: false,
    fadeAnimation: false,
    zoomAnimation: false,
    crs: map.options.crs,
  });
  let base = null;
  if (geojson) {
    const gj = L.geoJSON(geojson, {
      interactive: false,
      style: { color: '#5a5a5a', weight: 0.8, fillColor: '#e4e1d8', fillOpacity: 1 },
    }).addTo(mini);
    const b = gj.getBounds();
    if (b.isValid()) base = b;
  }
  const rect = L.rectangle([[0, 0], [0, 0]], {
    interactive: false,
    color: '#c0392b',
    weight: 1.5,
    fillColor: '#c0392b',
    fillOpacity: 0.12,
  });
  // The rectangle vanishes at high zoom: a dot keeps the position visible.
  const dot = L.circleMarker([0, 0], {
    interactive: false,
    radius: 3,
    color: '#c0392b',
    weight: 1,
    fillColor: '#c0392b',
    fillOpacity: 1,
  });
  if (base) mini.fitBounds(base, { animate: false });
  const sync = () => {
    // Folded, or hidden by the layout (narrow maps): a 0-size map cannot fit bounds.
    if (!map._loaded || box.classList.contains('sahel-collapsed') || !holder.offsetWidth) return;
    const mb = map.getBounds();
    rect.setBounds(mb);
    dot.setLatLng(map.getCenter());
    if (!mini.hasLayer(rect)) {
      rect.addTo(mini);
      dot.addTo(mini);
    }
    const view = base ? L.latLngBounds(base.getSouthWest(), base.getNorthEast()).extend(mb) : mb.pad(2);
    mini.invalidateSize(false);
    mini.fitBounds(view, { animate: false, padding: [4, 4] });
  };
  map.on('moveend zoomend resize', sync);
  map.on('move', () => {
    if (!mini.hasLayer(rect)) return;
    rect.setBounds(map.getBounds());
    dot.setLatLng(map.getCenter());
  });
  mini.on('click', (e) => map.panTo(e.latlng));
  toggle.addEventListener('click', () => {
    const collapsed = box.classList.toggle('sahel-collapsed');
    toggle.textContent = collapsed ? '+' : '\u2212';
    toggle.title = collapsed ? t('control.minimap_show') : t('control.minimap_hide');
    toggle.setAttribute('aria-label', toggle.title);
    if (!collapsed) sync();
  });
  map.whenReady(() => setTimeout(sync, 0));
  ctl.minimap = mini;
  ctl.rectangle = rect;
  ctl.sync = sync;
  return ctl;
}

function measureControl(map) {
  const bar = el('div', 'leaflet-control leaflet-bar sahel-measure');
  const b = button(bar, 'sahel-measure-btn', null, t('control.measure'));
  el('span', 'sahel-measure-icon', b);
  const readout = el('div', 'sahel-measure-readout', bar);
  const readText = el('span', 'sahel-measure-text', readout);
  const clear = button(readout, 'sahel-measure-clear', '\u00D7', t('control.measure_clear'));
  readout.hidden = true;
  let active = false;
  let points = [];
  let total = 0;
  let line = null;
  let dots = null;
  let dblWasOn = false;
  const fmtKm = (m) => fmtDecimal(m / 1000, m >= 100000 ? 0 : 1) + ' km';
  const clearDrawing = () => {
    if (line) map.removeLayer(line);
    if (dots) map.removeLayer(dots);
    line = dots = null;
    points = [];
    total = 0;
    readout.hidden = true;
  };
  const update = () => {
    readout.hidden = false;
    if (points.length === 0) readText.textContent = t('control.measure_prompt');
    else readText.textContent = t(active ? (points.length === 1 ? 'control.measure_distance_one' : 'control.measure_distance') : 'control.measure_total', { km: fmtKm(total), n: points.length });
  };
  const onClick = (e) => {
    const ll = e.latlng;
    if (points.length) total += map.distance(points[points.length - 1], ll);
    points.push(ll);
    line.addLatLng(ll);
    dots.addLayer(L.circleMarker(ll, { radius: 3, color: '#111', weight: 1, fillColor: '#fff', fillOpacity: 1, interactive: false }));
    update();
  };
  const onKey = (e) => {
    if (e.key === 'Escape') stop();
  };
  function start() {
    clearDrawing();
    active = true;
    map.sahelMeasuring = true;
    bar.classList.add('sahel-on');
    b.setAttribute('aria-pressed', 'true');
    map.getContainer().classList.add('sahel-measuring');
    line = L.polyline([], { color: '#111', weight: 2, dashArray: '6 4', interactive: false }).addTo(map);
    dots = L.layerGroup().addTo(map);
    dblWasOn = map.doubleClickZoom && map.doubleClickZoom.enabled();
    if (dblWasOn) map.doubleClickZoom.disable();
    map.on('click', onClick);
    document.addEventListener('keydown', onKey);
    update();
  }
  function stop() {
    if (!active) return;
    active = false;
    map.sahelMeasuring = false;
    bar.classList.remove('sahel-on');
    b.setAttribute('aria-pressed', 'false');
    map.getContainer().classList.remove('sahel-measuring');
    map.off('click', onClick);
    document.removeEventListener('keydown', onKey);
    if (dblWasOn) map.doubleClickZoom.enable();
    if (points.length < 2) clearDrawing();
    else update();
  }
  b.addEventListener('click', () => (active ? stop() : start()));
  clear.addEventListener('click', () => {
    stop();
    clearDrawing();
  });
  const ctl = new ElementControl(bar, { position: 'topleft' }).addTo(map);
  ctl.start = start;
  ctl.stop = stop;
  ctl.total = () => total;
  ctl.isActive = () => active;
  return ctl;
}

function tileNotice(map, text) {
  let ctl = null;
  const show = () => {
    if (ctl) return;
    const box = el('div', 'leaflet-control sahel-tile-notice');
    box.setAttribute('role', 'status');
    el('span', 'sahel-tile-notice-text', box, text);
    const close = button(box, 'sahel-tile-notice-close', '\u00D7', t('control.dismiss'));
    ctl = new ElementControl(box, { position: ensureTopCenter(map) }).addTo(map);
    close.addEventListener('click', () => box.classList.add('sahel-dismissed'));
  };
  onTileError(map, () => {
    State.tileErrors = (State.tileErrors || 0) + 1;
    show();
  });
  return { show: show };
}

function chrome(map, opts) {
  opts = opts || {};
  const out = {};
  if (opts.layout !== false) out.layout = layout(map); // layout.js
  if (opts.title || opts.subtitle) out.title = titleControl(map, opts);
  if (opts.fullscreen !== false) out.fullscreen = fullscreenControl(map);
  if (opts.measure !== false) out.measure = measureControl(map);
  if (opts.embed !== false) out.embed = embed(map, { title: opts.title, publicUrl: opts.publicUrl }); // embed.js: Share, wheel gate
  if (opts.scale !== false) {
    out.scale = L.control.scale({ metric: true, imperial: true, position: opts.scalePosition || 'bottomleft', maxWidth: 150 }).addTo(map);
  }
  if (opts.minimap !== false) out.minimap = minimapControl(map, opts.minimapGeojson || null);
  if (opts.tileNotice !== false) {
    out.tileNotice = tileNotice(
      map,
      opts.tileNoticeText || t('control.tile_notice')
    );
  }
  if (opts.hash !== false) out.hash = viewHash(map); // hash.js: the view in the URL
  out.print = printView(map); // print.js
  return out;
}
