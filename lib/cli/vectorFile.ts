import * as fs from 'node:fs';
import { UserError } from './userError';

/**
 * Parses one number of a vector file. Besides JSON/CSV numbers it accepts
 * `NaN`, `Infinity`, `-Infinity`, `inf`, `-inf` (any case) and, in JSON,
 * `null` as NaN (what JSON.stringify writes for NaN): non-finite values are
 * legitimate Byzantine input, not errors.
 */
export function parseEntry(x: unknown): number | undefined {
  if (typeof x === 'number') return x;
  if (x === null) return NaN;
  if (typeof x !== 'string') return undefined;
  const s = x.trim().toLowerCase();
  if (s === 'nan') return NaN;
  if (s === 'infinity' || s === 'inf' || s === '+infinity' || s === '+inf') return Infinity;
  if (s === '-infinity' || s === '-inf') return -Infinity;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(s)) return undefined;
  return Number(s);
}

function checkShape(rows: number[][], where: string): Float64Array[] {
  if (rows.length === 0) throw new UserError(`malformed vector input ${where}: no vectors`);
  const d = rows[0].length;
  if (d === 0) throw new UserError(`malformed vector input ${where}: vector 1 is empty`);
  rows.forEach((r, i) => {
    if (r.length !== d) throw new UserError(`malformed vector input ${where}: vector ${i + 1} has ${r.length} values, vector 1 has ${d}`);
  });
  return rows.map((r) => Float64Array.from(r));
}

/**
 * Vectors from JSON text: an array of arrays of numbers, or an object whose
 * `vectors` field is one.
 *
 * @example parseVectorJson('[[1, 2], [3, "NaN"]]') // [Float64Array [1, 2], Float64Array [3, NaN]]
 */
export function parseVectorJson(text: string, where = ''): Float64Array[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UserError(`malformed vector input ${where}: not valid JSON (${(error as Error).message.split('\n')[0]})`);
  }
  const rows = Array.isArray(value) ? value : (value as { vectors?: unknown })?.vectors;
  if (!Array.isArray(rows)) throw new UserError(`malformed vector input ${where}: expected an array of vectors or { "vectors": [...] }`);
  return checkShape(
    rows.map((row, i) => {
      if (!Array.isArray(row)) throw new UserError(`malformed vector input ${where}: vector ${i + 1} is not an array`);
      return row.map((x, j) => {
        const v = parseEntry(x);
        if (v === undefined) throw new UserError(`malformed vector input ${where}: vector ${i + 1}, entry ${j + 1} is not a number (${JSON.stringify(x)})`);
        return v;
      });
    }),
    where,
  );
}

/**
 * Vectors from CSV text: one vector per line, values separated by commas
 * (or semicolons, tabs, spaces); blank lines and lines starting with `#` are
 * skipped; a first line with no number at all is taken as a header.
 *
 * @example parseVectorCsv('x,y\n1,2\n3,NaN') // [Float64Array [1, 2], Float64Array [3, NaN]]
 */
export function parseVectorCsv(text: string, where = ''): Float64Array[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const rows: number[][] = [];
  let headerAllowed = true;
  lines.forEach((raw, k) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const fields = line.split(/\s*[,;\t]\s*|\s+/);
    const values = fields.map(parseEntry);
    if (headerAllowed && values.every((v) => v === undefined)) {
      headerAllowed = false;
      return;
    }
    headerAllowed = false;
    const bad = values.findIndex((v) => v === undefined);
    if (bad >= 0) throw new UserError(`malformed vector input ${where}: line ${k + 1}, field ${bad + 1} is not a number (${JSON.stringify(fields[bad])})`);
    rows.push(values as number[]);
  });
  return checkShape(rows, where);
}

/**
 * Reads vectors from a file (`.json` or `.csv`; otherwise by content) or
 * from standard input when `file` is `-`.
 */
export function readVectors(file: string): Float64Array[] {
  const where = file === '-' ? '(standard input)' : `in ${file}`;
  let text: string;
  try {
    text = fs.readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(`cannot read vectors from ${file === '-' ? 'standard input' : file}: ${code === 'ENOENT' ? 'no such file' : code ?? (error as Error).message}`);
  }
  const json = /\.json$/i.test(file) || (!/\.csv$/i.test(file) && /^\s*[[{]/.test(text));
  return json ? parseVectorJson(text, where) : parseVectorCsv(text, where);
}
