import type { CheckContext, Claim, ClaimCheck } from '../claims/types';
import { unitKey, type UnitCall } from '../parallel/units';
import { formatBytes, memoryLimits, type MemoryLimits } from './options';
import { UserError } from './userError';

/** The claims and checks a run covers, both in registry order. */
export interface Selection {
  claims: Claim[];
  checks: ClaimCheck[];
}

/** Claim groups in the order of claims.md, for listing. */
export function groupsOf(claims: readonly Claim[]): string[] {
  return [...new Set(claims.map((c) => c.group))];
}

/**
 * Resolves `--only` (claim ids or group names, comma-separated) against the
 * registry. Ids are matched exactly (`L1` is Lemma 1 only, not L1.1..L1.12);
 * a group selects all its claims. Anything unknown is a one-line error
 * listing what is known. Claims keep registry order; checks keep the order of
 * `ALL_CHECKS` within claim order.
 *
 * @example select(claims, checks, ['eta', 'T1'])
 */
export function select(claims: readonly Claim[], checks: readonly ClaimCheck[], only?: readonly string[]): Selection {
  let chosen: Claim[];
  if (only === undefined) chosen = [...claims];
  else {
    const wanted = new Set<string>();
    const groups = groupsOf(claims);
    for (const item of only) {
      const byId = claims.find((c) => c.id === item) ?? claims.find((c) => c.id.toLowerCase() === item.toLowerCase());
      if (byId) {
        wanted.add(byId.id);
      } else if (groups.includes(item.toLowerCase())) {
        for (const c of claims) if (c.group === item.toLowerCase()) wanted.add(c.id);
      } else {
        const known = claims.length === 0 ? 'the registry is empty' : `known ids: ${claims.map((c) => c.id).join(', ')}; groups: ${groups.join(', ')}`;
        throw new UserError(`--only: unknown claim id or group "${item}" (${known})`);
      }
    }
    chosen = claims.filter((c) => wanted.has(c.id));
  }
  const order = new Map(chosen.map((c, i) => [c.id, i]));
  const picked = checks
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => order.has(c.claimId))
    .sort((a, b) => order.get(a.c.claimId)! - order.get(b.c.claimId)! || a.i - b.i)
    .map(({ c }) => c);
  return { claims: chosen, checks: picked };
}

/**
 * `--only` with a researcher's rule (`--rule`): the token `rule` selects
 * every check of that rule, `rule:NAME` one of them (resilience, cone,
 * moments, leeway, sgd-convergence, slowdown, mnist), and a group name
 * (eta, cone, moments, leeway, convergence, slowdown) selects the paper's
 * claims of the group and the rule's checks of the group. `paper` is what is
 * left for {@link select}: undefined (every claim) without `--only`, and an
 * empty list when only `rule` tokens were given (no paper claim runs).
 *
 * @example splitOnly(['eta', 'rule:leeway'], true) // { paper: ['eta'], custom: (name, group) => group === 'eta' || name === 'leeway' }
 */
export function splitOnly(only: readonly string[] | undefined, hasRule: boolean, checkNames: readonly string[] = []): { paper: string[] | undefined; custom: (name: string, group: string) => boolean } {
  if (only === undefined) return { paper: undefined, custom: () => true };
  const isRuleToken = (t: string) => /^rule(:|$)/i.test(t);
  const ruleTokens = only.filter(isRuleToken).map((t) => t.toLowerCase());
  if (ruleTokens.length > 0 && !hasRule) throw new UserError(`--only ${ruleTokens[0]} selects checks of your own rule: it needs --rule FILE`);
  for (const t of ruleTokens) {
    const name = t.slice('rule:'.length);
    if (t !== 'rule' && checkNames.length > 0 && !checkNames.includes(name)) throw new UserError(`--only ${t}: your rule has no check "${name}" (known: ${checkNames.map((c) => `rule:${c}`).join(', ')}, or rule for all)`);
  }
  const paper = only.filter((t) => !isRuleToken(t));
  const groups = new Set(paper.map((t) => t.toLowerCase()));
  return {
    paper,
    custom: (name, group) => ruleTokens.includes('rule') || ruleTokens.includes(`rule:${name}`) || groups.has(group),
  };
}

/**
 * The bytes a unit of work's value takes in memory, by kind, from its spec
 * (measured with process.memoryUsage() over 400-trial chunks, rounded up):
 *
 * - `experiment-trials` (Monte Carlo trials of the expectation checks): per
 *   trial the aggregate (8 d bytes) and, for Lemma 1's proof quantities, the
 *   neighbour mean (8 d more), plus about 2 KB of small arrays and objects;
 * - `leeway-trials`: two numbers per trial (~150 B); `budget-trials`: one (~16 B);
 * - `lemma2-run`, `mnist-run`, `l25-angle-run`: a recorded trajectory of
 *   about 200 points (≤ 3 series), ~6 KB; `slowdown-errors`: a number per seed.
 *
 * Kinds it does not know (a researcher's own registry) count 0: they are
 * not estimated.
 */
export function unitBytes(call: UnitCall): number {
  const s = call.spec as Record<string, unknown>;
  const trials = typeof s.to === 'number' && typeof s.from === 'number' ? s.to - s.from : 0;
  switch (call.kind) {
    case 'experiment-trials': {
      const d = Number((s.setting as { d?: number } | undefined)?.d ?? 0);
      return trials * (s.proof ? 16 * d + 2000 : 8 * d + 1500);
    }
    case 'leeway-trials':
      return trials * 150;
    case 'budget-trials':
      return trials * 16;
    case 'lemma2-run':
    case 'mnist-run':
      return 6000;
    case 'l25-angle-run':
      return 200 + 16 * Number(s.pointsPerRun ?? 200);
    case 'slowdown-errors':
      return 100 + 16 * Number(s.seeds ?? 0);
    default:
      return 0;
  }
}

/** Trials at which the units are listed before scaling: every use of `--trials` is linear in it, and listing at 1e7 would itself exhaust memory (one SGD run spec per seed). */
const REFERENCE_TRIALS = 100;

/** What `--trials T` would keep in memory for the selected checks. */
export interface TrialMemory {
  trials: number;
  /** Bytes of unit values one thread may hold (the main thread keeps each until sent; a worker keeps what it was sent). */
  perThread: number;
  /** Bytes for the whole process: the main thread and every worker may each hold a copy. */
  total: number;
  /** Bytes per trial (perThread / trials). */
  perTrial: number;
}

/**
 * Estimates the memory the selected checks keep at `ctx.trials` trials: the
 * values of the distinct units of work they declare (shared ones once),
 * listed at {@link REFERENCE_TRIALS} trials and scaled linearly (every use
 * of `--trials` — Monte Carlo trials, fast-check runs, SGD seeds — is linear
 * in it, and fast-check runs keep nothing).
 */
export function trialMemory(checks: readonly ClaimCheck[], ctx: CheckContext, jobs: number): TrialMemory {
  const trials = ctx.trials ?? 0;
  const reference = { ...ctx, trials: Math.min(trials, REFERENCE_TRIALS) };
  const seen = new Set<string>();
  let bytes = 0;
  for (const c of checks) {
    let calls: UnitCall[] = [];
    try {
      calls = c.units?.(reference) ?? [];
    } catch {
      // A check whose declaration throws reports it when it runs.
    }
    for (const call of calls) {
      const key = unitKey(call);
      if (seen.has(key)) continue;
      seen.add(key);
      bytes += unitBytes(call);
    }
  }
  const perThread = reference.trials > 0 ? (bytes * trials) / reference.trials : 0;
  return { trials, perThread, total: perThread * (1 + jobs), perTrial: trials > 0 ? perThread / trials : 0 };
}

/**
 * Refuses, in one line, a `--trials` whose estimated memory ({@link
 * trialMemory}) passes the limits ({@link memoryLimits}): one thread's heap
 * limit, or the machine's share for the main thread and `jobs` workers.
 * Nothing to check when `--trials` is not given (the checks' defaults).
 */
export function checkTrialMemory(checks: readonly ClaimCheck[], ctx: CheckContext, jobs: number, limits: MemoryLimits = memoryLimits()): TrialMemory | undefined {
  if (ctx.trials === undefined) return undefined;
  const m = trialMemory(checks, ctx, jobs);
  const what = `about ${formatBytes(m.perTrial)} per trial for the ${checks.length} selected check${checks.length === 1 ? '' : 's'}`;
  const most = (limit: number, copies: number) => Math.floor(limit / (m.perTrial * copies));
  if (m.perThread > limits.perThread)
    throw new UserError(`--trials ${ctx.trials} would keep about ${formatBytes(m.perThread)} of trial results in one thread (${what}); the limit is ${formatBytes(limits.perThread)} (${limits.perThreadSource}), so at most --trials ${most(limits.perThread, 1)} here`);
  if (m.total > limits.total)
    throw new UserError(`--trials ${ctx.trials} would keep about ${formatBytes(m.total)} of trial results over ${jobs + 1} threads (${what}, one copy per thread); the limit is ${formatBytes(limits.total)} (${limits.totalSource}), so at most --trials ${most(limits.total, jobs + 1)} with --jobs ${jobs}`);
  return m;
}
