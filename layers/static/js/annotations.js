/*
 * annotations.js - the editor's annotations (layers/annotations.py): a ring at each point and
 * its label, placed on every zoom or pan by placeAnnotations (labels.js) beside the ring, or
 * further out with a leader line, never over another label.  A label with no room at this
 * zoom is shown when the pointer is on its ring.  Labels are text (textContent), whatever
 * they hold.
 */
const NOTE_FONT = '700 12px system-ui, sans-serif';

const AnnotationLayer = L.Layer.extend({
  options: { notes: [], color: '#111111', pane: 'sahelAnnotationPane' },

  initialize: function (options) {
    L.setOptions(this, options);
    this.placed = [];
    this.hidden = [];
  },

  onAdd: function (map) {
    // above the place names (640), below tooltips (650) and popups (700)
    ensurePane(map, this.options.pane, 645, 'sahel-annotation-pane');
    map.getPane(this.options.pane).style.pointerEvents = 'none';
    const color = this.options.color;
    this._rings = this.options.notes.map((n) => L.circleMarker([n.lat, n.lon], {
      radius: 6, color: color, weight: 2, fill: true, fillColor: '#ffffff', fillOpacity: 0.6 }));
    this._group = L.layerGroup(this._rings).addTo(map);
    this._leaders = L.layerGroup().addTo(map);
    this._box = el('div', 'sahel-annotation-layer', map.getPane(this.options.pane));
    map.on('zoomend moveend resize', this._update, this);
    this._update();
  },

  onRemove: function (map) {
    map.off('zoomend moveend resize', this._update, this);
    map.removeLayer(this._group);
    map.removeLayer(this._leaders);
    this._box.remove();
    this.placed = [];
    this.hidden = [];
    map.fire('sahel:annotations');
  },

  _update: function () {
    const map = this._map;
    if (!map) return;
    const notes = this.options.notes;
    const sizeOf = (n) => [textWidth(n.text, NOTE_FONT) + 2, 16];
    const out = placeAnnotations(notes, (n) => map.latLngToLayerPoint([n.lat, n.lon]), sizeOf,
      textBoxes(map, '.sahel-region-label'));
    this._box.textContent = '';
    this._leaders.clearLayers();
    for (const p of out.placed) {
      const label = el('div', 'sahel-annotation-label', this._box, p.note.text);
      const st = label.style; // styled here, not in sahelmap.css, so the layer is one file
      st.position = 'absolute';
      st.left = st.top = '0';
      st.whiteSpace = 'nowrap';
      st.font = NOTE_FONT;
      st.lineHeight = '16px';
      st.color = this.options.color;
      st.textShadow = HALO;
      st.transform = 'translate(' + Math.round(p.x) + 'px,' + Math.round(p.y) + 'px)';
      if (p.leader) {
        const [x1, y1, x2, y2] = p.leader;
        L.polyline([map.layerPointToLatLng([x1, y1]), map.layerPointToLatLng([x2, y2])],
          { color: this.options.color, weight: 1, interactive: false }).addTo(this._leaders);
      }
    }
    const hidden = new Set(out.hidden.map((h) => h.note));
    notes.forEach((n, k) => {
      const ring = this._rings[k];
      if (hidden.has(n) && !ring.getTooltip()) ring.bindTooltip(el('span', null, null, n.text));
      else if (!hidden.has(n) && ring.getTooltip()) ring.unbindTooltip();
    });
    this.placed = out.placed.map((p) => p.note.text);
    this.hidden = out.hidden.map((h) => ({ text: h.note.text, reason: h.reason }));
    map.fire('sahel:annotations'); // the place names (context.js) move off these labels
  },
});

function annotationLayer(options) {
  return new AnnotationLayer(options);
}
