import * as os from 'node:os';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UserError } from './userError';

/** The options of `verify`, the default subcommand. */
export interface VerifyOptions {
  mode: 'quick' | 'full';
  /** Claim ids or groups, as typed; undefined means every claim. */
  only?: string[];
  seed: number;
  trials?: number;
  jobs: number;
  out: string;
  help: boolean;
}

/** The seed used when `--seed` is not given: fixed, so two runs of the default command agree byte for byte. */
export const DEFAULT_SEED = 20190331;

/**
 * Wraps node's `parseArgs` so that every mistake (unknown option, missing
 * value) becomes a one-line {@link UserError}.
 */
export function parseOrExplain<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new UserError(`${message.replace(/\. To specify a positional argument.*$/, '')} (see --help)`);
  }
}

/** An integer option in [lo, hi], or a one-line error naming the option and what was typed. */
export function integerOption(name: string, raw: string | undefined, lo: number, hi: number): number | undefined {
  if (raw === undefined) return undefined;
  const x = /^[+-]?\d+$/.test(raw.trim()) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(x) || x < lo || x > hi) throw new UserError(`--${name} needs an integer in [${lo}, ${hi}]; got "${raw}"`);
  return x;
}

/** A number option (finite), or a one-line error. */
export function numberOption(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const x = raw.trim() === '' ? NaN : Number(raw);
  if (!Number.isFinite(x)) throw new UserError(`--${name} needs a finite number; got "${raw}"`);
  return x;
}

/** Parses the arguments of `verify` (everything after the subcommand name). */
export function parseVerifyOptions(args: string[]): VerifyOptions {
  const { values, positionals } = parseOrExplain({
    args,
    allowPositionals: true,
    options: {
      full: { type: 'boolean', default: false },
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      seed: { type: 'string' },
      trials: { type: 'string' },
      jobs: { type: 'string', short: 'j' },
      out: { type: 'string', short: 'o' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (positionals.length > 0) throw new UserError(`verify takes no positional argument; got "${positionals[0]}" (see --help)`);
  if (values.full && values.quick) throw new UserError('--full and --quick exclude each other');
  const only = values.only === undefined ? undefined : values.only.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  if (only !== undefined && only.length === 0) throw new UserError('--only needs claim ids or groups, comma-separated; got an empty list');
  return {
    mode: values.full ? 'full' : 'quick',
    only,
    seed: integerOption('seed', values.seed, 0, 2 ** 32 - 1) ?? DEFAULT_SEED,
    trials: integerOption('trials', values.trials, 1, 1e9),
    jobs: integerOption('jobs', values.jobs, 1, 256) ?? Math.max(1, os.availableParallelism()),
    out: values.out ?? 'report',
    help: values.help ?? false,
  };
}
