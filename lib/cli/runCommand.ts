/**
 * `aggregathor-workbook run`: computes one shard of a planned cluster run
 * (lib/cluster/runShard.ts) and stores its units in the run folder.
 *
 *     aggregathor-workbook run --run-folder run --shard 3/8
 *     aggregathor-workbook run --run-folder run --shards 8     # index from SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX
 */
import * as path from 'node:path';
import { readPlan } from '../cluster/plan';
import { runShard } from '../cluster/runShard';
import { MAX_SHARDS, parseShard } from '../cluster/shards';
import { integerOption, jobsOption, parseOrExplain } from './options';
import { UserError } from './userError';

export const RUN_HELP = `aggregathor-workbook run — compute one shard of a planned cluster run

Usage: aggregathor-workbook run --run-folder <dir> (--shard i/N | --shards N) [--jobs n]

  --run-folder <dir>   the run folder written by plan
  --shard <i/N>        shard i of N (0-based); units are given to shards by estimated cost
  --shards <N>         N shards, the index i from SLURM_ARRAY_TASK_ID (Slurm job arrays) or
                       JOB_COMPLETION_INDEX (Kubernetes Indexed Jobs), in that order
  --jobs, -j <n>       threads (default: available cores)

Units already stored whole are skipped, so a shard that failed or was preempted is run again as it
is; a corrupt unit file (checksum) is computed again. Two runs of the same shard at once are safe
(every write is atomic). Exit status 0 when every unit of the shard is stored, 1 when some failed
(named on stderr), 2 on a usage error.
`;

export interface RunOptions {
  runFolder: string;
  index: number;
  count: number;
  jobs: number;
  help: boolean;
}

/** The shard index from the scheduler's environment, checked against N. */
export function shardIndexFromEnvironment(count: number, env: NodeJS.ProcessEnv = process.env): number {
  for (const name of ['SLURM_ARRAY_TASK_ID', 'JOB_COMPLETION_INDEX']) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    const i = /^\d+$/.test(raw.trim()) ? Number(raw) : NaN;
    if (!Number.isSafeInteger(i) || i >= count) throw new UserError(`${name}=${JSON.stringify(raw)} is not a shard index in [0, ${count - 1}] for --shards ${count}`);
    return i;
  }
  throw new UserError(`run --shards ${count} needs the shard index from SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX, and neither is set; give --shard i/${count}`);
}

export function parseRunOptions(args: string[], env: NodeJS.ProcessEnv = process.env): RunOptions {
  const { values, positionals } = parseOrExplain({
    args,
    allowPositionals: true,
    options: {
      'run-folder': { type: 'string' },
      shard: { type: 'string' },
      shards: { type: 'string' },
      jobs: { type: 'string', short: 'j' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return { runFolder: '', index: 0, count: 1, jobs: 1, help: true };
  if (positionals.length > 0) throw new UserError(`run takes no positional argument; got "${positionals[0]}" (see run --help)`);
  if (values['run-folder'] === undefined) throw new UserError('run needs --run-folder <dir>: the folder written by plan');
  if (values.shard !== undefined && values.shards !== undefined) throw new UserError('--shard i/N and --shards N exclude each other');
  let shard: { index: number; count: number };
  if (values.shard !== undefined) shard = parseShard(values.shard);
  else if (values.shards !== undefined) {
    const count = integerOption('shards', values.shards, 1, MAX_SHARDS)!;
    shard = { index: shardIndexFromEnvironment(count, env), count };
  } else throw new UserError('run needs --shard i/N, or --shards N with the index in SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX');
  const jobs = jobsOption(values.jobs, undefined, (line) => process.stderr.write(`notice: ${line}\n`));
  return { runFolder: values['run-folder'], ...shard, jobs, help: false };
}

export async function runCommand(o: RunOptions, io = { out: (s: string) => process.stdout.write(s), err: (s: string) => process.stderr.write(s) }): Promise<number> {
  const folder = path.resolve(o.runFolder);
  const plan = readPlan(folder);
  const outcome = await runShard(folder, plan, o.index, o.count, o.jobs, (line) => io.err(`${line}\n`));
  io.out(
    `shard ${o.index}/${o.count}: ${outcome.units} units, ${outcome.computed} computed, ${outcome.skipped} already stored, ${outcome.repaired} corrupt and recomputed, ${outcome.failed.length} failed, in ${outcome.seconds.toFixed(1)} s\n`,
  );
  return outcome.failed.length > 0 ? 1 : 0;
}
