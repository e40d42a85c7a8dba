/*
 * api.js - window.SahelMap, the library's only global (with window.SahelMapState, core.js).
 *
 *   store(payload) -> Store   (store.js; payload format: layers/_payload.py)
 *       .ready                 Promise<Store>, resolves once the typed arrays are decoded
 *       .n .types .colors .dayMin .dayMax .chunkSize
 *       .lat .lon (Int32Array, deg*1e5) .type (Uint8Array) .day .fatalities (Int32Array, -1 = NA)
 *       .x .y                  Float64Array Web-Mercator coordinates normalised to [0, 1]
 *       .filter                {dayMin, dayMax}; .filterActive; .setFilter(a, b); .resetFilter()
 *       .onFilter(fn) -> unsubscribe;  .countFiltered();  .passes(i);  .latLng(i)
 *       .details(i) -> Promise<{index, every plain_text_columns and dict_columns field of the
 *            payload (event_id, notes, time_precision, geo_precision, sub_event_type, location,
 *            ...), the fields the codes carry (date_text, actor1, actor2, region, zone,
 *            country_iso3: codedText(i)), event_type, fatalities (null = NA), latitude,
 *            longitude, day, color}>   (decompresses only chunk floor(i / chunkSize), LRU cached)
 *       .detailsSync(i) -> the same object, or null when its chunk is not decoded yet
 *   The three layer factories take one store or an array of stores (drawn together):
 *   eventsLayer(stores, {name, maxEvents=250, cellSize=56, pane='sahelEventsPane'}) -> L.Layer
 *       (every events overlay of a map hands its stores to the map's one drawer, events.js)
 *       .redraw(), .lastDraw; fires 'sahel:draw'.  Circle markers carry .sahelStore/.sahelIndex
 *   dominanceLayer(stores, {name, sides, levels, stores, lead, contestedColor}) (dominance.js)
 *   heatmapLayer(stores, {name, legendTitle, legendPosition='bottomright',
 *       kmByZoom=[[0, 50], [7, 25], [9, 10]], fillOpacity=0.6, ramp}) -> L.Layer;
 *       .cellCounts() -> [[row, column, count]] of the last draw's ground squares (heatmap.js)
 *   timelineLayer(stores, {name, position='bottomleft', stepMs=800, playWindowMonths=12})
 *       -> L.Layer; .setMonths(from, to), .getWindow(), .play(), .stop(); fires 'sahel:window'
 *   openEventPopup(map, store, i, latlng)
 *   legend(map, {title, items: [[label, colour]], position='bottomright', note}) -> L.Control
 *   classedLegend(map, {title, bins: [[label, colour]], position='bottomright', note}) -> L.Control
 *   changeLevels(map, group, regionsLayer, districtsLayer, minZoom)   (change.js)
 *   notes(map, {title, lines: [text], position='bottomleft'}) -> L.Control: an "About" button
 *       whose .panel (open(), close(), isOpen()) holds the lines
 *   infoTable([[label, value], ...]) -> HTMLTableElement
 *   eventPopupContent(details) -> HTMLElement
 *   chrome(map, {title, subtitle, minimapGeojson, fullscreen, measure, scale, minimap,
 *       tileNotice, tileNoticeText, scalePosition}) -> {title, fullscreen, measure, scale,
 *       minimap, tileNotice, layout}   (set an option to false to leave that piece out;
 *       layout: layout.js, the Key of every legend, the size rules, popups above controls)
 *   contextLayer(map, {rivers, lakes, labels: [{text, lat, lon, kind, minZoom}], onTileError})
 *       -> L.Layer (.placed: the label texts shown); placeLabels(labels, zoom, project, sizeOf)
 *   annotationLayer({notes: [{text, lat, lon, side}], color}) -> L.Layer (.placed: the label texts
 *       shown, .hidden: [{text, reason}] those with no room at this zoom); placeAnnotations(notes,
 *       project, sizeOf, obstacles) (labels.js)
 *   t(key, {name: value}) -> the page's interface string (i18n.js); setStrings(lang, strings)
 *   linkLayers(map, {overlays: [[key, layer, {lang: name}]], bases: [...]}): the layers' link keys
 *   hash.register(key, get, set), hash.update(), hash.url(), hash.opened(key), hash.parse(text),
 *       hash.format([[k, v]])   (hash.js: the view in the URL hash; README "URL hash")
 *   embed(map, {title, share, wheelGate}) -> {framed, wheel, share}; embedCode(url, title, height)
 *       (embed.js: click-to-zoom inside an iframe; Share: copy link / embed code)
 *   placeSearch(map, [{name, country, lat, lon}], {position='topright', zoom=9, maxResults=8,
 *       placeholder}) -> L.Control with .search(q) and .choose(k)
 *   filters.getFilters() / .setFilters(obj) / .reset() / .onChange(fn)   (filters.js)
 *   filterPanel(map, {types: [[type, colour]], position='topleft'}) -> L.Control
 *   pageView, regionValue, districtValue(pcode, field, fallback), liveTitle(map), liveChoropleth(map, layer, opts) (live.js);
 *       classifyValues(values, palette, zeroColor, k) (jenks.js);  sizeLegend(map, {position, layers})
 *       (events.js);  openEventList (popup.js)
 *   zoneChart(map, {position='bottomleft', width=440, open, series: [[zone key, colour, dash]]})
 *       -> L.Control with .setBins(a, b)
 */
global.SahelMap = {
  version: '1.0.0',
  Store: Store,
  store: (payload) => new Store(payload),
  EventsLayer: EventsLayer,
  HeatmapLayer: HeatmapLayer,
  TimelineLayer: TimelineLayer,
  eventsLayer: (store, opts) => new EventsLayer(store, opts),
  heatmapLayer: (store, opts) => new HeatmapLayer(store, opts),
  dominanceLayer: dominanceLayer,
  timelineLayer: (store, opts) => new TimelineLayer(store, opts),
  legend: legend,
  classedLegend: classedLegend,
  changeLevels: changeLevels,
  notes: notes,
  infoTable: infoTable,
  eventPopupContent: eventPopupContent,
  openEventPopup: openEventPopup,
  chrome: chrome,
  placeSearch: placeSearch,
  hash: HASH_API,
  linkLayers: linkLayers,
  embed: embed,
  embedCode: embedCode,
  t: t,
  setStrings: setStrings,
  contextLayer: contextLayer,
  placeLabels: placeLabels,
  annotationLayer: annotationLayer,
  placeAnnotations: placeAnnotations,
  filters: {
    getFilters: () => pageFilters.getFilters(),
    setFilters: (obj) => pageFilters.setFilters(obj),
    reset: () => pageFilters.reset(),
    onChange: (fn) => pageFilters.onChange(fn),
  },
  filterPanel: filterPanel,
  pageView: pageView,
  districtValue: districtValue,
  regionValue: regionValue,
  liveTitle: liveTitle,
  liveChoropleth: liveChoropleth,
  classifyValues: (values, palette, zeroColor, k) => classifyValues(values, palette, zeroColor, k, fmtInt),
  sizeLegend: sizeLegend,
  openEventList: openEventList,
  zoneChart: zoneChart,
  util: {
    el: el,
    fmtInt: fmtInt,
    fmtDecimal: fmtDecimal,
    fmtCompact: fmtCompact,
    dayToText: dayToText,
    rampColor: rampColor,
    inflate: inflate,
    HEAT_RAMP: HEAT_RAMP,
    TIME_PRECISION_WORDS: TIME_PRECISION_WORDS,
    GEO_PRECISION_WORDS: GEO_PRECISION_WORDS,
  },
};
