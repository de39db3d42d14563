import type { Fraction } from 'mathjs' with { 'resolution-mode': 'import' };
import { fractionOf, fractionOfDouble } from '../constants/exact';
import { requireThat } from '../errors';

/**
 * Exact rational arithmetic for the robustness certificates: every finite
 * float64 is a dyadic rational m·2^e, so a witness's inputs convert to
 * mathjs Fractions without any rounding (fractionOfDouble, docs/exact-inputs.md),
 * and the ratio
 *
 *     ‖F(x) − x̄_S‖² / ((1/|S|) Σ_{i∈S} ‖x_i − x̄_S‖²)
 *
 * is then a fraction computed with no rounding at all.
 *
 * @example exactRatio(exactVectors([[0], [2], [10]]), [0, 1], exactVectors([[2]])[0]).text // '1'
 */

/** An exact ratio: `text` is p/q in lowest terms (or `Infinity` when the honest variance is 0 and F(x) ≠ x̄_S), `value` the nearest float. */
export interface ExactValue {
  text: string;
  value: number;
}

/** Vectors of floats as exact fractions (each float taken as the dyadic rational it is). */
export function exactVectors(rows: readonly ArrayLike<number>[]): Fraction[][] {
  return rows.map((r) => Array.from(r, (x) => {
    requireThat(Number.isFinite(x), 'robustness witness', 'finite coordinates', { x: String(x) });
    return fractionOfDouble(x);
  }));
}

export const ZERO = (): Fraction => fractionOf(0);

/** Σ rows / count, coordinate-wise, exactly. */
export function exactMean(rows: readonly Fraction[][]): Fraction[] {
  const d = rows[0].length;
  const count = fractionOf(rows.length);
  const out: Fraction[] = [];
  for (let c = 0; c < d; c++) {
    let s = ZERO();
    for (const r of rows) s = s.add(r[c]);
    out.push(s.div(count));
  }
  return out;
}

/** ‖a − b‖², exactly. */
export function exactSquaredDistance(a: readonly Fraction[], b: readonly Fraction[]): Fraction {
  let s = ZERO();
  for (let c = 0; c < a.length; c++) { const e = a[c].sub(b[c]); s = s.add(e.mul(e)); }
  return s;
}

/** The nearest double to p/q (bigints of any size; no overflow in the conversion itself). */
export function fractionToNumber(q: Fraction): number {
  let n = q.n, d = q.d;
  const bits = (x: bigint) => x.toString(2).length;
  const shift = Math.max(0, Math.max(bits(n), bits(d)) - 1000);
  if (shift > 0) { n >>= BigInt(shift); d >>= BigInt(shift); }
  if (d === 0n) return q.s < 0n ? -Infinity : Infinity;
  return (q.s < 0n ? -1 : 1) * (Number(n) / Number(d));
}

/** The exact ratio of an exact output against the honest set. */
export function exactRatio(inputs: readonly Fraction[][], honest: readonly number[], output: readonly Fraction[]): ExactValue & { fraction?: Fraction } {
  const rows = honest.map((i) => inputs[i]);
  const mean = exactMean(rows);
  let variance = ZERO();
  for (const r of rows) variance = variance.add(exactSquaredDistance(r, mean));
  variance = variance.div(fractionOf(rows.length));
  const num = exactSquaredDistance(output, mean);
  if (variance.compare(0) === 0) {
    return num.compare(0) === 0 ? { text: '0', value: 0, fraction: ZERO() } : { text: 'Infinity', value: Infinity };
  }
  const q = num.div(variance);
  return { text: q.toFraction(), value: fractionToNumber(q), fraction: q };
}

/** f/(n − 2f) as an exact fraction. */
export function exactLowerBound(n: number, f: number): Fraction {
  return fractionOf(f, n - 2 * f);
}
