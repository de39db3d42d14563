/**
 * Byzantine inputs sit at seeded random slots (lib/attacks/placement.ts), so
 * a rule cannot pass the harness by knowing where they are. Checked here:
 * the slots are a uniformly random f-subset (exact counts over many streams
 * against a binomial bound), the correct vectors keep their order, and a
 * positional rule — one that averages its first n − f inputs, which passed
 * every check while the Byzantine inputs came last — now fails both the
 * Monte Carlo resilience check and SGD.
 *
 * Run: npm run build && node --test dist/property-tests/placement.test.js
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { byzantineMask, checkResilience, drawByzantineSlots, eta, makeAttack, makeGar, placeInputs, streamFor, type Gar } from '../lib/index';
import { quadratic } from '../lib/problems/quadratic';
import { simulate } from '../lib/sgd/simulate';

test('the Byzantine slots are f distinct sorted indices in [0, n), a function of the stream alone', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 30 }), fc.nat(), fc.nat(), (n, fRaw, seed) => {
      const f = fRaw % (n + 1);
      const slots = drawByzantineSlots(n, f, streamFor(seed, 'placement'));
      assert.equal(slots.length, f);
      assert.equal(new Set(slots).size, f);
      for (let i = 0; i < f; i++) assert.ok(Number.isInteger(slots[i]) && slots[i] >= 0 && slots[i] < n && (i === 0 || slots[i - 1] < slots[i]));
      assert.deepEqual(drawByzantineSlots(n, f, streamFor(seed, 'placement')), slots);
    }),
    { seed: 1201, numRuns: 300 },
  );
});

test('placeInputs puts the Byzantine vectors at their slots and the correct ones, in order, elsewhere', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 12 }), fc.nat(), fc.nat(), (n, fRaw, seed) => {
      const f = fRaw % (n + 1);
      const correct = Array.from({ length: n - f }, (_, j) => `c${j}`);
      const byzantine = Array.from({ length: f }, (_, b) => `b${b}`);
      const slots = drawByzantineSlots(n, f, streamFor(seed, 'placement'));
      const inputs = placeInputs(correct, byzantine, slots);
      const mask = byzantineMask(n, slots);
      assert.deepEqual(inputs.filter((_, i) => !mask[i]), correct);
      assert.deepEqual(slots.map((s) => inputs[s]), byzantine);
    }),
    { seed: 1202, numRuns: 300 },
  );
  assert.deepEqual(placeInputs(['a', 'b'], ['x'], undefined), ['a', 'b', 'x'], 'no slots: the proof order, Byzantine last');
});

test('every f-subset is equally likely: n = 5, f = 2, 20 000 streams, each of the 10 subsets within its 99.99 % binomial bound', () => {
  // Expected count 2000 per subset, sd = √(20000 · 0.1 · 0.9) ≈ 42.4; z = 4.42 is the two-sided
  // 99.99 % point Bonferroni-corrected over 10 subsets (z_{1 − 0.0001/20} ≈ 4.42). Deterministic:
  // the streams are fixed, so the test's outcome does not vary between runs; a biased draw
  // (e.g. slots always last, or a Fisher–Yates off by one) moves some count by hundreds.
  const trials = 20000, counts = new Map<string, number>();
  for (let t = 0; t < trials; t++) {
    const key = drawByzantineSlots(5, 2, streamFor(20261202, 'placement', t)).join(',');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  assert.equal(counts.size, 10, `all 10 subsets drawn: ${[...counts.keys()].join(' ')}`);
  const sd = Math.sqrt(trials * 0.1 * 0.9);
  for (const [key, c] of counts) assert.ok(Math.abs(c - trials / 10) <= 4.42 * sd, `subset {${key}} drawn ${c} times, expected ${trials / 10} ± ${(4.42 * sd).toFixed(0)}`);
});

/** A rule that exploits a harness with Byzantine-last inputs: it averages the first n − f. */
const positional: Gar = {
  name: 'FIRST-N-MINUS-F',
  requirement: 'n >= f + 1',
  admissible: (n, f) => n >= f + 1,
  aggregate(vectors, f) {
    const kept = vectors.slice(0, vectors.length - f);
    const out = new Float64Array(vectors[0].length);
    for (const v of kept) for (let c = 0; c < out.length; c++) out[c] += v[c] / kept.length;
    return out;
  },
};

test('a positional rule fails the resilience check that MULTI-KRUM passes: the Byzantine inputs are no longer where it drops them', () => {
  // With Byzantine inputs last this rule outputs the mean of the correct vectors, ‖E GAR − g‖² = 0.
  // Here (n = 11, f = 2, sign-flip ×10, 200 trials) each of its first 9 slots holds a Byzantine
  // input with probability 2/11, so E GAR ≈ g − (2/11)·11·g = −g and ‖E GAR − g‖² ≈ 4‖g‖² = 4,
  // against Lemma 1's bound η² d σ² = η² sin²α ‖g‖² / max_r η_r² ≤ sin²α = 0.25 (σ is set from
  // sin α, settings.ts). MULTI-KRUM, same setting and η, stays inside it.
  const options = {
    seed: 7, trials: 200, eta: (n: number, f: number, m: number) => eta(n, f, m, 'as-printed'),
    settings: [{ n: 11, f: 2, m: 7, k: 7, d: 10, sinAlpha: 0.5, family: 'gaussian' as const, gNorm: 1 }],
    attacks: [{ label: 'sign-flip', name: 'sign-flip', params: { scale: 10 } }],
  };
  const report = checkResilience(positional, options);
  assert.equal(report.verdict, 'fails', `positional rule: verdict ${report.verdict}, tightness ${JSON.stringify(report.worst.tightness)}`);
  const mk = checkResilience(makeGar('multi-krum', { m: 7 }), options);
  assert.equal(mk.verdict, 'holds', `MULTI-KRUM: verdict ${mk.verdict}, tightness ${JSON.stringify(mk.worst.tightness)}`);
});

test('a positional rule loses SGD convergence under sign-flip: the aggregate points uphill', () => {
  const problem = quadratic({ d: 10, sigma: 0.1 });
  const attack = makeAttack('sign-flip', { scale: 10 });
  const run = simulate({ problem, rule: positional, n: 11, f: 2, attack, schedule: { kind: 'constant', gamma: 0.05 }, steps: 300, seed: 3 });
  const start = run.gradNormSq[0], end = run.gradNormSq[run.gradNormSq.length - 1];
  assert.ok(run.divergedAt !== null || end > start, `‖∇Q‖² went from ${start} to ${end}; diverged at ${run.divergedAt}`);
});
