/**
 * Cluster-run benchmark (part of `npm run bench`; issue 16): on this machine,
 * the verification run once as one process and once as N shards, the
 * overhead of sharding, the projected time on a cluster of 64 cores from the
 * measured unit costs, and the paper grade's estimate.
 *
 *     node dist/scripts/bench-cluster.js [--quick] [--shards N] [--seed s]
 *     node dist/scripts/bench-cluster.js --report-only <work folder> [--load-log file]
 *                                        # the tables again from a finished run's measurements
 *     node dist/scripts/bench-cluster.js --quick --full-single <folder> [--full-load "mean min max"] [--full-seconds s]
 *                                        # the sharded comparison on quick mode, and full mode's
 *                                        # 64-core projection from a finished full run's report folder
 *
 * `--full-single` is for a machine too loaded to run full mode twice: the
 * full single run's report (its timings.json, and its wall time from there
 * or `--full-seconds`) gives full mode's projection, with the merge
 * modelled as Σ the checks' measured seconds / C + its report time + the
 * units read at the rate the quick merge read them.
 *
 * Full mode unless --quick. Measured, each as the wall time of whole
 * processes (start-up, checks, report; no Chromium figures in any of them):
 *
 * 1. single: `main.js [--full] --jobs C` (C = this machine's cores);
 * 2. sharded: `plan`, then N `run --shard i/N --jobs 1` processes at once
 *    (default N = C), then `merge --jobs C`; the merged results.json must be
 *    byte-identical to the single run's (checked, and printed);
 * 3. the overhead of sharding: plan + merge against the single run, and the
 *    sharded total (plan + shards + merge) against it.
 *
 * The load average (1 min) is sampled every 15 s during each phase and
 * printed beside its time: on a shared machine the times and their ratios
 * are taken under that load.
 *
 * Projection to 64 cores (64 shards × 1 thread, one merge node of C cores):
 *
 *     T64 = max_i Σ_{u in shard i} c_u + s + P + M
 *
 * with c_u the unit's declared cost × (measured / declared seconds of its
 * kind in the single run's timings.json), shard i's units as the shards
 * assign them (longest first, LPT over 64 slots), s the measured start-up of
 * a shard process (its wall time minus its units' measured seconds, the
 * largest over the N shards here), P the plan's and M the merge's measured
 * wall time here. It assumes the cluster's cores are as fast as this
 * machine's, a shared filesystem that is not the bottleneck, all 64 tasks
 * starting at once (no queue wait), and unit costs that scale as their
 * kind's did here.
 *
 * The paper grade (`plan --grade paper`, five seeds) is planned too and its
 * estimate printed for 1 machine, N shards and 64 cores, calibrated by the
 * single run's timings.json; that file is also copied to
 * bench/timings-full.json, the calibration `plan` uses by default. Writes
 * bench/cluster.txt (full mode) or bench/cluster-quick.txt.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { calibrationFrom, estimate, formatDuration, type Calibration } from '../lib/cluster/estimate';
import type { Plan } from '../lib/cluster/plan';

const ROOT = path.resolve(__dirname, '..', '..');
const MAIN = path.join(ROOT, 'dist', 'lib', 'cli', 'main.js');
const env = { ...process.env, CHROMIUM_PATH: '/nonexistent/chromium' };

function option(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

/** Load average (1 min) samples, every 15 s, while a phase runs. */
class LoadSampler {
  private samples: number[] = [];
  private timer: NodeJS.Timeout;
  constructor() {
    this.samples.push(os.loadavg()[0]);
    this.timer = setInterval(() => this.samples.push(os.loadavg()[0]), 15_000);
  }
  stop(): { min: number; mean: number; max: number } {
    clearInterval(this.timer);
    this.samples.push(os.loadavg()[0]);
    const xs = this.samples;
    return { min: Math.min(...xs), mean: xs.reduce((a, b) => a + b, 0) / xs.length, max: Math.max(...xs) };
  }
}

type Load = { min: number; mean: number; max: number };

/** Runs CLI processes at once; resolves with each one's wall seconds and the load during the phase. Exit 1 (surprises) is a result for verify and merge. */
function phase(argsList: string[][], surprisesAllowed = false): Promise<{ seconds: number[]; wall: number; load: Load }> {
  const sampler = new LoadSampler();
  const t0 = process.hrtime.bigint();
  return Promise.all(
    argsList.map(
      (args) =>
        new Promise<number>((resolve, reject) => {
          const t = process.hrtime.bigint();
          let stderr = '';
          const child = spawn(process.execPath, [MAIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'], env });
          child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
          child.on('exit', (code) =>
            code === 0 || (surprisesAllowed && code === 1) ? resolve(Number(process.hrtime.bigint() - t) / 1e9) : reject(new Error(`${args.join(' ')} exited ${code}: ${stderr.slice(-2000)}`)),
          );
        }),
    ),
  ).then((seconds) => ({ seconds, wall: Number(process.hrtime.bigint() - t0) / 1e9, load: sampler.stop() }));
}

interface Measured {
  quick: boolean;
  cores: number;
  shards: number;
  seed: string;
  single: number;
  plan: number;
  shardWall: number;
  shardTimes: number[];
  merge: number;
  identical: boolean;
  startup: number;
  loads?: Record<string, Load>;
  cpu?: string;
}

async function measure(argv: string[], work: string): Promise<Measured> {
  const quick = argv.includes('--quick');
  const cores = Math.max(1, os.availableParallelism());
  const shards = Number(option(argv, 'shards') ?? cores);
  if (!Number.isInteger(shards) || shards < 1 || shards > 4096) throw new Error(`--shards needs an integer in [1, 4096]; got ${option(argv, 'shards')}`);
  const seed = option(argv, 'seed') ?? '20190331';
  const mode = quick ? [] : ['--full'];
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  const log = (s: string) => process.stderr.write(`bench-cluster: ${s}\n`);

  log(`${quick ? 'quick' : 'full'} mode, one process with ${cores} threads…`);
  const single = await phase([['--out', path.join(work, 'single'), '--seed', seed, '--jobs', String(cores), ...mode]], true);
  const run = path.join(work, 'run');
  const plan = await phase([['plan', '--run-folder', run, '--seed', seed, ...mode, '--shards', String(shards), '--timings', 'none']]);
  log(`${shards} shards at once, one thread each…`);
  const sharded = await phase(Array.from({ length: shards }, (_, i) => ['run', '--run-folder', run, '--shard', `${i}/${shards}`, '--jobs', '1']));
  log('merge…');
  const merge = await phase([['merge', '--run-folder', run, '--out', path.join(work, 'merged'), '--jobs', String(cores)]], true);
  const identical = fs.readFileSync(path.join(work, 'single', 'results.json')).equals(fs.readFileSync(path.join(work, 'merged', 'results.json')));
  const planned = JSON.parse(fs.readFileSync(path.join(run, 'plan.json'), 'utf8')) as Plan;
  // Start-up: a shard's process wall time minus the seconds its units took, as measured in the unit files' headers.
  const unitSecondsByShard = unitSecondsFromFolder(run, planned, shards);
  const startup = Math.max(0, ...sharded.seconds.map((t, i) => t - unitSecondsByShard[i]));
  const m: Measured = {
    quick, cores, shards, seed, single: single.wall, plan: plan.wall, shardWall: sharded.wall, shardTimes: sharded.seconds, merge: merge.wall, identical, startup,
    loads: { single: single.load, plan: plan.load, shards: sharded.load, merge: merge.load }, cpu: os.cpus()[0]?.model.trim() ?? 'unknown CPU',
  };
  fs.writeFileSync(path.join(work, 'bench-cluster.json'), `${JSON.stringify(m, null, 1)}\n`);
  return m;
}

/** The paper grade's plan (five seeds), made once into the work folder. */
function paperPlan(work: string, seed: string, shards: number): Promise<Plan> {
  const run = path.join(work, 'paper-run');
  fs.rmSync(run, { recursive: true, force: true });
  return phase([['plan', '--run-folder', run, '--grade', 'paper', '--seed', seed, '--shards', String(shards), '--timings', 'none']]).then(
    () => JSON.parse(fs.readFileSync(path.join(run, 'plan.json'), 'utf8')) as Plan,
  );
}

const loadText = (l: Load | undefined) => (l ? `${l.mean.toFixed(1)} (${l.min.toFixed(1)}–${l.max.toFixed(1)})` : 'not recorded');

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const reportOnly = option(argv, 'report-only');
  const work = reportOnly ? path.resolve(reportOnly) : path.join(ROOT, 'build', 'bench-cluster');
  const m: Measured = reportOnly ? (JSON.parse(fs.readFileSync(path.join(work, 'bench-cluster.json'), 'utf8')) as Measured) : await measure(argv, work);
  // Loads of a run measured by an older script: from a log of `date +%T` and /proc/loadavg lines (--load-log).
  const loadLog = option(argv, 'load-log');
  const logged = loadLog ? fs.readFileSync(loadLog, 'utf8').split('\n').map((l) => Number(l.split(/\s+/)[1])).filter((x) => Number.isFinite(x)) : [];
  const overall: Load | undefined = logged.length ? { min: Math.min(...logged), mean: logged.reduce((a, b) => a + b, 0) / logged.length, max: Math.max(...logged) } : undefined;
  const loads = m.loads ?? { single: overall!, plan: overall!, shards: overall!, merge: overall! };

  const run = path.join(work, 'run');
  const planned = JSON.parse(fs.readFileSync(path.join(run, 'plan.json'), 'utf8')) as Plan;
  const timingsFile = path.join(work, 'single', 'timings.json');
  const calibration: Calibration = { ...calibrationFrom(timingsFile), source: 'unit costs measured in the single run' };
  if (!m.quick) fs.copyFileSync(timingsFile, path.join(ROOT, 'bench', 'timings-full.json'));
  const e64 = estimate(planned, calibration, { cores: m.cores, shards: 64, threads: 1, startupSeconds: m.startup });
  const t64 = e64.sharded.slowestShard + m.startup + m.plan + m.merge;
  const sharded = m.plan + m.shardWall + m.merge;
  // Full mode from a finished full run (--full-single): its projection, and the paper grade calibrated by it.
  const fullSingle = option(argv, 'full-single');
  let full: string[] = [];
  let paperCalibration = calibration;
  if (fullSingle) {
    const fullTimings = path.join(path.resolve(fullSingle), 'timings.json');
    fs.copyFileSync(fullTimings, path.join(ROOT, 'bench', 'timings-full.json'));
    const t = JSON.parse(fs.readFileSync(fullTimings, 'utf8')) as { wallSeconds: number; reportSeconds?: number; checks: { seconds: number }[] };
    paperCalibration = { ...calibrationFrom(fullTimings), source: 'unit costs measured in the full single run' };
    const fullRun = path.join(work, 'full-run');
    fs.rmSync(fullRun, { recursive: true, force: true });
    const fullPlanPhase = await phase([['plan', '--run-folder', fullRun, '--full', '--seed', m.seed, '--shards', '64', '--timings', 'none']]);
    const fullPlan = JSON.parse(fs.readFileSync(path.join(fullRun, 'plan.json'), 'utf8')) as Plan;
    const f64 = estimate(fullPlan, paperCalibration, { cores: m.cores, shards: 64, threads: 1, startupSeconds: m.startup });
    const fullSeconds = Number(option(argv, 'full-seconds') ?? t.wallSeconds);
    const readRate = m.merge > 0 ? planned.units.length / m.merge : Infinity; // units per second of the quick merge (an upper bound on its read time)
    const checksOwn = t.checks.reduce((a, c) => a + c.seconds, 0);
    const fullMerge = checksOwn / m.cores + (t.reportSeconds ?? 0) + fullPlan.units.length / readRate;
    const fullLoad = option(argv, 'full-load')?.split(/\s+/).map(Number);
    const f64Total = f64.sharded.slowestShard + m.startup + fullPlanPhase.wall + fullMerge;
    full = [
      '',
      `Full mode (seed ${m.seed}): one process, ${m.cores} threads, ${formatDuration(fullSeconds)} of wall time (${formatDuration(t.wallSeconds)} by its timings.json)` +
        (fullLoad && fullLoad.length === 3 ? ` at load average ${fullLoad[0].toFixed(1)} (${fullLoad[1].toFixed(1)}–${fullLoad[2].toFixed(1)})` : '') + '; plan ' + `${formatDuration(fullPlanPhase.wall)} (load ${loadText(fullPlanPhase.load)}).`,
      `  Its sharded run was not measured here (the machine's load made two full runs longer than the session); the quick-mode table above measures sharding.`,
      `Full mode projected on 64 cores: ${formatDuration(f64Total)} = slowest shard ${formatDuration(f64.sharded.slowestShard)} (LPT over 64 slots of ${fullPlan.units.length} units, ${formatDuration(f64.unitSeconds)} of CPU;`,
      `  the largest unit alone ${formatDuration(Math.max(...fullPlan.units.map((u) => u.cost * (paperCalibration.kinds[u.kind] ?? 1))))}) + start-up ${formatDuration(m.startup)} + plan ${formatDuration(fullPlanPhase.wall)} + merge ${formatDuration(fullMerge)}`,
      `  (merge modelled: the checks' measured ${formatDuration(checksOwn)} / ${m.cores} + report ${formatDuration(t.reportSeconds ?? 0)} + reading the units at the quick merge's rate). Speed-up over the single run: ${(fullSeconds / f64Total).toFixed(1)}×.`,
    ];
  }
  const paper = await paperPlan(work, m.seed, m.shards);
  const paperOf = (shards: number) => estimate(paper, paperCalibration, { cores: m.cores, shards, threads: 1, startupSeconds: m.startup });
  const p1 = paperOf(1), pN = paperOf(m.shards), p64 = paperOf(64);

  const lines = [
    `Cluster runs (${m.quick ? 'quick' : 'full'} mode, seed ${m.seed}; ${m.cpu ?? os.cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${m.cores} cores).`,
    `The machine is shared with other jobs: every time below was taken under the load average beside it (1-min load; mean, min–max over the phase),`,
    `so the times, and their ratios, are those of a loaded machine, not of an idle one.`,
    '',
    '| run | wall time | load average |',
    '|---|---|---|',
    `| one process, ${m.cores} threads | ${formatDuration(m.single)} | ${loadText(loads.single)} |`,
    `| plan | ${formatDuration(m.plan)} | ${loadText(loads.plan)} |`,
    `| ${m.shards} shards at once, 1 thread each (until the last ends) | ${formatDuration(m.shardWall)} | ${loadText(loads.shards)} |`,
    `| merge, ${m.cores} threads | ${formatDuration(m.merge)} | ${loadText(loads.merge)} |`,
    `| sharded total (plan + shards + merge) | ${formatDuration(sharded)} | |`,
    '',
    `Overhead of sharding: plan + merge = ${formatDuration(m.plan + m.merge)}, ${((100 * (m.plan + m.merge)) / m.single).toFixed(0)} % of the single run; ` +
      `sharded total / single = ${(sharded / m.single).toFixed(2)} on this ${m.cores}-core machine. Merged results.json ${m.identical ? 'byte-identical to' : 'DIFFERS from'} the single run's.`,
    '',
    `Projected on 64 cores (64 shards × 1 thread, merge on one ${m.cores}-core node): ${formatDuration(t64)}`,
    `  = slowest shard ${formatDuration(e64.sharded.slowestShard)} (LPT over 64 slots of the ${planned.units.length} units, ${formatDuration(e64.unitSeconds)} of CPU in all; the largest unit alone ${formatDuration(Math.max(...planned.units.map((u) => u.cost * (calibration.kinds[u.kind] ?? 1))))})`,
    `  + shard start-up ${formatDuration(m.startup)} + plan ${formatDuration(m.plan)} + merge ${formatDuration(m.merge)} (both as measured here).`,
    `  Model: unit cost = declared × (measured / declared seconds of its kind in the single run); cores as fast as these, under the same load;`,
    `  a shared filesystem that is not the bottleneck; all 64 tasks start at once (no queue wait); the merge's checks do not shrink.`,
    ...full,
    '',
    `Paper grade (plan --grade paper: 5 seeds ${paper.verify.seeds.join(', ')}; ${paper.units.length} units), calibrated by the ${fullSingle ? 'full' : 'same'} single run:`,
    ...p1.kinds.map((k) => `  ${k.kind.padEnd(22)} ${String(k.units).padStart(7)} units ${formatDuration(k.seconds).padStart(9)} of CPU`),
    `  checks (merge)         ${formatDuration(p1.checkSeconds)} of CPU; total ${formatDuration(p1.unitSeconds + p1.checkSeconds)} of CPU`,
    `  1 machine, ${m.cores} cores: ${formatDuration(p1.oneMachine.seconds)}`,
    `  ${m.shards} shards × 1 thread: ${formatDuration(pN.sharded.seconds)}`,
    `  64 cores (64 shards × 1 thread): ${formatDuration(p64.sharded.seconds + m.plan)} (slowest shard ${formatDuration(p64.sharded.slowestShard)}, merge ${formatDuration(p64.sharded.mergeSeconds)}, plan as measured above)`,
    `  The paper grade's leeway units at d = 10⁵ and 10⁶ lie outside the dimensions measured in full mode (d <= 10⁴): their cost is the model's`,
    `  extrapolation (single trials measured under load at d = 10⁶ took 1–3× the declared cost, geometric median 28×: it stops at d = 10⁴).`,
  ];
  const text = `${lines.join('\n')}\n`;
  process.stdout.write(`\n${text}`);
  fs.writeFileSync(path.join(ROOT, 'bench', m.quick && !fullSingle ? 'cluster-quick.txt' : 'cluster.txt'), text);
  if (!m.identical) process.exitCode = 1;
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
