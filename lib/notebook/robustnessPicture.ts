/**
 * Notebook 10 (robustness coefficients): the pieces a notebook cell calls,
 * with no logic of the notebook's own.
 *
 * - {@link witnessHtml}: a witness shown in full and replayed exactly on
 *   screen — inputs (honest and Byzantine), the rule's output, x̄_S, the two
 *   squared norms of the ratio and the ratio itself, every number an exact
 *   fraction computed from the float64 inputs with no rounding;
 * - {@link witnessFigure}: the same witness drawn (d = 1 or 2);
 * - {@link lemmaAgainstKappa} and {@link lemmaAgainstKappaFigure}: the two
 *   notions of robustness for MULTI-KRUM on the same settings, in one figure
 *   (see the function's comment for the relation between them);
 * - {@link notebookAtlas}: the rule atlas from R1's searches in the
 *   notebook's own kernel (the other columns say what was not run here).
 */
import type { Fraction } from 'mathjs' with { 'resolution-mode': 'import' };
import { claim as claimById } from '../claims/registry';
import type { FigureSpec } from '../claims/types';
import { eta } from '../constants/eta';
import { requireInteger, requireThat } from '../errors';
import { colour, paperLayout } from '../figures/layout';
import { checkResilience } from '../montecarlo/bounds';
import type { McSetting } from '../montecarlo/settings';
import { buildAtlas, type Atlas } from '../report/atlas';
import { describeEnvironment } from '../report/environment';
import { escapeHtml } from '../report/miniMarkdown';
import { buildModel } from '../report/model';
import { exactMean, exactRatio, exactSquaredDistance, exactVectors, fractionToNumber } from '../robustness/exactRatio';
import { exactRuleOutput } from '../robustness/exactRules';
import { searchWorstInput } from '../robustness/search';
import { floatOutput, replayWitness, type Witness } from '../robustness/witness';
import type { RuleParameters } from '../rules/catalogue';
import { makeGar } from '../rules/catalogue';
import { displayName } from '../rules/index';
import { runClaim, type ShowOptions } from './show';

/** A fraction as text: the integer, or p/q cut to `max` characters with its decimal value. */
function fractionText(q: Fraction, max = 28): string {
  const t = q.toFraction();
  const v = fractionToNumber(q);
  return t.length <= max ? t : `${t.slice(0, max)}… (≈ ${Number(v.toPrecision(8))})`;
}

/**
 * A witness replayed exactly, as HTML: each input with its role, then
 * F(x), x̄_S, ‖F(x) − x̄_S‖², the honest variance and their ratio as exact
 * fractions (the float64 inputs are dyadic rationals, so nothing is rounded),
 * and whether the ratio is the one the search claimed.
 *
 * @example showHtml(witnessHtml(searchWorstInput('median', { n: 5, f: 1, d: 1 }, { seed: 1, budget: 300 }).witness))
 */
export function witnessHtml(w: Witness): string {
  const replay = replayWitness(w);
  const inputs = exactVectors(w.inputs);
  const exact = exactRuleOutput(w.rule, inputs, w.f, (w.params ?? {}) as RuleParameters);
  const output = exact ?? exactVectors([floatOutput(w)])[0];
  const honestRows = w.honest.map((i) => inputs[i]);
  const mean = exactMean(honestRows);
  let variance = exactSquaredDistance(honestRows[0], mean).mul(0);
  for (const r of honestRows) variance = variance.add(exactSquaredDistance(r, mean));
  variance = variance.div(honestRows.length);
  const distance = exactSquaredDistance(output, mean);
  const ratio = exactRatio(inputs, w.honest, output);
  const honest = new Set(w.honest);
  const vec = (v: readonly Fraction[]) => `(${v.map((x) => escapeHtml(fractionText(x, 16))).join(', ')})`;
  const rows = w.inputs.map((x, i) => `<tr><td>${i}</td><td>${honest.has(i) ? 'honest (in S)' : '<strong>Byzantine</strong>'}</td><td><code>${escapeHtml(x.map((c) => String(c)).join(', '))}</code></td></tr>`).join('');
  const agrees = replay.text === ratio.text;
  return [
    '<div class="aw-witness" style="font-family: Georgia, serif; max-width: 1000px">',
    `<p><strong>${escapeHtml(displayName(w.rule))}</strong>, n = ${w.n}, f = ${w.f}, d = ${w.d}; honest set S = {${w.honest.join(', ')}}.</p>`,
    `<details><summary>The ${w.n} inputs (float64, exactly as stored)</summary><table><thead><tr><th>i</th><th>role</th><th>x_i</th></tr></thead><tbody>${rows}</tbody></table></details>`,
    '<table><tbody>',
    `<tr><td>F(x) (${exact ? 'exact rational arithmetic' : 'the implementation\'s float output, taken exactly'})</td><td><code>${vec(output)}</code></td></tr>`,
    `<tr><td>x̄_S, the honest mean</td><td><code>${vec(mean)}</code></td></tr>`,
    `<tr><td>‖F(x) − x̄_S‖²</td><td><code>${escapeHtml(fractionText(distance))}</code></td></tr>`,
    `<tr><td>(1/|S|) Σ_{i∈S} ‖x_i − x̄_S‖²</td><td><code>${escapeHtml(fractionText(variance))}</code></td></tr>`,
    `<tr><td><strong>ratio</strong></td><td><code>${escapeHtml(ratio.text.length > 60 ? `${ratio.text.slice(0, 60)}…` : ratio.text)}</code> ≈ <strong>${escapeHtml(String(Number(ratio.value.toPrecision(10))))}</strong></td></tr>`,
    '</tbody></table>',
    `<p class="aw-meta">replayWitness: ${escapeHtml(replay.certificate)} certificate, ${agrees ? 'the same fraction' : '<strong>a different fraction</strong>'}; the search's float ratio was ${escapeHtml(String(w.claimedRatio))} (relative difference ${escapeHtml(replay.relativeDifference.toExponential(2))}).</p>`,
    '</div>',
  ].join('\n');
}

/** A witness drawn: honest and Byzantine inputs, F(x) and x̄_S (d = 1 on a line, d = 2 in the plane; higher d: the first two coordinates). */
export function witnessFigure(w: Witness): FigureSpec {
  const out = Array.from(floatOutput(w));
  const honest = new Set(w.honest);
  const x = (v: readonly number[]) => v[0];
  const y = (v: readonly number[], i: number) => (w.d >= 2 ? v[1] : 0.1 * ((i % 5) - 2));
  const mean = exactMean(w.honest.map((i) => exactVectors([w.inputs[i]])[0])).map(fractionToNumber);
  const points = (keep: (i: number) => boolean) => w.inputs.map((v, i) => ({ v, i })).filter((p) => keep(p.i));
  const h = points((i) => honest.has(i)), b = points((i) => !honest.has(i));
  return {
    id: `witness-${w.rule}-${w.n}-${w.f}-${w.d}`,
    title: `${displayName(w.rule)}: a worst input found (n = ${w.n}, f = ${w.f}, d = ${w.d})`,
    data: [
      { type: 'scatter', mode: 'markers', name: 'honest inputs (S)', x: h.map((p) => x(p.v)), y: h.map((p) => y(p.v, p.i)), marker: { color: colour(0), size: 9 } },
      { type: 'scatter', mode: 'markers', name: 'Byzantine inputs', x: b.map((p) => x(p.v)), y: b.map((p) => y(p.v, p.i)), marker: { color: colour(1), size: 11, symbol: 'x' } },
      { type: 'scatter', mode: 'markers', name: 'x̄_S (honest mean)', x: [mean[0]], y: [w.d >= 2 ? mean[1] : 0], marker: { color: '#222', size: 12, symbol: 'cross' } },
      { type: 'scatter', mode: 'markers', name: 'F(x), the rule\'s output', x: [out[0]], y: [w.d >= 2 ? out[1] : 0], marker: { color: colour(2), size: 13, symbol: 'star' } },
    ],
    layout: paperLayout(`${displayName(w.rule)}: a worst input (n = ${w.n}, f = ${w.f})`, 'coordinate 1', w.d >= 2 ? 'coordinate 2' : '(spread for visibility)', w.d >= 2 ? { yaxis: { scaleanchor: 'x', title: { text: 'coordinate 2' }, showline: true, mirror: true, linecolor: '#222', ticks: 'outside' } } : {}),
  };
}

/** One setting of {@link lemmaAgainstKappa}: everything in units of d σ². */
export interface LemmaKappaRow {
  n: number;
  f: number;
  d: number;
  m: number;
  /** η² of Lemma 1 (as derived) at m = n − f − 2: its bound on ‖E MK − g‖² / (dσ²). */
  etaSquared: number;
  /** The largest measured ‖E MK − g‖² / (dσ²) over the attacks, with its interval and the attack. */
  measured: { estimate: number; lo: number; hi: number; attack: string };
  /** κ̂ of MULTI-KRUM at (n, f, d) (exact replay of a witness) and κ̂ (h − 1)/h, h = n − f. */
  kappaHat: number;
  kappaRoute: number;
  /** f/(n − 2f) · (h − 1)/h: what the (f, κ) route gives at best for any rule. */
  floor: number;
  witness: Witness;
}

/**
 * The two notions of robustness for MULTI-KRUM (m = k = n − f − 2) on the
 * same settings, in units of d σ² (honest gradients i.i.d. with mean g and
 * covariance σ² I, f Byzantine inputs chosen by any attack):
 *
 * - **Lemma 1, in expectation**: ‖E MK − g‖² ≤ η² d σ², η as derived (L1.8);
 *   the Monte Carlo of lib/montecarlo measures the left side under every
 *   attack of the registry's Lemma 1 checks.
 * - **(f, κ)-robustness, in the worst case**: ‖MK(x) − x̄_S‖² ≤ κ · var_S for
 *   every input. Taking expectations, with E x̄_S = g and Jensen,
 *   ‖E MK − g‖² ≤ E‖MK − x̄_S‖² ≤ κ E var_S = κ (h − 1)/h · d σ², h = n − f:
 *   the κ route gives Lemma 1's inequality with η² = κ (h − 1)/h. κ̂ ≤ κ, so
 *   κ̂ (h − 1)/h is a lower bound on the best constant that route can give,
 *   and f/(n − 2f) (h − 1)/h one for every rule.
 *
 * Where η² < κ̂ (h − 1)/h, Lemma 1 in expectation is stronger than anything
 * (f, κ)-robustness can yield for MULTI-KRUM there; the κ route, in return,
 * holds for every input (no i.i.d. honest gradients needed).
 *
 * @example lemmaAgainstKappa({ settings: [{ n: 7, f: 1, d: 2 }], seed: 1, trials: 64, budget: 600 })[0].etaSquared
 */
export function lemmaAgainstKappa(options: { settings: { n: number; f: number; d: number }[]; seed?: number; trials?: number; budget?: number; sinAlpha?: number }): LemmaKappaRow[] {
  const seed = options.seed ?? 1, trials = options.trials ?? 64, budget = options.budget ?? 600, sinAlpha = options.sinAlpha ?? 0.5;
  requireInteger('lemmaAgainstKappa', 'trials', trials, 20);
  requireThat(options.settings.length > 0, 'lemmaAgainstKappa', 'at least one setting', { settings: 0 });
  return options.settings.map(({ n, f, d }) => {
    requireThat(Number.isInteger(n) && Number.isInteger(f) && f >= 1 && n >= 2 * f + 3, 'lemmaAgainstKappa', 'integers f >= 1 and n >= 2f + 3 (MULTI-KRUM, Lemma 1)', { n, f });
    requireInteger('lemmaAgainstKappa', 'd', d, 1, 50);
    const m = n - f - 2, h = n - f;
    const e2 = eta(n, f, m, 'as-derived') ** 2;
    const setting: McSetting = { n, f, m, k: m, d, sinAlpha, family: 'gaussian', gNorm: 1 };
    const rep = checkResilience(makeGar('multi-krum', { m, k: m }), { mode: 'quick', seed, trials, settings: [setting], eta: (a, b, c) => eta(a, b, c, 'as-derived'), label: 'notebook-10' });
    const worst = rep.rows.filter((r) => Number.isFinite(r.tightness.estimate)).reduce((a, b) => (b.tightness.estimate > a.tightness.estimate ? b : a));
    const search = searchWorstInput('multi-krum', { n, f, d }, { seed, budget });
    return {
      n, f, d, m, etaSquared: e2,
      measured: { estimate: worst.tightness.estimate * e2, lo: worst.tightness.lo * e2, hi: worst.tightness.hi * e2, attack: worst.attack },
      kappaHat: search.kappaHat, kappaRoute: (search.kappaHat * (h - 1)) / h, floor: ((f / (n - 2 * f)) * (h - 1)) / h, witness: search.witness,
    };
  });
}

/** The figure of {@link lemmaAgainstKappa}: per setting, Lemma 1's η², the measured bias (strongest attack), κ̂ (h − 1)/h and the floor, on a log scale. */
export function lemmaAgainstKappaFigure(rows: readonly LemmaKappaRow[]): FigureSpec {
  const x = rows.map((r) => `(${r.n}, ${r.f}, ${r.d})`);
  return {
    id: 'lemma1-against-kappa',
    title: 'MULTI-KRUM: Lemma 1 in expectation against (f, κ)-robustness in the worst case',
    data: [
      { type: 'scatter', mode: 'lines+markers', name: 'η² (Lemma 1, as derived): bound on ‖E MK − g‖²/(dσ²)', x, y: rows.map((r) => r.etaSquared), marker: { color: colour(0), size: 9 }, line: { color: colour(0) } },
      {
        type: 'scatter', mode: 'markers', name: 'measured ‖E MK − g‖²/(dσ²), strongest attack', x, y: rows.map((r) => Math.max(r.measured.estimate, 1e-6)),
        error_y: { type: 'data', symmetric: false, array: rows.map((r) => Math.max(0, r.measured.hi - r.measured.estimate)), arrayminus: rows.map((r) => Math.max(0, r.measured.estimate - Math.max(r.measured.lo, 1e-6))) },
        text: rows.map((r) => r.measured.attack), marker: { color: colour(2), size: 9 },
      },
      { type: 'scatter', mode: 'lines+markers', name: 'κ̂ (h − 1)/h: the (f, κ) route, worst case (≤ its best constant)', x, y: rows.map((r) => r.kappaRoute), marker: { color: colour(1), size: 9, symbol: 'diamond' }, line: { color: colour(1), dash: 'dot' } },
      { type: 'scatter', mode: 'lines', name: 'f/(n − 2f) (h − 1)/h: no rule\'s κ route does better', x, y: rows.map((r) => r.floor), line: { color: '#222', dash: 'dash', width: 1 } },
    ],
    layout: paperLayout('MULTI-KRUM: Lemma 1 (expectation) against κ̂ · honest variance (worst case)', '(n, f, d), m = k = n − f − 2', 'in units of d σ² (log scale)', {
      yaxis: { type: 'log', title: { text: 'in units of d σ² (log scale)' }, showline: true, mirror: true, linecolor: '#222', ticks: 'outside', gridcolor: '#e6e6e6', automargin: true },
      height: 480,
    }),
  };
}

/** The rows of {@link lemmaAgainstKappa} as an HTML table. */
export function lemmaAgainstKappaHtml(rows: readonly LemmaKappaRow[]): string {
  const n4 = (x: number) => escapeHtml(String(Number(x.toPrecision(4))));
  const head = ['(n, f, d)', 'η² (Lemma 1)', 'measured ‖E MK − g‖²/(dσ²) [interval], attack', 'κ̂', 'κ̂ (h − 1)/h', 'f/(n − 2f) (h − 1)/h', 'η² < κ̂ (h − 1)/h'];
  return `<table><thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr><td>(${r.n}, ${r.f}, ${r.d})</td><td>${n4(r.etaSquared)}</td><td>${n4(r.measured.estimate)} [${n4(r.measured.lo)}, ${n4(r.measured.hi)}], ${escapeHtml(r.measured.attack)}</td><td>${n4(r.kappaHat)}</td><td>${n4(r.kappaRoute)}</td><td>${n4(r.floor)}</td><td>${r.etaSquared < r.kappaRoute ? 'yes: Lemma 1 is stronger here' : 'no'}</td></tr>`).join('')}</tbody></table>`;
}

/**
 * The rule atlas in a notebook: R1's every-rule check (its searches are
 * memoised in the kernel, so after `show('R1')` this costs only the atlas's
 * own searches), then {@link buildAtlas}. The columns fed by the checks a
 * notebook does not run (L1, D2, T2, T2.1, T1) say "not run here"; `npm
 * start` writes the full atlas into the report.
 */
export async function notebookAtlas(options: ShowOptions = {}): Promise<Atlas> {
  const results = await runClaim('R1', { ...options, checks: ['every-rule'] });
  const claims = [claimById('R1')];
  const model = buildModel({ claims, results, seed: options.seed ?? 1, mode: (options.mode as 'quick' | 'full' | undefined) ?? 'quick', environment: describeEnvironment() });
  return buildAtlas(model);
}
