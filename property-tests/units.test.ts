/**
 * Tests of the units of work (lib/parallel/units): the pieces of the checks'
 * computation that the runner spreads over threads and shares between
 * checks. What must hold for results to be the same bytes whatever the
 * thread count:
 *
 * - equal specs give equal keys, whatever the order of their fields;
 * - the trials of a series, computed in chunks, are the trials computed in
 *   one go (for the Lemma 1 experiments, the leeway series and F1's budget);
 * - every check that declares units asks for exactly those units when it
 *   runs — no more (a unit it computes itself is not spread over threads),
 *   no fewer (a declared unit it does not use is wasted work).
 *
 * Run: npx tsc -p . && node --test dist/property-tests/units.test.js
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ALL_CHECKS } from '../lib/claims/registry';
import { clearLeewayCache } from '../lib/claims/checks/montecarlo';
import type { CheckContext } from '../lib/claims/types';
import { EXPECTATION_ATTACKS, LEEWAY_ATTACKS } from '../lib/montecarlo/attackSpecs';
import { clearAssembledExperiments, runExperiment } from '../lib/montecarlo/experiment';
import { measureBudget, measureLeeway } from '../lib/montecarlo/leeway';
import type { McSetting } from '../lib/montecarlo/settings';
import { runTrialRange, runTrials } from '../lib/montecarlo/trials';
import { canonicalJson, chunks, clearUnits, unitKey, watchUnits } from '../lib/parallel/units';
import { makeGar } from '../lib/rules/catalogue';
import type { Gar } from '../lib/rules/types';
import { clearSimulationGrids } from '../lib/sgd/experiments';

/** The same rule without its catalogue description: its trials run in the calling thread, in one go. */
const inThread = (gar: Gar): Gar => ({ name: gar.name, requirement: gar.requirement, admissible: gar.admissible, aggregate: gar.aggregate });

/** Fixed, so a failure replays; fast-check prints the path to the shrunk counterexample. */
const SEED = 20190331;

/** Plain JSON values (finite numbers: JSON has no NaN or ±Infinity; canonicalJson spells those out, tested apart). */
const jsonValue = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string(), fc.boolean(), tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 3 }),
  object: fc.dictionary(fc.string({ maxLength: 4 }), tie('value'), { maxKeys: 4 }),
})).value;

test('canonicalJson: the same object with its keys inserted in another order gives the same key', () => {
  fc.assert(fc.property(fc.dictionary(fc.string({ maxLength: 5 }), jsonValue, { maxKeys: 6 }), (o) => {
    const reversed = Object.fromEntries(Object.entries(o).reverse());
    assert.equal(unitKey({ kind: 'k', spec: reversed }), unitKey({ kind: 'k', spec: o }));
    assert.deepEqual(JSON.parse(canonicalJson(o)), JSON.parse(JSON.stringify(o)));
  }), { seed: SEED, numRuns: 300 });
});

test('canonicalJson tells apart specs that differ in one number, and spells out non-finite numbers', () => {
  fc.assert(fc.property(fc.double({ noNaN: true }), fc.double({ noNaN: true }), (a, b) => {
    fc.pre(!Object.is(a, b) && !(a === 0 && b === 0));
    assert.notEqual(canonicalJson({ x: a }), canonicalJson({ x: b }));
  }), { seed: SEED, numRuns: 300 });
  assert.equal(canonicalJson({ b: Infinity, a: NaN }), '{"a":"NaN","b":"Infinity"}');
});

test('chunks(T, size, P) covers 0 … T − 1 once, in order, in equal pieces (but the last) of size, or fewer larger ones when there would be more than P', () => {
  fc.assert(fc.property(fc.nat(2000), fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 80 }), (total, size, maxPieces) => {
    const parts = chunks(total, size, maxPieces);
    assert.deepEqual(parts.flatMap(([a, b]) => Array.from({ length: b - a }, (_, i) => a + i)), Array.from({ length: total }, (_, i) => i));
    assert.ok(parts.length <= maxPieces);
    // pieces of exactly `size` whenever that gives at most P of them
    const step = Math.ceil(total / size) <= maxPieces ? size : Math.ceil(total / maxPieces);
    for (const [i, [a, b]] of parts.entries()) {
      assert.ok(b - a >= 1 && b - a <= step);
      if (i < parts.length - 1) assert.equal(b - a, step);
    }
  }), { seed: SEED, numRuns: 300 });
  assert.equal(chunks(1e8, 30).length, 64);
});

test('runTrials(T) is the concatenation of runTrialRange over any split of [0, T)', () => {
  fc.assert(fc.property(fc.integer({ min: 0, max: 60 }), fc.nat(60), fc.integer(), (total, cut, seed) => {
    const at = Math.min(cut, total);
    const draw = (s: { normal(): number }, t: number) => [t, s.normal(), s.normal()];
    const whole = runTrials(seed, 'units-test', 'key', total, draw);
    const parts = [...runTrialRange(seed, 'units-test', 'key', 0, at, draw), ...runTrialRange(seed, 'units-test', 'key', at, total, draw)];
    assert.deepEqual(parts, whole);
  }), { seed: SEED, numRuns: 50 });
});

test('a Lemma 1 experiment computed in chunks (catalogue rule) equals the same experiment in one go (the rule without its description)', () => {
  const setting: McSetting = { n: 9, f: 2, m: 3, k: 5, d: 6, sinAlpha: 0.9, family: 'exponential', gNorm: 1 };
  for (const attack of EXPECTATION_ATTACKS.filter((a) => ['alie', 'adaptive', 'non-finite'].includes(a.label))) {
    for (const proof of [false, true]) {
      const gar = makeGar('multi-krum', { m: setting.m, k: setting.k });
      assert.ok(gar.rule, 'makeGar describes a rule with plain parameters');
      const spec = { setting, attack, trials: 93, seed: 5, label: 'units-test', proof };
      const chunked = runExperiment({ ...spec, gar });
      const whole = runExperiment({ ...spec, gar: inThread(gar) });
      assert.equal(chunked.length, 93);
      assert.deepEqual(chunked, whole, `${attack.label}, proof ${proof}`);
    }
  }
});

test('leeway series and F1 budgets computed in chunks equal the same series in one go', () => {
  for (const rule of ['bulyan', 'median']) {
    const o = { n: 11, f: 2, ds: [10, 40], trials: 37, seed: 3, attacks: LEEWAY_ATTACKS };
    assert.deepEqual(measureLeeway(makeGar(rule), o), measureLeeway(inThread(makeGar(rule)), o), rule);
  }
  const b = { n: 5, f: 1, ds: [3, 12], trials: 230, seed: 4, level: 0.95 };
  assert.deepEqual(measureBudget(makeGar('krum'), b), measureBudget(inThread(makeGar('krum')), b));
});

test('a rule with a function parameter has no description (its trials stay in the calling thread)', () => {
  assert.equal(makeGar('multi-krum', { m: (n, f) => n - f - 2 }).rule, undefined);
  assert.deepEqual(makeGar('multi-krum', { m: 3, k: 4 }).rule, { name: 'multi-krum', params: { m: 3, k: 4 } });
});

test('every check that declares units of work asks for exactly those units when it runs', async () => {
  // Small trial counts (ctx.trials) keep this fast; the plans are the same functions at every count.
  // The memoised grids above the units are cleared before each check; the unit values are kept, so
  // each unit is computed once for the whole test and later checks only look theirs up.
  clearUnits();
  // Monte Carlo intervals need a few trials; for the simulations ctx.trials is the number of seeds.
  const ctxFor = (method: string): CheckContext => ({ mode: 'quick', seed: 11, trials: method === 'simulation' ? 1 : 4 });
  const declaring = ALL_CHECKS.filter((c) => c.units);
  assert.ok(declaring.length >= 30, `only ${declaring.length} checks declare units`);
  for (const check of declaring) {
    clearAssembledExperiments();
    clearLeewayCache();
    clearSimulationGrids();
    const ctx = ctxFor(check.method);
    const declared = [...new Set(check.units!(ctx).map(unitKey))].sort();
    const used = new Set<string>();
    const stop = watchUnits((key) => used.add(key));
    try {
      await check.run(ctx);
    } finally {
      stop();
    }
    const name = `${check.claimId} / ${check.name} (${check.reading})`;
    assert.ok(declared.length > 0, `${name} declares no unit`);
    assert.deepEqual([...used].sort(), declared, `${name}: the units it asked for differ from the ones it declared`);
  }
  clearUnits();
});
