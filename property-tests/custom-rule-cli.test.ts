/**
 * A researcher's own rule through `npm start -- --rule FILE` (issue 14, "your
 * own rule"), run as the researcher runs it: the real CLI in a temporary
 * folder, the rule written in that folder (relative paths resolve from it).
 *
 * - A good rule (a coordinate-wise trimmed mean written here, in TypeScript)
 *   gets its section in report.md, index.html, results.json, your-rule.tex,
 *   its CSVs and figures, and the verdict holds on the SGD checks; the same
 *   bytes with one and two worker threads.
 * - Beside the paper's rules: with a claim of the same group selected, the
 *   reference rows are the paper's own numbers, and the claims' results are
 *   byte-identical to a run without --rule.
 * - A positional rule (averages all but the last f inputs) fails: the
 *   harness puts Byzantine inputs at seeded random positions.
 * - A broken rule (throws / wrong length / NaN on finite input) gets the
 *   verdict fails naming the rule and the input, never holds, never a crash.
 * - A bad module is one line naming the file and what is missing.
 * - docs/custom-rule.md: its commands, exactly as written, on a temporary
 *   clone of the repository.
 *
 * Cost: every run uses `--only rule:…` on the cheap checks (SGD on d = 10,
 * slowdown on d = 20) or stops at the first call of a broken rule; the clone
 * reuses this tree's node_modules and dist/ (no npm ci, no rebuild: those
 * are setup.test.ts's subject). Measured CPU time (one job): the good rule's
 * run 6 s (twice), each side of the beside test about 12 s and 8 s, the
 * positional and broken rules 2–3 s each, the bad modules under 1 s each,
 * the document's commands about 10 s: a minute of CPU in all.
 */
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { assertOneLineError } from './support/cli';

const ROOT = path.resolve(__dirname, '..', '..');
const MAIN = path.join(ROOT, 'dist', 'lib', 'cli', 'main.js');
const WORK = fs.mkdtempSync(path.join(os.tmpdir(), 'aggregathor-custom-rule-'));
after(() => fs.rmSync(WORK, { recursive: true, force: true }));

/** The CLI as `npm start` runs it (from the user's folder), without Chromium (figures stay JSON: the images are report-browser.test's). */
function run(args: string[], cwd = WORK, env: Record<string, string> = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [MAIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, CHROMIUM_PATH: '/nonexistent/chromium', ...env }, timeout: 300_000 });
}

function write(name: string, text: string): string {
  fs.writeFileSync(path.join(WORK, name), text);
  return `./${name}`;
}

const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8'));

/** A coordinate-wise trimmed mean (drop the f largest and f smallest per coordinate), written from scratch. */
const TRIMMED_MEAN_TS = `import type { Gar } from '${path.join(ROOT, 'lib', 'index').replace(/\\/g, '/')}';
const rule: Gar = {
  name: 'TEST-TRIMMED-MEAN',
  requirement: 'n >= 2f + 1',
  admissible: (n: number, f: number) => n >= 2 * f + 1,
  aggregate(vectors: readonly Float64Array[], f: number): Float64Array {
    const d = vectors[0].length, out = new Float64Array(d);
    for (let c = 0; c < d; c++) {
      const col = vectors.map((v) => v[c]).sort((a, b) => (Number.isNaN(a) ? 1 : Number.isNaN(b) ? -1 : a - b));
      const kept = col.slice(f, col.length - f);
      out[c] = kept.reduce((s, x) => s + x, 0) / kept.length;
    }
    return out;
  },
};
export default rule;
`;

test('a good rule (a trimmed mean in TypeScript) gets its report section, verdicts, tables, CSVs and figures; the same bytes for --jobs 1 and 2', () => {
  const rule = write('trimmed.ts', TRIMMED_MEAN_TS);
  const outs = [1, 2].map((jobs) => {
    const out = `good-j${jobs}`;
    const r = run(['--rule', rule, '--only', 'rule:sgd-convergence,rule:slowdown', '--jobs', String(jobs), '--out', out]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /Your rule: TEST-TRIMMED-MEAN \(trimmed\.ts; requires n >= 2f \+ 1/);
    assert.match(r.stdout, /Your rule TEST-TRIMMED-MEAN: 2 checks, 2 hold, 0 fail/);
    return path.join(WORK, out);
  });
  const [one, two] = outs;
  const model = readJson(path.join(one, 'results.json'));
  assert.deepEqual(model.claims, [], 'no paper claim was selected');
  assert.equal(model.counts.surprises, 0);
  assert.equal(model.customRule.name, 'TEST-TRIMMED-MEAN');
  assert.deepEqual(model.customRule.results.map((r: { check: string; verdict: string }) => [r.check, r.verdict]), [['sgd-convergence', 'holds'], ['slowdown', 'holds']]);
  // A trimmed mean converges under every attack of Lemma 2's runs and is nearly as fast as averaging with no Byzantine worker.
  const sgd = model.customRule.results[0];
  assert.match(sgd.summary, /→ 0 in all 18 runs/);
  assert.ok(sgd.table.rows.every((row: unknown[]) => row[0] === 'TEST-TRIMMED-MEAN'), '--only rule:… runs the rule alone');
  assert.deepEqual(readJson(path.join(two, 'results.json')).customRule, model.customRule, 'results do not depend on --jobs');
  // Every output of the report carries the rule.
  assert.match(fs.readFileSync(path.join(one, 'report.md'), 'utf8'), /^## Your rule: TEST-TRIMMED-MEAN$/m);
  assert.match(fs.readFileSync(path.join(one, 'index.html'), 'utf8'), /<h2 id="your-rule">Your rule: TEST-TRIMMED-MEAN<\/h2>/);
  const tex = fs.readFileSync(path.join(one, 'your-rule.tex'), 'utf8');
  assert.match(tex, /\\begin\{longtable\}/);
  assert.match(tex, /sgd-convergence \(as-printed; simulation\) & holds/);
  // your-rule.tex compiles in a plain article, no error and no overfull box (as latex.test.ts does for verdicts.tex).
  if (!spawnSync('pdflatex', ['--version']).error) {
    fs.writeFileSync(path.join(one, 'paper.tex'), ['\\documentclass{article}', '\\usepackage[T1]{fontenc}', '\\usepackage[utf8]{inputenc}', '\\usepackage{booktabs,longtable,array,amsmath}', '\\begin{document}', '\\input{your-rule}', '\\end{document}', ''].join('\n'));
    const latex = spawnSync('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', 'paper.tex'], { cwd: one, encoding: 'utf8', timeout: 120_000 });
    const log = fs.readFileSync(path.join(one, 'paper.log'), 'utf8');
    assert.equal(latex.status, 0, log.split('\n').filter((l) => l.startsWith('!')).join('\n'));
    assert.deepEqual(log.split('\n').filter((l) => /^Overfull \\[hv]box/.test(l)), [], 'overfull boxes');
  } else if (process.env.CI) assert.fail('pdflatex is missing');
  const csv = fs.readFileSync(path.join(one, 'csv', 'rule--slowdown--as-printed--table.csv'), 'utf8').split('\n');
  assert.equal(csv[0], 'rule,n,f,m̃,speed,lo,hi,√(m̃/n),speed/√(m̃/n)');
  assert.equal(csv.filter((l) => l.startsWith('TEST-TRIMMED-MEAN,')).length, 3, 'one row per n');
  const figure = readJson(path.join(one, 'figures', 'rule--slowdown--as-printed--slowdown.json'));
  assert.match(figure.layout.title.text, /TEST-TRIMMED-MEAN/);
  assert.ok(figure.data.some((t: { name?: string }) => t.name === 'TEST-TRIMMED-MEAN'));
});

test('beside the paper: a claim of the same group shares its runs (the reference rows are the paper\'s numbers) and its results are unchanged by --rule', () => {
  const rule = write('trimmed-beside.ts', TRIMMED_MEAN_TS);
  const withRule = run(['--rule', rule, '--only', 'T1.ii,rule:slowdown', '--trials', '20', '--out', 'beside-with']);
  const without = run(['--only', 'T1.ii', '--trials', '20', '--out', 'beside-without']);
  assert.equal(withRule.status, 0, withRule.stderr);
  assert.equal(without.status, 0, without.stderr);
  const a = readJson(path.join(WORK, 'beside-with', 'results.json'));
  const b = readJson(path.join(WORK, 'beside-without', 'results.json'));
  assert.deepEqual(a.claims, b.claims, 'the paper\'s results do not depend on --rule');
  assert.deepEqual(a.counts, b.counts);
  assert.equal(b.customRule, undefined, 'results.json has no customRule without --rule');
  // MULTI-KRUM's row beside the rule at each n is T1 (ii)'s own measurement at m = m̃.
  const t1 = a.claims.find((c: { id: string }) => c.id === 'T1.ii').results[0].table;
  const mine = a.customRule.results[0].table;
  const col = (t: { columns: string[] }, name: string) => t.columns.indexOf(name);
  const reference = mine.rows.filter((r: unknown[]) => r[0] === 'MULTI-KRUM (m = m̃)');
  assert.equal(reference.length, 3);
  for (const row of reference) {
    const paper = t1.rows.find((p: unknown[]) => p[col(t1, 'n')] === row[col(mine, 'n')] && p[col(t1, 'm-group')] === 'm = m̃');
    assert.ok(paper, `T1 (ii) has n = ${row[1]} at m = m̃`);
    const [x, y] = [Number(row[col(mine, 'speed')]), Number(paper[col(t1, 'speed')])];
    assert.ok(Math.abs(x - y) <= 5e-3 * y, `same speed at n = ${row[1]}: ${x} vs ${y}`);
  }
});

test('a positional rule (averages all but the last f inputs) fails: Byzantine inputs sit at seeded random positions', () => {
  const rule = write('positional.js', `module.exports = {
  name: 'DROP-LAST-F', requirement: 'n >= f + 1', admissible: (n, f) => n >= f + 1,
  aggregate(vectors, f) {
    const kept = vectors.slice(0, vectors.length - f), d = vectors[0].length, out = new Float64Array(d);
    for (const v of kept) for (let c = 0; c < d; c++) out[c] += v[c] / kept.length;
    return out;
  },
};
`);
  const r = run(['--rule', rule, '--only', 'rule:sgd-convergence', '--out', 'positional']);
  assert.equal(r.status, 0, r.stderr);
  const [result] = readJson(path.join(WORK, 'positional', 'results.json')).customRule.results;
  assert.equal(result.verdict, 'fails', result.summary);
  assert.match(result.summary, /^DROP-LAST-F did not converge in \d+\/18 runs/);
});

test('a broken rule (throws, wrong length, NaN on finite input) gets the verdict fails naming the rule and the input, never holds, never a crash', () => {
  const broken: [string, string, RegExp][] = [
    ['throws.js', `exports.rule = { name: 'THROWS', requirement: 'n >= 1', admissible: () => true, aggregate() { throw new Error('not implemented yet'); } };`, /the rule is broken: THROWS threw Error: not implemented yet on input n = \d+, f = \d+, d = \d+/],
    ['short.mjs', `export default { name: 'SHORT', requirement: 'n >= 1', admissible: () => true, aggregate: (v) => v[0].slice(1) };`, /the rule is broken: SHORT returned (\d+) coordinates for inputs of dimension d = (\d+) \(input n = \d+, f = \d+, d = \d+, finite inputs\)/],
    ['nan.ts', `export const rule = { name: 'NAN-RULE', requirement: 'n > f', admissible: (n: number, f: number) => n > f, aggregate: (v: readonly Float64Array[]) => new Float64Array(v[0].length).fill(NaN) };`, /the rule is broken: NAN-RULE returned NaN at coordinate 0 on finite input \(n = \d+, f = \d+, d = \d+, finite inputs\)/],
  ];
  for (const [file, source, pattern] of broken) {
    const out = `broken-${file}`;
    const r = run(['--rule', write(file, source), '--only', 'rule:resilience,rule:sgd-convergence', '--out', out]);
    assert.equal(r.status, 0, `${file}: ${r.stderr}`);
    assert.doesNotMatch(r.stderr, /internal error|\n\s+at /);
    const results = readJson(path.join(WORK, out, 'results.json')).customRule.results;
    assert.equal(results.length, 2);
    for (const x of results) {
      assert.equal(x.verdict, 'fails', `${file} / ${x.check}: ${x.summary}`);
      assert.match(x.summary, pattern);
    }
    const short = /returned (\d+) coordinates for inputs of dimension d = (\d+)/.exec(results[0].summary);
    if (short) assert.equal(Number(short[1]), Number(short[2]) - 1, 'the length named is the one returned');
  }
});

test('a bad module is one line naming the file and what is missing, before anything runs', () => {
  const cases: [string[], RegExp][] = [
    [['--rule', write('syntax.ts', 'export default { name: "X", aggregate(v) { return v[0] }\n')], /syntax\.ts: syntax error at line 2, column \d+: '\}' expected/],
    [['--rule', write('none.js', 'module.exports = { hello: 1 };\n')], /none\.js exports no rule: expected a default or named export with name, requirement, admissible\(n, f\) and aggregate\(vectors, f\) \(it exports hello\)/],
    [['--rule', write('missing.js', 'module.exports = { name: "Y", aggregate: (v) => v[0] };\n')], /missing\.js: the rule exported as module\.exports lacks requirement .*, admissible \(a function \(n, f\) => boolean\)$/],
    [['--rule', write('default.js', 'export default { name: "Z" };\n')], /default\.js: the default export is not a rule: it lacks requirement .*aggregate/],
    [['--rule', write('loadthrows.js', 'throw new Error("boom at load");\n')], /loadthrows\.js: loading it threw boom at load/],
    [['--rule', write('badeta.js', 'module.exports = { name: "E", requirement: "", admissible: () => true, aggregate: (v) => v[0], eta: () => NaN };\n')], /badeta\.js: eta\(\d+, \d+, \d+\) returned NaN; it must be a positive finite number/],
    [['--rule', './no-such-rule.js'], /no-such-rule\.js: no such file/],
    [['--rule', write('rule.txt', '')], /rule\.txt: expected a \.js or \.ts file/],
    [['--rule', write('ok.js', 'module.exports = { name: "OK", requirement: "", admissible: () => true, aggregate: (v) => v[0] };\n'), '--eta', '-1'], /--eta needs a positive finite number; got -1/],
    [['--eta', '2'], /--eta is the η of your own rule: it needs --rule FILE/],
    [['--only', 'rule'], /--only rule selects checks of your own rule: it needs --rule FILE/],
    [['--rule', './ok.js', '--only', 'rule:nope'], /--only rule:nope: your rule has no check "nope" \(known: rule:resilience, .*rule:mnist/],
  ];
  for (const [args, pattern] of cases) {
    const line = assertOneLineError(run([...args, '--out', 'never']), pattern);
    assert.ok(line.length < 400, line);
  }
  assert.ok(!fs.existsSync(path.join(WORK, 'never')), 'no report folder after an error');
});

test('docs/custom-rule.md: its commands, exactly as written, on a temporary clone of the repository', (t) => {
  const git = spawnSync('git', ['-C', ROOT, 'rev-parse', '--is-inside-work-tree'], { encoding: 'utf8' });
  if (git.status !== 0) return t.skip('not a git clone');
  const clone = path.join(WORK, 'clone');
  const cloned = spawnSync('git', ['clone', '--quiet', '--local', ROOT, clone], { encoding: 'utf8' });
  assert.equal(cloned.status, 0, cloned.stderr);
  // The clone gets this tree's packages and build (npm ci needs the registry, and the build takes a minute on two
  // cores; both are setup.test.ts's subject). AGGREGATHOR_SKIP_SETUP tells npm start they are in place.
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(clone, 'node_modules'));
  fs.cpSync(path.join(ROOT, 'dist'), path.join(clone, 'dist'), { recursive: true });
  // The document as committed (what a fresh clone holds).
  const doc = fs.readFileSync(path.join(clone, 'docs', 'custom-rule.md'), 'utf8');
  // Files: "Save this [file] as `NAME`" followed by a fenced block.
  const files = [...doc.matchAll(/Save this (?:file )?as `([^`]+)`[^]*?```\w*\n([^]*?)```/g)].map((m) => ({ name: m[1], text: m[2] }));
  assert.deepEqual(files.map((f) => f.name), ['my-rule.ts', 'my-check.js']);
  for (const f of files) fs.writeFileSync(path.join(clone, f.name), f.text);
  // Commands: every ```sh block, except the one marked as a full run.
  const blocks = [...doc.matchAll(/```sh\n([^]*?)```/g)].map((m) => m[1]);
  const commands = blocks.filter((b) => !b.startsWith('# not run by the tests')).flatMap((b) => b.split('\n').filter((l) => l.trim() && !l.startsWith('#')));
  assert.ok(commands.some((c) => c.startsWith('npm start -- --rule ./my-rule.ts')), 'the document runs npm start -- --rule');
  const outputs: string[] = [];
  for (const command of commands) {
    const r = spawnSync('bash', ['-c', command], { cwd: clone, encoding: 'utf8', timeout: 300_000, env: { ...process.env, AGGREGATHOR_SKIP_SETUP: '1', CHROMIUM_PATH: '/nonexistent/chromium' } });
    assert.equal(r.status, 0, `${command}\n${r.stderr}`);
    outputs.push(r.stdout);
  }
  const report = readJson(path.join(clone, 'my-rule-report', 'results.json'));
  assert.equal(report.customRule.name, 'MY-TRIMMED-MEAN');
  assert.deepEqual(report.customRule.results.map((r: { check: string }) => r.check), ['sgd-convergence', 'slowdown']);
  const check = outputs[commands.findIndex((c) => c === 'node my-check.js')];
  for (const line of [/^resilience (holds|fails|inconclusive) /m, /^η² needed \d/m, /^cone (holds|fails|inconclusive)$/m, /^moments (holds|fails|inconclusive)$/m, /^leeway leeway -?\d/m]) assert.match(check, line);
});
