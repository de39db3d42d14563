import type { BigNumber, Fraction, MathJsInstance } from 'mathjs' with { 'resolution-mode': 'import' };
import { requireThat, requireInteger } from '../errors';
import { etaSquared, type EtaReading } from './eta';

/**
 * The constants of the paper evaluated exactly, beside their floating-point
 * values: η² as a fraction (it is rational for integer n, f, m), η, sin α and
 * the slowdown factors as BigNumber square roots with {@link EXACT_DIGITS}
 * significant digits.
 *
 *     η²(n, f) = 2 (n − f + (f·m + f²(m + 1)) / den),
 *     den = m (as printed), n − 2f − 2 (as derived), and the Krum paper's
 *     2 (n − f + (f(n − f − 2) + f²(n − f − 1)) / (n − 2f − 2))
 *
 * @example etaSquaredExact(7, 1, 4, 'as-derived').toFraction() // '18'  (2·(6 + (4 + 5)/3))
 */

/** Significant digits of the BigNumber evaluations. */
export const EXACT_DIGITS = 40;

/** A private mathjs instance: BigNumber precision set here does not leak into other users of mathjs. */
// mathjs ships its types as an ES module; the CommonJS build loads it with require(). It is loaded on first use:
// loading it costs about a quarter of a second, which every worker thread of the CLI would pay at start-up.
let instance: MathJsInstance | undefined;
function mathjsInstance(): MathJsInstance {
  if (!instance) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mathjs = require('mathjs') as { create(factories: unknown, config: object): MathJsInstance; all: unknown };
    instance = mathjs.create(mathjs.all, { precision: EXACT_DIGITS + 10 });
  }
  return instance;
}

/** An exactly evaluated constant: its exact form (a fraction, or √ of one), a decimal string and the float the library uses. */
export interface ExactConstant {
  /** Exact form, e.g. `22` or `sqrt(44/3)`. */
  exact: string;
  /** Decimal expansion with {@link EXACT_DIGITS} significant digits (correctly rounded from a higher-precision evaluation). */
  decimal: string;
  /** The floating-point value (what the rest of the workbook computes with). */
  float: number;
}

/** n/d as a mathjs Fraction (exact for integers). */
export function fractionOf(numerator: number | bigint, denominator: number | bigint = 1): Fraction {
  return mathjsInstance().fraction(`${numerator}/${denominator}`);
}

/** A finite double as a fraction. */
export function fractionOfDouble(x: number): Fraction {
  // mathjs (fraction.js) turns a double into the simplest fraction that rounds to it: 0.1 → 1/10.
  requireThat(Number.isFinite(x), 'exact constants', 'a finite number', { x });
  return mathjsInstance().fraction(x) as Fraction;
}

/** √q as a BigNumber with EXACT_DIGITS + 10 digits of working precision. */
export function sqrtFraction(q: Fraction): BigNumber {
  requireThat(q.s >= 0n || q.n === 0n, 'exact square root', 'a non-negative argument', { q: q.toFraction() });
  const big = mathjsInstance().bignumber(q.n.toString()).div(mathjsInstance().bignumber(q.d.toString()));
  return mathjsInstance().sqrt(big) as BigNumber;
}

/** A BigNumber rounded to `digits` significant digits, as a plain decimal string (no exponent for ordinary magnitudes). */
export function decimalString(x: BigNumber, digits = EXACT_DIGITS): string {
  return x.toSignificantDigits(digits).toString();
}

/** η² under a reading, as an exact fraction. Same admissibility as {@link etaSquared}: n >= 2f + 3, 1 <= m <= n − f − 2. */
export function etaSquaredExact(n: number, f: number, m = n - f - 2, reading: EtaReading = 'as-derived'): Fraction {
  etaSquared(n, f, m, reading); // validates the parameters with the same one-line errors
  const N = BigInt(n), F = BigInt(f), M = BigInt(m);
  let numerator: bigint, denominator: bigint;
  switch (reading) {
    case 'as-printed':
      numerator = F * M + F * F * (M + 1n);
      denominator = M;
      break;
    case 'as-derived':
      numerator = F * M + F * F * (M + 1n);
      denominator = N - 2n * F - 2n;
      break;
    case 'krum':
      numerator = F * (N - F - 2n) + F * F * (N - F - 1n);
      denominator = N - 2n * F - 2n;
      break;
  }
  return fractionOf(2n * ((N - F) * denominator + numerator), denominator);
}

/** η under a reading: exact form √(η²), its decimal expansion and the float value of lib/constants/eta.ts. */
export function etaExact(n: number, f: number, m = n - f - 2, reading: EtaReading = 'as-derived'): ExactConstant {
  const sq = etaSquaredExact(n, f, m, reading);
  return { exact: `sqrt(${sq.toFraction()})`, decimal: decimalString(sqrtFraction(sq)), float: Math.sqrt(etaSquared(n, f, m, reading)) };
}

/**
 * sin α = η √d σ / ‖g‖ (Lemma 1), exactly: sin²α = η² d σ² / ‖g‖² is rational
 * when σ and ‖g‖ are (doubles are converted to fractions by mathjs, e.g.
 * 0.1 → 1/10).
 * Lemma 1 needs sin α < 1; this function reports the value, it does not
 * enforce the hypothesis.
 */
export function sinAlphaExact(n: number, f: number, d: number, sigma: number, gNorm: number, m = n - f - 2, reading: EtaReading = 'as-derived'): ExactConstant {
  requireInteger('sin alpha', 'd', d, 1);
  requireThat(Number.isFinite(sigma) && sigma >= 0, 'sin alpha', 'a finite sigma >= 0', { sigma });
  requireThat(Number.isFinite(gNorm) && gNorm > 0, 'sin alpha', 'a finite ||g|| > 0', { gNorm });
  const s = fractionOfDouble(sigma), g = fractionOfDouble(gNorm);
  const sq = etaSquaredExact(n, f, m, reading).mul(fractionOf(d)).mul(s).mul(s).div(g.mul(g));
  return { exact: `sqrt(${sq.toFraction()})`, decimal: decimalString(sqrtFraction(sq)), float: (Math.sqrt(etaSquared(n, f, m, reading)) * Math.sqrt(d) * sigma) / gNorm };
}

/** m̃ of section 2 (MULTI-KRUM): n − f − 2. */
export function mTildeSection2(n: number, f: number): number {
  requireInteger('m~ (section 2)', 'n', n, 1);
  requireInteger('m~ (section 2)', 'f', f, 0);
  return n - f - 2;
}

/** m̃ of section 3 (AGGREGATHOR): n − 2f − 2. */
export function mTildeSection3(n: number, f: number): number {
  requireInteger('m~ (section 3)', 'n', n, 1);
  requireInteger('m~ (section 3)', 'f', f, 0);
  return n - 2 * f - 2;
}

/**
 * A slowdown factor √(m/n) (T1 (ii), T2 (ii) with m = m̃; the abstract's A1 with m),
 * exactly. Requires integers 1 <= m <= n.
 *
 * @example slowdownExact(4, 9).decimal.slice(0, 8) // '0.666666'
 */
export function slowdownExact(m: number, n: number): ExactConstant {
  requireInteger('slowdown sqrt(m/n)', 'n', n, 1);
  requireInteger('slowdown sqrt(m/n)', 'm', m, 1, n);
  const q = fractionOf(m, n);
  return { exact: `sqrt(${q.toFraction()})`, decimal: decimalString(sqrtFraction(q)), float: Math.sqrt(m / n) };
}

/** `x` (a float) printed to `digits` significant digits from its exact binary value, in the same format as {@link decimalString}. */
export function floatDecimalString(x: number, digits: number): string {
  return (mathjsInstance().bignumber(x) as BigNumber).toSignificantDigits(digits).toString();
}

/** The exact decimal string re-rounded to `digits` significant digits (for comparing with a float at printing precision). */
export function roundDecimal(decimal: string, digits: number): string {
  return (mathjsInstance().bignumber(decimal) as BigNumber).toSignificantDigits(digits).toString();
}
