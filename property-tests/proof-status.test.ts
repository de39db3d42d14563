/**
 * Failure propagation through the proof map (lib/proof/status.ts), on a
 * small synthetic proof: a premise that fails leaves the steps that use it
 * "unsupported" unless they are checked on their own and hold, which is a
 * different standing from "fails".
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dependents, stepStandings } from '../lib/proof/status';
import type { ProofStep, StepResult } from '../lib/proof/types';

const step = (id: string, premises: string[], readings = ['as-printed']): ProofStep => ({
  id, location: { section: 'test', lines: [1, 1], where: 'here' }, kind: 'implication', printed: id, premises,
  readings: readings.map((r) => ({ id: r, description: r })), checks: [],
});
const result = (stepId: string, verdict: StepResult['verdict'], reading = 'as-printed'): StepResult => ({
  stepId, reading, verdict, region: { text: 'n ∈ [3, 9]' }, method: 'exhaustive', summary: '', runs: 1, seed: 1,
});

// A → B → C → T, and A → D; E is a definition without a check.
const steps = [step('A', []), step('B', ['A']), step('C', ['B']), step('D', ['A']), step('E', []), step('T', ['C', 'D', 'E'], ['own', 'other'])];

test('a failing premise leaves unchecked or undecided dependents unsupported, and independently checked ones holding', () => {
  const s = stepStandings(steps, [result('A', 'holds'), result('B', 'fails'), result('D', 'holds'), result('T', 'holds', 'own'), result('T', 'fails', 'other')]);
  assert.equal(s.get('A')!.standing, 'holds');
  assert.equal(s.get('B')!.standing, 'fails');
  assert.equal(s.get('C')!.standing, 'unsupported', 'C has no check of its own and rests on B');
  assert.deepEqual(s.get('C')!.brokenPremises, ['B']);
  assert.equal(s.get('D')!.standing, 'holds');
  assert.equal(s.get('E')!.standing, 'unchecked');
  // T is judged under its first (the proof's own) reading, where it holds on its own; C's break is reported beside it.
  assert.equal(s.get('T')!.standing, 'holds');
  assert.equal(s.get('T')!.reading, 'own');
  assert.deepEqual(s.get('T')!.brokenPremises, ['C']);
});

test('without a failure nothing is unsupported; an inconclusive step under a broken premise is unsupported', () => {
  const fine = stepStandings(steps, [result('A', 'holds'), result('B', 'holds'), result('C', 'holds'), result('D', 'holds'), result('T', 'holds', 'own')]);
  assert.ok([...fine.values()].every((x) => x.standing !== 'unsupported' && x.brokenPremises.length === 0));
  const undecided = stepStandings(steps, [result('A', 'fails'), result('B', 'inconclusive')]);
  assert.equal(undecided.get('B')!.standing, 'unsupported');
  assert.equal(undecided.get('D')!.standing, 'unsupported');
  assert.equal(undecided.get('T')!.standing, 'unsupported');
});

test('a definition that uses a failing premise stays a definition, not unsupported', () => {
  const def = { ...step('Def', ['A']), kind: 'definition' as const, uncheckedBecause: 'defines a sequence' };
  const s = stepStandings([step('A', []), def, step('U', ['Def'])], [result('A', 'fails')]);
  assert.equal(s.get('Def')!.standing, 'unchecked');
  assert.equal(s.get('U')!.standing, 'unchecked', 'a step resting only on the definition is not made unsupported by it');
});

test('dependents invert premises', () => {
  const d = dependents(steps);
  assert.deepEqual(d.get('A'), ['B', 'D']);
  assert.deepEqual(d.get('C'), ['T']);
  assert.deepEqual(d.get('T'), []);
});
