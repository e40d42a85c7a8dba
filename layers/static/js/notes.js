/*
 * notes.js - "About this map": a collapsible box of plain-text notes (textContent only).
 */
function notes(map, opts) {
  const box = el('details', 'leaflet-control sahel-notes');
  el('summary', null, box, opts.title);
  const list = el('ul', null, box);
  for (const line of opts.lines || []) el('li', null, list, line);
  return new ElementControl(box, { position: opts.position || 'bottomleft' }).addTo(map);
}
