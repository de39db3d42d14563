/**
 * Every figure the report and the notebooks draw reads on its own (issue
 * 14): a title, every axis a trace uses labelled (a title, or category /
 * tick labels that name what is plotted), and a legend wherever more than
 * one named trace is drawn. Checked on every figure producer over inputs
 * that reach each of their branches: the tightness overview with every kind
 * of quantity (each in its own panel, with the meaning of its reference
 * line), η against n, a check's series figures, and the proof-map graph.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CheckResult, FigureSpec } from '../lib/claims/types';
import { etaFigure } from '../lib/figures/etaFigure';
import { ATTACK_COLOUR, PALETTE, plotlyText, traceColours } from '../lib/figures/layout';
import { seriesFigure } from '../lib/figures/seriesFigure';
import { proofGraphFigure } from '../lib/figures/proofGraphFigure';
import { resultFigures } from '../lib/figures/resultFigures';
import { TIGHTNESS_PANELS, tightnessFigure, tightnessKind } from '../lib/figures/tightnessFigure';
import type { ProofMapReport } from '../lib/proof/report';
import { conePictureFigure } from '../lib/notebook/conePicture';
import { neighbourhoodFigure } from '../lib/notebook/neighbourhoodPicture';

const iv = (estimate: number, lo: number, hi: number, method: string) => ({ estimate, lo, hi, level: 0.99, method });
const result = (claimId: string, check: string, verdict: 'holds' | 'fails', tightness?: ReturnType<typeof iv>, extra: Partial<CheckResult> = {}): CheckResult =>
  ({ claimId, check, reading: 'as-printed', method: 'monte-carlo', verdict, expected: verdict, summary: '', seed: 1, runs: 1, region: 'n = 7', ...(tightness ? { tightness } : {}), ...extra });

/** One result of every kind the overview separates. */
const RESULTS: CheckResult[] = [
  result('L1', 'monte-carlo', 'holds', iv(0.05, 0.04, 0.06, 'squared bias from products of independent pairs')),
  result('L1.10', 'monte-carlo-inequality', 'holds', iv(0.2, 0.18, 0.22, 'ratio of means')),
  result('L1.10', 'monte-carlo-equality-m>1', 'fails', iv(1.7, 1.6, 1.8, 'ratio of means')),
  result('L1.3', 'monte-carlo-pair', 'holds', iv(1.02, 0.95, 1.1, 'mean')),
  result('L2.5', 'trajectory-angle', 'holds', iv(3.8, 3.8, 3.8, 'min over points of the Monte Carlo cosine / cos(α + β)')),
  result('T2', 'monte-carlo-strong', 'holds', iv(2, 1.6, 2.4, 'local fitted exponent / (−1/2)')),
  result('L1.2', 'monte-carlo-neighbour-bias', 'fails', iv(0.067, 0.045, 0.088, 'squared bias')),
  result('F1', 'monte-carlo-budget', 'holds', iv(0.78, 0.7, 0.86, 'KRUM budget at d = 3 / (√3 σ)'), {
    series: [
      { name: 'measured', xLabel: 'd (dimension)', yLabel: 'budget / σ', x: [3, 30, 300], y: [1.3, 4, 13], lo: [1.2, 3.8, 12], hi: [1.4, 4.2, 14] },
      { name: '√d', xLabel: 'd (dimension)', yLabel: 'budget / σ', x: [3, 30, 300], y: [1.7, 5.5, 17.3] },
    ],
  }),
];

const PROOF_MAP: ProofMapReport = {
  steps: (['holds', 'fails', 'unsupported', 'unchecked'] as const).map((standing, i) => ({
    id: `S${i}`, parent: null, location: { section: i < 2 ? 'Lemma 1, proof' : 'Lemma 2, proof', lines: [300 + 100 * i, 301 + 100 * i], where: 'here' }, kind: 'implication', printed: `step ${i}`,
    premises: i === 0 ? [] : [`S${i - 1}`], dependents: i === 3 ? [] : [`S${i + 1}`], readings: [], uncheckedBecause: null, standing, standingReading: 'as-printed', brokenPremises: standing === 'unsupported' ? ['S1'] : [], evidence: [],
  })),
  counts: { steps: 4, checks: 0, standings: { holds: 1, fails: 1, unsupported: 1, inconclusive: 0, unchecked: 1 }, bySection: [], surprises: 0 },
};

function assertReadable(f: FigureSpec): void {
  const layout = f.layout as Record<string, { text?: string } | unknown> & { title?: { text?: string }; showlegend?: boolean };
  assert.ok((layout.title?.text ?? '').trim().length > 0, `${f.id}: no title`);
  const used = new Set<string>();
  for (const t of f.data as { xaxis?: string; yaxis?: string }[]) {
    used.add(`xaxis${(t.xaxis ?? 'x').slice(1)}`);
    used.add(`yaxis${(t.yaxis ?? 'y').slice(1)}`);
  }
  for (const axis of used) {
    const a = (layout[axis] ?? {}) as { title?: { text?: string }; categoryarray?: unknown[]; ticktext?: unknown[] };
    const labelled = (a.title?.text ?? '').trim().length > 0 || (a.categoryarray?.length ?? 0) > 0 || (a.ticktext?.length ?? 0) > 0;
    assert.ok(labelled, `${f.id}: ${axis} has neither a title nor category labels`);
  }
  const named = (f.data as { name?: string; showlegend?: boolean }[]).filter((t) => t.name && t.showlegend !== false);
  if (f.data.length > 1) {
    assert.notEqual(layout.showlegend, false, `${f.id}: several traces and no legend`);
    assert.ok(named.length >= 1, `${f.id}: several traces, none named in a legend`);
  }
}

test('the tightness overview gives each kind of quantity its own panel, with its reference line and its meaning', () => {
  const f = tightnessFigure(RESULTS);
  assertReadable(f);
  const kinds = new Set(RESULTS.filter((r) => r.tightness).map(tightnessKind));
  assert.deepEqual([...kinds].sort(), ['bias', 'equality', 'lower', 'rate', 'upper']);
  const layout = f.layout as Record<string, unknown>;
  const shapes = layout.shapes as { x0: number; xref: string }[];
  for (const k of kinds) {
    const axis = Object.entries(layout).find(([key, v]) => /^xaxis\d*$/.test(key) && (v as { title?: { text?: string } })?.title?.text === TIGHTNESS_PANELS[k].axis);
    assert.ok(axis, `no panel for ${k}`);
    const ref = `x${axis![0].slice(5)}`;
    assert.ok(shapes.some((s) => s.xref === ref && s.x0 === TIGHTNESS_PANELS[k].reference), `${k}: no reference line at ${TIGHTNESS_PANELS[k].reference}`);
  }
  // "< 1 means holds" is said of upper bounds only
  assert.ok(!TIGHTNESS_PANELS.rate.axis.includes('≤ 1') && TIGHTNESS_PANELS.upper.axis.includes('≤ 1'));
  assert.equal(tightnessKind(RESULTS[1]), 'upper', 'an inequality check is not an identity');
});

test('η against n, a check’s own figures and the proof-map graph are readable', () => {
  for (const f of [etaFigure(2, 40), ...resultFigures(RESULTS[RESULTS.length - 1]), proofGraphFigure(PROOF_MAP)]) assertReadable(f);
  assert.ok(resultFigures(RESULTS[RESULTS.length - 1]).length > 0, 'the series produce a figure');
});

test('an attack keeps one colour in every figure; colours stay distinct within a figure', () => {
  const colours = Object.values(ATTACK_COLOUR);
  assert.equal(new Set(colours).size, colours.length, 'one distinct colour per attack');
  const line = (name: string) => ({ name, xLabel: 'd', yLabel: 'y', x: [1, 2], y: [1, 2] });
  const colourIn = (f: FigureSpec, name: string) => ((f.data as { name?: string; line?: { color?: string } }[]).find((t) => t.name === name)?.line?.color);
  const a = seriesFigure('a', 'a', [line('sign-flip'), line('adaptive')]);
  const b = seriesFigure('b', 'b', [line('gaussian'), line('alie'), line('MULTI-KRUM / adaptive')]);
  assert.equal(colourIn(a, 'adaptive'), ATTACK_COLOUR.adaptive);
  assert.equal(colourIn(b, 'MULTI-KRUM / adaptive'), ATTACK_COLOUR.adaptive, 'the same attack, the same colour, in another figure and under a rule');
  // Two rules under one attack in one figure: the attack's colour would merge them, so the palette separates them.
  const c = seriesFigure('c', 'c', [line('MULTI-KRUM / leeway'), line('MEDIAN / leeway')]);
  assert.notEqual(colourIn(c, 'MULTI-KRUM / leeway'), colourIn(c, 'MEDIAN / leeway'));
  assert.deepEqual(traceColours(['no attack here', 'nor here']), [PALETTE[0], PALETTE[1]], 'names without an attack: the palette by index');
});

test('the cone picture (notebook 02) marks E MK under each attack in that attack’s colour', () => {
  const f = conePictureFigure({ n: 7, f: 1, seed: 4, trials: 8, sinAlphas: [0.5], attacks: ['gaussian', 'sign-flip', 'adaptive'] });
  const markers = (f.data as { name?: string; marker?: { color?: string } }[]).filter((t) => t.name?.startsWith('E MK, '));
  assert.equal(markers.length, 3);
  for (const attack of ['gaussian', 'sign-flip', 'adaptive']) assert.equal(markers.find((t) => t.name!.startsWith(`E MK, ${attack}`))?.marker?.color, ATTACK_COLOUR[attack], attack);
});

test('the neighbourhood picture (notebook 01) draws its slider beneath the axis titles and its legend beneath the slider', () => {
  const layout = neighbourhoodFigure({ n: 9, f: 2, seed: 1 }).layout as { sliders: { y: number; yanchor: string; steps: unknown[] }[]; legend: { y: number; yanchor: string } };
  const [slider] = layout.sliders;
  assert.ok(slider.steps.length > 1, 'the figure keeps its slider steps');
  assert.equal(slider.yanchor, 'top');
  assert.ok(slider.y < -0.1, `the slider (y = ${slider.y}) sits below the x-axis titles`);
  assert.ok(layout.legend.y < slider.y - 0.2, `the legend (y = ${layout.legend.y}) starts below the slider (y = ${slider.y}) and its ticks`);
});

test('a check’s own figure takes the house style, and no title shows TeX index source', () => {
  const own: CheckResult = result('D2', 'monte-carlo-leeway', 'holds', undefined, {
    figures: [{ id: 'leeway', title: 'E|GAR_0 − G_0| as d grows', data: [{ type: 'scatter', name: 'MULTI-KRUM / leeway', x: [1, 2], y: [1, 2] }, { type: 'scatter', name: 'MEDIAN / leeway', x: [1, 2], y: [2, 1] }], layout: { xaxis: { type: 'log', title: { text: 'd' } }, yaxis: { type: 'log', title: { text: 'E|GAR_0 − G_0|' } } } }],
  });
  const [f] = resultFigures(own);
  const layout = f.layout as { font?: { family?: string }; title?: { text?: string }; xaxis: { type?: string; title: { text: string } }; yaxis: { type?: string; title: { text: string } } };
  assert.match(layout.font?.family ?? '', /Georgia/, 'the house font');
  assert.equal(layout.xaxis.type, 'log', 'the figure’s own axis settings win');
  assert.equal(layout.yaxis.title.text, 'E|GAR<sub>0</sub> − G<sub>0</sub>|');
  for (const text of [layout.title?.text ?? '', layout.xaxis.title.text, layout.yaxis.title.text]) assert.doesNotMatch(text, /_[A-Za-z0-9{]/, text);
  assertReadable(f);
  assert.equal(plotlyText('log10 ‖∇Q(x_t)‖²'), 'log<sub>10</sub> ‖∇Q(x<sub>t</sub>)‖²');
  assert.equal(plotlyText('x_{t+1}'), 'x<sub>t+1</sub>');
});
