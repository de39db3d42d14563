/**
 * The constants on extreme floats, against exact rational arithmetic derived
 * independently here (bigint rationals; the binary value of a double read from
 * V8's exact `toString(2)`, not from its bits as lib/constants/exact.ts does;
 * η² by hand from the lemma's formulas):
 *
 * - a double σ or ‖g‖ is converted exactly (m·2^e), never approximated
 *   (mathjs's `fraction(0.123456789123)` is 10/81, `fraction(1e-8)` is 0);
 * - sin α's exact form is η² d σ² / ‖g‖² reduced, and its decimal is that
 *   square root correctly rounded to 40 digits, with its exponent, however
 *   tiny or huge (5e-324 / 1.7e308 gives ~1e-630: no underflow to 0);
 * - the float sin α is within a few ulps of the exact one (or 0 / Infinity
 *   only beyond the range of doubles);
 * - every number `constants` prints parses back to the exact value within the
 *   digits it shows (20 significant digits: relative 1e-19), so none is cut.
 *
 * Each checker is shown to fail on a broken variant (the old mathjs
 * conversion, the old 22-character cut). fast-check seeds are fixed: 20260101
 * (doubles), 4242 (sin α), 77 (η decimals).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { dyadicOfDouble, floatDecimalString, fractionOfDouble, rationalOfDouble, sinAlphaExact, etaExact, slowdownExact, sqrtRationalDecimal } from '../lib/constants/exact';
import { sinAlpha, type EtaReading, ETA_READINGS } from '../lib/constants/eta';
import { constantsCommand, parseConstantsOptions } from '../lib/cli/constantsCommand';

// ---------- an independent bigint rational toolkit ----------

interface Q {
  n: bigint;
  d: bigint; // > 0
}
const gcd = (a: bigint, b: bigint): bigint => {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
};
const q = (n: bigint, d: bigint = 1n): Q => {
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d) || 1n;
  return { n: n / g, d: d / g };
};
const mul = (a: Q, b: Q) => q(a.n * b.n, a.d * b.d);
const div = (a: Q, b: Q) => q(a.n * b.d, a.d * b.n);
const sub = (a: Q, b: Q) => q(a.n * b.d - b.n * a.d, a.d * b.d);
const add = (a: Q, b: Q) => q(a.n * b.d + b.n * a.d, a.d * b.d);
const cmp = (a: Q, b: Q) => {
  const x = a.n * b.d - b.n * a.d;
  return x < 0n ? -1 : x > 0n ? 1 : 0;
};
const abs = (a: Q): Q => ({ n: a.n < 0n ? -a.n : a.n, d: a.d });
const pow10 = (k: number): Q => (k >= 0 ? q(10n ** BigInt(k)) : q(1n, 10n ** BigInt(-k)));
const pow2 = (k: number): Q => (k >= 0 ? q(2n ** BigInt(k)) : q(1n, 2n ** BigInt(-k)));

/** A double's exact value from its binary expansion (V8's toString(2) of a double is exact: a double has a finite binary expansion). */
function fromDoubleByBinaryText(x: number): Q {
  const t = x.toString(2);
  const negative = t.startsWith('-');
  const [int, frac = ''] = (negative ? t.slice(1) : t).split('.');
  const v = q(BigInt(`0b${int}${frac}`), 2n ** BigInt(frac.length));
  return negative ? q(-v.n, v.d) : v;
}

/** A decimal text (`12.5`, `5.58e-9`, `1.7e+308`) as an exact rational, and its significant digits. */
function fromDecimalText(text: string): { value: Q; digits: number } {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/.exec(text);
  assert.ok(m, `a plain decimal number: "${text}"`);
  const [, sign, int, frac = '', exp = '0'] = m;
  const digitsText = `${int}${frac}`.replace(/^0+/, '').replace(/0+$/, '');
  const v = mul(q(BigInt(`${sign}${int}${frac}`)), pow10(Number(exp) - frac.length));
  return { value: v, digits: digitsText.length };
}

/** Whether the decimal text is √(p) correctly rounded to at most `digits` significant digits (half up: |text − √p| <= ½ unit of its last digit). */
function isRoundedSqrt(text: string, p: Q, digits: number): boolean {
  const { value, digits: shown } = fromDecimalText(text);
  if (shown > digits) return false;
  if (p.n === 0n) return value.n === 0n;
  // the last digit's unit: 10^(e − digits + 1) with e = ⌊log10 √p⌋ = ⌊⌊log10 p⌋ / 2⌋
  const e = Math.floor(exponent10(p) / 2);
  const half = mul(q(1n, 2n), pow10(e - digits + 1));
  // |v − √p| <= h  ⇔  (v − h)² <= p <= (v + h)²  (v − h >= 0 here)
  const lo = sub(value, half), hi = add(value, half);
  return cmp(mul(lo, lo), p) <= 0 && cmp(p, mul(hi, hi)) <= 0;
}

/** A rational with a terminating decimal expansion as plain decimal text (for the sharpness checks). */
function decimalText(v: Q): string {
  let k = 0;
  while ((v.n * 10n ** BigInt(k)) % v.d !== 0n) k++;
  const digits = ((v.n * 10n ** BigInt(k)) / v.d).toString().padStart(k + 1, '0');
  return k === 0 ? digits : `${digits.slice(0, -k)}.${digits.slice(-k)}`;
}

/** ⌊log10 v⌋ for a rational v > 0. */
function exponent10(v: Q): number {
  let e = v.n.toString().length - v.d.toString().length;
  while (cmp(v, pow10(e)) < 0) e--;
  while (cmp(v, pow10(e + 1)) >= 0) e++;
  return e;
}

/** |text − √p| <= rel · √p, via squares: for small rel, within rel iff (1 − rel)² p <= v² <= (1 + rel)² p. */
function withinRelativeOfSqrt(text: string, p: Q, rel: Q): boolean {
  const { value } = fromDecimalText(text);
  const v2 = mul(value, value);
  const one = q(1n);
  const lo = mul(mul(sub(one, rel), sub(one, rel)), p), hi = mul(mul(add(one, rel), add(one, rel)), p);
  return cmp(lo, v2) <= 0 && cmp(v2, hi) <= 0;
}

/** η² by hand from Lemma 1 (the three readings), as a bigint rational. */
function etaSquaredByHand(n: number, f: number, m: number, reading: EtaReading): Q {
  const N = BigInt(n), F = BigInt(f), M = BigInt(m);
  const twice = (x: Q) => mul(q(2n), x);
  if (reading === 'as-printed') return twice(add(q(N - F), q(F * M + F * F * (M + 1n), M)));
  if (reading === 'as-derived') return twice(add(q(N - F), q(F * M + F * F * (M + 1n), N - 2n * F - 2n)));
  return twice(add(q(N - F), q(F * (N - F - 2n) + F * F * (N - F - 1n), N - 2n * F - 2n)));
}

const sinSquaredByHand = (n: number, f: number, m: number, reading: EtaReading, d: number, sigma: number, g: number): Q => {
  const s = fromDoubleByBinaryText(sigma), gg = fromDoubleByBinaryText(g);
  return div(mul(mul(etaSquaredByHand(n, f, m, reading), q(BigInt(d))), mul(s, s)), mul(gg, gg));
};

const EXTREMES = [5e-324, 1e-323, 2.2250738585072014e-308, 2.225073858507201e-308, 1e-300, 1e-200, 1e-20, 1e-8, 0.1, 0.123456789123, 1 - 2 ** -53, 1, 1 + 2 ** -52, 3, 1e8, 1e20, 1e300, 1.7e308, Number.MAX_VALUE];

// ---------- the tests ----------

test('a double is converted exactly: m·2^e and the fraction equal its exact binary value (extremes, and fast-check 2000 doubles, seed 20260101)', () => {
  const check = (x: number) => {
    const expected = fromDoubleByBinaryText(x);
    const { mantissa, exponent } = dyadicOfDouble(x);
    assert.equal(cmp(mul(q(mantissa), pow2(exponent)), expected), 0, `m·2^e of ${x}`);
    assert.ok(mantissa === 0n || mantissa % 2n !== 0n, 'odd mantissa');
    assert.ok((mantissa < 0n ? -mantissa : mantissa) < 2n ** 53n);
    const r = rationalOfDouble(x);
    assert.equal(cmp(q(r.numerator, r.denominator), expected), 0, `p/q of ${x}`);
    const fr = fractionOfDouble(x);
    assert.equal(cmp(q(fr.s * fr.n, fr.d), expected), 0, `mathjs fraction of ${x}`);
  };
  for (const x of EXTREMES) {
    check(x);
    check(-x);
  }
  check(0);
  assert.deepEqual(dyadicOfDouble(5e-324), { mantissa: 1n, exponent: -1074 });
  assert.deepEqual(dyadicOfDouble(0.1), { mantissa: 3602879701896397n, exponent: -55 });
  assert.equal(fractionOfDouble(0.123456789123).d, 2n ** 56n);
  fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => { check(x); }), { numRuns: 2000, seed: 20260101 });
});

test('broken variant: mathjs fraction(number) approximates and the exact-conversion check catches it', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mathjs = require('mathjs') as { fraction(x: number): { s: bigint; n: bigint; d: bigint } };
  const caught = EXTREMES.filter((x) => {
    const fr = mathjs.fraction(x);
    return cmp(q(fr.s * fr.n, fr.d), fromDoubleByBinaryText(x)) !== 0;
  });
  assert.ok(caught.includes(0.123456789123) && caught.includes(1e-8) && caught.includes(0.1), `caught ${caught.join(', ')}`);
});

test('sqrtRationalDecimal is √(p/q) correctly rounded, with its exponent, at any magnitude', () => {
  const cases: [bigint, bigint][] = [[1n, 4n], [2n, 1n], [1n, 2n ** 2148n], [2n ** 2048n, 1n], [17n, 10n ** 700n], [10n ** 701n, 3n], [99999999999999999999n, 1n], [1n, 1n]];
  for (const [p, d] of cases)
    for (const digits of [1, 5, 20, 40]) {
      const text = sqrtRationalDecimal(p, d, digits);
      assert.ok(isRoundedSqrt(text, q(p, d), digits), `√(${p}/${d}) to ${digits}: ${text}`);
      // the checker is sharp: one unit more in the last digit is refused
      const { value } = fromDecimalText(text);
      const unit = pow10(Math.floor(exponent10(q(p, d)) / 2) - digits + 1);
      assert.ok(!isRoundedSqrt(decimalText(add(value, unit)), q(p, d), digits + 1), `√(${p}/${d}) + one unit`);
    }
  assert.equal(sqrtRationalDecimal(1n, 2n ** 2148n, 5), '4.9407e-324'); // √(2^−2148) = 2^−1074 = 4.94065645841…e-324
  assert.equal(sqrtRationalDecimal(1n, 16n, 1), '0.3'); // 0.25: a tie, rounded half up
});

test('floatDecimalString prints a double from its exact binary value, correctly rounded (extremes, and fast-check 1000 doubles, seed 20260101)', () => {
  const check = (x: number, digits: number) => {
    const text = floatDecimalString(x, digits);
    const exact = fromDoubleByBinaryText(x);
    const { value, digits: shown } = fromDecimalText(text);
    assert.ok(shown <= digits, `${x} to ${digits}: ${text}`);
    if (exact.n === 0n) return assert.equal(text, '0');
    const half = mul(q(1n, 2n), pow10(exponent10(abs(exact)) - digits + 1));
    assert.ok(cmp(abs(sub(value, exact)), half) <= 0, `${x} to ${digits}: ${text}`);
    const e = exponent10(abs(value));
    if (e < -7 || e >= 21) assert.match(text, /e[+-]\d+$/);
  };
  for (const x of EXTREMES) for (const digits of [1, 6, 12, 17, 25, 40]) check(x, digits);
  // 0.1 is 0.1000000000000000055511151231257827…: its exact value shows at 20 digits, its shortest form "0.1" would not
  assert.equal(floatDecimalString(0.1, 20), '0.10000000000000000555');
  fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: 1, max: 40 }), (x, digits) => { check(x, digits); }), { numRuns: 1000, seed: 20260101 });
});

test('sin α on extreme σ and ‖g‖: exact form, 40-digit decimal and float against independent bigint arithmetic', () => {
  const n = 11, f = 2, m = 7, d = 100;
  for (const sigma of [0, ...EXTREMES])
    for (const g of EXTREMES)
      for (const reading of ETA_READINGS) checkSinAlpha(n, f, m, d, sigma, g, reading);
});

test('sin α over random n, f, m, d, σ, ‖g‖ (fast-check, 300 runs, seed 4242)', () => {
  const params = fc
    .record({ n: fc.integer({ min: 3, max: 200 }), f: fc.nat(60), d: fc.integer({ min: 1, max: 1e12 }), sigma: fc.double({ min: 0, max: Number.MAX_VALUE, noNaN: true }), g: fc.double({ min: Number.MIN_VALUE, max: Number.MAX_VALUE, noNaN: true }), reading: fc.constantFrom(...ETA_READINGS), mPick: fc.nat() })
    .filter((p) => p.n >= 2 * p.f + 3);
  fc.assert(fc.property(params, (p) => {
    const m = 1 + (p.mPick % (p.n - p.f - 2));
    checkSinAlpha(p.n, p.f, m, p.d, p.sigma, p.g, p.reading);
  }), { numRuns: 300, seed: 4242 });
});

function checkSinAlpha(n: number, f: number, m: number, d: number, sigma: number, g: number, reading: EtaReading): void {
  const label = `n=${n} f=${f} m=${m} d=${d} σ=${sigma} g=${g} ${reading}`;
  const s = sinAlphaExact(n, f, d, sigma, g, m, reading);
  const sq = sinSquaredByHand(n, f, m, reading, d, sigma, g);
  assert.equal(s.exact, `sqrt(${sq.d === 1n ? `${sq.n}` : `${sq.n}/${sq.d}`})`, label);
  assert.ok(isRoundedSqrt(s.decimal, sq, 40), `${label}: decimal ${s.decimal}`);
  assert.equal(s.belowOne, sq.n < sq.d, label);
  // the text carries its magnitude: it parses back (as a rational) to within relative 1e-12 of the true value, tiny or huge
  if (sq.n !== 0n) {
    assert.ok(withinRelativeOfSqrt(s.decimal, sq, q(1n, 10n ** 12n)), `${label}: ${s.decimal}`);
    const e = exponent10(fromDecimalText(s.decimal).value);
    if (e < -7 || e >= 21) assert.match(s.decimal, /e[+-]\d+$/, `${label}: exponent form`);
  }
  // the float: within 4 ulps where the true value is a normal double; within one subnormal step below; 0 / Infinity only out of range
  const exact = fromDecimalText(s.decimal).value; // within 1e-40 relative of the true value
  const float = s.float;
  assert.equal(float, sinAlpha(n, f, d, sigma, g, m, reading));
  if (cmp(exact, fromDoubleByBinaryText(Number.MAX_VALUE)) > 0) assert.ok(float === Infinity || float === Number.MAX_VALUE, `${label}: ${float}`);
  else {
    assert.ok(Number.isFinite(float), `${label}: finite float`);
    const tol = add(mul(exact, q(4n, 2n ** 52n)), pow2(-1074));
    assert.ok(cmp(abs(sub(fromDoubleByBinaryText(float), exact)), tol) <= 0, `${label}: float ${float} vs ${s.decimal}`);
  }
}

test('η and the slowdowns: 40-digit decimals correctly rounded (fast-check, 300 runs, seed 77)', () => {
  const params = fc.record({ n: fc.integer({ min: 3, max: 1e9 }), f: fc.nat(1e8), mPick: fc.nat(), reading: fc.constantFrom(...ETA_READINGS) }).filter((p) => p.n >= 2 * p.f + 3);
  fc.assert(fc.property(params, ({ n, f, mPick, reading }) => {
    const m = 1 + (mPick % (n - f - 2));
    const e = etaExact(n, f, m, reading);
    assert.ok(isRoundedSqrt(e.decimal, etaSquaredByHand(n, f, m, reading), 40), `η(${n}, ${f}, ${m}) ${reading}: ${e.decimal}`);
    const s = slowdownExact(m, n);
    assert.ok(isRoundedSqrt(s.decimal, q(BigInt(m), BigInt(n)), 40), `√(${m}/${n}): ${s.decimal}`);
  }), { numRuns: 300, seed: 77 });
});

/** Runs `constants` in-process (parsing the option text as the CLI does) and returns what it prints. */
function constantsOutput(args: string[]): string {
  let out = '';
  constantsCommand(parseConstantsOptions(args), (s) => {
    out += s;
  });
  return out;
}

/** Every number token of a text line: decimal digits with optional fraction and exponent (the n = … header and fractions included). */
const NUMBER = /(?<![\w.])\d+(?:\.\d+)?(?:e[+-]\d+)?(?![\w.])/g;

/** The checks on `constants` text: no "…", and the η / sin α / slowdown columns parse back to the exact values within their 20 digits. */
function checkPrinted(args: string[], n: number, f: number, m: number, scale?: { d: number; sigma: number; g: number }): void {
  const text = constantsOutput(args);
  assert.doesNotMatch(text, /…/, 'no number is cut');
  for (const token of text.match(NUMBER) ?? []) assert.ok(Number.isFinite(Number(token)) || /e\+\d+$/.test(token), `token ${token}`);
  const rel = q(1n, 10n ** 19n); // 20 significant digits shown
  for (const reading of ETA_READINGS) {
    const line = text.split('\n').find((l) => l.startsWith(`${reading} `));
    assert.ok(line, reading);
    const cells = line.trim().split(/\s{2,}/);
    assert.ok(isRoundedSqrt(cells[2], etaSquaredByHand(n, f, m, reading), 20), `η ${reading}: ${cells[2]}`);
    if (scale) {
      const sq = sinSquaredByHand(n, f, m, reading, scale.d, scale.sigma, scale.g);
      if (sq.n === 0n) assert.equal(cells[3], '0');
      else assert.ok(withinRelativeOfSqrt(cells[3], sq, rel) && isRoundedSqrt(cells[3], sq, 20), `sin α ${reading}: ${cells[3]} (${args.join(' ')})`);
      assert.equal(cells[4], sq.n < sq.d ? 'yes' : 'no');
    }
  }
  const slow = /slowdown √\(m̃\/n\) = sqrt\((\d+)(?:\/(\d+))?\) = (\S+) \(T1/.exec(text);
  assert.ok(slow && withinRelativeOfSqrt(slow[3], q(BigInt(slow[1]), BigInt(slow[2] ?? '1')), rel), `slowdown ${slow?.[3]}`);
  assert.ok(isRoundedSqrt(slow[3], q(BigInt(n - f - 2), BigInt(n)), 20));
  const a1 = /√\(m\/n\) = sqrt\([^)]*\) = (\S+)$/m.exec(text);
  assert.ok(a1 && isRoundedSqrt(a1[1], q(BigInt(m), BigInt(n)), 20), `A1 ${a1?.[1]}`);
}

test('every number `constants` prints parses back to its exact value within the digits shown (sin α = 5.58…e-9 keeps its exponent)', () => {
  checkPrinted(['--n', '11', '--f', '2'], 11, 2, 7);
  checkPrinted(['--n', '1000000000', '--f', '3', '--m', '5'], 1e9, 3, 5);
  // the issue's case: sin α ≈ 5.58e-9 (as printed, d = 1, σ = 1e-10, ‖g‖ = 0.1), printed as 5.58…e-9, not 5.58…
  const text = constantsOutput(['--n', '11', '--f', '2', '--d', '1', '--sigma', '1e-10', '--g', '0.1']);
  assert.match(text, /as-printed\s+218\/7\s+5\.5805785670356028827\s+5\.58057856703560\d*e-9\s+yes/); // σ, ‖g‖ are binary: not exactly 1e-9
  for (const sigma of ['0', ...EXTREMES.map(String)])
    for (const g of ['5e-324', '1e-300', '1e-8', '0.123456789123', '1', '1.7e308'])
      checkPrinted(['--n', '11', '--f', '2', '--d', '100', '--sigma', sigma, '--g', g], 11, 2, 7, { d: 100, sigma: Number(sigma), g: Number(g) });
});

test('broken variant: the old 22-character cut of a decimal fails the parse-back check', () => {
  const decimal = sinAlphaExact(11, 2, 1, 1e-10, 0.1, 7, 'as-printed').decimal;
  assert.match(decimal, /e-9$/);
  const cut = decimal.length > 22 ? decimal.slice(0, 22) : decimal; // what `constants` used to print (plus "…")
  assert.ok(!withinRelativeOfSqrt(cut, sinSquaredByHand(11, 2, 7, 'as-printed', 1, 1e-10, 0.1), q(1n, 10n ** 12n)), `the cut "${cut}" is caught`);
  // and a float sin α computed in the plain order (η √d σ) / ‖g‖ loses its digits in the subnormal numerator (σ = 1.5e-323):
  // the float check of checkSinAlpha would catch it (relative error ~3e-3 against a tolerance of 4 ulps), the library's passes
  const [sigma, g] = [1.5e-323, 1e-300];
  const plain = (Math.sqrt(218 / 7) * 1 * sigma) / g;
  const trueValue = fromDecimalText(sinAlphaExact(11, 2, 1, sigma, g, 7, 'as-printed').decimal).value;
  const tolerance = mul(trueValue, q(4n, 2n ** 52n));
  assert.ok(cmp(abs(sub(fromDoubleByBinaryText(plain), trueValue)), tolerance) > 0, `plain ${plain} is caught`);
  assert.ok(cmp(abs(sub(fromDoubleByBinaryText(sinAlpha(11, 2, 1, sigma, g, 7, 'as-printed')), trueValue)), tolerance) <= 0);
});
