import * as fs from 'node:fs';
import { aggregathor } from '../rules/aggregathor';
import { average } from '../rules/average';
import { bulyan } from '../rules/bulyan';
import { RULE_NAMES } from '../rules/catalogue';
import { aggregateNamed, CATALOGUE_RULE_NAMES, displayName, parseRuleName, PREAGGREGATOR_NAMES } from '../rules/index';
import { coordinateMedian, trimmedMean } from '../rules/coordinatewise';
import { geometricMedian } from '../rules/geometricMedian';
import { krum, multiKrum } from '../rules/krum';
import type { DistanceKind } from '../rules/pairwise';
import type { Aggregation } from '../rules/types';
import { toPlainJson } from '../parallel/plainJson';
import { formatBytes, integerOption, memoryLimits, parseOrExplain, type MemoryLimits } from './options';
import { UserError } from './userError';
import { readVectors } from './vectorFile';

export interface AggregateOptions {
  file: string;
  rule: string;
  f?: number;
  m?: number;
  k?: number;
  distance?: DistanceKind;
  scoreUpdate?: 'incremental' | 'recompute' | 'frozen';
  byzantine?: number[];
  json: boolean;
}

/** The options each rule reads (besides --json and --help): any other is refused, naming these. */
export const RULE_OPTIONS: Record<string, readonly string[]> = {
  average: [],
  median: ['f'],
  'trimmed-mean': ['f'],
  'geometric-median': ['f'],
  krum: ['f', 'k', 'distance', 'byzantine'],
  'multi-krum': ['f', 'm', 'k', 'distance', 'byzantine'],
  bulyan: ['f', 'distance'],
  aggregathor: ['f', 'm', 'score-update', 'distance'],
};
const RULE_OPTIONS_ALL = { f: 1, m: 1, k: 1, distance: 1, 'score-update': 1, byzantine: 1 };

/** Parses `aggregate [file] --rule R --f F [--m M] [--k K] [--distance D] [--score-update U] [--byzantine i,j] [--json]`. */
export function parseAggregateOptions(args: string[]): AggregateOptions & { help: boolean } {
  const { values, positionals } = parseOrExplain({
    args,
    allowPositionals: true,
    options: {
      rule: { type: 'string', short: 'r' },
      f: { type: 'string' },
      m: { type: 'string' },
      k: { type: 'string' },
      distance: { type: 'string' },
      'score-update': { type: 'string' },
      byzantine: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (positionals.length > 1) throw new UserError(`aggregate takes one vector file; got ${positionals.length} (see aggregate --help)`);
  const rule = values.rule ?? 'multi-krum';
  requireKnownRule(rule);
  const distance = values.distance;
  if (distance !== undefined && distance !== 'squared' && distance !== 'euclidean') throw new UserError(`--distance needs squared or euclidean; got "${distance}"`);
  const scoreUpdate = values['score-update'];
  if (scoreUpdate !== undefined && scoreUpdate !== 'incremental' && scoreUpdate !== 'recompute' && scoreUpdate !== 'frozen') throw new UserError(`--score-update needs incremental, recompute or frozen; got "${scoreUpdate}"`);
  const given = Object.keys(RULE_OPTIONS_ALL).filter((k) => (values as Record<string, unknown>)[k] !== undefined);
  // The rules of the catalogue beyond the paper's (docs/rules.md) and their compositions take f only.
  const applies = RULE_OPTIONS[rule] ?? ['f'];
  const stray = given.filter((k) => !applies.includes(k));
  if (stray.length > 0 && !values.help)
    throw new UserError(
      `--rule ${rule} does not use ${stray.map((k) => `--${k}`).join(', ')}; ${applies.length > 0 ? `its options are ${applies.map((k) => `--${k}`).join(', ')}` : 'it takes no options'} (see aggregate --help)`,
    );
  const byzantine = values.byzantine?.split(',').map((s, i) => integerOption(`byzantine (entry ${i + 1})`, s.trim(), 0, 1e9)!);
  return {
    file: positionals[0] ?? '-',
    rule,
    f: integerOption('f', values.f, 0, 1e9),
    m: integerOption('m', values.m, 1, 1e9),
    k: integerOption('k', values.k, 1, 1e9),
    distance,
    scoreUpdate,
    byzantine,
    json: values.json ?? false,
    help: values.help ?? false,
  };
}

/**
 * Applies a named rule to vectors with its parameters; returns the rule's own
 * aggregate and diagnostics (the same functions the checks use). Inadmissible
 * n, f, m, k throw the rule's AdmissibilityError (one line).
 */
export function applyRule(vectors: Float64Array[], o: AggregateOptions): { name: string; result: Aggregation<unknown> } {
  const needF = () => {
    if (o.f === undefined) throw new UserError(`aggregate --rule ${o.rule} needs --f (the number of Byzantine inputs tolerated)`);
    return o.f;
  };
  switch (o.rule) {
    case 'average':
      return { name: 'AVERAGE', result: average(vectors) };
    case 'median':
      return { name: 'MEDIAN', result: coordinateMedian(vectors, needF()) };
    case 'trimmed-mean':
      return { name: 'TRIMMED-MEAN', result: trimmedMean(vectors, needF()) };
    case 'geometric-median':
      return { name: 'GEOMETRIC-MEDIAN', result: geometricMedian(vectors, { f: needF() }) };
    case 'krum':
      return { name: 'KRUM', result: krum(vectors, { f: needF(), k: o.k, distance: o.distance, byzantine: o.byzantine }) };
    case 'multi-krum':
      return { name: 'MULTI-KRUM', result: multiKrum(vectors, { f: needF(), m: o.m, k: o.k, distance: o.distance, byzantine: o.byzantine }) };
    case 'bulyan':
      return { name: 'BULYAN', result: bulyan(vectors, { f: needF(), distance: o.distance }) };
    case 'aggregathor':
      return { name: 'AGGREGATHOR', result: aggregathor(vectors, { f: needF(), m: o.m, scoreUpdate: o.scoreUpdate, distance: o.distance }) };
    default:
      requireKnownRule(o.rule);
      return { name: displayName(o.rule), result: aggregateNamed(o.rule, vectors, needF()) };
  }
}

/** A paper rule, a rule of the catalogue, or pre-aggregators then a rule (`nnm+multi-krum`); else one line. */
function requireKnownRule(rule: string): void {
  if ((RULE_NAMES as readonly string[]).includes(rule)) return;
  try {
    parseRuleName(rule);
  } catch {
    throw new UserError(`--rule needs one of ${CATALOGUE_RULE_NAMES.join(', ')}, optionally after pre-aggregators (${PREAGGREGATOR_NAMES.join(', ')}) joined by +; got "${rule}"`);
  }
}

/** One part of an aggregation's memory: what it is and its bytes. */
export interface MemoryPart {
  what: string;
  bytes: number;
  /** On the JavaScript heap (limited per thread) rather than in typed-array buffers (limited by the machine). */
  heap: boolean;
}

/** The largest n whose n×n distance matrix fits in one Float64Array (2^32 elements in node 20). */
export const MAX_DISTANCE_N = 65536;

const DISTANCE_RULES = ['krum', 'multi-krum', 'bulyan', 'aggregathor'];

/**
 * The memory `aggregate` needs, part by part, for n vectors in dimension d
 * under a rule (k: neighbours per score, default n − f − 2):
 *
 * - the vectors, as read and as kept: 16 n d bytes;
 * - the n×n distance matrix (KRUM, MULTI-KRUM, BULYAN, AGGREGATHOR): 8 n² bytes, in a typed array;
 * - the neighbour lists of the diagnostics (KRUM, MULTI-KRUM, AGGREGATHOR):
 *   n·k indices, 8 bytes each in a JS array, again as plain JSON for the
 *   output, and once more while printed (24 n k bytes on the heap);
 *   BULYAN's scoring rounds build such lists one round at a time (8 n k);
 * - AGGREGATHOR's scores at each of its θ = n − 2f − 2 rounds, kept and printed: 24 n θ bytes.
 *
 * Measured: MULTI-KRUM of n = 4,000 vectors (d = 10) peaked at 475 MB resident, text or --json; the estimate is 512 MB.
 */
export function aggregateMemory(rule: string, n: number, d: number, o: { f?: number; k?: number } = {}): MemoryPart[] {
  const f = o.f ?? 0;
  const k = Math.max(0, o.k ?? n - f - 2);
  const theta = Math.max(0, n - 2 * f - 2);
  const label = rule.toUpperCase();
  const parts: MemoryPart[] = [{ what: 'the vectors', bytes: 16 * n * d, heap: false }];
  if (DISTANCE_RULES.includes(rule)) parts.push({ what: `the n×n distances (${label})`, bytes: 8 * n * n, heap: false });
  if (['krum', 'multi-krum', 'aggregathor'].includes(rule)) parts.push({ what: `the n×k neighbour lists of the diagnostics (${label}, k = ${k})`, bytes: 24 * n * k, heap: true });
  if (rule === 'bulyan') parts.push({ what: `the neighbour lists of a scoring round (${label})`, bytes: 8 * n * k, heap: true });
  if (rule === 'aggregathor') parts.push({ what: `the scores of every round (${label}, θ = ${theta})`, bytes: 24 * n * theta, heap: true });
  return parts;
}

/**
 * Refuses, in one line, an aggregation whose memory estimate ({@link
 * aggregateMemory}) passes the limits (options.ts {@link memoryLimits}): the
 * heap parts against one thread's heap limit, everything against the
 * machine's share. A distance matrix too large for any typed array is
 * refused whatever the limits.
 */
export function checkAggregateMemory(rule: string, n: number, d: number, o: { f?: number; k?: number } = {}, limits: MemoryLimits = memoryLimits()): void {
  if (DISTANCE_RULES.includes(rule) && n > MAX_DISTANCE_N)
    throw new UserError(`aggregate: n = ${n} vectors is more than ${rule.toUpperCase()} can take: its n×n distance matrix (${formatBytes(8 * n * n)}) must fit one typed array, so n <= ${MAX_DISTANCE_N}`);
  const parts = aggregateMemory(rule, n, d, o);
  const heap = parts.filter((p) => p.heap).reduce((s, p) => s + p.bytes, 0);
  const total = parts.reduce((s, p) => s + p.bytes, 0);
  const shown = [...parts].sort((a, b) => b.bytes - a.bytes).filter((p) => p.bytes >= 0.1 * total);
  const why = shown.map((p) => `${formatBytes(p.bytes)} for ${p.what}`).join(', ');
  const head = `aggregate: n = ${n} vectors of d = ${d} need about ${formatBytes(total)} (${why})`;
  if (total > limits.total) throw new UserError(`${head}; the limit is ${formatBytes(limits.total)} (${limits.totalSource})`);
  if (heap > limits.perThread) throw new UserError(`${head}, ${formatBytes(heap)} of it on the JavaScript heap; the limit is ${formatBytes(limits.perThread)} (${limits.perThreadSource})`);
}

function inline(x: unknown): string {
  if (typeof x === 'number') return Number.isInteger(x) ? String(x) : Number(x.toPrecision(8)).toString();
  if (Array.isArray(x)) return `[${x.map(inline).join(', ')}]`;
  if (x && typeof x === 'object') return `{ ${Object.entries(x).map(([k, v]) => `${k}: ${inline(v)}`).join(', ')} }`;
  return String(x);
}

/** Diagnostics with more values than this are summarised in the text output (a MULTI-KRUM of 10,000 vectors lists 10⁸ neighbour indices). */
export const TEXT_VALUES_LIMIT = 10_000;

/** How many numbers or strings x holds, counting no further than `stop`. */
function countValues(x: unknown, stop: number): number {
  if (Array.isArray(x)) {
    let c = 0;
    for (const v of x) {
      c += countValues(v, stop - c);
      if (c > stop) return c;
    }
    return c;
  }
  if (x && typeof x === 'object') return countValues(Object.values(x), stop);
  return 1;
}

/** The shape of an array, e.g. `10000 × 9995`. */
function shapeOf(x: unknown[]): string {
  const inner = x.find((v) => Array.isArray(v)) as unknown[] | undefined;
  return inner ? `${x.length} × ${inner.length}` : `${x.length}`;
}

/** A diagnostic in one line, or its shape when it is too long to read as text. */
function textValue(x: unknown): string {
  if (countValues(x, TEXT_VALUES_LIMIT) <= TEXT_VALUES_LIMIT) return inline(x);
  return Array.isArray(x) ? `(${shapeOf(x)} values: too many to print as text; --json prints them all)` : '(too many values to print as text; --json prints them all)';
}

/**
 * Writes x as `JSON.stringify(x, null, 2)` would, piece by piece through
 * `print` (in blocks of about 64 KB), so that output larger than the longest
 * string V8 can make (2^29 characters: MULTI-KRUM's neighbour lists at
 * n = 10,000) is written all the same.
 */
export function writeJson(x: unknown, print: (s: string) => void): void {
  let buffer = '';
  const out = (s: string) => {
    buffer += s;
    if (buffer.length >= 65536) {
      print(buffer);
      buffer = '';
    }
  };
  const walk = (v: unknown, indent: string): void => {
    if (v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function') v = (v as { toJSON: () => unknown }).toJSON();
    if (Array.isArray(v)) {
      if (v.length === 0) return out('[]');
      const inner = `${indent}  `;
      out('[\n');
      v.forEach((e, i) => {
        out(inner);
        if (e === undefined || typeof e === 'function' || typeof e === 'symbol') out('null');
        else walk(e, inner);
        out(i < v.length - 1 ? ',\n' : '\n');
      });
      return out(`${indent}]`);
    }
    if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v).filter(([, e]) => e !== undefined && typeof e !== 'function' && typeof e !== 'symbol');
      if (entries.length === 0) return out('{}');
      const inner = `${indent}  `;
      out('{\n');
      entries.forEach(([k, e], i) => {
        out(`${inner}${JSON.stringify(k)}: `);
        walk(e, inner);
        out(i < entries.length - 1 ? ',\n' : '\n');
      });
      return out(`${indent}}`);
    }
    out(JSON.stringify(v) ?? 'null');
  };
  walk(x, '');
  out('\n');
  if (buffer) print(buffer);
}

/**
 * Writes to standard output synchronously, waiting while a pipe is full:
 * process.stdout.write would queue the whole output in memory when the
 * reader is slower (1.3 GB of --json for MULTI-KRUM at n = 10,000 ran out
 * of heap behind `| wc -c`). A reader that goes away (`| head`) ends the
 * program quietly.
 */
export function writeStdoutSync(s: string): void {
  const data = Buffer.from(s, 'utf8');
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let off = 0; off < data.length; ) {
    try {
      off += fs.writeSync(1, data, off, data.length - off);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') process.exit(0); // the reader is gone (`| head`): nothing more to say, as other Unix tools
      if (code !== 'EAGAIN') throw error;
      Atomics.wait(pause, 0, 0, 2);
    }
  }
}

/** The `aggregate` subcommand: reads vectors, applies the rule, prints the aggregate and diagnostics (text or --json). */
export function aggregateCommand(
  o: AggregateOptions,
  print: (s: string) => void = writeStdoutSync,
  notice: (line: string) => void = (line) => process.stderr.write(`notice: ${line}\n`),
): void {
  const vectors = readVectors(o.file, notice);
  checkAggregateMemory(o.rule, vectors.length, vectors[0].length, o);
  const { name, result } = applyRule(vectors, o);
  const plain = toPlainJson({ rule: name, n: vectors.length, d: vectors[0].length, f: o.f ?? null, aggregate: result.aggregate, diagnostics: result.diagnostics }) as Record<string, unknown>;
  if (o.json) {
    writeJson(plain, print);
    return;
  }
  print(`${name} of n = ${plain.n} vectors in d = ${plain.d}${o.f !== undefined ? `, f = ${o.f}` : ''}\naggregate: ${inline(plain.aggregate)}\ndiagnostics:\n`);
  for (const [k, v] of Object.entries(plain.diagnostics as Record<string, unknown>)) print(`  ${k}: ${textValue(v)}\n`);
}
