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
 * `not checked`. `width` is the terminal's (columns are shortened to fit);
 * Infinity, for logs and pipes, keeps every cell whole.
 */
export function summaryTable(model: ReportModel, width = Infinity): string {
  const rows: string[][] = [['claim', 'kind', 'check', 'reading', 'verdict', 'measured/bound [interval]', 'counterexample']];
  for (const c of model.claims) {
    if (c.status === 'not checked') rows.push([c.id, c.kind, '—', '—', 'not checked', '—', '—']);
    for (const r of c.results) rows.push([c.id, c.kind, r.check, r.reading, verdictText(r), tightnessText(r), counterexampleText(r, 200)]);
  }
  const widths = rows[0].map((_, j) => Math.max(...rows.map((r) => [...r[j]].length)));
  // On a narrow terminal, the check and reading columns give way first (down to 16 columns), then the counterexample.
  for (const j of [2, 3]) {
    const total = widths.reduce((s, w) => s + w + 2, 0);
    if (total > width) widths[j] = Math.max(16, widths[j] - (total - width));
  }
  const fixed = widths.slice(0, -1).reduce((s, w) => s + w + 2, 0);
  widths[widths.length - 1] = Math.max(20, Math.min(widths[widths.length - 1], width - fixed));
  const cut = (x: string, w: number) => ([...x].length > w ? `${[...x].slice(0, w - 1).join('')}…` : x);
  const line = (r: string[]) =>
    r
      .map((x, j) => (j < r.length - 1 ? pad(cut(x, widths[j]), widths[j]) : cut(x, widths[j])))
      .join('  ')
      .trimEnd();
  return [line(rows[0]), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}
