/**
 * CSVs a user can plot directly (issue 14): a table whose `setting` column
 * packs a Monte Carlo setting gets one column per parameter (n, f, m, k, d,
 * sin α, noise family, r). Checked against the producer of those strings,
 * settingKey, over generated settings (fast-check, seed 14, 300 runs), so the
 * parser cannot drift from it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { settingKey, type McSetting } from '../lib/montecarlo/settings';
import { NOISE_FAMILIES } from '../lib/random/distributions';
import { expandSettings, parseSetting, resultCsvFiles } from '../lib/report/csv';

const settingArb: fc.Arbitrary<McSetting> = fc.record({
  n: fc.integer({ min: 3, max: 200 }), f: fc.integer({ min: 0, max: 60 }), m: fc.integer({ min: 1, max: 150 }), k: fc.integer({ min: 1, max: 199 }),
  d: fc.integer({ min: 1, max: 1_000_000 }), sinAlpha: fc.double({ min: 0.001, max: 0.999, noNaN: true }), family: fc.constantFrom(...NOISE_FAMILIES), gNorm: fc.constant(1),
});

test('every setting key parses back to its parameters, with or without a moment order r', () => {
  fc.assert(fc.property(settingArb, fc.option(fc.integer({ min: 2, max: 4 }), { nil: undefined }), (s, r) => {
    const key = settingKey(s) + (r === undefined ? '' : `,r=${r}`);
    assert.deepEqual(parseSetting(key), { n: s.n, f: s.f, m: s.m, k: s.k, d: s.d, sinα: s.sinAlpha, family: s.family, ...(r === undefined ? {} : { r }) });
  }), { seed: 14, numRuns: 300 });
});

test('a table with packed settings becomes one column per parameter; other tables stay as they are', () => {
  const t = expandSettings(['setting', 'attack', 'measured'], [['n=7,f=2,m=3,k=3,d=10,sinα=0.95,gaussian', 'alie', 0.5], ['n=11,f=2,m=7,k=8,d=30,sinα=0.5,student-t3,r=2', 'ipm', 1.5]]);
  assert.deepEqual(t.columns, ['n', 'f', 'm', 'k', 'd', 'sin α', 'noise family', 'r', 'attack', 'measured']);
  assert.deepEqual(t.rows[1], [11, 2, 7, 8, 30, 0.5, 'student-t3', 2, 'ipm', 1.5]);
  assert.deepEqual(expandSettings(['setting', 'x'], [['quadratic (σ = 1)', 1]]), { columns: ['setting', 'x'], rows: [['quadratic (σ = 1)', 1]] });
  const files = resultCsvFiles({ claimId: 'L1', check: 'c', reading: 'r', method: 'monte-carlo', verdict: 'holds', expected: 'holds', summary: '', seed: 1, runs: 1, table: { columns: ['setting', 'tightness'], rows: [['n=7,f=2,m=3,k=3,d=10,sinα=0.95,gaussian', 0.2]] } });
  assert.equal(files[0].text, 'n,f,m,k,d,sin α,noise family,tightness\n7,2,3,3,10,0.95,gaussian,0.2\n');
});
