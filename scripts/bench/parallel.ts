/**
 * Worker-thread throughput rows of the benchmark, each with 1 and 2 threads
 * and a check that the results are identical:
 *
 * - the Monte Carlo suite (every Monte Carlo check of the registry, quick
 *   mode) on lib/parallel's pool — trials per second, counting each distinct
 *   trial once (the units of work of the selection: chunks of trials the
 *   pool computes once, on whichever thread is free, and shares between the
 *   checks that use them);
 * - the Lemma 1 checks alone (claim L1), the same way;
 * - SGD: independent runs of lib/sgd's simulator (AGGREGATHOR on the rippled
 *   bowl, d = 1,000, n = 11, f = 2, one run per seed) split over threads —
 *   steps per second.
 *
 * The modules are loaded at run time, so the benchmark still builds and runs
 * (printing "not measured") where one of them is absent or has changed.
 */
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';

export interface ParallelRow {
  what: string;
  unit: string;
  perSecond1: number | null;
  perSecond2: number | null;
  speedup: number | null;
  identical: boolean | null;
  note?: string;
}

type Loose = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function load(path: string): Loose | null {
  try {
    return require(path) as Loose; // eslint-disable-line @typescript-eslint/no-require-imports
  } catch {
    return null;
  }
}

const absent = (what: string, unit: string, note: string): ParallelRow => ({ what, unit, perSecond1: null, perSecond2: null, speedup: null, identical: null, note });

async function suiteRow(what: string, select: (check: Loose) => boolean, seed: number): Promise<ParallelRow> {
  const pool = load('../../lib/parallel/pool'), source = load('../../lib/parallel/registrySource'), mc = load('../../lib/claims/checks/montecarlo');
  if (!pool?.runChecks || !source?.loadRegistry || !mc?.MONTECARLO_CHECKS) return absent(what, 'trials/s', 'not measured: module absent (lib/parallel or lib/claims/checks/montecarlo)');
  const registry = source.loadRegistry();
  const mcIds = new Set((mc.MONTECARLO_CHECKS as Loose[]).map((c) => `${c.claimId}|${c.name}|${c.reading}`));
  const tasks = (registry.checks as Loose[])
    .map((c, registryIndex) => ({ c, registryIndex }))
    .filter(({ c }) => mcIds.has(`${c.claimId}|${c.name}|${c.reading}`) && select(c))
    .map(({ c, registryIndex }, index) => ({ index, registryIndex, claimId: c.claimId, name: c.name, reading: c.reading, ctx: { mode: 'quick', seed } }));
  if (tasks.length === 0) return absent(what, 'trials/s', 'not measured: no such checks registered');
  const run = async (jobs: number) => {
    let trials = 0;
    const t0 = process.hrtime.bigint();
    const outcomes = (await pool.runChecks(registry, tasks, { jobs, onPlan: (units: Loose[]) => {
      trials = units.reduce((a, u) => a + (typeof u.spec?.from === 'number' ? u.spec.to - u.spec.from : 0), 0);
    } })) as Loose[];
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const results = outcomes.map((o) => o.result);
    return { seconds, trials, json: JSON.stringify(results) };
  };
  const one = await run(1), two = await run(2);
  return {
    what: `${what} (${tasks.length} checks)`, unit: 'trials/s',
    perSecond1: one.trials / one.seconds, perSecond2: two.trials / two.seconds, speedup: one.seconds / two.seconds, identical: one.json === two.json,
  };
}

interface SgdJob { seeds: number[]; steps: number; d: number; n: number; f: number; rule: string }

async function sgdRow(quick: boolean): Promise<ParallelRow> {
  const what = 'SGD runs (AGGREGATHOR, rippled bowl, d = 1000, n = 11, f = 2)';
  if (!load('../../lib/sgd/simulate')?.simulate || !load('../../lib/problems/rippledBowl')?.rippledBowl) return absent(what, 'steps/s', 'not measured: module absent (lib/sgd or lib/problems)');
  const job: SgdJob = { seeds: Array.from({ length: quick ? 4 : 8 }, (_, i) => i + 1), steps: quick ? 200 : 500, d: 1000, n: 11, f: 2, rule: 'aggregathor' };
  const inWorkers = async (threads: number) => {
    const parts = Array.from({ length: threads }, (_, w) => job.seeds.filter((_, i) => i % threads === w));
    const t0 = process.hrtime.bigint();
    const answers = await Promise.all(parts.map((seeds) => new Promise<Record<number, number[]>>((resolve, reject) => {
      const worker = new Worker(join(__dirname, 'sgdWorker.js'), { workerData: { ...job, seeds } });
      worker.once('message', resolve);
      worker.once('error', reject);
    })));
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const bySeed: Record<number, number[]> = Object.assign({}, ...answers);
    return { seconds, json: JSON.stringify(job.seeds.map((s) => bySeed[s])) };
  };
  try {
    const one = await inWorkers(1), two = await inWorkers(2);
    const steps = job.seeds.length * job.steps;
    return { what, unit: 'steps/s', perSecond1: steps / one.seconds, perSecond2: steps / two.seconds, speedup: one.seconds / two.seconds, identical: one.json === two.json };
  } catch (e) {
    return absent(what, 'steps/s', `not measured: ${(e as Error).message.slice(0, 160)}`);
  }
}

export async function measureParallel(quick: boolean, seed: number): Promise<ParallelRow[]> {
  const rows: ParallelRow[] = [];
  for (const [what, select] of [
    ['Monte Carlo suite, quick', () => true],
    ['Lemma 1 checks (L1), quick', (c: Loose) => c.claimId === 'L1'],
  ] as [string, (c: Loose) => boolean][]) {
    try {
      rows.push(await suiteRow(what, select, seed));
    } catch (e) {
      rows.push(absent(what, 'trials/s', `not measured: ${(e as Error).message.slice(0, 160)}`));
    }
  }
  rows.push(await sgdRow(quick));
  return rows;
}
