/**
 * Worker-thread throughput rows of the benchmark, each with 1 and 2 threads
 * and a check that the results are identical:
 *
 * - the Monte Carlo suite (every Monte Carlo check of the registry, quick
 *   mode) on lib/parallel's pool — trials per second, counting each distinct
 *   trial once (the units of work of the selection: chunks of trials the
 *   pool computes once, on whichever thread is free, and shares between the
 *   checks that use them); each run is a fresh child process (suiteRun.ts)
 *   with the V8 flags the CLI would use;
 * - the Lemma 1 checks alone (claim L1), the same way;
 * - SGD: independent runs of lib/sgd's simulator (AGGREGATHOR on the rippled
 *   bowl, d = 1,000, n = 11, f = 2, one run per seed) split over threads —
 *   steps per second.
 *
 * The modules are loaded at run time, so the benchmark still builds and runs
 * (printing "not measured") where one of them is absent or has changed.
 */
import { spawnSync } from 'node:child_process';
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

interface SuiteRun { seconds: number; trials: number; checks: number; digest: string }

/** One cold run of the selection in a child process, with the given V8 flags. */
function suiteRun(jobs: number, seed: number, claim: string | undefined, flags: string[]): SuiteRun {
  const r = spawnSync(process.execPath, [...flags, join(__dirname, 'suiteRun.js'), JSON.stringify({ jobs, seed, claim })], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`suite run failed (${r.status}): ${(r.stderr || '').split('\n')[0]}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as SuiteRun;
}

/**
 * The Monte Carlo suite with 1 and 2 workers, each run as the CLI runs it:
 * one worker with the default collector, two with --single-threaded-gc (see
 * lib/cli/main.ts for why). The two-worker time with the default collector
 * is measured too and given in the row's label.
 */
async function suiteRow(what: string, claim: string | undefined, seed: number): Promise<ParallelRow> {
  if (!load('../../lib/parallel/pool')?.runChecks) return absent(what, 'trials/s', 'not measured: lib/parallel absent');
  const one = suiteRun(1, seed, claim, []);
  const twoDefault = suiteRun(2, seed, claim, []);
  const two = suiteRun(2, seed, claim, ['--single-threaded-gc']);
  return {
    what: `${what} (${one.checks} checks, ${one.trials} distinct trials; 2 workers with --single-threaded-gc as the CLI runs them — with the default collector: ${(one.seconds / twoDefault.seconds).toFixed(2)}×)`,
    unit: 'trials/s',
    perSecond1: one.trials / one.seconds, perSecond2: two.trials / two.seconds, speedup: one.seconds / two.seconds,
    identical: one.digest === two.digest && one.digest === twoDefault.digest,
  };
}

interface SgdJob { seeds: number[]; steps: number; d: number; n: number; f: number; rule: string }

async function sgdRow(quick: boolean): Promise<ParallelRow> {
  const what = 'SGD runs (AGGREGATHOR, rippled bowl, d = 1000, n = 11, f = 2)';
  if (!load('../../lib/sgd/simulate')?.simulate || !load('../../lib/problems/rippledBowl')?.rippledBowl) return absent(what, 'steps/s', 'not measured: module absent (lib/sgd or lib/problems)');
  // Enough work per worker (seconds, not the ~0.3 s a worker takes to start and load the library) for a throughput.
  const job: SgdJob = { seeds: Array.from({ length: 8 }, (_, i) => i + 1), steps: quick ? 500 : 1000, d: 1000, n: 11, f: 2, rule: 'aggregathor' };
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
  for (const [what, claim] of [
    ['Monte Carlo suite, quick', undefined],
    ['Lemma 1 checks (L1), quick', 'L1'],
  ] as [string, string | undefined][]) {
    try {
      rows.push(await suiteRow(what, claim, seed));
    } catch (e) {
      rows.push(absent(what, 'trials/s', `not measured: ${(e as Error).message.slice(0, 160)}`));
    }
  }
  rows.push(await sgdRow(quick));
  return rows;
}
