// The pure browser files (layers/_bundle.py JS_FILES before core.js), loaded under node in
// the page's order.  Each file exports its names when `module` exists; in the page they share
// the bundle's one scope, so here each file's names are also put on globalThis, where the
// later files find them (format.js's header says the same).
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..', '..');
const bundle = fs.readFileSync(path.join(ROOT, 'layers', '_bundle.py'), 'utf-8');
const start = bundle.indexOf('JS_FILES = (');
const listed = bundle.slice(start, bundle.indexOf('\n)', start)); // up to the tuple's closing line
const JS_FILES = Array.from(listed.matchAll(/"([\w.-]+\.js)"/g), (m) => m[1]);
const PURE_FILES = JS_FILES.slice(0, JS_FILES.indexOf('core.js'));

const pure = {};
for (const name of PURE_FILES) {
  const names = require(path.join(ROOT, 'layers', 'static', 'js', name));
  Object.assign(globalThis, names);
  Object.assign(pure, names);
}

/** A case file shared with pytest (tests/data/shared_cases/). */
function sharedCases(name) {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'tests', 'data', 'shared_cases', name), 'utf-8'));
}

module.exports = { ...pure, PURE_FILES, sharedCases };
