#!/usr/bin/env node
/**
 * The workbook's command-line program (package `bin`, `npm start`):
 *
 *     aggregathor-workbook [verify] [--full] [--only ids|groups] [--seed n] [--trials n] [--jobs n] [--out dir]
 *     aggregathor-workbook aggregate [file|-] --rule multi-krum --f 1
 *     aggregathor-workbook constants --n 11 --f 2
 *     aggregathor-workbook coverage [--run] [--seed n] [--full] [--section text] [--json]
 *     aggregathor-workbook plan | run | merge | job-files …   (cluster runs: lib/cluster)
 *
 * Every user error (bad option, unknown claim, malformed file, inadmissible
 * n/f/m, unwritable folder) is one line on stderr with exit status 2, never a
 * stack trace; an unexpected failure is one line too, with exit status 3
 * (set AGGREGATHOR_DEBUG=1 to see the stack).
 */
import { spawn } from 'node:child_process';
import { constants as osConstants } from 'node:os';
import { AdmissibilityError } from '../errors';
import { onInterrupt, PARENT_ENV } from './lifetime';
import { COVERAGE_HELP } from './coverageHelp';
import { AGGREGATE_HELP, CONSTANTS_HELP, MAIN_HELP } from './help';
import { parseVerifyOptions } from './options';
import { UserError } from './userError';

// Subcommands are loaded when used: --help and usage errors answer at once, without loading mathjs or the registry.
/* eslint-disable @typescript-eslint/no-require-imports */
const aggregateModule = () => require('./aggregateCommand') as typeof import('./aggregateCommand');
const constantsModule = () => require('./constantsCommand') as typeof import('./constantsCommand');
const coverageModule = () => require('./coverageCommand') as typeof import('./coverageCommand');
const verifyModule = () => require('./verify') as typeof import('./verify');
// Cluster runs (lib/cluster): plan, run one shard, merge, job files.
const planModule = () => require('./planCommand') as typeof import('./planCommand');
const runModule = () => require('./runCommand') as typeof import('./runCommand');
const mergeModule = () => require('./mergeCommand') as typeof import('./mergeCommand');
const jobFilesModule = () => require('./jobFilesCommand') as typeof import('./jobFilesCommand');
/* eslint-enable @typescript-eslint/no-require-imports */

const SUBCOMMANDS = ['verify', 'aggregate', 'constants', 'coverage', 'plan', 'run', 'merge', 'job-files', 'help'];

/** Runs the program on `argv` (without node and script); resolves to the exit status. */
export async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  const command = first !== undefined && !first.startsWith('-') ? first : 'verify';
  const args = first !== undefined && !first.startsWith('-') ? rest : argv;
  if (!SUBCOMMANDS.includes(command)) throw new UserError(`unknown command "${command}"; expected one of verify, aggregate, constants, coverage, plan, run, merge, job-files (see --help)`);
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
    case 'coverage': {
      const { parseCoverageOptions, coverageCommand } = coverageModule();
      const o = parseCoverageOptions(args);
      if (o.help) {
        process.stdout.write(COVERAGE_HELP);
        return 0;
      }
      return await coverageCommand(o);
    }
    case 'plan': {
      const { parsePlanOptions, planCommand, PLAN_HELP } = planModule();
      const o = parsePlanOptions(args);
      if (o.help) process.stdout.write(PLAN_HELP);
      return o.help ? 0 : planCommand(o);
    }
    case 'run': {
      const { parseRunOptions, runCommand, RUN_HELP } = runModule();
      const o = parseRunOptions(args);
      if (o.help) process.stdout.write(RUN_HELP);
      return o.help ? 0 : runCommand(o);
    }
    case 'merge': {
      const { parseMergeOptions, mergeCommand, MERGE_HELP } = mergeModule();
      const o = parseMergeOptions(args);
      if (o.help) process.stdout.write(MERGE_HELP);
      return o.help ? 0 : mergeCommand(o);
    }
    case 'job-files': {
      const { parseJobFilesOptions, jobFilesCommand, JOB_FILES_HELP } = jobFilesModule();
      const o = parseJobFilesOptions(args);
      if (o.help) process.stdout.write(JOB_FILES_HELP);
      return o.help ? 0 : jobFilesCommand(o);
    }
    default: {
      const o = parseVerifyOptions(args);
      if (o.help) {
        process.stdout.write(MAIN_HELP);
        return 0;
      }
      if (o.jobs >= 2 && !process.execArgv.includes(SINGLE_THREADED_GC)) return rerunWithSingleThreadedGc();
      return (await verifyModule().verify(o)).exitCode;
    }
  }
}

/** The V8 flag the CLI re-runs itself with for 2+ jobs (options.ts reads it to tell the parent from the child). */
export const SINGLE_THREADED_GC = '--single-threaded-gc';

/**
 * Runs this program again, in a child process with V8's single-threaded
 * garbage collector, forwarding Ctrl-C and SIGTERM, and resolves to its exit
 * status. Why: with as many busy worker threads as cores, each worker's
 * parallel GC helper threads compete with the other workers for the cores.
 * Measured on the 2-core machine this was written on (Monte Carlo suite,
 * quick mode, 2 workers): 14.3 s with the default collector, 13.2 s with the
 * single-threaded one, results identical; with one worker the two collectors
 * take the same time. A V8 flag cannot be set for worker threads alone, nor
 * changed once the process runs, hence the second process. The child dies
 * with this process (lifetime.ts): signals are forwarded, and the child
 * watches this process's pid in case it is killed outright.
 */
function rerunWithSingleThreadedGc(): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [SINGLE_THREADED_GC, ...process.execArgv, __filename, ...process.argv.slice(2)], {
      stdio: 'inherit',
      env: { ...process.env, [PARENT_ENV]: String(process.pid) }, // the child dies with this process, even when it is SIGKILLed
    });
    // Signals go to the child, which abandons its staging folder and says so in one line; this process then exits with its status.
    const stop = onInterrupt((cause) => child.kill(cause === 'caller-gone' ? 'SIGTERM' : cause));
    child.on('exit', (code, signal) => {
      stop();
      if (signal) process.stderr.write(`error: the run was stopped by ${signal} before it finished\n`);
      resolve(code ?? 128 + (signal ? osConstants.signals[signal] : 1));
    });
  });
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
