import type { ReportModel } from '../report/model';
import { counterexampleText, tightnessText, verdictText } from '../report/oneLine';

/** Pads to a width counting code points (η, ‖ count as one column). */
function pad(s: string, width: number): string {
  const len = [...s].length;
  return len >= width ? s : s + ' '.repeat(width - len);
}

/**
 * The terminal summary: one row per check — claim id, kind, reading, verdict
 * (with the expectation when they differ), tightness ratio with its interval,
 * and the counterexample in one line; claims with no check show
 * `not checked`.
 */
export function summaryTable(model: ReportModel, width = 160): string {
  const rows: string[][] = [['claim', 'kind', 'check', 'reading', 'verdict', 'measured/bound [interval]', 'counterexample']];
  for (const c of model.claims) {
    if (c.status === 'not checked') rows.push([c.id, c.kind, '—', '—', 'not checked', '—', '—']);
    for (const r of c.results) rows.push([c.id, c.kind, r.check, r.reading, verdictText(r), tightnessText(r), counterexampleText(r, 200)]);
  }
  const widths = rows[0].map((_, j) => Math.max(...rows.map((r) => [...r[j]].length)));
  const fixed = widths.slice(0, -1).reduce((s, w) => s + w + 2, 0);
  widths[widths.length - 1] = Math.max(20, Math.min(widths[widths.length - 1], width - fixed));
  const line = (r: string[]) =>
    r
      .map((x, j) => {
        if (j < r.length - 1) return pad(x, widths[j]);
        return [...x].length > widths[j] ? `${[...x].slice(0, widths[j] - 1).join('')}…` : x;
      })
      .join('  ')
      .trimEnd();
  return [line(rows[0]), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}
