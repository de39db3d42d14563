import type { CheckResult, FigureSpec } from '../claims/types';
import { numberFromJson } from '../parallel/plainJson';
import { paperLayout } from './layout';

const VERDICT_COLOUR: Record<string, string> = { holds: '#009E73', fails: '#D55E00', inconclusive: '#999999' };

/**
 * The tightness overview: for every check whose claim is an inequality with a
 * measurable slack, measured / bound with its confidence interval, on a log
 * axis, against the line ratio = 1 (a bound holds while the ratio stays below
 * it). Points are coloured by verdict.
 *
 * @example tightnessFigure(results) // one marker per result that has `tightness`
 */
export function tightnessFigure(results: readonly CheckResult[], id = 'tightness-overview'): FigureSpec {
  const rows = results.filter((r) => r.tightness && Number.isFinite(numberFromJson(r.tightness.estimate)));
  const label = (r: CheckResult) => `${r.claimId} · ${r.check} [${r.reading}]`;
  const data: Record<string, unknown>[] = [];
  for (const verdict of ['holds', 'fails', 'inconclusive']) {
    const sub = rows.filter((r) => r.verdict === verdict);
    if (sub.length === 0) continue;
    const est = sub.map((r) => numberFromJson(r.tightness!.estimate));
    const lo = sub.map((r) => numberFromJson(r.tightness!.lo));
    const hi = sub.map((r) => numberFromJson(r.tightness!.hi));
    data.push({
      type: 'scatter',
      mode: 'markers',
      name: verdict,
      x: est,
      y: sub.map(label),
      marker: { color: VERDICT_COLOUR[verdict], size: 9 },
      error_x: {
        type: 'data',
        symmetric: false,
        array: hi.map((h, i) => (Number.isFinite(h) ? h - est[i] : 0)),
        arrayminus: lo.map((l, i) => (Number.isFinite(l) ? est[i] - l : 0)),
        color: VERDICT_COLOUR[verdict],
      },
      text: sub.map((r) => `${(r.tightness!.level * 100).toFixed(0)}% interval, ${r.tightness!.method}`),
      hovertemplate: '%{y}<br>ratio %{x:.4g}<br>%{text}<extra></extra>',
    });
  }
  const layout = paperLayout('Tightness: measured / bound, with confidence intervals', 'measured / bound (log scale; < 1 means the bound holds)', '', {
    height: Math.max(300, 90 + 26 * rows.length),
    margin: { l: 260, r: 20, t: 50, b: 70 },
    shapes: [{ type: 'line', xref: 'x', yref: 'paper', x0: 1, x1: 1, y0: 0, y1: 1, line: { color: '#222', dash: 'dash', width: 1 } }],
  });
  (layout.xaxis as Record<string, unknown>).type = 'log';
  (layout.yaxis as Record<string, unknown>).autorange = 'reversed';
  (layout.yaxis as Record<string, unknown>).categoryorder = 'array';
  (layout.yaxis as Record<string, unknown>).categoryarray = rows.map(label);
  return { id, title: 'Tightness overview', data, layout };
}
