/**
 * `aggregathor-workbook merge`: checks that every unit of a planned cluster
 * run is stored whole, then runs the checks on the stored values and writes
 * the report (lib/cluster/merge.ts) — results.json byte-identical to
 * `npm start` with the same mode and seed, whatever the number of shards.
 *
 *     aggregathor-workbook merge --run-folder run --out report
 */
import * as path from 'node:path';
import { collectUnits, describeMissing, mergeReports } from '../cluster/merge';
import { readPlan } from '../cluster/plan';
import { jobsOption, parseOrExplain } from './options';
import { UserError } from './userError';

/** Exit status of a merge whose run folder lacks units (listed on stderr with the commands that compute them). */
export const INCOMPLETE_RUN = 4;

export const MERGE_HELP = `aggregathor-workbook merge — check a cluster run is complete, run the checks, write the report

Usage: aggregathor-workbook merge --run-folder <dir> [--out <report dir>] [--jobs n]

  --run-folder <dir>   the run folder (plan and units)
  --out, -o <dir>      the report folder (default report/), with the same rules as verify --out;
                       a plan of several seeds writes <dir>/seed-<s> for each
  --jobs, -j <n>       threads for the checks (default: available cores)

The mode, seeds, --only and --trials come from the plan. Exit status as verify (0, 1 surprises, 2 usage
error), or ${INCOMPLETE_RUN} when units are missing or corrupt: they are listed with the run commands that
compute them, and nothing is written.
`;

export interface MergeOptions {
  runFolder: string;
  out: string;
  jobs: number;
  help: boolean;
}

export function parseMergeOptions(args: string[]): MergeOptions {
  const { values, positionals } = parseOrExplain({
    args,
    allowPositionals: true,
    options: {
      'run-folder': { type: 'string' },
      out: { type: 'string', short: 'o' },
      jobs: { type: 'string', short: 'j' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return { runFolder: '', out: '', jobs: 1, help: true };
  if (positionals.length > 0) throw new UserError(`merge takes no positional argument; got "${positionals[0]}" (see merge --help)`);
  if (values['run-folder'] === undefined) throw new UserError('merge needs --run-folder <dir>: the folder of the run to merge');
  const jobs = jobsOption(values.jobs, undefined, (line) => process.stderr.write(`notice: ${line}\n`));
  return { runFolder: values['run-folder'], out: values.out ?? 'report', jobs, help: false };
}

export async function mergeCommand(o: MergeOptions, io = { out: (s: string) => process.stdout.write(s), err: (s: string) => process.stderr.write(s) }): Promise<number> {
  const folder = path.resolve(o.runFolder);
  const plan = readPlan(folder);
  const started = process.hrtime.bigint();
  const { values, missing } = collectUnits(folder, plan);
  if (missing.length > 0) {
    for (const line of describeMissing(o.runFolder, plan, missing)) io.err(`${line}\n`);
    return INCOMPLETE_RUN;
  }
  const readSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  io.err(`merge: ${plan.units.length} units read and checked in ${readSeconds.toFixed(1)} s; running the checks\n`);
  const { outcomes, unplanned } = await mergeReports(folder, plan, values, { out: o.out, jobs: o.jobs }, io);
  if (unplanned > 0) io.err(`notice: the checks asked for ${unplanned} unit(s) the plan does not list; they were computed here (was the plan made by other options?)\n`);
  return outcomes.some((x) => x.outcome.exitCode !== 0) ? 1 : 0;
}
