import type { FigureSpec, Series } from '../claims/types';
import { numberFromJson } from '../parallel/plainJson';
import { paperLayout, traceColours, translucent } from './layout';

/**
 * One figure of measured series sharing their axes: a line with markers per
 * series and, where the series carries `lo`/`hi`, a shaded confidence band
 * drawn as a closed polygon (x forward along `hi`, back along `lo`).
 * Non-finite values (written as strings in results.json) become gaps. The
 * y axis is logarithmic when asked, or (`'auto'`, the default) when every
 * value is positive and they span more than two decades.
 *
 * @example seriesFigure('L1.8-mc', 'E‖MK − g‖² against the bound', [{ name: 'measured', xLabel: 'n', yLabel: 'E‖MK − g‖²', x: [7, 11], y: [1.2, 2.3] }])
 */
export function seriesFigure(id: string, title: string, series: readonly Series[], options: { logX?: boolean; logY?: boolean | 'auto' } = {}): FigureSpec {
  const data: Record<string, unknown>[] = [];
  const colours = traceColours(series.map((s) => s.name));
  series.forEach((s, i) => {
    const x = s.x.map(numberFromJson);
    const y = s.y.map(numberFromJson).map((v) => (Number.isFinite(v) ? v : null));
    const c = colours[i];
    if (s.lo && s.hi && s.lo.length === x.length && s.hi.length === x.length) {
      const lo = s.lo.map(numberFromJson);
      const hi = s.hi.map(numberFromJson);
      data.push({
        type: 'scatter',
        x: [...x, ...[...x].reverse()],
        y: [...hi, ...[...lo].reverse()].map((v) => (Number.isFinite(v) ? v : null)),
        fill: 'toself',
        fillcolor: translucent(c, 0.18),
        line: { width: 0, color: translucent(c, 0) },
        hoverinfo: 'skip',
        name: `${s.name} (interval)`,
        showlegend: false,
      });
    }
    data.push({ type: 'scatter', mode: x.length > 60 ? 'lines' : 'lines+markers', x, y, name: s.name, line: { color: c, width: 2 }, marker: { size: 6 } });
  });
  const first = series[0];
  const layout = paperLayout(title, first?.xLabel ?? 'x', first?.yLabel ?? 'y', { showlegend: series.length > 1 });
  if (options.logX) (layout.xaxis as Record<string, unknown>).type = 'log';
  if (options.logY === true || ((options.logY ?? 'auto') === 'auto' && wideRange(series.flatMap((s) => s.y.map(numberFromJson))))) (layout.yaxis as Record<string, unknown>).type = 'log';
  return { id, title, data, layout };
}

/** True when every value is positive and they span more than two decades: a log axis then shows them all. */
function wideRange(values: number[]): boolean {
  const finite = values.filter(Number.isFinite);
  if (finite.length < 2 || finite.some((v) => v <= 0)) return false;
  return Math.max(...finite) / Math.min(...finite) > 100;
}

/**
 * Groups series by their (x label, y label) pair, in order of first
 * appearance, so that each group becomes one figure with a shared pair of axes.
 */
export function groupSeriesByAxes(series: readonly Series[]): Series[][] {
  const groups = new Map<string, Series[]>();
  for (const s of series) {
    const key = `${s.xLabel}\u0000${s.yLabel}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(s);
  }
  return [...groups.values()];
}
