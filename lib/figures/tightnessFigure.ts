import type { CheckResult, FigureSpec } from '../claims/types';
import { numberFromJson } from '../parallel/plainJson';
import { paperLayout } from './layout';

const VERDICT_COLOUR: Record<string, string> = { holds: '#009E73', fails: '#D55E00', inconclusive: '#999999' };

/**
 * What a check's `tightness` measures, which decides what its reference line
 * means. Quantities of different meaning never share an axis: "< 1 means the
 * bound holds" is true of an upper-bound ratio and false of an exponent.
 */
export type TightnessKind = 'upper' | 'equality' | 'lower' | 'rate' | 'bias';

export const TIGHTNESS_PANELS: Record<TightnessKind, { title: string; axis: string; log: boolean; reference: number }> = {
  upper: { title: 'Upper bounds', axis: 'measured / bound (log scale): the bound holds while the ratio stays ≤ 1 (dashed)', log: true, reference: 1 },
  equality: { title: 'Identities', axis: 'left side / right side: the identity holds where the interval contains 1 (dashed)', log: false, reference: 1 },
  lower: { title: 'Lower bounds and printed constants', axis: 'measured / printed value: a lower bound holds while ≥ 1; a printed constant is met near 1 (dashed)', log: true, reference: 1 },
  rate: { title: 'Rates in d', axis: 'fitted exponent / (−1/2): 1 (dashed) is the O(1/√d) rate, 0 no decay', log: false, reference: 1 },
  bias: { title: 'Biases', axis: 'squared bias / dσ²: 0 (dashed) is no bias; a premise "E = g" fails when the interval lies above 0', log: false, reference: 0 },
};

/** The kind of a result's tightness, from the check and the interval's method. */
export function tightnessKind(r: CheckResult): TightnessKind {
  const method = r.tightness?.method ?? '';
  if (/fitted exponent/.test(method)) return 'rate';
  if ((r.check.includes('equality') && !r.check.includes('inequality')) || (r.claimId === 'L1.3' && r.check === 'monte-carlo-pair')) return 'equality';
  if (r.claimId === 'L1.2') return 'bias';
  if (/cosine|budget/.test(method)) return 'lower';
  return 'upper';
}

/**
 * The tightness overview: for every check whose claim is an inequality or
 * identity with a measurable slack, the measured quantity with its confidence
 * interval, in one panel per kind of quantity (upper bounds, identities,
 * lower bounds, rates, biases), each with its reference line and what it
 * means. Points are coloured by verdict.
 *
 * @example tightnessFigure(results).layout.grid // { rows: <kinds present>, columns: 1, … }
 */
export function tightnessFigure(results: readonly CheckResult[], id = 'tightness-overview'): FigureSpec {
  const rows = results.filter((r) => r.tightness && Number.isFinite(numberFromJson(r.tightness.estimate)));
  const label = (r: CheckResult) => `${r.claimId} · ${r.check} [${r.reading}]`;
  const kinds = (Object.keys(TIGHTNESS_PANELS) as TightnessKind[]).filter((k) => rows.some((r) => tightnessKind(r) === k));
  const data: Record<string, unknown>[] = [];
  const shapes: Record<string, unknown>[] = [];
  const annotations: Record<string, unknown>[] = [];
  const axes: Record<string, unknown> = {};
  const gap = Math.min(0.12, 0.45 / Math.max(1, kinds.length - 1));
  const total = Math.max(1, rows.length);
  let top = 1;
  const legendShown = new Set<string>();
  kinds.forEach((kind, i) => {
    const panel = TIGHTNESS_PANELS[kind];
    const sub = rows.filter((r) => tightnessKind(r) === kind);
    const suffix = i === 0 ? '' : String(i + 1);
    const height = (1 - gap * (kinds.length - 1)) * (sub.length / total);
    const domain = [Math.max(0, top - height), top];
    top = domain[0] - gap;
    for (const verdict of ['holds', 'fails', 'inconclusive']) {
      const v = sub.filter((r) => r.verdict === verdict);
      if (v.length === 0) continue;
      const est = v.map((r) => numberFromJson(r.tightness!.estimate));
      const lo = v.map((r) => numberFromJson(r.tightness!.lo));
      const hi = v.map((r) => numberFromJson(r.tightness!.hi));
      data.push({
        type: 'scatter', mode: 'markers', name: verdict, legendgroup: verdict, showlegend: !legendShown.has(verdict),
        xaxis: `x${suffix}`, yaxis: `y${suffix}`,
        x: est, y: v.map(label),
        marker: { color: VERDICT_COLOUR[verdict], size: 9 },
        error_x: { type: 'data', symmetric: false, array: hi.map((h, j) => (Number.isFinite(h) ? h - est[j] : 0)), arrayminus: lo.map((l, j) => (Number.isFinite(l) ? est[j] - l : 0)), color: VERDICT_COLOUR[verdict] },
        text: v.map((r) => `${(r.tightness!.level * 100).toFixed(1)}% interval, ${r.tightness!.method}`),
        hovertemplate: '%{y}<br>%{x:.4g}<br>%{text}<extra></extra>',
      });
      legendShown.add(verdict);
    }
    axes[`xaxis${suffix}`] = { title: { text: panel.axis, font: { size: 12 } }, type: panel.log ? 'log' : 'linear', anchor: `y${suffix}`, showline: true, mirror: true, linecolor: '#222', ticks: 'outside', zeroline: false, gridcolor: '#e6e6e6', automargin: true };
    // The categories (claim · check [reading]) label the y axis; the panel's heading says what it holds.
    axes[`yaxis${suffix}`] = { domain, anchor: `x${suffix}`, autorange: 'reversed', categoryorder: 'array', categoryarray: sub.map(label), showline: true, mirror: true, linecolor: '#222', automargin: true };
    annotations.push({ text: `<b>${panel.title}</b>`, xref: 'paper', yref: 'paper', x: 0, y: domain[1], xanchor: 'left', yanchor: 'bottom', showarrow: false, font: { size: 13 } });
    shapes.push({ type: 'line', xref: `x${suffix}`, yref: `y${suffix} domain`, x0: panel.reference, x1: panel.reference, y0: 0, y1: 1, line: { color: '#222', dash: 'dash', width: 1 } });
  });
  const layout = paperLayout('Tightness of every measured bound, by kind of quantity', '', '', {
    height: Math.max(320, 110 + 24 * rows.length + 90 * kinds.length),
    margin: { l: 270, r: 20, t: 60, b: 70 },
    shapes,
    annotations,
    ...axes,
  });
  return { id, title: 'Tightness overview', data, layout };
}
