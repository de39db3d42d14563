import { etaRows, slowdowns, type EtaRow } from '../report/etaRows';
import { sinAlphaExact, sqrtRationalDecimal, type SinAlphaConstant } from '../constants/exact';
import { requireInteger, requireThat } from '../errors';
import { parseOrExplain } from './options';
import { UserError } from './userError';

export interface ConstantsOptions {
  n: number;
  f: number;
  m?: number;
  d?: number;
  sigma?: number;
  g?: number;
  json: boolean;
}

/** Largest n, f, m accepted (η and the slowdowns are O(1) to evaluate; beyond this the output is meaningless). */
const COUNT_MAX = 1e9;
/** Largest dimension d accepted. */
const D_MAX = 1e12;
/** The range of positive doubles, as printed in error messages. */
const DOUBLE_RANGE = `[${Number.MIN_VALUE}, ${Number.MAX_VALUE}]`;

/** An option's raw text quoted for an error message (JSON escapes keep it on one line, whatever it contains). */
const quoted = (raw: string) => JSON.stringify(raw);

/** An integer option in [lo, hi]: decimal digits only (no exponent, no fraction), or a one-line UserError naming the option and the range. */
function integerArg(name: string, raw: string | undefined, lo: number, hi: number): number | undefined {
  if (raw === undefined) return undefined;
  const text = raw.trim();
  const x = /^[+-]?\d+$/.test(text) ? Number(text) : NaN;
  if (!(Number.isSafeInteger(x) && x >= lo && x <= hi)) throw new UserError(`--${name} needs an integer in [${lo}, ${hi}]; got ${quoted(raw)}`);
  return x;
}

/**
 * A real option written in decimal (e.g. `0.5`, `1e-8`, `-3.2E+4`; no hex, no
 * `Infinity`, no `NaN`), as the double nearest to it, or a one-line UserError
 * naming the option and its admissible range. Text that is not 0 but rounds
 * to 0 or to ±Infinity (e.g. `1e-400`, `1e400`) is refused: the double would
 * not be the number typed.
 */
function realArg(name: string, raw: string | undefined, range: { positive: boolean }): number | undefined {
  if (raw === undefined) return undefined;
  const text = raw.trim();
  const admissible = range.positive ? `a number in ${DOUBLE_RANGE} (> 0)` : `0 or a number in ${DOUBLE_RANGE}`;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) throw new UserError(`--${name} needs ${admissible}, written in decimal; got ${quoted(raw)}`);
  const x = Number(text);
  const zeroText = !/[1-9]/.test(text.replace(/[eE].*$/, ''));
  if (text.startsWith('-') && !zeroText) throw new UserError(`--${name} needs ${admissible}; got ${quoted(raw)} (negative)`);
  if (!Number.isFinite(x)) throw new UserError(`--${name} needs ${admissible}; got ${quoted(raw)} (beyond the largest double)`);
  if (x === 0 && !zeroText) throw new UserError(`--${name} needs ${admissible}; got ${quoted(raw)} (below the smallest positive double)`);
  if (x === 0 && range.positive) throw new UserError(`--${name} needs ${admissible}; got ${quoted(raw)}`);
  return x === 0 ? 0 : x; // -0 → 0
}

/**
 * Parses `constants --n N --f F [--m M] [--d D --sigma S --g G] [--json]`.
 * Every mistake is a one-line error naming the option or rule and its range:
 * a {@link UserError} for unreadable text, an {@link AdmissibilityError} for
 * n, f, m outside Lemma 1's range (n >= 2f + 3, 1 <= m <= n − f − 2).
 */
export function parseConstantsOptions(args: string[]): ConstantsOptions & { help: boolean } {
  const { values, positionals } = parseOrExplain({
    args,
    allowPositionals: true,
    options: {
      n: { type: 'string' },
      f: { type: 'string' },
      m: { type: 'string' },
      d: { type: 'string' },
      sigma: { type: 'string' },
      g: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return { n: 0, f: 0, json: false, help: true };
  if (positionals.length > 0) throw new UserError(`constants takes no positional argument; got ${quoted(positionals[0])} (see constants --help)`);
  const n = integerArg('n', values.n, 3, COUNT_MAX);
  const f = integerArg('f', values.f, 0, COUNT_MAX);
  if (n === undefined || f === undefined) throw new UserError('constants needs --n and --f (e.g. constants --n 11 --f 2)');
  const m = integerArg('m', values.m, 1, COUNT_MAX);
  const scale = [values.d, values.sigma, values.g].filter((x) => x !== undefined).length;
  if (scale !== 0 && scale !== 3) throw new UserError('constants needs --d, --sigma and --g together (for sin α = η √d σ / ‖g‖)');
  const d = integerArg('d', values.d, 1, D_MAX);
  const sigma = realArg('sigma', values.sigma, { positive: false });
  const g = realArg('g', values.g, { positive: true });
  requireThat(n >= 2 * f + 3, 'MULTI-KRUM (Lemma 1, η)', 'n >= 2f + 3', { n, f });
  if (m !== undefined) requireInteger('MULTI-KRUM (Lemma 1, η)', 'm', m, 1, n - f - 2);
  return { n, f, m, d, sigma, g, json: values.json ?? false, help: false };
}

/** JSON with every non-finite number written as a string ("Infinity"), never as null. */
function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v), 2);
}

/**
 * √ of an exact fraction (`p/q`, `p`, or `sqrt(p/q)` as in ExactConstant.exact)
 * rounded once to SHOWN_DIGITS significant digits, exponent kept (`5.58…e-9`):
 * never cut, and never re-rounded from the 40-digit decimal.
 */
function shown(exact: string): string {
  const m = /^(?:sqrt\()?(\d+)(?:\/(\d+))?\)?$/.exec(exact);
  if (!m) throw new Error(`not an exact square root: ${exact}`);
  return sqrtRationalDecimal(BigInt(m[1]), BigInt(m[2] ?? '1'), SHOWN_DIGITS);
}
const SHOWN_DIGITS = 20;

/**
 * The `constants` subcommand: η(n, f) under each reading (η² exact and
 * decimal), sin α when d, σ, ‖g‖ are given, m̃ and the slowdowns of T1 (ii),
 * T2 (ii) and A1. Inadmissible n, f, m give the one-line AdmissibilityError.
 * Every number is printed whole: decimals are re-rounded to
 * {@link SHOWN_DIGITS} significant digits with their exponent (5.58…e-9), never
 * cut; sin α < 1 is decided exactly; in JSON a non-finite float (a sin α
 * beyond the range of doubles) is the string "Infinity", its exact form and
 * decimal are always there.
 */
export function constantsCommand(o: ConstantsOptions, print: (s: string) => void = (s) => process.stdout.write(s)): void {
  const m = o.m ?? o.n - o.f - 2;
  const scale = o.d !== undefined && o.sigma !== undefined && o.g !== undefined ? { d: o.d, sigma: o.sigma, gNorm: o.g } : undefined;
  // sin α from lib/constants/exact.ts directly: it carries the exact comparison with 1
  const rows: (Omit<EtaRow, 'sinAlpha'> & { sinAlpha?: SinAlphaConstant })[] = etaRows(o.n, o.f, m).map(({ sinAlpha: _none, ...r }) =>
    scale ? { ...r, sinAlpha: sinAlphaExact(o.n, o.f, scale.d, scale.sigma, scale.gNorm, m, r.reading) } : r);
  const slow = slowdowns(o.n, o.f, m);
  if (o.json) {
    print(`${toJson({ n: o.n, f: o.f, m, ...(scale ? { d: o.d, sigma: o.sigma, g: o.g } : {}), eta: rows, slowdown: slow })}\n`);
    return;
  }
  const header = ['reading', 'η² (exact)', `η (40 digits, shown to ${SHOWN_DIGITS})`, ...(scale ? ['sin α', 'sin α < 1 (Lemma 1 applies)'] : [])];
  const table = [header, ...rows.map((r) => [r.reading, r.etaSquaredExact, shown(r.etaSquaredExact), ...(r.sinAlpha ? [shown(r.sinAlpha.exact), r.sinAlpha.belowOne ? 'yes' : 'no'] : [])])];
  const widths = header.map((_, j) => Math.max(...table.map((r) => [...r[j]].length)));
  const line = (r: string[]) => r.map((x, j) => x + ' '.repeat(widths[j] - [...x].length)).join('  ').trimEnd();
  const out = [
    `n = ${o.n}, f = ${o.f}, m = ${m}${scale ? `, d = ${o.d}, σ = ${o.sigma}, ‖g‖ = ${o.g}` : ''}`,
    '',
    line(table[0]),
    ...table.slice(1).map(line),
    '',
    `MULTI-KRUM:  m̃ = n − f − 2 = ${slow.mTildeMultiKrum}, slowdown √(m̃/n) = ${slow.slowdownMultiKrum.exact} = ${shown(slow.slowdownMultiKrum.exact)} (T1 (ii))`,
    slow.mTildeAggregathor !== undefined
      ? `AGGREGATHOR: m̃ = n − 2f − 2 = ${slow.mTildeAggregathor}, slowdown √(m̃/n) = ${slow.slowdownAggregathor!.exact} = ${shown(slow.slowdownAggregathor!.exact)} (T2 (ii))`
      : `AGGREGATHOR: not admissible (needs n >= 4f + 3)`,
    `abstract (A1): √(m/n) = ${slow.slowdownAbstract.exact} = ${shown(slow.slowdownAbstract.exact)}`,
  ];
  print(`${out.join('\n')}\n`);
}
