import { etaRows, slowdowns } from '../report/etaRows';
import { integerOption, numberOption, parseOrExplain } from './options';
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

/** Parses `constants --n N --f F [--m M] [--d D --sigma S --g G] [--json]`. */
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
  if (positionals.length > 0) throw new UserError(`constants takes no positional argument; got "${positionals[0]}" (see constants --help)`);
  const n = integerOption('n', values.n, 0, 1e9);
  const f = integerOption('f', values.f, 0, 1e9);
  if (n === undefined || f === undefined) throw new UserError('constants needs --n and --f (e.g. constants --n 11 --f 2)');
  const scale = [values.d, values.sigma, values.g].filter((x) => x !== undefined).length;
  if (scale !== 0 && scale !== 3) throw new UserError('constants needs --d, --sigma and --g together (for sin α = η √d σ / ‖g‖)');
  const sigma = numberOption('sigma', values.sigma);
  const g = numberOption('g', values.g);
  if (sigma !== undefined && sigma < 0) throw new UserError(`--sigma needs a number >= 0; got "${values.sigma}"`);
  if (g !== undefined && g <= 0) throw new UserError(`--g needs a number > 0; got "${values.g}"`);
  return { n, f, m: integerOption('m', values.m, 0, 1e9), d: integerOption('d', values.d, 1, 1e12), sigma, g, json: values.json ?? false, help: false };
}

/**
 * The `constants` subcommand: η(n, f) under each reading (η² exact and
 * decimal), sin α when d, σ, ‖g‖ are given, m̃ and the slowdowns of T1 (ii),
 * T2 (ii) and A1. Inadmissible n, f, m give the one-line AdmissibilityError.
 */
export function constantsCommand(o: ConstantsOptions, print: (s: string) => void = (s) => process.stdout.write(s)): void {
  const m = o.m ?? o.n - o.f - 2;
  const scale = o.d !== undefined && o.sigma !== undefined && o.g !== undefined ? { d: o.d, sigma: o.sigma, gNorm: o.g } : undefined;
  const rows = etaRows(o.n, o.f, m, scale);
  const slow = slowdowns(o.n, o.f, m);
  if (o.json) {
    print(`${JSON.stringify({ n: o.n, f: o.f, m, ...(scale ? { d: o.d, sigma: o.sigma, g: o.g } : {}), eta: rows, slowdown: slow }, null, 2)}\n`);
    return;
  }
  const dec = (x: string) => (x.length > 22 ? `${x.slice(0, 22)}…` : x);
  const header = ['reading', 'η² (exact)', 'η (40 digits, shown to 20)', ...(scale ? ['sin α', 'sin α < 1 (Lemma 1 applies)'] : [])];
  const table = [header, ...rows.map((r) => [r.reading, r.etaSquaredExact, dec(r.etaDecimal), ...(scale ? [dec(r.sinAlpha!.decimal), r.sinAlpha!.float < 1 ? 'yes' : 'no'] : [])])];
  const widths = header.map((_, j) => Math.max(...table.map((r) => [...r[j]].length)));
  const line = (r: string[]) => r.map((x, j) => x + ' '.repeat(widths[j] - [...x].length)).join('  ').trimEnd();
  const out = [
    `n = ${o.n}, f = ${o.f}, m = ${m}${scale ? `, d = ${o.d}, σ = ${o.sigma}, ‖g‖ = ${o.g}` : ''}`,
    '',
    line(table[0]),
    ...table.slice(1).map(line),
    '',
    `MULTI-KRUM:  m̃ = n − f − 2 = ${slow.mTildeMultiKrum}, slowdown √(m̃/n) = ${slow.slowdownMultiKrum.exact} = ${dec(slow.slowdownMultiKrum.decimal)} (T1 (ii))`,
    slow.mTildeAggregathor !== undefined
      ? `AGGREGATHOR: m̃ = n − 2f − 2 = ${slow.mTildeAggregathor}, slowdown √(m̃/n) = ${slow.slowdownAggregathor!.exact} = ${dec(slow.slowdownAggregathor!.decimal)} (T2 (ii))`
      : `AGGREGATHOR: not admissible (needs n >= 4f + 3)`,
    `abstract (A1): √(m/n) = ${slow.slowdownAbstract.exact} = ${dec(slow.slowdownAbstract.decimal)}`,
  ];
  print(`${out.join('\n')}\n`);
}
