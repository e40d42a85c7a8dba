/*
 * print.js - Ctrl+P: the map prints at the page's width (sahelmap.css, @media print), so
 * once the print style applies Leaflet measures its new frame and fits the reader's view in
 * it; after, the view on screen comes back as it was.  (On 'beforeprint' the frame still has
 * its screen size: the print media query's change comes after it.)
 */
function printView(map) {
  let saved = null;
  const before = () => {
    if (saved) return;
    saved = { center: map.getCenter(), zoom: map.getZoom(), bounds: map.getBounds() };
    map.invalidateSize({ pan: false });
    map.fitBounds(saved.bounds, { animate: false });
  };
  const after = () => {
    if (!saved) return;
    const view = saved;
    saved = null;
    map.invalidateSize({ pan: false });
    map.setView(view.center, view.zoom, { animate: false });
  };
  const media = window.matchMedia('print');
  media.addEventListener('change', (e) => (e.matches ? before() : after()));
  window.addEventListener('afterprint', after);
  return { before: before, after: after };
}
