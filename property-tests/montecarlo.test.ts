/**
 * Tests of the Monte Carlo machinery and checks (issue 4): the intervals
 * against hand computations and known truths, the verdict rule, determinism
 * (same seed → same numbers), and — since a statistical check that cannot
 * fail is a defect — every Monte Carlo check of the registry turned to
 * `fails` by a deliberately wrong bound (`params.boundScale`).
 *
 * Run: npx tsc -p . && node --test dist/property-tests/montecarlo.test.js
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MONTECARLO_CHECKS as MONTECARLO_CHECKS_FOR_TESTS } from '../lib/claims/checks/montecarlo';
import {
  bonferroniLevel, checkResilience, clearExperimentCache, equalityVerdict, eta, fitExponent, makeGar,
  meanInterval, measureLeeway, ratioOfMeansInterval, runMonteCarloSuite, sampleAround, squaredBiasInterval, streamFor, upperBoundVerdict,
  tQuantile, zQuantile, type CheckContext, type Interval, type McSetting,
} from '../lib/index';

const iv = (lo: number, hi: number): Interval => ({ estimate: (lo + hi) / 2, lo, hi, level: 0.95, method: 'test' });

test('meanInterval is x̄ ± t·s/√T, t the Student quantile with T − 1 degrees of freedom', () => {
  const xs = [1, 2, 3, 4];
  const s = Math.sqrt(((1.5 ** 2 + 0.5 ** 2) * 2) / 3);
  const r = meanInterval(xs, 0.95);
  assert.equal(r.estimate, 2.5);
  assert.ok(Math.abs(zQuantile(0.95) - 1.959964) < 1e-5);
  assert.ok(Math.abs(zQuantile(0.99) - 2.575829) < 1e-5);
  assert.ok(Math.abs(r.hi - (2.5 + tQuantile(0.975, 3) * s / 2)) < 1e-12);
  // Published t quantiles: t(0.975, 3) = 3.182, t(0.975, 9) = 2.262, t(0.9995, 29) = 3.659.
  assert.ok(Math.abs(tQuantile(0.975, 3) - 3.182) < 0.01 && Math.abs(tQuantile(0.975, 9) - 2.262) < 1e-3 && Math.abs(tQuantile(0.9995, 29) - 3.659) < 1e-3);
  const bad = meanInterval([1, NaN, 3], 0.95);
  assert.ok(Number.isNaN(bad.estimate), 'a NaN sample is never averaged away');
});

test('the paired-product estimator of ‖E X − g‖² covers the truth (Gaussian vectors, known bias)', () => {
  // X ~ N(g + b, I_5), ‖b‖² = 0.25; 4000 trials, 99 % interval, fixed seed.
  const g = new Float64Array(5).fill(1);
  const mean = Float64Array.from([1.5, 1, 1, 1, 1]);
  const xs = Array.from({ length: 4000 }, (_, t) => sampleAround(mean, 1, 'gaussian', streamFor(3, 'bias', t)));
  const r = squaredBiasInterval(xs, g, 0.99);
  assert.ok(r.lo <= 0.25 && 0.25 <= r.hi, JSON.stringify(r));
  // The plug-in ‖X̄ − g‖² would be biased up by tr Cov / T = 5/4000; the estimator is centred without it.
});

test('the delta-method ratio has zero width when the samples are proportional', () => {
  fc.assert(
    fc.property(fc.array(fc.double({ min: 0.1, max: 10, noNaN: true }), { minLength: 3, maxLength: 30 }), fc.double({ min: 0.1, max: 10, noNaN: true }), (ys, k) => {
      const r = ratioOfMeansInterval(ys.map((y) => k * y), ys, 0.95);
      assert.ok(Math.abs(r.estimate - k) < 1e-9 * k && r.hi - r.lo < 1e-6 * k);
    }),
    { numRuns: 50, seed: 4 },
  );
});

test('fitExponent recovers the exponent of an exact power law, and its interval widens with the noise', () => {
  const ds = [10, 100, 1000, 10000];
  const exact = fitExponent(ds, ds.map((d) => 3 * d ** -0.5), [0, 0, 0, 0], [10, 10, 10, 10], 0.95);
  assert.ok(Math.abs(exact.estimate + 0.5) < 1e-12 && exact.hi - exact.lo < 1e-12);
  const noisy = fitExponent(ds, ds.map((d) => 3 * d ** -0.5), ds.map((d) => 3 * d ** -0.5), [25, 25, 25, 25], 0.95);
  assert.ok(noisy.lo < -0.5 && noisy.hi > -0.5 && noisy.hi - noisy.lo > 0.1);
});

test('the verdict rule: fails past the bound, holds within it, inconclusive when an interval straddles it; Bonferroni level', () => {
  assert.equal(upperBoundVerdict([iv(0.1, 0.5), iv(0.2, 0.9)]), 'holds');
  assert.equal(upperBoundVerdict([iv(0.1, 0.5), iv(1.01, 1.2)]), 'fails');
  assert.equal(upperBoundVerdict([iv(0.1, 0.5), iv(0.9, 1.1)]), 'inconclusive');
  assert.equal(upperBoundVerdict([{ ...iv(0, 1), estimate: NaN, lo: NaN, hi: NaN }]), 'fails');
  assert.equal(equalityVerdict([iv(0.9, 1.1)], 1), 'holds');
  assert.equal(equalityVerdict([iv(1.05, 1.1)], 1), 'fails');
  assert.equal(upperBoundVerdict([]), 'inconclusive', 'no rows is never a pass');
  assert.equal(equalityVerdict([], 1), 'inconclusive');
  assert.equal(bonferroniLevel(0.95, 10), 0.995);
});

const SMALL: McSetting = { n: 11, f: 2, m: 5, k: 5, d: 30, sinAlpha: 0.95, family: 'gaussian', gNorm: 1 };

test('same seed, same numbers; another seed, other numbers (checkResilience on a user-supplied rule)', () => {
  const run = (seed: number) => {
    clearExperimentCache();
    const r = checkResilience(makeGar('aggregathor'), { eta: (n, f, m) => eta(n, f, m, 'as-derived'), seed, trials: 40, settings: [SMALL], attacks: [{ label: 'alie', name: 'alie' }, { label: 'adaptive', name: 'adaptive', params: { objective: 'inner' } }] });
    return JSON.stringify(r);
  };
  assert.equal(run(5), run(5));
  assert.notEqual(run(5), run(6));
});

const CTX = (params: CheckContext['params'] = {}): CheckContext => ({
  mode: 'quick', seed: 11, trials: 60,
  params: { n: 11, f: 2, m: 5, k: 5, d: 30, sinAlpha: 0.95, family: 'gaussian', attack: 'adaptive', ...params },
});

test('registry checks are deterministic: a check run twice (cache cleared between) gives identical results', async () => {
  const check = MONTECARLO_CHECKS_FOR_TESTS.find((c) => c.claimId === 'L1.10' && c.name === 'monte-carlo-inequality')!;
  clearExperimentCache();
  const a = JSON.stringify(await check.run(CTX()));
  clearExperimentCache();
  const b = JSON.stringify(await check.run(CTX()));
  assert.equal(a, b);
});

// Each bound check, the real bound and a deliberately wrong one. The real bounds are loose (the measured
// tightness of L1 is a few per cent), so "η halved" (η² × 1/4) is not enough to break them: the wrong bounds
// below are chosen per check to lie below what is measured, and the test shows the verdict turns.
const WRONG: [claimId: string, name: string, scale: number, params?: CheckContext['params'], reading?: string][] = [
  ['L1', 'monte-carlo', 1e-3],
  ['L1', 'monte-carlo-cone', 0.01],
  ['L1.8', 'monte-carlo-inequality', 1e-3],
  ['L1.3', 'monte-carlo-pair', 1.5],
  ['L1.3', 'monte-carlo-neighbours', 0.3],
  ['L1.7', 'monte-carlo', 0.01, {}, 'k=m'], // the test setting has k = m; other readings have no row here
  ['L1.9', 'monte-carlo-cone', 0.01],
  ['D3', 'monte-carlo-cone', 0.01],
  ['D3', 'monte-carlo-moments', 1e-3],
  ['L1.10', 'monte-carlo-equality-m=1', 1.5, { m: 1 }],
  ['L1.10', 'monte-carlo-inequality', 0.05],
  ['L1.11', 'monte-carlo', 1e-3],
  ['L1.12', 'monte-carlo', 1e-3],
  ['F1', 'monte-carlo-budget', 3],
];

test('every bound check of the registry fails on a deliberately wrong bound (and its real bound is not failed)', async () => {
  for (const [id, name, scale, params, reading] of WRONG) {
    const checks = MONTECARLO_CHECKS_FOR_TESTS.filter((c) => c.claimId === id && c.name === name && (reading === undefined || c.reading === reading));
    assert.ok(checks.length > 0, `${id} ${name} is registered`);
    for (const check of checks) {
      const right = await check.run(CTX(params));
      const wrong = await check.run(CTX({ ...params, boundScale: scale }));
      assert.notEqual(right.verdict, 'fails', `${id} ${name} ${check.reading} with its real bound: ${right.summary}`);
      assert.equal(wrong.verdict, 'fails', `${id} ${name} ${check.reading} with the bound × ${scale}: ${wrong.summary}`);
      assert.match(wrong.summary, /^\[bound × /);
    }
  }
});

test('L1.2\'s premise check can go both ways: a bias under the adaptive attack, none under the non-finite attack (symmetric noise)', async () => {
  const check = MONTECARLO_CHECKS_FOR_TESTS.find((c) => c.claimId === 'L1.2' && c.reading === 'k=n-f-2')!;
  const smallest = { n: 7, f: 2, m: 2, k: 3, d: 10 }; // n = 2f + 3, where the bias is largest; k = n − f − 2 ≠ m
  assert.equal((await check.run({ ...CTX(smallest), trials: 200 })).verdict, 'fails');
  // Non-finite Byzantine vectors are never selected; with Gaussian noise the whole configuration is symmetric
  // under reflection about g, so E N̄(i*) = g exactly and the check must not report a bias.
  assert.equal((await check.run({ ...CTX({ ...smallest, attack: 'non-finite' }), trials: 200 })).verdict, 'holds');
});

test('the strong-resilience verdict fails for MULTI-KRUM under the leeway attack (the leeway checks can fail)', () => {
  const [series] = measureLeeway(makeGar('multi-krum'), { n: 11, f: 2, ds: [10, 100, 1000], trials: 24, seed: 1, attacks: [{ label: 'leeway', name: 'leeway', params: { direction: 'coordinate', coordinate: 0 } }] });
  assert.equal(series.verdict, 'fails', JSON.stringify(series.exponent));
  const [median] = measureLeeway(makeGar('median'), { n: 11, f: 2, ds: [10, 100, 1000], trials: 24, seed: 1, attacks: [{ label: 'leeway', name: 'leeway', params: { direction: 'coordinate', coordinate: 0 } }] });
  assert.equal(median.verdict, 'holds', JSON.stringify(median.exponent));
});

test('runMonteCarloSuite returns plain-JSON results and a trial count (one reduced run)', async () => {
  const { results, trials } = await runMonteCarloSuite('quick', 2, 8);
  assert.ok(trials > 0 && results.length === MONTECARLO_CHECKS_FOR_TESTS.length);
  const json = JSON.parse(JSON.stringify(results));
  assert.deepEqual(json, results, 'results survive a JSON round trip unchanged');
});
