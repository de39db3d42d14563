/**
 * Acceptance of cluster runs on the workbook's own registry, quick mode,
 * seed 20190331 (npm start's default), on the claims SELECTION names below:
 *
 * 1. the single-machine run (`node dist/lib/cli/main.js`, what `npm start`
 *    runs after its set-up, --jobs 2);
 * 2. the same verification as 4 Slurm array tasks through a real Slurm — a
 *    private one-node cluster started here (scripts/local-slurm.sh: its own
 *    slurm.conf through SLURM_CONF, munge key and socket, state and spool
 *    folders under build/cluster-test/, free ports; /etc is not touched) —
 *    submitted with the generated submit-slurm.sh: the array, then the merge
 *    job with --dependency=afterok;
 * 3. the same as a Kubernetes Indexed Job stood in for by 4 local processes:
 *    the generated manifest's init container and container command lines,
 *    with JOB_COMPLETION_INDEX = 0 … 3, all 4 at once, then the merge Job's
 *    command line.
 *
 * Both merged results.json must be byte-identical to the single run's. The
 * daemons are stopped afterwards, on failure too. Without root or without the
 * Slurm packages the Slurm part skips with a reason (fails with CI=true).
 * Cost on the 2-core machine: three runs of SELECTION, about 45 s of CPU (the reports are
 * written without Chromium figures, which results.json does not depend on).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { DEFAULT_SEED } from '../lib/cli/options';
import { assertSameResults, cliOk, NO_BROWSER, ROOT, start } from './support/clusterRun';

const WORK = path.join(ROOT, 'build', 'cluster-test', `${process.pid}`);
const SLURM_DIR = path.join(WORK, 'slurm');
const SEED = String(DEFAULT_SEED);
/**
 * What the three runs verify. By default three claims that between them need every kind of unit a shard computes
 * and a merge reads — SGD simulations (L2.3), worst-input searches (R1) and property checks (L1.1): 96 units,
 * 14 s of CPU per run instead of a whole quick run's ~100 s (three of those were a fifth of npm test).
 * AGGREGATHOR_CLUSTER_SELECTION=all runs the whole quick registry, as the acceptance of issue 16 states it
 * (the closing notes record that run).
 */
const SELECTION = process.env.AGGREGATHOR_CLUSTER_SELECTION === 'all' ? [] : ['--only', process.env.AGGREGATHOR_CLUSTER_SELECTION || 'L2.3,R1,L1.1'];
/** The claims verified, as the test names say it. */
const SCOPE = SELECTION.length ? `quick mode on ${SELECTION[1]}` : 'quick mode, every claim';
const SHARDS = 4;
let slurmConf: string | undefined;
let whySkip: string | undefined;

function slurmAvailable(): string | undefined {
  if (process.getuid?.() !== 0) return 'not root (slurmd runs jobs as their user; the set-up installs slurm-wlm and munge as root)';
  for (const tool of ['slurmctld', 'slurmd', 'munged', 'sbatch']) if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) return `${tool} is not installed (bash scripts/ensure-deps.sh --slurm)`;
  return undefined;
}

const single = path.join(WORK, 'single', 'results.json');

before(() => {
  fs.mkdirSync(WORK, { recursive: true });
  // The single-machine run, as npm start runs it (its set-up aside).
  cliOk(['--seed', SEED, ...SELECTION, '--out', path.join(WORK, 'single'), '--jobs', '2']);
});

after(() => {
  // Stop the daemons whatever happened (the script ends only the pids it recorded).
  if (fs.existsSync(SLURM_DIR)) spawnSync('bash', [path.join(ROOT, 'scripts', 'local-slurm.sh'), 'stop', SLURM_DIR], { stdio: 'inherit' });
  fs.rmSync(WORK, { recursive: true, force: true });
});

/** Waits until none of `jobs` is in Slurm's queue; returns each job's final state. */
async function waitForJobs(jobs: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<Record<string, string>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const q = spawnSync('squeue', ['-h', '-o', '%i %T %r', '-j', jobs.join(',')], { encoding: 'utf8', env });
    const lines = q.stdout.trim() === '' ? [] : q.stdout.trim().split('\n');
    // A dependency that can never be satisfied (a failed shard) leaves the merge pending for ever: stop waiting.
    if (lines.some((l) => /DependencyNeverSatisfied/.test(l))) break;
    if (lines.length === 0) break;
    if (Date.now() > deadline) {
      spawnSync('scancel', jobs, { env });
      assert.fail(`Slurm jobs still queued after ${timeoutMs / 1000} s:\n${q.stdout}`);
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  const states: Record<string, string> = {};
  for (const j of jobs) {
    const s = spawnSync('scontrol', ['show', 'job', j], { encoding: 'utf8', env });
    states[j] = [...s.stdout.matchAll(/JobState=(\S+)/g)].map((m) => m[1]).join(',') || 'unknown';
  }
  return states;
}

test(`${SCOPE} as 4 Slurm array tasks through a real local Slurm, merged by an afterok job: results.json byte-identical to the single run`, async (t) => {
  whySkip = slurmAvailable();
  if (whySkip) {
    if (process.env.CI === 'true') assert.fail(`the Slurm test cannot run in CI: ${whySkip}`);
    t.skip(whySkip);
    return;
  }
  const up = spawnSync('bash', [path.join(ROOT, 'scripts', 'local-slurm.sh'), 'start', SLURM_DIR], { encoding: 'utf8' });
  assert.equal(up.status, 0, `the local Slurm did not start: ${up.stderr}`);
  slurmConf = /SLURM_CONF=(\S+)/.exec(up.stdout)![1];
  const env = { ...process.env, SLURM_CONF: slurmConf, CHROMIUM_PATH: NO_BROWSER, AGGREGATHOR_NODE: process.execPath };
  const run = path.join(WORK, 'slurm-run');
  const report = path.join(WORK, 'slurm-report');
  cliOk(['plan', '--run-folder', run, '--seed', SEED, ...SELECTION, '--shards', String(SHARDS)]);
  cliOk(['job-files', '--run-folder', run, '--shards', String(SHARDS), '--threads', '1', '--mem-gb', '1', '--minutes', '60', '--report', report]);
  const submitted = spawnSync('bash', [path.join(run, 'jobs', 'submit-slurm.sh')], { encoding: 'utf8', env });
  assert.equal(submitted.status, 0, submitted.stderr);
  const [array, merge] = submitted.stdout.trim().split('\n').pop()!.split(' ');
  const states = await waitForJobs([array, merge], env, 30 * 60_000);
  const logs = () => fs.readdirSync(path.join(run, 'jobs', 'logs')).map((f) => `--- ${f}\n${fs.readFileSync(path.join(run, 'jobs', 'logs', f), 'utf8').slice(-2000)}`).join('\n');
  assert.match(states[array], /^(COMPLETED,?)+$/, `array tasks: ${states[array]}\n${logs()}`);
  assert.equal(states[merge], 'COMPLETED', `merge job: ${states[merge]}\n${logs()}`);
  // Every task ran its own shard (the array index reached the program).
  for (let i = 0; i < SHARDS; i++) assert.ok(fs.existsSync(path.join(run, 'shards', `${i}-of-${SHARDS}.json`)), `shard ${i} left its record`);
  assertSameResults(path.join(report, 'results.json'), single, '4 Slurm array tasks + afterok merge');
});

test(`${SCOPE} as a Kubernetes Indexed Job run locally (4 processes with JOB_COMPLETION_INDEX at once), merged: results.json byte-identical to the single run`, async () => {
  const run = path.join(WORK, 'k8s-run');
  const report = path.join(WORK, 'k8s-report');
  cliOk(['plan', '--run-folder', run, '--seed', SEED, ...SELECTION]);
  cliOk(['job-files', '--run-folder', run, '--shards', String(SHARDS), '--threads', '1', '--k8s-workbook', ROOT, '--k8s-run-folder', run, '--k8s-report', report]);
  type Container = { name: string; command: string[] };
  type PodSpec = { initContainers?: Container[]; containers: Container[] };
  const shards = parseYaml(fs.readFileSync(path.join(run, 'jobs', 'kubernetes-shards.yaml'), 'utf8')) as { spec: { completionMode: string; completions: number; template: { spec: PodSpec } } };
  const mergeJob = parseYaml(fs.readFileSync(path.join(run, 'jobs', 'kubernetes-merge.yaml'), 'utf8')) as { spec: { template: { spec: PodSpec } } };
  const { Job } = (await import('kubernetes-models/batch/v1')) as { Job: new (o: unknown) => { validate(): void } };
  new Job(shards).validate();
  new Job(mergeJob).validate();
  assert.equal(shards.spec.completionMode, 'Indexed');
  assert.equal(shards.spec.completions, SHARDS);
  const pod = shards.spec.template.spec;
  const runPod = async (index: number) => {
    for (const c of [...(pod.initContainers ?? []), ...pod.containers]) {
      const r = await start(process.execPath, c.command.slice(1), { JOB_COMPLETION_INDEX: String(index) }).done;
      assert.equal(r.status, 0, `pod ${index}, container ${c.name}: ${r.stderr}`);
    }
  };
  await Promise.all(Array.from({ length: SHARDS }, (_, i) => runPod(i)));
  const merged = await start(process.execPath, mergeJob.spec.template.spec.containers[0].command.slice(1)).done;
  assert.equal(merged.status, 0, merged.stderr);
  assertSameResults(path.join(report, 'results.json'), single, '4 local processes standing in for the Indexed Job');
});
