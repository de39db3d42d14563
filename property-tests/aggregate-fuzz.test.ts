/**
 * Fuzz test of `aggregate` over generated bad (and good) inputs: files of
 * random junk, byte-order marks, decimal commas, NaN/Infinity texts, ragged
 * rows, JSON in .csv files, a huge n, wrong rule names, bad --f/--m/--k
 * values, options a rule does not use. Every case must end with a result
 * (exit 0; with --json, JSON whose aggregate has the input's dimension) or a
 * one-line user error (exit 2) — never a stack trace, never "internal
 * error", never a hang.
 *
 * fast-check seed 20250412, 300 runs, in process through main() of
 * lib/cli/main.ts (each case timed: a case over 10 s fails), and the first
 * 20 cases of the same seed again on the real CLI (spawned, 30 s timeout each).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { RULE_OPTIONS } from '../lib/cli/aggregateCommand';
import { describeError, main } from '../lib/cli/main';

const SEED = 20250412;
const RUNS = 300;
const SPAWNED = 20;
const ROOT = path.resolve(__dirname, '..', '..');
const MAIN = path.join(ROOT, 'dist', 'lib', 'cli', 'main.js');
// The module object itself (not the namespace copy `import * as` makes), so that a patched writeSync is the one aggregate calls.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const fsModule = require('node:fs') as { writeSync: unknown };
const WORK = fs.mkdtempSync(path.join(os.tmpdir(), 'aggregathor-aggregate-fuzz-'));

/** A generated case: file content (bytes), its extension, the options; `shape` when the content is well formed (n vectors of dimension d). */
interface Case {
  content: Buffer;
  ext: string;
  args: string[];
  shape?: { n: number; d: number };
  label: string;
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const RULES = ['average', 'median', 'trimmed-mean', 'geometric-median', 'krum', 'multi-krum', 'bulyan', 'aggregathor'];
const BAD_RULES = ['Median', 'krum2', '', 'multi_krum', 'MULTI-KRUM', '--f', 'bulyan ', 'ａverage'];
const NUMBER_TEXTS = ['NaN', 'Infinity', '-Infinity', 'inf', '-inf', 'nan', '1e999', '-0', '0.5', '.5', '5.', '1e-320', '+3'];
const BAD_CELLS = ['0x10', '', '1,5', 'null', 'true', 'abc', '1_000', '--1', '∞', '1e', 'NaNa', '"'];

const finite = fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true });
const entry = fc.oneof({ weight: 6, arbitrary: finite }, { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity) });
const matrix = fc.integer({ min: 1, max: 4 }).chain((d) => fc.array(fc.array(entry, { minLength: d, maxLength: d }), { minLength: 1, maxLength: 12 }));

const numberText = (x: number) => (Number.isNaN(x) ? 'NaN' : x === Infinity ? 'Infinity' : x === -Infinity ? '-Infinity' : String(x));
const jsonText = (rows: number[][], wrap: boolean) => {
  const body = `[${rows.map((r) => `[${r.map(numberText).join(', ')}]`).join(',\n ')}]`;
  return wrap ? `{ "vectors": ${body} }` : body;
};
const csvText = (rows: number[][], sep: string, header: boolean, eol: string) =>
  (header ? `${rows[0].map((_, j) => `x${j}`).join(sep)}${eol}` : '') + rows.map((r) => r.map(numberText).join(sep)).join(eol) + eol;

/** Well-formed input, as JSON or CSV, with or without BOM: exit 0 or an admissibility error, never anything else. */
const wellFormed: fc.Arbitrary<Omit<Case, 'args'>> = fc
  .record({ rows: matrix, json: fc.boolean(), wrap: fc.boolean(), bom: fc.boolean(), sep: fc.constantFrom(',', ';', '\t', ' ', ', '), header: fc.boolean(), crlf: fc.boolean(), ext: fc.constantFrom('.json', '.csv', '.txt', '') })
  .map(({ rows, json, wrap, bom, sep, header, crlf, ext }) => {
    const text = json ? jsonText(rows, wrap) : csvText(rows, sep, header, crlf ? '\r\n' : '\n');
    // A .json name with CSV content is malformed JSON: no shape promised then.
    const consistent = json || ext !== '.json';
    return { content: Buffer.concat([bom ? BOM : Buffer.alloc(0), Buffer.from(text)]), ext: json && ext === '' ? '.json' : ext, shape: consistent ? { n: rows.length, d: rows[0].length } : undefined, label: `well-formed ${json ? 'json' : `csv sep=${JSON.stringify(sep)}`}${bom ? ' +BOM' : ''}` };
  });

/** Malformed input of the kinds users send. */
const malformed: fc.Arbitrary<Omit<Case, 'args'>> = fc.oneof(
  // random junk, as text or bytes
  fc.string({ maxLength: 200 }).map((s) => ({ content: Buffer.from(s), ext: '.csv', label: 'junk text' })),
  fc.string({ unit: 'binary', maxLength: 200 }).map((s) => ({ content: Buffer.from(s), ext: '.json', label: 'junk unicode json' })),
  fc.uint8Array({ maxLength: 200 }).map((b) => ({ content: Buffer.from(b), ext: '', label: 'junk bytes' })),
  // decimal commas
  fc.array(fc.tuple(fc.integer({ min: -99, max: 99 }), fc.integer({ min: 0, max: 99 })), { minLength: 2, maxLength: 6 }).map((xs) => ({
    content: Buffer.from(`${xs.map(([a, b]) => `${a},${b}`).join(';')}\n${xs.map(([a, b]) => `${b},${a}`).join(';')}\n`), ext: '.csv', label: 'decimal commas',
  })),
  // ragged rows
  fc.array(fc.array(finite, { minLength: 1, maxLength: 5 }), { minLength: 2, maxLength: 8 }).map((rows) => ({ content: Buffer.from(csvText(rows as number[][], ',', false, '\n')), ext: '.csv', label: 'maybe ragged csv' })),
  fc.array(fc.array(finite, { minLength: 0, maxLength: 5 }), { minLength: 0, maxLength: 8 }).map((rows) => ({ content: Buffer.from(JSON.stringify(rows)), ext: '.json', label: 'maybe ragged json' })),
  // texts for numbers, good and bad, in cells
  fc.array(fc.array(fc.constantFrom(...NUMBER_TEXTS, ...BAD_CELLS), { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 6 }).map((rows) => ({ content: Buffer.from(rows.map((r) => r.join(',')).join('\n')), ext: '.csv', label: 'number texts csv' })),
  fc.array(fc.array(fc.constantFrom(...NUMBER_TEXTS, ...BAD_CELLS).map((s) => JSON.stringify(s)), { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 6 }).map((rows) => ({ content: Buffer.from(`[${rows.map((r) => `[${r.join(',')}]`).join(',')}]`), ext: '.json', label: 'number texts json' })),
  // JSON in a .csv, truncated JSON, empty files
  matrix.map((rows) => ({ content: Buffer.from(jsonText(rows, false)), ext: '.csv', label: 'json in csv' })),
  fc.tuple(matrix, fc.nat()).map(([rows, cut]) => {
    const t = jsonText(rows, false);
    return { content: Buffer.from(t.slice(0, cut % t.length)), ext: '.json', label: 'truncated json' };
  }),
  fc.constantFrom('', '\n', '   \n\t', '\uFEFF', '[]', '{}', '{"vectors": 3}', '[[]]', '[1, 2]', 'null', '# only a comment\n', 'x,y\n').map((s) => ({ content: Buffer.from(s), ext: fc.sample(fc.constantFrom('.json', '.csv', ''), 1)[0], label: `degenerate ${JSON.stringify(s)}` })),
  // a huge n: more vectors than a distance matrix can take (cheap for coordinate-wise rules, refused for the others)
  fc.constant({ content: Buffer.from('1\n'.repeat(70_000)), ext: '.csv', label: 'huge n = 70000' }),
);

const intText = fc.oneof(fc.integer({ min: -3, max: 12 }).map(String), fc.constantFrom('1.5', 'abc', '1e3', '', ' 2', '-0', '99999999999999999999', '0x2', 'NaN'));
const options = fc.record(
  {
    rule: fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...RULES) }, { weight: 1, arbitrary: fc.constantFrom(...BAD_RULES) }),
    f: intText,
    m: intText,
    k: intText,
    distance: fc.constantFrom('squared', 'euclidean', 'manhattan'),
    scoreUpdate: fc.constantFrom('incremental', 'recompute', 'frozen', 'sometimes'),
    byzantine: fc.oneof(fc.array(fc.integer({ min: -1, max: 14 }), { minLength: 1, maxLength: 3 }).map((a) => a.join(',')), fc.constantFrom('', 'a,b', '1,,2')),
    json: fc.boolean(),
  },
  { requiredKeys: ['rule', 'json'] },
);

/**
 * Options: as generated (mostly some option the rule does not use, or a bad
 * value), or, in about half the cases, tidied to the options the rule uses
 * with small integers, so that the rules themselves run on the inputs.
 */
const tidyOptions = fc.record({ rule: fc.constantFrom(...RULES), f: fc.integer({ min: 0, max: 2 }), m: fc.option(fc.integer({ min: 1, max: 4 })), k: fc.option(fc.integer({ min: 1, max: 6 })), json: fc.boolean() }).map((o) => {
  const uses = RULE_OPTIONS[o.rule];
  return {
    rule: o.rule, json: o.json,
    f: uses.includes('f') ? String(o.f) : undefined,
    m: uses.includes('m') && o.m !== null ? String(o.m) : undefined,
    k: uses.includes('k') && o.k !== null ? String(o.k) : undefined,
  } as { rule: string; json: boolean; f?: string; m?: string; k?: string; distance?: string; scoreUpdate?: string; byzantine?: string };
});

const cases: fc.Arbitrary<Case> = fc.tuple(fc.oneof(wellFormed, malformed), fc.oneof(options, tidyOptions)).map(([input, o]) => {
  const args: string[] = ['--rule', o.rule];
  if (o.f !== undefined) args.push('--f', o.f);
  if (o.m !== undefined) args.push('--m', o.m);
  if (o.k !== undefined) args.push('--k', o.k);
  if (o.distance !== undefined) args.push('--distance', o.distance);
  if (o.scoreUpdate !== undefined) args.push('--score-update', o.scoreUpdate);
  if (o.byzantine !== undefined) args.push('--byzantine', o.byzantine);
  if (o.json) args.push('--json');
  return { ...input, args };
});

let counter = 0;
function fileFor(c: Case): string {
  const file = path.join(WORK, `case-${counter++}${c.ext}`);
  fs.writeFileSync(file, c.content);
  return file;
}

/** Runs main() in this process with stdout and stderr captured. */
async function runInProcess(argv: string[]): Promise<{ code: number; stdout: string; stderr: string; line?: string }> {
  let stdout = '', stderr = '';
  const writeSync = fsModule.writeSync;
  const stderrWrite = process.stderr.write;
  // aggregate writes its output with fs.writeSync(1, …) (a pipe's back-pressure), notices with process.stderr.write.
  fsModule.writeSync = (fd: number, data: unknown, ...rest: unknown[]) => {
    if (fd !== 1) return (writeSync as (...a: unknown[]) => number)(fd, data, ...rest);
    const b = Buffer.isBuffer(data) ? data.subarray(Number(rest[0] ?? 0), Number(rest[0] ?? 0) + Number(rest[1] ?? data.length)) : Buffer.from(String(data));
    stdout += b.toString();
    return b.length;
  };
  process.stderr.write = ((s: string | Uint8Array) => {
    stderr += String(s);
    return true;
  }) as typeof process.stderr.write;
  try {
    const code = await main(argv);
    return { code, stdout, stderr };
  } catch (error) {
    const { line, code } = describeError(error);
    return { code, stdout, stderr, line };
  } finally {
    fsModule.writeSync = writeSync;
    process.stderr.write = stderrWrite;
  }
}

/** The oracle: a result with a plausible output, or a one-line user error. */
function judge(c: Case, r: { code: number; stdout: string; stderr: string; line?: string }, where: string): void {
  const what = `${where} — ${c.label}, args ${JSON.stringify(c.args)}, content ${JSON.stringify(c.content.toString('utf8').slice(0, 120))}`;
  assert.ok(r.code === 0 || r.code === 2, `exit ${r.code} (${r.line ?? r.stderr}) ${what}`);
  const stderrLines = r.stderr.split('\n').filter((l) => l !== '');
  assert.doesNotMatch(r.stderr, /\n\s+at |internal error|node:internal/, what);
  if (r.code === 2) {
    const line = r.line ?? stderrLines[0]?.replace(/^error: /, '');
    assert.ok(line && !line.includes('\n') && line.length > 10, `a one-line error expected ${what}`);
    assert.doesNotMatch(line, /^internal error/, what);
    for (const l of stderrLines) assert.match(l, /^(error|notice): /, what);
    assert.ok(stderrLines.filter((l) => l.startsWith('error: ')).length <= 1, what);
    return;
  }
  for (const l of stderrLines) assert.match(l, /^notice: /, `only notices on stderr after a result ${what}`);
  if (c.args.includes('--json')) {
    const out = JSON.parse(r.stdout) as { n: number; d: number; aggregate: unknown[] };
    assert.equal(out.aggregate.length, out.d, what);
    if (c.shape) assert.deepEqual([out.n, out.d], [c.shape.n, c.shape.d], what);
  } else assert.match(r.stdout, /^[A-Z-]+ of n = \d+ vectors in d = \d+/, what);
}

test(`aggregate on ${RUNS} generated inputs (fast-check seed ${SEED}), in process: a result or a one-line error, never a crash or a hang`, async () => {
  const labels = new Map<string, number>();
  let errors = 0;
  await fc.assert(
    fc.asyncProperty(cases, async (c) => {
      const file = fileFor(c);
      const started = Date.now();
      const r = await runInProcess(['aggregate', file, ...c.args]);
      const seconds = (Date.now() - started) / 1000;
      assert.ok(seconds < 10, `took ${seconds} s: ${c.label} ${JSON.stringify(c.args)}`);
      judge(c, r, 'in process');
      labels.set(c.label.split(' ')[0], (labels.get(c.label.split(' ')[0]) ?? 0) + 1);
      if (r.code !== 0) errors++;
      fs.rmSync(file);
    }),
    { seed: SEED, numRuns: RUNS, endOnFailure: true },
  );
  // The generator reaches both outcomes and every kind of input.
  assert.ok(errors > RUNS / 10 && errors < RUNS, `${errors} errors of ${RUNS}`);
  for (const kind of ['well-formed', 'junk', 'decimal', 'maybe', 'number', 'json', 'truncated', 'degenerate', 'huge']) assert.ok(labels.has(kind), `no "${kind}" case generated: ${[...labels.keys()]}`);
});

test(`aggregate on ${SPAWNED} of the same generated inputs, on the real CLI`, () => {
  const sample = fc.sample(cases, { seed: SEED, numRuns: SPAWNED });
  for (const c of sample) {
    const file = fileFor(c);
    const r = spawnSync(process.execPath, [MAIN, 'aggregate', file, ...c.args], { encoding: 'utf8', timeout: 30_000, env: { ...process.env, AGGREGATHOR_DEBUG: '' } });
    assert.equal(r.error, undefined, `no hang: ${r.error?.message} — ${c.label} ${JSON.stringify(c.args)}`);
    judge(c, { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, line: r.status === 2 ? r.stderr.trimEnd().split('\n').filter((l) => l.startsWith('error: '))[0]?.slice(7) : undefined }, 'spawned');
    if (r.status === 2) assert.equal(r.stderr.trimEnd().split('\n').filter((l) => !l.startsWith('notice: ')).length, 1, r.stderr);
  }
});

test.after(() => fs.rmSync(WORK, { recursive: true, force: true }));
