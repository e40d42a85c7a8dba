/*
 * timeline.js - the time slider: two month sliders set every store's time filter, which
 * the events and heatmap layers follow; play steps the window month by month.
 */
const TimelineLayer = L.Layer.extend({
  options: {
    name: 'Timeline',
    position: 'bottomleft',
    stepMs: 800, // play speed, one month per step
    playWindowMonths: 12, // window used when play starts from the full range
  },

  initialize: function (stores, options) {
    L.setOptions(this, options);
    this._stores = toStores(stores);
    this._timer = null;
    this._control = null;
  },

  onAdd: function (map) {
    if (allDecoded(this._stores)) this._build(map);
    else {
      allReady(this._stores).then(() => {
        if (this._map === map && !this._control) this._build(map);
      }, () => {});
    }
  },

  onRemove: function () {
    this.stop();
    (this._unsubs || []).forEach((u) => u());
    this._unsubs = null;
    if (this._control) this._control.remove();
    this._control = null;
    this._stores.forEach((s) => s.resetFilter());
  },

  /** The full date range over every store with events, in days since 1970-01-01. */
  _range: function () {
    const withData = this._stores.filter((s) => s.n > 0);
    const list = withData.length ? withData : this._stores;
    return [Math.min(...list.map((s) => s.dayMin)), Math.max(...list.map((s) => s.dayMax))];
  },

  _build: function (map) {
    const [dMin, dMax] = this._range();
    this._dMin = dMin;
    this._dMax = dMax;
    this._m0 = dayToMonthIndex(dMin);
    this._nm = dayToMonthIndex(dMax) - this._m0;
    const box = el('div', 'leaflet-control sahel-timeline');
    box.setAttribute('role', 'group');
    box.setAttribute('aria-label', t('control.time_filter'));
    const top = el('div', 'sahel-timeline-top', box);
    this._play = el('button', 'sahel-timeline-play', top, '\u25B6');
    this._play.type = 'button';
    this._play.title = t('control.play_title');
    this._play.setAttribute('aria-label', t('control.play'));
    this._label = el('span', 'sahel-timeline-label', top);
    this._label.setAttribute('aria-live', 'polite');
    const mk = (text) => {
      const row = el('label', 'sahel-timeline-row', box);
      el('span', 'sahel-timeline-row-label', row, text);
      const input = el('input', 'sahel-timeline-range', row);
      input.type = 'range';
      input.min = '0';
      input.max = String(this._nm);
      input.step = '1';
      input.setAttribute('aria-label', t('control.month_of', { name: text }));
      return input;
    };
    this._from = mk(t('control.from'));
    this._to = mk(t('control.to'));
    const f = this._stores[0].filter;
    this._from.value = String(Math.max(0, dayToMonthIndex(Math.max(f.dayMin, dMin)) - this._m0));
    this._to.value = String(Math.min(this._nm, dayToMonthIndex(Math.min(f.dayMax, dMax)) - this._m0));
    this._from.addEventListener('input', () => {
      if (+this._from.value > +this._to.value) this._to.value = this._from.value;
      this._apply();
    });
    this._to.addEventListener('input', () => {
      if (+this._to.value < +this._from.value) this._from.value = this._to.value;
      this._apply();
    });
    this._play.addEventListener('click', () => (this._timer ? this.stop() : this.play()));
    this._control = new ElementControl(box, { position: this.options.position });
    this._control.addTo(map);
    // Follow filter changes made elsewhere (e.g. store.setFilter from other code).
    this._unsubs = this._stores.map((s) => s.onFilter(() => this._syncFromStores()));
    this._pageWide = pageStores.every((s) => this._stores.indexOf(s) >= 0);
    if (this._pageWide && !this._viewHooked) {
      this._viewHooked = true;
      pageView.onUpdate(() => this._updateLabel());
    }
    this._apply();
  },

  _syncFromStores: function () {
    if (this._applying || !this._control) return;
    const f = this._stores[0].filter;
    this._from.value = String(Math.max(0, dayToMonthIndex(Math.max(f.dayMin, this._dMin)) - this._m0));
    this._to.value = String(Math.min(this._nm, dayToMonthIndex(Math.min(f.dayMax, this._dMax)) - this._m0));
    this._updateLabel();
  },

  _updateLabel: function () {
    if (!this._control) return;
    const a = +this._from.value;
    const b = +this._to.value;
    const range = a === b ? monthLabel(this._m0 + a) : monthLabel(this._m0 + a) + ' \u2013 ' + monthLabel(this._m0 + b);
    // the page's count (live.js) when this timeline spans every store of the page: one pass
    // over the events per change, not two; it follows once pageView updates
    const view = this._pageWide ? pageView.latest : null;
    let count = 0;
    if (view) count = view.total;
    else for (const s of this._stores) count += s.countFiltered();
    this._label.textContent = t(count === 1 ? 'control.window_event' : 'control.window_events', { range: range, n: fmtInt(count) });
  },

  /** Set the window in month offsets from the first month (inclusive). */
  setMonths: function (from, to) {
    if (!this._control) return;
    const clamp = (v) => Math.max(0, Math.min(this._nm, Math.round(v)));
    from = clamp(from);
    to = clamp(to);
    if (from > to) [from, to] = [to, from];
    this._from.value = String(from);
    this._to.value = String(to);
    this._apply();
  },

  /** The current window as {from, to} month offsets and {dayMin, dayMax}. */
  getWindow: function () {
    if (!this._control) return null;
    const a = +this._from.value;
    const b = +this._to.value;
    return { from: a, to: b, months: this._nm + 1, dayMin: this._dayOf(a, false), dayMax: this._dayOf(b, true) };
  },

  _dayOf: function (offset, end) {
    if (end) return Math.min(this._dMax, monthIndexToDay(this._m0 + offset + 1) - 1);
    return Math.max(this._dMin, monthIndexToDay(this._m0 + offset));
  },

  _apply: function () {
    const a = +this._from.value;
    const b = +this._to.value;
    const d0 = this._dayOf(a, false);
    const d1 = this._dayOf(b, true);
    this._applying = true;
    try {
      for (const s of this._stores) s.setFilter(d0, d1);
    } finally {
      this._applying = false;
    }
    this._updateLabel();
    this.fire('sahel:window', this.getWindow());
  },

  play: function () {
    if (!this._control || this._timer) return;
    let a = +this._from.value;
    let b = +this._to.value;
    if (a === 0 && b >= this._nm) b = Math.min(this._nm, this.options.playWindowMonths - 1);
    if (b >= this._nm) {
      const w = b - a;
      a = 0;
      b = w;
    }
    this.setMonths(a, b);
    this._play.textContent = '\u275A\u275A';
    this._play.setAttribute('aria-label', t('control.pause'));
    this._play.classList.add('sahel-playing');
    this._timer = setInterval(() => {
      const x = +this._from.value;
      const y = +this._to.value;
      if (y >= this._nm) {
        this.stop();
        return;
      }
      this.setMonths(x + 1, y + 1);
    }, this.options.stepMs);
  },

  stop: function () {
    if (this._timer) clearInterval(this._timer);
    this._timer = null;
    if (this._play) {
      this._play.textContent = '\u25B6';
      this._play.setAttribute('aria-label', t('control.play'));
      this._play.classList.remove('sahel-playing');
    }
  },
});
