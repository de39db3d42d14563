import type { CheckContext, CheckResult, ClaimCheck } from '../claims/types';
import type { CustomRuleSpec } from '../custom/ruleChecks';
import { toPlainJson } from './plainJson';

/**
 * One unit of work: a registered check and the context to run it with. A
 * check is named by (claimId, name, reading) — a claim may register one check
 * name under several readings — and found by its position in `ALL_CHECKS`,
 * which every worker loads identically; the name is verified on arrival.
 */
export interface CheckTask {
  /** Position in this run's selection (registry order); results are put back in this order, never in completion order. */
  index: number;
  /** Position in the registry's `ALL_CHECKS`. */
  registryIndex: number;
  claimId: string;
  name: string;
  reading: string;
  ctx: CheckContext;
  /**
   * Set for a check of a researcher's own rule (`--rule`): the rule's module
   * path (and η), from which every thread builds the same custom checks
   * (lib/custom/ruleChecks.ts); `registryIndex` is then the position among
   * them.
   */
  customRule?: CustomRuleSpec;
  /**
   * Tasks with the same key run on one worker, one after the other, so that
   * what they share and memoise in their thread (a researcher's rule's
   * Monte Carlo trials, which cannot be units of work: other threads cannot
   * rebuild the rule from a catalogue name) is computed once.
   */
  sharedWith?: string;
}

/**
 * The checks a task is looked up in: the registry's, or for a task of a
 * researcher's rule the checks built from its module (loaded in this thread
 * on first use, so worker threads load the rule too).
 */
export function checksOfTask(registryChecks: readonly ClaimCheck[], t: Pick<CheckTask, 'customRule'>): readonly ClaimCheck[] {
  if (!t.customRule) return registryChecks;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { customRuleChecks } = require('../custom/ruleChecks') as typeof import('../custom/ruleChecks');
  return customRuleChecks(t.customRule);
}

/** The check a task names: `ALL_CHECKS[registryIndex]` when its identity matches, else the first check with the same (claimId, name, reading). */
export function findCheck(checks: readonly ClaimCheck[], t: Pick<CheckTask, 'registryIndex' | 'claimId' | 'name' | 'reading'>): ClaimCheck | undefined {
  const same = (c: ClaimCheck | undefined) => c !== undefined && c.claimId === t.claimId && c.name === t.name && c.reading === t.reading;
  const at = checks[t.registryIndex];
  return same(at) ? at : checks.find(same);
}

/** What running a task gives: the plain-JSON result and, kept apart, how long it took. */
export interface TaskOutcome {
  index: number;
  result: CheckResult;
  seconds: number;
}

/** The fields of a check a result can be built from when the check itself cannot run. */
type CheckIdentity = Pick<ClaimCheck, 'claimId' | 'name' | 'reading' | 'method' | 'expected'>;

/**
 * The result recorded when a check throws or its worker dies: verdict
 * `inconclusive`, which is a surprise unless expected, so a broken check can
 * never pass silently. Only the error's message is kept (a stack trace would
 * make results.json depend on the build).
 */
export function failedCheckResult(check: CheckIdentity, ctx: CheckContext, why: string): CheckResult {
  return {
    claimId: check.claimId,
    check: check.name,
    reading: check.reading,
    method: check.method,
    verdict: 'inconclusive',
    expected: check.expected,
    summary: `the check could not run: ${why.split('\n')[0]}`,
    seed: ctx.seed,
    runs: 0,
  };
}

/**
 * Runs one check and normalises its result to plain JSON, the same way in the
 * main thread and in a worker, so that `--jobs` never changes a byte of
 * results.json. The registry's expectation and the check's identity are
 * stamped on the result (claim id, name, reading, expected verdict), so a
 * check cannot report under another name.
 */
export async function runTask(check: ClaimCheck, task: CheckTask): Promise<TaskOutcome> {
  const started = process.hrtime.bigint();
  let result: CheckResult;
  try {
    const raw = await check.run(task.ctx);
    result = toPlainJson({ ...raw, claimId: check.claimId, check: check.name, reading: check.reading, expected: check.expected }) as CheckResult;
  } catch (error) {
    result = failedCheckResult(check, task.ctx, error instanceof Error ? error.message : String(error));
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { index: task.index, result, seconds };
}
