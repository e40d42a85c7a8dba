/*
 * jenks.js - the choropleth's classes: exact Fisher-Jenks breaks and the class of each value,
 * as layers/choropleth.py fisher_jenks_breaks and classify compute them, step by step
 * (tests/data/shared_cases/jenks.json is checked against both).
 * Pure (see format.js for how node loads it).
 */

/** Upper bounds of the k classes of `values` minimising the within-class sum of squares. */
function fisherJenksBreaks(values, k) {
  const x = Float64Array.from(values).sort();
  const n = x.length;
  const prefix = new Float64Array(n + 1);
  const prefix2 = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    prefix[i + 1] = prefix[i] + x[i];
    prefix2[i + 1] = prefix2[i] + x[i] * x[i];
  }
  const cost = (i, j) => {
    const total = prefix[j] - prefix[i];
    return prefix2[j] - prefix2[i] - (total * total) / (j - i);
  };
  const best = [];
  const split = [];
  for (let c = 0; c <= k; c++) {
    best.push(new Float64Array(n + 1).fill(Infinity));
    split.push(new Int32Array(n + 1));
  }
  best[0][0] = 0;
  for (let c = 1; c <= k; c++) {
    for (let j = c; j <= n; j++) {
      for (let i = c - 1; i < j; i++) {
        const candidate = best[c - 1][i] + cost(i, j);
        if (candidate < best[c][j]) {
          best[c][j] = candidate;
          split[c][j] = i;
        }
      }
    }
  }
  const bounds = [];
  let j = n;
  for (let c = k; c > 0; c--) {
    bounds.push(x[j - 1]);
    j = split[c][j];
  }
  return bounds.reverse();
}

function uniqueSorted(values) {
  return Array.from(new Set(values)).sort((a, b) => a - b);
}

/** A legend label from `lower` to `top`; `fmtInt` writes whole numbers in the page's locale. */
function classLabel(lower, top, integer, fmtInt) {
  if (integer) return lower === top ? fmtInt(lower) : fmtInt(lower) + '\u2013' + fmtInt(top);
  const f = (v) => (v >= 100 ? fmtInt(Math.round(v)) : v >= 10 ? v.toFixed(1) : v.toPrecision(2));
  return lower === null ? '\u2264 ' + f(top) : f(lower) + '\u2013' + f(top);
}

/**
 * Class per value (-1 for zero) and legend bins [[label, colour]] for at most k classes
 * (layers/choropleth.py classify); `fmtInt` writes the labels' whole numbers.
 */
function classifyValues(values, palette, zeroColor, k, fmtInt) {
  const positive = values.filter((v) => v > 0);
  const classes = values.map(() => -1);
  const bins = [['0', zeroColor]];
  if (!positive.length) return { classes: classes, bins: bins };
  const uniq = uniqueSorted(positive);
  k = Math.max(1, Math.min(k, uniq.length));
  const upper = uniqueSorted(k === uniq.length ? uniq : fisherJenksBreaks(positive, k));
  values.forEach((v, i) => {
    if (v > 0) {
      let c = 0;
      while (upper[c] < v) c++; // searchsorted(side='left')
      classes[i] = c;
    }
  });
  const colours = upper.length < palette.length ? palette.slice(palette.length - upper.length) : palette;
  const integer = positive.every((v) => Number.isInteger(v));
  let lower = integer ? 1 : null;
  upper.forEach((top, i) => {
    bins.push([classLabel(lower, top, integer, fmtInt), colours[i]]);
    lower = integer ? Math.floor(top) + 1 : top;
  });
  return { classes: classes, bins: bins };
}

if (typeof module === 'object' && module.exports) {
  module.exports = { fisherJenksBreaks, uniqueSorted, classLabel, classifyValues };
}
