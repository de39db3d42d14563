/**
 * Every deterministic check of the registry, run in quick mode: its verdict is
 * the registry's expectation (so a regression in either direction fails),
 * a claim that fails as printed carries a counterexample that replays from its
 * seed and path, and its repaired form holds. Each property is also shown to
 * be able to fail: deliberately broken variants (a bound halved, a term
 * dropped, a radius shrunk, a quantifier widened) must produce counterexamples.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DETERMINISTIC_CHECKS, DETERMINISTIC_SPECS } from '../lib/claims/checks/deterministic';
import { propertyOf, checkSeed, runsFor } from '../lib/claims/checks/deterministic/propertyCheck';
import { l13Sides } from '../lib/claims/checks/deterministic/lemma1Steps';
import { ballImpliesCone, ballRadiusSquared, l21Sides } from '../lib/claims/checks/deterministic/geometry';
import { configurationArb, smallIntegerVector, toPlain, nonNegativeRational } from '../lib/claims/arbitraries';
import { multiKrumCase } from '../lib/claims/checks/deterministic/multiKrumCase';
import { fractionOf } from '../lib/constants/exact';
import type { CheckResult } from '../lib/claims/types';

const SEED = 20260127;
const results = new Map<string, CheckResult>();
const keyOf = (s: { claimId: string; name: string; reading: string }) => `${s.claimId} ${s.name} [${s.reading}]`;

test('every deterministic check runs in quick mode and returns its expected verdict', () => {
  for (const check of DETERMINISTIC_CHECKS) {
    const r = check.run({ mode: 'quick', seed: SEED }) as CheckResult;
    results.set(keyOf(check), r);
    assert.equal(r.verdict, r.expected, `${keyOf(check)}: ${r.summary}`);
    assert.equal(r.claimId, check.claimId);
    assert.ok(r.runs > 0 && Number.isInteger(r.seed), `${keyOf(check)}: runs and seed stated`);
  }
});

test('a claim that fails as printed has a replayable counterexample and a repaired form that holds', () => {
  for (const spec of DETERMINISTIC_SPECS) {
    const r = results.get(keyOf(spec)) ?? (DETERMINISTIC_CHECKS.find((c) => keyOf(c) === keyOf(spec))!.run({ mode: 'quick', seed: SEED }) as CheckResult);
    if (spec.expected !== 'fails') continue;
    assert.ok(r.counterexample, `${keyOf(spec)}: no counterexample`);
    const { seed, path, value, text } = r.counterexample!;
    assert.ok(text.length > 0 && typeof path === 'string' && path.length > 0);
    // replay: fast-check at the recorded seed and path reports the same shrunk value
    const replay = fc.check(propertyOf(spec), { seed, path, numRuns: runsFor(spec, { mode: 'quick', seed: SEED }) });
    assert.equal(replay.failed, true, `${keyOf(spec)}: replay did not fail`);
    assert.deepEqual(toPlain(replay.counterexample![0]), value, `${keyOf(spec)}: replay found another counterexample`);
    assert.throws(() => fc.assert(propertyOf(spec), { seed, path }), `${keyOf(spec)}: fc.assert replay`);
    // the repaired statement, with its own property
    assert.ok(spec.repair, `${keyOf(spec)}: a failing claim needs a repair`);
    assert.ok(r.repair && r.repair.verdict === 'holds', `${keyOf(spec)}: repair ${r.repair?.summary}`);
    assert.equal(r.repair!.seed, checkSeed(SEED, spec.claimId, spec.name, spec.reading, true));
  }
});

test('conditional properties are not vacuous: at least 50 runs meet the condition (e.g. a Byzantine i*)', () => {
  for (const [key, r] of results) {
    for (const [which, runs, relevant] of r.table?.rows ?? []) {
      const stop = which === 'as stated' && r.verdict === 'fails'; // a failing run stops at its first counterexample
      if (!stop) assert.ok(Number(relevant) >= 50, `${key} (${which}): only ${relevant} of ${runs} runs meet the condition`);
    }
  }
});

test('results are plain JSON and deterministic for a seed', () => {
  for (const check of DETERMINISTIC_CHECKS.filter((_, i) => i % 3 === 0)) {
    const a = check.run({ mode: 'quick', seed: 7 }) as CheckResult;
    const b = check.run({ mode: 'quick', seed: 7 }) as CheckResult;
    assert.deepEqual(a, b, `${keyOf(check)} not deterministic`);
    assert.deepEqual(JSON.parse(JSON.stringify(a)), a, `${keyOf(check)} not plain JSON`);
  }
});

test('expected failures are found for other seeds too (not a lucky seed)', () => {
  const failing = DETERMINISTIC_CHECKS.filter((c) => c.expected === 'fails');
  for (const seed of [1, 2, 3]) {
    for (const check of failing) {
      const r = check.run({ mode: 'quick', seed }) as CheckResult;
      assert.equal(r.verdict, 'fails', `${keyOf(check)} seed ${seed}`);
    }
  }
});

// ------------------------------------------------------------------ broken variants: each must be caught

const d3 = fc.integer({ min: 1, max: 3 });

test('broken variant: L1.3 with the Jensen bound halved fails', () => {
  const broken = fc.property(d3.chain((d) => fc.tuple(smallIntegerVector(d), fc.array(smallIntegerVector(d), { minLength: 1, maxLength: 6 }))), ([vi, vjs]) => {
    const s = l13Sides(vi, vjs);
    return 2n * s.lhs <= s.rhs; // ‖mean of w_j‖² <= (1/2δ) Σ‖w_j‖²: false e.g. for δ = 1
  });
  const out = fc.check(broken, { seed: 1, numRuns: 200 });
  assert.equal(out.failed, true);
});

test('broken variant: L1.9 with (1 − sin α / 2)‖g‖² instead of (1 − sin α)‖g‖² fails', () => {
  const arb = d3.chain((d) => fc.record({ g: fc.array(fc.integer({ min: -20, max: 20 }), { minLength: d, maxLength: d }), e: smallIntegerVector(d), extra: fc.nat({ max: 6 }) }))
    .map(({ g, e, extra }) => ({ g, x: g.map((gi, t) => gi + e[t]), extra }))
    .filter((c) => ballRadiusSquared(c) < c.g.reduce((s, x) => s + BigInt(x * x), 0n));
  assert.equal(fc.check(fc.property(arb, (c) => ballImpliesCone(c).a), { seed: 1, numRuns: 300 }).failed, false);
  assert.equal(fc.check(fc.property(arb, (c) => ballImpliesCone(c, 0.5).a), { seed: 1, numRuns: 300 }).failed, true);
});

test('broken variant: L2.1 without the (b − a)² term fails', () => {
  const arb = fc.tuple(nonNegativeRational, nonNegativeRational, nonNegativeRational).map((t) => t.map(([p, q]) => fractionOf(p, q)));
  const broken = fc.property(arb, ([a, b, D]) => {
    const s = l21Sides(a, b, D), diff = b.sub(a);
    return s.lhs.compare(s.rhs.sub(diff.mul(diff))) <= 0;
  });
  assert.equal(fc.check(broken, { seed: 1, numRuns: 300 }).failed, true);
});

test('broken variant: L1.1 with the Byzantine-only lower bound k − f + 1 imposed on correct indices fails', () => {
  const broken = fc.property(configurationArb({ reading: 'k=n-f-2', minF: 1 }), (cfg) => {
    const c = multiKrumCase(cfg);
    return c.correct.every((i) => c.proof.deltaC[i] >= cfg.k - cfg.f + 1);
  });
  assert.equal(fc.check(broken, { seed: 1, numRuns: 500 }).failed, true);
});
