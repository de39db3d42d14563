/**
 * Wall times of the main job for the README: runs the CLI as a user does
 * (`node dist/lib/cli/main.js`) in quick mode and, unless `--quick-only`, in
 * full mode, on the default seed, each into a throwaway report folder, and
 * prints a Markdown table (mode, jobs, wall time, checks, surprises, exit
 * status). The numbers are also written to build/time-main.json.
 *
 *     npx tsc -p . && node dist/scripts/time-main.js [--quick-only] [--jobs n]
 *
 * Timing is measured here, around the whole process (start-up, checks,
 * report, figure rendering), never inside a test.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = path.resolve(__dirname, '..', '..');
const MAIN = path.join(ROOT, 'dist', 'lib', 'cli', 'main.js');

interface Timing {
  mode: 'quick' | 'full';
  jobs: number;
  wallSeconds: number;
  exitCode: number | null;
  checks: number | null;
  surprises: number | null;
}

function timeRun(mode: 'quick' | 'full', jobs: number): Timing {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), `aggregathor-time-${mode}-`));
  const report = path.join(out, 'report');
  const args = [MAIN, '--out', report, '--jobs', String(jobs), ...(mode === 'full' ? ['--full'] : [])];
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'], timeout: 3 * 60 * 60 * 1000 });
  const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  let checks: number | null = null;
  let surprises: number | null = null;
  try {
    const results = JSON.parse(fs.readFileSync(path.join(report, 'results.json'), 'utf8')) as { counts: { checks: number; surprises: number } };
    checks = results.counts.checks;
    surprises = results.counts.surprises;
  } catch {
    // no report: the run failed; the exit code says how
  }
  fs.rmSync(out, { recursive: true, force: true });
  return { mode, jobs, wallSeconds, exitCode: r.status, checks, surprises };
}

function main(): void {
  const { values } = parseArgs({ options: { 'quick-only': { type: 'boolean', default: false }, jobs: { type: 'string' } } });
  const jobs = values.jobs ? Number(values.jobs) : os.availableParallelism();
  const modes: ('quick' | 'full')[] = values['quick-only'] ? ['quick'] : ['quick', 'full'];
  const timings = modes.map((m) => {
    process.stderr.write(`timing ${m} mode with ${jobs} job(s)…\n`);
    return timeRun(m, jobs);
  });
  const machine = `${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${os.availableParallelism()} cores, node ${process.version}`;
  const lines = [
    `Main job wall times (${machine}):`,
    '',
    '| mode | jobs | wall time | checks | surprises | exit |',
    '|---|---|---|---|---|---|',
    ...timings.map((t) => `| ${t.mode} | ${t.jobs} | ${t.wallSeconds.toFixed(1)} s | ${t.checks ?? '—'} | ${t.surprises ?? '—'} | ${t.exitCode} |`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  fs.mkdirSync(path.join(ROOT, 'build'), { recursive: true });
  fs.writeFileSync(path.join(ROOT, 'build', 'time-main.json'), `${JSON.stringify({ machine, timings }, null, 2)}\n`);
}

main();
