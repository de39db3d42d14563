/**
 * The evidence table of a bound check as a figure: one marker per row
 * (setting × attack) at measured / bound, with its confidence interval, one
 * colour per attack, against the line ratio = 1 (the bound holds while the
 * whole interval stays left of it). It shows at a glance which attack comes
 * closest to the bound, and how loose the bound is.
 *
 * Readable at any size: up to {@link ROW_LIMIT} rows get one labelled row
 * each; a larger table (the Lemma 1 checks have settings × attacks = 150
 * rows) is summarised as one row per attack — every setting a small dot
 * (hover names it), the worst setting a large marker with its interval — so
 * the chart never carries dozens of tiny row labels. The full table stays in
 * the check's output, its worst rows first (show.ts).
 *
 * Built only from the result's own table (columns `setting`, `attack`,
 * `tightness`, `lo`, `hi`, as the Monte Carlo bound checks write them);
 * undefined for any other table. Non-finite cells (strings in JSON) are left out.
 *
 * @example evidenceFigure(l18Result)?.data.length // one trace per attack (two per attack above ROW_LIMIT rows)
 */
import type { CheckResult, FigureSpec } from '../claims/types';
import { paperLayout, traceColours } from '../figures/layout';
import { figureSlug } from '../figures/resultFigures';

export function evidenceFigure(r: CheckResult): FigureSpec | undefined {
  const t = r.table;
  if (!t) return undefined;
  const col = (name: string) => t.columns.indexOf(name);
  const [cs, ca, ct, cl, ch] = ['setting', 'attack', 'tightness', 'lo', 'hi'].map(col);
  if ([cs, ca, ct, cl, ch].some((i) => i < 0)) return undefined;
  const rows = t.rows
    .map((row) => ({ label: `${row[cs]} · ${row[ca]}`, setting: String(row[cs]), attack: String(row[ca]), est: row[ct], lo: row[cl], hi: row[ch] }))
    .filter((x): x is EvidenceRow => [x.est, x.lo, x.hi].every((v) => typeof v === 'number' && Number.isFinite(v)));
  if (rows.length === 0) return undefined;
  const attacks = [...new Set(rows.map((x) => x.attack))];
  return rows.length > ROW_LIMIT ? perAttackFigure(r, rows, attacks) : perRowFigure(r, rows, attacks);
}

/** Above this many rows the figure shows one row per attack instead of one per (setting, attack). */
export const ROW_LIMIT = 16;

interface EvidenceRow { label: string; setting: string; attack: string; est: number; lo: number; hi: number }

const REFERENCE_LINE = { type: 'line', xref: 'x', yref: 'paper', x0: 1, x1: 1, y0: 0, y1: 1, line: { color: '#222', dash: 'dash', width: 1 } };

/** Log scale when every interval is positive and they span more than two decades. */
function logIfWide(layout: Record<string, unknown>, rows: readonly EvidenceRow[]): void {
  const positive = rows.every((x) => x.lo > 0);
  const spread = positive ? Math.max(...rows.map((x) => x.hi)) / Math.min(...rows.map((x) => x.lo)) : 1;
  if (positive && spread > 100) (layout.xaxis as Record<string, unknown>).type = 'log';
}

function perRowFigure(r: CheckResult, rows: readonly EvidenceRow[], attacks: readonly string[]): FigureSpec {
  const colours = traceColours(attacks);
  const data = attacks.map((a, i) => {
    const sub = rows.filter((x) => x.attack === a);
    return {
      type: 'scatter', mode: 'markers', name: a,
      x: sub.map((x) => x.est), y: sub.map((x) => x.label),
      marker: { color: colours[i], size: 8 },
      error_x: { type: 'data', symmetric: false, array: sub.map((x) => x.hi - x.est), arrayminus: sub.map((x) => x.est - x.lo), color: colours[i] },
    };
  });
  const title = `${r.claimId} · ${r.check} [${r.reading}]: measured / bound per setting and attack`;
  const layout = paperLayout(title, 'measured / bound (< 1: within the bound; bars: confidence interval)', '', {
    height: Math.max(320, 110 + 17 * rows.length),
    width: 980,
    margin: { l: 430, r: 20, t: 50, b: 70 },
    legend: { orientation: 'v', x: 1.01, y: 1, title: { text: 'attack' } },
    shapes: [REFERENCE_LINE],
  });
  logIfWide(layout, rows);
  Object.assign(layout.yaxis as object, { autorange: 'reversed', categoryorder: 'array', categoryarray: rows.map((x) => x.label), tickfont: { size: 10 } });
  return { id: figureSlug(r.claimId, r.check, r.reading, 'evidence'), title, data, layout };
}

function perAttackFigure(r: CheckResult, rows: readonly EvidenceRow[], attacks: readonly string[]): FigureSpec {
  const settings = new Set(rows.map((x) => x.setting)).size;
  const colours = traceColours(attacks);
  const data = attacks.flatMap((a, i) => {
    const sub = rows.filter((x) => x.attack === a);
    const worst = sub.reduce((w, x) => (x.est > w.est ? x : w));
    return [
      { type: 'scatter', mode: 'markers', name: `${a}: every setting`, legendgroup: a, showlegend: false, x: sub.map((x) => x.est), y: sub.map(() => a), text: sub.map((x) => x.setting), hovertemplate: '%{text}<br>measured / bound %{x:.3g}<extra></extra>', marker: { color: colours[i], size: 5, opacity: 0.45 } },
      { type: 'scatter', mode: 'markers', name: a, legendgroup: a, x: [worst.est], y: [a], text: [`worst: ${worst.setting}`], hovertemplate: '%{text}<br>measured / bound %{x:.3g}<extra></extra>', marker: { color: colours[i], size: 11, symbol: 'diamond', line: { color: '#222', width: 1 } }, error_x: { type: 'data', symmetric: false, array: [worst.hi - worst.est], arrayminus: [worst.est - worst.lo], color: colours[i], thickness: 2 } },
    ];
  });
  const title = `${r.claimId} · ${r.check} [${r.reading}]: ${settings} settings × ${attacks.length} attacks, worst setting per attack`;
  const layout = paperLayout(title, 'measured / bound (< 1: within the bound; diamond and bar: the worst setting and its confidence interval; dots: every setting)', 'attack', {
    height: Math.max(300, 130 + 34 * attacks.length),
    width: 980,
    margin: { l: 150, r: 20, t: 50, b: 80 },
    legend: { orientation: 'v', x: 1.01, y: 1, title: { text: 'attack' } },
    shapes: [REFERENCE_LINE],
  });
  logIfWide(layout, rows);
  Object.assign(layout.yaxis as object, { autorange: 'reversed', type: 'category', categoryorder: 'array', categoryarray: [...attacks] });
  return { id: figureSlug(r.claimId, r.check, r.reading, 'evidence'), title, data, layout };
}
