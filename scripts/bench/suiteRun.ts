/**
 * Child process of the benchmark's Monte Carlo rows: runs a selection of the
 * registry's Monte Carlo checks on lib/parallel's pool with `jobs` workers
 * and prints one JSON line — wall seconds, distinct trials (the trials of the
 * units of work, each counted once) and a digest of the results (to compare
 * thread counts). Run in its own process so that each measurement starts
 * cold and gets the V8 flags the CLI would run with (main.ts re-runs itself
 * with --single-threaded-gc for two workers or more).
 *
 *     node [--single-threaded-gc] dist/scripts/bench/suiteRun.js '{"jobs":2,"seed":1,"claim":"L1"}'
 */
import { createHash } from 'node:crypto';
import { runChecks } from '../../lib/parallel/pool';
import { loadRegistry } from '../../lib/parallel/registrySource';
import { MONTECARLO_CHECKS } from '../../lib/claims/checks/montecarlo';

const { jobs, seed, claim } = JSON.parse(process.argv[2]) as { jobs: number; seed: number; claim?: string };
const registry = loadRegistry();
const ids = new Set(MONTECARLO_CHECKS.map((c) => `${c.claimId}|${c.name}|${c.reading}`));
const tasks = registry.checks
  .map((c, registryIndex) => ({ c, registryIndex }))
  .filter(({ c }) => ids.has(`${c.claimId}|${c.name}|${c.reading}`) && (claim === undefined || c.claimId === claim))
  .map(({ c, registryIndex }, index) => ({ index, registryIndex, claimId: c.claimId, name: c.name, reading: c.reading, ctx: { mode: 'quick' as const, seed } }));

let trials = 0;
const started = process.hrtime.bigint();
void runChecks(registry, tasks, {
  jobs,
  onPlan: (units) => {
    trials = units.reduce((a, u) => {
      const s = u.spec as { from?: unknown; to?: unknown };
      return a + (typeof s.from === 'number' && typeof s.to === 'number' ? s.to - s.from : 0);
    }, 0);
  },
}).then((outcomes) => {
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const digest = createHash('sha256').update(JSON.stringify(outcomes.map((o) => o.result))).digest('hex');
  process.stdout.write(`${JSON.stringify({ seconds, trials, checks: tasks.length, digest })}\n`);
});
