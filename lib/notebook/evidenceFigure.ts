/**
 * The evidence table of a bound check as a figure: one marker per row
 * (setting × attack) at measured / bound, with its confidence interval, one
 * colour per attack, against the line ratio = 1 (the bound holds while the
 * whole interval stays left of it). It shows at a glance which attack comes
 * closest to the bound, and how loose the bound is.
 *
 * Built only from the result's own table (columns `setting`, `attack`,
 * `tightness`, `lo`, `hi`, as the Monte Carlo bound checks write them);
 * undefined for any other table. Non-finite cells (strings in JSON) are left out.
 *
 * @example evidenceFigure(l18Result)?.data.length // one trace per attack
 */
import type { CheckResult, FigureSpec } from '../claims/types';
import { colour, paperLayout } from '../figures/layout';
import { figureSlug } from '../figures/resultFigures';

export function evidenceFigure(r: CheckResult): FigureSpec | undefined {
  const t = r.table;
  if (!t) return undefined;
  const col = (name: string) => t.columns.indexOf(name);
  const [cs, ca, ct, cl, ch] = ['setting', 'attack', 'tightness', 'lo', 'hi'].map(col);
  if ([cs, ca, ct, cl, ch].some((i) => i < 0)) return undefined;
  const rows = t.rows
    .map((row) => ({ label: `${row[cs]} · ${row[ca]}`, attack: String(row[ca]), est: row[ct], lo: row[cl], hi: row[ch] }))
    .filter((x): x is { label: string; attack: string; est: number; lo: number; hi: number } => [x.est, x.lo, x.hi].every((v) => typeof v === 'number' && Number.isFinite(v)));
  if (rows.length === 0) return undefined;
  const attacks = [...new Set(rows.map((x) => x.attack))];
  const data = attacks.map((a, i) => {
    const sub = rows.filter((x) => x.attack === a);
    return {
      type: 'scatter', mode: 'markers', name: a,
      x: sub.map((x) => x.est), y: sub.map((x) => x.label),
      marker: { color: colour(i), size: 8 },
      error_x: { type: 'data', symmetric: false, array: sub.map((x) => x.hi - x.est), arrayminus: sub.map((x) => x.est - x.lo), color: colour(i) },
    };
  });
  const positive = rows.every((x) => x.lo > 0);
  const spread = positive ? Math.max(...rows.map((x) => x.hi)) / Math.min(...rows.map((x) => x.lo)) : 1;
  const title = `${r.claimId} · ${r.check} [${r.reading}]: measured / bound per setting and attack`;
  const layout = paperLayout(title, 'measured / bound (< 1: within the bound; bars: confidence interval)', '', {
    height: Math.max(320, 110 + 17 * rows.length),
    width: 980,
    margin: { l: 430, r: 20, t: 50, b: 70 },
    legend: { orientation: 'v', x: 1.01, y: 1, title: { text: 'attack' } },
    shapes: [{ type: 'line', xref: 'x', yref: 'paper', x0: 1, x1: 1, y0: 0, y1: 1, line: { color: '#222', dash: 'dash', width: 1 } }],
  });
  if (positive && spread > 100) (layout.xaxis as Record<string, unknown>).type = 'log';
  Object.assign(layout.yaxis as object, { autorange: 'reversed', categoryorder: 'array', categoryarray: rows.map((x) => x.label), tickfont: { size: 10 } });
  return { id: figureSlug(r.claimId, r.check, r.reading, 'evidence'), title, data, layout };
}
