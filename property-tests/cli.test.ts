/**
 * The command-line program, run as a subprocess exactly as a user runs it.
 *
 * Bad input — an unknown claim id, a malformed vector file, inadmissible
 * n/f/m, an unwritable output folder — must give one line on stderr, exit
 * status 2 and no stack trace. The subcommands are checked against values
 * derived independently here (η² by hand, MULTI-KRUM by the reference
 * implementation). `verify` runs on the small registry of
 * cli-fixture-registry.ts (via AGGREGATHOR_REGISTRY), whose expectations are
 * known: exit 1 listing the two surprises, every report file present, and a
 * byte-identical results.json for --jobs 1 and 2; when the workbook's own
 * registry has checks, its cheapest claim is run with --jobs 1 and 2 too.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { select } from '../lib/cli/selection';
import { toPlainJson } from '../lib/parallel/plainJson';
import { toCsv } from '../lib/report/csv';
import { texToText } from '../lib/report/mathText';
import { markdownToHtml } from '../lib/report/miniMarkdown';
import { ETA_READINGS } from '../lib/constants/eta';
import { etaSquaredExact } from '../lib/constants/exact';
import { etaSquaredFraction } from '../lib/report/etaTableRows';
import { multiKrumRef } from '../lib/rules/reference';
import { assertOneLineError } from './support/cli';

const ROOT = path.resolve(__dirname, '..', '..');
const MAIN = path.join(ROOT, 'dist', 'lib', 'cli', 'main.js');
const FIXTURE = path.join(__dirname, 'cli-fixture-registry.js');
const WORK = fs.mkdtempSync(path.join(os.tmpdir(), 'aggregathor-cli-test-'));

function run(args: string[], options: { input?: string; env?: Record<string, string> } = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [MAIN, ...args], {
    encoding: 'utf8',
    input: options.input ?? '',
    env: { ...process.env, CHROMIUM_PATH: '/nonexistent/chromium', ...options.env },
    timeout: 120_000,
  });
}

const fixtureEnv = { AGGREGATHOR_REGISTRY: FIXTURE };

/** The first line where two files differ, for a readable failure. */
function firstDifference(a: Buffer, b: Buffer): string {
  const [x, y] = [a.toString().split('\n'), b.toString().split('\n')];
  const i = x.findIndex((line, k) => line !== y[k]);
  return i < 0 ? `lengths ${x.length} and ${y.length} lines` : `line ${i + 1}: ${x[i]?.trim()} vs ${y[i]?.trim()}`;
}

test('--help prints the usage and exits 0', () => {
  const r = run(['--help']);
  assert.equal(r.status, 0);
  assert.match(r.stdout, /Usage:/);
  for (const option of ['--full', '--only', '--seed', '--trials', '--jobs', '--out', 'aggregate', 'constants']) assert.ok(r.stdout.includes(option), option);
  assert.match(run(['aggregate', '--help']).stdout, /--rule/);
  assert.match(run(['constants', '--help']).stdout, /as-derived/);
});

test('an unknown claim id or option is a one-line error with exit status 2', () => {
  assertOneLineError(run(['--only', 'L99.9', '--out', path.join(WORK, 'unknown')]), /unknown claim id or group "L99.9"/);
  assertOneLineError(run(['--only', 'X1,NOPE', '--out', path.join(WORK, 'unknown')], { env: fixtureEnv }), /"NOPE".*known ids: X1, X2, X3/);
  assertOneLineError(run(['--jobs', 'two']), /--jobs needs an integer/);
  assertOneLineError(run(['--bogus']), /bogus/);
  assertOneLineError(run(['frobnicate']), /unknown command "frobnicate"/);
  assert.ok(!fs.existsSync(path.join(WORK, 'unknown')), 'no report folder after an error');
});

test('--only selects claim ids exactly and groups by name, keeping registry order', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fixture = require('./cli-fixture-registry') as typeof import('./cli-fixture-registry');
  const ids = (only?: string[]) => select(fixture.CLAIMS, fixture.ALL_CHECKS, only);
  assert.deepEqual(ids(['cone', 'X1']).claims.map((c) => c.id), ['X1', 'X3']);
  assert.deepEqual(ids(['eta']).checks.map((c) => `${c.claimId}/${c.name}`), ['X1/monte-carlo', 'X2/pointwise', 'X2/throws']);
  assert.deepEqual(ids(['x2']).claims.map((c) => c.id), ['X2']);
  assert.deepEqual(ids().claims.map((c) => c.id), ['X1', 'X2', 'X3']);
  assert.throws(() => ids(['X']), /unknown claim id or group "X"/);
});

test('a malformed vector file is a one-line error with exit status 2', () => {
  const ragged = path.join(WORK, 'ragged.csv');
  fs.writeFileSync(ragged, '1,2,3\n4,5\n');
  assertOneLineError(run(['aggregate', ragged, '--rule', 'median', '--f', '0']), /vector 2 has 2 values, vector 1 has 3/);
  const word = path.join(WORK, 'word.csv');
  fs.writeFileSync(word, '1,2\n3,four\n');
  assertOneLineError(run(['aggregate', word, '--rule', 'median', '--f', '0']), /line 2, field 2 is not a number \("four"\)/);
  const badJson = path.join(WORK, 'bad.json');
  fs.writeFileSync(badJson, '[[1, 2], [3, 4]');
  assertOneLineError(run(['aggregate', badJson, '--rule', 'average']), /not valid JSON/);
  assertOneLineError(run(['aggregate', path.join(WORK, 'missing.json'), '--rule', 'average']), /cannot read vectors .*no such file/);
  assertOneLineError(run(['aggregate', '--rule', 'average'], { input: '' }), /no vectors/);
});

test('inadmissible n, f or m is a one-line error with exit status 2', () => {
  assertOneLineError(run(['constants', '--n', '6', '--f', '2']), /n >= 2f \+ 3; got n = 6, f = 2/);
  assertOneLineError(run(['constants', '--n', '11', '--f', '2', '--m', '8']), /m in \[1, 7\]; got m = 8/);
  assertOneLineError(run(['constants', '--n', '11']), /needs --n and --f/);
  const six = JSON.stringify(Array.from({ length: 6 }, (_, i) => [i, -i]));
  assertOneLineError(run(['aggregate', '-', '--rule', 'multi-krum', '--f', '2'], { input: six }), /MULTI-KRUM needs n >= 2f \+ 3; got n = 6, f = 2/);
  assertOneLineError(run(['aggregate', '-', '--rule', 'bulyan', '--f', '2'], { input: six }), /BULYAN needs n >= 4f \+ 3/);
});

test('an unwritable output folder is a one-line error with exit status 2, before any check runs', () => {
  const file = path.join(WORK, 'a-file');
  fs.writeFileSync(file, 'not a folder');
  assertOneLineError(run(['--out', path.join(file, 'report')], { env: fixtureEnv }), /cannot write the report to .*not writable/);
  assertOneLineError(run(['--out', file], { env: fixtureEnv }), /exists and is not a folder/);
});

test('aggregate applies the named rule: MULTI-KRUM on a small file agrees with the reference implementation', () => {
  // 7 vectors in 2-D, the last one Byzantine and far away; f = 1 so m = k = n − f − 2 = 4.
  const vectors = [[0, 0], [1, 0], [0, 1], [1, 1], [0.5, 0.4], [0.2, 0.9], [50, -50]];
  const file = path.join(WORK, 'seven.json');
  fs.writeFileSync(file, JSON.stringify(vectors));
  const r = run(['aggregate', file, '--rule', 'multi-krum', '--f', '1', '--json']);
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { rule: string; n: number; aggregate: number[]; diagnostics: { selected: number[]; m: number; k: number } };
  const ref = multiKrumRef(vectors.map((v) => Float64Array.from(v)), 1);
  assert.equal(out.rule, 'MULTI-KRUM');
  assert.equal(out.n, 7);
  assert.equal(out.diagnostics.m, 4);
  assert.equal(out.diagnostics.k, 4);
  assert.deepEqual([...out.diagnostics.selected].sort(), [...ref.selected].sort());
  out.aggregate.forEach((x, j) => assert.ok(Math.abs(x - ref.aggregate[j]) < 1e-12, `coordinate ${j}`));
  assert.ok(!out.diagnostics.selected.includes(6), 'the far vector is not selected');

  // The same vectors as CSV on standard input, with a header and a non-finite Byzantine value, in text form.
  const csv = `x,y\n${vectors.slice(0, 6).map((v) => v.join(',')).join('\n')}\nNaN,Infinity\n`;
  const t = run(['aggregate', '--rule', 'multi-krum', '--f', '1'], { input: csv });
  assert.equal(t.status, 0, t.stderr);
  assert.match(t.stdout, /^MULTI-KRUM of n = 7 vectors in d = 2, f = 1\naggregate: \[/);
  assert.match(t.stdout, /selected: \[/);
});

test('constants prints η² exactly for every reading, m̃ and the slowdowns', () => {
  // n = 11, f = 2, m = m̃ = 7, derived by hand:
  //   as-printed: 2 (9 + (2·7 + 4·8)/7) = 2 (63 + 46)/7 = 218/7
  //   as-derived: 2 (9 + 46/5) = 182/5;  krum: 2 (9 + (2·7 + 4·8)/5) = 182/5
  //   MULTI-KRUM √(7/11); AGGREGATHOR m̃ = 11 − 4 − 2 = 5, √(5/11)
  const r = run(['constants', '--n', '11', '--f', '2']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /as-printed\s+218\/7\s+5\.5805785670/);
  assert.match(r.stdout, /as-derived\s+182\/5\s+6\.0332412515/);
  assert.match(r.stdout, /krum\s+182\/5/);
  assert.match(r.stdout, /m̃ = n − f − 2 = 7, slowdown √\(m̃\/n\) = sqrt\(7\/11\) = 0\.79772403/);
  assert.match(r.stdout, /m̃ = n − 2f − 2 = 5, slowdown √\(m̃\/n\) = sqrt\(5\/11\) = 0\.67419986/);
  const j = JSON.parse(run(['constants', '--n', '7', '--f', '1', '--m', '2', '--d', '4', '--sigma', '0.5', '--g', '10', '--json']).stdout) as { eta: { reading: string; etaSquaredExact: string; sinAlpha: { float: number } }[] };
  // as-printed at n = 7, f = 1, m = 2: 2 (6 + (2 + 3)/2) = 17; sin α = √17 · 2 · 0.5 / 10.
  const printed = j.eta.find((e) => e.reading === 'as-printed')!;
  assert.equal(printed.etaSquaredExact, '17');
  assert.ok(Math.abs(printed.sinAlpha.float - Math.sqrt(17) / 10) < 1e-15);
});

test("the report's η² fractions (BigInt, no mathjs) agree with lib/constants/exact.ts for every admissible n < 40", () => {
  for (let n = 3; n < 40; n++)
    for (let f = 0; 2 * f + 3 <= n; f++)
      for (let m = 1; m <= n - f - 2; m++)
        for (const reading of ETA_READINGS) assert.equal(etaSquaredFraction(n, f, m, reading), etaSquaredExact(n, f, m, reading).toFraction(), `n = ${n}, f = ${f}, m = ${m}, ${reading}`);
});

// ---- the report's building blocks, in process (they embed registry text and numbers in HTML, CSV, LaTeX and JSON)

const ALLOWED_TAGS = new Set(['p', 'ul', 'ol', 'li', 'strong', 'em', 'code', 'a', 'span', 'sub', 'sup', 'h4', 'h5', 'h6']);

test('markdownToHtml escapes every input: the only tags in its output are its own', () => {
  const char = fc.constantFrom('<', '>', '&', '"', '$', '`', '*', '[', ']', '(', ')', '\\', '_', '^', '{', '}', '\n', '-', ' ', 'a', 's', 'c', 'r', 'i', 'p', 't', '/', 'η');
  fc.assert(
    fc.property(fc.string({ unit: char }), (text) => {
      const html = markdownToHtml(text);
      for (const m of html.matchAll(/<\/?([A-Za-z][A-Za-z0-9]*)/g)) assert.ok(ALLOWED_TAGS.has(m[1]), `tag <${m[1]}> from ${JSON.stringify(text)}`);
    }),
    { seed: 20190331, numRuns: 400 },
  );
});

test("texToText renders the statements' LaTeX as readable Unicode", () => {
  assert.equal(texToText('\\eta^2(n, f) \\le \\frac{2 d \\sigma^2}{m}'), 'η²(n, f) ≤ (2 d σ²)/m');
  assert.equal(texToText('\\sin\\alpha = \\frac{\\eta(n, f)\\sqrt{d}\\,\\sigma}{\\|g\\|}'), 'sin α = (η(n, f)√d σ)/‖g‖');
  assert.equal(texToText('\\tilde{m} = n - f - 2'), 'm̃ = n − f − 2');
  assert.equal(texToText('\\underbrace{2(n - f)}_{\\eta^2} d'), '2(n − f) =: η² d');
  assert.equal(texToText('V_i', 'html'), 'V<sub>i</sub>');
});

test('toPlainJson gives JSON that survives a round trip unchanged, keeping NaN and ±Infinity as strings', () => {
  const values = fc.anything({ withTypedArray: true, withBigInt: false, withDate: false, withMap: false, withSet: false, withSparseArray: false, withNullPrototype: false });
  fc.assert(
    fc.property(values, (x) => {
      const plain = toPlainJson(x) ?? null;
      assert.deepEqual(JSON.parse(JSON.stringify(plain)), plain);
    }),
    { seed: 20190331, numRuns: 300 },
  );
  assert.deepEqual(toPlainJson({ v: new Float64Array([1, NaN, -Infinity]), f: () => 1 }), { v: [1, 'NaN', '-Infinity'] });
});

test('CSV fields with commas, quotes or newlines are quoted (RFC 4180), numbers in full precision', () => {
  assert.equal(toCsv(['a, b', 'say "hi"'], [[0.1 + 0.2, 'x\ny']]), '"a, b","say ""hi"""\n0.30000000000000004,"x\ny"\n');
});

const REPORT_FILES = ['index.html', 'report.md', 'results.json', 'timings.json', 'verdicts.tex', 'eta.tex', 'references.bib'];

test('verify on the fixture registry: exit 1 listing the surprises, a complete report, results.json identical for --jobs 1 and 2', () => {
  const one = path.join(WORK, 'jobs1');
  const two = path.join(WORK, 'jobs2');
  const r1 = run(['--out', one, '--jobs', '1', '--seed', '7'], { env: fixtureEnv });
  const r2 = run(['--out', two, '--jobs', '2', '--seed', '7'], { env: fixtureEnv });
  for (const r of [r1, r2]) {
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /claim\s+kind\s+check\s+reading\s+verdict/);
    assert.match(r.stdout, /X1\s+expectation\s+monte-carlo\s+as-derived\s+holds\s+0\.\d+ \[0\.\d+, 0\.\d+\]/);
    assert.match(r.stdout, /X2\s+deterministic\s+pointwise\s+as-printed\s+fails\s+—\s+n = 7, f = 1, d = 5/);
    assert.match(r.stderr, /X2 \/ throws \(as-printed\): inconclusive, expected holds — the check could not run: deliberately broken check/);
    assert.match(r.stderr, /X3: not checked/);
    assert.match(r.stderr, /notice: figures not rendered to SVG\/PNG: Chromium not found/);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  }
  for (const f of REPORT_FILES) assert.ok(fs.existsSync(path.join(one, f)), f);
  assert.ok(fs.readdirSync(path.join(one, 'csv')).some((f) => f.startsWith('X1--monte-carlo--')));
  assert.ok(fs.readdirSync(path.join(one, 'figures')).includes('tightness-overview.json'));
  const a = fs.readFileSync(path.join(one, 'results.json'));
  const b = fs.readFileSync(path.join(two, 'results.json'));
  assert.ok(a.equals(b), `results.json differs between --jobs 1 and --jobs 2: ${firstDifference(a, b)}`);
  const results = JSON.parse(a.toString()) as Record<string, unknown> & { claims: { id: string; status: string }[]; environment: { machine: { cores: number } } };
  assert.equal(results.schemaVersion, 1);
  assert.equal(results.seed, 7);
  assert.equal(results.mode, 'quick');
  assert.ok(results.environment.machine.cores >= 1);
  assert.deepEqual(results.claims.map((c) => [c.id, c.status]), [['X1', 'checked'], ['X2', 'checked'], ['X3', 'not checked']]);
  assert.doesNotMatch(a.toString(), /seconds|elapsed|finishedAt/);
  assert.match(fs.readFileSync(path.join(one, 'timings.json'), 'utf8'), /"wallSeconds"/);
  assert.match(fs.readFileSync(path.join(one, 'references.bib'), 'utf8'), /@inproceedings\{blanchard2017krum,/);
  assert.match(fs.readFileSync(path.join(one, 'verdicts.tex'), 'utf8'), /X2 & pointwise \(as-printed; property\) & fails \(expected fails\)/);
  // η at n = 11, f = 2, m = 7 (derived by hand in the constants test above), in report.md and eta.tex.
  assert.match(fs.readFileSync(path.join(one, 'report.md'), 'utf8'), /\| 11 \| 2 \| 7 \| 5\.581 \(η² = 218\/7\) \| 6\.033 \(η² = 182\/5\) \| 6\.033 \(η² = 182\/5\) \|/);
  assert.match(fs.readFileSync(path.join(one, 'eta.tex'), 'utf8'), /11 & 2 & 7 & 5\.581 & \$\\tfrac\{218\}\{7\}\$/);
  // Only the selected claims; a selection whose verdicts are all as expected exits 0; another seed gives other numbers.
  const other = path.join(WORK, 'seed8');
  const good = run(['--out', other, '--jobs', '2', '--seed', '8', '--only', 'X1'], { env: fixtureEnv });
  assert.equal(good.status, 0, good.stderr);
  assert.doesNotMatch(good.stdout, /X2/);
  const x1 = (file: string) => JSON.stringify((JSON.parse(fs.readFileSync(file, 'utf8')) as { claims: { id: string; results: { table: unknown }[] }[] }).claims.find((c) => c.id === 'X1')!.results[0].table);
  assert.notEqual(x1(path.join(other, 'results.json')), x1(path.join(one, 'results.json')), 'seed 8 and seed 7 give the same Monte Carlo numbers');
});

// Interrupted runs (signals to the CLI, its re-executed child and npm start) are tested in cli-lifecycle.test.ts.

test('verify on the workbook registry: the cheapest checked claim gives the same results.json for --jobs 1 and 2', (t) => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const registry = require('../lib/claims/registry') as typeof import('../lib/claims/registry');
  const checked = registry.claims().filter((c) => registry.checksFor(c.id).length > 0);
  if (checked.length === 0) {
    t.skip('the workbook registry has no checks yet');
    return;
  }
  const cost = (id: string) => registry.checksFor(id).reduce((s, c) => s + c.cost, 0);
  const cheapest = [...checked].sort((a, b) => cost(a.id) - cost(b.id))[0];
  const outs = [1, 2].map((jobs) => {
    const out = path.join(WORK, `real-${jobs}`);
    const r = run(['--only', cheapest.id, '--out', out, '--jobs', String(jobs)]);
    assert.ok(r.status === 0 || r.status === 1, r.stderr);
    return fs.readFileSync(path.join(out, 'results.json'));
  });
  assert.ok(outs[0].equals(outs[1]), `results.json of ${cheapest.id} differs between --jobs 1 and 2 (or dist/ was rebuilt between the runs): ${firstDifference(outs[0], outs[1])}`);
});

test.after(() => fs.rmSync(WORK, { recursive: true, force: true }));
