import type { Claim, ClaimCheck } from '../claims/types';
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
