import type { CheckResult, Series } from '../claims/types';
import { figureSlug } from '../figures/resultFigures';

/** One CSV field: quoted when it holds a comma, quote or newline (RFC 4180). Numbers are written in full precision. */
export function csvField(x: unknown): string {
  const s = x === null || x === undefined ? '' : String(x);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A CSV text from a header and rows. */
export function toCsv(columns: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return [columns, ...rows].map((r) => r.map(csvField).join(',')).join('\n') + '\n';
}

/** A series as CSV: columns x, y (named by their axis labels) and lo, hi when it has a band. */
export function seriesCsv(s: Series): string {
  const band = s.lo && s.hi;
  const columns = [s.xLabel || 'x', s.yLabel || 'y', ...(band ? ['lo', 'hi'] : [])];
  const rows = s.x.map((x, i) => [x, s.y[i], ...(band ? [s.lo![i], s.hi![i]] : [])]);
  return toCsv(columns, rows);
}

/** The columns a packed Monte Carlo setting (`n=7,f=2,m=3,k=3,d=10,sinα=0.95,gaussian[,r=2]`) becomes. */
const SETTING_COLUMNS: [key: string, column: string][] = [['n', 'n'], ['f', 'f'], ['m', 'm'], ['k', 'k'], ['d', 'd'], ['sinα', 'sin α'], ['family', 'noise family'], ['r', 'r']];

/** A packed setting as its parameters, or undefined when the text is not one. */
export function parseSetting(text: unknown): Record<string, number | string> | undefined {
  if (typeof text !== 'string') return undefined;
  const out: Record<string, number | string> = {};
  for (const item of text.split(',')) {
    const m = /^([a-zA-Zα]+)=(-?[\d.e+-]+)$/.exec(item);
    if (m) out[m[1]] = Number(m[2]);
    else if (/^[a-z][a-z0-9-]*$/.test(item) && out.family === undefined) out.family = item;
    else return undefined;
  }
  return ['n', 'f', 'd'].every((k) => typeof out[k] === 'number') ? out : undefined;
}

/**
 * A table whose `setting` column packs the parameters of a Monte Carlo
 * setting gets one column per parameter instead (n, f, m, k, d, sin α, noise
 * family, and r for moment rows), so the CSV plots directly. Other tables
 * are returned as they are.
 *
 * @example expandSettings(['setting', 'x'], [['n=7,f=2,m=3,k=3,d=10,sinα=0.95,gaussian', 1]]).columns // ['n', 'f', 'm', 'k', 'd', 'sin α', 'noise family', 'x']
 */
export function expandSettings(columns: readonly string[], rows: readonly (readonly unknown[])[]): { columns: string[]; rows: unknown[][] } {
  const at = columns.indexOf('setting');
  const parsed = at < 0 ? [] : rows.map((r) => parseSetting(r[at]));
  if (at < 0 || rows.length === 0 || parsed.some((p) => p === undefined)) return { columns: [...columns], rows: rows.map((r) => [...r]) };
  const keys = SETTING_COLUMNS.filter(([k]) => parsed.some((p) => p![k] !== undefined));
  return {
    columns: [...columns.slice(0, at), ...keys.map(([, c]) => c), ...columns.slice(at + 1)],
    rows: rows.map((r, i) => [...r.slice(0, at), ...keys.map(([k]) => parsed[i]![k] ?? ''), ...r.slice(at + 1)]),
  };
}

/**
 * Every measured series and evidence table of a result, as files
 * `<claim>--<check>--<reading>--<series>.csv` and
 * `<claim>--<check>--<reading>--table.csv`.
 */
export function resultCsvFiles(r: CheckResult): { file: string; text: string }[] {
  const files: { file: string; text: string }[] = [];
  const used = new Set<string>();
  const unique = (base: string) => {
    let name = base;
    for (let k = 2; used.has(name); k++) name = `${base}-${k}`;
    used.add(name);
    return `${name}.csv`;
  };
  for (const s of r.series ?? []) files.push({ file: unique(figureSlug(r.claimId, r.check, r.reading, s.name)), text: seriesCsv(s) });
  if (r.table) {
    const t = expandSettings(r.table.columns, r.table.rows);
    files.push({ file: unique(figureSlug(r.claimId, r.check, r.reading, 'table')), text: toCsv(t.columns, t.rows) });
  }
  return files;
}
