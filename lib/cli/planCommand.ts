/**
 * `aggregathor-workbook plan`: writes the plan of a cluster run into a run
 * folder — every unit of work of the verification with the given mode and
 * seed(s), with its estimated cost — and prints the cost estimate for one
 * machine and for N shards (lib/cluster/estimate.ts).
 *
 *     aggregathor-workbook plan --run-folder run --full --seed 7 --shards 16 --threads 4
 *
 * Planning again with the same options and build rewrites nothing (same
 * bytes); a folder holding another run's plan, or anything a run folder does
 * not hold, is refused in one line.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { calibrationFor, describeEstimate, estimate } from '../cluster/estimate';
import { buildPlan, fileSha256, planJson, type PlannedVerification } from '../cluster/plan';
import { checkRunFolderWritable, PLAN_FILE } from '../cluster/runFolder';
import { MAX_SHARDS } from '../cluster/shards';
import { writeFileAtomic } from '../cluster/unitFile';
import { DEFAULT_SEED, gradeOption, integerOption, parseOrExplain, preflightRule, ruleOptions, trialsOption } from './options';
import { UserError } from './userError';

/** Seeds of the paper grade when `--seeds` is not given: the master seed and the next four. */
export const PAPER_SEEDS = 5;

export const PLAN_HELP = `aggregathor-workbook plan — write the plan of a cluster run and print its cost estimate

Usage: aggregathor-workbook plan --run-folder <dir> [--full | --grade quick|full|paper] [--seed n | --seeds a,b,…]
                                 [--only ids] [--trials n] [--rule FILE [--eta X]] [--shards N] [--threads T]
                                 [--timings file]

  --run-folder <dir>   the run folder (on a filesystem every node sees); new, empty, or this run's
  --full               full mode (default quick); --grade full is the same
  --grade paper        the paper grade (10× full's Monte Carlo trials, leeway exponents up to d = 10⁶ with
                       every rule of the catalogue, n up to 101) at ${PAPER_SEEDS} seeds (--seed and the next
                       ${PAPER_SEEDS - 1}), one report per seed
  --seed <n>           master seed, integer in [0, 2^32 − 1] (default ${DEFAULT_SEED})
  --seeds <a,b,…>      several seeds: merge writes one report per seed (<out>/seed-<s>)
  --only, --trials     as for verify
  --rule FILE, --eta X your own rule, as for verify (docs/custom-rule.md): at a path every node sees;
                       the plan records its SHA-256, and a shard or merge that finds other bytes stops
  --shards <N>         shards for the estimate (default 4), N in [1, ${MAX_SHARDS}]
  --threads <T>        threads per shard for the estimate (default 1)
  --timings <file>     a report's timings.json to calibrate the unit costs with (measured / declared
                       seconds per unit kind); default: bench/timings-full.json, measured by npm run bench
                       (a full run on a 2-core machine), when present; --timings none: declared costs

Then: aggregathor-workbook job-files --run-folder <dir> --shards N (Slurm and Kubernetes files), or by hand
aggregathor-workbook run --run-folder <dir> --shard i/N for i = 0 … N − 1, then merge --run-folder <dir>.
`;

export interface PlanOptions {
  runFolder: string;
  verify: PlannedVerification;
  shards: number;
  threads: number;
  timings?: string;
  help: boolean;
}

/** Parses `--seeds 1,2,3` (each in [0, 2^32 − 1], no repeats). */
export function seedsOption(raw: string): number[] {
  const items = raw.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  if (items.length === 0) throw new UserError('--seeds needs seeds, comma-separated; got an empty list');
  const seeds = items.map((s) => integerOption('seeds', s, 0, 2 ** 32 - 1)!);
  if (new Set(seeds).size !== seeds.length) throw new UserError(`--seeds lists a seed twice: ${raw}`);
  return seeds;
}

export function parsePlanOptions(args: string[]): PlanOptions {
  const { values, positionals } = parseOrExplain({
    args,
    allowPositionals: true,
    options: {
      'run-folder': { type: 'string' },
      full: { type: 'boolean', default: false },
      quick: { type: 'boolean', default: false },
      grade: { type: 'string' },
      seed: { type: 'string' },
      seeds: { type: 'string' },
      only: { type: 'string' },
      trials: { type: 'string' },
      rule: { type: 'string' },
      eta: { type: 'string' },
      shards: { type: 'string' },
      threads: { type: 'string' },
      timings: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return { runFolder: '', verify: { mode: 'quick', seeds: [DEFAULT_SEED], trials: null, only: null, grade: 'quick' }, shards: 1, threads: 1, help: true };
  if (positionals.length > 0) throw new UserError(`plan takes no positional argument; got "${positionals[0]}" (see plan --help)`);
  if (values['run-folder'] === undefined) throw new UserError('plan needs --run-folder <dir>: the folder the shards and the merge share');
  if (values.full && values.quick) throw new UserError('--full and --quick exclude each other');
  const grade = gradeOption(values.grade, values.full ?? false, values.quick ?? false);
  if (values.seed !== undefined && values.seeds !== undefined) throw new UserError('--seed and --seeds exclude each other');
  const seed = integerOption('seed', values.seed, 0, 2 ** 32 - 1) ?? DEFAULT_SEED;
  const seeds =
    values.seeds !== undefined
      ? seedsOption(values.seeds)
      : grade === 'paper'
        ? Array.from({ length: PAPER_SEEDS }, (_, i) => (seed + i) % 2 ** 32)
        : [seed];
  const only = values.only === undefined ? null : values.only.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  if (only !== null && only.length === 0) throw new UserError('--only needs claim ids or groups, comma-separated; got an empty list');
  const trials = trialsOption(values.trials) ?? null;
  const { rule, eta } = ruleOptions(values.rule, values.eta);
  if (rule !== undefined) {
    // The same checks as verify --rule before anything is planned (the module loads, its bounds are finite on the grid).
    preflightRule({ mode: grade, seed, jobs: 1, out: '', help: false, rule, ...(eta !== undefined ? { eta } : {}), ...(trials !== null ? { trials } : {}) });
  }
  return {
    runFolder: values['run-folder'],
    verify: {
      mode: grade, seeds, trials, only, grade,
      ...(rule !== undefined ? { rule: { module: rule, sha256: fileSha256(rule), ...(eta !== undefined ? { eta } : {}) } } : {}),
    },
    shards: integerOption('shards', values.shards, 1, MAX_SHARDS) ?? 4,
    threads: integerOption('threads', values.threads, 1, 4096) ?? 1,
    ...(values.timings !== undefined ? { timings: values.timings } : {}),
    help: false,
  };
}

/** Writes the plan (unless the same one is there) and prints the estimate; returns the exit status. */
export function planCommand(o: PlanOptions, io: { out: (s: string) => void } = { out: (s) => process.stdout.write(s) }): number {
  const folder = checkRunFolderWritable(o.runFolder);
  const calibration = calibrationFor(o.timings);
  const plan = buildPlan(o.verify);
  const text = planJson(plan);
  const file = path.join(folder, PLAN_FILE);
  let existing: string | undefined;
  try {
    existing = fs.readFileSync(file, 'utf8');
  } catch {
    existing = undefined;
  }
  if (existing !== undefined && existing !== text) {
    let what = 'another plan';
    try {
      const p = JSON.parse(existing) as { verify?: PlannedVerification; build?: string };
      what = `the plan of another run (${p.verify?.grade ?? '?'} grade, seeds ${p.verify?.seeds?.join(',') ?? '?'}${p.build !== plan.build ? ', another build of the workbook' : ''})`;
    } catch {
      what = 'a plan.json that is not JSON';
    }
    throw new UserError(`--run-folder ${o.runFolder}: the folder holds ${what}; choose another folder, or delete it to start over`);
  }
  if (existing === undefined) writeFileAtomic(file, text);
  const e = estimate(plan, calibration, { cores: Math.max(1, os.availableParallelism()), shards: o.shards, threads: o.threads });
  io.out(`${describeEstimate(plan, e).join('\n')}\n`);
  io.out(`${existing === undefined ? 'Plan written to' : 'Plan unchanged in'} ${file} (${plan.units.length} units, ${plan.checks.count} checks per seed).\n`);
  return 0;
}
