/**
 * Straightforward reference implementations: each rule written the obvious
 * way (distances per pair, full sorts, scores recomputed from the definition).
 * They are the oracle of the optimised kernels in the property tests and the
 * baseline of the benchmark. Same conventions, same tie-breaking; no
 * admissibility checks (the oracle is only called on admissible input).
 */
import type { Vectors } from '../vectors';
import { midpoint } from './coordinatewise';

const key = (x: number) => (x !== x ? Infinity : x);
const finiteVec = (v: Float64Array) => v.every(Number.isFinite);

export function distanceRef(x: Float64Array, y: Float64Array, squared = true): number {
  let s = 0;
  for (let c = 0; c < x.length; c++) s += (x[c] - y[c]) ** 2;
  if (!(s < Infinity)) return Infinity;
  return squared ? s : Math.sqrt(s);
}

/**
 * The mean of vs[idx] (summed in ascending index order). A coordinate whose
 * finite values overflow the plain sum is summed on the values halved until
 * the sum is finite, then scaled back (exact powers of two); non-finite values
 * propagate by IEEE rules (the rules turn them into NaN).
 */
export function meanRef(vs: Vectors, idx: readonly number[]): Float64Array {
  const order = [...idx].sort((a, b) => a - b);
  const out = new Float64Array(vs[0].length);
  for (let c = 0; c < out.length; c++) out[c] = sumRef(order.map((i) => vs[i][c])) / idx.length;
  for (let c = 0; c < out.length; c++) if (!Number.isFinite(out[c]) && order.every((i) => Number.isFinite(vs[i][c]))) out[c] = scaledAverageRef(order.map((i) => vs[i][c]));
  return out;
}

const sumRef = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** Σ xs / |xs| for finite xs whose plain sum overflows: each halved until the sum is finite, then doubled back. */
function scaledAverageRef(xs: readonly number[]): number {
  let k = 1;
  while (!Number.isFinite(sumRef(xs.map((x) => x / 2 ** k)) * 2)) k++;
  // one more halving than needed, and at least log2(n) + 1 of them: the ratio the rule uses differs only by a power of two
  const scale = 2 ** Math.max(k + 1, Math.ceil(Math.log2(Math.max(2, xs.length))) + 2);
  return (sumRef(xs.map((x) => x / scale)) / xs.length) * scale;
}

/** Rule-level convention (lib/rules/nonfinite.ts): a non-finite output coordinate is NaN. */
export function nanRef(v: Float64Array): Float64Array {
  return v.map((x) => (Number.isFinite(x) ? x : NaN));
}

/**
 * The inputs a selection is made on: when a distance between two finite
 * inputs exceeds MAX/n, every finite input scaled by 2^−e with
 * the least e that keeps n times every distance below 2^1022 (see lib/rules/selectionDistances.ts).
 */
export function selectionInputsRef(vs: Vectors, squared = true): Vectors {
  const n = vs.length;
  const fin = vs.map(finiteVec);
  let risk = false;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (fin[i] && fin[j] && distanceRef(vs[i], vs[j], squared) > Number.MAX_VALUE / n) risk = true;
  if (!risk) return vs;
  const big = Math.max(...vs.filter((_, i) => fin[i]).map((v) => Math.max(...Array.from(v, Math.abs))));
  const e = Math.ceil((Math.log2(vs[0].length) + 2 * (1 + Math.log2(big)) + Math.log2(n) + 2 - 1022) / 2);
  return e > 0 ? vs.map((v, i) => (fin[i] ? v.map((x) => x * 2 ** -e) : v)) : vs;
}

function medianOfSorted(s: number[]): number {
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : midpoint(s[n / 2 - 1], s[n / 2]);
}

export function medianRef(vs: Vectors): Float64Array {
  return vs[0].map((_, c) => medianOfSorted(vs.map((v) => key(v[c])).sort((a, b) => a - b)));
}

export function trimmedMeanRef(vs: Vectors, f: number): Float64Array {
  return vs[0].map((_, c) => {
    const s = vs.map((v) => key(v[c])).sort((a, b) => a - b).slice(f, vs.length - f);
    return s.reduce((a, b) => a + b, 0) / s.length;
  });
}

/** Scores and neighbour sets of `pool` over k nearest within `pool`, by full sort. */
export function krumScoresRef(vs: Vectors, pool: readonly number[], k: number, squared = true): Map<number, { score: number; neighbours: number[] }> {
  const out = new Map<number, { score: number; neighbours: number[] }>();
  for (const i of pool) {
    const others = pool.filter((j) => j !== i).map((j) => ({ j, dd: distanceRef(vs[i], vs[j], squared) }));
    others.sort((a, b) => (a.dd < b.dd ? -1 : a.dd > b.dd ? 1 : a.j - b.j));
    const nb = others.slice(0, k).map((o) => o.j).sort((a, b) => a - b);
    let score = 0;
    for (const j of nb) score += distanceRef(vs[i], vs[j], squared);
    out.set(i, { score, neighbours: nb });
  }
  return out;
}

function orderRef(pool: readonly number[], score: (i: number) => number, vs: Vectors): number[] {
  return [...pool].sort((a, b) => {
    const sa = score(a), sb = score(b);
    if (sa !== sb) return sa < sb ? -1 : 1;
    const fa = finiteVec(vs[a]), fb = finiteVec(vs[b]);
    if (fa !== fb) return fa ? -1 : 1;
    return a - b;
  });
}

export function multiKrumRef(vs: Vectors, f: number, m = vs.length - f - 2, k = vs.length - f - 2, squared = true): { aggregate: Float64Array; selected: number[] } {
  const pool = vs.map((_, i) => i);
  const s = krumScoresRef(selectionInputsRef(vs, squared), pool, k, squared);
  const selected = orderRef(pool, (i) => s.get(i)!.score, vs).slice(0, m);
  return { aggregate: nanRef(meanRef(vs, selected)), selected };
}

/**
 * Per coordinate, the average of the β values closest to the median. When the
 * β-th smallest distance is +Infinity (a non-finite value, or an overflow that
 * would break ties by row), distances are taken as |x/2 − med/2| instead (no
 * overflow, same order elsewhere); finite values whose sum overflows are
 * averaged by {@link scaledAverageRef}.
 */
export function aroundMedianRef(rows: Vectors, beta: number): Float64Array {
  return rows[0].map((_, c) => {
    const vals = rows.map((r) => key(r[c]));
    const med = medianOfSorted([...vals].sort((a, b) => a - b));
    const rank = (dist: (x: number) => number) => {
      const ranked = vals.map((x, i) => ({ x, i, dd: dist(x) }));
      for (const r of ranked) if (r.dd !== r.dd) r.dd = Infinity;
      ranked.sort((a, b) => (a.dd < b.dd ? -1 : a.dd > b.dd ? 1 : a.i - b.i));
      return ranked;
    };
    let ranked = rank((x) => Math.abs(x - med));
    const overflowed = ranked[beta - 1].dd === Infinity;
    if (overflowed) ranked = rank((x) => Math.abs(x / 2 - med / 2));
    const chosen = ranked.slice(0, beta).sort((a, b) => a.i - b.i).map((r) => r.x);
    const y = sumRef(chosen) / beta;
    if (Number.isFinite(y) || !chosen.every(Number.isFinite)) return y;
    return scaledAverageRef(chosen);
  });
}

export function bulyanRef(vs: Vectors, f: number): { aggregate: Float64Array; selected: number[] } {
  const n = vs.length, theta = n - 2 * f, beta = theta - 2 * f;
  let remaining = vs.map((_, i) => i);
  const sel = selectionInputsRef(vs);
  const selected: number[] = [];
  for (let r = 0; r < theta; r++) {
    const k = Math.min(remaining.length - 1, Math.max(1, remaining.length - f - 2));
    const s = krumScoresRef(sel, remaining, k);
    const best = orderRef(remaining, (i) => s.get(i)!.score, vs)[0];
    selected.push(best);
    remaining = remaining.filter((i) => i !== best);
  }
  return { aggregate: nanRef(aroundMedianRef(selected.map((i) => vs[i]), beta)), selected };
}

/** AGGREGATHOR with every round's scores evaluated from the definition (no incremental update). */
export function aggregathorRef(vs: Vectors, f: number, m = vs.length - f - 2, scoreUpdate: 'incremental' | 'recompute' | 'frozen' = 'incremental'): { aggregate: Float64Array; removed: number[] } {
  const n = vs.length, theta = n - 2 * f - 2, beta = theta - 2 * f, k = n - f - 2;
  const all = vs.map((_, i) => i);
  const sel = selectionInputsRef(vs);
  const original = krumScoresRef(sel, all, k);
  let remaining = all;
  const outputs: Float64Array[] = [];
  const removed: number[] = [];
  for (let r = 0; r < theta; r++) {
    let score: (i: number) => number;
    if (scoreUpdate === 'frozen') {
      // ByzantineMomentum's bulyan: the first scores, never updated
      score = (i) => original.get(i)!.score;
    } else if (scoreUpdate === 'incremental') {
      const present = new Set(remaining);
      score = (i) => original.get(i)!.neighbours.filter((j) => present.has(j)).reduce((a, j) => a + distanceRef(sel[i], sel[j]), 0);
    } else {
      const kr = Math.min(remaining.length - 1, Math.max(1, remaining.length - f - 2));
      const s = r === 0 ? original : krumScoresRef(sel, remaining, kr);
      score = (i) => s.get(i)!.score;
    }
    const order = orderRef(remaining, score, vs);
    outputs.push(meanRef(vs, order.slice(0, Math.max(1, m - r))));
    removed.push(order[0]);
    remaining = remaining.filter((i) => i !== order[0]);
  }
  return { aggregate: nanRef(aroundMedianRef(outputs, beta)), removed };
}
