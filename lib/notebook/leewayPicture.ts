/**
 * Figure 1's leeway as d grows, from {@link measureLeeway}'s series: the
 * deviation E|GAR_0 − V_{1,0}| of the attacked coordinate against d, one
 * line per (rule, attack) with its confidence band, on log–log axes, with the
 * two reference slopes: 0 (the √d leeway: the attacker keeps an O(1) push on
 * one coordinate while each coordinate's noise shrinks like 1/√d) and −1/2
 * (strong resilience, Definition 2). The fitted exponent is in each legend.
 *
 * @example leewayFigure(measureLeeway(makeGar('multi-krum'), { n: 11, f: 2, ds: [10, 100], trials: 16, seed: 1 }))
 */
import type { FigureSpec } from '../claims/types';
import { colour, paperLayout, translucent } from '../figures/layout';
import type { LeewaySeries } from '../montecarlo/leeway';

export function leewayFigure(series: readonly LeewaySeries[]): FigureSpec {
  const ds = [...new Set(series.flatMap((s) => s.ds))].sort((a, b) => a - b);
  const anchor = Math.max(...series.map((s) => s.deviation[0]?.estimate ?? 0).filter(Number.isFinite));
  const data: Record<string, unknown>[] = series.flatMap((s, i) => {
    const c = colour(i);
    const name = `${s.rule} · ${s.attack}: exponent ${s.exponent.estimate.toFixed(2)} [${s.exponent.lo.toFixed(2)}, ${s.exponent.hi.toFixed(2)}]`;
    return [
      { type: 'scatter', mode: 'lines', x: [...s.ds, ...[...s.ds].reverse()], y: [...s.deviation.map((v) => v.hi), ...[...s.deviation].reverse().map((v) => Math.max(v.lo, 1e-12))], fill: 'toself', fillcolor: translucent(c, 0.15), line: { width: 0 }, hoverinfo: 'skip', showlegend: false },
      { type: 'scatter', mode: 'lines+markers', name, x: s.ds, y: s.deviation.map((v) => v.estimate), line: { color: c } },
    ];
  });
  data.push(
    { type: 'scatter', mode: 'lines', name: 'slope 0: the √d leeway (weak resilience only)', x: [ds[0], ds[ds.length - 1]], y: [anchor, anchor], line: { color: '#555', dash: 'dash', width: 1 } },
    { type: 'scatter', mode: 'lines', name: 'slope −1/2: O(1/√d), strong resilience', x: [ds[0], ds[ds.length - 1]], y: [anchor, anchor * Math.sqrt(ds[0] / ds[ds.length - 1])], line: { color: '#555', dash: 'dot', width: 1 } },
  );
  const title = 'Deviation of the attacked coordinate from a correct gradient, as d grows (total noise fixed)';
  const layout = paperLayout(title, 'dimension d', 'E|GAR₀ − V₁,₀| (attacked coordinate)', { width: 900, height: 480, legend: { orientation: 'v', x: 0, y: -0.2, font: { size: 11 } }, margin: { l: 80, r: 20, t: 50, b: 200 } });
  Object.assign(layout.xaxis as object, { type: 'log' });
  Object.assign(layout.yaxis as object, { type: 'log' });
  return { id: 'leeway-picture', title, data, layout };
}
