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
  if (r.table) files.push({ file: unique(figureSlug(r.claimId, r.check, r.reading, 'table')), text: toCsv(r.table.columns, r.table.rows) });
  return files;
}
