import { aggregathor } from '../rules/aggregathor';
import { average } from '../rules/average';
import { bulyan } from '../rules/bulyan';
import { RULE_NAMES } from '../rules/catalogue';
import { coordinateMedian, trimmedMean } from '../rules/coordinatewise';
import { geometricMedian } from '../rules/geometricMedian';
import { krum, multiKrum } from '../rules/krum';
import type { DistanceKind } from '../rules/pairwise';
import type { Aggregation } from '../rules/types';
import { toPlainJson } from '../parallel/plainJson';
import { integerOption, parseOrExplain } from './options';
import { UserError } from './userError';
import { readVectors } from './vectorFile';

export interface AggregateOptions {
  file: string;
  rule: string;
  f?: number;
  m?: number;
  k?: number;
  distance?: DistanceKind;
  scoreUpdate?: 'incremental' | 'recompute';
  byzantine?: number[];
  json: boolean;
}

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
  if (!(RULE_NAMES as readonly string[]).includes(rule)) throw new UserError(`--rule needs one of ${RULE_NAMES.join(', ')}; got "${rule}"`);
  const distance = values.distance;
  if (distance !== undefined && distance !== 'squared' && distance !== 'euclidean') throw new UserError(`--distance needs squared or euclidean; got "${distance}"`);
  const scoreUpdate = values['score-update'];
  if (scoreUpdate !== undefined && scoreUpdate !== 'incremental' && scoreUpdate !== 'recompute') throw new UserError(`--score-update needs incremental or recompute; got "${scoreUpdate}"`);
  const byzantine = values.byzantine?.split(',').map((s, i) => integerOption(`byzantine (entry ${i + 1})`, s, 0, 1e9)!);
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
      throw new UserError(`--rule needs one of ${RULE_NAMES.join(', ')}; got "${o.rule}"`);
  }
}

function inline(x: unknown): string {
  if (typeof x === 'number') return Number.isInteger(x) ? String(x) : Number(x.toPrecision(8)).toString();
  if (Array.isArray(x)) return `[${x.map(inline).join(', ')}]`;
  if (x && typeof x === 'object') return `{ ${Object.entries(x).map(([k, v]) => `${k}: ${inline(v)}`).join(', ')} }`;
  return String(x);
}

/** The `aggregate` subcommand: reads vectors, applies the rule, prints the aggregate and diagnostics (text or --json). */
export function aggregateCommand(o: AggregateOptions, print: (s: string) => void = (s) => process.stdout.write(s)): void {
  const vectors = readVectors(o.file);
  const { name, result } = applyRule(vectors, o);
  const plain = toPlainJson({ rule: name, n: vectors.length, d: vectors[0].length, f: o.f ?? null, aggregate: result.aggregate, diagnostics: result.diagnostics }) as Record<string, unknown>;
  if (o.json) {
    print(`${JSON.stringify(plain, null, 2)}\n`);
    return;
  }
  const lines = [`${name} of n = ${plain.n} vectors in d = ${plain.d}${o.f !== undefined ? `, f = ${o.f}` : ''}`, `aggregate: ${inline(plain.aggregate)}`, 'diagnostics:'];
  for (const [k, v] of Object.entries(plain.diagnostics as Record<string, unknown>)) lines.push(`  ${k}: ${inline(v)}`);
  print(`${lines.join('\n')}\n`);
}
