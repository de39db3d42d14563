/**
 * Screenshots and notebook times for a closing note, under build/screenshots-closing/:
 *
 * - `02-cone-jupyterlab.png`, `07-errata-jupyterlab.png`: the two notebooks
 *   open in a real JupyterLab, their first figure in view — taken by
 *   property-tests/frontends.test.ts (run here for those two notebooks when
 *   the last `npm test` left no such screenshot);
 * - `report-overview.png`: the report's overview figure (the tightness
 *   overview) as index.html shows it in headless Chromium, offline, from a
 *   quick-mode report written to build/screenshots-closing/report/ (or the
 *   report given with `--report DIR`);
 * - `notebook-times.md`: one table with the execution time of each notebook,
 *   as the notebook test measured it (scripts/execute_notebooks.py, the
 *   records build/notebooks/<name>.run.json of the last `npm test`).
 *
 *   npm test                                   # or at least the notebooks and front-ends tests
 *   node dist/scripts/screenshots.js [--report report]
 *
 * @example
 * // node dist/scripts/screenshots.js --report report
 * // | notebook | cells | figures | seconds | ran to the end |
 * // | 00-tour | 14 | 3 | 21.4 | yes |
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchChromium } from '../property-tests/support/chromium';

const ROOT = path.resolve(__dirname, '..', '..');
const OUT = path.join(ROOT, 'build', 'screenshots-closing');
const NOTEBOOK_RECORDS = path.join(ROOT, 'build', 'notebooks');
const FRONTEND_SHOTS = path.join(ROOT, 'build', 'screenshots', 'frontends');
const NOTEBOOKS = ['02-cone', '07-errata'];

interface Record {
  notebook: string;
  ok: boolean;
  seconds: number;
  cells: number;
  figures: number;
  runId?: string;
}

function records(): Record[] {
  if (!existsSync(NOTEBOOK_RECORDS)) return [];
  return readdirSync(NOTEBOOK_RECORDS)
    .filter((f) => f.endsWith('.run.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(path.join(NOTEBOOK_RECORDS, f), 'utf8')) as Record);
}

/** The table of notebook times, in reading order. */
function timesTable(rs: Record[]): string {
  const lines = ['| notebook | cells | figures | seconds | ran to the end |', '|---|---:|---:|---:|---|'];
  for (const r of rs) lines.push(`| ${path.basename(r.notebook, '.ipynb')} | ${r.cells} | ${r.figures} | ${r.seconds.toFixed(1)} | ${r.ok ? 'yes' : 'no'} |`);
  const total = rs.reduce((s, r) => s + r.seconds, 0);
  lines.push(`| all | | ${rs.reduce((s, r) => s + r.figures, 0)} | ${total.toFixed(1)} | ${rs.every((r) => r.ok) ? 'yes' : 'no'} |`);
  return lines.join('\n');
}

/** The JupyterLab screenshots of the two notebooks, from the front-end test (run for them if missing). */
function labScreenshots(): string[] {
  const wanted = NOTEBOOKS.map((n) => path.join(FRONTEND_SHOTS, `${n}-jupyterlab.png`));
  if (!wanted.every(existsSync)) {
    // Reuse the executed copies of the last `npm test` (same run id), so no notebook is executed again.
    const last = records().find((r) => NOTEBOOKS.includes(path.basename(r.notebook, '.ipynb')))?.runId;
    console.error(`screenshots: running the front-end test for ${NOTEBOOKS.join(', ')}`);
    const r = spawnSync(process.execPath, ['--test', `--test-name-pattern=installed|${NOTEBOOKS.join('|')}`, path.join(ROOT, 'dist', 'property-tests', 'frontends.test.js')], {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, ...(last ? { AGGREGATHOR_TEST_RUN: last } : {}), JUPYTER_PATH: path.join(ROOT, '.jupyter-local') },
    });
    if (r.status !== 0) throw new Error('the front-end test failed (see above)');
  }
  return wanted.map((file) => {
    const target = path.join(OUT, path.basename(file));
    copyFileSync(file, target);
    return target;
  });
}

/** Writes (or takes) a report and screenshots its first overview figure in index.html. */
async function reportOverview(reportArg: string | undefined): Promise<string> {
  let report = reportArg ? path.resolve(reportArg) : path.join(OUT, 'report');
  if (!reportArg) {
    console.error('screenshots: writing a quick-mode report (npm start) to build/screenshots-closing/report');
    const r = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'lib', 'cli', 'main.js'), '--out', report], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    if (r.status !== 0) throw new Error(`the report run exited with status ${r.status}`);
  }
  report = path.join(report, 'index.html');
  const browser = await launchChromium({ viewport: { width: 1400, height: 1000 } });
  try {
    const page = await browser.context.newPage();
    await page.goto(pathToFileURL(report).href, { waitUntil: 'load', timeout: 120_000 });
    const figure = page.locator('.js-figure').first();
    await figure.locator('.main-svg').first().waitFor({ timeout: 120_000 });
    const file = path.join(OUT, 'report-overview.png');
    await figure.screenshot({ path: file });
    if (browser.blockedRequests.length) throw new Error(`the report asked the network for ${browser.blockedRequests.join(', ')}`);
    return file;
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const at = args.indexOf('--report');
  if (args.some((a, i) => a !== '--report' && i !== at + 1)) {
    console.error('usage: node dist/scripts/screenshots.js [--report DIR]');
    process.exit(2);
  }
  mkdirSync(OUT, { recursive: true });
  const rs = records();
  if (rs.length === 0) throw new Error('no notebook records in build/notebooks/: run `npm test` (or bash scripts/notebooks.sh) first');
  const table = timesTable(rs);
  writeFileSync(path.join(OUT, 'notebook-times.md'), `Execution time of each notebook (scripts/execute_notebooks.py, run ${rs[0].runId ?? '?'}; npm test runs two test files at a time, so these are times on a shared machine).\n\n${table}\n`);
  const shots = [...labScreenshots(), await reportOverview(at >= 0 ? args[at + 1] : undefined)];
  console.log(table);
  console.log(`\nscreenshots:\n${shots.map((s) => `  ${path.relative(ROOT, s)}`).join('\n')}\ntable: ${path.relative(ROOT, path.join(OUT, 'notebook-times.md'))}`);
}

main().catch((e) => {
  console.error(`screenshots: ${(e as Error).message}`);
  process.exit(1);
});
