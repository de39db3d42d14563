import type { BigNumber, Fraction, MathJsInstance } from 'mathjs' with { 'resolution-mode': 'import' };
import { requireThat, requireInteger } from '../errors';
import { etaSquared, sinAlpha, type EtaReading } from './eta';

/**
 * The constants of the paper evaluated exactly, beside their floating-point
 * values: η² as a fraction (it is rational for integer n, f, m), η, sin α and
 * the slowdown factors as square roots of exact fractions, correctly rounded
 * to {@link EXACT_DIGITS} significant digits by integer arithmetic. Doubles
 * given as input (σ, ‖g‖) are taken as the exact binary rationals they are
 * (see docs/exact-inputs.md).
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

/**
 * A finite double x as its exact binary value x = mantissa · 2^exponent, with
 * an integer mantissa (odd unless x is 0, |mantissa| < 2^53) and an integer
 * exponent in [−1074, 1023], read from the IEEE 754 bits (no rounding at all).
 *
 * @example dyadicOfDouble(0.1) // { mantissa: 3602879701896397n, exponent: -55 }
 */
export function dyadicOfDouble(x: number): { mantissa: bigint; exponent: number } {
  requireThat(Number.isFinite(x), 'exact constants', 'a finite number', { x });
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const negative = bits >> 63n === 1n;
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & 0xfffffffffffffn;
  // normal: (2^52 + fraction)·2^(biased − 1075); subnormal (biased = 0): fraction·2^−1074
  let mantissa = biased === 0 ? fraction : fraction | (1n << 52n);
  let exponent = biased === 0 ? -1074 : biased - 1075;
  if (mantissa === 0n) return { mantissa: 0n, exponent: 0 };
  while ((mantissa & 1n) === 0n) {
    mantissa >>= 1n;
    exponent++;
  }
  return { mantissa: negative ? -mantissa : mantissa, exponent };
}

/** A finite double as the exact rational p/q (q a power of two, the fraction in lowest terms): no approximation. */
export function rationalOfDouble(x: number): { numerator: bigint; denominator: bigint } {
  const { mantissa, exponent } = dyadicOfDouble(x);
  return exponent >= 0 ? { numerator: mantissa << BigInt(exponent), denominator: 1n } : { numerator: mantissa, denominator: 1n << BigInt(-exponent) };
}

/**
 * A finite double as a fraction, exactly: every double is m·2^e, so 0.1 becomes
 * 3602879701896397/36028797018963968 and 5e-324 becomes 1/2^1074.
 * (mathjs's own `fraction(number)` would approximate: 0.1 → 1/10,
 * 0.123456789123 → 10/81, 1e-8 → 0; it must not be used on user floats.)
 */
export function fractionOfDouble(x: number): Fraction {
  const { numerator, denominator } = rationalOfDouble(x);
  return mathjsInstance().fraction(numerator, denominator);
}

/**
 * √(p/q) for integers p >= 0, q > 0, correctly rounded (half up) to `digits`
 * significant digits, as a decimal string in the format of {@link decimalString}
 * (exponent form below 1e-7 and from 1e21). Pure integer arithmetic, so no
 * underflow, overflow or intermediate rounding whatever the size of p and q:
 * s = ⌊√(p·10^(2k)/q)⌋ = ⌊√(p/q)·10^k⌋ exactly, with k chosen so that s has at
 * least digits + 2 digits. The dropped digits of the true value are those of
 * s plus a fraction in [0, 1), so comparing them with 50…0 rounds correctly.
 */
export function sqrtRationalDecimal(p: bigint, q: bigint, digits = EXACT_DIGITS): string {
  requireThat(q > 0n && p >= 0n, 'exact square root', 'a non-negative argument', { q: `${p}/${q}` });
  requireInteger('exact square root', 'digits', digits, 1, 1000);
  if (p === 0n) return '0';
  // log10(p/q) > len(p) − len(q) − 1; pick k with p·10^(2k)/q >= 10^(2·digits + 4)
  const spread = p.toString().length - q.toString().length;
  const k = Math.ceil((2 * digits + 5 - spread) / 2);
  const num = k >= 0 ? p * 10n ** BigInt(2 * k) : p;
  const den = k >= 0 ? q : q * 10n ** BigInt(-2 * k);
  const radicand = num / den;
  const s = integerSqrt(radicand);
  const text = s.toString();
  const drop = text.length - digits; // >= 2
  let head = BigInt(text.slice(0, digits));
  const tail = text.slice(digits);
  const half = '5' + '0'.repeat(tail.length - 1);
  // the true value is s + φ with 0 <= φ < 1, so its dropped digits are tail + φ: round half up iff tail >= half
  if (tail >= half) head += 1n;
  // value ≈ head · 10^(drop − k)
  return (mathjsInstance().bignumber(`${head}e${drop - k}`) as BigNumber).toString();
}

/** ⌊√n⌋ for a bigint n >= 0 (Newton's iteration from above). */
export function integerSqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = 1n << BigInt(Math.ceil(n.toString(2).length / 2)); // >= √n
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

/** √q (q >= 0) to `digits` significant digits, correctly rounded from the exact value (one rounding only). */
export function sqrtDecimal(q: Fraction, digits = EXACT_DIGITS): string {
  requireThat(q.s >= 0n || q.n === 0n, 'exact square root', 'a non-negative argument', { q: q.toFraction() });
  return sqrtRationalDecimal(q.n, q.d, digits);
}

/** √q as a BigNumber, correctly rounded to EXACT_DIGITS + 10 significant digits (no underflow for tiny q: see {@link sqrtRationalDecimal}). */
export function sqrtFraction(q: Fraction): BigNumber {
  requireThat(q.s >= 0n || q.n === 0n, 'exact square root', 'a non-negative argument', { q: q.toFraction() });
  return mathjsInstance().bignumber(sqrtRationalDecimal(q.n, q.d, EXACT_DIGITS + 10)) as BigNumber;
}

/** A BigNumber rounded to `digits` significant digits, as a decimal string (exponent form, e.g. `5.58e-9`, below 1e-7 and from 1e21). */
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
  return { exact: `sqrt(${sq.toFraction()})`, decimal: sqrtDecimal(sq), float: Math.sqrt(etaSquared(n, f, m, reading)) };
}

/** sin α evaluated exactly: {@link ExactConstant} plus the exact comparison with 1. */
export interface SinAlphaConstant extends ExactConstant {
  /** sin α < 1 (Lemma 1's hypothesis), decided exactly (sin²α = p/q < 1 iff p < q), not from a rounded value. */
  belowOne: boolean;
}

/**
 * sin α = η √d σ / ‖g‖ (Lemma 1), exactly: sin²α = η² d σ² / ‖g‖² is rational,
 * η² being a fraction of integers and σ, ‖g‖ doubles, each of which is the
 * exact binary rational m·2^e ({@link fractionOfDouble}: 0.1 is
 * 3602879701896397/2^55, not 1/10). The decimal is √ of that fraction
 * correctly rounded to {@link EXACT_DIGITS} digits by integer arithmetic, so a
 * tiny or huge sin α (σ = 5e-324, ‖g‖ = 1e-300, …) keeps all its digits and
 * its exponent; `float` is {@link sinAlpha} of eta.ts (a double: it is 0 or
 * Infinity only when the true value is beyond the range of doubles).
 * Lemma 1 needs sin α < 1; this function reports the value and `belowOne`, it
 * does not enforce the hypothesis.
 */
export function sinAlphaExact(n: number, f: number, d: number, sigma: number, gNorm: number, m = n - f - 2, reading: EtaReading = 'as-derived'): SinAlphaConstant {
  requireInteger('sin alpha', 'd', d, 1);
  requireThat(Number.isFinite(sigma) && sigma >= 0, 'sin alpha', 'a finite sigma >= 0', { sigma });
  requireThat(Number.isFinite(gNorm) && gNorm > 0, 'sin alpha', 'a finite ||g|| > 0', { gNorm });
  const s = fractionOfDouble(sigma), g = fractionOfDouble(gNorm);
  const sq = etaSquaredExact(n, f, m, reading).mul(fractionOf(BigInt(d))).mul(s).mul(s).div(g.mul(g));
  return { exact: `sqrt(${sq.toFraction()})`, decimal: sqrtDecimal(sq), float: sinAlpha(n, f, d, sigma, gNorm, m, reading), belowOne: sq.n < sq.d };
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
 * @example slowdownExact(4, 9).decimal // '0.6666666666666666666666666666666666666667' (2/3 to 40 digits)
 */
export function slowdownExact(m: number, n: number): ExactConstant {
  requireInteger('slowdown sqrt(m/n)', 'n', n, 1);
  requireInteger('slowdown sqrt(m/n)', 'm', m, 1, n);
  const q = fractionOf(m, n);
  return { exact: `sqrt(${q.toFraction()})`, decimal: sqrtDecimal(q), float: Math.sqrt(m / n) };
}

/**
 * p/q (integers, q > 0) correctly rounded (half away from zero) to `digits`
 * significant digits, as a decimal string in the format of
 * {@link decimalString}; integer arithmetic, so exact at any magnitude.
 */
export function rationalDecimal(p: bigint, q: bigint, digits = EXACT_DIGITS): string {
  requireThat(q > 0n, 'exact decimal', 'a positive denominator', { q: `${p}/${q}` });
  requireInteger('exact decimal', 'digits', digits, 1, 1000);
  if (p === 0n) return '0';
  const sign = p < 0n ? '-' : '';
  const a = p < 0n ? -p : p;
  // a/q >= 10^(len(a) − len(q) − 1); scale so that the integer part has at least digits + 1 digits
  const k = digits + 1 - (a.toString().length - q.toString().length - 1);
  const s = k >= 0 ? (a * 10n ** BigInt(k)) / q : a / (q * 10n ** BigInt(-k)); // ⌊a/q · 10^k⌋
  const text = s.toString();
  const drop = text.length - digits;
  let head = BigInt(text.slice(0, digits));
  if (text.slice(digits) >= '5' + '0'.repeat(drop - 1)) head += 1n; // dropped digits + a fraction in [0, 1)
  return (mathjsInstance().bignumber(`${sign}${head}e${drop - k}`) as BigNumber).toString();
}

/** `x` (a float) printed to `digits` significant digits from its exact binary value (m·2^e, not its shortest decimal form), in the format of {@link decimalString}. */
export function floatDecimalString(x: number, digits: number): string {
  const { numerator, denominator } = rationalOfDouble(x);
  return rationalDecimal(numerator, denominator, digits);
}

/**
 * A decimal string re-rounded to `digits` significant digits (exponent kept:
 * `5.58e-9`, never cut). Re-rounding a 40-digit decimal can differ from
 * rounding the exact value once in the last digit in rare ties; where the exact
 * value is at hand, use {@link sqrtDecimal} / {@link rationalDecimal} instead.
 */
export function roundDecimal(decimal: string, digits: number): string {
  return (mathjsInstance().bignumber(decimal) as BigNumber).toSignificantDigits(digits).toString();
}
