import * as fs from 'node:fs';
import { constants as bufferConstants } from 'node:buffer';
import { formatBytes, memoryLimits } from './options';
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
  if (s === 'nan' || s === '+nan' || s === '-nan') return NaN;
  if (s === 'infinity' || s === 'inf' || s === '+infinity' || s === '+inf') return Infinity;
  if (s === '-infinity' || s === '-inf') return -Infinity;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(s)) return undefined;
  return Number(s);
}

/** Rows with the line each starts on (1-based), for messages. */
interface Rows {
  rows: number[][];
  lines: number[];
}

const BOM = '\uFEFF';

/** `name, line 3` or `name` alone. */
const at = (where: string, line?: number) => (line === undefined ? where : `${where}, line ${line}`);

/** What a value read as, in one short piece (long texts cut). */
function quote(x: unknown): string {
  const s = typeof x === 'string' ? JSON.stringify(x) : JSON.stringify(x) ?? String(x);
  return s.length > 40 ? `${s.slice(0, 39)}…` : s;
}

function checkShape({ rows, lines }: Rows, where: string): Float64Array[] {
  if (rows.length === 0) throw new UserError(`${where}: no vectors (the input has no numbers)`);
  const d = rows[0].length;
  if (d === 0) throw new UserError(`${at(where, lines[0])}: vector 1 is empty`);
  rows.forEach((r, i) => {
    if (r.length !== d) throw new UserError(`${at(where, lines[i])}: vector ${i + 1} has ${r.length} value${r.length === 1 ? '' : 's'}, vector 1 has ${d} (line ${lines[0]}); every vector needs the same length`);
  });
  return rows.map((r) => Float64Array.from(r));
}

/**
 * A small JSON reader that knows the line of every array element (so a
 * message can say "line 7: vector 3 …") and reads the texts Python's json
 * module writes for non-finite numbers (`NaN`, `Infinity`, `-Infinity`).
 */
class JsonReader {
  private i = 0;
  private line = 1;
  /** The line each element of an array starts on. */
  readonly elementLines = new WeakMap<unknown[], number[]>();
  constructor(private readonly text: string, private readonly where: string) {}

  read(): unknown {
    this.space();
    if (this.i >= this.text.length) this.fail('no content (the input is empty)');
    const v = this.value();
    this.space();
    if (this.i < this.text.length) this.fail(`unexpected ${quote(this.text.slice(this.i, this.i + 12))} after the end of the JSON value`);
    return v;
  }

  private fail(what: string): never {
    throw new UserError(`${at(this.where, this.line)}: not valid JSON (${what})`);
  }

  private space(): void {
    const t = this.text;
    while (this.i < t.length) {
      const c = t.charCodeAt(this.i);
      if (c === 10) this.line++;
      else if (c !== 32 && c !== 9 && c !== 13) break;
      this.i++;
    }
  }

  private value(): unknown {
    const t = this.text;
    const c = t[this.i];
    if (c === '[') {
      this.i++;
      const out: unknown[] = [];
      const lines: number[] = [];
      this.space();
      if (t[this.i] === ']') {
        this.i++;
        this.elementLines.set(out, lines);
        return out;
      }
      for (;;) {
        this.space();
        lines.push(this.line);
        out.push(this.value());
        this.space();
        if (t[this.i] === ',') { this.i++; continue; }
        if (t[this.i] === ']') { this.i++; break; }
        this.fail(this.i >= t.length ? 'the input ends inside an array: a "]" is missing' : `expected "," or "]" in an array, found ${quote(t[this.i])}`);
      }
      this.elementLines.set(out, lines);
      return out;
    }
    if (c === '{') {
      this.i++;
      const out: Record<string, unknown> = {};
      this.space();
      if (t[this.i] === '}') { this.i++; return out; }
      for (;;) {
        this.space();
        if (t[this.i] !== '"') this.fail(this.i >= t.length ? 'the input ends inside an object: a "}" is missing' : `expected a quoted key in an object, found ${quote(t[this.i])}`);
        const key = this.string();
        this.space();
        if (t[this.i] !== ':') this.fail(`expected ":" after the key ${quote(key)}`);
        this.i++;
        this.space();
        out[key] = this.value();
        this.space();
        if (t[this.i] === ',') { this.i++; continue; }
        if (t[this.i] === '}') { this.i++; break; }
        this.fail(this.i >= t.length ? 'the input ends inside an object: a "}" is missing' : `expected "," or "}" in an object, found ${quote(t[this.i])}`);
      }
      return out;
    }
    if (c === '"') return this.string();
    const word = /^(?:-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|true|false|null|[+-]?NaN|[+-]?Infinity)/.exec(t.slice(this.i, this.i + 400));
    if (!word) this.fail(this.i >= t.length ? 'the input ends where a value is expected' : `unexpected ${quote(t.slice(this.i, this.i + 12))}`);
    this.i += word[0].length;
    const w = word[0];
    if (w === 'true') return true;
    if (w === 'false') return false;
    if (w === 'null') return null;
    if (/NaN/.test(w)) return NaN;
    if (/Infinity/.test(w)) return w.startsWith('-') ? -Infinity : Infinity;
    if (/^-?(\d+\.|\.)/.test(w) && !/^-?\d+\.\d/.test(w) && !/^-?\d+$/.test(w)) this.fail(`${quote(w)} is not a JSON number (write 0.5 or 1.0)`);
    return Number(w);
  }

  private string(): string {
    const t = this.text;
    let j = this.i + 1;
    while (j < t.length && t[j] !== '"') {
      if (t[j] === '\\') j++;
      else if (t[j] === '\n') this.fail('a string runs past the end of its line');
      j++;
    }
    if (j >= t.length) this.fail('the input ends inside a string: a closing quote is missing');
    let s: string;
    try {
      s = JSON.parse(t.slice(this.i, j + 1)) as string;
    } catch {
      this.fail(`bad escape in the string ${quote(t.slice(this.i, j + 1))}`);
    }
    this.i = j + 1;
    return s;
  }
}

/**
 * Vectors from JSON text: an array of arrays of numbers, or an object whose
 * `vectors` field is one. `NaN`, `Infinity`, `-Infinity` (bare, as Python
 * writes them, or as strings) and `null` read as non-finite values. Every
 * error names the line.
 *
 * @example parseVectorJson('[[1, 2], [3, "NaN"]]') // [Float64Array [1, 2], Float64Array [3, NaN]]
 */
export function parseVectorJson(text: string, where = '(input)'): Float64Array[] {
  const reader = new JsonReader(text.startsWith(BOM) ? text.slice(1) : text, where);
  const value = reader.read();
  const rows = Array.isArray(value) ? value : (value as { vectors?: unknown })?.vectors;
  if (!Array.isArray(rows)) {
    const what = Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value === 'object' ? `an object with keys ${Object.keys(value as object).slice(0, 5).map((k) => quote(k)).join(', ') || '(none)'}` : `${typeof value} ${quote(value)}`;
    throw new UserError(`${where}: expected an array of vectors or { "vectors": [...] }; found ${what}`);
  }
  const lines = reader.elementLines.get(rows) ?? [];
  const parsed = rows.map((row, i) => {
    if (!Array.isArray(row)) throw new UserError(`${at(where, lines[i])}: vector ${i + 1} is not an array (found ${quote(row)})`);
    const entryLines = reader.elementLines.get(row) ?? [];
    return row.map((x, j) => {
      const v = parseEntry(x);
      if (v === undefined) throw new UserError(`${at(where, entryLines[j] ?? lines[i])}: vector ${i + 1}, entry ${j + 1} is not a number (${quote(x)})`);
      return v;
    });
  });
  return checkShape({ rows: parsed, lines }, where);
}

/**
 * Vectors from CSV text: one vector per line, values separated by commas
 * (or semicolons, tabs, spaces); blank lines and lines starting with `#` are
 * skipped; a first line with no number at all is taken as a header. A
 * byte-order mark is dropped. Decimal commas (`1,5;2,5`) are refused with a
 * message saying so, as is every cell that is not a number, naming its line
 * and field.
 *
 * @example parseVectorCsv('x,y\n1,2\n3,NaN') // [Float64Array [1, 2], Float64Array [3, NaN]]
 */
export function parseVectorCsv(text: string, where = '(input)'): Float64Array[] {
  const body = text.startsWith(BOM) ? text.slice(1) : text;
  const lines = body.split(/\r\n|\r|\n/);
  const rows: number[][] = [];
  const rowLines: number[] = [];
  let headerAllowed = true;
  lines.forEach((raw, k) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const decimalComma =
      (/[;\t]/.test(line) && /(^|[;\t"])\s*"?[+-]?\d+,\d+"?\s*(?=[;\t"]|$)/.test(line)) || /^[+-]?\d+,\d+(\s+[+-]?\d+,\d+)+$/.test(line);
    if (decimalComma) {
      const example = /[+-]?\d+,\d+/.exec(line)![0];
      throw new UserError(`${at(where, k + 1)}: looks like decimal commas (${example} for ${example.replace(',', '.')}); write numbers with a decimal point`);
    }
    const fields = line.split(/\s*[,;\t]\s*|\s+/).map((s) => (/^"[^"]*"$/.test(s) ? s.slice(1, -1) : s));
    const values = fields.map(parseEntry);
    if (headerAllowed && values.every((v) => v === undefined)) {
      headerAllowed = false;
      return;
    }
    headerAllowed = false;
    const bad = values.findIndex((v) => v === undefined);
    if (bad >= 0) {
      const what = fields[bad] === '' ? 'is empty (two separators in a row, or one at the end of the line?)' : `is not a number (${quote(fields[bad])})`;
      throw new UserError(`${at(where, k + 1)}, field ${bad + 1} ${what}`);
    }
    rows.push(values as number[]);
    rowLines.push(k + 1);
  });
  return checkShape({ rows, lines: rowLines }, where);
}

/** Whether text (after a byte-order mark and blanks) starts like JSON: `[` or `{`. */
function looksLikeJson(text: string): boolean {
  return /^\uFEFF?\s*[[{]/.test(text);
}

/**
 * Reads vectors from a file (`.json` or `.csv`; otherwise by content) or
 * from standard input when `file` is `-`. A `.csv` file holding JSON is read
 * as JSON, with a notice. A file too large to read into memory is refused
 * before it is read.
 */
export function readVectors(file: string, notice: (line: string) => void = () => {}): Float64Array[] {
  const name = file === '-' ? 'standard input' : file;
  const cannot = (why: string) => new UserError(`cannot read vectors from ${name}: ${why}`);
  if (file !== '-') {
    let size: number;
    try {
      const st = fs.statSync(file);
      if (st.isDirectory()) throw cannot('it is a folder');
      size = st.size;
    } catch (error) {
      if (error instanceof UserError) throw error;
      const code = (error as NodeJS.ErrnoException).code;
      throw cannot(code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code ?? (error as Error).message);
    }
    checkInputSize(size, name);
  }
  let text: string;
  try {
    text = fs.readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ERR_STRING_TOO_LONG' || /string longer than/i.test((error as Error).message)) throw cannot(`the input is larger than ${formatBytes(MAX_TEXT)}, the largest text this program can read at once`);
    throw cannot(code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : code ?? (error as Error).message);
  }
  if (file === '-') checkInputSize(Buffer.byteLength(text), name);
  if (text.replace(BOM, '').trim() === '') throw new UserError(`${name}: empty, no vectors`);
  const isJsonName = /\.json$/i.test(file), isCsvName = /\.csv$/i.test(file);
  if (isCsvName && looksLikeJson(text)) {
    notice(`${name} holds JSON, not CSV (it starts with "${text.replace(BOM, '').trim()[0]}"): read as JSON`);
    return parseVectorJson(text, name);
  }
  const json = isJsonName || (!isCsvName && looksLikeJson(text));
  return json ? parseVectorJson(text, name) : parseVectorCsv(text, name);
}

/** The longest string V8 can make (characters): a larger input cannot be read as one text. */
const MAX_TEXT = Math.min(bufferConstants.MAX_STRING_LENGTH, 2 ** 29 - 24);

/**
 * Parsing keeps the text and every number as a JS number in an array (8
 * bytes and more each; a number takes at least 2 characters of text), so
 * parsing needs up to about 9 times the input size: refused up front when
 * that passes the heap limit, or when the text is longer than a string can be.
 */
function checkInputSize(bytes: number, name: string): void {
  if (bytes > MAX_TEXT) throw new UserError(`cannot read vectors from ${name}: ${formatBytes(bytes)} is larger than ${formatBytes(MAX_TEXT)}, the largest text this program can read at once`);
  const limits = memoryLimits();
  const need = 9 * bytes;
  if (need > limits.perThread)
    throw new UserError(`cannot read vectors from ${name}: ${formatBytes(bytes)} of text need about ${formatBytes(need)} to parse; the limit is ${formatBytes(limits.perThread)} (${limits.perThreadSource})`);
}
