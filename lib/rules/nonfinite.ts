/**
 * The workbook's convention for non-finite values and overflow, shared by
 * every rule (see docs and each rule's comment):
 *
 * - Output coordinates are finite or NaN, never ±Infinity.
 * - Within a rule's guarantee (at most f of the n inputs Byzantine, whatever
 *   their values: NaN, ±Infinity, ±1.7e308), every output coordinate is
 *   finite. Finite inputs always give a finite output: a sum that overflows
 *   is recomputed on values scaled by a power of two (exact), and distances
 *   that overflow are recomputed on inputs scaled by a power of two, so the
 *   result is the one double arithmetic with an unbounded exponent range
 *   would give.
 * - Outside the guarantee, an output coordinate that a non-finite input value
 *   reaches is NaN (never a ±Infinity, whether or not an input had one), and
 *   the rule's diagnostics carry {@link OutsideGuarantee}.
 *
 * The checks cost one pass over the output on the fast path; the slow paths
 * run only for coordinates that came out non-finite.
 */
import type { RuleInputs as Vectors } from '../vectors';

/** Present in a rule's diagnostics when its guarantee does not hold for this input. */
export interface OutsideGuarantee {
  /** How many output coordinates are NaN (a non-finite input value reached them). */
  nanCoordinates: number;
  /** The first NaN output coordinate, or −1. */
  firstNaN: number;
  /** Inputs with a non-finite coordinate, where the rule knows it without a scan (Krum family, geometric median). */
  nonFiniteInputs?: number;
  /** One line, naming the rule. */
  reason: string;
}

/** True when every coordinate of `v` is finite (the fast-path check). */
export function allFinite(v: Float64Array): boolean {
  for (let c = 0; c < v.length; c++) {
    const x = v[c];
    if (x - x !== 0) return false; // NaN and ±Infinity
  }
  return true;
}

/** A power of two 2^k ≥ 2·count: Σ of `count` values each ≤ MAX·2^−k cannot overflow. */
function sumScale(count: number): number {
  let s = 2;
  while (s < count) s *= 2;
  return 2 * s;
}

/**
 * (Σ values[i]) / divisor for finite values whose plain sum overflows: summed
 * in the given order on values scaled by 2^−k (exact), divided, scaled back.
 * Equal to the plain computation in an unbounded exponent range (up to the
 * underflow of values below 2^(k − 1074), far below an ulp of the result).
 */
export function scaledSum(values: ArrayLike<number>, from: number, to: number, divisor: number): number {
  const k = sumScale(to - from);
  const inv = 1 / k;
  let s = 0;
  for (let i = from; i < to; i++) s += values[i] * inv;
  return (s / divisor) * k;
}

/**
 * The mean of coordinate c over vectors[indices[·]] (in that order): NaN if
 * one of the values is non-finite, else the scaled sum divided by the count.
 */
export function scaledMeanAt(vectors: Vectors, indices: readonly number[] | null, c: number, scratch?: Float64Array): number {
  const m = indices ? indices.length : vectors.length;
  const vals = scratch && scratch.length >= m ? scratch : new Float64Array(m);
  for (let p = 0; p < m; p++) {
    const x = vectors[indices ? indices[p] : p][c];
    if (x - x !== 0) return NaN;
    vals[p] = x;
  }
  return scaledSum(vals, 0, m, m);
}

/**
 * Finishes a mean computed by the fast path: each non-finite coordinate is
 * recomputed by {@link scaledMeanAt} (finite when every value is finite, NaN
 * otherwise). Returns the number of NaN coordinates and the first one.
 */
export function finishMean(out: Float64Array, vectors: Vectors, indices: readonly number[] | null): { nan: number; first: number } {
  if (allFinite(out)) return NO_NAN;
  let nan = 0, first = -1;
  for (let c = 0; c < out.length; c++) {
    if (out[c] - out[c] === 0) continue;
    const y = scaledMeanAt(vectors, indices, c);
    out[c] = y;
    if (y !== y) { nan++; if (first < 0) first = c; }
  }
  return { nan, first };
}

const NO_NAN = Object.freeze({ nan: 0, first: -1 });

/** Sets every non-finite coordinate of `out` to NaN; returns how many and the first. */
export function nanForNonFinite(out: Float64Array): { nan: number; first: number } {
  if (allFinite(out)) return NO_NAN;
  let nan = 0, first = -1;
  for (let c = 0; c < out.length; c++) {
    if (out[c] - out[c] === 0) continue;
    out[c] = NaN;
    nan++;
    if (first < 0) first = c;
  }
  return { nan, first };
}

/**
 * The diagnostics notice, or undefined when the output has no NaN and the
 * rule saw at most f non-finite inputs (or does not know how many it saw).
 */
export function outsideGuarantee(rule: string, f: number, nan: { nan: number; first: number }, nonFiniteInputs?: number): OutsideGuarantee | undefined {
  const tooMany = nonFiniteInputs !== undefined && nonFiniteInputs > f;
  if (nan.nan === 0 && !tooMany) return undefined;
  const why = nonFiniteInputs !== undefined
    ? `${nonFiniteInputs} input(s) with a non-finite coordinate, f = ${f}`
    : `more non-finite values than f = ${f} reached the output`;
  const effect = nan.nan > 0 ? `${nan.nan} output coordinate(s) NaN (first: ${nan.first})` : 'output finite, but outside the guarantee';
  const out: OutsideGuarantee = { nanCoordinates: nan.nan, firstNaN: nan.first, reason: `${rule}: outside its guarantee (${why}): ${effect}` };
  if (nonFiniteInputs !== undefined) out.nonFiniteInputs = nonFiniteInputs;
  return out;
}
