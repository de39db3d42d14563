/**
 * Executing the workbook's notebooks for the tests, once per test run.
 *
 * Three test files need executed notebooks: notebooks.test.ts (did every
 * cell run?), browser.test.ts (does every figure of the HTML export render?)
 * and frontends.test.ts (do the figures draw in JupyterLab and Notebook 6/7?).
 * They run in parallel processes, so the first one to ask for a notebook
 * executes it (scripts/execute_notebooks.py, under a lock directory) and the
 * other waits and reads the same record; each also executes, in the
 * background, the notebooks nobody has taken yet (executeUnclaimed), so two
 * processes execute two notebooks at once. Records are keyed by the run id that
 * scripts/test.sh exports, so a new `npm test` always executes afresh; run
 * on its own, each test file executes what it needs itself.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The clone's root (this file is compiled to dist/property-tests/support/). */
export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const NOTEBOOK_DIR = path.join(ROOT, 'notebooks');
export const BUILD_DIR = path.join(ROOT, 'build', 'notebooks');
export const KERNEL_DIR = path.join(ROOT, '.jupyter-local');
/** Debian's interpreter: the one with python3-nbclient and jupyter-nbconvert. */
export const SYSTEM_PYTHON = '/usr/bin/python3';
const RUNNER = path.join(ROOT, 'scripts', 'execute_notebooks.py');

/** Per-cell timeout in seconds (NOTEBOOK_CELL_TIMEOUT overrides). */
export const CELL_TIMEOUT_S = Number(process.env.NOTEBOOK_CELL_TIMEOUT ?? 120);

const RUN_ID = process.env.AGGREGATHOR_TEST_RUN ?? `pid-${process.pid}-${Date.now()}`;

/** What the runner reports for one notebook. */
export interface NotebookRecord {
  notebook: string;
  ok: boolean;
  seconds: number;
  cells: number;
  figures: number;
  ipynb: string;
  html: string;
  error: { cell: number; kind: string; source: string; message: string } | null;
  /** The runner's stderr, for failures the record cannot describe (a crash, a missing kernel). */
  log?: string;
  runId?: string;
}

/** Every notebook of the workbook, in reading order. */
export function notebookPaths(): string[] {
  if (!existsSync(NOTEBOOK_DIR)) return [];
  return readdirSync(NOTEBOOK_DIR)
    .filter((f) => f.endsWith('.ipynb'))
    .sort()
    .map((f) => path.join(NOTEBOOK_DIR, f));
}

/**
 * Why the notebooks cannot be executed here, or null when they can: Jupyter's
 * client under /usr/bin/python3 and the project's kernelspec must both exist.
 */
export function jupyterMissing(): string | null {
  const probe = spawnSync(SYSTEM_PYTHON, ['-c', 'import nbclient, nbconvert, jupyter_client'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    return 'Jupyter is not installed (Debian packages jupyter-nbconvert python3-nbclient jupyter-client jupyter-core; `npm test` installs them when run as root)';
  }
  if (!existsSync(path.join(KERNEL_DIR, 'kernels', 'tslab', 'kernel.json'))) {
    return 'the project tslab kernelspec is missing (run `bash scripts/install-kernel.sh`)';
  }
  return null;
}

/**
 * Code cells of a stored notebook that carry outputs or an execution count:
 * notebooks are committed clean, so the only outputs anyone sees are ones
 * the current library produced.
 */
export function cellsWithOutputs(notebook: { cells?: { cell_type: string; outputs?: unknown[]; execution_count?: number | null }[] }): number[] {
  return (notebook.cells ?? [])
    .map((cell, index) => ({ cell, index }))
    .filter(({ cell }) => cell.cell_type === 'code' && ((cell.outputs?.length ?? 0) > 0 || (cell.execution_count ?? null) !== null))
    .map(({ index }) => index);
}

/** One line per failure, as a reader needs it: notebook, cell, source head, error. */
export function describeFailure(record: NotebookRecord): string {
  const name = path.relative(ROOT, record.notebook);
  if (!record.error) return `${name}: the runner failed before any cell ran\n${record.log ?? ''}`;
  const source = record.error.source.split('\n').map((l) => `    | ${l}`).join('\n');
  return `${name}: cell ${record.error.cell} ${record.error.kind}\n${source}\n${record.error.message}`;
}

const UNIT_CACHES = path.join(ROOT, 'build', 'notebooks', 'test-unit-cache');
let pruned = false;

/**
 * The unit folder the notebook kernels of this test run share (under build/notebooks/, which `npm test` empties
 * first). Test files run on their own each have a run of their own: the folders of runs last touched more than a
 * day ago are removed here (they are this harness's, about 20 MB each), so such runs do not pile up in build/.
 */
export function unitCacheOfRun(): string {
  if (!pruned) {
    pruned = true;
    const dayAgo = Date.now() - 24 * 3600_000;
    for (const name of existsSync(UNIT_CACHES) ? readdirSync(UNIT_CACHES) : []) {
      const folder = path.join(UNIT_CACHES, name);
      try {
        if (name !== RUN_ID && statSync(folder).mtimeMs < dayAgo) rmSync(folder, { recursive: true, force: true });
      } catch {
        // another process removed it first
      }
    }
  }
  return path.join(UNIT_CACHES, RUN_ID);
}

function jupyterEnv(): NodeJS.ProcessEnv {
  const inherited = process.env.JUPYTER_PATH;
  return {
    ...process.env,
    JUPYTER_PATH: inherited ? `${KERNEL_DIR}${path.delimiter}${inherited}` : KERNEL_DIR,
    // Keep kernel connection files out of the user's home, next to the kernelspec.
    JUPYTER_RUNTIME_DIR: path.join(KERNEL_DIR, 'runtime'),
    PYDEVD_DISABLE_FILE_VALIDATION: '1',
    // The kernels of one test run share the units of work they compute (lib/cluster/unitCache): the notebooks
    // that run the same trials (01, 02 and 03 the Lemma 1 grid; 07 those of 01, 04, 05 and 06; 08 the MNIST runs
    // of 07) compute them once per run. One folder per run, so every run computes every unit at least once.
    AGGREGATHOR_UNIT_CACHE: unitCacheOfRun(),
  };
}

/** Runs scripts/execute_notebooks.py; resolves with its exit status and stderr. */
export function runRunner(notebooks: string[], outDir: string, summaryFile: string, timeoutS = CELL_TIMEOUT_S): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(SYSTEM_PYTHON, [RUNNER, '--out', outDir, '--timeout', String(timeoutS), '--summary', summaryFile, ...notebooks], {
      cwd: ROOT,
      env: jupyterEnv(),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stderr }));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function readRecord(file: string): NotebookRecord | null {
  try {
    const record = JSON.parse(readFileSync(file, 'utf8')) as NotebookRecord;
    return record.runId === RUN_ID ? record : null;
  } catch {
    return null;
  }
}

function recordFileOf(notebook: string): string {
  return path.join(BUILD_DIR, `${path.basename(notebook, '.ipynb')}.run.json`);
}

function lockOf(notebook: string): string {
  return path.join(BUILD_DIR, `.lock-${path.basename(notebook, '.ipynb')}`);
}

/**
 * Takes the notebook's lock directory (mkdir is atomic across processes);
 * false when another process holds it. A lock whose owner died is removed
 * and taken.
 */
function tryLock(lock: string): boolean {
  for (let attempt = 0; attempt < 2; attempt++) {
    let taken = false;
    try {
      mkdirSync(lock);
      taken = true;
      writeFileSync(path.join(lock, 'pid'), String(process.pid));
      return true;
    } catch (e) {
      // A lock we made but could not sign would make the others wait for nobody.
      if (taken) {
        rmSync(lock, { recursive: true, force: true });
        throw e;
      }
      let owner = NaN;
      try {
        owner = Number(readFileSync(path.join(lock, 'pid'), 'utf8'));
      } catch {
        /* the owner has not written its pid yet */
      }
      if (!(Number.isFinite(owner) && owner > 0 && !processAlive(owner))) return false;
      rmSync(lock, { recursive: true, force: true });
    }
  }
  return false;
}

/**
 * Executes a notebook whose lock this process holds, writes its record, releases the lock. A record written
 * between the caller's look and its lock (another process finished just then) is returned as it is: executing
 * again would rewrite the files that process's tests may be reading.
 */
async function executeLocked(notebook: string, lock: string): Promise<NotebookRecord> {
  try {
    const already = readRecord(recordFileOf(notebook));
    if (already) return already;
    const summary = path.join(lock, 'summary.json');
    const { status, stderr } = await runRunner([notebook], BUILD_DIR, summary);
    let record: NotebookRecord;
    try {
      [record] = JSON.parse(readFileSync(summary, 'utf8')) as NotebookRecord[];
    } catch {
      record = { notebook, ok: false, seconds: 0, cells: 0, figures: 0, ipynb: '', html: '', error: null };
    }
    record = { ...record, notebook, ok: record.ok && status === 0, log: stderr, runId: RUN_ID };
    const recordFile = recordFileOf(notebook);
    const tmp = `${recordFile}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(record, null, 1));
    renameSync(tmp, recordFile);
    return record;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * The notebook executed in this test run: executes it unless another test
 * process of the same run already has or is doing so, in which case it
 * waits for that record.
 */
export async function executedNotebook(notebook: string): Promise<NotebookRecord> {
  mkdirSync(BUILD_DIR, { recursive: true });
  const lock = lockOf(notebook);
  const deadline = Date.now() + 30 * 60_000;
  for (;;) {
    const done = readRecord(recordFileOf(notebook));
    if (done) return done;
    if (tryLock(lock)) return executeLocked(notebook, lock);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${lock}`);
    await sleep(250);
  }
}

/**
 * Executes, one after another in the given order, the notebooks that no
 * process of this run has executed or is executing, and skips the others.
 * Each test that needs executed notebooks starts one of these in the
 * background, each in its own order, so that the test processes running
 * side by side execute different notebooks at once (one per core) instead
 * of all waiting on whichever asked first. Never rejects: a notebook that
 * fails has its record like any other.
 */
export async function executeUnclaimed(notebooks: string[]): Promise<void> {
  try {
    mkdirSync(BUILD_DIR, { recursive: true });
    for (const notebook of notebooks) {
      if (readRecord(recordFileOf(notebook))) continue;
      const lock = lockOf(notebook);
      if (!tryLock(lock)) continue;
      await executeLocked(notebook, lock).catch(() => undefined);
    }
  } catch {
    // Whatever went wrong here, the tests' own executedNotebook calls meet it again and report it.
  }
}

/** A content hash, for naming fixtures. */
export function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}
