/**
 * Exact properties of η (L1's statement, L1.8's derivation, the Krum paper),
 * evaluated with mathjs fractions over (n, f, m) with n >= 2f + 3,
 * 1 <= m <= n − f − 2, f up to 20 and n up to 83, boundaries included.
 *
 *     η² as printed = 2 (n − f + (f m + f²(m + 1)) / m)
 *     η² as derived = 2 (n − f + (f m + f²(m + 1)) / (n − 2f − 2))
 */
import type { Fraction } from 'mathjs' with { 'resolution-mode': 'import' };
import { lemmaParametersArb } from '../../arbitraries';
import { lemmaParametersRegion } from '../region';
import { etaSquaredExact, fractionOf } from '../../../constants/exact';
import { etaSquared } from '../../../constants/eta';
import type { DeterministicCheckSpec } from './propertyCheck';

type NFM = { n: number; f: number; m: number };
const RUNS = { quick: 400, full: 4000 };
const params = () => lemmaParametersArb();
/** The region of {@link params} (lemmaParametersArb's defaults). */
const PARAMS_REGION = `${lemmaParametersRegion()}, any d (η does not depend on d)`;
const show = (p: NFM) => `n=${p.n} f=${p.f} m=${p.m}`;
const eq = (a: Fraction, b: Fraction) => a.equals(b);

/** L1.8's chain, exactly: (n − f)·2 + f·(m/(n−2f−2) + f(m+1)/(n−2f−2))·2, the bound that multiplies dσ². */
export function l18Sum(n: number, f: number, m: number): Fraction {
  const den = n - 2 * f - 2;
  const perByzantine = fractionOf(m, den).add(fractionOf(f * (m + 1), den));
  return fractionOf(n - f).add(fractionOf(f).mul(perByzantine)).mul(fractionOf(2));
}

const L18_IDENTITY: DeterministicCheckSpec<NFM> = {
  claimId: 'L1.8', name: 'sum-equals-eta-derived', reading: 'as-derived', method: 'exact', expected: 'holds',
  statement: 'L1.8: (n − f)2 + f(m/(n−2f−2) + f(m+1)/(n−2f−2))2 = 2(n − f + (fm + f²(m+1))/(n−2f−2)) = η²(as derived), exactly; the float η² agrees to 1e-12',
  arbitrary: params,
  region: PARAMS_REGION,
  predicate: ({ n, f, m }) => {
    const exact = etaSquaredExact(n, f, m, 'as-derived');
    return eq(l18Sum(n, f, m), exact) && Math.abs(etaSquared(n, f, m, 'as-derived') - exact.valueOf()) <= 1e-12 * exact.valueOf();
  },
  describe: (p) => `${show(p)}: sum = ${l18Sum(p.n, p.f, p.m).toFraction()}, η² derived = ${etaSquaredExact(p.n, p.f, p.m, 'as-derived').toFraction()}`,
  numRuns: RUNS,
};

const L18_PRINTED: DeterministicCheckSpec<NFM> = {
  claimId: 'L1.8', name: 'sum-equals-eta-printed', reading: 'as-printed', method: 'exact', expected: 'fails',
  statement: 'L1.8 ends at “= η²(n, f)” of the statement: the derived bound equals η² as printed (denominator m)',
  arbitrary: params,
  region: PARAMS_REGION,
  predicate: ({ n, f, m }) => eq(l18Sum(n, f, m), etaSquaredExact(n, f, m, 'as-printed')),
  describe: (p) => `${show(p)}: derived bound ${l18Sum(p.n, p.f, p.m).toFraction()} ≠ η² as printed ${etaSquaredExact(p.n, p.f, p.m, 'as-printed').toFraction()}`,
  numRuns: RUNS,
  repair: {
    statement: 'The derived bound equals η² as printed iff f = 0 or m = n − 2f − 2',
    arbitrary: params,
    region: PARAMS_REGION,
    predicate: ({ n, f, m }) => eq(l18Sum(n, f, m), etaSquaredExact(n, f, m, 'as-printed')) === (f === 0 || m === n - 2 * f - 2),
    describe: show,
    numRuns: RUNS,
  },
};

const L1_KRUM: DeterministicCheckSpec<NFM> = {
  claimId: 'L1', name: 'eta-derived-equals-krum', reading: 'krum', method: 'exact', expected: 'holds',
  statement: 'η² as derived at m = m̃ = n − f − 2 equals the Krum paper’s η², exactly',
  arbitrary: () => lemmaParametersArb().map(({ n, f }) => ({ n, f, m: n - f - 2 })),
  region: PARAMS_REGION.replace('m ∈ [1, n − f − 2]', 'm = m̃ = n − f − 2'),
  predicate: ({ n, f, m }) => eq(etaSquaredExact(n, f, m, 'as-derived'), etaSquaredExact(n, f, m, 'krum')),
  describe: (p) => `${show(p)}: ${etaSquaredExact(p.n, p.f, p.m, 'as-derived').toFraction()} vs ${etaSquaredExact(p.n, p.f, p.m, 'krum').toFraction()}`,
  numRuns: RUNS,
};

const L1_PRINTED_COVERED: DeterministicCheckSpec<NFM> = {
  claimId: 'L1', name: 'printed-eta-covered-by-proof', reading: 'as-printed', method: 'exact', expected: 'fails',
  statement: 'Lemma 1’s statement is covered by its proof: η as printed >= η as derived (a smaller η would claim a narrower cone than the proof gives)',
  arbitrary: params,
  region: PARAMS_REGION,
  predicate: ({ n, f, m }) => etaSquaredExact(n, f, m, 'as-printed').compare(etaSquaredExact(n, f, m, 'as-derived')) >= 0,
  describe: (p) => `${show(p)}: η² as printed ${etaSquaredExact(p.n, p.f, p.m, 'as-printed').toFraction()} < η² as derived ${etaSquaredExact(p.n, p.f, p.m, 'as-derived').toFraction()}`,
  numRuns: RUNS,
  repair: {
    statement: 'η as printed >= η as derived iff f = 0 or m <= n − 2f − 2 (section 3’s range of m); at section 2’s m̃ = n − f − 2 the statement claims more than the proof whenever f >= 1',
    arbitrary: params,
    region: PARAMS_REGION,
    predicate: ({ n, f, m }) => (etaSquaredExact(n, f, m, 'as-printed').compare(etaSquaredExact(n, f, m, 'as-derived')) >= 0) === (f === 0 || m <= n - 2 * f - 2),
    describe: show,
    numRuns: RUNS,
  },
};

const L1_MONOTONE: DeterministicCheckSpec<NFM> = {
  claimId: 'L1', name: 'eta-monotone-in-m', reading: 'as-derived', method: 'exact', expected: 'holds',
  statement: 'In m (n, f fixed): η² as derived is non-decreasing and η² as printed (= 2(n + f²(m+1)/m)) non-increasing, exactly',
  arbitrary: () => lemmaParametersArb().filter(({ n, f, m }) => m < n - f - 2),
  region: PARAMS_REGION.replace('m ∈ [1, n − f − 2]', 'm ∈ [1, n − f − 3]'),
  predicate: ({ n, f, m }) =>
    etaSquaredExact(n, f, m + 1, 'as-derived').compare(etaSquaredExact(n, f, m, 'as-derived')) >= 0 &&
    etaSquaredExact(n, f, m + 1, 'as-printed').compare(etaSquaredExact(n, f, m, 'as-printed')) <= 0 &&
    eq(etaSquaredExact(n, f, m, 'as-printed'), fractionOf(2 * n).add(fractionOf(2 * f * f * (m + 1), m))),
  describe: show,
  numRuns: RUNS,
};

export const ETA_CHECKS: DeterministicCheckSpec[] = [L18_IDENTITY, L18_PRINTED, L1_KRUM, L1_PRINTED_COVERED, L1_MONOTONE];
