/**
 * The proof map of the front matter, Lemma 1, Theorem 1 and Section 3
 * (issue #13): its structure (ids, premises, checks, registry references)
 * and every check's verdict, in quick mode, at seed 20190331 and two more
 * seeds; each check's mutant (a deliberately wrong variant) must fail.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FRONT_STEPS } from '../lib/proof/map/front';
import { LEMMA1_STEPS } from '../lib/proof/map/lemma1';
import { THEOREM2_STEPS } from '../lib/proof/map/theorem2';
import { ALL_CHECKS } from '../lib/claims/registry';
import type { ProofStep } from '../lib/proof/types';

const STEPS: ProofStep[] = [...FRONT_STEPS, ...LEMMA1_STEPS, ...THEOREM2_STEPS];
const SEEDS = [20190331, 1, 77];
const PAPER_LINES = 1086;

test('step ids are unique and every step has a check, a registry check, or is a definition with a reason', () => {
  const seen = new Set<string>();
  for (const s of STEPS) {
    assert.ok(!seen.has(s.id), `duplicate step id ${s.id}`);
    seen.add(s.id);
    const checked = s.checks.length > 0 || (s.registryChecks?.length ?? 0) > 0;
    // A step without a check states why (a pure definition, a cited result, an announcement of the steps that follow).
    assert.ok(checked || (s.uncheckedBecause ?? '').length > 20, `${s.id}: no check and no stated reason`);
    assert.ok(s.readings.length >= 1, `${s.id}: at least one reading`);
    const [a, b] = s.location.lines;
    assert.ok(a >= 1 && a <= b && b <= PAPER_LINES, `${s.id}: line range ${a}-${b}`);
    assert.ok(s.printed.length > 0 && s.location.where.length > 0, `${s.id}: printed text and location`);
    const names = s.checks.map((c) => `${c.name}|${c.reading}`);
    assert.equal(new Set(names).size, names.length, `${s.id}: check names unique`);
  }
});

test('premises refer to existing steps (or to Lemma 2’s map, L2.x)', () => {
  const ids = new Set(STEPS.map((s) => s.id));
  for (const s of STEPS) {
    for (const p of s.premises) assert.ok(ids.has(p) || /^L2(\.|$)/.test(p), `${s.id}: unknown premise ${p}`);
    if (s.parent) assert.ok(ids.has(s.parent) || /^L2(\.|$)/.test(s.parent), `${s.id}: unknown parent ${s.parent}`);
  }
});

test('registry checks named by the map exist in the claim registry', () => {
  const names = new Set(ALL_CHECKS.map((c) => `${c.claimId}/${c.name}`));
  for (const s of STEPS) for (const r of s.registryChecks ?? []) assert.ok(names.has(r), `${s.id}: no registry check ${r}`);
});

for (const s of STEPS) {
  for (const c of s.checks) {
    test(`${s.id} ${c.name} [${c.reading}]: ${c.expected} at three seeds; its mutant fails`, () => {
      for (const seed of SEEDS) {
        const r = c.run({ seed, mode: 'quick' });
        assert.equal(r.stepId, s.id, `${s.id}/${c.name}: result names step ${r.stepId}`);
        assert.equal(r.verdict, c.expected, `${s.id}/${c.name} seed ${seed}: ${r.summary}`);
        assert.ok(r.region.text.length > 0 && r.reading.length > 0 && r.runs >= 1);
        if (r.verdict === 'fails') {
          assert.ok(r.counterexample || r.method === 'monte-carlo', `${s.id}/${c.name}: a failure carries a counterexample`);
          if (r.repair) assert.equal(r.repair.verdict, 'holds', `${s.id}/${c.name}: repair ${r.repair.statement}: ${r.repair.summary}`);
        }
      }
      const m = c.run({ seed: SEEDS[0], mode: 'quick', mutant: true });
      assert.equal(m.verdict, 'fails', `${s.id}/${c.name} mutant (${c.mutantDescription}): ${m.summary}`);
    });
  }
}

test('the same seed gives the same results', () => {
  for (const s of STEPS) for (const c of s.checks) {
    const a = c.run({ seed: 5, mode: 'quick' }), b = c.run({ seed: 5, mode: 'quick' });
    assert.deepEqual(JSON.parse(JSON.stringify(a)), JSON.parse(JSON.stringify(b)), `${s.id}/${c.name}`);
  }
});
