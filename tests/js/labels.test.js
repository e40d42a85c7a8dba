'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { boxesOverlap, placeLabels } = require('./pure.js');

const at = (label) => ({ x: label.x, y: label.y });
const size = (label) => label.size;
const town = (text, x, y, minZoom = 0) => ({ text, kind: 'town', x, y, minZoom, size: [20, 10] });

test('boxes that only touch do not overlap', () => {
  assert.equal(boxesOverlap([0, 0, 10, 10], [10, 0, 20, 10]), false);
  assert.equal(boxesOverlap([0, 0, 10, 10], [9, 9, 20, 20]), true);
});

test("a town's name goes right of its dot: dot 4 px + 5 px of border and gap", () => {
  const [a] = placeLabels([town('A', 100, 100)], 5, at, size);
  assert.equal(a.side, 'right');
  assert.equal(a.x, 96.5); // 100 - 9 / 2 + 1
  assert.equal(a.y, 95); // centred on the dot
  assert.deepEqual(a.box, [94.5, 94, 127.5, 106]); // + 2 px and 1 px of margin
});

test('a name that meets one already placed moves, or is left out', () => {
  const placed = placeLabels([town('A', 100, 100), town('B', 100, 100), town('C', 100, 130), town('D', 0, 0, 8)],
    5, at, size);
  // B has no free spot at A's dot; C's right spot is clear; D waits for zoom 8
  assert.deepEqual(placed.map((p) => [p.label.text, p.side, p.x, p.y]), [['A', 'right', 96.5, 95], ['C', 'right', 96.5, 125]]);
  // at A's right edge, B goes left of its dot: 100 + 4.5 - 1 - (20 + 9)
  const [, b] = placeLabels([town('A', 100, 100), town('B', 140, 100)], 5, at, size);
  assert.deepEqual([b.side, b.x], ['right', 136.5]);
  const [, left] = placeLabels([town('A', 140, 100), town('B', 110, 100)], 5, at, size);
  assert.deepEqual([left.side, left.x], ['left', 84.5]);
});

test('a country name moves up or down a line to keep clear of an obstacle, if it can', () => {
  const country = { text: 'MALI', kind: 'admin0', x: 200, y: 100, minZoom: 0, size: [40, 10] };
  // shifts 0, -1.4, 1.4 lines meet the obstacle; -2.8 lines (y 95 - 28) is clear
  const [moved] = placeLabels([country], 5, at, size, [[150, 90, 250, 110]]);
  assert.deepEqual([moved.side, moved.x, moved.y], ['centre', 180, 67]);
  // nowhere clear of the obstacle: placed where it would be without one
  const [kept] = placeLabels([country], 5, at, size, [[0, 0, 400, 400]]);
  assert.equal(kept.y, 95);
});
