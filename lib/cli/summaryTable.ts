import type { CheckResult, Interval } from '../claims/types';
import { numberFromJson } from '../parallel/plainJson';
import type { ReportModel } from '../report/model';
import { counterexampleText, regionText, short, tightnessText, verdictText } from '../report/oneLine';

/** A row of a bound check's evidence table: its interval of measured / bound, and what names it. */
export interface BoundTableRow {
  name: string;
  tightness: Interval;
}

/**
 * The row of a failing bound check that makes it fail. The checks' `tightness`
 * is the row with the largest estimate, which for a failing check may be a
 * row whose interval still contains 1 (a wide interval with a high
 * estimate), while the verdict came from another row, lying entirely above
 * 1. The verdict rule (lib/montecarlo/verdict.ts: fails when some valid row
 * has lo > 1, a NaN estimate counting as a violation) picks the rows that
 * fail; of these, the one with the largest lower end is shown: the one that
 * fails most clearly (for an equality check, failing when a row lies
 * entirely below 1 too, the row with the lowest upper end). Rows marked "interval valid: no" never enter a verdict
 * and are skipped. Undefined when the result has no such table, or no row
 * fails (then the check's own `tightness` is the right row to show).
 */
export function failingRow(r: CheckResult): BoundTableRow | undefined {
  if (r.verdict !== 'fails' || !r.table) return undefined;
  const col = (name: string) => r.table!.columns.indexOf(name);
  const [t, lo, hi, valid, setting, attack] = ['tightness', 'lo', 'hi', 'interval valid', 'setting', 'attack'].map(col);
  if (t < 0 || lo < 0 || hi < 0) return undefined;
  let best: { row: (string | number)[]; lo: number } | undefined;
  // A researcher's rule (--rule) has the reference rules' rows in its table too (column `rule`, its own rows first): only its own decide.
  const ruleCol = r.claimId === 'rule' ? col('rule') : -1;
  const rows = ruleCol >= 0 ? r.table.rows.filter((row) => row[ruleCol] === r.table!.rows[0]?.[ruleCol]) : r.table.rows;
  for (const row of rows) {
    if (valid >= 0 && /^no/.test(String(row[valid]))) continue;
    const estimate = numberFromJson(row[t]);
    const lower = Number.isNaN(estimate) || Number.isNaN(numberFromJson(row[lo])) ? Infinity : numberFromJson(row[lo]);
    if (lower > 1 && (!best || lower > best.lo)) best = { row, lo: lower };
  }
  if (!best) {
    // An equality check (lib/montecarlo/verdict.ts equalityVerdict) also fails on a row lying entirely below 1: the lowest such row.
    for (const row of rows) {
      if (valid >= 0 && /^no/.test(String(row[valid]))) continue;
      const upper = numberFromJson(row[hi]);
      if (upper < 1 && (!best || -upper > best.lo)) best = { row, lo: -upper };
    }
  }
  if (!best) return undefined;
  const name = [setting >= 0 ? String(best.row[setting]) : '', attack >= 0 ? `under ${best.row[attack]}` : ''].filter((x) => x).join(' ');
  return {
    name,
    tightness: { estimate: numberFromJson(best.row[t]), lo: numberFromJson(best.row[lo]), hi: numberFromJson(best.row[hi]), level: r.tightness?.level ?? NaN, method: r.tightness?.method ?? '' },
  };
}

/** The measured/bound cell: the failing row's interval for a failing bound check, else the check's own. */
export function tightnessCell(r: CheckResult): string {
  const row = failingRow(r);
  if (!row) return tightnessText(r);
  const t = row.tightness;
  return `${short(t.estimate)} [${short(t.lo)}, ${short(t.hi)}]`;
}

/** The counterexample cell: the check's counterexample, or for a failing bound check the row that fails. */
export function counterexampleCell(r: CheckResult, max = 200): string {
  const text = counterexampleText(r, max);
  if (text !== '—') return text;
  const row = failingRow(r);
  if (!row || row.name === '') return text;
  const line = `fails at ${row.name}`;
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** Pads to a width counting code points (η, ‖ count as one column). */
function pad(s: string, width: number): string {
  const len = [...s].length;
  return len >= width ? s : s + ' '.repeat(width - len);
}

/**
 * The terminal summary: one row per check — claim id, kind, reading, verdict
 * (with the expectation when they differ), tightness ratio with its interval
 * (for a failing bound check, of the row that fails: {@link failingRow}),
 * and the counterexample in one line (or the failing row's name); claims with no check show
 * `not checked`. Under each check's row, a second line gives the region its
 * verdict was earned on (`↳ region: …`, indented to the check column). `width` is the terminal's (columns are shortened to fit);
 * Infinity, for logs and pipes, keeps every cell whole.
 */
export function summaryTable(model: ReportModel, width = Infinity): string {
  const rows: string[][] = [['claim', 'kind', 'check', 'reading', 'verdict', 'measured/bound [interval]', 'counterexample']];
  /** The region line under each check's row, by row index. */
  const regions = new Map<number, string>();
  for (const c of model.claims) {
    if (c.status === 'not checked') rows.push([c.id, c.kind, '—', '—', 'not checked', '—', '—']);
    for (const r of c.results) {
      rows.push([c.id, c.kind, r.check, r.reading, verdictText(r), tightnessCell(r), counterexampleCell(r, 200)]);
      regions.set(rows.length - 1, regionText(r));
    }
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
  const indent = ' '.repeat(widths[0] + widths[1] + 4);
  const regionLine = (i: number) => cut(`${indent}↳ region: ${regions.get(i)}`, width === Infinity ? Infinity : Math.max(40, width));
  const body = rows.slice(1).flatMap((r, j) => (regions.has(j + 1) ? [line(r), regionLine(j + 1)] : [line(r)]));
  return [line(rows[0]), widths.map((w) => '─'.repeat(w)).join('  '), ...body].join('\n');
}

/**
 * The terminal block of a researcher's rule (`--rule`): a heading, then one
 * row per check — check, η or constant reading, verdict, measured / bound
 * with its interval — and the check's summary (which names the reference
 * rules' results beside the user's) on a second line.
 */
export function customRuleSummary(rule: NonNullable<ReportModel['customRule']>, width = Infinity): string {
  const cut = (x: string, w: number) => ([...x].length > w ? `${[...x].slice(0, w - 1).join('')}…` : x);
  const rows = rule.results.map((r) => [r.check, r.reading, r.verdict, tightnessCell(r)]);
  const header = ['check', 'reading', 'verdict', 'measured/bound [interval]'];
  const widths = header.map((h, j) => Math.max([...h].length, ...rows.map((r) => [...r[j]].length)));
  const line = (r: string[]) => r.map((x, j) => pad(x, widths[j])).join('  ').trimEnd();
  const out = [`Your rule: ${rule.name} (${rule.module}; requires ${rule.requirement}; η: ${rule.eta})`, line(header), widths.map((w) => '─'.repeat(w)).join('  ')];
  rule.results.forEach((r, i) => {
    out.push(line(rows[i]));
    out.push(cut(`    ${r.summary}`, width === Infinity ? Infinity : Math.max(40, width)));
  });
  return out.join('\n');
}
