/**
 * The claim registry against reference/claims.md: one entry per id, one to
 * one, in order, each with kind, group, readings, hypotheses (text and a
 * working predicate), source and known citation keys; and every id covered by
 * at least one check (this last test lists the ids still without one while
 * the Monte Carlo and simulation checks land).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLAIMS, CITED_KEYS } from '../lib/claims/statements';
import { ALL_CHECKS, claim, checksFor } from '../lib/claims/registry';
import { AdmissibilityError } from '../lib/errors';
import fc from 'fast-check';
import { configurationArb, lemmaParametersArb } from '../lib/claims/arbitraries';
import { ARBITRARY_DEFAULTS, configurationRegion, lemmaParametersRegion } from '../lib/claims/checks/region';

const CLAIMS_MD = readFileSync(join(__dirname, '..', '..', 'reference', 'claims.md'), 'utf8');
/** The second catalogue (issue 15): the robustness claims R1, R2, …, after those of claims.md. */
const ROBUSTNESS_MD = readFileSync(join(__dirname, '..', '..', 'reference', 'robustness-claims.md'), 'utf8');

/** Ids of claims.md in order: list items starting with an id such as D1, L1.10, T1.ii, T2.1. */
function idsOfClaimsMd(text: string): string[] {
  const ids: string[] = [];
  for (const line of text.split('\n')) {
    const m = /^\s*- ([A-Z]\d+(?:\.\d+|\.ii)?)[\s:(]/.exec(line);
    if (m) ids.push(m[1]);
  }
  return ids;
}

const KINDS = ['definition', 'deterministic', 'expectation', 'convergence', 'asymptotic'];
const GROUPS = ['definitions', 'eta', 'cone', 'moments', 'convergence', 'slowdown', 'leeway', 'robustness'];
const KNOWN_KEYS = ['blanchard2017krum', 'damaskinos2019aggregathor', 'elmhamdi2018bulyan', 'bottou1998online', 'yin2018median', 'baruch2019alie', 'xie2019fall', 'pillutla2022rfa', 'fisk1965quasimartingales', 'allouah2023fixing', 'bareilles2026multikrum'];

test('the parser finds the 28 ids of claims.md (sanity of the reference copy)', () => {
  const ids = idsOfClaimsMd(CLAIMS_MD);
  assert.equal(ids.length, 28);
  assert.deepEqual(ids.slice(0, 4), ['D1', 'D2', 'D3', 'F1']);
  assert.ok(ids.includes('T1.ii') && ids.includes('L1.12') && ids.includes('T2.1') && ids.includes('A1'));
});

test('the parser finds R1 … R4 in robustness-claims.md, and only R ids there', () => {
  const ids = idsOfClaimsMd(ROBUSTNESS_MD);
  assert.deepEqual(ids, ['R1', 'R2', 'R3', 'R4']);
});

test('the registry holds every id of claims.md, then of robustness-claims.md, one to one, in order', () => {
  const expected = [...idsOfClaimsMd(CLAIMS_MD), ...idsOfClaimsMd(ROBUSTNESS_MD)];
  const actual = CLAIMS.map((c) => c.id);
  assert.equal(new Set(actual).size, actual.length, `duplicate ids: ${actual.filter((x, i) => actual.indexOf(x) !== i)}`);
  const missing = expected.filter((id) => !actual.includes(id));
  const invented = actual.filter((id) => !expected.includes(id));
  assert.deepEqual(missing, [], `ids of claims.md missing from the registry: ${missing.join(', ')}`);
  assert.deepEqual(invented, [], `registry ids not in claims.md: ${invented.join(', ')}`);
  assert.deepEqual(actual, expected);
});

test('every claim has a kind, a group, readings, hypotheses, a statement, a source and known citations', () => {
  for (const c of CLAIMS) {
    assert.ok(KINDS.includes(c.kind), `${c.id}: kind ${c.kind}`);
    assert.ok(GROUPS.includes(c.group), `${c.id}: group ${c.group}`);
    assert.ok(c.readings.length >= 1, `${c.id}: no reading`);
    assert.equal(new Set(c.readings.map((r) => r.id)).size, c.readings.length, `${c.id}: duplicate reading ids`);
    for (const r of c.readings) assert.ok(r.id && r.description, `${c.id}: empty reading`);
    assert.ok(c.hypotheses.text.length > 10, `${c.id}: hypotheses text`);
    assert.equal(typeof c.hypotheses.holds({}), 'boolean', `${c.id}: predicate on no parameters`);
    assert.ok(c.statement.length > 40 && c.title && c.source, `${c.id}: statement, title, source`);
    assert.ok(c.cites.length >= 1 && c.cites.every((k) => KNOWN_KEYS.includes(k)), `${c.id}: cites ${c.cites}`);
  }
  assert.deepEqual([...CITED_KEYS].sort(), [...new Set(CLAIMS.flatMap((c) => c.cites))].sort());
});

test('hypothesis predicates encode the printed ranges (boundary cases included)', () => {
  const L1 = claim('L1'), T1 = claim('T1'), T2 = claim('T2');
  // Lemma 1: 2f + 2 < n. n = 7, f = 2 is inside; n = 6, f = 2 is the boundary 2f + 2 = n, outside.
  assert.equal(L1.hypotheses.holds({ n: 7, f: 2 }), true);
  assert.equal(L1.hypotheses.holds({ n: 6, f: 2 }), false);
  // Section 2 admits n = 2f + 2 (f <= (n − 2)/2): T1's predicate accepts what L1's rejects.
  assert.equal(T1.hypotheses.holds({ n: 6, f: 2 }), true);
  // m beyond n − f − 2 is outside.
  assert.equal(L1.hypotheses.holds({ n: 7, f: 1, m: 5 }), false);
  assert.equal(L1.hypotheses.holds({ n: 7, f: 1, m: 4 }), true);
  // η√dσ < ‖g‖ with η² as printed at (7, 1, m = 4) = 33/2: √(16.5·10)·0.1 ≈ 1.28 < 20 but √(16.5·10)·1 ≈ 12.8 > 2.
  assert.equal(L1.hypotheses.holds({ n: 7, f: 1, d: 10, sigma: 0.1, gNorm: 20 }), true);
  assert.equal(L1.hypotheses.holds({ n: 7, f: 1, d: 10, sigma: 1, gNorm: 2 }), false);
  // Section 3: f <= (n − 3)/4, i.e. n >= 4f + 3.
  assert.equal(T2.hypotheses.holds({ n: 7, f: 1 }), true);
  assert.equal(T2.hypotheses.holds({ n: 6, f: 1 }), false);
  // non-integers are outside
  assert.equal(L1.hypotheses.holds({ n: 7.5, f: 1 }), false);
});

test('an unknown claim id is a one-line AdmissibilityError naming the known ids', () => {
  assert.throws(() => claim('L9'), (e: unknown) => e instanceof AdmissibilityError && /claim registry needs a known claim id \(D1, /.test(e.message) && /got id = L9/.test(e.message));
});

test('every registered check names a claim of the registry and is unique by (claim, name, reading)', () => {
  const ids = new Set(CLAIMS.map((c) => c.id));
  const keys = ALL_CHECKS.map((c) => `${c.claimId}|${c.name}|${c.reading}`);
  for (const c of ALL_CHECKS) assert.ok(ids.has(c.claimId), `check ${c.name} registered under unknown id ${c.claimId}`);
  assert.equal(new Set(keys).size, keys.length, `duplicate checks: ${keys.filter((k, i) => keys.indexOf(k) !== i)}`);
});

test('every claim has at least one check (lists the ids still without one)', () => {
  const without = CLAIMS.filter((c) => checksFor(c.id).length === 0).map((c) => c.id);
  assert.deepEqual(without, [], `claims without any check yet: ${without.join(', ')}`);
});

// The regions every check's result states are tested in units.test.ts, in its one pass over every check.

test('issue 13 (3): the arbitraries stay inside the regions their checks state (defaults of lib/claims/arbitraries.ts)', () => {
  const c = ARBITRARY_DEFAULTS;
  for (const cfg of fc.sample(configurationArb({}), { numRuns: 500, seed: 7 })) {
    assert.ok(cfg.f >= c.minF && cfg.f <= c.maxF, `f = ${cfg.f}`);
    assert.ok(cfg.n >= 2 * cfg.f + 3 && cfg.n <= 2 * cfg.f + 3 + c.maxExtra, `n = ${cfg.n}, f = ${cfg.f}`);
    assert.ok(cfg.m >= 1 && cfg.m <= cfg.n - cfg.f - 2, `m = ${cfg.m}`);
    assert.ok(cfg.d >= 1 && cfg.d <= c.maxD, `d = ${cfg.d}`);
    const correct = cfg.vectors.filter((_, i) => !cfg.byzantine.includes(i));
    assert.ok(correct.every((v) => v.every((x) => Number.isInteger(x) && Math.abs(x) <= c.coordinate)), 'correct coordinates');
  }
  for (const p of fc.sample(lemmaParametersArb(), { numRuns: 300, seed: 7 })) {
    assert.ok(p.f <= 20 && p.n >= 2 * p.f + 3 && p.n <= 2 * p.f + 43 && p.m >= 1 && p.m <= p.n - p.f - 2, JSON.stringify(p));
  }
  assert.equal(configurationRegion({ reading: 'k=m', m: 'tilde', maxD: 2 }).split('; ')[0], 'f ∈ [0, 3], n ∈ [2f + 3, 2f + 7], m = m̃ = n − f − 2, k = m, d ∈ [1, 2], correct coordinates integers in [−8, 8]');
  assert.equal(lemmaParametersRegion(), 'f ∈ [0, 20], n ∈ [2f + 3, 2f + 43], m ∈ [1, n − f − 2]');
});
