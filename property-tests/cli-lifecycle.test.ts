/**
 * Issue 12, the classes "data loss" and "processes that outlive their
 * caller", on the real CLI in temporary folders:
 *
 * - `--out` never deletes what the workbook did not write: a folder with
 *   foreign files, the current folder (a clone, `.git` included), its parent,
 *   `""`, a previous report with a file added or edited — all refused in one
 *   line, before any check runs, everything intact; an empty folder and an
 *   intact previous report are replaced.
 * - Staging folders of killed runs are removed by the next run; foreign ones
 *   are left alone; a live run's staging folder makes the target busy.
 * - The report folder follows the user's umask.
 * - SIGTERM / SIGINT / SIGKILL to `npm start`, to the CLI, and to the
 *   re-executing parent (--jobs 2): no process of the run is left (found by a
 *   tag in their environment, which worker threads' child processes such as
 *   Chromium inherit), nothing is committed even after the run would have
 *   finished, and a caught signal exits with 128 + its number and one line.
 * - A browser that never answers: the run times out, says so, and writes the
 *   report without images, leaving no browser process behind.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess, type SpawnSyncReturns } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { callerChain, PARENT_ENV } from '../lib/cli/lifetime';
import { checksProofMap } from '../lib/cli/verify';
import { DEFAULT_REGISTRY_MODULE } from '../lib/parallel/registrySource';
import { MANIFEST, STAGING_MARKER } from '../lib/report/outputFolder';
import { assertOneLineError } from './support/cli';

const ROOT = path.resolve(__dirname, '..', '..');
const MAIN = path.join(ROOT, 'dist', 'lib', 'cli', 'main.js');
const FIXTURE = path.join(__dirname, 'lifecycle-fixture-registry.js');
const WORK = fs.mkdtempSync(path.join(os.tmpdir(), 'aggregathor-lifecycle-'));
const NO_BROWSER = '/nonexistent/chromium';

type Env = Record<string, string>;
const baseEnv = (extra: Env = {}): NodeJS.ProcessEnv => ({ ...process.env, AGGREGATHOR_REGISTRY: FIXTURE, CHROMIUM_PATH: NO_BROWSER, AGGREGATHOR_FIXTURE_SLEEP_MS: '0', ...extra });

function run(args: string[], options: { cwd?: string; env?: Env } = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [MAIN, ...args], { encoding: 'utf8', cwd: options.cwd ?? WORK, env: baseEnv(options.env), input: '', timeout: 60_000 });
}

/** Every file under `dir` with its content, to show a folder is untouched. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, rel: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(path.join(d, e.name), r);
      else out[r] = fs.readFileSync(path.join(d, e.name), 'utf8');
    }
  };
  walk(dir, '');
  return out;
}

const stagingIn = (dir: string) => fs.readdirSync(dir).filter((f) => f.includes('.partial-'));

/** A folder holding a user's work: a clone with .git, a thesis, data. */
function usersFolder(name: string): string {
  const dir = path.join(WORK, name);
  fs.mkdirSync(path.join(dir, '.git', 'refs'), { recursive: true });
  fs.writeFileSync(path.join(dir, '.git', 'HEAD'), 'ref: refs/heads/main\n');
  fs.writeFileSync(path.join(dir, 'thesis.tex'), '\\documentclass{article}\n');
  fs.mkdirSync(path.join(dir, 'data'));
  fs.writeFileSync(path.join(dir, 'data', 'runs.csv'), 'a,b\n1,2\n');
  return dir;
}

test('--out at a folder with foreign files, at ".", at its parent and at "" is refused in one line, and nothing is touched', () => {
  const dir = usersFolder('thesis');
  const before = snapshot(dir);
  assertOneLineError(run(['--out', dir]), /holds files the workbook did not write \(\.git, data, thesis\.tex\)/);
  assertOneLineError(run(['--out', '.'], { cwd: dir }), /cannot be the current folder or one of its parents/);
  assertOneLineError(run(['--out', './'], { cwd: dir }), /cannot be the current folder/);
  assertOneLineError(run(['--out', '..'], { cwd: path.join(dir, 'data') }), /cannot be the current folder or one of its parents/);
  assertOneLineError(run(['--out', ''], { cwd: dir }), /--out needs a folder path; got an empty string/);
  assertOneLineError(run(['--out', '/']), /cannot be the current folder or one of its parents/);
  assert.deepEqual(snapshot(dir), before, 'the user folder is untouched');
  assert.deepEqual(stagingIn(WORK), []);
  assert.deepEqual(stagingIn(dir), []);
});

test('a previous report is replaced; one with a file added or edited by the user is refused; an empty folder is used', () => {
  const target = path.join(WORK, 'previous');
  const first = run(['--out', target]);
  assert.equal(first.status, 0, first.stderr);
  assert.ok(fs.existsSync(path.join(target, MANIFEST)), 'the report carries its manifest');
  // The proof map leans on the workbook's own registry: a run on another registry (this fixture) has none.
  assert.doesNotMatch(first.stdout, /Proof map:/);
  assert.ok(!fs.existsSync(path.join(target, 'errata.md')), 'no errata without the workbook’s registry');
  const second = run(['--out', target, '--seed', '8']);
  assert.equal(second.status, 0, second.stderr);
  assert.equal((JSON.parse(fs.readFileSync(path.join(target, 'results.json'), 'utf8')) as { seed: number }).seed, 8, 'the report was replaced');

  fs.writeFileSync(path.join(target, 'notes.md'), 'my notes\n');
  assertOneLineError(run(['--out', target]), /also holds files the workbook did not write \(notes\.md\)/);
  assert.equal(fs.readFileSync(path.join(target, 'notes.md'), 'utf8'), 'my notes\n');
  fs.rmSync(path.join(target, 'notes.md'));

  fs.appendFileSync(path.join(target, 'report.md'), '\nmy comment\n');
  assertOneLineError(run(['--out', target]), /report\.md in the previous report was changed after the workbook wrote it/);
  assert.match(fs.readFileSync(path.join(target, 'report.md'), 'utf8'), /my comment/);

  const empty = path.join(WORK, 'empty');
  fs.mkdirSync(empty);
  const third = run(['--out', empty]);
  assert.equal(third.status, 0, third.stderr);
  assert.ok(fs.existsSync(path.join(empty, 'results.json')));
  assert.deepEqual(stagingIn(WORK), []);
});

test('the proof map is checked on a run over every claim of the workbook’s own registry, and only there', () => {
  assert.equal(checksProofMap(undefined, DEFAULT_REGISTRY_MODULE), true);
  assert.equal(checksProofMap(undefined, path.relative(process.cwd(), DEFAULT_REGISTRY_MODULE)), true, 'the same module by a relative path');
  assert.equal(checksProofMap(['L2.3'], DEFAULT_REGISTRY_MODULE), false, '--only');
  assert.equal(checksProofMap(undefined, FIXTURE), false, 'AGGREGATHOR_REGISTRY');
});

test('staging folders of killed runs are removed, foreign ones kept, and a live run makes the target busy', () => {
  const target = path.join(WORK, 'stale');
  const dead = spawnSync('true').pid!; // a pid that has exited
  const mine = path.join(WORK, '.stale.partial-killed');
  fs.mkdirSync(mine);
  fs.writeFileSync(path.join(mine, STAGING_MARKER), JSON.stringify({ writtenBy: 'aggregathor-workbook', pid: dead, target }));
  fs.writeFileSync(path.join(mine, 'results.json'), 'half a report');
  const foreign = path.join(WORK, '.stale.partial-someone-else');
  fs.mkdirSync(foreign);
  fs.writeFileSync(path.join(foreign, 'keep.txt'), 'not the workbook’s');
  const r = run(['--out', target]);
  assert.equal(r.status, 0, r.stderr);
  assert.ok(!fs.existsSync(mine), 'the killed run’s staging folder is removed');
  assert.equal(fs.readFileSync(path.join(foreign, 'keep.txt'), 'utf8'), 'not the workbook’s', 'a folder without the marker is left alone');

  const live = path.join(WORK, '.stale.partial-live');
  fs.mkdirSync(live);
  fs.writeFileSync(path.join(live, STAGING_MARKER), JSON.stringify({ writtenBy: 'aggregathor-workbook', pid: process.pid, target }));
  assertOneLineError(run(['--out', target]), new RegExp(`another run \\(process ${process.pid}\\) is writing a report there`));
  assert.ok(fs.existsSync(live));
  fs.rmSync(live, { recursive: true });
  fs.rmSync(foreign, { recursive: true });
});

test('the report folder follows the user’s umask', () => {
  for (const [mask, mode] of [['027', 0o750], ['022', 0o755], ['002', 0o775]] as const) {
    const target = path.join(WORK, `umask-${mask}`, 'report');
    const r = spawnSync('sh', ['-c', `umask ${mask}; exec "$0" "$@"`, process.execPath, MAIN, '--out', target], { encoding: 'utf8', cwd: WORK, env: baseEnv(), timeout: 60_000 });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(fs.statSync(target).mode & 0o777, mode, `report folder under umask ${mask}`);
    assert.equal(fs.statSync(path.dirname(target)).mode & 0o777, mode, `created parent under umask ${mask}`);
    assert.equal(fs.statSync(path.join(target, 'csv')).mode & 0o777, mode, `csv/ under umask ${mask}`);
  }
});

// --- processes ---------------------------------------------------------------------------

/** Pids whose environment carries the tag: the run's processes, threads' children and browsers included. */
function tagged(tag: string): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const environ = fs.readFileSync(`/proc/${entry}/environ`, 'latin1');
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (stat.slice(stat.lastIndexOf(')') + 2)[0] === 'Z') continue; // exited, not yet reaped by its parent
      if (environ.includes(`AGGREGATHOR_TEST_TAG=${tag}\0`)) pids.push(Number(entry));
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return pids;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Waiting for something to start: a passing run never waits the whole time, and on a loaded 2-core machine (other
// test files beside this one) a run took more than 30 s to reach its report's browser.
async function until(what: string, ok: () => boolean, ms = 120_000): Promise<void> {
  for (let waited = 0; !ok(); waited += 100) {
    if (waited > ms) assert.fail(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** How long the fixture's checks take: a run interrupted while they wait would have finished by then. */
const CHECK_MS = 3000;

interface Started { child: ChildProcess; tag: string; target: string; stderr: () => string; exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }> }

function start(kind: 'npm' | 'node', name: string, jobs: number, env: Env = {}): Started {
  const tag = randomUUID();
  const target = path.join(WORK, name);
  const cliArgs = ['--out', target, '--jobs', String(jobs)];
  const fullEnv = { ...baseEnv({ AGGREGATHOR_FIXTURE_SLEEP_MS: String(CHECK_MS), ...env }), AGGREGATHOR_TEST_TAG: tag };
  const child = kind === 'npm'
    ? spawn('npm', ['start', '--silent', '--', ...cliArgs], { cwd: ROOT, env: { ...fullEnv, AGGREGATHOR_SKIP_SETUP: '1' }, stdio: ['ignore', 'ignore', 'pipe'] })
    : spawn(process.execPath, [MAIN, ...cliArgs], { cwd: WORK, env: fullEnv, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, tag, target, stderr: () => err, exit };
}

/** The CLI process of a run started through npm (the node that runs main.js without the GC flag). */
function cliPid(tag: string): number | undefined {
  return tagged(tag).find((pid) => {
    const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return cmd.some((a) => a.endsWith('main.js')) && !cmd.includes('--single-threaded-gc');
  });
}

/** Waits until the run's checks are running (its staging folder exists), for the requested threads. */
async function running(s: Started): Promise<void> {
  const name = path.basename(s.target);
  await until(`the staging folder of ${name}`, () => fs.readdirSync(WORK).some((f) => f.startsWith(`.${name}.partial-`)));
  await sleep(500); // worker threads started and waiting in their units
}

/** After an interruption: no process of the run within 3 s, and still no report once the run would have finished. */
async function assertNothingLeft(s: Started): Promise<void> {
  await until(`the run's processes to end (left: ${tagged(s.tag).join(', ')})`, () => tagged(s.tag).length === 0, 5_000);
  await sleep(CHECK_MS + 1_000); // past the time the checks would have taken
  assert.deepEqual(tagged(s.tag), []);
  assert.ok(!fs.existsSync(s.target), 'no report was committed');
  assert.deepEqual(fs.readdirSync(WORK).filter((f) => f.startsWith(`.${path.basename(s.target)}.partial-`)), [], 'no staging folder left');
}

// The runs mostly wait, each under its own tag and folder: they run side by side.
describe('interrupted runs', { concurrency: 6 }, () => {
  for (const jobs of [1, 2]) {
    for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
      test(`${signal} to the CLI (--jobs ${jobs}): exit 128 + signal, one line, nothing left, nothing committed`, async () => {
        const s = start('node', `cli-${signal}-${jobs}`, jobs);
        await running(s);
        s.child.kill(signal);
        const { code } = await s.exit;
        assert.equal(code, 128 + os.constants.signals[signal]);
        assert.match(s.stderr(), new RegExp(`interrupted by ${signal}: no report was written; .*cli-${signal}-${jobs} was not created`));
        assert.equal(s.stderr().trimEnd().split('\n').filter((l) => /interrupted|error/.test(l)).length, 1, s.stderr());
        await assertNothingLeft(s);
      });
    }
  }

  test('SIGKILL to the re-executing parent (--jobs 2): its child and the worker threads stop, nothing committed', async () => {
    const s = start('node', 'cli-parent-killed', 2);
    await running(s);
    assert.equal(tagged(s.tag).length, 2, 'a parent and its re-executed child');
    s.child.kill('SIGKILL');
    await s.exit;
    await assertNothingLeft(s);
  });

  for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
    for (const jobs of [1, 2]) {
      test(`${signal} to npm start (--jobs ${jobs}): no process left, nothing committed`, async () => {
        const s = start('npm', `npm-${signal}-${jobs}`, jobs);
        await running(s);
        s.child.kill(signal);
        await s.exit;
        await assertNothingLeft(s);
      });
    }
    test(`${signal} to the CLI process under npm start (--jobs 2): no process left, nothing committed`, async () => {
      const s = start('npm', `npm-cli-${signal}`, 2);
      await running(s);
      const pid = cliPid(s.tag);
      assert.ok(pid, 'the CLI process under npm');
      process.kill(pid!, signal);
      await s.exit;
      await assertNothingLeft(s);
    });
  }
});

test('npm variables inherited from another npm script (a Slurm job submitted from npm test) do not read as a dead caller', () => {
  // A Slurm job inherits the environment of the shell that ran sbatch, npm's variables included when
  // that was `npm test`; its chain (bash, slurmstepd, init) never reaches npm, and on one CPU (no
  // re-executed child) the CLI walked it and stopped at once: "interrupted: the calling process -1 is
  // gone". Only `npm start`, the script that runs this CLI, makes the chain up to npm the caller.
  assert.deepEqual(callerChain({ npm_lifecycle_event: 'test' }), [], 'under npm test: nobody to watch');
  assert.deepEqual(callerChain({}), [], 'under a shell: nobody to watch');
  const underStart = callerChain({ npm_lifecycle_event: 'start' });
  assert.ok(underStart.length >= 1 && underStart[0][0] === process.pid, `under npm start: the chain from this process, ${JSON.stringify(underStart)}`);
  assert.deepEqual(callerChain({ [PARENT_ENV]: '4242', npm_lifecycle_event: 'test' }), [[process.pid, 4242]], 'a re-executed child watches the CLI that started it');
});

test('npm start resolves the user’s paths from the folder npm was run in (INIT_CWD), not from the repository root', () => {
  const here = fs.mkdtempSync(path.join(WORK, 'elsewhere-'));
  fs.writeFileSync(path.join(here, 'vectors.csv'), '1,2\n3,4\n5,6\n');
  const r = spawnSync('npm', ['--prefix', ROOT, 'start', '--silent', '--', 'aggregate', 'vectors.csv', '--rule', 'average', '--json'], {
    cwd: here, encoding: 'utf8', timeout: 60_000, env: { ...process.env, AGGREGATHOR_SKIP_SETUP: '1' },
  });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual((JSON.parse(r.stdout) as { aggregate: number[] }).aggregate, [3, 4]);
});

/** A "browser" that starts and never answers. */
function hangingBrowser(): string {
  const file = path.join(WORK, 'hanging-chromium');
  fs.writeFileSync(file, '#!/bin/sh\nexec sleep 300\n', { mode: 0o755 });
  return file;
}

test('a browser that never answers: the run times out, says so, writes the report without images, leaves no browser', async () => {
  const tag = randomUUID();
  const target = path.join(WORK, 'hanging-browser');
  const started = Date.now();
  const r = spawnSync(process.execPath, [MAIN, '--out', target, '--jobs', '1'], {
    encoding: 'utf8', cwd: WORK, timeout: 60_000,
    env: { ...baseEnv({ CHROMIUM_PATH: hangingBrowser(), AGGREGATHOR_CHROMIUM_LAUNCH_MS: '1500' }), AGGREGATHOR_TEST_TAG: tag },
  });
  assert.equal(r.status, 0, r.stderr);
  assert.ok(Date.now() - started < 30_000, 'the run did not wait for the browser');
  assert.match(r.stderr, /notice: figures not rendered to SVG\/PNG: Chromium \(.*hanging-chromium\) did not start within 1\.5 s/);
  assert.ok(fs.existsSync(path.join(target, 'report.md')));
  assert.deepEqual(fs.readdirSync(path.join(target, 'figures')).filter((f) => /\.(svg|png)$/.test(f)), []);
  await until('the browser process to end', () => tagged(tag).length === 0, 5_000);
});

test('SIGTERM while the report waits for the browser: the browser process ends with the run', async () => {
  const s = start('node', 'browser-interrupted', 1, { AGGREGATHOR_FIXTURE_SLEEP_MS: '0', CHROMIUM_PATH: hangingBrowser(), AGGREGATHOR_CHROMIUM_LAUNCH_MS: '60000' });
  await until('the browser to start', () => tagged(s.tag).some((pid) => fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').startsWith('sleep')));
  s.child.kill('SIGTERM');
  assert.equal((await s.exit).code, 143);
  await assertNothingLeft(s);
});

test.after(() => fs.rmSync(WORK, { recursive: true, force: true }));
