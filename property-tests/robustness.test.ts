/**
 * lib/robustness (issue 15): witnesses replay to their claimed ratio in exact
 * arithmetic; the ratio is invariant under translation and scaling; the
 * search finds the known worst cases — the average is unbounded, the
 * coordinate-wise median at d = 1 reaches its closed-form coefficient — and
 * every rule reaches the universal lower bound f/(n − 2f) at small n.
 *
 * The median's coefficient at d = 1, odd n (derived here, no source needed):
 * let h = n − f honest inputs with mean 0, m the median of all n inputs, m > 0
 * (WLOG by symmetry). At least (n + 1)/2 inputs lie at or above m, at most f
 * of them Byzantine, so at least q = (n + 1)/2 − f honest inputs a_1..a_q are
 * >= m. With A = Σ a_i >= q·m and the other h − q honest inputs summing to −A,
 * Cauchy–Schwarz on each group gives
 *     h · Var_S >= A²/q + A²/(h − q) = A² h / (q (h − q)) >= q m² h / (h − q),
 * so ratio = m² / Var_S <= (h − q)/q = ((n − 1)/2) / ((n + 1)/2 − f)
 *                                   = (n − 1)/(n + 1 − 2f).
 * Equality: q honest inputs at m, h − q at −q·m/(h − q), the f Byzantine
 * inputs above m (the median is then the lowest of the q inputs at m).
 * At n = 2f + 1 this is f = f/(n − 2f): the universal bound is attained.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { AdmissibilityError } from '../lib/errors';
import { makeGar } from '../lib/rules/catalogue';
import { ROBUSTNESS_RULES } from '../lib/claims/checks/robustness';
import { exactLowerBound, exactRatio, exactVectors, floatRatio, replayWitness, robustnessRatio, searchWorstInput, type Witness } from '../lib/robustness';
import { fractionOf } from '../lib/constants/exact';

const SELECTION_RULES = ['average', 'median', 'trimmed-mean', 'krum', 'multi-krum', 'bulyan', 'meamed', 'phocas', 'mda', 'nnm+multi-krum', 'nnm+median'];

/** n, f admissible for the rule, d, small integer inputs (exact in float, so float and exact selections agree). */
const settingArb = (rules: readonly string[]) => fc.record({ rule: fc.constantFrom(...rules), f: fc.integer({ min: 1, max: 2 }), extra: fc.integer({ min: 1, max: 6 }), d: fc.integer({ min: 1, max: 3 }) })
  .filter(({ rule, f, extra }) => makeGar(rule).admissible(2 * f + extra, f))
  .chain(({ rule, f, extra, d }) => fc.record({
    rule: fc.constant(rule), f: fc.constant(f), n: fc.constant(2 * f + extra), d: fc.constant(d),
    inputs: fc.array(fc.array(fc.integer({ min: -16, max: 16 }), { minLength: d, maxLength: d }), { minLength: 2 * f + extra, maxLength: 2 * f + extra }),
  }));

const witnessOf = (s: { rule: string; n: number; f: number; d: number; inputs: number[][] }): Witness => {
  const honest = Array.from({ length: s.n - s.f }, (_, i) => i);
  return { rule: s.rule, n: s.n, f: s.f, d: s.d, honest, inputs: s.inputs, claimedRatio: floatRatio({ ...s, honest }) };
};

test('a witness replays to its claimed ratio (selection rules: exact certificate, integer inputs)', () => {
  fc.assert(fc.property(settingArb(SELECTION_RULES), (s) => {
    const w = witnessOf(s);
    const r = replayWitness(w);
    assert.equal(r.certificate, 'exact');
    if (w.claimedRatio === Infinity) return r.text === 'Infinity';
    return r.relativeDifference <= 1e-12;
  }), { numRuns: 150, seed: 15 });
});

test('a witness of an iterative rule replays its float output (implementation certificate)', () => {
  const w = witnessOf({ rule: 'geometric-median', n: 7, f: 1, d: 2, inputs: [[0, 0], [1, 0], [0, 1], [2, 3], [-1, 1], [3, -2], [40, 40]] });
  const r = replayWitness(w);
  assert.equal(r.certificate, 'implementation');
  assert.ok(r.relativeDifference <= 1e-12, `${r.value} vs ${w.claimedRatio}`);
});

test('the exact ratio is invariant under x ↦ 2^k·x + b (exact in float): equal fractions', () => {
  fc.assert(fc.property(settingArb(SELECTION_RULES), fc.integer({ min: -3, max: 3 }), fc.array(fc.integer({ min: -100, max: 100 }), { minLength: 3, maxLength: 3 }), (s, k, b) => {
    const moved = { ...s, inputs: s.inputs.map((r) => r.map((x, c) => 2 ** k * x + b[c])) };
    return replayWitness(witnessOf(s)).text === replayWitness(witnessOf(moved)).text;
  }), { numRuns: 100, seed: 16 });
});

test('the float ratio is invariant under x ↦ a·x + b for equivariant rules (relative 1e-9)', () => {
  fc.assert(fc.property(settingArb(['median', 'krum', 'geometric-median', 'phocas']), fc.double({ min: 0.1, max: 10, noNaN: true }), fc.double({ min: -100, max: 100, noNaN: true }), (s, a, b) => {
    const honest = Array.from({ length: s.n - s.f }, (_, i) => i);
    const r0 = floatRatio({ ...s, honest }), r1 = floatRatio({ ...s, honest, inputs: s.inputs.map((r) => r.map((x) => a * x + b)) });
    return Number.isFinite(r0) ? Math.abs(r0 - r1) <= 1e-9 * Math.max(1, r0) : r0 === r1;
  }), { numRuns: 100, seed: 17 });
});

test('the ratio of the definition on a hand example, float and exact: median of 0, 2, 10 against S = {0, 2}', () => {
  assert.equal(robustnessRatio([[0], [2], [10]], [0, 1], [2]), 1);
  assert.equal(exactRatio(exactVectors([[0], [2], [10]]), [0, 1], exactVectors([[2]])[0]).text, '1');
  assert.equal(exactRatio(exactVectors([[1], [1], [10]]), [0, 1], exactVectors([[2]])[0]).text, 'Infinity');
});

test('the average is unbounded: the search reports it and certifies a ratio above any threshold asked', () => {
  for (const threshold of [1e3, 1e6, 1e9]) {
    for (const [n, f, d] of [[5, 1, 1], [9, 2, 3]]) {
      const r = searchWorstInput('average', { n, f, d }, { seed: 3, budget: 200, unboundedThreshold: threshold });
      assert.ok(r.unbounded, `average at (${n}, ${f}, ${d}) not reported unbounded`);
      assert.ok(r.kappaHat > threshold, `κ̂ = ${r.kappaHat} <= ${threshold}`);
      assert.equal(replayWitness(r.witness).text, r.exact);
    }
  }
  // and a robust rule is not reported unbounded on the same budget
  assert.equal(searchWorstInput('median', { n: 5, f: 1, d: 1 }, { seed: 3, budget: 200 }).unbounded, false);
});

test('the coordinate-wise median at d = 1 reaches its closed form (n − 1)/(n + 1 − 2f), and never exceeds it', () => {
  for (const [n, f] of [[3, 1], [5, 1], [5, 2], [7, 2], [9, 3], [11, 2], [13, 4]]) {
    const closed = (n - 1) / (n + 1 - 2 * f);
    const r = searchWorstInput('median', { n, f, d: 1 }, { seed: 5, budget: 400, withoutLowerBoundStart: true });
    assert.ok(r.kappaHat <= closed * (1 + 1e-12), `median (${n}, ${f}): κ̂ = ${r.exact} above ${closed}`);
    assert.ok(r.kappaHat >= closed * (1 - 1e-6), `median (${n}, ${f}): κ̂ = ${r.kappaHat} short of ${closed}`);
  }
});

test('every rule reaches the universal lower bound f/(n − 2f) at small n (exact comparison)', () => {
  for (const [n, f, d] of [[5, 1, 1], [7, 1, 2], [7, 2, 1], [11, 2, 1]]) {
    for (const rule of ROBUSTNESS_RULES) {
      if (!makeGar(rule).admissible(n, f)) continue;
      const r = searchWorstInput(rule, { n, f, d }, { seed: 7, budget: 200 });
      if (r.exact === 'Infinity') continue;
      const [p, q] = r.exact.split('/');
      assert.ok(fractionOf(BigInt(p), BigInt(q ?? '1')).compare(exactLowerBound(n, f)) >= 0, `${rule} at (${n}, ${f}, ${d}): κ̂ = ${r.exact} < ${f}/${n - 2 * f}`);
    }
  }
});

test('the search is deterministic given its seed, and different seeds explore differently', () => {
  const a = searchWorstInput('krum', { n: 7, f: 1, d: 2 }, { seed: 11, budget: 300 });
  const b = searchWorstInput('krum', { n: 7, f: 1, d: 2 }, { seed: 11, budget: 300 });
  assert.deepEqual(a, b);
  const c = searchWorstInput('krum', { n: 7, f: 1, d: 2 }, { seed: 12, budget: 300 });
  assert.notDeepEqual(a.witness.inputs, c.witness.inputs);
});

test('inadmissible settings and malformed witnesses are one-line AdmissibilityErrors naming the rule and the range', () => {
  assert.throws(() => searchWorstInput('krum', { n: 4, f: 1, d: 1 }), (e: unknown) => e instanceof AdmissibilityError && /^robustness search \(KRUM\) needs n > 2f and n >= 2f \+ 3; got n = 4, f = 1$/.test(e.message));
  assert.throws(() => searchWorstInput('median', { n: 5, f: 1, d: 0 }), AdmissibilityError);
  assert.throws(() => replayWitness({ rule: 'median', n: 3, f: 1, d: 1, honest: [0], inputs: [[0], [1], [2]], claimedRatio: 0 }), (e: unknown) => e instanceof AdmissibilityError && !/\n/.test(e.message));
  assert.throws(() => replayWitness({ rule: 'median', n: 3, f: 1, d: 1, honest: [0, 1], inputs: [[0], [NaN], [2]], claimedRatio: 0 }), AdmissibilityError);
});
