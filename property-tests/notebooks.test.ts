/**
 * The notebooks, executed headlessly through Jupyter's own client
 * (nbclient) on the project's tslab kernel, exactly as a reader would run
 * them: every cell of every notebooks/*.ipynb must run without an error.
 * Executed copies and HTML exports land in build/notebooks/ (the browser
 * test opens the exports).
 *
 * Also checked: notebooks are committed without outputs, and the runner
 * itself fails loudly — on a compile error and on a runtime error it stops
 * at the first failing cell and names the notebook, the cell, its source and
 * the message (a runner that always passed would make this test worthless).
 *
 * Skips with one line only when Jupyter is not installed and this is not CI
 * (CI=true): in CI a missing Jupyter is a failure.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { cellsWithOutputs, describeFailure, executedNotebook, jupyterMissing, notebookPaths, ROOT, runRunner } from './support/notebooks';

const missing = jupyterMissing();
const inCI = Boolean(process.env.CI) && process.env.CI !== 'false';
const skip = missing && !inCI ? `skipped: ${missing}` : false;

/** What is committed of a file (HEAD), or the working copy outside a git clone. */
function committed(file: string): string {
  const r = spawnSync('git', ['show', `HEAD:${path.relative(ROOT, file)}`], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return r.status === 0 ? r.stdout : readFileSync(file, 'utf8');
}

test('the workbook has notebooks, each a tslab notebook committed without outputs (what is committed, not the working copy)', () => {
  const notebooks = notebookPaths();
  assert.ok(notebooks.length > 0, 'no notebooks/*.ipynb found');
  for (const file of notebooks) {
    const nb = JSON.parse(committed(file));
    assert.equal(nb.metadata?.kernelspec?.name, 'tslab', `${path.relative(ROOT, file)}: kernelspec must be tslab`);
    assert.deepEqual(cellsWithOutputs(nb), [], `${path.relative(ROOT, file)} was committed with outputs in these cells; clear them before committing`);
  }
});

test('cellsWithOutputs finds outputs and execution counts, and only in code cells', () => {
  const clean = { cell_type: 'code', outputs: [], execution_count: null };
  const ran = { cell_type: 'code', outputs: [{ output_type: 'stream', name: 'stdout', text: '1' }], execution_count: 1 };
  const counted = { cell_type: 'code', outputs: [], execution_count: 3 };
  const prose = { cell_type: 'markdown' };
  assert.deepEqual(cellsWithOutputs({ cells: [clean, prose, ran, counted] }), [2, 3]);
  assert.deepEqual(cellsWithOutputs({ cells: [clean, prose] }), []);
});

describe('every notebook executes on the tslab kernel', { skip, concurrency: 2 }, () => {
  if (missing) {
    test('Jupyter is available', () => assert.fail(`${missing}; CI must install it (bash scripts/ensure-deps.sh --jupyter)`));
    return;
  }
  for (const notebook of notebookPaths()) {
    test(path.relative(ROOT, notebook), async (t) => {
      const record = await executedNotebook(notebook);
      assert.ok(record.ok, `notebook failed:\n${describeFailure(record)}`);
      t.diagnostic(`${record.cells} cells, ${record.figures} figures, ${record.seconds} s; executed copy ${path.relative(ROOT, record.ipynb)}, export ${path.relative(ROOT, record.html)}`);
    });
  }
});

/** A notebook whose second code cell is broken, followed by a cell that must never run. */
function brokenNotebook(brokenSource: string): object {
  const code = (id: string, source: string) => ({ cell_type: 'code', id, metadata: {}, execution_count: null, outputs: [], source });
  return {
    cells: [
      { cell_type: 'markdown', id: 'intro', metadata: {}, source: 'A fixture with a broken cell.' },
      code('fine', 'const fine: number = 1;\nconsole.log(fine);'),
      code('broken', brokenSource),
      code('never', "console.log('this cell must not run');"),
    ],
    metadata: { kernelspec: { name: 'tslab', display_name: 'TypeScript', language: 'typescript' } },
    nbformat: 4,
    nbformat_minor: 5,
  };
}

describe('the notebook runner stops at the first failing cell and names it', { skip, concurrency: 2 }, () => {
  if (missing) return;
  const fixtures = path.join(ROOT, 'build', 'notebook-fixtures');
  const cases = [
    { name: 'compile-error', source: "const wrong: string = 42;\nconsole.log(wrong);", message: /not assignable to type 'string'/ },
    { name: 'runtime-error', source: "throw new Error('deliberate failure in a fixture');", message: /deliberate failure in a fixture/ },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      const dir = path.join(fixtures, c.name);
      mkdirSync(dir, { recursive: true });
      const file = path.join(dir, `${c.name}.ipynb`);
      writeFileSync(file, JSON.stringify(brokenNotebook(c.source)));
      const summary = path.join(dir, 'summary.json');
      const { status, stderr } = await runRunner([file], path.join(dir, 'out'), summary, 60);
      assert.equal(status, 1, `the runner should exit 1 on a failing cell; stderr:\n${stderr}`);
      assert.match(stderr, new RegExp(`NOTEBOOK FAILED: .*${c.name}\\.ipynb, cell 2 failed`));
      assert.match(stderr, c.message);
      assert.match(stderr, /\| /, 'the message should quote the cell source');
      const [record] = JSON.parse(readFileSync(summary, 'utf8'));
      assert.equal(record.ok, false);
      assert.equal(record.error.cell, 2);
      const executed = JSON.parse(readFileSync(record.ipynb, 'utf8'));
      assert.deepEqual(executed.cells[3].outputs, [], 'the cell after the failure must not have run');
      assert.match(JSON.stringify(executed.cells[1].outputs), /"1\\n"/, 'the cell before the failure ran');
    });
  }
});
