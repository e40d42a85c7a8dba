/*
 * format.js - numbers and dates as the page writes them: grouped digits, compact counts,
 * days since 1970-01-01 as ISO dates and month indices (year * 12 + month - 1); long words
 * as pieces the browser can lay out.
 *
 * A pure file (no document, window, L or navigator), like every file of JS_FILES before
 * core.js: the page runs it inside the one bundle, and node's tests (tests/js/) require it.
 * The last line exports its names under node only (in the page `module` is undefined);
 * names of earlier pure files are found in the bundle's scope in the page, and on
 * globalThis under node (tests/js/pure.js puts them there, in JS_FILES order).
 */
const DAY_MS = 86400000;

/** '' for undefined and null, else String(v). */
function str(v) {
  return v === undefined || v === null ? '' : String(v);
}

/** `template` with each {name} replaced by vars[name]; unknown names stay as written. */
function tpl(template, vars) {
  return String(template).replace(/\{(\w+)\}/g, (m, k) => (vars && k in vars ? String(vars[k]) : m));
}

/** n rounded, its digits grouped in threes by `sep`: (1234567, ',') -> "1,234,567". */
function groupDigits(n, sep) {
  const v = Number(n);
  if (!Number.isFinite(v)) return String(v);
  const r = Math.round(v);
  const digits = String(Math.abs(r)).replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  return (r < 0 ? '-' : '') + digits;
}

/** n with `digits` decimals, its digits grouped by `sep` and its decimal mark `mark`:
 * (1234.5, 2, ',', '.') -> "1,234.50"; (1234.5, 2, '\u202f', ',') -> "1 234,50". */
function decimalDigits(n, digits, sep, mark) {
  const v = Number(n);
  if (!Number.isFinite(v)) return String(v);
  const [whole, part] = Math.abs(v).toFixed(digits).split('.');
  const sign = v < 0 && Number(whole + '.' + (part || '0')) !== 0 ? '-' : '';
  return sign + whole.replace(/\B(?=(\d{3})+(?!\d))/g, sep) + (part ? mark + part : '');
}

/** Milliseconds to one decimal, as SahelMapState reports them. */
function round1(ms) {
  return Math.round(ms * 10) / 10;
}

/** A count in at most 4 characters, rounded down: 1234 -> "1.2k", 56789 -> "56k", 2.5e6 -> "2.5M". */
function fmtCompact(n) {
  if (n < 1000) return String(n);
  if (n < 10000) return (Math.floor(n / 100) / 10).toFixed(1).replace(/\.0$/, '') + 'k';
  if (n < 1e6) return Math.floor(n / 1000) + 'k';
  if (n < 1e7) return (Math.floor(n / 1e5) / 10).toFixed(1).replace(/\.0$/, '') + 'M';
  return Math.floor(n / 1e6) + 'M';
}

/** Day number -> "YYYY-MM-DD". */
function dayToText(d) {
  return new Date(d * DAY_MS).toISOString().slice(0, 10);
}

/** Day number -> "YYYY-MM". */
function monthText(d) {
  return dayToText(d).slice(0, 7);
}

function dayToMonthIndex(d) {
  const dt = new Date(d * DAY_MS);
  return dt.getUTCFullYear() * 12 + dt.getUTCMonth();
}

/** The first day of month index m. */
function monthIndexToDay(m) {
  return Math.floor(Date.UTC(Math.floor(m / 12), ((m % 12) + 12) % 12, 1) / DAY_MS);
}

/** 1..12, the month of the year of month index m. */
function monthOfYear(m) {
  return (((m % 12) + 12) % 12) + 1;
}

/** Day number -> [day of month "02", month 1..12, year]. */
function dayParts(d) {
  const dt = new Date(d * DAY_MS);
  return [String(dt.getUTCDate()).padStart(2, '0'), dt.getUTCMonth() + 1, dt.getUTCFullYear()];
}

// Runs of over 64 characters without a space, cut into pieces of 32 (textPieces).
const LONG_RUN = /\S{65,}/gu;
const RUN_PIECE = 32;
const GRAPHEMES = typeof Intl === 'object' && Intl.Segmenter ? new Intl.Segmenter('en', { granularity: 'grapheme' }) : null;

/**
 * `text` as pieces that join back to it exactly, one text node each: every LONG_RUN cut into
 * RUN_PIECE grapheme clusters (code points where Intl.Segmenter is missing).  Chromium wraps a
 * word wider than its box (overflow-wrap) by shaping the rest of the word's text node again at
 * each line when its glyphs are kerned or joined, so a 20,000-character word took 30 s to lay
 * out; cut into nodes it takes 0.2 s and looks the same.  Words and prose stay whole.
 */
function textPieces(text) {
  const s = str(text);
  const pieces = [];
  let from = 0;
  for (const m of s.matchAll(LONG_RUN)) {
    if (m.index > from) pieces.push(s.slice(from, m.index));
    const clusters = GRAPHEMES ? Array.from(GRAPHEMES.segment(m[0]), (g) => g.segment) : Array.from(m[0]);
    for (let i = 0; i < clusters.length; i += RUN_PIECE) pieces.push(clusters.slice(i, i + RUN_PIECE).join(''));
    from = m.index + m[0].length;
  }
  if (from < s.length || !pieces.length) pieces.push(s.slice(from));
  return pieces;
}

if (typeof module === 'object' && module.exports) {
  module.exports = { DAY_MS, str, tpl, groupDigits, decimalDigits, round1, fmtCompact, dayToText, monthText, dayToMonthIndex,
    monthIndexToDay, monthOfYear, dayParts, textPieces };
}
