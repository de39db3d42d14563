/**
 * Tests of the Byzantine attacks (issue 4). Each attack is checked against
 * its published definition on small random settings (fast-check, fixed seed
 * and run count), the √d leeway attack against the rule's own selection, and
 * the omniscient adaptive attacker against every fixed attack.
 *
 * Run: npx tsc -p . && node --test dist/property-tests/attacks.test.js
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  ATTACK_NAMES, AdmissibilityError, alieZ, makeAttack, makeGar, multiKrum, meanOf, coordinateStd, dot, isFiniteVector,
  lineSearchMagnitude, orthogonalToSpread, sampleAround, streamFor, type AttackContext, type Gar,
} from '../lib/index';
import { ss } from '../lib/montecarlo/simpleStatistics';

const RUNS = 40;
const SEED = 20240504;

/** A setting where MULTI-KRUM is admissible: f >= 1, n >= 2f + 3, a small dimension. */
const admissibleSetting = fc
  .record({ f: fc.integer({ min: 1, max: 3 }), extra: fc.integer({ min: 0, max: 4 }), d: fc.integer({ min: 1, max: 12 }), seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }) })
  .map(({ f, extra, d, seed }) => ({ n: 2 * f + 3 + extra, f, d, seed }));

/** The attack context of a setting: n − f Gaussian correct vectors around g = (1, …, 1), σ = 0.5, attacked rule MULTI-KRUM. */
function contextOf({ n, f, d, seed }: { n: number; f: number; d: number; seed: number }, gar: Gar = makeGar('multi-krum')): AttackContext {
  const g = new Float64Array(d).fill(1);
  const correct = Array.from({ length: n - f }, (_, j) => sampleAround(g, 0.5, 'gaussian', streamFor(seed, 'worker', j)));
  return { correct, n, f, gar, stream: streamFor(seed, 'attack'), trueGradient: g };
}

const close = (a: number, b: number, tol = 1e-12) => Math.abs(a - b) <= tol * (1 + Math.abs(a) + Math.abs(b));

test('every attack returns f vectors of dimension d, and the same stream gives the same vectors', () => {
  fc.assert(
    fc.property(admissibleSetting, fc.constantFrom(...ATTACK_NAMES), (setting, name) => {
      const a = makeAttack(name).run(contextOf(setting));
      const b = makeAttack(name).run(contextOf(setting));
      assert.equal(a.length, setting.f);
      for (const v of a) assert.equal(v.length, setting.d);
      assert.deepEqual(a.map((v) => Array.from(v)), b.map((v) => Array.from(v)));
    }),
    { numRuns: RUNS, seed: SEED },
  );
});

test('sign flip is the reversed, scaled correct mean; IPM is −ε times it', () => {
  fc.assert(
    fc.property(admissibleSetting, fc.double({ min: 0.01, max: 100, noNaN: true }), (setting, k) => {
      const ctx = contextOf(setting);
      const mu = meanOf(ctx.correct);
      for (const [name, params] of [['sign-flip', { scale: k }], ['ipm', { epsilon: k }]] as const) {
        for (const b of makeAttack(name, params).run(ctx)) for (let c = 0; c < mu.length; c++) assert.ok(close(b[c], -k * mu[c]));
      }
    }),
    { numRuns: RUNS, seed: SEED },
  );
});

test('ALIE moves each coordinate by −z_max(n, f) standard deviations, z_max = Φ⁻¹((n − s)/n), s = ⌊n/2 + 1⌋ − f', () => {
  // Φ(z_max) must give back (n − s)/n: checked with simple-statistics' own normal CDF table (4 decimals).
  for (const [n, f] of [[7, 1], [11, 2], [50, 24], [25, 5]]) {
    const s = Math.floor(n / 2 + 1) - f;
    assert.ok(Math.abs(ss.cumulativeStdNormalProbability(alieZ(n, f)) - (n - s) / n) < 2e-3, `n = ${n}, f = ${f}`);
  }
  fc.assert(
    fc.property(admissibleSetting, (setting) => {
      const ctx = contextOf(setting);
      const mu = meanOf(ctx.correct), sd = coordinateStd(ctx.correct, mu), z = alieZ(setting.n, setting.f);
      for (const b of makeAttack('alie').run(ctx)) for (let c = 0; c < mu.length; c++) assert.ok(close(b[c], mu[c] - z * sd[c]));
    }),
    { numRuns: RUNS, seed: SEED },
  );
});

test('mimic copies one correct vector; non-finite sends NaN and ±Infinity; gaussian has the stated spread', () => {
  fc.assert(
    fc.property(admissibleSetting, (setting) => {
      const ctx = contextOf(setting);
      for (const b of makeAttack('mimic', { target: 1 }).run(ctx)) assert.deepEqual(Array.from(b), Array.from(ctx.correct[1]));
      const nf = makeAttack('non-finite').run(ctx);
      for (const b of nf) assert.ok(b.every((x) => !Number.isFinite(x)));
      if (setting.f >= 3) assert.deepEqual(nf.slice(0, 3).map((b) => b[0]), [NaN, Infinity, -Infinity]);
    }),
    { numRuns: RUNS, seed: SEED },
  );
  const draws = makeAttack('gaussian', { std: 3 }).run(contextOf({ n: 9, f: 3, d: 2000, seed: 1 })).flatMap((b) => Array.from(b));
  // 6000 draws of N(0, 9): the sample sd is within 5 % of 3 with overwhelming probability (its sd is ≈ 3/√12000 ≈ 0.027).
  assert.ok(Math.abs(ss.sampleStandardDeviation(draws) - 3) < 0.15);
});

test('the line search finds the selection boundary of a saw-tooth objective', () => {
  fc.assert(
    fc.property(fc.double({ min: 0.1, max: 1000, noNaN: true }), (boundary) => {
      const r = lineSearchMagnitude((t) => (t <= boundary ? t : 0), { scale: 1 });
      assert.ok(r.t <= boundary && r.t >= boundary * (1 - 2 ** -9), `boundary ${boundary}, found ${r.t}`);
    }),
    { numRuns: RUNS, seed: SEED },
  );
});

// In few dimensions the push that maximises the output shift can come from re-ordering correct vectors
// (e.g. n = 5, f = 1, d = 2 shrinks to such a case); figure 1's regime is d large against the spread, which is what this property states.
const highDimensional = admissibleSetting.chain((s) => fc.integer({ min: 20, max: 60 }).map((d) => ({ ...s, d })));

test('in high dimension the leeway attack stays selected by MULTI-KRUM at its budget and is dropped at twice the budget', () => {
  fc.assert(
    fc.property(highDimensional, (setting) => {
      const ctx = contextOf(setting);
      const idx = Array.from({ length: setting.f }, (_, k) => setting.n - setting.f + k);
      const mu = meanOf(ctx.correct);
      // Leeway exists only if Byzantine vectors at the correct mean are selected at all (with few neighbours they may not be).
      const atMean = multiKrum([...ctx.correct, ...Array.from({ length: setting.f }, () => Float64Array.from(mu))], { f: setting.f }).diagnostics.selected;
      fc.pre(idx.some((i) => atMean.includes(i)));
      const byz = makeAttack('leeway', { direction: 'coordinate', coordinate: 0 }).run(ctx);
      const sel = multiKrum([...ctx.correct, ...byz], { f: setting.f }).diagnostics.selected;
      const t = byz[0][0] - mu[0];
      assert.ok(t > 0, 'the budget is positive');
      assert.ok(idx.some((i) => sel.includes(i)), 'a Byzantine vector is selected at the budget');
      const far = byz.map((b) => { const v = Float64Array.from(b); v[0] = mu[0] + 2 * t; return v; });
      const sel2 = multiKrum([...ctx.correct, ...far], { f: setting.f }).diagnostics.selected;
      assert.ok(!idx.some((i) => sel2.includes(i)), 'no Byzantine vector is selected at twice the budget');
    }),
    { numRuns: RUNS, seed: SEED },
  );
});

test('the orthogonal leeway direction is orthogonal to the correct spread when d > n − f − 1', () => {
  fc.assert(
    fc.property(admissibleSetting, fc.integer({ min: 1, max: 20 }), (setting, extraD) => {
      const ctx = contextOf({ ...setting, d: setting.n - setting.f + extraD });
      const mu = meanOf(ctx.correct);
      const u = orthogonalToSpread(ctx.correct, mu, streamFor(setting.seed, 'direction'));
      assert.ok(close(dot(u, u), 1, 1e-9));
      for (const v of ctx.correct) assert.ok(Math.abs(dot(u, v.map((x, c) => x - mu[c]))) < 1e-8);
    }),
    { numRuns: RUNS, seed: SEED },
  );
});

test('the adaptive attacker beats every fixed attack on MULTI-KRUM (n = 11, f = 2, d = 50): larger mean ‖GAR − g‖', () => {
  // 30 trials per attack, same correct vectors for every attack in a trial.
  const gar = makeGar('multi-krum');
  const g = new Float64Array(50).fill(1 / Math.sqrt(50));
  const sigma = 0.05;
  const meanError = (name: string, params: Record<string, string | number> = {}) => {
    let total = 0;
    for (let t = 0; t < 30; t++) {
      const correct = Array.from({ length: 9 }, (_, j) => sampleAround(g, sigma, 'gaussian', streamFor(7, 'adaptive-test', t, j)));
      const byz = makeAttack(name, params).run({ correct, n: 11, f: 2, gar, stream: streamFor(7, 'adaptive-test', t, 'attack'), trueGradient: g });
      const out = gar.aggregate([...correct, ...byz], 2);
      assert.ok(isFiniteVector(out));
      total += Math.sqrt(out.reduce((s, x, c) => s + (x - g[c]) ** 2, 0));
    }
    return total / 30;
  };
  const adaptive = meanError('adaptive', { objective: 'distance' });
  const fixed = ATTACK_NAMES.filter((a) => a !== 'adaptive').map((a) => [a, meanError(a)] as const);
  for (const [name, err] of fixed) assert.ok(adaptive > err, `adaptive ${adaptive} vs ${name} ${err}`);
});

test('makeAttack rejects unknown names and bad parameters with an AdmissibilityError', () => {
  assert.throws(() => makeAttack('no-such-attack'), AdmissibilityError);
  assert.throws(() => makeAttack('sign-flip', { scale: 'lots' }), AdmissibilityError);
  assert.throws(() => makeAttack('non-finite', { kind: 'zero' }), AdmissibilityError);
  assert.throws(() => makeAttack('leeway', { direction: 'sideways' }), AdmissibilityError);
  assert.throws(() => makeAttack('adaptive', { objective: 'chaos' }), AdmissibilityError);
  assert.throws(() => makeAttack('mimic', { target: 99 }).run(contextOf({ n: 7, f: 2, d: 3, seed: 1 })), AdmissibilityError);
});
