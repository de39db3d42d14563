import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UserError } from './userError';

/** The options of `verify`, the default subcommand. */
export interface VerifyOptions {
  mode: import('../claims/types').CheckMode;
  /** Claim ids or groups, as typed; undefined means every claim. */
  only?: string[];
  seed: number;
  trials?: number;
  jobs: number;
  out: string;
  help: boolean;
  /** `--rule FILE`: a researcher's own rule, as an absolute path (resolved from the current folder, which npm start sets to INIT_CWD). */
  rule?: string;
  /** `--eta X`: the η the rule claims on every setting (needs --rule). */
  eta?: number;
}

/** The seed used when `--seed` is not given: fixed, so two runs of the default command agree byte for byte. */
export const DEFAULT_SEED = 20190331;

/**
 * The fewest trials `--trials` accepts. Why 20: every Monte Carlo interval
 * uses Student's t quantile by the Cornish–Fisher expansion, accurate (within
 * 0.3 %) for ν >= 9 degrees of freedom only (lib/montecarlo/intervals.ts);
 * ‖E X − g‖² is estimated from products of independent *pairs* of trials, so
 * T trials give T/2 samples and ν = T/2 − 1 >= 9 needs T >= 20. Below that
 * the intervals are too narrow or cannot be formed at all (meanInterval
 * needs 2 samples: with `--trials 1` every Monte Carlo check was
 * inconclusive and the fast-check properties that must fail said "holds"
 * after one run). The same number is the floor for fast-check runs and SGD
 * seeds, which `--trials` also sets.
 */
export const MIN_TRIALS = 20;

/** The most trials `--trials` accepts before any estimate (the memory estimate of the selected checks then decides: see selection.ts). */
export const MAX_TRIALS = 1e9;

/** Human-readable bytes: `3.2 GB`, `640 MB`, `12 KB`. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB', 'EB'];
  let v = bytes, u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return `${u === 0 ? Math.round(v) : Number(v.toPrecision(v >= 100 ? 3 : 2))} ${units[u]}`;
}

/** Parses `4GB`, `512 MB`, `1.5e9` (bytes), `2GiB`; undefined when not a size. */
export function parseBytes(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?(?:e\d+)?)\s*([kmgt]?i?b?)?\s*$/i.exec(text);
  if (!m) return undefined;
  const unit = (m[2] ?? '').toLowerCase().replace(/b$/, '');
  const base = unit.endsWith('i') ? 1024 : 1000;
  const power = { '': 0, k: 1, m: 2, g: 3, t: 4 }[unit.replace(/i$/, '')];
  if (power === undefined) return undefined;
  const v = Number(m[1]) * base ** power;
  return Number.isFinite(v) && v > 0 ? v : undefined;
}

/** What one thread may keep (its JavaScript heap) and what the whole process may use, with where each limit comes from. */
export interface MemoryLimits {
  /** Bytes one thread (isolate) may hold: node's heap limit. */
  perThread: number;
  /** Bytes the whole process may use: a share of the machine's memory. */
  total: number;
  /** Where the limits come from, for messages. */
  perThreadSource: string;
  totalSource: string;
}

/**
 * The memory this program allows itself. Per thread: V8's heap limit
 * (`node --max-old-space-size`, which worker threads inherit); in total:
 * 70 % of the machine's memory. `AGGREGATHOR_MEMORY_LIMIT` (e.g. `8GB`)
 * overrides both, for a machine whose limits the defaults misjudge.
 */
export function memoryLimits(env: NodeJS.ProcessEnv = process.env): MemoryLimits {
  const override = env.AGGREGATHOR_MEMORY_LIMIT;
  if (override !== undefined && override.trim() !== '') {
    const bytes = parseBytes(override);
    if (bytes === undefined) throw new UserError(`AGGREGATHOR_MEMORY_LIMIT needs a size such as 8GB or 512MB; got "${override}"`);
    const source = 'set by AGGREGATHOR_MEMORY_LIMIT';
    return { perThread: bytes, total: bytes, perThreadSource: source, totalSource: source };
  }
  return {
    perThread: v8.getHeapStatistics().heap_size_limit,
    perThreadSource: "node's heap limit, --max-old-space-size; override with AGGREGATHOR_MEMORY_LIMIT",
    total: 0.7 * os.totalmem(),
    totalSource: "70 % of this machine's memory; override with AGGREGATHOR_MEMORY_LIMIT",
  };
}

/** A value that looks like a negative number (`-1`, `-0.5`, `-.5`, `-1e3`, `-inf`, `-Infinity`, `-NaN`): an option's value, not an option. */
function looksNegative(arg: string): boolean {
  return /^-(\d|\.\d|inf|nan)/i.test(arg);
}

/** What the value of a string option reads as, shown in errors: bare when it is a plain token, quoted otherwise. */
export function shown(raw: string): string {
  return /^[\w.+-]+$/.test(raw) ? raw : JSON.stringify(raw);
}

/**
 * Rewrites `--seed -1` (and `-j -2`) as `--seed=-1`, so that node's parser
 * reads a negative number as the option's value — it would otherwise call
 * it ambiguous — and the option's own range check can answer. Only string
 * options take values; nothing after `--` is touched.
 */
export function joinNegativeValues(args: readonly string[], options: ParseArgsConfig['options']): string[] {
  const out: string[] = [];
  const longOf = new Map<string, string>();
  for (const [name, o] of Object.entries(options ?? {})) if (o.short) longOf.set(o.short, name);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      out.push(...args.slice(i));
      break;
    }
    const name = /^--[^=]+$/.test(a) ? a.slice(2) : /^-[^-]$/.test(a) ? longOf.get(a.slice(1)) : undefined;
    const next = args[i + 1];
    if (name !== undefined && options?.[name]?.type === 'string' && next !== undefined && looksNegative(next)) {
      out.push(`--${name}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}

/**
 * Wraps node's `parseArgs` so that every mistake (unknown option, missing
 * value) becomes a one-line {@link UserError}, whole: no hint cut short.
 * Negative numbers are read as values (`--seed -1` is `--seed=-1`).
 */
export function parseOrExplain<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  const args = config.args === undefined ? undefined : joinNegativeValues(config.args, config.options);
  try {
    return parseArgs({ ...config, args }) as ReturnType<typeof parseArgs<T>>;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const ambiguous = /^Option '([^']+)' argument is ambiguous/.exec(message);
    if (ambiguous) {
      const option = ambiguous[1].replace(/^-(\w)$/, (_, s: string) => `--${Object.entries(config.options ?? {}).find(([, o]) => o.short === s)?.[0] ?? s}`);
      const i = (config.args ?? []).findIndex((a) => a === ambiguous[1]);
      const value = i >= 0 ? config.args![i + 1] : undefined;
      throw new UserError(`${option} needs a value, but the next argument${value !== undefined ? ` ${shown(value)}` : ''} starts with a dash; write ${option}=${value ?? '-VALUE'} if that is the value (see --help)`);
    }
    const missing = /^Option '(\S+)(?: <value>)?' argument missing/.exec(message);
    if (missing) {
      const option = missing[1].replace(/^-(\w)$/, (_, s: string) => `--${Object.entries(config.options ?? {}).find(([, o]) => o.short === s)?.[0] ?? s}`).replace(/,.*$/, '');
      throw new UserError(`${option} needs a value (see --help)`);
    }
    const unknown = /^Unknown option '([^']+)'/.exec(message);
    if (unknown) throw new UserError(`unknown option ${unknown[1]}; known: ${Object.keys(config.options ?? {}).map((k) => `--${k}`).join(', ')} (see --help)`);
    throw new UserError(`${message.split('\n').join(' ')} (see --help)`);
  }
}

/** An integer option in [lo, hi], or a one-line error naming the option, its range and what was typed. */
export function integerOption(name: string, raw: string | undefined, lo: number, hi: number): number | undefined {
  if (raw === undefined) return undefined;
  const x = /^[+-]?\d+$/.test(raw.trim()) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(x) || x < lo || x > hi) throw new UserError(`--${name} needs an integer in [${lo}, ${hi}]; got ${shown(raw)}`);
  return x;
}

/** A number option (finite), or a one-line error. */
export function numberOption(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const x = raw.trim() === '' ? NaN : Number(raw);
  if (!Number.isFinite(x)) throw new UserError(`--${name} needs a finite number; got ${shown(raw)}`);
  return x;
}

/**
 * `--trials`: at least {@link MIN_TRIALS} (the checks' intervals need it),
 * at most {@link MAX_TRIALS}; the memory the selected checks would need at
 * that many trials is estimated once the registry is loaded
 * ({@link import('./selection').checkTrialMemory}).
 */
export function trialsOption(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const x = /^\s*[+-]?\d+\s*$/.test(raw) ? Number(raw) : /^\s*\d+(\.\d+)?e\d+\s*$/i.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(x) || x > MAX_TRIALS) throw new UserError(`--trials needs an integer in [${MIN_TRIALS}, ${MAX_TRIALS}]; got ${shown(raw)}`);
  if (x < MIN_TRIALS)
    throw new UserError(`--trials needs at least ${MIN_TRIALS} (the checks' intervals need T/2 - 1 >= 9 degrees of freedom from pairs of trials, and fast-check runs and SGD seeds no fewer); got ${shown(raw)}`);
  return x;
}

/**
 * `--jobs`: more threads than cores only slow the run down (each worker
 * thread computes; 256 threads on 2 cores ran 6 times slower), so a larger
 * value is capped at the core count with a notice.
 */
export function jobsOption(raw: string | undefined, cores = Math.max(1, os.availableParallelism()), notice: (line: string) => void = () => {}): number {
  const asked = integerOption('jobs', raw, 1, 1e6);
  if (asked === undefined) return cores;
  if (asked > cores) {
    notice(`--jobs ${asked} is more than the ${cores} available core${cores > 1 ? 's' : ''}; using ${cores} (more threads would only compete for the cores)`);
    return cores;
  }
  return asked;
}

/**
 * Prints a `--jobs` notice once. With 2 jobs or more the program re-runs
 * itself in a child process (main.ts, for the single-threaded collector),
 * which parses the options again: the parent stays quiet so that the
 * notice appears once, from the process that runs the checks.
 */
function noticeOnce(jobs: number): (line: string) => void {
  const parentAboutToRerun = jobs >= 2 && !process.execArgv.includes('--single-threaded-gc');
  return (line) => {
    if (!parentAboutToRerun) process.stderr.write(`notice: ${line}\n`);
  };
}

/** Parses the arguments of `verify` (everything after the subcommand name). */
export function parseVerifyOptions(args: string[]): VerifyOptions {
  const { values, positionals } = parseOrExplain({
    args,
    allowPositionals: true,
    options: {
      full: { type: 'boolean', default: false },
      quick: { type: 'boolean', default: false },
      grade: { type: 'string' },
      only: { type: 'string' },
      seed: { type: 'string' },
      trials: { type: 'string' },
      jobs: { type: 'string', short: 'j' },
      out: { type: 'string', short: 'o' },
      rule: { type: 'string' },
      eta: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (positionals.length > 0) throw new UserError(`verify takes no positional argument; got "${positionals[0]}" (see --help)`);
  if (values.full && values.quick) throw new UserError('--full and --quick exclude each other');
  const mode = gradeOption(values.grade, values.full ?? false, values.quick ?? false);
  const only = values.only === undefined ? undefined : values.only.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  if (only !== undefined && only.length === 0) throw new UserError('--only needs claim ids or groups, comma-separated; got an empty list');
  const cores = Math.max(1, os.availableParallelism());
  const pending: string[] = [];
  const jobs = jobsOption(values.jobs, cores, (line) => pending.push(line));
  const result: VerifyOptions = {
    mode,
    only,
    seed: integerOption('seed', values.seed, 0, 2 ** 32 - 1) ?? DEFAULT_SEED,
    trials: trialsOption(values.trials),
    jobs,
    out: values.out ?? 'report',
    help: values.help ?? false,
    ...ruleOptions(values.rule, values.eta),
  };
  if (!result.help) preflightRule(result);
  if (!result.help) preflightTrials(result);
  // Notices only once every option is valid (an error is then the only line).
  if (!result.help) for (const line of pending) noticeOnce(jobs)(line);
  return result;
}

/** The grades `--grade` takes: quick and full are `--quick` and `--full`; paper is full with the larger grids (CheckMode). */
export const GRADES = ['quick', 'full', 'paper'] as const;

/** `--grade quick|full|paper` with `--full` / `--quick` (which agree with it or are refused); default quick. */
export function gradeOption(grade: string | undefined, full: boolean, quick: boolean): VerifyOptions['mode'] {
  const g = grade ?? (full ? 'full' : 'quick');
  if (!(GRADES as readonly string[]).includes(g)) throw new UserError(`--grade needs quick, full or paper; got ${shown(grade ?? '')}`);
  if ((full && g !== 'full') || (quick && g !== 'quick')) throw new UserError(`--grade ${g} contradicts ${full ? '--full' : '--quick'}`);
  return g as VerifyOptions['mode'];
}

/** `--rule` and `--eta`, checked as text (the module itself is loaded by {@link preflightRule}). */
export function ruleOptions(rule: string | undefined, eta: string | undefined): Pick<VerifyOptions, 'rule' | 'eta'> {
  if (rule !== undefined && rule.trim() === '') throw new UserError('--rule needs the path of a .js or .ts file exporting your rule (see docs/custom-rule.md)');
  if (eta !== undefined && rule === undefined) throw new UserError('--eta is the η of your own rule: it needs --rule FILE');
  const x = numberOption('eta', eta);
  if (x !== undefined && !(x > 0)) throw new UserError(`--eta needs a positive finite number; got ${shown(eta!)}`);
  return { ...(rule !== undefined ? { rule: path.resolve(rule) } : {}), ...(x !== undefined ? { eta: x } : {}) };
}

/**
 * Loads the module of `--rule` before anything runs, so that a bad module
 * (no such file, a syntax error, no rule, a missing field, a bound function
 * that gives no positive number) is one line naming the file, and every
 * thread can later load the same rule.
 */
export function preflightRule(o: VerifyOptions): void {
  if (o.rule === undefined) return;
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { boundProblems } = require('../custom/ruleChecks') as typeof import('../custom/ruleChecks');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const problem = boundProblems({ module: o.rule, ...(o.eta !== undefined ? { eta: o.eta } : {}) }, o.mode);
  if (problem) throw new UserError(`--rule ${o.rule}: ${problem}`);
}

/**
 * Trials up to this many are known to fit: full mode runs 1000 trials per
 * Monte Carlo setting (about 1.4 GB per thread by the estimate of
 * selection.ts), so only a larger `--trials` is estimated before the run.
 */
export const TRIALS_KNOWN_TO_FIT = 1000;

/**
 * Refuses a `--trials` the selected checks cannot hold in memory, before any
 * check runs (and before main.ts re-runs the program): loads the registry,
 * resolves `--only` and estimates ({@link import('./selection').checkTrialMemory}).
 * Skipped up to {@link TRIALS_KNOWN_TO_FIT}, where loading the registry twice
 * would cost time for nothing.
 */
function preflightTrials(o: VerifyOptions): void {
  if (o.trials === undefined || o.trials <= TRIALS_KNOWN_TO_FIT) return;
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { loadRegistry } = require('../parallel/registrySource') as typeof import('../parallel/registrySource');
  const { select, checkTrialMemory, splitOnly } = require('./selection') as typeof import('./selection');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const registry = loadRegistry();
  const selection = select(registry.claims, registry.checks, splitOnly(o.only, o.rule !== undefined).paper);
  checkTrialMemory(selection.checks, { mode: o.mode, seed: o.seed, trials: o.trials }, o.jobs);
}
