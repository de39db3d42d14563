import { UserError } from '../cli/userError';

/**
 * Which shard computes which unit: longest processing time first (LPT).
 * Units are taken most expensive first (ties by key hash) and each goes to
 * the shard with the least estimated work so far (ties: the lowest index).
 * Every shard computes the same assignment from the plan alone, so no shard
 * needs to talk to another, and two shards never compute the same unit.
 *
 * LPT's makespan is at most 4/3 − 1/(3N) of the best possible one (Graham
 * 1969), for the estimated costs.
 *
 * @example
 *   assignShards([{ cost: 5 }, { cost: 3 }, { cost: 3 }, { cost: 2 }], 2) // → [0, 1, 1, 0] (loads 7 and 6)
 */
export function assignShards(units: readonly { cost: number }[], shards: number): number[] {
  if (!Number.isInteger(shards) || shards < 1) throw new RangeError(`shards must be a positive integer; got ${shards}`);
  // The plan lists units most expensive first already; sort a copy of the indices anyway, stably, so any order of input works.
  const order = units.map((_, i) => i).sort((a, b) => costOf(units[b]) - costOf(units[a]) || a - b);
  const load = new Array<number>(shards).fill(0);
  const owner = new Array<number>(units.length);
  for (const i of order) {
    let best = 0;
    for (let s = 1; s < shards; s++) if (load[s] < load[best]) best = s;
    owner[i] = best;
    load[best] += costOf(units[i]);
  }
  return owner;
}

/** A cost the assignment can use: finite and non-negative (a broken estimate counts as 0, never NaN). */
function costOf(u: { cost: number }): number {
  return Number.isFinite(u.cost) && u.cost > 0 ? u.cost : 0;
}

/** Estimated work of each shard under {@link assignShards}. */
export function shardLoads(units: readonly { cost: number }[], shards: number): number[] {
  const owner = assignShards(units, shards);
  const load = new Array<number>(shards).fill(0);
  owner.forEach((s, i) => {
    load[s] += costOf(units[i]);
  });
  return load;
}

/**
 * Parses `i/N` (shard i of N, 0-based): one line naming the option and the
 * admissible range on anything else.
 */
export function parseShard(text: string, what = '--shard'): { index: number; count: number } {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const count = m ? Number(m[2]) : NaN;
  const index = m ? Number(m[1]) : NaN;
  if (!m || !Number.isSafeInteger(count) || count < 1 || count > MAX_SHARDS) throw new UserError(`${what} needs i/N with N an integer in [1, ${MAX_SHARDS}] and i in [0, N − 1]; got ${JSON.stringify(text)}`);
  if (!Number.isSafeInteger(index) || index >= count) throw new UserError(`${what} needs i/N with i in [0, ${count - 1}] (0-based); got ${JSON.stringify(text)}`);
  return { index, count };
}

/** The most shards a run may be cut into (a plan rarely has more units than this). */
export const MAX_SHARDS = 100000;
