/**
 * `aggregathor-workbook job-files`: writes the Slurm and Kubernetes job
 * files of a planned run into `RUN/jobs/` (lib/cluster/jobFiles.ts), with the
 * run folder, the shard count and the resources per task filled in, and
 * prints the cost estimate and how to submit.
 *
 *     aggregathor-workbook job-files --run-folder /scratch/run1 --shards 16 --threads 4 --mem-gb 8
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { calibrationFor, describeEstimate, estimate } from '../cluster/estimate';
import { jobName, kubernetesFiles, slurmFiles } from '../cluster/jobFiles';
import { readPlan } from '../cluster/plan';
import { JOBS_DIR } from '../cluster/runFolder';
import { MAX_SHARDS } from '../cluster/shards';
import { writeFileAtomic } from '../cluster/unitFile';
import { packageRoot } from '../report/environment';
import { integerOption, parseOrExplain } from './options';
import { UserError } from './userError';

export const JOB_FILES_HELP = `aggregathor-workbook job-files — Slurm and Kubernetes job files for a planned run

Usage: aggregathor-workbook job-files --run-folder <dir> --shards N [options]

  --run-folder <dir>   the run folder written by plan (its path as the cluster's nodes see it)
  --shards <N>         shards: Slurm array tasks / Kubernetes completions, N in [1, ${MAX_SHARDS}]
  --threads <T>        cores per task, also the threads of each shard and of the merge (default 1)
  --mem-gb <G>         memory per task in GB (default 4)
  --minutes <M>        wall-time limit per task (default: twice the estimate, at least 10)
  --report <dir>       where merge writes the report (default <run folder>-report)
  --timings <file>     a report's timings.json to calibrate the estimate with
Slurm:
  --partition <p>      the partition (default: the cluster's default)
  --workbook <dir>     the workbook's folder on the nodes (default: this one, ${'<package root>'})
Kubernetes (the run folder lives on a ReadWriteMany PersistentVolumeClaim):
  --image <image>      an image with node 20 and this build of the workbook (default aggregathor-workbook:<version>)
  --claim <name>       the PersistentVolumeClaim (default aggregathor-run), mounted at --mount (default /data)
  --k8s-workbook <dir> the workbook's folder in the image (default /workbook)
  --k8s-run-folder, --k8s-report <dir>   the run folder and the report in the pods (default
                       <mount>/<name of the run folder> and <mount>/<name>-report)
  --name <name>        the jobs' name prefix (default aggregathor-<name of the run folder>)

Writes <run folder>/jobs/: shards.sbatch, merge.sbatch, submit-slurm.sh (sbatch --array, then the merge
with --dependency=afterok), kubernetes-shards.yaml (Indexed Job), kubernetes-merge.yaml, submit-kubernetes.sh.
`;

export interface JobFilesOptions {
  runFolder: string;
  shards: number;
  threads: number;
  memGb: number;
  minutes?: number;
  report?: string;
  timings?: string;
  partition?: string;
  workbook?: string;
  image?: string;
  claim: string;
  mount: string;
  k8sWorkbook: string;
  k8sRunFolder?: string;
  k8sReport?: string;
  name?: string;
  help: boolean;
}

const NAME = /^[a-z]([-a-z0-9]{0,38}[a-z0-9])?$/;

export function parseJobFilesOptions(args: string[]): JobFilesOptions {
  const { values, positionals } = parseOrExplain({
    args,
    allowPositionals: true,
    options: {
      'run-folder': { type: 'string' },
      shards: { type: 'string' },
      threads: { type: 'string' },
      'mem-gb': { type: 'string' },
      minutes: { type: 'string' },
      report: { type: 'string' },
      timings: { type: 'string' },
      partition: { type: 'string' },
      workbook: { type: 'string' },
      image: { type: 'string' },
      claim: { type: 'string' },
      mount: { type: 'string' },
      'k8s-workbook': { type: 'string' },
      'k8s-run-folder': { type: 'string' },
      'k8s-report': { type: 'string' },
      name: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const base = { claim: 'aggregathor-run', mount: '/data', k8sWorkbook: '/workbook' };
  if (values.help) return { runFolder: '', shards: 1, threads: 1, memGb: 4, ...base, help: true };
  if (positionals.length > 0) throw new UserError(`job-files takes no positional argument; got "${positionals[0]}" (see job-files --help)`);
  if (values['run-folder'] === undefined) throw new UserError('job-files needs --run-folder <dir>: the folder written by plan');
  if (values.shards === undefined) throw new UserError(`job-files needs --shards N, N in [1, ${MAX_SHARDS}]`);
  if (values.name !== undefined && !NAME.test(values.name)) throw new UserError(`--name needs lower-case letters, digits and dashes, starting with a letter, at most 40 characters; got ${JSON.stringify(values.name)}`);
  if (values.partition !== undefined && !/^[\w.,-]+$/.test(values.partition)) throw new UserError(`--partition needs a Slurm partition name (letters, digits, . , - _); got ${JSON.stringify(values.partition)}`);
  for (const o of ['mount', 'k8s-workbook', 'k8s-run-folder', 'k8s-report'] as const)
    if (values[o] !== undefined && !path.posix.isAbsolute(values[o]!)) throw new UserError(`--${o} needs an absolute path in the pods; got ${JSON.stringify(values[o])}`);
  for (const o of ['image', 'claim'] as const) if (values[o] !== undefined && values[o]!.trim() === '') throw new UserError(`--${o} needs a value; got an empty string`);
  return {
    runFolder: values['run-folder'],
    shards: integerOption('shards', values.shards, 1, MAX_SHARDS)!,
    threads: integerOption('threads', values.threads, 1, 4096) ?? 1,
    memGb: integerOption('mem-gb', values['mem-gb'], 1, 65536) ?? 4,
    ...(values.minutes !== undefined ? { minutes: integerOption('minutes', values.minutes, 1, 525600) } : {}),
    ...(values.report !== undefined ? { report: values.report } : {}),
    ...(values.timings !== undefined ? { timings: values.timings } : {}),
    ...(values.partition !== undefined ? { partition: values.partition } : {}),
    ...(values.workbook !== undefined ? { workbook: values.workbook } : {}),
    ...(values.image !== undefined ? { image: values.image } : {}),
    claim: values.claim ?? base.claim,
    mount: values.mount ?? base.mount,
    k8sWorkbook: values['k8s-workbook'] ?? base.k8sWorkbook,
    ...(values['k8s-run-folder'] !== undefined ? { k8sRunFolder: values['k8s-run-folder'] } : {}),
    ...(values['k8s-report'] !== undefined ? { k8sReport: values['k8s-report'] } : {}),
    ...(values.name !== undefined ? { name: values.name } : {}),
    help: false,
  };
}

export function jobFilesCommand(o: JobFilesOptions, io = { out: (s: string) => process.stdout.write(s) }): number {
  const runFolder = path.resolve(o.runFolder);
  const plan = readPlan(runFolder);
  const calibration = calibrationFor(o.timings);
  const e = estimate(plan, calibration, { cores: Math.max(1, os.availableParallelism()), shards: o.shards, threads: o.threads });
  const minutes = o.minutes ?? Math.max(10, Math.ceil((2 * e.sharded.seconds) / 60));
  const name = o.name ?? jobName(runFolder);
  const common = { shards: o.shards, threads: o.threads, memGb: o.memGb, minutes, name };
  const report = path.resolve(o.report ?? `${runFolder}-report`);
  const jobs = path.join(runFolder, JOBS_DIR);
  const files = {
    ...slurmFiles(plan, { ...common, runFolder, report, workbook: path.resolve(o.workbook ?? packageRoot()), logs: path.join(jobs, 'logs'), ...(o.partition ? { partition: o.partition } : {}) }),
    ...kubernetesFiles(plan, {
      ...common,
      runFolder: o.k8sRunFolder ?? path.posix.join(o.mount, path.basename(runFolder)),
      report: o.k8sReport ?? path.posix.join(o.mount, `${path.basename(runFolder)}-report`),
      workbook: o.k8sWorkbook,
      image: o.image ?? `aggregathor-workbook:${plan.workbook.version}`,
      claim: o.claim,
      mount: o.mount,
    }),
  };
  fs.mkdirSync(path.join(jobs, 'logs'), { recursive: true });
  for (const [file, text] of Object.entries(files)) {
    writeFileAtomic(path.join(jobs, file), text);
    if (file.endsWith('.sh')) fs.chmodSync(path.join(jobs, file), 0o755);
  }
  io.out(`${describeEstimate(plan, e).join('\n')}\n`);
  io.out(`Job files in ${jobs} (${o.shards} shards × ${o.threads} thread(s), ${o.memGb} GB, ${minutes} min per task):\n`);
  io.out(`  Slurm:      bash ${path.join(jobs, 'submit-slurm.sh')}     (report: ${report})\n`);
  io.out(`  Kubernetes: bash ${path.join(jobs, 'submit-kubernetes.sh')}  (image and volume: see kubernetes-shards.yaml)\n`);
  return 0;
}
