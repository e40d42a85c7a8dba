/*
 * dominance_calc.js - "who dominates where": each hexagon's events tallied per side, and the
 * leading side with its share, or "contested" when its lead over the second side is under
 * `lead` of the cell's total.  The twin of geo/dominance.py tally and winner;
 * tests/data/shared_cases/dominance.json checks both.  Pure (see format.js for how node loads it).
 */

/**
 * rows: {idx, side, cell} typed arrays (an event's index in its store, its sides as bits, its
 * cell); keep(i) and weight(i) take the store index.  Returns {counts: Float64Array(nCells *
 * nSides), totals: Float64Array(nCells)}: each kept event's weight added to every side among
 * its bits and once to its cell's total; added to `into` ({counts, totals}) when given, so
 * several stores add up.
 */
function tallyDominance(rows, nCells, nSides, keep, weight, into) {
  const counts = into ? into.counts : new Float64Array(nCells * nSides);
  const totals = into ? into.totals : new Float64Array(nCells);
  const n = rows.idx.length;
  for (let r = 0; r < n; r++) {
    const i = rows.idx[r];
    const bits = rows.side[r];
    const c = rows.cell[r];
    if (bits === 0 || c < 0 || !keep(i)) continue;
    const w = weight(i);
    totals[c] += w;
    for (let k = 0; k < nSides; k++) if ((bits >> k) & 1) counts[c * nSides + k] += w;
  }
  return { counts: counts, totals: totals };
}

/** {side (-1: nothing counts), share, contested} from one cell's counts per side and its total. */
function dominanceWinner(counts, total, lead) {
  let first = -1;
  let best = 0;
  for (let k = 0; k < counts.length; k++) {
    if (counts[k] > best) {
      best = counts[k];
      first = k;
    }
  }
  if (total <= 0 || first < 0) return { side: -1, share: 0, contested: false };
  let second = 0;
  for (let k = 0; k < counts.length; k++) if (k !== first && counts[k] > second) second = counts[k];
  return { side: first, share: best / total, contested: (best - second) / total < lead };
}

if (typeof module === 'object' && module.exports) module.exports = { tallyDominance, dominanceWinner };
