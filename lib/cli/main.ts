#!/usr/bin/env node
/**
 * The workbook's command-line program (package `bin`, `npm start`):
 *
 *     aggregathor-workbook [verify] [--full] [--only ids|groups] [--seed n] [--trials n] [--jobs n] [--out dir]
 *     aggregathor-workbook aggregate [file|-] --rule multi-krum --f 1
 *     aggregathor-workbook constants --n 11 --f 2
 *
 * Every user error (bad option, unknown claim, malformed file, inadmissible
 * n/f/m, unwritable folder) is one line on stderr with exit status 2, never a
 * stack trace; an unexpected failure is one line too, with exit status 3
 * (set AGGREGATHOR_DEBUG=1 to see the stack).
 */
import { AdmissibilityError } from '../errors';
import { AGGREGATE_HELP, CONSTANTS_HELP, MAIN_HELP } from './help';
import { parseVerifyOptions } from './options';
import { UserError } from './userError';

// Subcommands are loaded when used: --help and usage errors answer at once, without loading mathjs or the registry.
/* eslint-disable @typescript-eslint/no-require-imports */
const aggregateModule = () => require('./aggregateCommand') as typeof import('./aggregateCommand');
const constantsModule = () => require('./constantsCommand') as typeof import('./constantsCommand');
const verifyModule = () => require('./verify') as typeof import('./verify');
/* eslint-enable @typescript-eslint/no-require-imports */

const SUBCOMMANDS = ['verify', 'aggregate', 'constants', 'help'];

/** Runs the program on `argv` (without node and script); resolves to the exit status. */
export async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  const command = first !== undefined && !first.startsWith('-') ? first : 'verify';
  const args = first !== undefined && !first.startsWith('-') ? rest : argv;
  if (!SUBCOMMANDS.includes(command)) throw new UserError(`unknown command "${command}"; expected one of verify, aggregate, constants (see --help)`);
  switch (command) {
    case 'help':
      process.stdout.write(MAIN_HELP);
      return 0;
    case 'aggregate': {
      const { parseAggregateOptions, aggregateCommand } = aggregateModule();
      const o = parseAggregateOptions(args);
      if (o.help) process.stdout.write(AGGREGATE_HELP);
      else aggregateCommand(o);
      return 0;
    }
    case 'constants': {
      const { parseConstantsOptions, constantsCommand } = constantsModule();
      const o = parseConstantsOptions(args);
      if (o.help) process.stdout.write(CONSTANTS_HELP);
      else constantsCommand(o);
      return 0;
    }
    default: {
      const o = parseVerifyOptions(args);
      if (o.help) {
        process.stdout.write(MAIN_HELP);
        return 0;
      }
      return (await verifyModule().verify(o)).exitCode;
    }
  }
}

/** One line for any error: the message of a user error, or `internal error: …` for a bug. */
export function describeError(error: unknown): { line: string; code: number } {
  if (error instanceof UserError || error instanceof AdmissibilityError) return { line: error.message.split('\n')[0], code: 2 };
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  return { line: `internal error: ${message} (set AGGREGATHOR_DEBUG=1 for the stack trace)`, code: 3 };
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      const { line, code } = describeError(error);
      process.stderr.write(`error: ${line}\n`);
      if (process.env.AGGREGATHOR_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
      process.exitCode = code;
    },
  );
}
