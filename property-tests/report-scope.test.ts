/**
 * A verdict speaks only for the readings it was earned under (issue 13, 3):
 * the report names, per claim, the readings no check tested. Checked on the
 * registry itself: every claim's untested readings are exactly those no
 * registered check uses (`repaired` counts as tested where a check carries
 * a repair), and L1.2 — whose other neighbour counts gave seed-dependent
 * verdicts and are deliberately not registered — is reported as untested
 * under k = m.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checksFor, claims } from '../lib/claims/registry';
import type { CheckResult } from '../lib/claims/types';
import { readingScope } from '../lib/report/model';

const result = (reading: string, repair = false): CheckResult =>
  ({ claimId: 'X', check: 'c', reading, method: 'property', verdict: 'holds', expected: 'holds', summary: '', seed: 1, runs: 1, ...(repair ? { repair: { statement: 's', verdict: 'holds', runs: 1, seed: 1, summary: '' } } : {}) });

test('readingScope: tested readings in the claim’s order, untested ones named, repaired through a repair', () => {
  const readings = ['k=m', 'k=n-f-2', 'k=n-f', 'repaired'].map((id) => ({ id, description: id }));
  assert.deepEqual(readingScope({ readings, results: [result('k=n-f-2')] }), { tested: ['k=n-f-2'], untested: ['k=m', 'k=n-f', 'repaired'] });
  assert.deepEqual(readingScope({ readings, results: [result('k=n-f'), result('k=m', true)] }), { tested: ['k=m', 'k=n-f', 'repaired'], untested: ['k=n-f-2'] });
});

test('on the registry, the untested readings are those no check uses', () => {
  for (const c of claims()) {
    const checks = checksFor(c.id);
    if (checks.length === 0) continue;
    const used = new Set(checks.map((k) => k.reading));
    const scope = readingScope({ readings: c.readings, results: checks.map((k) => result(k.reading)) });
    assert.deepEqual(scope.untested.filter((r) => r !== 'repaired'), c.readings.map((r) => r.id).filter((r) => r !== 'repaired' && !used.has(r)), c.id);
  }
  // L1.2 is checked under every neighbour count (issue 13, item 3): none is left untested
  const l12 = claims().find((c) => c.id === 'L1.2')!;
  assert.deepEqual(readingScope({ readings: l12.readings, results: checksFor('L1.2').map((k) => result(k.reading)) }).untested, []);
});
