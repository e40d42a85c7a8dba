/*
 * grid.js - the mixin that redraws the events and heatmap layers when the view or a time
 * filter changes (their one pass over the events is bins.js scanGrid and scanGround).
 */

// Shared by the events and heatmap layers: redraw (at most once per tick) when the map
// moves or a store's time filter changes, and once the stores have been decoded.
const RedrawOnChange = {
  _listen: function (map) {
    map.on('moveend zoomend viewreset', this._schedule, this);
    this._unsubs = this._stores.map((s) => s.onFilter(() => this._schedule()));
    if (allDecoded(this._stores)) this.redraw();
    else allReady(this._stores).then(() => this._schedule(), () => {});
  },

  _unlisten: function (map) {
    map.off('moveend zoomend viewreset', this._schedule, this);
    (this._unsubs || []).forEach((u) => u());
    this._unsubs = null;
    clearTimeout(this._timer);
    this._timer = null;
  },

  // The map, once it and every store can be drawn (cancelling any scheduled redraw); else null.
  _readyToDraw: function () {
    const map = this._map;
    if (!map || !map._loaded || !allDecoded(this._stores)) return null;
    clearTimeout(this._timer);
    this._timer = null;
    return map;
  },

  _schedule: function () {
    if (this._timer !== null) return;
    this._timer = setTimeout(() => {
      this._timer = null;
      this.redraw();
    }, 0);
  },
};
