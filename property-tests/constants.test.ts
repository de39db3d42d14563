/**
 * The exact constants (lib/constants/exact.ts, table.ts) against hand-derived
 * values and against the floating-point ones, and the admissibility sets and
 * implications (lib/constants/admissible.ts) against exhaustive enumeration
 * and fast-check properties — each with a deliberately broken variant that
 * must fail.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { etaSquaredExact, etaExact, sinAlphaExact, slowdownExact, mTildeSection2, mTildeSection3, floatDecimalString, roundDecimal, fractionOf } from '../lib/constants/exact';
import { etaSquared, ETA_READINGS } from '../lib/constants/eta';
import { constantsTable, constantsTableCells } from '../lib/constants/table';
import { IMPLICATIONS, SECTION_2, SECTION_3, LEMMA_1, BULYAN_RULE, MULTI_KRUM_RULE, smallestViolation, implicationHoldsAt } from '../lib/constants/admissible';
import { anyParametersArb, lemmaParametersArb } from '../lib/claims/arbitraries';
import { AdmissibilityError } from '../lib/errors';

test('η² by hand: (5, 1, m = 2) and (7, 1, m = 4) under each reading', () => {
  // as printed: 2(n − f + (fm + f²(m + 1))/m);  (5, 1, 2): 2(4 + (2 + 3)/2) = 13
  assert.equal(etaSquaredExact(5, 1, 2, 'as-printed').toFraction(), '13');
  // as derived: denominator n − 2f − 2 = 1: 2(4 + 5/1) = 18
  assert.equal(etaSquaredExact(5, 1, 2, 'as-derived').toFraction(), '18');
  // Krum: 2(4 + (1·2 + 1·3)/1) = 18
  assert.equal(etaSquaredExact(5, 1, 2, 'krum').toFraction(), '18');
  // (7, 1, 4): printed 2(6 + 9/4) = 33/2, derived 2(6 + 9/3) = 18
  assert.equal(etaSquaredExact(7, 1, 4, 'as-printed').toFraction(), '33/2');
  assert.equal(etaSquaredExact(7, 1, 4, 'as-derived').toFraction(), '18');
  // (8, 1, 5): printed 2(7 + (5 + 6)/5) = 92/5; derived 2(7 + 11/4) = 39/2
  assert.equal(etaSquaredExact(8, 1, 5, 'as-printed').toFraction(), '92/5');
  assert.equal(etaSquaredExact(8, 1, 5, 'as-derived').toFraction(), '39/2');
  // f = 0: all readings give 2n
  for (const r of ETA_READINGS) assert.equal(etaSquaredExact(9, 0, 7, r).toFraction(), '18');
});

test('η, sin α and the slowdown factors: exact decimals by hand', () => {
  // η²(7, 1, 4) derived = 18 → η = 3√2 = 4.24264068711928514640506617262909423570940…, to 40 digits (whole string: nothing cut)
  assert.equal(etaExact(7, 1, 4, 'as-derived').decimal, '4.242640687119285146405066172629094235709');
  // sin²α = η² d σ²/‖g‖² = 18·10·(1/4)/256 = 45/256 (σ = 0.5 and ‖g‖ = 16 are exact doubles)
  assert.equal(sinAlphaExact(7, 1, 10, 0.5, 16, 4, 'as-derived').exact, 'sqrt(45/256)');
  // σ = 0.1 is the double 3602879701896397 / 2^55, taken exactly (not 1/10): sin²α = 18·10·M²/(2^110·400), reduced
  const M = 3602879701896397n, num = 180n * M * M, den = 400n * 2n ** 110n;
  const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));
  assert.equal(sinAlphaExact(7, 1, 10, 0.1, 20, 4, 'as-derived').exact, `sqrt(${num / gcd(num, den)}/${den / gcd(num, den)})`);
  // √(4/9) = 2/3
  assert.equal(slowdownExact(4, 9).decimal, '0.6666666666666666666666666666666666666667');
  assert.equal(slowdownExact(4, 9).exact, 'sqrt(4/9)');
  assert.equal(mTildeSection2(9, 2), 5);
  assert.equal(mTildeSection3(9, 2), 3);
});

test('the exact η table agrees with the floating-point one to the last printed digit', () => {
  // 12 digits is what the table prints; at 15 a double's last-ulp rounding can flip the last digit
  // (η(15, 5) as printed: 9.28708781050336 from the float, …335 exact), checked below to one unit instead.
  for (const digits of [6, 12]) {
    const table = constantsTable({ nMax: 60, fMax: 14, digits });
    let compared = 0;
    for (const row of table.rows) {
      for (const e of row.eta) {
        assert.equal(e.printed.float, e.printed.exact, `η(${row.n}, ${row.f}) [${e.reading}] at ${digits} digits`);
        assert.equal(floatDecimalString(Math.sqrt(etaSquared(row.n, row.f, row.mTilde2, e.reading)), digits), roundDecimal(e.eta.decimal, digits));
        compared++;
      }
      for (const s of [row.slowdown2, row.slowdown3]) if (s) assert.equal(floatDecimalString(s.float, digits), roundDecimal(s.decimal, digits));
    }
    assert.ok(compared > 500, `compared ${compared} values`);
  }
  for (const row of constantsTable({ nMax: 60, fMax: 14, digits: 15 }).rows)
    for (const e of row.eta) assert.ok(Math.abs(e.eta.float - Number(e.eta.decimal)) <= 1e-15 * e.eta.float, `η(${row.n}, ${row.f}) [${e.reading}] to 15 digits ± 1`);
});

test('the table marks n = 2f + 2 (section 2 admits it, Lemma 1 does not) and agrees with the Krum identity', () => {
  const table = constantsTable({ nMax: 30, fMax: 6 });
  for (const row of table.rows) {
    assert.equal(row.lemma1, row.n !== 2 * row.f + 2);
    assert.equal(row.eta.length, row.lemma1 ? 3 : 0);
    if (!row.lemma1) assert.match(row.note, /n = 2f \+ 2/);
    const [printed, derived, krum] = row.eta;
    if (row.lemma1) {
      assert.equal(derived.etaSquared, krum.etaSquared, `η² derived = Krum at m = m̃ (${row.n}, ${row.f})`);
      // at m̃ = n − f − 2 >= n − 2f − 2 the printed η is the smaller one, strictly when f >= 1
      assert.equal(row.f === 0 ? printed.eta.float === derived.eta.float : printed.eta.float < derived.eta.float, true);
    }
  }
  const cells = constantsTableCells(table);
  assert.equal(cells.length, table.rows.length);
  assert.ok(cells.every((r) => r.length === table.columns.length));
  assert.deepEqual(JSON.parse(JSON.stringify(table)), table, 'plain data');
});

test('inadmissible parameters are one-line AdmissibilityErrors, never NaN', () => {
  assert.throws(() => etaSquaredExact(6, 2), (e: unknown) => e instanceof AdmissibilityError && /needs n >= 2f \+ 3; got n = 6, f = 2/.test(e.message));
  assert.throws(() => etaSquaredExact(9, 1, 7), AdmissibilityError); // m > n − f − 2
  assert.throws(() => slowdownExact(0, 5), AdmissibilityError);
  assert.throws(() => sinAlphaExact(7, 1, 10, 0.1, 0), AdmissibilityError);
  assert.throws(() => constantsTable({ nMax: 2 }), AdmissibilityError);
});

test('exact η² agrees with the float η² over the whole Lemma 1 range (fast-check, 300 runs, seed 11)', () => {
  fc.assert(fc.property(lemmaParametersArb(), fc.constantFrom(...ETA_READINGS), ({ n, f, m }, r) => {
    const exact = etaSquaredExact(n, f, m, r).valueOf();
    return Math.abs(exact - etaSquared(n, f, m, r)) <= 4 * Number.EPSILON * exact;
  }), { numRuns: 300, seed: 11 });
});

test('admissibility implications: exhaustive enumeration agrees with the expected verdicts', () => {
  for (const imp of IMPLICATIONS) {
    const v = smallestViolation(imp, 40);
    assert.equal(v === null, imp.expected === 'holds', `${imp.id}: ${JSON.stringify(v)}`);
  }
  // the boundary found by hand: n = 4, f = 1 satisfies f <= (n − 2)/2 = 1 and m <= n − f − 2 = 1, but not 2f + 2 < n
  assert.deepEqual(smallestViolation(IMPLICATIONS.find((i) => i.id === 'section-2 => lemma-1')!, 40), { n: 4, f: 1, m: 1 });
  assert.equal(SECTION_2.holds(4, 1, 1), true);
  assert.equal(LEMMA_1.holds(4, 1, 1), false);
});

test('section 3 implies section 2, Lemma 1 and BULYAN’s n >= 4f + 3 (fast-check, 1000 runs, seed 5)', () => {
  fc.assert(fc.property(anyParametersArb(), ({ n, f, m }) =>
    !SECTION_3.holds(n, f, m) || (SECTION_2.holds(n, f, m) && LEMMA_1.holds(n, f, m) && BULYAN_RULE.holds(n, f) && MULTI_KRUM_RULE.holds(n, f, m))), { numRuns: 1000, seed: 5 });
  for (const imp of IMPLICATIONS.filter((i) => i.expected === 'holds'))
    fc.assert(fc.property(anyParametersArb(), ({ n, f, m }) => implicationHoldsAt(imp, n, f, m)), { numRuns: 500, seed: 5 });
});

test('broken variants: the reverse implication, and an off-by-one Lemma 1 bound, are caught', () => {
  // section 2 ⇒ section 3 is false (n = 5, f = 1)
  const reverse = fc.check(fc.property(anyParametersArb(), ({ n, f, m }) => !SECTION_2.holds(n, f, m) || SECTION_3.holds(n, f, m)), { numRuns: 500, seed: 5 });
  assert.equal(reverse.failed, true);
  // "2f + 2 <= n" in place of "2f + 2 < n" would make the lemma's range equal section 2's: the difference is detected
  const offByOne = fc.check(fc.property(anyParametersArb(), ({ n, f, m }) => (n > 2 && 2 * f + 2 <= n && m >= 1 && m <= n - f - 2) === LEMMA_1.holds(n, f, m)), { numRuns: 500, seed: 5 });
  assert.equal(offByOne.failed, true);
  // an η² with a wrong denominator (m + 1) disagrees with the exact one
  const wrongEta = fc.check(fc.property(lemmaParametersArb(), ({ n, f, m }) =>
    fractionOf(2 * (n - f)).add(fractionOf(2 * (f * m + f * f * (m + 1)), m + 1)).equals(etaSquaredExact(n, f, m, 'as-printed'))), { numRuns: 300, seed: 5 });
  assert.equal(wrongEta.failed, true);
});
