import { AdmissibilityError } from '../errors';
import { DETERMINISTIC_CHECKS } from './checks/deterministic';
import { MONTECARLO_CHECKS } from './checks/montecarlo';
import { ROBUSTNESS_CHECKS } from './checks/robustness';
import { SIMULATION_CHECKS } from './checks/simulation';
import { CLAIMS } from './statements';
import type { CheckContext, CheckResult, Claim, ClaimCheck } from './types';

/** Every check of the workbook, in registry order. */
export const ALL_CHECKS: readonly ClaimCheck[] = [...DETERMINISTIC_CHECKS, ...MONTECARLO_CHECKS, ...SIMULATION_CHECKS, ...ROBUSTNESS_CHECKS];

/** All claims, in the order of claims.md, then reference/robustness-claims.md. */
export function claims(): readonly Claim[] {
  return CLAIMS;
}

/** The claim with this id; a one-line error naming the known ids otherwise. */
export function claim(id: string): Claim {
  const c = CLAIMS.find((x) => x.id === id);
  if (!c) throw new AdmissibilityError('claim registry', `a known claim id (${CLAIMS.map((x) => x.id).join(', ')})`, { id });
  return c;
}

/** The checks registered under a claim id. */
export function checksFor(id: string): ClaimCheck[] {
  return ALL_CHECKS.filter((c) => c.claimId === id);
}

/** Runs one check; the result carries the registry's expectation. */
export async function runCheck(check: ClaimCheck, ctx: CheckContext): Promise<CheckResult> {
  return await check.run(ctx);
}

/** A check's result is a surprise when its verdict is not what the registry expects. */
export function isSurprise(r: CheckResult): boolean {
  return r.verdict !== r.expected;
}
