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
 *   no fewer (a declared unit it does not use is wasted work);
 * - every check's result states its region, naming each parameter its
 *   claim's hypotheses use (issue 13 (3); tested here because it needs the
 *   same pass over every check).
 *
 * Run: npx tsc -p . && node --test dist/property-tests/units.test.js
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ALL_CHECKS, claim } from '../lib/claims/registry';
import { clearLeewayCache } from '../lib/claims/checks/montecarlo';
import type { CheckContext } from '../lib/claims/types';
import { EXPECTATION_ATTACKS, LEEWAY_ATTACKS } from '../lib/montecarlo/attackSpecs';
import { clearAssembledExperiments, runExperiment } from '../lib/montecarlo/experiment';
import { measureBudget, measureLeeway } from '../lib/montecarlo/leeway';
import type { McSetting } from '../lib/montecarlo/settings';
import { runTrialRange, runTrials } from '../lib/montecarlo/trials';
import { unitCacheFolder } from '../lib/cluster/unitCache';
import { canonicalJson, chunks, clearUnits, unitKey, useUnitStore, watchUnits } from '../lib/parallel/units';
import { makeGar } from '../lib/rules/catalogue';
import type { Gar } from '../lib/rules/types';
import { clearSimulationGrids } from '../lib/sgd/experiments';
import { unitCacheOfRun } from './support/notebooks';

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

/** What one run of a check showed: its result, and for a check that declares units, the units declared and used. */
interface CheckPass { name: string; claimId: string; region: string; declared?: string[]; used?: string[] }

let pass: Promise<CheckPass[]> | undefined;
/**
 * Every check of the registry, run once (quick mode, few trials: the plans and regions are the same functions at
 * every count) for the two tests below. A check that declares units runs with the memoised grids above the units
 * cleared, watched for the units it asks for; the unit values are kept, so each unit is computed once for the
 * whole pass and later checks only look theirs up.
 */
function everyCheckOnce(): Promise<CheckPass[]> {
  pass ??= (async () => {
    clearUnits();
    // Monte Carlo intervals need a few trials; for the simulations ctx.trials is the number of seeds. Seed 1, the
    // notebooks' own: under `npm test` the units notebook 08 computed in this run (its MNIST runs, 14 s of one core) are
    // read back from the run's unit folder (lib/cluster/unitCache) instead of computed again. Which units a check asks
    // for does not depend on where their values come from.
    const ctxFor = (method: string): CheckContext => ({ mode: 'quick', seed: 1, trials: method === 'simulation' ? 1 : 4 });
    useUnitStore(unitCacheFolder(unitCacheOfRun()));
    const out: CheckPass[] = [];
    try {
      for (const check of ALL_CHECKS) {
        const ctx = ctxFor(check.method);
        const name = `${check.claimId} / ${check.name} (${check.reading})`;
        if (!check.units) {
          const r = await check.run(ctx);
          out.push({ name, claimId: r.claimId, region: r.region ?? '' });
          continue;
        }
        clearAssembledExperiments();
        clearLeewayCache();
        clearSimulationGrids();
        const declared = [...new Set(check.units(ctx).map(unitKey))].sort();
        const used = new Set<string>();
        const stop = watchUnits((key) => used.add(key));
        let r;
        try {
          r = await check.run(ctx);
        } finally {
          stop();
        }
        out.push({ name, claimId: r.claimId, region: r.region ?? '', declared, used: [...used].sort() });
      }
    } finally {
      useUnitStore(undefined);
    }
    clearUnits();
    return out;
  })();
  return pass;
}

test('every check that declares units of work asks for exactly those units when it runs', async () => {
  const declaring = (await everyCheckOnce()).filter((c) => c.declared);
  assert.ok(declaring.length >= 30, `only ${declaring.length} checks declare units`);
  for (const c of declaring) {
    assert.ok(c.declared!.length > 0, `${c.name} declares no unit`);
    assert.deepEqual(c.used, c.declared, `${c.name}: the units it asked for differ from the ones it declared`);
  }
});

/** The parameters a claim's hypothesis predicate reads (a Proxy records them), of those a region must name. */
function hypothesisParameters(c: ReturnType<typeof claim>): string[] {
  const read = new Set<string>();
  const p = new Proxy({ n: 11, f: 2, m: 5, k: 5, d: 10, sigma: 0.01, gNorm: 1 } as Record<string, number>, {
    get(target, key) { if (typeof key === 'string') read.add(key); return target[key as string]; },
  });
  c.hypotheses.holds(p);
  return ['n', 'f', 'm', 'k', 'd'].filter((k) => read.has(k));
}

test('issue 13 (3): every check\'s result states a non-empty region naming each parameter its claim\'s hypotheses use', async () => {
  const problems: string[] = [];
  const all = await everyCheckOnce();
  assert.equal(all.length, ALL_CHECKS.length);
  for (const { name, claimId, region } of all) {
    if (region.trim() === '' || region === '—') { problems.push(`${name}: no region`); continue; }
    if (/\n/.test(region)) problems.push(`${name}: region spans several lines`);
    for (const p of hypothesisParameters(claim(claimId))) {
      // a parameter is named as a term of its own: `n ∈ …`, `f = …`, `2f + 3`, `k = n − f − 2`, `declared f = 2`
      if (!new RegExp(`(^|[^A-Za-z_α-ω])\\d*${p}([^A-Za-z_]|$)`).test(region)) problems.push(`${name}: region does not name ${p}: ${region}`);
    }
  }
  // every claim about MULTI-KRUM's range names n and f at least
  assert.ok(hypothesisParameters(claim('L1')).includes('n') && hypothesisParameters(claim('L1')).includes('f'));
  assert.deepEqual(problems, []);
});
