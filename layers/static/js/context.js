/*
 * context.js - "Places and rivers": rivers and lakes as vector lines, and place names
 * placed without overlap.  Labels come most important first (layers/context.py); on every
 * zoom or pan each label whose minZoom is reached is placed if its box does not overlap a
 * box already placed or an annotation's label (country names, kind 'admin0', may move up or
 * down a line to find room).
 */
const CONTEXT_FONTS = {
  admin0: '600 13px system-ui, sans-serif',
  capital: '700 12px system-ui, sans-serif',
  town: '400 11px system-ui, sans-serif',
  river: 'italic 400 11px system-ui, sans-serif',
  lake: 'italic 400 11px system-ui, sans-serif',
};
const CONTEXT_COLORS = { admin0: '#6b6b6b', capital: '#1a1a1a', town: '#333333', river: '#2f6f9f', lake: '#2f6f9f' };
const HALO = '0 0 2px #fff, 0 0 2px #fff, 0 0 3px #fff';
let measureCanvas = null;

function textWidth(text, font) {
  measureCanvas = measureCanvas || document.createElement('canvas');
  const ctx = measureCanvas.getContext('2d');
  ctx.font = font;
  return ctx.measureText(text).width;
}

/** Layer-pixel boxes of the text of the elements matching `selector` on the map. */
function textBoxes(map, selector) {
  const origin = map.getContainer().getBoundingClientRect();
  const range = document.createRange();
  return Array.from(map.getContainer().querySelectorAll(selector)).map((e) => {
    range.selectNodeContents(e);
    const r = range.getBoundingClientRect();
    const a = map.containerPointToLayerPoint([r.left - origin.left, r.top - origin.top]);
    return [a.x, a.y, a.x + r.width, a.y + r.height];
  }).filter((b) => b[2] > b[0]);
}

const ContextLayer = L.Layer.extend({
  options: { rivers: null, lakes: null, labels: [], riverColor: '#4a90c2', lakeFill: '#b7d3ea',
    onTileError: true, pane: 'sahelContextPane', labelPane: 'sahelContextLabelPane' },

  initialize: function (options) {
    L.setOptions(this, options);
    this._labels = this.options.labels || [];
    this.placed = [];
  },

  onAdd: function (map) {
    ensurePane(map, this.options.pane, 355, 'sahel-context-pane');
    // Names above the event bubbles (markerPane 600), below tooltips (650) and popups (700).
    ensurePane(map, this.options.labelPane, 640, 'sahel-context-labels');
    map.getPane(this.options.labelPane).style.pointerEvents = 'none';
    const weight = (f) => Math.max(0.8, 3.2 - 0.35 * (f.properties.scalerank || 0));
    this._water = L.layerGroup([
      L.geoJSON(this.options.lakes, { pane: this.options.pane, interactive: false,
        style: () => ({ color: this.options.riverColor, weight: 0.8, fillColor: this.options.lakeFill, fillOpacity: 0.9 }) }),
      L.geoJSON(this.options.rivers, { pane: this.options.pane, interactive: false,
        style: (f) => ({ color: this.options.riverColor, weight: weight(f), opacity: 0.9 }) }),
    ]).addTo(map);
    this._box = el('div', 'sahel-context-label-layer', map.getPane(this.options.labelPane));
    // after the annotations are placed (annotations.js): names keep off their labels
    map.on('zoomend moveend resize sahel:annotations', this._update, this);
    this._update();
  },

  onRemove: function (map) {
    map.off('zoomend moveend resize sahel:annotations', this._update, this);
    map.removeLayer(this._water);
    this._box.remove();
    this.placed = [];
  },

  _update: function () {
    const map = this._map;
    if (!map) return;
    const zoom = map.getZoom();
    const view = map.getPixelBounds().pad(0.1);
    const sizes = new Map();
    const sizeOf = (label) => {
      if (!sizes.has(label)) {
        const country = label.kind === 'admin0'; // country names: upper case, letter-spaced 0.08em of 13px
        const text = country ? label.text.toUpperCase() : label.text;
        const w = textWidth(text, CONTEXT_FONTS[label.kind] || CONTEXT_FONTS.town) + (country ? 1.04 * text.length : 0);
        sizes.set(label, [w, country ? 16 : 14]);
      }
      return sizes.get(label);
    };
    const inView = this._labels.filter((l) => l.minZoom <= zoom && view.contains(map.project([l.lat, l.lon], zoom)));
    const placed = placeLabels(inView, zoom, (l) => map.latLngToLayerPoint([l.lat, l.lon]), sizeOf,
      textBoxes(map, '.sahel-region-label'), textBoxes(map, '.sahel-annotation-label'));
    this._box.textContent = '';
    for (const p of placed) {
      const kind = p.label.kind;
      // Styled here, not in sahelmap.css, so the layer is one file.
      const div = el('div', 'sahel-context-label sahel-context-' + kind, this._box);
      const st = div.style;
      st.position = 'absolute';
      st.left = st.top = '0';
      st.whiteSpace = 'nowrap';
      st.display = 'flex';
      st.alignItems = 'center';
      if (p.side === 'left') st.flexDirection = 'row-reverse';
      st.lineHeight = sizeOf(p.label)[1] + 'px';
      st.font = CONTEXT_FONTS[kind] || CONTEXT_FONTS.town;
      st.color = CONTEXT_COLORS[kind] || '#333';
      st.textShadow = HALO;
      if (kind === 'admin0') {
        st.letterSpacing = '0.08em';
        st.textTransform = 'uppercase';
      }
      st.transform = 'translate(' + Math.round(p.x) + 'px,' + Math.round(p.y) + 'px)';
      const dot = CONTEXT_DOT[kind] || 0;
      if (dot) {
        const d = el('span', 'sahel-context-dot', div).style;
        d.display = 'inline-block';
        d.width = d.height = dot + 'px';
        d.flex = 'none';
        d.boxSizing = 'content-box';
        d[p.side === 'left' ? 'marginLeft' : 'marginRight'] = '3px';
        d.borderRadius = kind === 'capital' ? '0' : '50%';
        d.border = '1px solid #1a1a1a';
        d.background = kind === 'capital' ? '#1a1a1a' : '#fff';
      }
      el('span', 'sahel-context-text', div, p.label.text);
    }
    this.placed = placed.map((p) => p.label.text);
  },
});

/** The layer for `map`; with options.onTileError it turns itself on the first time a
 * base-map tile fails, unless the reader has turned it off before or the page was opened
 * with a link that says which layers to show (#layers=..., hash.js): links win. */
function contextLayer(map, options) {
  const layer = new ContextLayer(options);
  if (!layer.options.onTileError) return layer;
  let readerTurnedOff = false;
  layer.on('remove', () => {
    readerTurnedOff = true;
    layer.sahelAutoOn = false; // from now on, on or off is the reader's choice (and the link's)
  });
  onTileError(map, () => {
    if (readerTurnedOff || map.hasLayer(layer) || HASH_API.opened('layers') !== undefined) return;
    layer.sahelAutoOn = true; // not written into links (hash.js)
    map.addLayer(layer);
  });
  return layer;
}
