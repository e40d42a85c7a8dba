/*
 * colour.js - colours as "#rrggbb": parsing, and a point along a ramp (the heatmap's).
 * Pure (see format.js for how node loads it).
 */
// Sequential ramp (ColorBrewer YlOrRd, 7 classes).
const HEAT_RAMP = ['#ffffb2', '#fed976', '#feb24c', '#fd8d3c', '#fc4e2a', '#e31a1c', '#b10026'];

/** "#rgb" or "#rrggbb" -> [r, g, b]; grey for anything else. */
function hexToRgb(hex) {
  const h = String(hex).replace('#', '');
  const v = h.length === 3 ? h.split('').map((c) => c + c).join('') : h;
  const n = parseInt(v, 16);
  if (!Number.isFinite(n)) return [128, 128, 128];
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function rgbToHex(r, g, b) {
  return '#' + [r, g, b].map((x) => Math.round(x).toString(16).padStart(2, '0')).join('');
}

/** The colour at t in [0, 1] along `ramp`, interpolated in RGB between its two nearest stops. */
function rampColor(ramp, t) {
  const x = Math.max(0, Math.min(1, t)) * (ramp.length - 1);
  const i = Math.min(ramp.length - 2, Math.floor(x));
  const f = x - i;
  const a = hexToRgb(ramp[i]);
  const b = hexToRgb(ramp[i + 1]);
  return rgbToHex(a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f);
}

if (typeof module === 'object' && module.exports) module.exports = { HEAT_RAMP, hexToRgb, rgbToHex, rampColor };
