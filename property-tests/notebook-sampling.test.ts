/**
 * Within one notebook, the cells whose checks share units of work (the
 * Lemma 1 grid's trials, the leeway trials, the SGD runs, …) pass the same
 * settings, so the notebook computes each set of trials once. Notebook 07
 * once showed L1 with 24 sampled trials and L1.3 with the quick mode's own:
 * every execution computed the quick grid's trials for that one cell (30 s),
 * and the unit folder the notebook tests share could not help.
 *
 * Read from the notebooks' sources: each `show`, `showErratum` or `runClaim`
 * call, its claim id, the settings object it starts from (`quick`,
 * `{ ...sampled, … }`) and the checks it selects (`checks`, `except`); the
 * unit kinds are those the selected checks declare.
 *
 * Run: npm run build && node --test dist/property-tests/notebook-sampling.test.js
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { checksFor } from '../lib/claims/registry';
import { notebookPaths } from './support/notebooks';

interface ClaimCall {
  cell: number;
  id: string;
  base: string;
  checks?: string[];
  except?: string[];
}

const names = (list: string | undefined) => list?.split(',').map((s) => s.trim().replace(/^'|'$/g, '')).filter(Boolean);

/** The claim calls of a notebook's code cells. */
function claimCalls(source: { cells: { cell_type: string; source: string | string[] }[] }): ClaimCall[] {
  const out: ClaimCall[] = [];
  source.cells.forEach((cell, index) => {
    if (cell.cell_type !== 'code') return;
    const code = Array.isArray(cell.source) ? cell.source.join('') : cell.source;
    for (const m of code.matchAll(/\b(?:show|showErratum|runClaim)\('([^']+)',\s*(?:\{\s*\.\.\.(\w+)([^}]*)\}|(\w+))/g)) {
      const rest = m[3] ?? '';
      out.push({ cell: index, id: m[1], base: m[2] ?? m[4], checks: names(/checks:\s*\[([^\]]*)\]/.exec(rest)?.[1]), except: names(/except:\s*\[([^\]]*)\]/.exec(rest)?.[1]) });
    }
  });
  return out;
}

/** The unit kinds the checks a call selects declare (quick mode; the kinds do not depend on the seed). */
function unitKinds(call: ClaimCall): string[] {
  const chosen = checksFor(call.id).filter((c) => (!call.checks || call.checks.includes(c.name)) && !(call.except ?? []).includes(c.name));
  return [...new Set(chosen.flatMap((c) => (c.units ? c.units({ mode: 'quick', seed: 1 }).map((u) => u.kind) : [])))];
}

/** Per unit kind, the settings objects the notebook's calls of that kind start from, with the cells. */
function basesByKind(calls: ClaimCall[]): Map<string, Map<string, string[]>> {
  const byKind = new Map<string, Map<string, string[]>>();
  for (const call of calls) {
    for (const kind of unitKinds(call)) {
      const bases = byKind.get(kind) ?? new Map<string, string[]>();
      bases.set(call.base, [...(bases.get(call.base) ?? []), `${call.id} (cell ${call.cell})`]);
      byKind.set(kind, bases);
    }
  }
  return byKind;
}

test('in every notebook, the cells that share units of work start from the same settings', () => {
  const problems: string[] = [];
  let calls = 0;
  for (const file of notebookPaths()) {
    const found = claimCalls(JSON.parse(readFileSync(file, 'utf8')));
    calls += found.length;
    for (const [kind, bases] of basesByKind(found)) {
      if (bases.size > 1) problems.push(`${path.basename(file)}: units "${kind}" from ${[...bases].map(([b, cells]) => `${b}: ${cells.join(', ')}`).join(' and ')}`);
    }
  }
  assert.ok(calls >= 45, `only ${calls} claim calls read from the notebooks: has the way they call changed?`);
  assert.deepEqual(problems, []);
});

test('the rule catches notebook 07 as it was: L1 sampled, L1.3 at the quick mode\'s own trials', () => {
  const cells = [
    "const settings = { mode: 'quick', seed: 1 };\nconst sampled = { ...settings, sampleTrials: 24 };",
    "await showErratum('L1', sampled);",
    "await showErratum('L1.3', settings);",
    // an exact check of a claim with Monte Carlo checks shares no units: any settings will do
    "const [printed] = (await runClaim('L1.8', { ...settings, checks: ['sum-equals-eta-printed'] }));",
  ].map((source) => ({ cell_type: 'code', source }));
  const byKind = basesByKind(claimCalls({ cells }));
  assert.deepEqual([...(byKind.get('experiment-trials')?.keys() ?? [])].sort(), ['sampled', 'settings']);
  assert.deepEqual(byKind.get('experiment-trials')?.get('settings'), ['L1.3 (cell 2)'], 'the exact L1.8 check is not counted');
});
