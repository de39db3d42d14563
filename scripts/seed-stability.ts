/**
 * Seed stability of the verdicts (issue 13, item 4): runs the statistical
 * checks of the registry (Monte Carlo and simulation) in quick mode at many
 * consecutive seeds and prints, for each check, how many seeds gave a verdict
 * other than the registry's expectation. A check whose verdict depends on the
 * seed shows up here; the claim that "quick mode gives the expected verdicts"
 * is only as good as this count.
 *
 *     node dist/scripts/seed-stability.js [--from 1] [--seeds 100] [--jobs 2] [--only ids] [--methods monte-carlo,simulation] [--json FILE]
 *     node dist/scripts/seed-stability.js --proof-map [--from 1] [--seeds 100]
 *
 * Each seed is one run of the selected checks on the worker pool (units
 * shared within a seed, as in `npm start`). The output ends with one line:
 * `seed stability: N seeds × K checks, D differing verdicts (at seeds …)`,
 * and the exit status is 1 when D > 0.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import { parseArgs } from 'node:util';
import type { CheckContext } from '../lib/claims/types';
import { runChecks } from '../lib/parallel/pool';
import { loadRegistry } from '../lib/parallel/registrySource';
import type { CheckTask } from '../lib/parallel/task';

async function main(): Promise<number> {
  // --proof-map: the proof map's step checks instead of the registry's statistical checks.
  const { values } = parseArgs({
    options: {
      from: { type: 'string', default: '1' },
      seeds: { type: 'string', default: '100' },
      jobs: { type: 'string', default: String(os.availableParallelism()) },
      only: { type: 'string' },
      methods: { type: 'string', default: 'monte-carlo,simulation' },
      json: { type: 'string' },
      'proof-map': { type: 'boolean', default: false },
    },
  });
  if (values['proof-map']) return proofMapStability(Number(values.from), Number(values.seeds));
  const from = Number(values.from), count = Number(values.seeds), jobs = Number(values.jobs);
  const methods = new Set(values.methods!.split(','));
  const only = values.only ? new Set(values.only.split(',')) : undefined;
  const registry = loadRegistry();
  const checks = registry.checks.filter((c) => methods.has(c.method) && (!only || only.has(c.claimId)));
  if (checks.length === 0) throw new Error('no check selected');
  const differing = new Map<string, number[]>();
  const started = Date.now();
  for (let seed = from; seed < from + count; seed++) {
    const ctx: CheckContext = { mode: 'quick', seed };
    const tasks: CheckTask[] = checks.map((c, index) => ({ index, registryIndex: registry.checks.indexOf(c), claimId: c.claimId, name: c.name, reading: c.reading, ctx }));
    const outcomes = await runChecks(registry, tasks, { jobs });
    const off = outcomes.filter((o) => o.result.verdict !== o.result.expected);
    for (const o of off) {
      const key = `${o.result.claimId} / ${o.result.check} (${o.result.reading})`;
      differing.set(key, [...(differing.get(key) ?? []), seed]);
    }
    const elapsed = (Date.now() - started) / 1000;
    process.stderr.write(`seed ${seed}: ${off.length} differing of ${outcomes.length}${off.length ? ` (${off.map((o) => `${o.result.claimId}/${o.result.check}: ${o.result.verdict}`).join(', ')})` : ''}; ${elapsed.toFixed(0)} s so far\n`);
  }
  const total = [...differing.values()].reduce((a, s) => a + s.length, 0);
  const rows = checks.map((c) => {
    const key = `${c.claimId} / ${c.name} (${c.reading})`;
    return { check: key, method: c.method, expected: c.expected, differingSeeds: differing.get(key) ?? [] };
  });
  process.stdout.write(`check${' '.repeat(60)}expected  differing seeds\n`);
  for (const r of rows) process.stdout.write(`${r.check.padEnd(65)}${r.expected.padEnd(10)}${r.differingSeeds.length}${r.differingSeeds.length ? ` (${r.differingSeeds.join(', ')})` : ''}\n`);
  const seedsWithAny = new Set(rows.flatMap((r) => r.differingSeeds));
  process.stdout.write(`seed stability: ${count} seeds (${from}..${from + count - 1}) × ${checks.length} checks, ${total} differing verdicts, at ${seedsWithAny.size} seed(s)${seedsWithAny.size ? `: ${[...seedsWithAny].sort((a, b) => a - b).join(', ')}` : ''}; ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  if (values.json) fs.writeFileSync(values.json, `${JSON.stringify({ from, seeds: count, checks: rows }, null, 1)}\n`);
  return total > 0 ? 1 : 0;
}

/**
 * The proof map's step checks at consecutive seeds (one thread; about 6 s a
 * seed): for each check, the seeds whose verdict differs from its expectation.
 */
function proofMapStability(from: number, count: number): number {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { PROOF_MAP, runStepCheck } = require('../lib/proof') as typeof import('../lib/proof');
  const differing = new Map<string, number[]>();
  let checks = 0;
  const started = Date.now();
  for (let seed = from; seed < from + count; seed++) {
    checks = 0;
    for (const step of PROOF_MAP)
      for (const c of step.checks) {
        checks++;
        const r = runStepCheck(step, c, { seed, mode: 'quick' });
        if (r.verdict !== c.expected) {
          const key = `${step.id} / ${c.name} (${c.reading})`;
          differing.set(key, [...(differing.get(key) ?? []), seed]);
        }
      }
    process.stderr.write(`seed ${seed}: ${[...differing.values()].filter((s) => s.includes(seed)).length} differing; ${((Date.now() - started) / 1000).toFixed(0)} s so far\n`);
  }
  for (const [key, seeds] of differing) process.stdout.write(`${key}: ${seeds.length} seed(s): ${seeds.join(', ')}\n`);
  const total = [...differing.values()].reduce((a, s) => a + s.length, 0);
  process.stdout.write(`proof-map seed stability: ${count} seeds (${from}..${from + count - 1}) × ${checks} step checks, ${total} differing verdicts; ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  return total > 0 ? 1 : 0;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
