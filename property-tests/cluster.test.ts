/**
 * Cluster runs (lib/cluster, `plan` / `run --shard i/N` / `merge` /
 * `job-files`) on the small registry of cluster-fixture-registry.ts, whose
 * checks put an exact fingerprint of their unit values into results.json:
 *
 * - unit files give back every value bit for bit, and a flipped byte or a
 *   truncation never gives back a wrong value;
 * - the shard assignment gives every unit to exactly one shard, within
 *   Graham's 4/3 bound;
 * - the paper grade's grids hold full's and more (10× trials, d up to 10⁶,
 *   n up to 101, every catalogue rule admissible at n = 11, f = 2), quick and
 *   full grids unchanged; `--grade` errors are one line;
 * - merge of N shards (N = 1, 2, 3, 5) writes a results.json byte-identical to
 *   the single-machine `verify` with the same options;
 * - fault cases: a shard killed part-way and run again, a corrupt unit file,
 *   two shards with the same index at once — each ends in the same report;
 * - the generated Kubernetes Indexed Job validates against the Kubernetes
 *   schema (kubernetes-models, generated from the API's OpenAPI spec), its
 *   command lines run locally with JOB_COMPLETION_INDEX set, N at once, and
 *   merge to the same report; the Slurm scripts pass `bash -n` and carry the
 *   array and the afterok dependency.
 *
 * The acceptance on the workbook's own registry (quick mode through a real
 * local Slurm, and as a local Indexed Job) is cluster-slurm.test.ts.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import fc from 'fast-check';
import { parse as parseYaml } from 'yaml';
import { assignShards, parseShard, shardLoads } from '../lib/cluster/shards';
import { decodeUnitFile, encodeUnitFile } from '../lib/cluster/unitFile';
import { lptMakespan } from '../lib/cluster/estimate';
import { shardIndexFromEnvironment } from '../lib/cli/runCommand';
import { UserError } from '../lib/cli/userError';
import { chunks } from '../lib/parallel/units';
import { expectationGrid, expectationTrials, fewNeighboursGrid } from '../lib/montecarlo/settings';
import { CATALOGUE_LEEWAY_MAX_D, LEEWAY_RULES, leewayDimensions, leewayRules, paperLeewayTrials } from '../lib/claims/checks/montecarlo';
import { CATALOGUE_RULES, CATALOGUE_RULE_NAMES } from '../lib/rules/index';
import { gradeOption } from '../lib/cli/options';
import { assertOneLineError } from './support/cli';
import { assertSameResults, cli, cliOk, MAIN, start, temporaryFiles, unitFiles } from './support/clusterRun';

const FIXTURE = path.join(__dirname, 'cluster-fixture-registry.js');
const WORK = fs.mkdtempSync(path.join(os.tmpdir(), 'aggregathor-cluster-test-'));
const env = { AGGREGATHOR_REGISTRY: FIXTURE };
const SELECTION = ['--only', 'C1,C2', '--seed', '11'];
const at = (name: string) => path.join(WORK, name);
after(() => fs.rmSync(WORK, { recursive: true, force: true }));

/** The single-machine report every cluster run of the fixture must reproduce (computed once). */
let single: string | undefined;
function singleResults(): string {
  if (!single) {
    cliOk(['verify', ...SELECTION, '--jobs', '2', '--out', at('single')], env);
    single = path.join(at('single'), 'results.json');
  }
  return single;
}

/** plan + every shard (sequentially) + merge into fresh folders; returns the run folder and the report's results.json. */
function clusterRun(name: string, shards: number): { run: string; results: string } {
  const run = at(`${name}-run`);
  cliOk(['plan', '--run-folder', run, ...SELECTION, '--shards', String(shards)], env);
  for (let i = 0; i < shards; i++) cliOk(['run', '--run-folder', run, '--shard', `${i}/${shards}`, '--jobs', '1'], env);
  cliOk(['merge', '--run-folder', run, '--out', at(`${name}-report`), '--jobs', '2'], env);
  return { run, results: path.join(at(`${name}-report`), 'results.json') };
}

// Values a unit may return: numbers of every kind, typed arrays, nested objects and arrays.
const special = fc.constantFrom(NaN, Infinity, -Infinity, -0, 0, Number.MIN_VALUE, Number.MAX_VALUE, -1.7e308);
const number = fc.oneof(fc.double(), special);
const unitValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    number,
    fc.string(),
    fc.boolean(),
    fc.constant(null),
    fc.array(number, { maxLength: 20 }).map((xs) => Float64Array.from(xs)),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(fc.string({ maxLength: 6 }), tie('value'), { maxKeys: 5, noNullPrototype: true }), // units return plain objects (a null prototype does not survive a worker hop either)
  ),
})).value;

test('unit files: every value comes back bit for bit; a flipped byte or a truncation never gives back a wrong value', () => {
  fc.assert(
    fc.property(unitValue, fc.string(), fc.nat(), fc.integer({ min: 1, max: 255 }), (value, spec, at, flip) => {
      const key = `kind:${JSON.stringify(spec)}`;
      const bytes = encodeUnitFile(key, 'kind', value, 0.25);
      const back = decodeUnitFile(bytes, key);
      assert.ok(back.ok);
      assert.deepStrictEqual(back.value, value); // SameValue: tells −0 from 0, NaN equals NaN, Float64Array from array
      assert.equal(decodeUnitFile(bytes, `${key} `).ok, false, 'filed under another key');
      const damaged = Buffer.from(bytes);
      const i = at % damaged.length;
      damaged[i] ^= flip;
      const d = decodeUnitFile(damaged, key);
      // A flip may land in the header's informational `seconds` digits and leave the file valid; it must never yield another value.
      if (d.ok) assert.deepStrictEqual(d.value, value);
      if (i > bytes.indexOf(0x0a)) assert.equal(d.ok, false, 'a flipped payload byte must be detected');
      assert.equal(decodeUnitFile(bytes.subarray(0, i), key).ok, false, 'a truncated file must be detected');
    }),
    { numRuns: 300, seed: 16 },
  );
});

/** The best makespan of `costs` on n machines, by trying every assignment (small inputs only). */
function optimalMakespan(costs: readonly number[], n: number): number {
  let best = Infinity;
  const load = new Array<number>(n).fill(0);
  const place = (i: number) => {
    if (Math.max(...load) >= best) return;
    if (i === costs.length) {
      best = Math.max(...load);
      return;
    }
    for (let s = 0; s < n; s++) {
      load[s] += costs[i];
      place(i + 1);
      load[s] -= costs[i];
    }
  };
  place(0);
  return costs.length === 0 ? 0 : best;
}

test('shards: every unit goes to exactly one shard, the same one every time, within Graham\'s LPT bounds', () => {
  const cost = fc.double({ min: 0, max: 100, noNaN: true });
  fc.assert(
    fc.property(fc.array(cost, { maxLength: 200 }), fc.integer({ min: 1, max: 12 }), (costs, n) => {
      const units = costs.map((c) => ({ cost: c }));
      const owner = assignShards(units, n);
      assert.equal(owner.length, units.length);
      assert.ok(owner.every((s) => Number.isInteger(s) && s >= 0 && s < n));
      assert.deepEqual(assignShards(units, n), owner);
      const loads = shardLoads(units, n);
      const total = costs.reduce((a, b) => a + b, 0);
      // Any list schedule: makespan ≤ Σ/n + (1 − 1/n) max.
      assert.ok(Math.max(...loads) <= total / n + (1 - 1 / n) * Math.max(0, ...costs) + 1e-9 * (1 + total));
      assert.equal(lptMakespan(costs, n), Math.max(...loads));
    }),
    { numRuns: 300, seed: 16 },
  );
  // LPT ≤ (4/3 − 1/(3n)) OPT (Graham 1969), OPT by exhaustive search on small inputs.
  fc.assert(
    fc.property(fc.array(cost, { maxLength: 8 }), fc.integer({ min: 1, max: 3 }), (costs, n) => {
      const lpt = Math.max(...shardLoads(costs.map((c) => ({ cost: c })), n));
      assert.ok(lpt <= (4 / 3 - 1 / (3 * n)) * optimalMakespan(costs, n) + 1e-9, `LPT ${lpt} vs OPT ${optimalMakespan(costs, n)}`);
    }),
    { numRuns: 200, seed: 16 },
  );
  // A small case by hand: 5 | 3 3 | 2 → loads 7 and 6.
  assert.deepEqual(assignShards([{ cost: 5 }, { cost: 3 }, { cost: 3 }, { cost: 2 }], 2), [0, 1, 1, 0]);
});

test('--shard, --shards and the scheduler index: one line naming the option and the admissible range', () => {
  assert.deepEqual(parseShard('2/5'), { index: 2, count: 5 });
  for (const [text, pattern] of [['5/5', /i in \[0, 4\]/], ['0/0', /N an integer in \[1, 100000\]/], ['a/b', /i\/N/], ['-1/4', /i\/N/], ['1', /i\/N/]] as const)
    assert.throws(() => parseShard(text), (e: Error) => e instanceof UserError && pattern.test(e.message) && !e.message.includes('\n'), text);
  assert.equal(shardIndexFromEnvironment(4, { SLURM_ARRAY_TASK_ID: '3' }), 3);
  assert.equal(shardIndexFromEnvironment(4, { JOB_COMPLETION_INDEX: '0' }), 0);
  assert.throws(() => shardIndexFromEnvironment(4, { SLURM_ARRAY_TASK_ID: '4' }), /SLURM_ARRAY_TASK_ID="4" is not a shard index in \[0, 3\]/);
  assert.throws(() => shardIndexFromEnvironment(4, { JOB_COMPLETION_INDEX: 'x' }), /JOB_COMPLETION_INDEX="x"/);
  assert.throws(() => shardIndexFromEnvironment(4, {}), /neither is set/);
  assertOneLineError(cli(['run', '--run-folder', at('nowhere'), '--shard', '4/4'], env), /--shard needs i\/N with i in \[0, 3\]/);
  assertOneLineError(cli(['run', '--run-folder', at('nowhere'), '--shards', '4'], { ...env, SLURM_ARRAY_TASK_ID: '', JOB_COMPLETION_INDEX: '' }), /SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX/);
  assertOneLineError(cli(['run', '--run-folder', at('nowhere'), '--shard', '0/2'], env), /no plan\.json there; write one first with: aggregathor-workbook plan/);
  assertOneLineError(cli(['merge', '--run-folder', at('nowhere')], env), /no plan\.json there/);
  assertOneLineError(cli(['job-files', '--run-folder', at('nowhere')], env), /job-files needs --shards N/);
  assertOneLineError(cli(['plan', '--run-folder', at('p'), '--grade', 'huge'], env), /--grade needs quick, full or paper/);
});

test('the paper grade: full\'s grids and more (10× trials, d up to 10⁶, n up to 101, every admissible catalogue rule); quick and full untouched; --grade errors in one line', () => {
  const key = (x: unknown) => JSON.stringify(x);
  const full = expectationGrid('full').map(key), paper = expectationGrid('paper').map(key);
  assert.deepEqual(paper.slice(0, full.length), full, 'the paper grid starts with the full grid, in order');
  assert.ok(paper.length > full.length);
  assert.equal(Math.max(...expectationGrid('paper').map((s) => s.n)), 101);
  assert.equal(expectationGrid('full').length, 27, 'full grid unchanged');
  assert.equal(expectationGrid('quick').length, 17, 'quick grid unchanged');
  assert.deepEqual(fewNeighboursGrid('paper'), fewNeighboursGrid('full'));
  for (const s of expectationGrid('full')) assert.equal(expectationTrials('paper', undefined, s), 10 * expectationTrials('full', undefined, s));
  assert.equal(expectationTrials('paper', 40), 40, '--trials overrides the grade');
  assert.deepEqual(leewayDimensions('quick'), [10, 100, 1000]);
  assert.deepEqual(leewayDimensions('full'), [10, 100, 1000, 10000]);
  assert.equal(Math.max(...leewayDimensions('paper')), 1e6);
  assert.deepEqual(leewayRules('full'), [...LEEWAY_RULES]);
  assert.deepEqual(new Set(leewayRules('paper')), new Set(CATALOGUE_RULE_NAMES.filter((r) => CATALOGUE_RULES[r].admissible(11, 2))));
  assert.equal(paperLeewayTrials(1e4), 1000);
  assert.ok(paperLeewayTrials(1e6) >= 100 && CATALOGUE_LEEWAY_MAX_D === 1e4);
  assert.equal(gradeOption('paper', false, false), 'paper');
  assert.equal(gradeOption(undefined, true, false), 'full');
  assert.throws(() => gradeOption('paper', false, true), (e: Error) => e instanceof UserError && /--grade paper contradicts --quick/.test(e.message));
  assertOneLineError(cli(['--grade', 'huge', '--only', 'C1'], env), /--grade needs quick, full or paper; got huge/);
});

test('plan: the same options give the same bytes; another run\'s plan, a foreign folder and the current folder are refused', () => {
  const run = at('plan-run');
  const first = cliOk(['plan', '--run-folder', run, ...SELECTION, '--shards', '3'], env);
  assert.match(first.stdout, /Cost estimate: quick grade/);
  assert.match(first.stdout, /3 shards × 1 thread: about/);
  const bytes = fs.readFileSync(path.join(run, 'plan.json'));
  const plan = JSON.parse(bytes.toString()) as { units: { kind: string }[]; verify: { seeds: number[] } };
  assert.equal(plan.units.length, 48, '2 checks × 600 draws in pieces of 25');
  assert.ok(plan.units.every((u) => u.kind === 'cluster-fixture-piece'));
  assert.match(cliOk(['plan', '--run-folder', run, ...SELECTION], env).stdout, /Plan unchanged/);
  assert.ok(fs.readFileSync(path.join(run, 'plan.json')).equals(bytes));
  assertOneLineError(cli(['plan', '--run-folder', run, '--only', 'C1,C2', '--seed', '12'], env), /holds the plan of another run \(quick grade, seeds 11\)/);
  fs.mkdirSync(at('thesis'));
  fs.writeFileSync(path.join(at('thesis'), 'chapter1.tex'), 'precious');
  assertOneLineError(cli(['plan', '--run-folder', at('thesis'), ...SELECTION], env), /holds files a run folder does not \(chapter1\.tex\)/);
  assert.equal(fs.readFileSync(path.join(at('thesis'), 'chapter1.tex'), 'utf8'), 'precious');
  assertOneLineError(cli(['plan', '--run-folder', '.', ...SELECTION], env), /cannot be the current folder/);
  // The paper grade (mode paper: the fixture's checks read it as full) at 5 seeds, with its estimate printed before anything runs.
  const paper = cliOk(['plan', '--run-folder', at('paper-run'), '--only', 'C1,C2', '--grade', 'paper', '--seed', '3', '--shards', '8', '--threads', '2', '--timings', 'none'], env);
  assert.match(paper.stdout, /paper grade \(--only C1,C2\), seeds 3, 4, 5, 6, 7;/);
  assert.match(paper.stdout, /1 machine, \d+ cores?: about/);
  assert.match(paper.stdout, /8 shards × 2 threads: about/);
  // 5 seeds × 2 checks × the pieces of 2000 full-mode draws (at most 64 pieces: 63 of 32 draws and one of 16).
  assert.equal((JSON.parse(fs.readFileSync(path.join(at('paper-run'), 'plan.json'), 'utf8')) as { units: unknown[] }).units.length, 5 * 2 * chunks(2000, 25).length);
  assert.equal(chunks(2000, 25).length, 63);
});

test('merge of N shards writes a results.json byte-identical to the single-machine run, for N = 1, 2, 3, 5', () => {
  for (const n of [1, 2, 3, 5]) {
    const { run, results } = clusterRun(`n${n}`, n);
    assertSameResults(results, singleResults(), `${n} shard(s)`);
    assert.equal(unitFiles(run).length, 48);
    assert.deepEqual(temporaryFiles(run), []);
  }
});

test('fault: a shard killed part-way leaves a run that merge refuses (naming the shard to run again); run again, it completes the same report', async () => {
  const run = at('killed-run');
  cliOk(['plan', '--run-folder', run, ...SELECTION], env);
  cliOk(['run', '--run-folder', run, '--shard', '0/2', '--jobs', '1'], env);
  // Shard 1 with slow units: killed once a few of its units are stored.
  const s = start(process.execPath, [MAIN, 'run', '--run-folder', run, '--shard', '1/2', '--jobs', '1'], { ...env, AGGREGATHOR_CLUSTER_FIXTURE_SLEEP_MS: '150' });
  const before = unitFiles(run).length;
  const deadline = Date.now() + 120_000;
  while (unitFiles(run).length < before + 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  s.child.kill('SIGKILL');
  const killed = await s.done;
  assert.equal(killed.signal, 'SIGKILL', 'the shard was still running when killed');
  const stored = unitFiles(run).length;
  assert.ok(stored > before && stored < 48, `part of shard 1 stored (${stored} of 48 units)`);
  const refused = cli(['merge', '--run-folder', run, '--out', at('killed-report')], env);
  assert.equal(refused.status, 4, refused.stderr);
  assert.match(refused.stderr, new RegExp(`${48 - stored} of 48 units are not stored whole`));
  assert.match(refused.stderr, /run --run-folder \S+ --shard 1\/2/, 'names the shard that owns the missing units');
  assert.doesNotMatch(refused.stderr, /--shard 0\/2/, 'and not the shard that finished');
  assert.ok(!fs.existsSync(at('killed-report')), 'nothing merged');
  const again = cliOk(['run', '--run-folder', run, '--shard', '1/2', '--jobs', '1'], env);
  assert.match(again.stdout, new RegExp(`${stored - before} already stored`));
  cliOk(['merge', '--run-folder', run, '--out', at('killed-report')], env);
  assertSameResults(path.join(at('killed-report'), 'results.json'), singleResults(), 'killed and re-run shard');
});

test('fault: a corrupt unit file (flipped byte, truncated) is refused by merge and recomputed by its shard; the report is the same', () => {
  const run = at('corrupt-run');
  cliOk(['plan', '--run-folder', run, ...SELECTION], env);
  for (let i = 0; i < 2; i++) cliOk(['run', '--run-folder', run, '--shard', `${i}/2`, '--jobs', '1'], env);
  const [flipped, truncated] = unitFiles(run).sort();
  const b = fs.readFileSync(flipped);
  b[b.length - 5] ^= 0x40;
  fs.writeFileSync(flipped, b);
  fs.writeFileSync(truncated, fs.readFileSync(truncated).subarray(0, 100));
  const refused = cli(['merge', '--run-folder', run, '--out', at('corrupt-report')], env);
  assert.equal(refused.status, 4, refused.stderr);
  assert.match(refused.stderr, /2 of 48 units are not stored whole/);
  assert.match(refused.stderr, /corrupt: checksum mismatch/);
  assert.match(refused.stderr, /corrupt: (\d+ payload bytes|no header line)/);
  let repaired = 0;
  for (let i = 0; i < 2; i++) repaired += Number(/(\d+) corrupt and recomputed/.exec(cliOk(['run', '--run-folder', run, '--shard', `${i}/2`], env).stdout)![1]);
  assert.equal(repaired, 2);
  cliOk(['merge', '--run-folder', run, '--out', at('corrupt-report')], env);
  assertSameResults(path.join(at('corrupt-report'), 'results.json'), singleResults(), 'corrupt units recomputed');
});

test('fault: two shards with the same index at once both succeed, leave no partial file, and merge to the same report', async () => {
  const run = at('twice-run');
  cliOk(['plan', '--run-folder', run, ...SELECTION], env);
  const slow = { ...env, AGGREGATHOR_CLUSTER_FIXTURE_SLEEP_MS: '20' };
  const twins = [0, 1].map(() => start(process.execPath, [MAIN, 'run', '--run-folder', run, '--shard', '1/3', '--jobs', '1'], slow));
  const outcomes = await Promise.all(twins.map((t) => t.done));
  for (const o of outcomes) assert.equal(o.status, 0, o.stderr);
  for (const i of [0, 2]) cliOk(['run', '--run-folder', run, '--shard', `${i}/3`], env);
  assert.deepEqual(temporaryFiles(run), []);
  cliOk(['merge', '--run-folder', run, '--out', at('twice-report')], env);
  assertSameResults(path.join(at('twice-report'), 'results.json'), singleResults(), 'shard 1/3 run twice at once');
});

test('job files: the Indexed Job validates against the Kubernetes schema and its commands, run locally N at once with JOB_COMPLETION_INDEX, merge to the same report; the Slurm scripts carry the array and afterok', async () => {
  const { Job } = (await import('kubernetes-models/batch/v1')) as { Job: new (o: unknown) => { validate(): void } };
  const run = at('k8s-run');
  const report = at('k8s-report');
  cliOk(['plan', '--run-folder', run, ...SELECTION], env);
  cliOk(['job-files', '--run-folder', run, '--shards', '3', '--threads', '1', '--mem-gb', '2', '--k8s-workbook', path.resolve(__dirname, '..', '..'), '--k8s-run-folder', run, '--k8s-report', report], env);
  const jobs = path.join(run, 'jobs');
  const shardsJob = parseYaml(fs.readFileSync(path.join(jobs, 'kubernetes-shards.yaml'), 'utf8')) as K8sJob;
  const mergeJob = parseYaml(fs.readFileSync(path.join(jobs, 'kubernetes-merge.yaml'), 'utf8')) as K8sJob;
  new Job(shardsJob).validate();
  new Job(mergeJob).validate();
  // The validator does validate: a misspelt enum value and a missing container name are rejected.
  assert.throws(() => new Job({ ...shardsJob, spec: { ...shardsJob.spec, completionMode: 'indexed' } }).validate(), /completionMode/);
  assert.throws(() => new Job({ ...shardsJob, spec: { ...shardsJob.spec, template: { spec: { ...shardsJob.spec.template.spec, containers: [{ image: 'x' }] } } } }).validate(), /name/);
  assert.equal(shardsJob.spec.completionMode, 'Indexed');
  assert.equal(shardsJob.spec.completions, 3);
  assert.equal(shardsJob.spec.template.spec.restartPolicy, 'Never');
  const pod = shardsJob.spec.template.spec;
  const mount = pod.volumes[0].persistentVolumeClaim?.claimName;
  assert.equal(mount, 'aggregathor-run');
  // Run each pod as Kubernetes would: its init container, then its container, with JOB_COMPLETION_INDEX = its index; all three at once.
  const podRun = async (index: number) => {
    for (const c of [...(pod.initContainers ?? []), ...pod.containers]) {
      const [cmd, ...args] = c.command;
      assert.equal(cmd, 'node');
      const r = await start(process.execPath, args, { ...env, JOB_COMPLETION_INDEX: String(index) }).done;
      assert.equal(r.status, 0, `pod ${index}, container ${c.name}: ${r.stderr}`);
    }
  };
  await Promise.all([0, 1, 2].map(podRun));
  const [, ...mergeArgs] = mergeJob.spec.template.spec.containers[0].command;
  const merged = await start(process.execPath, mergeArgs, env).done;
  assert.equal(merged.status, 0, merged.stderr);
  assertSameResults(path.join(report, 'results.json'), singleResults(), 'the Indexed Job run locally');
  // Slurm: an array of 3 tasks, a merge after all of them, valid shell.
  const sbatch = fs.readFileSync(path.join(jobs, 'shards.sbatch'), 'utf8');
  assert.match(sbatch, /^#SBATCH --array=0-2$/m);
  assert.match(sbatch, /^#SBATCH --cpus-per-task=1$/m);
  assert.match(sbatch, /^#SBATCH --mem=2G$/m);
  assert.match(sbatch, / run --run-folder \S+ --shards 3 /);
  assert.match(fs.readFileSync(path.join(jobs, 'submit-slurm.sh'), 'utf8'), /sbatch --parsable --dependency=afterok:"\$array"/);
  for (const f of ['shards.sbatch', 'merge.sbatch', 'submit-slurm.sh', 'submit-kubernetes.sh']) {
    const r = spawnSync('bash', ['-n', path.join(jobs, f)], { encoding: 'utf8' });
    assert.equal(r.status, 0, `${f}: ${r.stderr}`);
  }
});

interface K8sContainer {
  name: string;
  command: string[];
}
interface K8sJob {
  spec: {
    completionMode?: string;
    completions: number;
    template: { spec: { restartPolicy: string; initContainers?: K8sContainer[]; containers: K8sContainer[]; volumes: { persistentVolumeClaim?: { claimName: string } }[] } };
  };
}
