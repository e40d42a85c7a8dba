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

const note = (text, x, y, side = '') => ({ text, x, y, side, size: [60, 14] });
const placedBoxes = (out) => out.placed.map((p) => p.box);

test('a segment passes through a box, or misses it; segments cross, or only touch', () => {
  const { segmentHitsBox, segmentsCross } = require('./pure.js');
  assert.equal(segmentHitsBox([0, 5, 20, 5], [8, 0, 12, 10]), true);
  assert.equal(segmentHitsBox([0, 20, 20, 20], [8, 0, 12, 10]), false);
  assert.equal(segmentHitsBox([0, 0, 5, 5], [8, 0, 12, 10]), false); // stops short
  assert.equal(segmentsCross([0, 0, 10, 10], [0, 10, 10, 0]), true);
  assert.equal(segmentsCross([0, 0, 10, 10], [10, 10, 20, 0]), false);
});

test("an annotation's label goes beside its ring on its side: ring 7 px + 3 px gap", () => {
  const { placeAnnotations } = require('./pure.js');
  const { placed, hidden } = placeAnnotations([note('A', 100, 100, 'left')], at, size);
  assert.deepEqual(hidden, []);
  assert.deepEqual([placed[0].side, placed[0].box, placed[0].leader], ['left', [30, 93, 90, 107], null]);
  // no side: right of the ring
  assert.deepEqual(placeAnnotations([note('A', 100, 100)], at, size).placed[0].box, [110, 93, 170, 107]);
});

test('nearby annotations: labels never overlap each other or a ring; one walled in by rings moves out with a leader', () => {
  const { placeAnnotations, segmentHitsBox, NOTE_RING } = require('./pure.js');
  // X first, ringed by eight others 10-12 px away: no spot beside its ring is free
  const notes = [note('X', 100, 100), note('R', 112, 100), note('L', 88, 100), note('U', 100, 88), note('D', 100, 112),
    note('a', 110, 90), note('b', 90, 90), note('c', 110, 110), note('d', 90, 110)];
  const { placed, hidden } = placeAnnotations(notes, at, size);
  assert.equal(placed.length + hidden.length, 9);
  assert.ok(placed.length >= 7 && hidden.every((h) => h.reason === 'no room'));
  assert.deepEqual([placed[0].note.text, placed[0].side, placed[0].leader], ['X', 'right', [107, 100, 134, 100]]);
  const boxes = placedBoxes({ placed });
  boxes.forEach((a, i) => boxes.slice(i + 1).forEach((b) => assert.equal(boxesOverlap(a, b), false)));
  for (const p of placed) {
    for (const n of notes) {
      const ring = [n.x - NOTE_RING, n.y - NOTE_RING, n.x + NOTE_RING, n.y + NOTE_RING];
      assert.equal(boxesOverlap(p.box, ring), false, `${p.note.text} on the ring of ${n.text}`);
    }
    for (const q of placed) if (q !== p && q.leader) assert.equal(segmentHitsBox(q.leader, p.box), false);
  }
});

test('an annotation keeps clear of obstacles where it can; with no room it is hidden, with why', () => {
  const { placeAnnotations } = require('./pure.js');
  // right of the ring is an obstacle: the label goes left
  const [moved] = placeAnnotations([note('A', 100, 100)], at, size, [[105, 80, 200, 120]]).placed;
  assert.equal(moved.side, 'left');
  // a ring walled in by labels on every side up to 72 px + the label: hidden, not overlapped
  const wall = [];
  for (let x = -200; x <= 400; x += 61) for (let y = -100; y <= 300; y += 15) wall.push(note('w', x, y));
  const out = placeAnnotations(wall, at, size);
  assert.ok(out.hidden.length > 0 && out.hidden.every((h) => h.reason === 'no room'));
  const boxes = placedBoxes(out);
  boxes.forEach((a, i) => boxes.slice(i + 1).forEach((b) => assert.equal(boxesOverlap(a, b), false)));
});

test("a place name never meets a box already taken (an annotation's label)", () => {
  const placed = placeLabels([town('A', 100, 100)], 5, at, size, [], [[110, 90, 150, 110]]);
  assert.equal(placed[0].side, 'left');
  assert.deepEqual(placeLabels([town('A', 100, 100)], 5, at, size, [], [[0, 0, 400, 400]]), []);
});
