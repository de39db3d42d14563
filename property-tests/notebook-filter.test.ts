/**
 * Saving a notebook from Jupyter never puts its outputs in a commit (issue
 * 14): scripts/strip-notebook.js, the clean filter that the set-up installs
 * (filter.nbstrip, .gitattributes), strips outputs and execution counts,
 * passes every committed notebook through byte for byte, and is idempotent;
 * and in a scratch repository with the same attributes and filter, `git add`
 * of a notebook with outputs stores it without them while the working copy
 * keeps them.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';

const ROOT = path.resolve(__dirname, '..', '..');
const STRIP = path.join(ROOT, 'scripts', 'strip-notebook.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { strip } = require(STRIP) as { strip: (text: string) => string };

/** A notebook as Jupyter saves it after a run: outputs, counts, front-end metadata. */
function ranNotebook(): string {
  const nb = JSON.parse(fs.readFileSync(path.join(ROOT, 'notebooks', '00-tour.ipynb'), 'utf8'));
  nb.cells.forEach((c: { cell_type: string; outputs?: unknown[]; execution_count?: number | null; metadata: Record<string, unknown> }, i: number) => {
    if (c.cell_type !== 'code') return;
    c.outputs = [{ output_type: 'display_data', data: { 'text/html': '<script>/* 5 MB of plotly */</script>' }, metadata: {} }];
    c.execution_count = i + 1;
    c.metadata.execution = { 'iopub.execute_input': '2026-12-01T00:00:00Z' };
  });
  return `${JSON.stringify(nb, null, 1)}\n`;
}

test('the filter strips outputs, keeps committed notebooks byte for byte, and is idempotent', () => {
  for (const f of fs.readdirSync(path.join(ROOT, 'notebooks')).filter((x) => x.endsWith('.ipynb'))) {
    const text = fs.readFileSync(path.join(ROOT, 'notebooks', f), 'utf8');
    if (JSON.parse(text).cells.some((c: { outputs?: unknown[] }) => (c.outputs ?? []).length)) continue; // a working copy with outputs: the next test covers it
    assert.equal(strip(text), text, `${f} changes under the filter`);
  }
  const once = strip(ranNotebook());
  const parsed = JSON.parse(once);
  for (const c of parsed.cells) if (c.cell_type === 'code') assert.deepEqual([c.outputs, c.execution_count, c.metadata.execution], [[], null, undefined]);
  assert.equal(strip(once), once);
});

test('with the filter set up, git stores a notebook saved with outputs without them', (t) => {
  if (spawnSync('git', ['--version']).error) {
    t.skip('git is not installed');
    return;
  }
  const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'aggregathor-nbstrip-'));
  try {
    const git = (...args: string[]) => {
      const r = spawnSync('git', args, { cwd: repo, encoding: 'utf8' });
      assert.equal(r.status, 0, `git ${args.join(' ')}: ${r.stderr}`);
      return r.stdout;
    };
    git('init', '-q');
    git('config', 'user.email', 'test@example.invalid');
    git('config', 'user.name', 'test');
    git('config', 'filter.nbstrip.clean', `node ${JSON.stringify(STRIP)}`);
    fs.copyFileSync(path.join(ROOT, '.gitattributes'), path.join(repo, '.gitattributes'));
    fs.mkdirSync(path.join(repo, 'notebooks'));
    const saved = ranNotebook();
    fs.writeFileSync(path.join(repo, 'notebooks', 'saved.ipynb'), saved);
    git('add', '.');
    git('commit', '-q', '-m', 'a notebook saved from Jupyter');
    const stored = JSON.parse(git('show', 'HEAD:notebooks/saved.ipynb'));
    assert.ok(stored.cells.every((c: { cell_type: string; outputs?: unknown[] }) => c.cell_type !== 'code' || c.outputs!.length === 0), 'outputs reached the commit');
    assert.equal(fs.readFileSync(path.join(repo, 'notebooks', 'saved.ipynb'), 'utf8'), saved, 'the working copy keeps its outputs');
  } finally {
    fs.rmSync(repo, { recursive: true, force: true });
  }
});

test('the set-up installs the filter in this clone', (t) => {
  const r = spawnSync('git', ['config', '--get', 'filter.nbstrip.clean'], { cwd: ROOT, encoding: 'utf8' });
  if (spawnSync('git', ['rev-parse', '--is-inside-work-tree'], { cwd: ROOT }).status !== 0) {
    t.skip('not a git clone');
    return;
  }
  assert.equal(r.stdout.trim(), 'node scripts/strip-notebook.js');
});
