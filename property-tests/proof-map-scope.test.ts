/**
 * The notebook's proof map (lib/notebook/proofMap) runs the steps' own
 * checks only, while the report and `coverage --run` also have the claim
 * registry's results: the notebook must say which steps stand as unchecked
 * for that reason, or its counts read as contradicting the report's.
 *
 * Run: npm run build && node --test dist/property-tests/proof-map-scope.test.js
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { failingStepsHtml } from '../lib/notebook/proofMap';
import { PROOF_MAP } from '../lib/proof';
import { buildProofMapReport } from '../lib/proof/report';
import type { StepResult } from '../lib/proof/types';

/** Every step check holding under its own reading, in map order (what buildProofMapReport reads; nothing is run). */
const allHold: StepResult[] = PROOF_MAP.flatMap((s) => s.checks.map((c) => ({ stepId: s.id, reading: c.reading, verdict: 'holds' as const, region: { text: 'synthetic' } as never, method: 'property', summary: '', runs: 1, seed: 1 })));

const SCOPE = /From the steps' own checks only: the (\d+) steps whose evidence is a claim-registry check \(([^)]*)\)/;

test('without registry results, the notebook names every step that rests on a registry check alone', () => {
  const pm = buildProofMapReport(PROOF_MAP, allHold);
  const m = SCOPE.exec(failingStepsHtml(pm));
  assert.ok(m, 'the scope sentence is there');
  const named = m[2].split(', ');
  // A step with checks of its own stands on them; one with registry checks alone has no evidence here.
  const expected = PROOF_MAP.filter((s) => (s.registryChecks ?? []).length > 0 && s.checks.length === 0).map((s) => s.id);
  assert.ok(expected.length > 0);
  assert.deepEqual([...named].sort(), [...expected].sort());
  assert.equal(Number(m[1]), expected.length);
});

test('with registry evidence in the report, the sentence is not there', () => {
  const pm = buildProofMapReport(PROOF_MAP, allHold);
  const step = pm.steps.find((s) => (PROOF_MAP.find((p) => p.id === s.id)?.registryChecks ?? []).length > 0)!;
  step.evidence.push({ stepId: step.id, reading: step.standingReading, verdict: 'holds', region: { text: 'test' }, check: 'registry:X/y', expected: 'holds' } as never);
  assert.doesNotMatch(failingStepsHtml(pm), SCOPE);
});
