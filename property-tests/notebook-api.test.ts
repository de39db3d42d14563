/**
 * The notebook-facing API without a kernel, and the notebooks as documents:
 *
 * - claimHtml / resultHtml render what a check found (statement, hypotheses,
 *   readings, verdict against expectation, interval, counterexample with its
 *   replay call, repair, table, figures), escape what they are given, and say
 *   "not checked" rather than invent a verdict;
 * - contextOf / selectChecks turn `show`'s options into a CheckContext and a
 *   partition of the registry's checks;
 * - sliderFigure shows exactly one frame per slider step;
 * - every erratum counterexample replays from its seed and path;
 * - every claim id of the registry is a `## <id> — …` heading in exactly one
 *   notebook, 07 has a section for every erratum, and notebook code cells
 *   hold no logic beyond calling lib/ (no function declarations, no arrow
 *   function with a body longer than a few lines, imports from ../dist/lib only).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { ALL_CHECKS, checksFor, claim, claims } from '../lib/claims/registry';
import type { CheckResult } from '../lib/claims/types';
import { AdmissibilityError } from '../lib/errors';
import { CATALOGUE_RULE_NAMES } from '../lib/rules/index';
import { angleConditionFrames } from '../lib/notebook/anglePicture';
import { conePictureFrames } from '../lib/notebook/conePicture';
import { errataClaims, isErratumCheck, replay, replayHtml, specOf } from '../lib/notebook/errata';
import { evidenceFigure } from '../lib/notebook/evidenceFigure';
import { multiKrumSelectionFrames } from '../lib/notebook/multiKrumFrames';
import { claimHtml, contextOf, runClaim, selectChecks } from '../lib/notebook/show';
import { sliderFigure } from '../lib/notebook/sliderFigure';

const ROOT = path.resolve(__dirname, '..', '..');
const NOTEBOOKS = path.join(ROOT, 'notebooks');

// ---------------------------------------------------------------- fixtures

/** A result of the shape the deterministic checks write when a claim fails as printed. */
function failingResult(overrides: Partial<CheckResult> = {}): CheckResult {
  return {
    claimId: 'L1.8', check: 'sum-equals-eta-printed', reading: 'as-printed', method: 'exact', verdict: 'fails', expected: 'fails',
    summary: 'η² as printed differs from the sum: fails', seed: 42, runs: 3, runsLabel: 'fast-check runs (quick mode), seed 42',
    counterexample: { text: 'n=5 f=1 m=2: derived bound 18 ≠ η² as printed 13', value: { n: 5, f: 1, m: 2 }, seed: 42, path: '0:1' },
    repair: { statement: 'η as derived', verdict: 'holds', runs: 400, seed: 43, summary: 'no counterexample in 400 runs' },
    table: { columns: ['n', 'f', 'η²'], rows: [[5, 1, 18]] },
    ...overrides,
  };
}

/** A Monte Carlo bound result with a two-row evidence table. */
function boundResult(): CheckResult {
  return {
    claimId: 'L1', check: 'monte-carlo', reading: 'as-derived', method: 'monte-carlo', verdict: 'holds', expected: 'holds',
    summary: 'within the bound', seed: 1, runs: 320,
    tightness: { estimate: 0.05, lo: 0.04, hi: 0.06, level: 0.9975, method: 'CLT' },
    table: {
      columns: ['setting', 'attack', 'trials', 'measured', 'bound', 'tightness', 'lo', 'hi'],
      rows: [['n=7,f=2', 'alie', 160, 0.1, 2, 0.05, 0.04, 0.06], ['n=7,f=2', 'gaussian', 160, 0.02, 2, 0.01, 'NaN', 0.02]],
    },
  };
}

// ---------------------------------------------------------------- claimHtml

describe('claimHtml renders a claim and its results without a kernel', () => {
  test('statement, hypotheses, readings, verdict against expectation, counterexample with its replay call, repair, table', () => {
    const html = claimHtml(claim('L1.8'), [failingResult()]);
    assert.match(html, /data-claim="L1\.8"/);
    assert.match(html, /As printed\./);
    assert.match(html, /Hypotheses\./);
    for (const r of claim('L1.8').readings) assert.ok(html.includes(`<code>${r.id}</code>`), `reading ${r.id} listed`);
    assert.match(html, /aw-fails/);
    assert.match(html, /expected <span class="aw-verdict aw-fails">fails<\/span>/);
    assert.match(html, /fc\.assert\(property, \{ seed: 42, path: '0:1' \}\)/);
    assert.match(html, /Repaired statement\./);
    assert.match(html, /<th>η²<\/th>/);
    assert.doesNotMatch(html, /surprise:/, 'a verdict equal to the expectation is no surprise');
  });

  test('a verdict that differs from the registry expectation is flagged as a surprise', () => {
    const html = claimHtml(claim('L1.8'), [failingResult({ verdict: 'holds' })]);
    assert.match(html, /a surprise/);
    assert.match(html, /aw-surprise/);
  });

  test('with no results it says the claim is not checked, never a verdict', () => {
    const html = claimHtml(claim('L2.1'), []);
    assert.match(html, /not checked/);
    assert.doesNotMatch(html, /aw-verdict aw-holds|aw-verdict aw-fails/);
  });

  test('a check that threw is shown as an error, with its message', () => {
    const html = claimHtml(claim('L1'), [], { errors: [{ check: 'monte-carlo', reading: 'as-printed', message: 'MULTI-KRUM needs n >= 2f + 3; got n = 6, f = 2' }] });
    assert.match(html, /aw-error/);
    assert.match(html, /got n = 6, f = 2/);
  });

  test('the parameters passed are evaluated against the claim hypotheses', () => {
    const inside = claimHtml(claim('L1.8'), [failingResult()], { params: { n: 11, f: 2 } });
    assert.match(inside, /the hypotheses hold/);
    const outside = claimHtml(claim('L1.8'), [failingResult()], { params: { n: 6, f: 2 } });
    assert.match(outside, /the hypotheses do not hold/);
  });

  test('text from results is escaped: no markup of its own gets through', () => {
    fc.assert(fc.property(fc.string({ maxLength: 30 }), fc.constantFrom('<script>alert(1)</script>', '<img src=x onerror=1>', '<b onclick="x">'), (s, hostile) => {
      const html = claimHtml(claim('L1.8'), [failingResult({ summary: s + hostile, check: hostile, counterexample: { text: hostile, value: hostile, seed: 1, path: hostile } })], { figures: false });
      return !html.includes(hostile);
    }), { numRuns: 50, seed: 7 });
  });

  test('a bound check gets its evidence table as a figure; non-finite cells are left out', () => {
    const fig = evidenceFigure(boundResult());
    assert.ok(fig);
    assert.deepEqual(fig.data.map((t) => t.name), ['alie'], 'the gaussian row has a NaN bound of its interval and is left out');
    const html = claimHtml(claim('L1'), [boundResult()]);
    assert.equal((html.match(/class="aggregathor-figure"/g) ?? []).length, 1);
    assert.equal(evidenceFigure(failingResult()), undefined, 'a table without tightness columns has no evidence figure');
  });
});

// ---------------------------------------------------------------- options

describe('show options', () => {
  test('contextOf splits run settings from check parameters', () => {
    const runKeys = new Set(['mode', 'seed', 'trials', 'checks', 'except']);
    fc.assert(fc.property(
      // each parameter with a value of its kind (a wrong name or kind is refused: tested in the issue 14 block below)
      fc.record({ n: fc.integer({ min: 0, max: 50 }), f: fc.integer({ min: 0, max: 50 }), m: fc.integer({ min: 0, max: 50 }), d: fc.integer({ min: 1, max: 50 }), attack: fc.constantFrom('alie', 'gaussian', 'ipm'), rule: fc.constantFrom('bulyan', 'median'), family: fc.constantFrom('gaussian', 'exponential'), sinAlpha: fc.double({ min: 0.01, max: 0.99, noNaN: true }) }, { requiredKeys: [] }),
      fc.constantFrom('quick', 'full'), fc.integer(), fc.option(fc.integer({ min: 1, max: 100 }), { nil: undefined }),
      (params, mode, seed, trials) => {
        const ctx = contextOf({ ...params, mode, seed, trials, checks: ['x'], except: ['y'] });
        assert.equal(ctx.mode, mode);
        assert.equal(ctx.seed, seed);
        assert.equal(ctx.trials, trials);
        assert.deepEqual(ctx.params ?? {}, { ...params });
        return Object.keys(ctx.params ?? {}).every((k) => !runKeys.has(k));
      }), { numRuns: 100, seed: 11 });
    assert.deepEqual(contextOf(), { mode: 'quick', seed: 1 });
  });

  test('contextOf takes any rule name of the catalogue, composites included, and refuses others in one line', () => {
    for (const rule of [...CATALOGUE_RULE_NAMES, 'nnm+multi-krum', 'bucketing+nnm+median']) assert.deepEqual(contextOf({ rule }).params, { rule });
    for (const rule of ['krumm', 'multi-krum+nnm', '']) {
      assert.throws(() => contextOf({ rule }), (e: Error) => e instanceof AdmissibilityError && /a rule among average, .*smea, optionally after pre-aggregators/.test(e.message) && !e.message.includes('\n'));
    }
  });

  test('contextOf refuses an unknown mode, a non-integer seed and a non-scalar parameter with the typed error', () => {
    assert.throws(() => contextOf({ mode: 'fast' }), AdmissibilityError);
    assert.throws(() => contextOf({ seed: 1.5 }), AdmissibilityError);
    assert.throws(() => contextOf({ trials: 0 }), AdmissibilityError);
    assert.throws(() => contextOf({ n: ['1'] as unknown as string }), AdmissibilityError);
  });

  test('selectChecks partitions a claim checks by name', () => {
    for (const c of claims()) {
      const all = checksFor(c.id);
      const names = [...new Set(all.map((k) => k.name))];
      fc.assert(fc.property(fc.subarray(names), fc.subarray(names), (only, except) => {
        const { run, skipped } = selectChecks(c.id, { checks: only, except });
        assert.equal(run.length + skipped.length, all.length);
        return run.every((k) => only.includes(k.name) && !except.includes(k.name)) && skipped.every((k) => !run.includes(k));
      }), { numRuns: 20, seed: 3 });
    }
  });

  test('runClaim with an unknown claim id throws the registry one-line error', async () => {
    await assert.rejects(runClaim('L9'), AdmissibilityError);
  });
});

// ---------------------------------------------------------------- figures

test('sliderFigure: step i shows exactly the traces of frame i', () => {
  fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 6 }), (sizes) => {
    const frames = sizes.map((k, i) => ({ label: `${i}`, data: Array.from({ length: k }, (_, j) => ({ type: 'scatter', name: `${i}/${j}`, x: [j], y: [i] })) }));
    const fig = sliderFigure('s', 'T', 'p', frames, {});
    assert.equal(fig.data.length, sizes.reduce((a, b) => a + b, 0));
    const steps = (fig.layout.sliders as { steps: { args: [{ visible: boolean[] }] }[] }[])[0].steps;
    assert.equal(steps.length, frames.length);
    return steps.every((s, i) => s.args[0].visible.every((v, t) => v === (fig.data[t].name as string).startsWith(`${i}/`)))
      && fig.data.every((t) => t.visible === (t.name as string).startsWith('0/'));
  }), { numRuns: 100, seed: 5 });
});

test('the tour frames: same seed, same frames; far away the Byzantine vectors are never selected', () => {
  const a = multiKrumSelectionFrames({ n: 11, f: 2, seed: 9 });
  assert.deepEqual(a, multiKrumSelectionFrames({ n: 11, f: 2, seed: 9 }));
  const far = a.frames[a.frames.length - 1];
  assert.equal(far.byzantineSelected, 0, `at distance ${far.distance} σ the Byzantine vectors should score worst`);
  for (const fr of a.frames) assert.equal(fr.selected.length, 11 - 2 - 2);
});

test('the cone picture frames are deterministic and the ball radius is sin α ‖g‖', () => {
  const o = { n: 7, f: 1, seed: 4, trials: 20, sinAlphas: [0.5], attacks: ['gaussian', 'sign-flip'] };
  const a = conePictureFrames(o);
  assert.deepEqual(a, conePictureFrames(o));
  assert.equal(a[0].radius, 0.5);
  for (const p of a[0].points) assert.ok(p.mean.every(Number.isFinite));
});

test('figure 2: cos(α + β) > 0 exactly when α + β < π/2', () => {
  fc.assert(fc.property(fc.double({ min: 0, max: 1.5, noNaN: true }), fc.double({ min: 0, max: 1.5, noNaN: true }), (alpha, beta) => {
    const [fr] = angleConditionFrames(beta, [alpha]);
    return Math.abs(alpha + beta - Math.PI / 2) < 1e-12 || (fr.cosine > 0) === (alpha + beta < Math.PI / 2);
  }), { numRuns: 200, seed: 2 });
});

// ---------------------------------------------------------------- errata

describe('errata', () => {
  test('an erratum is an expected failure under a paper reading; broken hypotheses are not errata', () => {
    const listed = new Set(errataClaims().flatMap((c) => c.checks.map((n) => `${c.id}/${n}`)));
    for (const k of ALL_CHECKS) {
      if (isErratumCheck(k)) assert.ok(listed.has(`${k.claimId}/${k.name}`), `${k.claimId}/${k.name} missing from errataClaims()`);
      if (k.expected === 'holds') assert.equal(isErratumCheck(k), false);
    }
    assert.ok(!errataClaims().some((c) => c.id === 'L2'), 'L2 fails only when its hypotheses are broken on purpose');
  });

  test('every failing property check of an erratum replays from its seed and path, at the recorded case', async () => {
    let replayed = 0;
    for (const e of errataClaims()) {
      const deterministic = checksFor(e.id).filter((k) => isErratumCheck(k) && (k.method === 'property' || k.method === 'exact'));
      for (const k of deterministic) {
        const r = await k.run({ mode: 'quick', seed: 1 });
        if (!r.counterexample || !specOf(r)) continue;
        const o = replay(r);
        assert.ok(o.reproduced, `${e.id} ${k.name} [${k.reading}] did not fail again on replay`);
        assert.ok(o.sameAsRecorded, `${e.id} ${k.name} [${k.reading}] replayed to ${o.text}, recorded ${r.counterexample.text}`);
        assert.match(replayHtml(o), /data-reproduced="true"/);
        replayed++;
      }
    }
    assert.ok(replayed >= 5, `only ${replayed} counterexamples replayed`);
  });

  test('replay refuses a result without a fast-check counterexample', () => {
    assert.throws(() => replay(boundResult()), /no fast-check counterexample/);
  });
});

// ---------------------------------------------------------------- notebooks as documents

interface Cell { cell_type: string; source: string | string[] }
function notebooks(): { name: string; cells: { type: string; text: string }[] }[] {
  return readdirSync(NOTEBOOKS).filter((f) => f.endsWith('.ipynb')).sort().map((name) => {
    const nb = JSON.parse(readFileSync(path.join(NOTEBOOKS, name), 'utf8')) as { cells: Cell[] };
    return { name, cells: nb.cells.map((c) => ({ type: c.cell_type, text: Array.isArray(c.source) ? c.source.join('') : c.source })) };
  });
}

/** Claim ids that head a `## <id> — …` section in a notebook. */
function sectionIds(cells: { type: string; text: string }[]): string[] {
  return cells.filter((c) => c.type === 'markdown').flatMap((c) => [...c.text.matchAll(/^## (\S+) — /gm)].map((m) => m[1]));
}

/** The longest body, in lines, of an arrow function with a block body in some code. */
function longestArrowBody(code: string): number {
  let longest = 0;
  for (const m of code.matchAll(/=>\s*\{/g)) {
    let depth = 0;
    let i = m.index! + m[0].length - 1;
    const start = i;
    for (; i < code.length; i++) {
      if (code[i] === '{') depth++;
      else if (code[i] === '}' && --depth === 0) break;
    }
    longest = Math.max(longest, code.slice(start, i).split('\n').length - 1);
  }
  return longest;
}

describe('the notebooks', () => {
  const all = notebooks();

  test('there are the nine notebooks of the issue, 00 to 08, 09 for a rule of your own, and 10 for the robustness coefficients', () => {
    assert.deepEqual(all.map((n) => n.name.slice(0, 2)), ['00', '01', '02', '03', '04', '05', '06', '07', '08', '09', '10']);
  });

  test('10 heads a section for each robustness claim R1–R4 and draws the Lemma 1 against κ̂ figure and the atlas', () => {
    const ten = all.find((n) => n.name.startsWith('10'))!;
    assert.deepEqual(sectionIds(ten.cells), ['R1', 'R2', 'R3', 'R4']);
    const code = ten.cells.filter((c) => c.type === 'code').map((c) => c.text).join('\n');
    for (const call of ['witnessHtml(', 'lemmaAgainstKappaFigure(', 'notebookAtlas(', 'atlasFigure(']) assert.ok(code.includes(call), `10 lacks ${call}`);
  });

  test('every claim id of the registry heads a section in exactly one notebook, and no heading names an unknown id', () => {
    const known = new Set(claims().map((c) => c.id));
    for (const c of claims()) {
      const where = all.filter((n) => sectionIds(n.cells).includes(c.id)).map((n) => n.name);
      assert.equal(where.length, 1, `claim ${c.id} heads a section in ${where.length} notebooks (${where.join(', ')})`);
    }
    for (const n of all) for (const id of sectionIds(n.cells)) assert.ok(known.has(id), `${n.name}: heading names unknown claim id ${id}`);
  });

  test('each claim section runs that claim: its heading is followed by a code cell calling show(<id>)', () => {
    for (const n of all) {
      n.cells.forEach((c, i) => {
        const id = c.type === 'markdown' ? /^## (\S+) — /m.exec(c.text)?.[1] : undefined;
        if (!id) return;
        const next = n.cells.slice(i + 1).find((x) => x.type === 'code' && /show\(/.test(x.text));
        assert.ok(next && next.text.includes(`show('${id}'`), `${n.name}: section ${id} has no show('${id}', …) cell after it`);
      });
    }
  });

  test('07 has a showErratum section for every claim that fails as printed', () => {
    const errata = all.find((n) => n.name.startsWith('07'))!;
    const code = errata.cells.filter((c) => c.type === 'code').map((c) => c.text).join('\n');
    for (const e of errataClaims()) assert.ok(code.includes(`showErratum('${e.id}'`), `07 lacks showErratum('${e.id}', …)`);
  });

  test('claim notebooks have a visible settings cell with quick settings', () => {
    for (const n of all.filter((x) => !x.name.startsWith('00'))) {
      assert.ok(n.cells.some((c) => c.type === 'code' && /const settings = \{ mode: 'quick', seed: \d+ \}/.test(c.text)), `${n.name}: no settings cell`);
    }
  });

  test('notebooks hold no logic of their own: imports from ../dist/lib only, no function declarations, no long function bodies', () => {
    for (const n of all) {
      for (const c of n.cells.filter((x) => x.type === 'code')) {
        for (const m of c.text.matchAll(/from\s+'([^']+)'/g)) assert.ok(['../dist/lib', 'fast-check'].includes(m[1]) || m[1].startsWith('../dist/lib/'), `${n.name}: imports ${m[1]}`);
        assert.doesNotMatch(c.text, /\bfunction\b|\bclass\b/, `${n.name}: a function or class declared in a cell:\n${c.text}`);
        assert.ok(longestArrowBody(c.text) <= 4, `${n.name}: an arrow function body longer than 4 lines:\n${c.text}`);
      }
    }
  });
});

describe('issue 14: mistakes in the notebook API are one clear sentence, and the output says which parameters each check used', () => {
  const oneSentence = async (id: string, options: Record<string, unknown>, pattern: RegExp) => {
    await assert.rejects(runClaim(id, options as never), (e: Error) => {
      assert.doesNotMatch(e.message, /Cannot read properties|undefined \(reading/, e.message);
      assert.match(e.message, pattern);
      assert.equal(e.message.split('\n').length, 1);
      return true;
    });
  };
  test('an inadmissible setting names the condition and the values', () => oneSentence('L1.8', { n: 4, f: 1 }, /needs n >= 2f \+ 3 .*got n = 4, f = 1/));
  test('n without f is refused', () => oneSentence('L1.8', { n: 9 }, /needs n and f together/));
  test('an attack name typo lists the attacks', () => oneSentence('L1.8', { attack: 'alei' }, /an attack among .*alie.*; got attack = alei/));
  test('a noise family typo lists the families', () => oneSentence('L1.8', { family: 'cauchy' }, /a noise family among gaussian, student-t3, exponential(, [a-z0-9-]+)*; got family = cauchy/));
  test('an unknown key is refused, not ignored', () => oneSentence('L1.9', { bogus: 3 }, /options among .*; got option = bogus/));
  test('claimHtml lists, per check, the parameters it read and those it did not', () => {
    const c = claim('L1.9');
    const html = claimHtml(c, [], { params: { n: 11, f: 2 }, used: [{ check: 'a', reading: 'as-printed', params: ['n'] }, { check: 'b', reading: 'as-printed', params: [] }] });
    assert.match(html, /Parameters used\..*<code>a<\/code> \[as-printed\]: n; not used: f.*<code>b<\/code> \[as-printed\]: none \(it ran its own grid\)/);
  });
});
