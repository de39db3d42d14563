/**
 * Helpers of the cluster tests: the CLI as a subprocess (sync and async),
 * and byte comparison of results.json with a readable first difference.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess, type SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const MAIN = path.join(ROOT, 'dist', 'lib', 'cli', 'main.js');
/** No browser: the report is written without SVG/PNG (results.json does not depend on them), which saves seconds per report. */
export const NO_BROWSER = '/nonexistent/chromium';

export type Env = Record<string, string | undefined>;

export function cli(args: string[], env: Env = {}, timeout = 600_000): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [MAIN, ...args], { encoding: 'utf8', input: '', env: { ...process.env, CHROMIUM_PATH: NO_BROWSER, ...env }, timeout });
}

/** Runs the CLI and asserts its exit status, showing its stderr when it differs. */
export function cliOk(args: string[], env: Env = {}, status = 0): SpawnSyncReturns<string> {
  const r = cli(args, env);
  assert.equal(r.status, status, `${args.join(' ')} exited ${r.status} (signal ${r.signal}), expected ${status}; stderr:\n${r.stderr}`);
  return r;
}

/** Starts a command, resolving with its exit status, stdout and stderr. */
export function start(command: string, args: string[], env: Env = {}): { child: ChildProcess; done: Promise<{ status: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> } {
  const child = spawn(command, args, { env: { ...process.env, CHROMIUM_PATH: NO_BROWSER, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<{ status: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) => child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr })));
  return { child, done };
}

/** Asserts two results.json files are the same bytes, naming the first differing line otherwise. */
export function assertSameResults(a: string, b: string, what: string): void {
  const [x, y] = [fs.readFileSync(a), fs.readFileSync(b)];
  if (x.equals(y)) return;
  const [lx, ly] = [x.toString().split('\n'), y.toString().split('\n')];
  const i = lx.findIndex((line, k) => line !== ly[k]);
  assert.fail(`${what}: results.json differs from the single-machine run at line ${i + 1}: ${lx[i]?.trim()} vs ${ly[i]?.trim()}`);
}

/** Every unit file under a run folder. */
export function unitFiles(runFolder: string): string[] {
  const dir = path.join(runFolder, 'units');
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).flatMap((sub) => fs.readdirSync(path.join(dir, sub)).filter((f) => f.endsWith('.unit')).map((f) => path.join(dir, sub, f)));
}

/** Leftover temporary files of atomic writes (there must be none once every writer has finished). */
export function temporaryFiles(runFolder: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(d, e.name));
      else if (e.name.endsWith('.tmp')) out.push(path.join(d, e.name));
    }
  };
  if (fs.existsSync(runFolder)) walk(runFolder);
  return out;
}
