/**
 * Issue 13 (3): the Monte Carlo grid of Lemma 1 reaches the corners of the
 * lemma's hypotheses, and the omniscient adaptive attacker runs at every
 * corner setting of every check that reads the grid.
 *
 * The corners are derived here from the admissibility rules of the paper
 * (Section 2 and Lemma 1: f >= 0, n >= 2f + 3, 1 <= m <= n − f − 2; a score
 * sums over k of the n − 1 other vectors, under four readings of k), not
 * copied from lib/montecarlo/settings.ts: each parameter has two ends, each
 * pair of parameters must be seen at every combination of its ends that
 * some admissible setting can take, and the test fails naming any corner or
 * pair the quick grid lost. Cost: well under a second (no trial is run; the
 * attacks per setting are read from the units of work each check declares,
 * which property-tests/units.test.ts shows are exactly the ones it runs).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ALL_CHECKS } from '../lib/claims/registry';
import { expectationGrid, fewNeighboursGrid, type McSetting } from '../lib/montecarlo/settings';
import type { CheckContext } from '../lib/claims/types';

/** "Large" as the issue puts it: n = 51 or more; d = 1000 or more. */
const LARGE_N = 51;
const LARGE_D = 1000;

type Structure = Pick<McSetting, 'n' | 'f' | 'm' | 'k'>;

/** Lemma 1's hypotheses on (n, f, m), plus a neighbour count among the n − 1 others with at least one correct neighbour kept (k >= f + 1). */
function admissible(s: Structure): boolean {
  const int = [s.n, s.f, s.m, s.k].every(Number.isInteger);
  return int && s.f >= 0 && s.n >= 2 * s.f + 3 && s.m >= 1 && s.m <= s.n - s.f - 2 && s.k >= s.f + 1 && s.k <= s.n - 1;
}

/** The four readings of the neighbour count, as values of k. */
const K_OF: Record<string, (s: Structure) => number> = {
  'k = m': (s) => s.m,
  'k = n − f − 2': (s) => s.n - s.f - 2,
  'k = n − f − 1': (s) => s.n - s.f - 1,
  'k = n − f': (s) => s.n - s.f,
};

/** Each parameter's ends. Structural ones (n, f, m, k) constrain each other; d, tails and sin α are free. */
const ENDS: Record<string, Record<string, (s: McSetting) => boolean>> = {
  n: { 'n = 2f + 3 (smallest for f)': (s) => s.n === 2 * s.f + 3, [`n >= ${LARGE_N}`]: (s) => s.n >= LARGE_N },
  f: { 'f = 0': (s) => s.f === 0, 'f = (n − 3)/2 (largest for n)': (s) => 2 * s.f + 3 === s.n },
  m: { 'm = 1': (s) => s.m === 1, 'm = n − f − 2 (largest)': (s) => s.m === s.n - s.f - 2 },
  k: Object.fromEntries(Object.entries(K_OF).map(([name, k]) => [name, (s: McSetting) => s.k === k(s)])),
  d: { 'd = 1': (s) => s.d === 1, [`d >= ${LARGE_D}`]: (s) => s.d >= LARGE_D },
  tails: { 'light tails (uniform)': (s) => s.family === 'uniform', 'heavy tails (student-t3)': (s) => s.family === 'student-t3' },
  sinAlpha: { 'sin α <= 0.1': (s) => s.sinAlpha <= 0.1, 'sin α >= 0.95': (s) => s.sinAlpha >= 0.95 },
};
const STRUCTURAL = new Set(['n', 'f', 'm', 'k']);

/** Every admissible (n, f, m, k) with n <= 60, m at its two ends and k at its four readings. */
function admissibleStructures(): Structure[] {
  const out: Structure[] = [];
  for (let n = 3; n <= 60; n++) for (let f = 0; 2 * f + 3 <= n; f++) for (const m of [1, n - f - 2]) for (const k of Object.values(K_OF)) {
    const s = { n, f, m, k: k({ n, f, m, k: 0 }) };
    if (admissible(s)) out.push(s);
  }
  return out;
}
const STRUCTURES = admissibleStructures();

/** Whether some admissible setting has both ends (free parameters can take any value). */
function feasible(a: string, ea: string, b: string, eb: string): boolean {
  const free = { d: 1, sinAlpha: 0.5, family: 'gaussian', gNorm: 1 } as const;
  const ok = (p: string, e: string, s: McSetting) => !STRUCTURAL.has(p) || ENDS[p][e](s);
  return STRUCTURES.some((st) => { const s = { ...st, ...free } as McSetting; return ok(a, ea, s) && ok(b, eb, s); });
}

const quick = expectationGrid('quick');
const key = (s: McSetting) => `(n ${s.n}, f ${s.f}, m ${s.m}, k ${s.k}, d ${s.d}, sin α ${s.sinAlpha}, ${s.family})`;

test('every setting of the quick and full grids is admissible (k >= f + 1 keeps a correct neighbour)', () => {
  for (const mode of ['quick', 'full'] as const) {
    for (const s of expectationGrid(mode)) {
      assert.ok(admissible(s) && s.d >= 1 && s.sinAlpha > 0 && s.sinAlpha < 1, `${mode}: ${key(s)} is outside the hypotheses`);
    }
  }
});

test('the quick grid reaches every end of every parameter, and the three corners of (n, f)', () => {
  const missing: string[] = [];
  for (const [p, ends] of Object.entries(ENDS)) for (const [e, holds] of Object.entries(ends)) if (!quick.some(holds)) missing.push(`${p}: ${e}`);
  // (n, f) ranges over n >= 2f + 3, f >= 0: corners (3, 0), (large, 0), (large, (n − 3)/2)
  if (!quick.some((s) => s.n === 3 && s.f === 0)) missing.push('(n, f) = (3, 0), the smallest admissible setting');
  if (!quick.some((s) => s.n >= LARGE_N && s.f === 0)) missing.push(`(n, f) with n >= ${LARGE_N}, f = 0`);
  if (!quick.some((s) => s.n >= LARGE_N && s.n === 2 * s.f + 3)) missing.push(`(n, f) with n >= ${LARGE_N}, n = 2f + 3`);
  if (!quick.some((s) => s.f >= 1 && s.n === 2 * s.f + 3)) missing.push('n = 2f + 3 with f >= 1');
  assert.deepEqual(missing, []);
});

test('at each corner of (n, f), the quick grid has every reading of k that is admissible there, and both ends of m', () => {
  const corners: [string, (s: Structure) => boolean][] = [
    ['(3, 0)', (s) => s.n === 3 && s.f === 0],
    [`(n >= ${LARGE_N}, 0)`, (s) => s.n >= LARGE_N && s.f === 0],
    [`(n >= ${LARGE_N}, (n − 3)/2)`, (s) => s.n >= LARGE_N && s.n === 2 * s.f + 3],
  ];
  const missing: string[] = [];
  for (const [name, at] of corners) {
    for (const [reading, k] of Object.entries(K_OF)) {
      if (!STRUCTURES.some((s) => at(s) && s.k === k(s))) continue; // e.g. k = n − f at f = 0: a vector has n − 1 others
      if (!quick.some((s) => at(s) && s.k === k(s))) missing.push(`${name}: ${reading}`);
    }
    for (const [end, holds] of Object.entries(ENDS.m)) if (!quick.some((s) => at(s) && holds(s))) missing.push(`${name}: ${end}`);
  }
  assert.deepEqual(missing, []);
});

test('every pair of parameters is seen at every combination of its ends that an admissible setting can take', () => {
  const names = Object.keys(ENDS);
  const missing: string[] = [];
  let pairs = 0;
  for (let i = 0; i < names.length; i++) for (let j = i + 1; j < names.length; j++) {
    for (const [ea, ha] of Object.entries(ENDS[names[i]])) for (const [eb, hb] of Object.entries(ENDS[names[j]])) {
      if (!feasible(names[i], ea, names[j], eb)) continue;
      pairs++;
      if (!quick.some((s) => ha(s) && hb(s))) missing.push(`${ea} with ${eb}`);
    }
  }
  assert.ok(pairs >= 100, `only ${pairs} feasible pairs of ends: the enumeration is broken`);
  assert.deepEqual(missing, [], `pairs of ends the quick grid does not reach (${missing.length} of ${pairs})`);
});

test('the corner k = m < f has its own grid, holding the smallest such setting', () => {
  // The smallest admissible (n, f, m) with m < f, at d = 1: enumerated, not copied.
  let smallest: { n: number; f: number; m: number } | undefined;
  for (let n = 3; n <= 20 && !smallest; n++) for (let f = 0; 2 * f + 3 <= n && !smallest; f++) for (let m = 1; m <= n - f - 2 && !smallest; m++) if (m < f) smallest = { n, f, m };
  assert.deepEqual(smallest, { n: 7, f: 2, m: 1 });
  const few = fewNeighboursGrid('quick');
  assert.ok(few.some((s) => s.n === smallest!.n && s.f === smallest!.f && s.m === smallest!.m && s.k === s.m && s.d === 1), 'the smallest k = m < f setting is missing');
  assert.ok(few.every((s) => s.k === s.m && s.m < s.f && s.n >= 2 * s.f + 3 && s.m <= s.n - s.f - 2), 'every setting of the few-neighbours grid is k = m < f inside the hypotheses');
  assert.ok(few.some((s) => s.n >= LARGE_N), `the few-neighbours grid reaches n >= ${LARGE_N}`);
});

test('the adaptive attacker (both objectives) runs at every setting, corners included, of every Monte Carlo check of Lemma 1 and D3', () => {
  const ctx: CheckContext = { mode: 'quick', seed: 1, trials: 20 };
  const gridKeys = new Set([...quick, ...fewNeighboursGrid('quick')].map(key));
  const seen = new Set<string>();
  const problems: string[] = [];
  const lemma1 = ALL_CHECKS.filter((c) => c.method === 'monte-carlo' && c.units && /^(L1(\.\d+)?|D3)$/.test(c.claimId));
  assert.ok(lemma1.length >= 20, `only ${lemma1.length} Monte Carlo checks of Lemma 1`);
  for (const check of lemma1) {
    const attacksAt = new Map<string, Set<string>>();
    for (const u of check.units!(ctx)) {
      if (u.kind !== 'experiment-trials') continue;
      const spec = u.spec as { setting: McSetting; attack: { label: string; name: string } };
      const k = key(spec.setting);
      if (!gridKeys.has(k)) continue;
      attacksAt.set(k, (attacksAt.get(k) ?? new Set()).add(spec.attack.label));
    }
    for (const [k, attacks] of attacksAt) {
      seen.add(k);
      for (const a of ['adaptive', 'adaptive-distance']) if (!attacks.has(a)) problems.push(`${check.claimId}/${check.name} (${check.reading}) at ${k}: no ${a}`);
    }
  }
  assert.deepEqual(problems, []);
  // every setting of both grids is run by some check (so every corner meets the adaptive attacker)
  assert.deepEqual([...gridKeys].filter((k) => !seen.has(k)), []);
});
