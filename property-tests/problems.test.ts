/**
 * The problems of the SGD simulator (issue 5), and above all the Lemma 2
 * assumptions (i)–(v) of the rippled bowl, tested numerically so that a
 * reader can trust that the L2 experiments are inside the lemma:
 *
 * (i)   Q ≥ 0, its gradient is the finite-difference gradient, and Q is non-convex
 *       with a spurious stationary point (so the experiment is not a convex one);
 * (ii)  the decreasing schedules satisfy Σγ = ∞, Σγ² < ∞ (½ < p ≤ 1);
 * (iii) the oracle is unbiased and E‖G‖^r ≤ A_r + B_r ‖x‖^r for r = 2, 3, 4 (Monte Carlo);
 * (iv)  η(n, f) √d σ(x) ≤ ‖∇Q(x)‖ sin α, with σ(x) estimated from samples, for
 *       the larger of the printed and the derived η (so under both readings);
 * (v)   beyond ‖x‖² ≥ D: ‖∇Q(x)‖ ≥ ε and cos∠(x, ∇Q(x)) ≥ cos β, β < π/2 − α.
 *
 * Run: npx tsc -p . && node --test dist/property-tests/problems.test.js
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { rippledBowl } from '../lib/problems/rippledBowl';
import { quadratic } from '../lib/problems/quadratic';
import { loadMnist, mnistLogistic, MNIST_LOGREG_DIMENSION } from '../lib/problems/mnist';
import { etaSquared } from '../lib/constants/eta';
import { streamFor } from '../lib/random/stream';
import { satisfiesLemma2Schedule, stepSize } from '../lib/sgd/schedule';
import { AdmissibilityError } from '../lib/errors';

const SEED = 5005;
const RUNS = 200;
const SETTINGS = [{ d: 10, n: 11, f: 2 }, { d: 3, n: 7, f: 1 }, { d: 25, n: 19, f: 4 }];

const norm = (v: Float64Array) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
const dotp = (a: Float64Array, b: Float64Array) => a.reduce((s, x, j) => s + x * b[j], 0);

/** A point of dimension d with coordinates anywhere in [−scale, scale]. */
const pointArb = (d: number, scale: number) => fc.array(fc.double({ min: -scale, max: scale, noNaN: true }), { minLength: d, maxLength: d }).map((a) => Float64Array.from(a));

/** A point beyond the horizon: a direction (possibly aligned with the ripples' worst case) at radius in [√D, 20√D]. */
const beyondHorizonArb = (d: number, D: number) =>
  fc.record({ dir: pointArb(d, 1), r: fc.double({ min: 1, max: 20, noNaN: true }), axis: fc.integer({ min: -1, max: d - 1 }) }).map(({ dir, r, axis }) => {
    // A zero direction has no angle: it stands for the first axis.
    const u = axis >= 0 || norm(dir) < 1e-9 ? Float64Array.from({ length: d }, (_, j) => (j === Math.max(axis, 0) ? 1 : 0)) : dir;
    const s = norm(u);
    return u.map((x) => (x / s) * r * Math.sqrt(D));
  });

for (const setting of SETTINGS) {
  const p = rippledBowl(setting);
  const c = p.constants;
  const label = `d=${setting.d}, n=${setting.n}, f=${setting.f}`;

  test(`(i) Q ≥ 0 everywhere, and ∇Q is the finite-difference gradient (${label})`, () => {
    fc.assert(fc.property(pointArb(setting.d, 100), (x) => p.loss(x) >= 0), { seed: SEED, numRuns: RUNS });
    fc.assert(
      fc.property(pointArb(setting.d, 10), (x) => {
        const g = p.gradient(x, new Float64Array(setting.d));
        const h = 1e-6;
        for (let j = 0; j < setting.d; j++) {
          const xp = Float64Array.from(x), xm = Float64Array.from(x);
          xp[j] += h; xm[j] -= h;
          const fd = (p.loss(xp) - p.loss(xm)) / (2 * h);
          if (Math.abs(fd - g[j]) > 1e-5 * Math.max(1, Math.abs(g[j]))) return false;
        }
        return true;
      }),
      { seed: SEED, numRuns: 100 },
    );
  });

  test(`(v) beyond ‖x‖² ≥ D: ‖∇Q‖ ≥ ε and cos∠(x, ∇Q) ≥ cos β, with β < π/2 − α (${label})`, () => {
    assert.ok(c.beta < Math.PI / 2 - c.alpha, `β = ${c.beta} must be < π/2 − α = ${Math.PI / 2 - c.alpha}`);
    assert.ok(c.epsilon > 0);
    fc.assert(
      fc.property(beyondHorizonArb(setting.d, c.D), (x) => {
        const g = p.gradient(x, new Float64Array(setting.d));
        return norm(g) >= c.epsilon && dotp(x, g) / (norm(x) * norm(g)) >= Math.cos(c.beta) - 1e-12;
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  test(`(iii) the oracle is unbiased and E‖G‖^r ≤ A_r + B_r‖x‖^r, r = 2, 3, 4 (${label}; 4,000 samples per point)`, () => {
    const N = 4000;
    const points = [new Float64Array(setting.d).fill(0.3), new Float64Array(setting.d).fill(-2), Float64Array.from({ length: setting.d }, (_, j) => (j % 2 ? 50 : -7))];
    for (const [k, x] of points.entries()) {
      const g = p.gradient(x, new Float64Array(setting.d));
      const sum = new Float64Array(setting.d);
      const moments = [0, 0, 0];
      const G = new Float64Array(setting.d);
      for (let s = 0; s < N; s++) {
        p.sampleGradient(x, streamFor(SEED, 'iii', k, s), G);
        for (let j = 0; j < setting.d; j++) sum[j] += G[j];
        const ng = norm(G);
        moments[0] += ng ** 2 / N; moments[1] += ng ** 3 / N; moments[2] += ng ** 4 / N;
      }
      const se = p.sigma(x) / Math.sqrt(N);
      // Unbiasedness: every coordinate of the sample mean within 5 standard errors (5σ: Bonferroni over ≤ 25 coordinates × 9 points).
      for (let j = 0; j < setting.d; j++) assert.ok(Math.abs(sum[j] / N - g[j]) <= 5 * se + 1e-12, `coordinate ${j} of point ${k}`);
      const xn = norm(x);
      assert.ok(moments[0] <= c.A[2] + c.B[2] * xn ** 2, `r = 2 at point ${k}`);
      assert.ok(moments[1] <= c.A[3] + c.B[3] * xn ** 3, `r = 3 at point ${k}`);
      assert.ok(moments[2] <= c.A[4] + c.B[4] * xn ** 4, `r = 4 at point ${k}`);
    }
  });

  test(`(iv) η √d σ(x) ≤ ‖∇Q(x)‖ sin α with σ estimated from samples, for η as printed and as derived (${label})`, () => {
    const m = setting.n - setting.f - 2;
    const etaBoth = Math.sqrt(Math.max(etaSquared(setting.n, setting.f, m, 'as-derived'), etaSquared(setting.n, setting.f, m, 'as-printed')));
    assert.ok(Math.abs(c.eta - etaBoth) < 1e-12, 'the problem uses the larger η of the two readings');
    const N = 2000;
    const G = new Float64Array(setting.d);
    for (const [k, x] of [new Float64Array(setting.d).fill(1.1), Float64Array.from({ length: setting.d }, (_, j) => j - 3)].entries()) {
      const g = p.gradient(x, new Float64Array(setting.d));
      let ss = 0;
      for (let s = 0; s < N; s++) {
        p.sampleGradient(x, streamFor(SEED, 'iv', k, s), G);
        for (let j = 0; j < setting.d; j++) ss += (G[j] - g[j]) ** 2;
      }
      // d σ̂² = mean ‖G − ∇Q‖² is a scaled χ²_{dN}: relative error ≈ √(2/(dN)) ≤ 0.03; allow 4 of those.
      const sigmaHat = Math.sqrt(ss / N / setting.d);
      const slack = 1 + 4 * Math.sqrt(2 / (setting.d * N));
      assert.ok(c.eta * Math.sqrt(setting.d) * sigmaHat <= norm(g) * c.sinAlpha * slack, `point ${k}: ${c.eta * Math.sqrt(setting.d) * sigmaHat} vs ${norm(g) * c.sinAlpha}`);
      assert.ok(Math.abs(sigmaHat / p.sigma(x) - 1) < 4 * Math.sqrt(2 / (setting.d * N)), 'σ̂ matches σ(x)');
    }
  });
}

test('(i) the rippled bowl is non-convex with a spurious stationary point (Q > 0 there)', () => {
  const p = rippledBowl({ d: 1, n: 11, f: 2 });
  const { a, omega } = p.constants;
  const h = (x: number) => p.gradient(Float64Array.of(x), new Float64Array(1))[0];
  // Q''(π/ω) = 1 + aω² cos π < 0.
  assert.ok(1 + a * omega * omega * Math.cos(Math.PI) < 0);
  // Bisection for a root of Q' in (0.5, 1.5): Q' changes sign there.
  let lo = 0.5, hi = 1.5;
  assert.ok(h(lo) * h(hi) < 0);
  for (let i = 0; i < 80; i++) { const mid = (lo + hi) / 2; if (h(lo) * h(mid) <= 0) hi = mid; else lo = mid; }
  assert.ok(Math.abs(h(lo)) < 1e-9);
  assert.ok(p.loss(Float64Array.of(lo)) > 1, 'a stationary point that is not the global minimum');
});

test('(ii) decreasing schedules with ½ < p ≤ 1 satisfy Lemma 2 (ii); constant ones and p ≤ ½ do not', () => {
  assert.ok(satisfiesLemma2Schedule({ kind: 'decreasing', gamma0: 1, t0: 10, p: 0.75 }));
  assert.ok(satisfiesLemma2Schedule({ kind: 'decreasing', gamma0: 1, t0: 10, p: 1 }));
  assert.ok(!satisfiesLemma2Schedule({ kind: 'decreasing', gamma0: 1, t0: 10, p: 0.5 }));
  assert.ok(!satisfiesLemma2Schedule({ kind: 'constant', gamma: 0.1 }));
  // Partial sums: Σγ grows like T^{1−p} without bound, Σγ² settles (p = 0.75).
  const s = { kind: 'decreasing' as const, gamma0: 1, t0: 10, p: 0.75 };
  let s1 = 0, s2a = 0, s2b = 0;
  for (let t = 0; t < 2e5; t++) { const g = stepSize(s, t); s1 += g; if (t < 1e5) s2a += g * g; s2b += g * g; }
  assert.ok(s1 > 50);
  assert.ok(s2b - s2a < 0.02 * s2b);
});

test('parameters outside the stated ranges throw an AdmissibilityError naming the condition', () => {
  assert.throws(() => rippledBowl({ d: 10, n: 11, f: 2, sinAlpha: 0.9, beta: 1.0 }), AdmissibilityError);
  assert.throws(() => rippledBowl({ d: 0, n: 11, f: 2 }), /d >= 1/);
  assert.throws(() => rippledBowl({ d: 10, n: 6, f: 2 }), /n >= 2f \+ 3/);
  assert.throws(() => quadratic({ d: 5, lambdaMin: 0 }), AdmissibilityError);
  assert.throws(() => mnistLogistic({ batch: 0 }), AdmissibilityError);
});

test('quadratic: Q(x*) = 0, ∇Q(x*) = 0, ∇Q is the finite-difference gradient, and the oracle is unbiased', () => {
  const q = quadratic({ d: 6, lambdaMin: 1, lambdaMax: 4, sigma: 0.5 });
  assert.equal(q.loss(q.optimum), 0);
  assert.deepEqual(Array.from(q.gradient(q.optimum, new Float64Array(6))), [0, 0, 0, 0, 0, 0]);
  const x = Float64Array.from([0.3, -1, 2, 0, 5, -0.5]);
  const g = q.gradient(x, new Float64Array(6));
  for (let j = 0; j < 6; j++) {
    const xp = Float64Array.from(x), xm = Float64Array.from(x);
    xp[j] += 1e-6; xm[j] -= 1e-6;
    assert.ok(Math.abs((q.loss(xp) - q.loss(xm)) / 2e-6 - g[j]) < 1e-6);
  }
  const N = 4000, sum = new Float64Array(6), G = new Float64Array(6);
  for (let s = 0; s < N; s++) { q.sampleGradient(x, streamFor(SEED, 'q', s), G); for (let j = 0; j < 6; j++) sum[j] += G[j]; }
  for (let j = 0; j < 6; j++) assert.ok(Math.abs(sum[j] / N - g[j]) < 5 * 0.5 / Math.sqrt(N));
});

test('MNIST: 10,000 real digits, a disjoint held-out split, and ∇Q matches finite differences', () => {
  const { train, test: held } = loadMnist();
  assert.ok(train.size + held.size >= 9990, `${train.size} + ${held.size}`);
  assert.ok(held.size > 1900 && held.size < 2100);
  for (let c = 0; c < 10; c++) assert.ok(held.label.filter((l) => l === c).length > 150, `class ${c} in the test split`);
  const p = mnistLogistic({ evalSize: 200 });
  const x = Float64Array.from({ length: MNIST_LOGREG_DIMENSION }, (_, j) => 0.01 * Math.sin(j));
  const g = p.gradient(x, new Float64Array(p.d));
  // A few coordinates with non-zero gradient (pixel weights near the centre, and biases).
  for (const j of [3 * 784 + 400, 7 * 784 + 350, 7840 + 2, 7840 + 9]) {
    const xp = Float64Array.from(x), xm = Float64Array.from(x);
    xp[j] += 1e-5; xm[j] -= 1e-5;
    const fd = (p.loss(xp) - p.loss(xm)) / 2e-5;
    assert.ok(Math.abs(fd - g[j]) < 1e-6 + 1e-4 * Math.abs(g[j]), `coordinate ${j}: ${fd} vs ${g[j]}`);
  }
  // The stochastic gradient is a function of its stream only.
  const a = p.sampleGradient(x, streamFor(1, 'worker', 0, 'step', 0), new Float64Array(p.d));
  const b = p.sampleGradient(x, streamFor(1, 'worker', 0, 'step', 0), new Float64Array(p.d));
  assert.deepEqual(a, b);
});
