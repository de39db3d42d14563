/**
 * The proof map as a whole (issue 13): every step has a check or a stated
 * reason, ids are unique, premises and registry checks name things that
 * exist, the map covers the paper's text (no run of eight or more non-blank
 * lines without a step) and its statements (abstract, definitions, every
 * theorem and lemma statement and proof, both figure captions), the
 * coverage command agrees, and the errata written from a run of the map
 * list every failing step and compile on their own with pdflatex (no error,
 * no overfull box). The per-section tests (proof-front, proof-lemma2) run
 * every check at three seeds and every mutant.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { ALL_CHECKS, claim, claims } from '../lib/claims/registry';
import { coverageText } from '../lib/cli/coverageCommand';
import { PROOF_MAP, runProofMap } from '../lib/proof';
import { buildProofMapReport } from '../lib/proof/report';
import { collectErrata, errataMarkdown, errataTex } from '../lib/report/proofErrata';
import { describeEnvironment } from '../lib/report/environment';
import { buildModel } from '../lib/report/model';
import { PAPER_FILE, paperHtml } from '../lib/report/proofMapHtml';
import { writeReport } from '../lib/report/writeReport';

const SEED = 20190331;

test('every step has a check, a registry check, or a stated reason; ids are unique', () => {
  const ids = PROOF_MAP.map((s) => s.id);
  assert.equal(new Set(ids).size, ids.length, `duplicate ids: ${ids.filter((id, i) => ids.indexOf(id) !== i).join(', ')}`);
  const bare = PROOF_MAP.filter((s) => s.checks.length === 0 && (s.registryChecks ?? []).length === 0 && !s.uncheckedBecause);
  assert.deepEqual(bare.map((s) => s.id), [], 'steps without a check and without a reason');
  // A check names the readings it speaks for: the step's own, or the registry's readings of the same ambiguity (k = m, k = n − f − 2, η as printed or as derived), joined by "and" when it covers several.
  const registryReadings = new Set(claims().flatMap((c) => c.readings.map((r) => r.id)));
  for (const s of PROOF_MAP)
    for (const c of s.checks)
      for (const r of c.reading.split(' and ')) assert.ok(s.readings.some((x) => x.id === r) || registryReadings.has(r), `${s.id}/${c.name}: reading "${r}" is neither the step's nor the registry's`);
});

test('premises name steps or claims, and registry checks name registered checks', () => {
  const known = new Set([...PROOF_MAP.map((s) => s.id), ...claims().map((c) => c.id)]);
  const registered = new Set(ALL_CHECKS.map((c) => `${c.claimId}/${c.name}`));
  for (const s of PROOF_MAP) {
    for (const p of s.premises) assert.ok(known.has(p), `${s.id}: premise ${p} is neither a step nor a claim`);
    for (const r of s.registryChecks ?? []) assert.ok(registered.has(r), `${s.id}: registry check ${r} is not registered`);
  }
});

test('the map covers the paper: its statements, proofs and captions, with no long unmapped stretch of text', () => {
  const sections = PROOF_MAP.map((s) => s.location.section).join('\n');
  for (const needed of ['Abstract', 'Definition 1', 'Definition 2', 'Definition 3', 'Figure 1 caption', 'Figure 2 caption', 'Theorem 1, statement', 'Theorem 1, proof of (i)', 'Theorem 1, proof of (ii)', 'Lemma 1, statement', 'Lemma 1, proof', 'Lemma 2, statement', 'Lemma 2, proof', 'Theorem 2, statement', 'Theorem 2, proof'])
    assert.ok(sections.includes(needed), `no step in "${needed}"`);
  const text = fs.readFileSync(PAPER_FILE, 'utf8').split('\n');
  const covered = new Array<boolean>(text.length + 1).fill(false);
  for (const s of PROOF_MAP) {
    assert.ok(s.location.lines[0] >= 1 && s.location.lines[0] <= s.location.lines[1] && s.location.lines[1] <= text.length, `${s.id}: lines ${s.location.lines.join('–')} outside the text`);
    for (let l = s.location.lines[0]; l <= s.location.lines[1]; l++) covered[l] = true;
  }
  let run: number[] = [];
  const gaps: string[] = [];
  for (let l = 1; l <= text.length + 1; l++) {
    if (l <= text.length && !covered[l] && text[l - 1].trim() !== '') run.push(l);
    else if (l > text.length || covered[l]) {
      if (run.length >= 8) gaps.push(`${run[0]}–${run[run.length - 1]}`);
      run = [];
    }
  }
  assert.deepEqual(gaps, [], 'stretches of the paper with no step');
});

test('coverage lists every step with its checks; the errata list every failing step, are written into the report and compile with pdflatex', async (t) => {
  const listing = coverageText({ run: false, seed: SEED, mode: 'quick', json: false, help: false });
  for (const s of PROOF_MAP) assert.ok(listing.includes(`${s.id.padEnd(10)} lines`), `coverage omits ${s.id}`);
  assert.match(listing, new RegExp(`${PROOF_MAP.length} steps: \\d+ with checks, \\d+ without \\(\\d+ with a stated reason\\)\\.`));

  const report = buildProofMapReport(PROOF_MAP, runProofMap({ seed: SEED, mode: 'quick' }));
  const errata = collectErrata(report, SEED, 'quick');
  const failing = report.steps.filter((s) => s.standing === 'fails').map((s) => s.id);
  assert.ok(failing.length > 0, 'the map finds the paper’s errors');
  assert.deepEqual(errata.errors.map((e) => e.step.id), failing);
  const md = errataMarkdown(errata);
  for (const id of failing) assert.ok(md.includes(`### ${id}`), `errata.md omits ${id}`);
  const html = paperHtml(report);
  for (const id of failing) assert.ok(html.includes(`index.html#step-${id}"`), `paper.html does not link ${id}`);

  // The report a run on the workbook's registry writes (fixture runs have no proof map: checksProofMap):
  // its proof-map section, errata and annotated paper, from this map.
  const written = fs.mkdtempSync(path.join(os.tmpdir(), 'aggregathor-proof-report-'));
  try {
    const model = buildModel({ claims: [claim('L1')], results: [], seed: SEED, mode: 'quick', environment: describeEnvironment(), proofMap: report });
    await writeReport(written, model, { wallSeconds: 0, jobs: 1, checks: [] }, { images: false });
    assert.match(fs.readFileSync(path.join(written, 'report.md'), 'utf8'), new RegExp(`## Proof map: every assertion of the paper\\s+\\*\\*${report.counts.steps} steps: ${report.counts.standings.holds} hold, ${failing.length} fail`));
    assert.equal(fs.readFileSync(path.join(written, 'errata.md'), 'utf8'), errataMarkdown(collectErrata(report, SEED, 'quick', `npm start -- --seed ${SEED}`)), 'the report\'s errata name npm start as the command that reproduces them');
    assert.equal(fs.readFileSync(path.join(written, 'paper.html'), 'utf8'), html);
    assert.ok(fs.existsSync(path.join(written, 'errata.tex')));
  } finally {
    fs.rmSync(written, { recursive: true, force: true });
  }

  const tex = errataTex(errata);
  assert.deepEqual(tex.unknown, [], 'characters without a LaTeX mapping');
  const pdflatex = spawnSync('pdflatex', ['--version'], { encoding: 'utf8' });
  if (pdflatex.error) {
    if (process.env.CI) assert.fail('pdflatex is missing (CI installs texlive-latex-base and texlive-latex-recommended)');
    t.skip('pdflatex is not installed (apt-get install texlive-latex-base texlive-latex-recommended)');
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aggregathor-errata-'));
  try {
    fs.writeFileSync(path.join(dir, 'errata.tex'), tex.text);
    const r = spawnSync('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', 'errata.tex'], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    const log = fs.readFileSync(path.join(dir, 'errata.log'), 'utf8');
    assert.equal(r.status, 0, log.split('\n').filter((l) => l.startsWith('!')).join('\n'));
    assert.ok(fs.existsSync(path.join(dir, 'errata.pdf')));
    assert.doesNotMatch(log, /Overfull \\hbox|Overfull \\vbox/, 'errata.tex has overfull boxes');
    assert.doesNotMatch(log, /Missing character/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
