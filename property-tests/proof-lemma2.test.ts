/**
 * The proof map of Lemma 2 and Theorem 1 (i) (issue 13): structure of the
 * map, every check's verdict at three seeds, and every mutant failing.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ALL_CHECKS } from '../lib/claims/registry';
import { LEMMA2_STEPS } from '../lib/proof/map/lemma2';

const DEFAULT_SEED = 20190331;
const SEEDS = [DEFAULT_SEED, 1, 424242];
/** Step ids mapped by the other half of the map (definitions, Lemma 1, the rest of Theorem 1). */
const EXTERNAL = /^(D[123]|F1|L1(\.\d+)?|T1|T1\.ii|T2(\.\d+)?|A1)$/;

describe('proof map: Lemma 2 and Theorem 1 (i)', () => {
  test('ids are unique, every step is checked or says why not, premises exist', () => {
    const ids = LEMMA2_STEPS.map((s) => s.id);
    assert.equal(new Set(ids).size, ids.length, `duplicate ids: ${ids.filter((id, i) => ids.indexOf(id) !== i).join(', ')}`);
    for (const id of ['L2', 'L2.1', 'L2.2', 'L2.3', 'L2.4', 'L2.5', 'T1.i']) assert.ok(ids.includes(id), `existing id ${id} is mapped`);
    for (const s of LEMMA2_STEPS) {
      const has = s.checks.length > 0 || (s.registryChecks?.length ?? 0) > 0 || (s.uncheckedBecause?.length ?? 0) > 0;
      assert.ok(has, `${s.id} has a check, a registry check or uncheckedBecause`);
      if (s.checks.length === 0 && !(s.uncheckedBecause)) assert.ok(s.registryChecks?.length, `${s.id}: registry checks only`);
      for (const p of s.premises) assert.ok(ids.includes(p) || EXTERNAL.test(p), `${s.id}: premise ${p} is a mapped step or an earlier id`);
      assert.ok(!s.premises.includes(s.id), `${s.id} is not its own premise`);
      assert.ok(s.readings.length >= 1, `${s.id} has a reading`);
      const [a, b] = s.location.lines;
      assert.ok(a >= 1 && b >= a && b <= 1060, `${s.id}: line range ${a}–${b}`);
      assert.ok(s.printed.length > 0 && s.location.where.length > 0, `${s.id}: printed text and location`);
      const names = s.checks.map((c) => c.name);
      assert.equal(new Set(names).size, names.length, `${s.id}: check names unique`);
      for (const c of s.checks) assert.ok(c.mutantDescription.length > 0, `${s.id}/${c.name} describes its mutant`);
    }
  });

  test('registry checks named by the map exist', () => {
    const known = new Set(ALL_CHECKS.map((c) => `${c.claimId}/${c.name}`));
    for (const s of LEMMA2_STEPS) for (const r of s.registryChecks ?? []) assert.ok(known.has(r), `${s.id}: registry check ${r} exists`);
  });

  for (const seed of SEEDS) {
    test(`every check gives its expected verdict at seed ${seed} (quick mode)`, () => {
      const surprises: string[] = [];
      for (const s of LEMMA2_STEPS) for (const c of s.checks) {
        const r = c.run({ seed, mode: 'quick' });
        assert.equal(r.stepId, s.id);
        assert.equal(r.seed, seed);
        assert.ok(r.region.text.length > 0 && r.reading.length > 0 && r.summary.length > 0, `${s.id}/${c.name}: region, reading and summary stated`);
        if (r.verdict !== c.expected) surprises.push(`${s.id}/${c.name}: expected ${c.expected}, got ${r.verdict} — ${r.summary}`);
        if (r.verdict === 'fails') assert.ok(r.counterexample, `${s.id}/${c.name}: a failing verdict carries its counterexample`);
        if (c.expected === 'fails') assert.ok(r.repair, `${s.id}/${c.name}: a step failing as printed carries a repair`);
        if (r.repair) assert.equal(r.repair.verdict, 'holds', `${s.id}/${c.name}: the repair holds — ${r.repair.summary}`);
      }
      assert.deepEqual(surprises, []);
    });
  }

  test('every mutant fails (default seed)', () => {
    const survivors: string[] = [];
    for (const s of LEMMA2_STEPS) for (const c of s.checks) {
      const r = c.run({ seed: DEFAULT_SEED, mode: 'quick', mutant: true });
      if (r.verdict !== 'fails') survivors.push(`${s.id}/${c.name} (${c.mutantDescription}): ${r.verdict} — ${r.summary}`);
    }
    assert.deepEqual(survivors, []);
  });

  test('same seed, same results', () => {
    for (const s of LEMMA2_STEPS.filter((x) => ['L2.2', 'L2.16', 'L2.44', 'L2.52'].includes(x.id))) for (const c of s.checks) {
      const a = c.run({ seed: 7, mode: 'quick' }), b = c.run({ seed: 7, mode: 'quick' });
      assert.deepEqual(a, b, `${s.id}/${c.name} is deterministic`);
    }
  });
});
