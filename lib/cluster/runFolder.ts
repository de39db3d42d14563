/**
 * A cluster run's folder: the only state the shards and the merge share (a
 * path on a shared filesystem).
 *
 *     RUN/plan.json              what to compute: options, build fingerprint, every unit with its cost (written by `plan`)
 *     RUN/units/ab/abcd….unit    one file per unit value, named by the SHA-256 of its key (lib/cluster/unitFile.ts)
 *     RUN/shards/3-of-8.json     what shard 3 of 8 did (written when it finishes; informational)
 *     RUN/jobs/                  generated Slurm and Kubernetes job files (`job-files`)
 *
 * Every file is written atomically (temporary file, then rename). Two shards
 * never write the same file unless they compute the same unit (same index
 * run twice), and then the bytes' meaning is the same and the last rename wins.
 *
 * The folder's safety rule follows the report folder's
 * (lib/report/outputFolder.ts): `plan` writes only into a folder that is new,
 * empty, or already a run folder (has plan.json and nothing but the entries
 * above); anything else is refused in one line.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UserError } from '../cli/userError';
import { unitFileName } from './unitFile';

export const PLAN_FILE = 'plan.json';
export const UNITS_DIR = 'units';
export const SHARDS_DIR = 'shards';
export const JOBS_DIR = 'jobs';
/** The names a run folder may hold at its top level. */
const OWN_ENTRIES = new Set([PLAN_FILE, UNITS_DIR, SHARDS_DIR, JOBS_DIR]);

/** The absolute path of a unit's file in `runFolder`. */
export function unitPath(runFolder: string, key: string): string {
  return path.join(runFolder, UNITS_DIR, unitFileName(key));
}

/** The file in which shard `index` of `count` records what it did. */
export function shardRecordPath(runFolder: string, index: number, count: number): string {
  return path.join(runFolder, SHARDS_DIR, `${index}-of-${count}.json`);
}

/**
 * Refuses a `--run-folder` that `plan` may not write into: a file, the
 * current folder or a parent, or a folder holding anything a run folder does
 * not (a thesis, a report, a clone). Returns the absolute path.
 */
export function checkRunFolderWritable(folder: string): string {
  if (folder.trim() === '') throw new UserError('--run-folder needs a folder path; got an empty string');
  const abs = path.resolve(folder);
  const cwd = process.cwd();
  if (abs === cwd || cwd.startsWith(abs.endsWith(path.sep) ? abs : abs + path.sep) || abs === path.parse(abs).root)
    throw new UserError(`--run-folder ${folder}: the run folder cannot be the current folder or one of its parents (${abs}); name a subfolder such as run`);
  if (!fs.existsSync(abs)) return abs;
  if (!fs.statSync(abs).isDirectory()) throw new UserError(`--run-folder ${folder}: it exists and is not a folder`);
  const entries = fs.readdirSync(abs).sort();
  const foreign = entries.filter((e) => !OWN_ENTRIES.has(e));
  if (foreign.length > 0 || (entries.length > 0 && !entries.includes(PLAN_FILE)))
    throw new UserError(
      `--run-folder ${folder}: the folder exists and holds files a run folder does not (${(foreign.length > 0 ? foreign : entries).slice(0, 4).join(', ')}${entries.length > 4 ? ', …' : ''}); choose a new or empty folder, or the folder of this run`,
    );
  return abs;
}

/** Reads a file of the run folder, or undefined when absent. */
export function readIfPresent(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
