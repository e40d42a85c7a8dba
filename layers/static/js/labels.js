/*
 * labels.js - where the names of "Places and rivers" go (context.js draws them): each label,
 * most important first, takes the first spot whose box meets no box already placed.
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
 * elsewhere (the region names of the regions overlay).
 */
function placeLabels(labels, zoom, project, sizeOf, obstacles) {
  const placed = [];
  const boxes = [];
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

if (typeof module === 'object' && module.exports) module.exports = { CONTEXT_DOT, boxesOverlap, placeLabels };
