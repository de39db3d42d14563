/**
 * The rule atlas (lib/report/atlas.ts, issue 15):
 *
 * - every rule of the catalogue has a row (and every composite R1 searched);
 * - no cell is blank, in the report's long form or the LaTeX short form, and a
 *   column whose source did not run says so;
 * - each κ̂ cell replays from its witness file, written as the report writes
 *   it: the exact fraction, the value, the setting, the rule; a witness file
 *   changed by one ulp no longer replays to its κ̂ (the test can fail);
 * - the same seed gives byte-identical witness files;
 * - the other columns read the checks' tables: the strongest attack of L1's
 *   MULTI-KRUM rows at f ≥ 1, the exponent the leeway verdict used, MNIST per
 *   attack, the committed bench timings (never measured here);
 * - atlas.tex compiles in a plain article with no error and no overfull box,
 *   with the real atlas and with the widest cells the atlas writes.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import { checksFor, claim, runCheck } from '../lib/claims/registry';
import type { CheckResult } from '../lib/claims/types';
import { describeEnvironment } from '../lib/report/environment';
import { ATLAS_COLUMNS, atlasApplies, atlasFiles, atlasNumber, atlasTex, benchTimes, buildAtlas, NOT_TRANSCRIBED, readWitnessFile, type Atlas, type AtlasRow } from '../lib/report/atlas';
import { buildModel, type ReportModel } from '../lib/report/model';
import { replayWitness } from '../lib/robustness/witness';
import { CATALOGUE_RULE_NAMES } from '../lib/rules/index';

const SEED = 5;

/** A model as a quick run with R1 and the given extra results would have it. */
function modelWith(results: CheckResult[], ids: string[]): ReportModel {
  return buildModel({ claims: ids.map((id) => claim(id)), results, seed: SEED, mode: 'quick', environment: describeEnvironment() });
}

let r1: CheckResult;
let atlas: Atlas;
let folder: string;

before(async () => {
  const check = checksFor('R1').find((c) => c.name === 'every-rule')!;
  r1 = await runCheck(check, { mode: 'quick', seed: SEED });
  atlas = buildAtlas(modelWith([r1], ['R1']));
  folder = fs.mkdtempSync(path.join(os.tmpdir(), 'aggregathor-atlas-'));
  for (const f of atlasFiles(atlas)) {
    fs.mkdirSync(path.dirname(path.join(folder, f.file)), { recursive: true });
    fs.writeFileSync(path.join(folder, f.file), f.text);
  }
});

describe('rows and cells', () => {
  test('every catalogue rule has a row, and every composite R1 searched', () => {
    const rules = atlas.rows.map((r) => r.rule);
    for (const name of CATALOGUE_RULE_NAMES) assert.ok(rules.includes(name), `no row for ${name}`);
    for (const row of r1.table!.rows) assert.ok(rules.includes(String(row[0])), `no row for R1's ${row[0]}`);
    assert.equal(new Set(rules).size, rules.length, 'one row per rule');
  });

  test('no blank cell, long or short; the published bound says it was not transcribed', () => {
    for (const r of atlas.rows) {
      for (const [key] of ATLAS_COLUMNS) {
        assert.ok(r.cells[key].trim().length > 0, `${r.rule}: blank ${key}`);
        assert.ok(r.short[key].trim().length > 0, `${r.rule}: blank short ${key}`);
      }
      assert.equal(r.cells.published, NOT_TRANSCRIBED);
    }
  });

  test('columns whose checks did not run say "not run here"; a rule a check does not measure says "not measured in quick mode"', () => {
    const mk = atlas.rows.find((r) => r.rule === 'multi-krum')!;
    assert.match(mk.cells.lemma1, /^not run here \(L1/);
    assert.match(mk.cells.mnist, /^not run here \(T1/);
    assert.match(mk.cells.leeway, /^not run here \(D2/);
    const phocas = atlas.rows.find((r) => r.rule === 'phocas')!;
    assert.equal(phocas.cells.lemma1, 'not measured in quick mode');
  });

  test('κ̂ is never below f/(n − 2f) (a theorem; the search starts from its construction)', () => {
    for (const r of atlas.rows) {
      assert.ok(r.kappa, `${r.rule}: no κ̂`);
      assert.ok(r.kappa.unbounded || r.kappa.value >= r.kappa.lowerBound * (1 - 1e-12), `${r.rule}: κ̂ ${r.kappa.value} < ${r.kappa.lowerBound}`);
    }
  });

  test('R1\'s rules are reported at R1\'s worst setting with R1\'s value; the others come from the atlas\'s own quick-grid search', () => {
    const col = (name: string) => r1.table!.columns.indexOf(name);
    for (const r of atlas.rows) {
      const mine = r1.table!.rows.filter((x) => x[0] === r.rule);
      if (mine.length === 0) { assert.equal(r.kappa!.source, 'atlas'); assert.match(r.cells.kappa, /atlas search on the quick grid/); continue; }
      assert.equal(r.kappa!.source, 'R1');
      const at = mine.find((x) => x[col('n')] === r.kappa!.n && x[col('f')] === r.kappa!.f && x[col('d')] === r.kappa!.d);
      assert.ok(at, `${r.rule}: setting not in R1's table`);
      const shown = String(at[col('κ̂ exact')]);
      assert.ok(shown.endsWith('…') ? r.kappa!.exact.startsWith(shown.slice(0, -1)) : r.kappa!.exact === shown, `${r.rule}: ${r.kappa!.exact.slice(0, 40)} vs R1's ${shown}`);
    }
    assert.deepEqual(atlas.notes.filter((n) => /R1's table shows/.test(n)), [], 'every witness replays to R1\'s value');
  });
});

describe('witness files', () => {
  test('each κ̂ cell replays from its witness file: same fraction, same value, same setting and rule', () => {
    for (const r of atlas.rows) {
      const k = r.kappa!;
      assert.match(r.cells.witness, /^witnesses\/.+-\d+-\d+-\d+\.json$/);
      assert.equal(r.cells.witness, k.witnessFile);
      const w = readWitnessFile(fs.readFileSync(path.join(folder, k.witnessFile), 'utf8'));
      assert.deepEqual([w.rule, w.n, w.f, w.d], [r.rule, k.n, k.f, k.d]);
      const replay = replayWitness(w);
      assert.equal(replay.text, k.exact, `${r.rule}: witness replays to ${replay.text.slice(0, 30)}`);
      assert.equal(replay.value, k.value);
      assert.equal(w.kappaHat?.exact, k.exact);
      assert.ok(r.cells.kappa.includes(atlasNumber(replay.value)), `${r.rule}: cell ${r.cells.kappa} lacks ${atlasNumber(replay.value)}`);
      assert.ok(r.cells.kappa.includes(`(${k.n}, ${k.f}, ${k.d})`));
    }
  });

  test('a witness moved by one ulp in one coordinate no longer replays to its κ̂', () => {
    const row = atlas.rows.find((r) => r.rule === 'multi-krum')!;
    const w = readWitnessFile(fs.readFileSync(path.join(folder, row.kappa!.witnessFile), 'utf8'));
    const i = w.honest[0];
    const x = w.inputs[i][0];
    w.inputs[i][0] = x + Math.abs(x) * Number.EPSILON + Number.MIN_VALUE;
    assert.notEqual(replayWitness(w).text, row.kappa!.exact);
  });

  test('the same seed gives byte-identical witness files', () => {
    const again = buildAtlas(modelWith([r1], ['R1']));
    assert.deepEqual(atlasFiles(again).filter((f) => f.file.startsWith('witnesses/')), atlasFiles(atlas).filter((f) => f.file.startsWith('witnesses/')));
  });

  test('a file that is not a witness is refused in one line', () => {
    for (const bad of ['{', '[]', '{"rule": "median"}']) {
      assert.throws(() => readWitnessFile(bad), (e: Error) => e.message.startsWith('witness file:') && !e.message.includes('\n'));
    }
  });

  test('without R1 in the report there is no atlas', () => {
    assert.equal(atlasApplies(modelWith([], ['R1'])), false);
    assert.equal(atlasApplies(modelWith([r1], ['R1'])), true);
  });
});

// ---------------------------------------------------------------- the other columns, from tables of the checks' shapes

const L1_COLUMNS = ['setting', 'attack', 'trials', 'measured', 'bound', 'tightness', 'lo', 'hi', 'closest in setting', 'interval valid'];
const LEEWAY_COLUMNS = ['rule', 'attack', 'd', 'E|GAR_0 − V_1,0|', 'lo', 'hi', 'E min_j |GAR_0 − V_j,0|', 'exponent', 'exp lo', 'exp hi', 'fit residual', 'fit p (χ²)', 'local exponent (two largest d)', 'local lo', 'local hi', 'verdict from', 'verdict'];

function result(claimId: string, check: string, reading: string, columns: string[], rows: (string | number)[][], region = ''): CheckResult {
  return { claimId, check, reading, method: 'monte-carlo', verdict: 'holds', expected: 'holds', summary: '', seed: SEED, runs: 1, region, table: { columns, rows } };
}

describe('the columns read from the other checks', () => {
  const l1 = result('L1', 'monte-carlo', 'as-derived', L1_COLUMNS, [
    ['n=7,f=2,m=3,k=3,d=10,sinα=0.5,gaussian', 'alie', 320, 0.1, 1, 0.1, 0.09, 0.11, '', 'yes'],
    ['n=7,f=2,m=3,k=3,d=10,sinα=0.5,gaussian', 'adaptive', 320, 0.3, 1, 0.3, 0.25, 0.35, 'yes', 'yes'],
    ['n=7,f=2,m=1,k=3,d=10,sinα=0.5,gaussian', 'adaptive', 320, 0.9, 1, 0.9, 0.8, 1, 'yes', 'yes'], // m = 1: KRUM, not MULTI-KRUM
    ['n=3,f=0,m=1,k=1,d=1,sinα=0.5,gaussian', 'ipm', 320, 0.5, 1, 0.5, 0.4, 0.6, 'yes', 'yes'], // f = 0: no attack
    ['n=7,f=2,m=3,k=3,d=30,sinα=0.5,student-t3', 'mimic', 80, 5, 1, 5, 4, 6, 'yes', 'no (infinite variance)'], // not in the verdict
  ]);
  const d2 = result('D2', 'monte-carlo-leeway', 'as-printed', LEEWAY_COLUMNS, [
    ['MULTI-KRUM', 'leeway', 10, 0.4, 0.3, 0.5, 0.1, -0.06, -0.1, -0.02, 0.06, 0.1, -0.2, -0.3, -0.1, 'global', 'fails'],
    ['MULTI-KRUM', 'adaptive', 10, 0.4, 0.3, 0.5, 0.1, -0.5, -0.6, -0.4, 0.06, 0.1, 0.01, -0.05, 0.07, 'local', 'fails'],
  ], 'n = 11, f = 2, d ∈ {10, 100, 1000}, σ = 1/√d');
  const t1 = result('T1', 'mnist', 'as-printed', ['rule', 'attack', 'final test accuracy (mean)', 'min', 'max', 'diverged runs', 'Byzantine input used (rate)'], [
    ['multi-krum', 'none', 0.884, 0.884, 0.884, 0, 0], ['multi-krum', 'alie', 0.8865, 0.8865, 0.8865, 0, 1],
  ], 'n = 19, f = 4, each rule at its default m');
  let rows: AtlasRow[];
  before(() => {
    rows = buildAtlas(modelWith([r1, l1, d2, t1], ['R1', 'L1', 'D2', 'T1'])).rows;
  });

  test('Lemma 1: the strongest attack among MULTI-KRUM\'s rows (m = k = n − f − 2, f ≥ 1, valid intervals)', () => {
    const mk = rows.find((r) => r.rule === 'multi-krum')!;
    assert.match(mk.cells.lemma1, /^0\.3 \[0\.25, 0\.35\] under adaptive at n = 7, f = 2, d = 10, gaussian/);
    assert.equal(rows.find((r) => r.rule === 'krum')!.cells.lemma1, 'not run here (L1 monte-carlo, reading krum, not in this report)', "Krum's η is L1's reading krum, not in this model");
    assert.equal(rows.find((r) => r.rule === 'bulyan')!.cells.lemma1, 'not measured in quick mode');
  });

  test('leeway: the largest exponent over the attacks, the one its verdict used (local or global)', () => {
    const mk = rows.find((r) => r.rule === 'multi-krum')!;
    assert.match(mk.cells.leeway, /^0\.01 \[-0\.05, 0\.07\] under adaptive \(local, two largest d; D2, n = 11, f = 2/);
    assert.equal(rows.find((r) => r.rule === 'median')!.cells.leeway, 'not measured in quick mode');
  });

  test('MNIST: every attack of the rule, in order', () => {
    assert.match(rows.find((r) => r.rule === 'multi-krum')!.cells.mnist, /^none 0\.884 · alie 0\.8865 \(T1 mnist, n = 19, f = 4\)$/);
    assert.equal(rows.find((r) => r.rule === 'caf')!.cells.mnist, 'not measured in quick mode');
  });

  test('time per call: read from the bench output at (25, 10⁵), never measured; absent files or rules say "not benched"', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'aggregathor-bench-'));
    try {
      fs.mkdirSync(path.join(root, 'bench'));
      fs.writeFileSync(path.join(root, 'bench', 'results.json'), JSON.stringify({ mode: 'full', started: '2026-01-02T00:00:00Z', rules: [
        { rule: 'median', n: 25, d: 100000, f: 5, optimised: { median: 0.0125 } }, { rule: 'median', n: 11, d: 100000, f: 2, optimised: { median: 9 } },
      ] }));
      const times = benchTimes(root);
      assert.deepEqual([...times.keys()], ['median']);
      assert.equal(times.get('median')!.ms, 12.5);
      // a newer catalogue bench gives its rules' times, the median's included; an older one only the rules the full bench lacks
      const catalogue = (started: string) => JSON.stringify({ started, rules: [
        { rule: 'median', n: 25, d: 100000, f: 5, float64: { median: 0.0081 } }, { rule: 'phocas', n: 25, d: 100000, f: 5, float64: { median: 0.04 } },
      ] });
      fs.writeFileSync(path.join(root, 'bench', 'results-catalogue.json'), catalogue('2026-02-01T00:00:00Z'));
      const newer = benchTimes(root);
      assert.equal(newer.get('median')!.ms, 8.1);
      assert.match(newer.get('median')!.source, /^bench\/results-catalogue\.json, bench of 2026-02-01/);
      assert.equal(newer.get('phocas')!.ms, 40);
      fs.writeFileSync(path.join(root, 'bench', 'results-catalogue.json'), catalogue('2025-12-01T00:00:00Z'));
      const older = benchTimes(root);
      assert.equal(older.get('median')!.ms, 12.5);
      assert.equal(older.get('phocas')!.ms, 40);
      const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'aggregathor-nobench-'));
      assert.equal(benchTimes(empty).size, 0);
      const noBench = buildAtlas(modelWith([r1], ['R1']), { root: empty });
      for (const r of noBench.rows) assert.equal(r.cells.time, 'not benched at (25, 10⁵) (bench/results.json)');
      fs.rmSync(empty, { recursive: true, force: true });
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

// ---------------------------------------------------------------- LaTeX

test('atlas.tex compiles in a plain article with no error and no overfull box (the real atlas, and the widest cells)', (t) => {
  const pdflatex = spawnSync('pdflatex', ['--version'], { encoding: 'utf8' });
  if (pdflatex.error) {
    if (process.env.CI) assert.fail('pdflatex is missing (CI installs texlive-latex-base and texlive-latex-recommended)');
    t.skip('pdflatex is not installed');
    return;
  }
  // The widest short cells the atlas writes: an unbounded implementation-replayed κ̂ of an atlas search, a composite, long intervals.
  const wide: Atlas = { ...atlas, rows: atlas.rows.map((r) => ({ ...r, short: {
    ...r.short,
    rule: 'bucketing+nnm+centered-clipping', admissible: 'n ≥ 2f + 1 (after nnm, bucketing)', kappa: '∞ at (51, 24, 10) (i) (q)', lowerBound: '24/3', ratio: '1.23e+23',
    lemma1: '0.05406 [-0.001234, 0.05640] adaptive-distance, (51, 24, 1000)', leeway: '-0.06345 [-0.1086, -0.01835] adaptive-distance', mnist: 'none 0.8905, gaussian 0.202, sign-flip 0.8915, alie 0.8915, ipm 0.1, mimic 0.85', time: '5294',
  } })) };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aggregathor-atlas-tex-'));
  try {
    for (const [name, a] of [['real', atlas], ['wide', wide]] as const) {
      fs.writeFileSync(path.join(dir, 'atlas.tex'), atlasTex(a));
      fs.writeFileSync(path.join(dir, 'paper.tex'), ['\\documentclass{article}', '\\usepackage[T1]{fontenc}', '\\usepackage[utf8]{inputenc}', '\\usepackage{booktabs,longtable,array,amsmath}', '\\begin{document}', '\\input{atlas}', '\\end{document}', ''].join('\n'));
      const r = spawnSync('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', 'paper.tex'], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
      const log = fs.readFileSync(path.join(dir, 'paper.log'), 'utf8');
      assert.equal(r.status, 0, `${name}: ${log.split('\n').filter((l) => l.startsWith('!')).join('\n')}`);
      assert.deepEqual(log.split('\n').filter((l) => /^Overfull \\[hv]box/.test(l)), [], `${name}: overfull boxes`);
      assert.match(log, /Output written on paper\.pdf/);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
