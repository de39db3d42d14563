/**
 * A small claim registry for the CLI tests (loaded through the
 * AGGREGATHOR_REGISTRY environment variable), so that the program's
 * behaviour — exit status, surprises, report files, figures, determinism
 * across --jobs — is tested on known checks whatever state the workbook's
 * own registry is in. Its checks do real, seeded work (Monte Carlo means of
 * MULTI-KRUM outputs), so a worker that mis-seeds or reorders shows up.
 */
import type { CheckResult, Claim, ClaimCheck, CheckContext } from '../lib/claims/types';
import { etaSquared } from '../lib/constants/eta';
import { streamFor } from '../lib/random/stream';
import { sampleAround } from '../lib/random/distributions';
import { multiKrum } from '../lib/rules/krum';
import { squaredDistance } from '../lib/vectors';
import { chunks, defineUnit } from '../lib/parallel/units';

/** Label text that would break a page that embeds figure data carelessly; the browser test looks for it verbatim in the legend. */
export const HOSTILE = '</script><script>throw new Error("escaped")</script> & <!-- η ≤ √d';

const always = { text: 'none', holds: () => true };

export const CLAIMS: Claim[] = [
  { id: 'X1', group: 'eta', title: 'MULTI-KRUM stays within $\\eta \\sqrt{d} \\sigma$ of $g$', statement: '$\\|\\mathbb{E}\\,MK - g\\|^2 \\le \\eta^2(n, f) d \\sigma^2$ with no Byzantine input.', kind: 'expectation', hypotheses: always, readings: [{ id: 'as-derived', description: 'denominator $n - 2f - 2$' }], source: 'fixture', cites: ['blanchard2017krum'] },
  { id: 'X2', group: 'eta', title: 'A false bound', statement: '$\\|MK - g\\|^2 \\le \\frac{\\sigma^2}{100}$ always.', kind: 'deterministic', hypotheses: always, readings: [{ id: 'as-printed', description: 'as printed' }], source: 'fixture', cites: [] },
  { id: 'X3', group: 'cone', title: 'A claim with no check', statement: `Nothing is registered for it; its text carries ${HOSTILE}.`, kind: 'definition', hypotheses: always, readings: [], source: 'fixture', cites: [] },
];

interface ErrorChunk { seed: number; n: number; f: number; label: string; from: number; to: number }

/** ‖MK − g‖² for trials from … to − 1 (d = 5, σ = 1): a unit of work, so the pool's unit path (chunks, sharing, shipping) is exercised. */
const squaredErrors = defineUnit<ErrorChunk, number[]>('fixture-squared-errors', ({ seed, n, f, label, from, to }) => {
  const g = new Float64Array(5).fill(1);
  const values: number[] = [];
  for (let t = from; t < to; t++) {
    const s = streamFor(seed, 'fixture', label, n, t);
    const vs = Array.from({ length: n }, (_, i) => sampleAround(g, 1, 'gaussian', s.split('worker', i)));
    values.push(squaredDistance(multiKrum(vs, { f }).aggregate, g));
  }
  return values;
}, (c) => (c.to - c.from) * 1e-5);

/** A unit that always throws: the check that asks for it must report the error (the pool computes it first and fails). */
const brokenUnit = defineUnit<{ why: string }, number>('fixture-broken', ({ why }) => { throw new Error(why); }, () => 0.001);

const errorChunks = (ctx: CheckContext, n: number, f: number, label: string): ErrorChunk[] =>
  chunks(ctx.trials ?? (ctx.mode === 'full' ? 400 : 100), 30).map(([from, to]) => ({ seed: ctx.seed, n, f, label, from, to }));

/** Mean over trials of ‖MK − g‖² for n correct Gaussian vectors around g (d = 5, σ = 1). */
function meanSquaredError(ctx: CheckContext, n: number, f: number, label: string): { mean: number; se: number; trials: number } {
  const values = errorChunks(ctx, n, f, label).flatMap((c) => squaredErrors.get(c));
  const trials = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / trials;
  const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (trials - 1));
  return { mean, se: sd / Math.sqrt(trials), trials };
}

function boundCheck(ctx: CheckContext): CheckResult {
  const ns = [7, 9, 11];
  const rows = ns.map((n) => ({ n, ...meanSquaredError(ctx, n, 1, 'X1'), bound: etaSquared(n, 1, n - 3, 'as-derived') * 5 }));
  const worst = rows.reduce((a, b) => (a.mean / a.bound > b.mean / b.bound ? a : b));
  const ratio = worst.mean / worst.bound;
  return {
    claimId: 'X1', check: 'monte-carlo', reading: 'as-derived', method: 'monte-carlo', verdict: worst.mean + 3 * worst.se <= worst.bound ? 'holds' : 'fails', expected: 'holds',
    summary: `E‖MK − g‖² ≤ η² d σ² at n = ${ns.join(', ')}`, seed: ctx.seed, runs: rows.reduce((a, r) => a + r.trials, 0), runsLabel: 'trials',
    tightness: { estimate: ratio, lo: (worst.mean - 3 * worst.se) / worst.bound, hi: (worst.mean + 3 * worst.se) / worst.bound, level: 0.997, method: 'normal ±3 SE' },
    table: { columns: ['n', 'E‖MK − g‖²', 'bound'], rows: rows.map((r) => [r.n, r.mean, r.bound]) },
    series: [
      { name: 'measured', xLabel: 'n (workers)', yLabel: 'E‖MK − g‖²', x: ns, y: rows.map((r) => r.mean), lo: rows.map((r) => r.mean - 3 * r.se), hi: rows.map((r) => r.mean + 3 * r.se) },
      { name: 'η² d σ² (as-derived)', xLabel: 'n (workers)', yLabel: 'E‖MK − g‖²', x: ns, y: rows.map((r) => r.bound) },
    ],
  };
}

function falseBoundCheck(ctx: CheckContext): CheckResult {
  const { mean } = meanSquaredError(ctx, 7, 1, 'X2');
  return {
    claimId: 'X2', check: 'pointwise', reading: 'as-printed', method: 'property', verdict: mean > 0.01 ? 'fails' : 'holds', expected: 'fails',
    summary: 'the bound σ²/100 is far below the mean squared error', seed: ctx.seed, runs: 1,
    counterexample: { text: `n = 7, f = 1, d = 5: ‖MK − g‖² averages ${mean.toFixed(3)} > 0.01`, value: { n: 7, f: 1, mean }, seed: ctx.seed, path: '0' },
    repair: { statement: '$\\|MK - g\\|^2 \\le \\eta^2 d \\sigma^2$', verdict: 'holds', runs: 1, seed: ctx.seed, summary: 'see X1' },
    figures: [{ id: 'bar', title: 'Mean squared error against the false bound', data: [{ type: 'bar', x: ['E‖MK − g‖²', 'σ²/100'], y: [mean, 0.01], name: HOSTILE }], layout: { title: { text: 'X2' }, showlegend: true, yaxis: { title: { text: 'squared distance' } } } }],
  };
}

export const ALL_CHECKS: ClaimCheck[] = [
  { claimId: 'X1', name: 'monte-carlo', reading: 'as-derived', method: 'monte-carlo', expected: 'holds', cost: 0.2, run: boundCheck, units: (ctx) => [7, 9, 11].flatMap((n) => errorChunks(ctx, n, 1, 'X1').map((c) => squaredErrors.call(c))) },
  { claimId: 'X2', name: 'pointwise', reading: 'as-printed', method: 'property', expected: 'fails', cost: 0.1, run: falseBoundCheck, units: (ctx) => errorChunks(ctx, 7, 1, 'X2').map((c) => squaredErrors.call(c)) },
  { claimId: 'X2', name: 'throws', reading: 'as-printed', method: 'property', expected: 'holds', cost: 0.01, run: () => { brokenUnit.get({ why: 'deliberately broken check' }); throw new Error('unreachable: the unit throws'); }, units: () => [brokenUnit.call({ why: 'deliberately broken check' })] },
];

export function claims(): readonly Claim[] {
  return CLAIMS;
}
