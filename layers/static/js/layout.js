/*
 * layout.js - where the controls go at every size, so that none covers another:
 *
 *   - the title sits between the top-left and top-right controls, centred when it fits on
 *     one line, else in the whole gap; when the gap is under MIN_TITLE_PX it spans the top
 *     and the top corners move below it;
 *   - every legend (.sahel-legend, from any corner, whenever it is added) goes into one
 *     "Key" panel at the bottom left, which starts folded below FOLD_KEY_PX wide (or
 *     FOLD_KEY_HEIGHT_PX tall); the overview minimap starts folded below FOLD_KEY_PX wide;
 *   - the container carries sahel-narrow (< NARROW_PX: no minimap, full-width attribution)
 *     and sahel-medium (< FOLD_KEY_PX) for the CSS;
 *   - the filter panel (top left; top right below FOLD_KEY_PX) and the chart (bottom left)
 *     are controls of their own, each
 *     folding to its title line: open from FOLD_KEY_PX wide and FOLD_KEY_HEIGHT_PX tall (the
 *     chart from CHART_OPEN_HEIGHT_PX tall), the reader's own fold or unfold wins; the open
 *     filter panel scrolls rather than reach the bottom-left stack;
 *   - popups are lifted above every control, and panels (panel()) open above everything.
 * Layout reruns when the map or a corner changes size (ResizeObserver).
 */
const NARROW_PX = 600;
const FOLD_KEY_PX = 800;
const FOLD_KEY_HEIGHT_PX = 500; // and on maps this short, where the open Key would meet the top controls
const MIN_TITLE_PX = 240;
const GAP_PX = 10;
const CHART_OPEN_HEIGHT_PX = 800;
const POPUP_MIN_PX = 200;
const POPUP_FRAME_PX = 46; // a popup's width beyond its content (Leaflet's margins, our padding)
const MIN_LIST_PX = 150;
const FILTERS_MIN_PX = 150; // the open filter panel scrolls down to this height before the Key folds // the open layer control's list, before it folds the chart or the Key for room
// Controls styled as legends (.sahel-legend) that stay out of the Key: <details> of their own.
const OWN_PANELS = ['sahel-filters', 'sahel-chart'];

function isOwnPanel(node) {
  return OWN_PANELS.some((name) => node.classList.contains(name));
}

/** The union of the visible controls' boxes in a corner, relative to the map container. */
function cornerBox(corner, origin, skip) {
  let box = null;
  for (const child of corner ? corner.children : []) {
    if (child === skip) continue;
    const r = child.getBoundingClientRect();
    if (!r.width || !r.height) continue;
    const b = { left: r.left - origin.left, right: r.right - origin.left, top: r.top - origin.top, bottom: r.bottom - origin.top };
    box = box
      ? { left: Math.min(box.left, b.left), right: Math.max(box.right, b.right), top: Math.min(box.top, b.top), bottom: Math.max(box.bottom, b.bottom) }
      : b;
  }
  return box;
}

function boxesMeet(a, b) {
  return !!(a && b) && a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/** The top of the bottom stacks under a box (relative to the container), else its height. */
function floorUnder(c, corners, r) {
  const o = c.getBoundingClientRect();
  let floor = c.clientHeight;
  for (const corner of [corners.bottomleft, corners.bottomright]) {
    const b = cornerBox(corner, o);
    if (b && b.left < r.right - o.left && b.right > r.left - o.left) floor = Math.min(floor, b.top);
  }
  return floor;
}

/** The "Key": one foldable panel holding every legend of the map. */
function keyControl(map) {
  const box = el('div', 'leaflet-control sahel-key sahel-empty');
  const toggle = el('button', 'sahel-key-toggle', box, t('legend.key'));
  toggle.type = 'button';
  const body = el('div', 'sahel-key-body', box);
  body.id = 'sahel-key-body-' + L.stamp(box);
  toggle.setAttribute('aria-controls', body.id);
  let userChoice = null; // the reader's last fold / unfold wins over the size rule
  const setOpen = (open) => {
    box.classList.toggle('sahel-folded', !open);
    body.hidden = !open;
    toggle.setAttribute('aria-expanded', open ? 'true' : 'false');
    toggle.title = open ? t('embed.key_hide') : t('embed.key_show');
  };
  toggle.addEventListener('click', () => {
    userChoice = box.classList.contains('sahel-folded');
    setOpen(userChoice);
    if (userChoice) LAYOUTS.get(map).lastOpened = box;
    arrange(map);
  });
  // A legend added once the map is up is a layer's the reader just turned on (choropleth,
  // heatmap, ...): it goes first, and where the Key starts open by size it opens as if the
  // reader had opened it (on smaller maps it stays as the reader left it).
  let started = false;
  const adopt = (node) => {
    if (node.nodeType === 1 && node.classList.contains('sahel-legend') && !isOwnPanel(node) && node.parentNode !== body) {
      body.insertBefore(node, started ? body.firstChild : null);
      const size = map.getSize();
      if (started && size.x >= FOLD_KEY_PX && size.y >= FOLD_KEY_HEIGHT_PX) {
        userChoice = true;
        setOpen(true);
        LAYOUTS.get(map).lastOpened = box;
      }
    }
  };
  map.whenReady(() => setTimeout(() => (started = true), 0));
  const sync = () => box.classList.toggle('sahel-empty', body.children.length === 0);
  const corners = Object.values(map._controlCorners);
  const watch = new MutationObserver((records) => {
    for (const r of records) r.addedNodes.forEach(adopt);
    sync();
  });
  corners.forEach((corner) => {
    Array.from(corner.children).forEach(adopt);
    watch.observe(corner, { childList: true });
  });
  new MutationObserver(sync).observe(body, { childList: true });
  sync();
  const ctl = new ElementControl(box, { position: 'bottomleft' }).addTo(map);
  ctl.fitSize = (width, height) => {
    if (userChoice === null) setOpen(width >= FOLD_KEY_PX && height >= FOLD_KEY_HEIGHT_PX);
  };
  ctl.isFolded = () => box.classList.contains('sahel-folded');
  // folded for room (layout's foldForRoom): the size rule may open it again next time
  ctl.foldForRoom = () => setOpen(false);
  ctl.setOpen = (open) => {
    userChoice = !!open;
    setOpen(userChoice);
    arrange(map);
  };
  ctl.body = body;
  ctl.fitSize(map.getSize().x, map.getSize().y);
  return ctl;
}

/**
 * Leaflet draws popups in the map pane, below every control.  Move the popup pane out to
 * the container, above the controls, and let it follow the map pane's position and zoom
 * animation (Leaflet positions popups relative to the map pane).
 */
function liftPopups(map) {
  const pane = map.getPane('popupPane');
  const mapPane = map.getPane('mapPane');
  if (!pane || !mapPane || pane.parentNode === map.getContainer()) return;
  map.getContainer().appendChild(pane);
  pane.classList.add('sahel-lifted-pane');
  const follow = () => {
    pane.style.transform = mapPane.style.transform;
    pane.style.left = mapPane.style.left;
    pane.style.top = mapPane.style.top;
    pane.classList.toggle('leaflet-zoom-anim', mapPane.classList.contains('leaflet-zoom-anim'));
  };
  new MutationObserver(follow).observe(mapPane, { attributes: true, attributeFilter: ['style', 'class'] });
  follow();
}

/**
 * A popup's auto-pan padding keeps it clear of the controls, but on a small map the padding
 * can leave less room than the popup needs, and Leaflet then pushes it off the edge.  As the
 * popup is drawn above the controls anyway, share out what room there is instead.
 */
function fitPanPadding(popup, map) {
  const o = popup.options;
  const size = map.getSize();
  const pad = L.point(o.autoPanPadding || [0, 0]);
  let tl = L.point(o.autoPanPaddingTopLeft || pad);
  let br = L.point(o.autoPanPaddingBottomRight || pad);
  const box = popup.getElement();
  const w = box ? box.offsetWidth : 0;
  const h = box ? box.offsetHeight + 20 : 0; // + the tip
  if (w + tl.x + br.x > size.x) {
    const x = Math.max(0, Math.floor((size.x - w) / 2));
    tl = L.point(Math.min(tl.x, x), tl.y);
    br = L.point(Math.min(br.x, x), br.y);
  }
  if (h + tl.y + br.y > size.y) {
    const y = Math.max(0, Math.floor((size.y - h) / 2));
    tl = L.point(tl.x, Math.min(tl.y, y));
    br = L.point(br.x, Math.min(br.y, y));
  }
  o.autoPanPaddingTopLeft = tl;
  o.autoPanPaddingBottomRight = br;
}
// Leaflet pans at the end of update() (public), so on a laid-out map a popup is updated
// once without panning, to measure it, then again with padding that fits its size.
const leafletPopupUpdate = L.Popup.prototype.update;
L.Popup.include({
  update: function () {
    const map = this._map;
    if (!map || !this.options.autoPan || !LAYOUTS.has(map)) return leafletPopupUpdate.call(this);
    // On a narrow map the popup is as wide as the room beside the left column of tools, so
    // that it leaves them (and Share) usable; it never gets narrower than POPUP_MIN_PX.
    const left = cornerBox(map._controlCorners.topleft, map.getContainer().getBoundingClientRect());
    const room = map.getSize().x - 2 * ((left ? left.right : 0) + 2) - POPUP_FRAME_PX;
    if (this.sahelMaxWidth === undefined) this.sahelMaxWidth = this.options.maxWidth;
    this.options.maxWidth = Math.max(POPUP_MIN_PX, Math.min(this.sahelMaxWidth, room));
    this.options.minWidth = Math.min(this.options.minWidth, this.options.maxWidth);
    this.options.autoPan = false;
    try {
      leafletPopupUpdate.call(this);
    } finally {
      this.options.autoPan = true;
    }
    fitPanPadding(this, map);
    return leafletPopupUpdate.call(this);
  },
});

/**
 * A panel over the map (role dialog): a heading, a close button and a body.  Escape or the
 * close button closes it and gives the focus back to what opened it.
 */
function panel(map, opts) {
  const box = el('section', 'sahel-panel ' + (opts.className || ''));
  box.setAttribute('role', 'dialog');
  box.setAttribute('aria-modal', 'false');
  box.tabIndex = -1;
  box.hidden = true;
  const head = el('div', 'sahel-panel-head', box);
  const heading = el('h2', 'sahel-panel-title', head, opts.title);
  heading.id = 'sahel-panel-title-' + L.stamp(box);
  box.setAttribute('aria-labelledby', heading.id);
  const close = el('button', 'sahel-btn sahel-panel-close', head, '\u00D7');
  close.type = 'button';
  close.title = t('embed.close');
  close.setAttribute('aria-label', t('embed.close'));
  const body = el('div', 'sahel-panel-body', box);
  map.getContainer().appendChild(box);
  stopMapEvents(box);
  let opener = null;
  const api = {
    element: box,
    body: body,
    isOpen: () => !box.hidden,
    open: (from) => {
      document.querySelectorAll('.sahel-panel').forEach((p) => {
        if (p !== box) p.hidden = true;
      });
      opener = from || document.activeElement;
      box.hidden = false;
      if (opts.onOpen) opts.onOpen();
      box.focus();
    },
    close: () => {
      if (box.hidden) return;
      box.hidden = true;
      if (opener && opener.focus) opener.focus();
      opener = null;
    },
  };
  api.toggle = (from) => (box.hidden ? api.open(from) : api.close());
  close.addEventListener('click', api.close);
  box.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      api.close();
    }
  });
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !box.hidden) api.close();
  });
  return api;
}

/** A text button as its own control (About, Share), in a corner. */
function textButtonControl(map, className, label, position) {
  const box = el('div', 'leaflet-control sahel-text-control ' + className);
  const b = el('button', 'sahel-text-btn', box, label);
  b.type = 'button';
  const ctl = new ElementControl(box, { position: position }).addTo(map);
  ctl.button = b;
  return ctl;
}

/** Below FOLD_KEY_PX the overview map starts folded (its button stays), so that it does not
 * cover the east of the map (Niamey, Tillabéri); the reader's own fold or unfold wins. */
function foldMinimap(c, state, width) {
  const box = c.querySelector('.sahel-minimap');
  const toggle = box && box.querySelector('.sahel-minimap-toggle');
  if (!toggle) return;
  if (!state.minimapWatched) {
    state.minimapWatched = true;
    toggle.addEventListener('click', (e) => {
      if (e.isTrusted) state.minimapChosen = true;
    });
  }
  if (state.minimapChosen) return;
  if (box.classList.contains('sahel-collapsed') !== width < FOLD_KEY_PX) toggle.click();
}

/** Open or fold the filter panel and the chart for the map's size, unless the reader chose. */
function foldOwnPanels(c, state, width, height) {
  state.chosen = state.chosen || new WeakSet();
  for (const box of c.querySelectorAll('details.sahel-filters, details.sahel-chart')) {
    if (!box.sahelWatched) {
      box.sahelWatched = true;
      // only the reader clicks the summary (the layout sets `open`)
      box.querySelector('summary').addEventListener('click', () => {
        state.chosen.add(box);
        if (!box.open) state.lastOpened = box; // the click is about to open it
      });
    }
    if (state.chosen.has(box)) continue;
    const tall = box.classList.contains('sahel-chart') ? CHART_OPEN_HEIGHT_PX : FOLD_KEY_HEIGHT_PX;
    const open = width >= FOLD_KEY_PX && height >= tall;
    if (box.open !== open) box.open = open;
  }
}

/** The filter panel sits top left, or top right (under the layer control) on maps under
 * FOLD_KEY_PX wide, where the left holds the tools and the Key; open, it scrolls rather
 * than reach the controls below it. */
function fitFilterPanel(c, corners, width) {
  const box = c.querySelector('.leaflet-control-container details.sahel-filters');
  if (!box) return;
  const corner = width < FOLD_KEY_PX ? corners.topright : corners.topleft;
  if (box.parentNode !== corner) corner.appendChild(box); // before the title is placed
  box.style.maxHeight = '';
  if (!box.open) return;
  const o = c.getBoundingClientRect();
  const r = box.getBoundingClientRect();
  const room = floorUnder(c, corners, r) - (r.top - o.top) - GAP_PX;
  if (r.height > room) box.style.maxHeight = Math.max(80, Math.floor(room)) + 'px';
}

/** The layer control while it is open: its list scrolls within the frame, leaving room for
 * what the corner holds below it (the filter panel, folded to its title or scrolling) and
 * clear of the bottom-right stack. */
function fitLayerControl(c, corners, state) {
  const lc = corners.topright.querySelector('.leaflet-control-layers-expanded');
  const list = lc && lc.querySelector('.leaflet-control-layers-list');
  if (!list) return;
  const o = c.getBoundingClientRect();
  // as wide as the frame leaves beside the left column (its labels wrap)
  const left = [corners.topleft, corners.bottomleft].map((k) => cornerBox(k, o)).filter(Boolean);
  const leftEdge = Math.max(0, ...left.map((b) => b.right));
  lc.style.boxSizing = 'border-box'; // its padding inside the width
  lc.style.maxWidth = Math.max(160, c.clientWidth - leftEdge - 2 * GAP_PX) + 'px';
  list.style.maxHeight = '';
  list.style.height = ''; // Leaflet's own height counts from the corner, not the frame
  list.style.overflowY = 'auto';
  lc.classList.remove('leaflet-control-layers-scrollbar');
  const fit = () => {
    const r = lc.getBoundingClientRect();
    let after = 0; // the controls below it in its corner, at their smallest
    for (let n = lc.nextElementSibling; n; n = n.nextElementSibling) {
      const h = n.getBoundingClientRect().height;
      if (h) after += (n.matches('details[open]') ? Math.min(h, 80) : h) + GAP_PX;
    }
    return floorUnder(c, corners, r) - (r.top - o.top) - GAP_PX - after - (r.height - list.getBoundingClientRect().height);
  };
  let room = fit();
  if (room < MIN_LIST_PX) {
    // fold the chart and the Key below it, unless the reader opened one of them last
    const chart = c.querySelector('details.sahel-chart');
    if (chart && chart.open && chart !== state.lastOpened) chart.open = false;
    if (state.key && !state.key.isFolded() && state.key.getContainer() !== state.lastOpened) state.key.foldForRoom();
    room = fit();
  }
  list.style.maxHeight = Math.max(60, Math.floor(room)) + 'px';
}

/** The open Key gets its whole height where the open filter panel above it can scroll instead
 * (down to FILTERS_MIN_PX): its legends are what the colours mean. */
function shareLeftColumn(c, corners, state) {
  const filters = corners.topleft.querySelector('details.sahel-filters[open]');
  if (!filters || !state.key || state.key.isFolded()) return;
  state.key.body.style.maxHeight = '';
  const o = c.getBoundingClientRect();
  const bottom = cornerBox(corners.bottomleft, o);
  const r = filters.getBoundingClientRect();
  const room = bottom ? bottom.top - GAP_PX - (r.top - o.top) : r.height;
  if (r.height > room) filters.style.maxHeight = Math.max(FILTERS_MIN_PX, Math.floor(room)) + 'px';
}

/** The open Key's body scrolls rather than reach the top controls.  When the reader opened
 * it last (or turned on a layer with a legend) and its legends do not all start inside it,
 * the chart and then the filter panel fold for room, so that no legend starts below the fold
 * of the Key. */
function fitKey(c, corners, state) {
  if (!state.key || state.key.isFolded()) return;
  const body = state.key.body;
  const room = () => {
    body.style.maxHeight = '';
    const o = c.getBoundingClientRect();
    const tops = [corners.topleft, corners.topright, corners.topcenter].map((k) => cornerBox(k, o)).filter(Boolean);
    const keyBox = state.key.getContainer().getBoundingClientRect();
    const limit = Math.max(GAP_PX, ...tops.filter((b) => b.left < keyBox.right - o.left).map((b) => b.bottom)) + GAP_PX;
    return Math.floor(keyBox.bottom - o.top - limit - (keyBox.height - body.getBoundingClientRect().height));
  };
  // where the last shown legend starts, plus its heading and a first row
  const needed = () => {
    const shown = Array.from(body.children).filter((l) => l.getBoundingClientRect().height > 0);
    const last = shown[shown.length - 1];
    return last ? last.getBoundingClientRect().top - body.getBoundingClientRect().top + Math.min(48, last.offsetHeight) : 0;
  };
  let fits = room();
  if (state.lastOpened === state.key.getContainer()) {
    for (const open of ['details.sahel-chart', 'details.sahel-filters'].map((q) => c.querySelector(q + '[open]'))) {
      if (!open || fits >= needed()) continue;
      open.open = false;
      fits = room();
    }
  }
  body.style.maxHeight = Math.max(60, fits) + 'px';
}

/** When the left stacks meet (the chart, the Key and the filter panel open on a short map), fold
 * the open ones the reader did not open last, the Key first; the last one opened scrolls. */
function foldForRoom(map, state, c, corners) {
  const o = c.getBoundingClientRect();
  const chart = c.querySelector('details.sahel-chart');
  const filters = corners.topleft.querySelector('details.sahel-filters');
  const folds = [
    [() => state.key && !state.key.isFolded(), () => state.key.foldForRoom(), state.key && state.key.getContainer()],
    [() => filters && filters.open, () => (filters.open = false), filters],
    [() => chart && chart.open, () => (chart.open = false), chart],
  ].filter(([, , node]) => node && node !== state.lastOpened);
  const meet = () => {
    const top = cornerBox(corners.topleft, o);
    const bottom = cornerBox(corners.bottomleft, o);
    return top && bottom && top.bottom + GAP_PX > bottom.top && top.left < bottom.right && bottom.left < top.right;
  };
  for (const [isOpen, fold] of folds) {
    if (!meet()) return;
    if (isOpen()) fold();
  }
  // still meeting: the open chart scrolls inside itself
  if (meet() && chart && chart.open) {
    const top = cornerBox(corners.topleft, o);
    const bottom = cornerBox(corners.bottomleft, o);
    const h = chart.getBoundingClientRect().height;
    chart.style.maxHeight = Math.max(60, Math.floor(h - (top.bottom + GAP_PX - bottom.top))) + 'px';
  }
}

// One layout state per map: the Key and the pending frame.
const LAYOUTS = new WeakMap();

/** Place the controls for the container's current size (see the file comment). */
function arrange(map) {
  const state = LAYOUTS.get(map);
  if (!state || !map._loaded) return;
  const c = map.getContainer();
  const corners = map._controlCorners;
  const width = c.clientWidth;
  const height = c.clientHeight;
  c.classList.toggle('sahel-narrow', width < NARROW_PX);
  c.classList.toggle('sahel-medium', width < FOLD_KEY_PX);
  if (state.key) state.key.fitSize(width, height);
  foldMinimap(c, state, width);
  foldOwnPanels(c, state, width, height);
  const chart = c.querySelector('details.sahel-chart');
  if (chart) chart.style.maxHeight = '';
  fitFilterPanel(c, corners, width);

  // Top: the title between the top corners, or across the top with the corners below it.
  const tc = corners.topcenter;
  corners.topleft.style.top = '';
  corners.topright.style.top = '';
  if (tc) {
    const origin = c.getBoundingClientRect();
    const left = cornerBox(corners.topleft, origin);
    // an open layer control counts as its button: opening it must not move the title and
    // every control below it (its list scrolls instead, fitLayerControl)
    const open = corners.topright.querySelector('.leaflet-control-layers-expanded');
    if (open) open.classList.remove('leaflet-control-layers-expanded');
    const right = cornerBox(corners.topright, origin);
    if (open) open.classList.add('leaflet-control-layers-expanded');
    const l = left ? left.right + GAP_PX : GAP_PX;
    const r = right ? width - right.left + GAP_PX : GAP_PX;
    const title = tc.querySelector('.sahel-title');
    tc.classList.add('sahel-measuring-title');
    tc.style.left = '0px';
    tc.style.right = '0px';
    const natural = title ? title.getBoundingClientRect().width : 0;
    tc.classList.remove('sahel-measuring-title');
    const side = Math.max(l, r);
    let stacked = false;
    if (natural <= width - 2 * side) {
      tc.style.left = side + 'px';
      tc.style.right = side + 'px';
    } else if (width - l - r >= MIN_TITLE_PX) {
      tc.style.left = l + 'px';
      tc.style.right = r + 'px';
    } else {
      stacked = true;
      tc.style.left = GAP_PX + 'px';
      tc.style.right = GAP_PX + 'px';
    }
    c.classList.toggle('sahel-title-stacked', stacked);
    if (stacked) {
      const below = cornerBox(tc, c.getBoundingClientRect());
      const top = below ? below.bottom + 'px' : '';
      corners.topleft.style.top = top;
      corners.topright.style.top = top;
    }
  }

  // Bottom: lift the bottom-left stack above the attribution when they would meet.
  const bl = corners.bottomleft;
  bl.style.bottom = '';
  const origin = c.getBoundingClientRect();
  const attribution = map.attributionControl && map.attributionControl.getContainer();
  if (attribution && attribution.parentNode === corners.bottomright) {
    const a = attribution.getBoundingClientRect();
    const abox = { left: a.left - origin.left, right: a.right - origin.left, top: a.top - origin.top, bottom: a.bottom - origin.top };
    if (boxesMeet(cornerBox(bl, origin), abox)) bl.style.bottom = Math.ceil(height - abox.top) + 'px';
  }

  fitLayerControl(c, corners, state);
  fitFilterPanel(c, corners, width);
  shareLeftColumn(c, corners, state);

  fitKey(c, corners, state);
  // panels (About, Share, the table) open right of the left column of tools
  const tools = Array.from(corners.topleft.children).filter((n) => !n.matches('details.sahel-filters'));
  const toolsRight = Math.max(0, ...tools.map((n) => n.getBoundingClientRect().right - c.getBoundingClientRect().left));
  c.style.setProperty('--sahel-tools-right', Math.ceil(toolsRight + GAP_PX) + 'px');
  foldForRoom(map, state, c, corners);
}

/**
 * The keyboard path: the controls come before the markers in the Tab order (their container
 * moves before the map's panes; CSS places them), a skip link first goes to the filter panel
 * (or the first control), and Escape inside a popup closes it (popup.js gives the focus back
 * to the marker that opened it).
 */
function keyboardPath(map) {
  const c = map.getContainer();
  const controls = map._controlContainer;
  if (controls && controls.parentNode === c) c.insertBefore(controls, c.firstChild);
  const skip = el('a', 'sahel-skip', null, t('page.skip'));
  skip.href = '#';
  c.parentNode.insertBefore(skip, c); // before the map's own Tab stop (Leaflet's keyboard panning)
  skip.addEventListener('click', (e) => {
    e.preventDefault();
    const target = c.querySelector('.sahel-filters > summary') ||
      c.querySelector('.leaflet-control-container button, .leaflet-control-container a[href], .leaflet-control-container input');
    if (target) target.focus();
  });
  map.getPane('popupPane').addEventListener('keydown', (e) => {
    if (e.key !== 'Escape') return;
    e.stopPropagation();
    map.closePopup();
  });
}

/** Start the layout manager of a map: the Key, lifted popups, rearranging on resize. */
function layout(map, opts) {
  opts = opts || {};
  if (LAYOUTS.has(map)) return LAYOUTS.get(map);
  const state = { key: opts.key === false ? null : keyControl(map), frame: 0 };
  LAYOUTS.set(map, state);
  liftPopups(map);
  keyboardPath(map);
  const c = map.getContainer();
  c.classList.add('sahel-layout');
  const schedule = () => {
    if (state.frame) return;
    state.frame = requestAnimationFrame(() => {
      state.frame = 0;
      arrange(map);
    });
  };
  state.schedule = schedule;
  state.arrange = () => arrange(map);
  if (typeof ResizeObserver === 'function') {
    const ro = new ResizeObserver(schedule);
    ro.observe(c);
    Object.values(map._controlCorners).forEach((corner) => ro.observe(corner));
    state.resizeObserver = ro;
  }
  map.on('resize', schedule);
  map.whenReady(() => arrange(map));
  return state;
}
