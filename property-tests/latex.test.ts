/**
 * Every LaTeX file the report emits compiles with Debian's TeX Live inside a
 * plain article (default text width), with no error and no overfull box
 * (issue 14, "tables that fit a page"): verdicts.tex as a longtable with one
 * row per registered check — every check name and reading of the registry,
 * the longest region text the workbook writes, wide intervals — and eta.tex.
 * errata.tex is compiled on its own in proof-map.test.ts.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { ALL_CHECKS, claims } from '../lib/claims/registry';
import type { CheckResult } from '../lib/claims/types';
import { etaTable, verdictsTable } from '../lib/report/latex';
import { buildModel } from '../lib/report/model';
import { describeEnvironment } from '../lib/report/environment';

/** A region as long as the workbook writes them, with every kind of term regionBrief keeps. */
const REGION = 'n ∈ {7, 11, 15, 19}, f ∈ [1, 6] with n ≥ 2f + 3, m ∈ {1, 3, 5, 7, 9, 10}, k ∈ {3, 5, 7, 8, 9, 13}, d ∈ {10, 30, 100, 300, 1000}, r ∈ {2, 3, 4}, sin α ∈ {0.5, 0.95, 0.99}, noise gaussian, student-t3, exponential; attacks: gaussian, sign-flip, alie, ipm, mimic, adaptive; 1000 trials per setting';

function syntheticModel() {
  const results: CheckResult[] = ALL_CHECKS.map((c, i) => ({
    claimId: c.claimId, check: c.name, reading: c.reading, method: c.method, verdict: (['holds', 'fails', 'inconclusive'] as const)[i % 3], expected: c.expected,
    summary: '', seed: 1, runs: 1000, region: REGION,
    tightness: { estimate: 0.123456789 * (i + 1), lo: -0.000123456 * i, hi: 12345.6789, level: 0.99999, method: 'test' },
  }));
  return buildModel({ claims: claims(), results, seed: 20190331, mode: 'full', environment: describeEnvironment() });
}

test('verdicts.tex and eta.tex compile in a plain article with no error and no overfull box', (t) => {
  const pdflatex = spawnSync('pdflatex', ['--version'], { encoding: 'utf8' });
  if (pdflatex.error) {
    if (process.env.CI) assert.fail('pdflatex is missing (CI installs texlive-latex-base and texlive-latex-recommended)');
    t.skip('pdflatex is not installed');
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aggregathor-latex-'));
  try {
    const model = syntheticModel();
    fs.writeFileSync(path.join(dir, 'verdicts.tex'), verdictsTable(model));
    fs.writeFileSync(path.join(dir, 'eta.tex'), etaTable());
    fs.writeFileSync(path.join(dir, 'paper.tex'), ['\\documentclass{article}', '\\usepackage[T1]{fontenc}', '\\usepackage[utf8]{inputenc}', '\\usepackage{booktabs,longtable,array,amsmath}', '\\begin{document}', '\\input{eta}', '\\input{verdicts}', '\\end{document}', ''].join('\n'));
    const r = spawnSync('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', 'paper.tex'], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    const log = fs.readFileSync(path.join(dir, 'paper.log'), 'utf8');
    assert.equal(r.status, 0, log.split('\n').filter((l) => l.startsWith('!')).join('\n'));
    const overfull = log.split('\n').filter((l) => /^Overfull \\[hv]box/.test(l));
    assert.deepEqual(overfull, [], 'overfull boxes');
    assert.match(log, /Output written on paper\.pdf \((\d+) pages?/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
