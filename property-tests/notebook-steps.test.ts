/**
 * The helpers behind the notebooks' step-by-step walks (issue 14, "notebooks
 * that teach"), without a kernel: the proof-step display, the pictures'
 * numbers (i* and its neighbours, the moment sweep, the slowdown's variance),
 * the rule comparison tables, and the readable evidence (per-attack summary
 * of a large table, worst rows first). Each assertion is a property of the
 * mechanism the notebook's prose explains, so a helper that drew the wrong
 * thing fails here. About 2 s.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CheckResult } from '../lib/claims/types';
import { AdmissibilityError } from '../lib/errors';
import type { BoundReport } from '../lib/montecarlo/bounds';
import { evidenceFigure, ROW_LIMIT } from '../lib/notebook/evidenceFigure';
import { momentSweep } from '../lib/notebook/momentSweep';
import { neighbourhoodFigure, neighbourhoodFrames } from '../lib/notebook/neighbourhoodPicture';
import { stepById, stepHtml, stepResults } from '../lib/notebook/proofStep';
import { boundComparisonHtml } from '../lib/notebook/ruleComparison';
import { contextOf, evidenceTableHtml } from '../lib/notebook/show';
import { slowdownVariance } from '../lib/notebook/slowdownVariance';

describe('proof steps in a notebook', () => {
  test('a step that fails as printed shows its counterexample and repair; a definition shows why it has no check', () => {
    const results = stepResults('L1.8.c', { seed: 1 });
    assert.ok(results.length > 0 && results.every((r) => r.verdict === 'fails'), 'L1.8.c (printed η vs derived sum) fails as printed');
    const html = stepHtml(stepById('L1.8.c'), results);
    assert.match(html, /Step L1\.8\.c/);
    assert.match(html, /Counterexample/);
    assert.match(html, /Repair\./);
    assert.match(stepHtml(stepById('L1.5.c'), []), /not checked.*names a term of the display/s);
  });

  test('an unknown step id or mode is one sentence naming what is admissible', () => {
    assert.throws(() => stepById('L1.99'), (e: Error) => e instanceof AdmissibilityError && /a step id of the proof map \(e\.g\. L1/.test(e.message) && !e.message.includes('\n'));
    assert.throws(() => stepResults('L1.4', { mode: 'fast' }), AdmissibilityError);
  });
});

describe('sampleTrials: fewer Monte Carlo trials in a notebook, property checks untouched', () => {
  test('it is a run setting, not a check parameter, and must be a positive integer', () => {
    assert.deepEqual(contextOf({ mode: 'quick', seed: 1, sampleTrials: 24 }), { mode: 'quick', seed: 1 });
    assert.throws(() => contextOf({ sampleTrials: 0 }), (e: Error) => e instanceof AdmissibilityError && /sampleTrials >= 1/.test(e.message));
  });
});

describe('the picture of i* and its neighbours', () => {
  const o = { n: 9, f: 2, seed: 1 };
  const { frames } = neighbourhoodFrames(o);
  const k = o.n - o.f - 2;

  test('in every frame i* is the worst-scoring selected vector, δc + δb = k, δb <= f, and ζ(i*) is a correct non-neighbour at least as far as every neighbour', () => {
    const d2 = (p: number[], q: number[]) => (p[0] - q[0]) ** 2 + (p[1] - q[1]) ** 2;
    for (const fr of frames) {
      assert.equal(fr.iStar, fr.selected[fr.selected.length - 1]);
      assert.ok(fr.selected.every((i) => fr.scores[i] <= fr.scores[fr.iStar]));
      assert.equal(fr.deltaC + fr.deltaB, k);
      assert.ok(fr.deltaB <= o.f);
      assert.equal(fr.neighbours.length, k);
      if (fr.zeta !== null) {
        assert.ok(fr.zeta < o.n - o.f && !fr.neighbours.includes(fr.zeta) && fr.zeta !== fr.iStar);
        const far = d2(fr.points[fr.iStar], fr.points[fr.zeta]);
        assert.ok(fr.neighbours.every((j) => d2(fr.points[fr.iStar], fr.points[j]) <= far));
      }
    }
  });

  test('far away the Byzantine vectors are never selected; the figure has one slider step per frame; same seed, same frames', () => {
    const last = frames[frames.length - 1];
    assert.ok(last.selected.every((i) => i < o.n - o.f), 'at the largest distance no Byzantine vector is selected');
    const fig = neighbourhoodFigure(o);
    const sliders = (fig.layout as { sliders: { steps: unknown[] }[] }).sliders;
    assert.equal(sliders[0].steps.length, frames.length);
    assert.deepEqual(neighbourhoodFrames(o), { byzantine: [7, 8], frames });
  });
});

describe('the mechanisms of notebooks 03 and 05', () => {
  test('moments: a far Byzantine vector is never selected, and E‖MK‖²/E‖G‖² stays O(1) while ‖B‖²/E‖G‖² grows by 10^6', () => {
    const { rows } = momentSweep({ n: 11, f: 2, d: 10, seed: 1, trials: 20, distances: [0, 1000] });
    const far = rows[1];
    assert.equal(far.selected, 0);
    assert.equal(far.reach, 0);
    // ‖g‖² = d and E‖G‖² = 2d here, so a rule that ignores B has ratio ≈ 1/2; one that averaged B in would be ≈ (1000² d)/(2d m) ≈ 10^5.
    assert.ok(far.ratio > 0.3 && far.ratio < 1, `ratio ${far.ratio}`);
    assert.ok(rows[0].selected > 0, 'on top of g the Byzantine vector is selected in some trial');
  });

  test('slowdown: averaging has error dσ²/n (n·err within 10 %, about 4.5 standard errors at 200 trials, d = 20) and MULTI-KRUM more, of order dσ²/m̃', () => {
    for (const r of slowdownVariance({ ns: [7, 19], d: 20, trials: 200, seed: 3 })) {
      const avg = r.n * r.mse['average'];
      const mk = r.mTilde * r.mse['multi-krum'];
      assert.ok(avg > 0.9 && avg < 1.1, `n = ${r.n}: n·err(avg) = ${avg}`);
      assert.ok(r.mse['multi-krum'] > r.mse['average'], 'MULTI-KRUM averages fewer vectors');
      assert.ok(mk > 0.9 && mk < 2, `n = ${r.n}: m̃·err(MK) = ${mk}`);
    }
  });
});

// ---------------------------------------------------------------- readable evidence

/** A bound result with `settings` × `attacks` rows; the row (s, a) has tightness (s + 1)·(a + 1)/100, and one NaN row. */
function bigBound(settings: number, attacks: string[]): CheckResult {
  const rows: (string | number)[][] = [];
  for (let s = 0; s < settings; s++) attacks.forEach((a, i) => rows.push([`setting-${s}`, a, ((s + 1) * (i + 1)) / 100, ((s + 1) * (i + 1)) / 110, ((s + 1) * (i + 1)) / 90]));
  rows[3][2] = 'NaN';
  return {
    claimId: 'L1', check: 'monte-carlo', reading: 'as-derived', method: 'monte-carlo', verdict: 'holds', expected: 'holds', summary: 's', seed: 1, runs: 1,
    table: { columns: ['setting', 'attack', 'tightness', 'lo', 'hi'], rows },
  };
}

describe('large evidence stays readable', () => {
  const attacks = ['gaussian', 'alie', 'ipm'];

  test(`above ${ROW_LIMIT} rows the figure has one row per attack: its worst setting with the interval, and every setting as a dot`, () => {
    const fig = evidenceFigure(bigBound(20, attacks))!;
    const layout = fig.layout as { yaxis: { categoryarray: string[] } };
    assert.deepEqual(layout.yaxis.categoryarray, attacks, 'the y axis carries the attacks, not 60 setting labels');
    attacks.forEach((a, i) => {
      const worst = fig.data.find((t) => t.name === a) as { x: number[]; text: string[] };
      assert.deepEqual(worst.x, [(20 * (i + 1)) / 100]);
      assert.equal(worst.text[0], 'worst: setting-19');
      const dots = fig.data.find((t) => t.name === `${a}: every setting`) as { x: number[] };
      assert.equal(dots.x.length, a === 'gaussian' ? 19 : 20, 'every finite row is a dot (the NaN row of gaussian is left out)');
    });
    const small = evidenceFigure(bigBound(2, attacks))!;
    assert.equal((small.layout as { yaxis: { categoryarray: string[] } }).yaxis.categoryarray.length, 5, 'a small table keeps one row per finite (setting, attack) row: 6 less the NaN one');
  });

  test('a long evidence table shows its worst rows first (a NaN ratio counts as the worst), and every row behind a fold', () => {
    const r = bigBound(20, attacks);
    const html = evidenceTableHtml(r.table!.columns, r.table!.rows);
    const [head, fold] = html.split('<details>');
    assert.match(head, /The 5 rows closest to the bound.*of 60/);
    const firstRows = [...head.matchAll(/<tr><td>([^<]*)<\/td><td>([^<]*)<\/td>/g)].map((m) => `${m[1]}|${m[2]}`);
    assert.deepEqual(firstRows, ['setting-1|gaussian', 'setting-19|ipm', 'setting-18|ipm', 'setting-17|ipm', 'setting-16|ipm'], 'row 3 (NaN) first, then the largest ratios');
    assert.equal((fold.match(/<tr>/g) ?? []).length, 61, 'all 60 rows and the header behind the fold');
    assert.doesNotMatch(evidenceTableHtml(['a'], [[1], [2]]), /<details>/, 'a short table is shown in full');
  });

  test('rules side by side: one row per rule with its verdict and worst row', () => {
    const report = (verdict: 'holds' | 'fails', est: number): BoundReport => {
      const row = { setting: 'n=7,f=2', attack: 'alie', trials: 24, measured: { estimate: est, lo: est, hi: est, level: 0.99, method: 'm' }, bound: 1, tightness: { estimate: est, lo: est * 0.9, hi: est * 1.1, level: 0.99, method: 'm' } };
      return { verdict, level: 0.99, familyLevel: 0.95, seed: 1, trialsPerSetting: 24, trials: 24, rows: [row], worst: row, closestAttack: 'alie', skipped: [], region: '' };
    };
    const html = boundComparisonHtml('t', [{ rule: 'MINE', bound: 'η = 1', report: report('fails', 3) }, { rule: 'MULTI-KRUM', bound: 'η as derived', report: report('holds', 0.1) }]);
    assert.match(html, /MINE<\/strong><\/td><td>η = 1<\/td><td><span class="aw-verdict aw-fails/);
    assert.match(html, /MULTI-KRUM<\/strong><\/td><td>η as derived<\/td><td><span class="aw-verdict aw-holds/);
    assert.equal((html.match(/<details>/g) ?? []).length, 2);
  });
});
