import type { Fraction } from 'mathjs' with { 'resolution-mode': 'import' };
import { fractionOf } from '../constants/exact';
import { parseRuleName } from '../rules/index';
import type { RuleParameters } from '../rules/catalogue';
import { exactMean, exactSquaredDistance, ZERO } from './exactRatio';

/**
 * The selection rules of the catalogue in exact rational arithmetic: their
 * output is a fixed function of exact comparisons (sorting, nearest
 * neighbours, least scores, least diameter) followed by means, so on
 * rational inputs it is a rational vector, computed here with no rounding.
 * Each follows the convention of its float implementation in lib/rules
 * (docs/rules.md): ties by index, MEDIAN's midpoint for even counts,
 * KRUM/MULTI-KRUM scores as sums of the k = n − f − 2 smallest squared
 * distances, m = n − f − 2, BULYAN's rounds with k = min(|R| − 1,
 * max(1, |R| − f − 2)) and β = n − 4f values nearest the (midpoint) median,
 * ties in distance by selection order, MDA's lexicographically first subset of
 * least diameter, NNM with its own input among its n − f neighbours.
 *
 * Rules or parameters not covered here (the iterative and spectral rules,
 * Euclidean distances, mean scores, …) return undefined: their certificate
 * replays the float implementation's output (see witness.ts).
 *
 * @example exactRuleOutput('median', exactVectors([[0], [1], [5]]), 1)![0].toFraction() // '1'
 */
export function exactRuleOutput(name: string, inputs: readonly Fraction[][], f: number, params: RuleParameters = {}): Fraction[] | undefined {
  let pre: string[], rule: string;
  try { ({ pre, rule } = parseRuleName(name)); } catch { return undefined; }
  if (pre.some((p) => p !== 'nnm')) return undefined;
  const extra = Object.entries(params).filter(([, v]) => v !== undefined).map(([k]) => k);
  let rows: Fraction[][] = inputs.map((r) => [...r]);
  for (let s = 0; s < pre.length; s++) rows = exactNnm(rows, f);
  const numberOr = (v: unknown, fallback: number): number | undefined => (v === undefined ? fallback : typeof v === 'number' ? v : typeof v === 'function' ? (v as (n: number, f: number) => number)(rows.length, f) : undefined);
  const n = rows.length;
  const only = (...keys: string[]) => extra.every((k) => keys.includes(k));
  switch (rule) {
    case 'average': return only() ? exactMean(rows) : undefined;
    case 'median': {
      const even = (params.even ?? 'midpoint') as string;
      return only('even') ? columns(rows, (v) => medianOf(v, even)) : undefined;
    }
    case 'trimmed-mean': return only() ? columns(rows, (v) => meanOfValues(sorted(v).slice(f, n - f))) : undefined;
    case 'krum':
    case 'multi-krum': {
      if (!only('k', 'm', 'distance', 'scores') || (params.distance ?? 'squared') !== 'squared' || (params.scores ?? 'sum') !== 'sum') return undefined;
      const k = numberOr(params.k, n - f - 2), m = rule === 'krum' ? 1 : numberOr(params.m, n - f - 2);
      if (k === undefined || m === undefined) return undefined;
      return exactMultiKrum(rows, k, m);
    }
    case 'bulyan': return only('distance') && (params.distance ?? 'squared') === 'squared' ? exactBulyan(rows, f) : undefined;
    case 'meamed': return only('even') && (params.even ?? 'midpoint') === 'midpoint' ? exactClosest(rows, columns(rows, (v) => medianOf(v, 'midpoint')), n - f) : undefined;
    case 'phocas': return only() ? exactClosest(rows, columns(rows, (v) => meanOfValues(sorted(v).slice(f, n - f))), n - f) : undefined;
    case 'mda': return only('maxSeconds') ? exactMda(rows, f) : undefined;
    default: return undefined;
  }
}

/** Whether {@link exactRuleOutput} computes this rule exactly (with these parameters). */
export function hasExactOutput(name: string, params: RuleParameters = {}, n = 7, f = 1): boolean {
  const probe = Array.from({ length: n }, (_, i) => [fractionOf(i * i)]);
  try { return exactRuleOutput(name, probe, f, params) !== undefined; } catch { return false; }
}

const sorted = (v: Fraction[]) => [...v].sort((a, b) => a.compare(b));

function meanOfValues(v: Fraction[]): Fraction {
  let s = ZERO();
  for (const x of v) s = s.add(x);
  return s.div(fractionOf(v.length));
}

function medianOf(v: Fraction[], even: string): Fraction {
  const s = sorted(v), n = s.length, h = Math.floor(n / 2);
  if (n % 2 === 1) return s[h];
  if (even === 'lower') return s[h - 1];
  if (even === 'upper') return s[h];
  return s[h - 1].add(s[h]).div(fractionOf(2));
}

function columns(rows: Fraction[][], g: (v: Fraction[]) => Fraction): Fraction[] {
  return rows[0].map((_, c) => g(rows.map((r) => r[c])));
}

function distances(rows: Fraction[][]): Fraction[][] {
  const n = rows.length;
  const D: Fraction[][] = Array.from({ length: n }, () => new Array<Fraction>(n));
  for (let i = 0; i < n; i++) {
    D[i][i] = ZERO();
    for (let j = i + 1; j < n; j++) D[i][j] = D[j][i] = exactSquaredDistance(rows[i], rows[j]);
  }
  return D;
}

/** Score of i within `pool`: the sum of its k smallest squared distances to the others of the pool. */
function score(D: Fraction[][], i: number, pool: readonly number[], k: number): Fraction {
  const ds = pool.filter((j) => j !== i).map((j) => D[i][j]).sort((a, b) => a.compare(b));
  let s = ZERO();
  for (let p = 0; p < k; p++) s = s.add(ds[p]);
  return s;
}

/** The pool ordered by score, ties by index. */
function byScore(D: Fraction[][], pool: readonly number[], k: number): number[] {
  const scores = new Map(pool.map((i) => [i, score(D, i, pool, k)]));
  return [...pool].sort((a, b) => scores.get(a)!.compare(scores.get(b)!) || a - b);
}

function exactMultiKrum(rows: Fraction[][], k: number, m: number): Fraction[] {
  const D = distances(rows);
  const all = rows.map((_, i) => i);
  const chosen = byScore(D, all, k).slice(0, m).sort((a, b) => a - b);
  return exactMean(chosen.map((i) => rows[i]));
}

function exactBulyan(rows: Fraction[][], f: number): Fraction[] {
  const n = rows.length, theta = n - 2 * f, beta = theta - 2 * f;
  const D = distances(rows);
  let remaining = rows.map((_, i) => i);
  const selected: number[] = [];
  for (let r = 0; r < theta; r++) {
    const k = Math.min(remaining.length - 1, Math.max(1, remaining.length - f - 2));
    const best = byScore(D, remaining, k)[0];
    selected.push(best);
    remaining = remaining.filter((i) => i !== best);
  }
  const picked = selected.map((i) => rows[i]);
  return exactClosest(picked, columns(picked, (v) => medianOf(v, 'midpoint')), beta);
}

/** Per coordinate, the mean of the β values nearest center_c (ties by row position). */
function exactClosest(rows: Fraction[][], center: Fraction[], beta: number): Fraction[] {
  return center.map((cen, c) => {
    const order = rows.map((r, i) => ({ i, key: r[c].sub(cen).abs() })).sort((a, b) => a.key.compare(b.key) || a.i - b.i);
    return meanOfValues(order.slice(0, beta).map((o) => rows[o.i][c]));
  });
}

/** MDA: the mean of the lexicographically first (n − f)-subset of least diameter (max squared distance). Exact up to C(n, f) ≤ 200 000 subsets. */
function exactMda(rows: Fraction[][], f: number): Fraction[] | undefined {
  const n = rows.length, size = n - f;
  let count = 1;
  for (let i = 0; i < f; i++) count = (count * (n - i)) / (i + 1);
  if (count > 200_000) return undefined;
  const D = distances(rows);
  let best: number[] | undefined, bestDiameter: Fraction | undefined;
  const chosen: number[] = [];
  const walk = (start: number, diameter: Fraction) => {
    if (bestDiameter && diameter.compare(bestDiameter) >= 0) return; // cannot become strictly better
    if (chosen.length === size) { best = [...chosen]; bestDiameter = diameter; return; }
    for (let i = start; i <= n - (size - chosen.length); i++) {
      let dm = diameter;
      for (const j of chosen) if (D[i][j].compare(dm) > 0) dm = D[i][j];
      chosen.push(i);
      walk(i + 1, dm);
      chosen.pop();
    }
  };
  walk(0, ZERO());
  return exactMean(best!.map((i) => rows[i]));
}

/** NNM: every input replaced by the mean of its n − f nearest inputs (itself included; ties by index). */
function exactNnm(rows: Fraction[][], f: number): Fraction[][] {
  const D = distances(rows);
  const n = rows.length;
  return rows.map((_, i) => {
    const order = rows.map((__, j) => j).sort((a, b) => D[i][a].compare(D[i][b]) || a - b);
    return exactMean(order.slice(0, n - f).map((j) => rows[j]));
  });
}
