/*
 * change.js - "What changed" (--compare, layers/change.py): its regions below the district
 * zoom, its districts from it, as the choropleth switches; the legend (legends.js, tied rows)
 * lists the classes of the level shown.
 *
 *   changeLevels(map, group, regions, districts | null, minZoom)
 */
function changeLevels(map, group, regions, districts, minZoom) {
  const sync = () => {
    if (!districts || !map.hasLayer(group)) return;
    const fine = map.getZoom() >= minZoom;
    const on = fine ? districts : regions;
    const off = fine ? regions : districts;
    if (group.hasLayer(off)) group.removeLayer(off);
    if (!group.hasLayer(on)) group.addLayer(on);
    map.fire('sahel:layers'); // the legends' tied rows follow
  };
  map.on('zoomend overlayadd', sync);
  sync();
}
