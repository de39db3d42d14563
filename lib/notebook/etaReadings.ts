/**
 * The three readings of η(n, f) side by side, for notebook 01: exact η² as a
 * reduced fraction, η as a float, at m = m̃ = n − f − 2, for the report's
 * (n, f) settings; and a slider figure of η against n with one frame per f.
 *
 *     as-printed: η² = 2(n − f + (f m + f²(m + 1))/m)
 *     as-derived: η² = 2(n − f + (f m + f²(m + 1))/(n − 2f − 2))
 *     krum:       η² = 2(n − f + (f(n − f − 2) + f²(n − f − 1))/(n − 2f − 2))
 *
 * At m = m̃ = n − f − 2 the as-derived and krum readings differ only by
 * f² (m + 1) against f²(n − f − 1) — equal, since m + 1 = n − f − 1.
 *
 * @example etaReadingsHtml([[11, 2]]) // a table row: n = 11, f = 2, m = 7, η² = 218/7 (as-printed) …
 */
import type { FigureSpec } from '../claims/types';
import { ETA_READINGS } from '../constants/eta';
import { etaFigure } from '../figures/etaFigure';
import { ETA_TABLE_SETTINGS, etaTableRows } from '../report/etaTableRows';
import { escapeHtml } from '../report/miniMarkdown';
import { sliderFigure } from './sliderFigure';

/** An HTML table of η under each reading, exact η² beside the float η. */
export function etaReadingsHtml(settings: readonly [number, number][] = ETA_TABLE_SETTINGS): string {
  const head = ['n', 'f', 'm = n − f − 2', ...ETA_READINGS.flatMap((r) => [`η² ${r}`, `η ${r}`]), 'η printed / η derived'];
  const rows = etaTableRows(settings).map((row) => {
    const printed = row.cells.find((c) => c.reading === 'as-printed')!.eta;
    const derived = row.cells.find((c) => c.reading === 'as-derived')!.eta;
    return [row.n, row.f, row.m, ...row.cells.flatMap((c) => [c.etaSquared, c.eta.toPrecision(8)]), (printed / derived).toPrecision(6)];
  });
  const td = (x: unknown) => `<td style="text-align: right; border: 1px solid #ddd; padding: .15em .45em;">${escapeHtml(String(x))}</td>`;
  const th = (x: string) => `<th style="border: 1px solid #ddd; padding: .15em .45em; background: #f4f4f4;">${escapeHtml(x)}</th>`;
  return `<table style="border-collapse: collapse; font-size: .9em;"><thead><tr>${head.map(th).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map(td).join('')}</tr>`).join('')}</tbody></table>`;
}

/** η against n under each reading, with a slider over f (m = n − f − 2). */
export function etaSliderFigure(fs: readonly number[] = [1, 2, 3, 4, 5], nMax = 40): FigureSpec {
  const frames = fs.map((f) => {
    const fig = etaFigure(f, nMax);
    return { label: `${f}`, data: fig.data, title: `η(n, f) under each reading, f = ${f}, m = m̃ = n − f − 2` };
  });
  // The legend goes to the right: the slider takes the space below the plot.
  const layout = { ...etaFigure(fs[0], nMax).layout, height: 520, width: 860, legend: { orientation: 'v', x: 1.02, y: 1, title: { text: 'reading (as-derived and krum coincide at m = m̃)' } }, margin: { l: 70, r: 260, t: 50, b: 60 } };
  return sliderFigure('eta-readings-slider', 'η(n, f) under each reading', 'f (Byzantine workers)', frames, layout);
}
