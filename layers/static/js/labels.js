/*
 * labels.js - where the names of "Places and rivers" go (context.js draws them) and the
 * editor's annotations (annotations.js): each label, most important first, takes the first
 * spot whose box meets no box already placed.
 * Pure (see format.js for how node loads it).
 */
const CONTEXT_DOT = { capital: 6, town: 4 }; // dot size in px; names sit to the right of it

/** Boxes [x0, y0, x1, y1] that share some area (touching edges do not). */
function boxesOverlap(a, b) {
  return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
}

/**
 * Which labels to show at `zoom`: [{label, x, y, side, box}] (x, y: top-left in layer pixels;
 * project(label) -> {x, y}, sizeOf(label) -> [w, h] of its text).  A town's name goes right
 * of its dot, else left of it, else a little above or below; a country's name (kind
 * 'admin0') may move up or down.  `obstacles` are boxes to keep clear of when there is room
 * elsewhere (the region names of the regions overlay); `taken` are boxes no label may meet
 * (the editor's annotations).
 */
function placeLabels(labels, zoom, project, sizeOf, obstacles, taken) {
  const placed = [];
  const boxes = (taken || []).slice();
  const others = obstacles || [];
  for (const label of labels) {
    if (label.minZoom > zoom) continue;
    const p = project(label);
    const [w, h] = sizeOf(label);
    const dot = CONTEXT_DOT[label.kind] ? CONTEXT_DOT[label.kind] + 5 : 0; // dot, border, gap
    let tries;
    if (!dot) {
      const shifts = label.kind === 'admin0' ? [0, -1.4, 1.4, -2.8, 2.8] : [0];
      tries = shifts.map((k) => ['centre', p.x - w / 2, p.y - h / 2 + k * h]);
    } else {
      const right = p.x - dot / 2 + 1;
      const left = p.x + dot / 2 - 1 - (w + dot);
      tries = [['right', right, p.y - h / 2], ['left', left, p.y - h / 2],
        ['right', right, p.y - h], ['right', right, p.y], ['left', left, p.y - h], ['left', left, p.y]];
    }
    const free = (b, avoidObstacles) => !boxes.some((o) => boxesOverlap(o, b))
      && !(avoidObstacles && others.some((o) => boxesOverlap(o, b)));
    // Clear of the obstacles if possible; if not, clear of the other names at least.
    for (const avoidObstacles of [true, false]) {
      const spot = tries.find(([, x0, y0]) => free([x0 - 2, y0 - 1, x0 + w + dot + 2, y0 + h + 1], avoidObstacles));
      if (!spot) continue;
      const [side, x0, y0] = spot;
      const b = [x0 - 2, y0 - 1, x0 + w + dot + 2, y0 + h + 1];
      boxes.push(b);
      placed.push({ label: label, x: x0, y: y0, side: side, box: b });
      break;
    }
  }
  return placed;
}

const NOTE_RING = 7; // an annotation's ring: radius 6 px + half its 2 px line
const NOTE_GAP = 3; // px between the ring and its label
const NOTE_LEADS = [24, 48, 72]; // px further out, with a leader line, when nothing beside the ring is free
const NOTE_DIRECTIONS = { right: [1, 0], left: [-1, 0], above: [0, -1], below: [0, 1],
  'above right': [0.71, -0.71], 'above left': [-0.71, -0.71], 'below right': [0.71, 0.71], 'below left': [-0.71, 0.71] };

/** True when the segment [x1, y1, x2, y2] passes through the box [x0, y0, x1, y1] (Liang-Barsky). */
function segmentHitsBox(s, b) {
  const dx = s[2] - s[0];
  const dy = s[3] - s[1];
  let t0 = 0;
  let t1 = 1;
  const edges = [[-dx, s[0] - b[0]], [dx, b[2] - s[0]], [-dy, s[1] - b[1]], [dy, b[3] - s[1]]];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q <= 0) return false;
    } else {
      const r = q / p;
      if (p < 0) t0 = Math.max(t0, r);
      else t1 = Math.min(t1, r);
      if (t0 >= t1) return false;
    }
  }
  return true;
}

/** True when two segments cross (touching ends do not count). */
function segmentsCross(a, b) {
  const side = (s, x, y) => Math.sign((s[2] - s[0]) * (y - s[1]) - (s[3] - s[1]) * (x - s[0]));
  return side(a, b[0], b[1]) * side(a, b[2], b[3]) < 0 && side(b, a[0], a[1]) * side(b, a[2], a[3]) < 0;
}

/**
 * Where the editor's annotation labels go, in the notes' order: {placed: [{note, x, y, side,
 * box, leader}], hidden: [{note, reason}]} (x, y: the label's top-left in layer pixels; leader:
 * [x1, y1, x2, y2] from the ring to the label, or null; project(note) -> {x, y}, sizeOf(note) ->
 * [w, h]).  A label goes beside its ring on its `side`, else another side, else a diagonal;
 * else 24, 48 or 72 px further out the same ways, with a leader line.  It never overlaps a label,
 * a ring or a leader line, nor does its leader cross a label or a leader; it keeps clear of `obstacles` (boxes:
 * the data, other names) where it can.  A label with no such spot is hidden, with its reason.
 */
function placeAnnotations(notes, project, sizeOf, obstacles) {
  const points = notes.map(project);
  const rings = points.map((p) => [p.x - NOTE_RING, p.y - NOTE_RING, p.x + NOTE_RING, p.y + NOTE_RING]);
  const boxes = [];
  const leaders = [];
  const others = obstacles || [];
  const placed = [];
  const hidden = [];
  notes.forEach((note, k) => {
    const p = points[k];
    const [w, h] = sizeOf(note);
    const sides = [note.side, 'right', 'left', 'above', 'below'].filter((s, i, all) => s && NOTE_DIRECTIONS[s] && all.indexOf(s) === i);
    const ways = [...sides, 'above right', 'above left', 'below right', 'below left'];
    const spots = [];
    for (const lead of [0, ...NOTE_LEADS]) {
      for (const side of ways) {
        const [ux, uy] = NOTE_DIRECTIONS[side];
        const qx = p.x + ux * (NOTE_RING + NOTE_GAP + lead);
        const qy = p.y + uy * (NOTE_RING + NOTE_GAP + lead);
        const x0 = ux > 0 ? qx : ux < 0 ? qx - w : qx - w / 2;
        const y0 = uy === 0 ? qy - h / 2 : uy < 0 ? qy - h : qy;
        const leader = lead ? [p.x + ux * NOTE_RING, p.y + uy * NOTE_RING, qx, qy] : null;
        spots.push({ side: side, x: x0, y: y0, box: [x0, y0, x0 + w, y0 + h], leader: leader });
      }
    }
    const clear = (spot, avoidObstacles) => {
      const b = spot.box;
      if (boxes.some((o) => boxesOverlap(o, b)) || rings.some((o) => boxesOverlap(o, b))) return false;
      if (leaders.some((l) => segmentHitsBox(l, b))) return false;
      if (avoidObstacles && others.some((o) => boxesOverlap(o, b))) return false;
      const l = spot.leader;
      // (a leader may pass over rings: out of a cluster of rings there is no other way)
      return !l || !(boxes.some((o) => segmentHitsBox(l, o)) || leaders.some((o) => segmentsCross(l, o)));
    };
    // Clear of the obstacles if possible; if not, clear of the other labels at least.
    const spot = spots.find((s) => clear(s, true)) || spots.find((s) => clear(s, false));
    if (!spot) {
      hidden.push({ note: note, reason: 'no room' });
      return;
    }
    boxes.push(spot.box);
    if (spot.leader) leaders.push(spot.leader);
    placed.push({ note: note, x: spot.x, y: spot.y, side: spot.side, box: spot.box, leader: spot.leader });
  });
  return { placed: placed, hidden: hidden };
}

if (typeof module === 'object' && module.exports) {
  module.exports = { CONTEXT_DOT, boxesOverlap, placeLabels, NOTE_RING, segmentHitsBox, segmentsCross, placeAnnotations };
}
