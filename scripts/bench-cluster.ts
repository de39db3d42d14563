/**
 * Cluster-run benchmark (part of `npm run bench`; issue 16): on this machine,
 * the verification run once as one process and once as N shards, and the
 * projected time on a cluster of 64 cores from the measured unit costs.
 *
 *     node dist/scripts/bench-cluster.js [--quick] [--shards N] [--seed s]
 *
 * Full mode unless --quick. Measured, each as the wall time of whole
 * processes (start-up, checks, report; no Chromium figures in any of them):
 *
 * 1. single: `main.js [--full] --jobs C` (C = this machine's cores);
 * 2. sharded: `plan`, then N `run --shard i/N --jobs 1` processes at once
 *    (default N = C), then `merge --jobs C`; the merged results.json must be
 *    byte-identical to the single run's (checked, and printed);
 * 3. the overhead of sharding: plan + merge + the slowest shard, against the
 *    single run.
 *
 * Projection to 64 cores (64 shards × 1 thread, one merge node of C cores):
 *
 *     T64 = max_i Σ_{u in shard i} c_u + s + M
 *
 * with c_u the unit's declared cost × (measured / declared seconds of its
 * kind in the single run's timings.json), shard i's units as the shards
 * assign them (longest first), s the measured start-up of a shard process
 * (its wall time minus its units' measured seconds, the largest over the N
 * shards here) and M the merge's measured wall time here. It assumes the
 * cluster's cores are as fast as this machine's, a shared filesystem that
 * is not the bottleneck (the run folder's unit files: tens of MB in quick
 * mode), and no queue wait.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { calibrationFrom, estimate, formatDuration } from '../lib/cluster/estimate';
import type { Plan } from '../lib/cluster/plan';

const ROOT = path.resolve(__dirname, '..', '..');
const MAIN = path.join(ROOT, 'dist', 'lib', 'cli', 'main.js');
const env = { ...process.env, CHROMIUM_PATH: '/nonexistent/chromium' };

function option(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

/** Wall seconds of one CLI process; exit 1 (surprises) is a result for verify and merge, anything else non-zero an error. */
function timed(args: string[], surprisesAllowed = false): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [MAIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', env, timeout: 6 * 3600 * 1000 });
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0 && !(surprisesAllowed && r.status === 1)) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr.slice(-2000)}`);
  return s;
}

function timedTogether(argsList: string[][]): Promise<number[]> {
  return Promise.all(
    argsList.map(
      (args) =>
        new Promise<number>((resolve, reject) => {
          const t0 = process.hrtime.bigint();
          const child = spawn(process.execPath, [MAIN, ...args], { stdio: ['ignore', 'ignore', 'inherit'], env });
          child.on('exit', (code) => (code === 0 ? resolve(Number(process.hrtime.bigint() - t0) / 1e9) : reject(new Error(`${args.join(' ')} exited ${code}`))));
        }),
    ),
  );
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const quick = argv.includes('--quick');
  const cores = Math.max(1, os.availableParallelism());
  const shards = Number(option(argv, 'shards') ?? cores);
  const seed = option(argv, 'seed') ?? '20190331';
  const mode = quick ? [] : ['--full'];
  const work = path.join(ROOT, 'build', 'bench-cluster');
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  const log = (s: string) => process.stderr.write(`bench-cluster: ${s}\n`);

  log(`${quick ? 'quick' : 'full'} mode, one process with ${cores} threads…`);
  const single = timed(['--out', path.join(work, 'single'), '--seed', seed, '--jobs', String(cores), ...mode], true);
  const run = path.join(work, 'run');
  const plan = timed(['plan', '--run-folder', run, '--seed', seed, ...mode, '--shards', String(shards)]);
  log(`${shards} shards at once, one thread each…`);
  const t0 = process.hrtime.bigint();
  const shardTimes = await timedTogether(Array.from({ length: shards }, (_, i) => ['run', '--run-folder', run, '--shard', `${i}/${shards}`, '--jobs', '1']));
  const shardWall = Number(process.hrtime.bigint() - t0) / 1e9;
  log('merge…');
  const merge = timed(['merge', '--run-folder', run, '--out', path.join(work, 'merged'), '--jobs', String(cores)], true);
  const identical = fs.readFileSync(path.join(work, 'single', 'results.json')).equals(fs.readFileSync(path.join(work, 'merged', 'results.json')));

  // Projection to 64 cores, from the single run's measured unit costs.
  const planned = JSON.parse(fs.readFileSync(path.join(run, 'plan.json'), 'utf8')) as Plan;
  const calibration = calibrationFrom(path.join(work, 'single', 'timings.json'));
  const records = fs.readdirSync(path.join(run, 'shards')).map((f) => JSON.parse(fs.readFileSync(path.join(run, 'shards', f), 'utf8')) as { index: number; seconds: number });
  // Start-up: a shard's process wall time minus the seconds its units took, as measured in the unit files' headers.
  const unitSecondsByShard = unitSecondsFromFolder(run, planned, shards);
  const startup = Math.max(0, ...records.map((r) => shardTimes[r.index] - unitSecondsByShard[r.index]));
  const e64 = estimate(planned, calibration, { cores, shards: 64, threads: 1, startupSeconds: startup });
  const t64 = e64.sharded.slowestShard + startup + merge;

  const lines = [
    '',
    `Cluster runs (${quick ? 'quick' : 'full'} mode, seed ${seed}; ${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${cores} cores; load average at the end ${os.loadavg()[0].toFixed(1)}):`,
    '',
    '| run | wall time |',
    '|---|---|',
    `| one process, ${cores} threads | ${formatDuration(single)} |`,
    `| plan | ${formatDuration(plan)} |`,
    `| ${shards} shards at once, 1 thread each (slowest) | ${formatDuration(shardWall)} |`,
    `| merge, ${cores} threads | ${formatDuration(merge)} |`,
    `| sharded total (plan + shards + merge) | ${formatDuration(plan + shardWall + merge)} |`,
    '',
    `Overhead of sharding on this machine: ${formatDuration(plan + shardWall + merge - single)} (${(((plan + shardWall + merge) / single - 1) * 100).toFixed(0)} %); merged results.json ${identical ? 'byte-identical to' : 'DIFFERS from'} the single run's.`,
    `Projected on 64 cores (64 shards × 1 thread, merge on one ${cores}-core node): ${formatDuration(t64)} = slowest shard ${formatDuration(e64.sharded.slowestShard)} + shard start-up ${formatDuration(startup)} + merge ${formatDuration(merge)}`,
    `  (unit costs: declared × measured/declared per kind from the single run; ${planned.units.length} units, ${formatDuration(e64.unitSeconds)} of CPU; the largest unit alone ${formatDuration(Math.max(...planned.units.map((u) => u.cost * (calibration.kinds[u.kind] ?? 1))))}).`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  fs.writeFileSync(path.join(work, 'bench-cluster.json'), `${JSON.stringify({ quick, cores, shards, seed, single, plan, shardWall, shardTimes, merge, identical, startup, projected64: t64, slowestShard64: e64.sharded.slowestShard }, null, 1)}\n`);
  if (!identical) process.exitCode = 1;
}

/** Seconds each shard's units took, from the unit files' headers. */
function unitSecondsFromFolder(run: string, plan: Plan, shards: number): number[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { unitsOfShard } = require('../lib/cluster/runShard') as typeof import('../lib/cluster/runShard');
  const out: number[] = [];
  for (let i = 0; i < shards; i++) {
    let s = 0;
    for (const u of unitsOfShard(plan, i, shards)) {
      const file = path.join(run, 'units', u.hash.slice(0, 2), `${u.hash}.unit`);
      const bytes = fs.readFileSync(file);
      const header = JSON.parse(bytes.subarray(0, bytes.indexOf(0x0a)).toString('utf8')) as { seconds: number };
      s += header.seconds;
    }
    out.push(s);
  }
  return out;
}

main().catch((error: unknown) => {
  process.stderr.write(`bench-cluster: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
});
