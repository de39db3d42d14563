/**
 * `merge`: checks that every unit of the plan is stored whole in the run
 * folder, then runs the checks of the plan's verification on the stored
 * values and writes the report — the very code path of a single-machine run
 * (lib/cli/verify.ts), with the units read from disk instead of computed, so
 * results.json is byte-identical to `npm start` with the same mode and seed,
 * whatever the number of shards.
 *
 * When units are missing or corrupt, nothing is run: the merge lists them
 * (kind, hash, why) and the commands that compute them — the shard(s) that
 * own them for each shard count seen in the folder, and `run --shard 0/1`,
 * which computes every unit still missing on one machine.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { VerifyOptions } from '../cli/options';
import { verify, type VerifyOutcome } from '../cli/verify';
import { unitKey } from '../parallel/units';
import { unitCallOf, type Plan, type PlannedUnit } from './plan';
import { readIfPresent, SHARDS_DIR, unitPath } from './runFolder';
import { assignShards } from './shards';
import { decodeUnitFile } from './unitFile';

export interface MissingUnit {
  unit: PlannedUnit;
  why: string;
}

/** Reads every unit of the plan; returns the values by key and what is missing or corrupt. */
export function collectUnits(runFolder: string, plan: Plan): { values: Map<string, unknown>; missing: MissingUnit[]; storedSeconds: number } {
  const values = new Map<string, unknown>();
  const missing: MissingUnit[] = [];
  let storedSeconds = 0;
  for (const u of plan.units) {
    const key = unitKey(unitCallOf(u));
    const bytes = readIfPresent(unitPath(runFolder, key));
    if (!bytes) {
      missing.push({ unit: u, why: 'missing' });
      continue;
    }
    const decoded = decodeUnitFile(bytes, key);
    if (!decoded.ok) missing.push({ unit: u, why: `corrupt: ${decoded.why}` });
    else {
      values.set(key, decoded.value);
      if (Number.isFinite(decoded.seconds)) storedSeconds += decoded.seconds;
    }
  }
  return { values, missing, storedSeconds };
}

/** The shard counts this run folder was run with (from RUN/shards/i-of-N.json), ascending. */
export function shardCountsSeen(runFolder: string): number[] {
  let names: string[] = [];
  try {
    names = fs.readdirSync(path.join(runFolder, SHARDS_DIR));
  } catch {
    return [];
  }
  return [...new Set(names.map((n) => /^\d+-of-(\d+)\.json$/.exec(n)?.[1]).filter((x): x is string => x !== undefined).map(Number))].sort((a, b) => a - b);
}

/** The lines that tell what is missing and how to compute it. */
export function describeMissing(runFolder: string, plan: Plan, missing: readonly MissingUnit[], cli = 'aggregathor-workbook'): string[] {
  const lines = [`merge: ${missing.length} of ${plan.units.length} units are not stored whole in ${runFolder}; nothing was merged:`];
  for (const m of missing.slice(0, 20)) lines.push(`  ${m.unit.kind} ${m.unit.hash.slice(0, 16)}: ${m.why}`);
  if (missing.length > 20) lines.push(`  … and ${missing.length - 20} more`);
  const index = new Map(plan.units.map((u, i) => [u.hash, i]));
  for (const n of shardCountsSeen(runFolder)) {
    const owner = assignShards(plan.units, n);
    const shards = [...new Set(missing.map((m) => owner[index.get(m.unit.hash)!]))].sort((a, b) => a - b);
    lines.push(`compute them with the shard${shards.length > 1 ? 's' : ''} that own${shards.length > 1 ? '' : 's'} them (${n} shards): ${shards.map((s) => `${cli} run --run-folder ${runFolder} --shard ${s}/${n}`).join(' ; ')}`);
  }
  lines.push(`or all of them on one machine: ${cli} run --run-folder ${runFolder} --shard 0/1   (units already stored are skipped)`);
  return lines;
}

export interface MergeResult {
  outcomes: { seed: number; outcome: VerifyOutcome }[];
  /** Units the checks asked for that the plan did not list, computed here (0 unless the plan and the checks disagree). */
  unplanned: number;
}

/**
 * Runs the plan's verification for each seed on the stored unit values and
 * writes each report: to `out` for one seed, to `out/seed-<s>` for several.
 * Call only when {@link collectUnits} found nothing missing.
 */
export async function mergeReports(runFolder: string, plan: Plan, values: Map<string, unknown>, options: { out: string; jobs: number }, io?: { out: (s: string) => void; err: (s: string) => void }): Promise<MergeResult> {
  const outcomes: MergeResult['outcomes'] = [];
  let unplanned = 0;
  const several = plan.verify.seeds.length > 1;
  for (const seed of plan.verify.seeds) {
    const o: VerifyOptions = {
      mode: plan.verify.mode,
      seed,
      ...(plan.verify.only !== null ? { only: plan.verify.only } : {}),
      ...(plan.verify.trials !== null ? { trials: plan.verify.trials } : {}),
      ...(plan.verify.rule ? { rule: plan.verify.rule.module, ...(plan.verify.rule.eta !== undefined ? { eta: plan.verify.rule.eta } : {}) } : {}),
      jobs: options.jobs,
      out: several ? path.join(options.out, `seed-${seed}`) : options.out,
      help: false,
    };
    const outcome = await verify(o, io, {
      storedUnit: (_unit, key) => {
        // Handed over once and dropped here (the pool keeps it while a check needs it); asked again (another seed), read again.
        if (values.has(key)) {
          const value = values.get(key);
          values.delete(key);
          return { value };
        }
        const bytes = readIfPresent(unitPath(runFolder, key));
        const decoded = bytes ? decodeUnitFile(bytes, key) : undefined;
        if (decoded?.ok) return { value: decoded.value };
        unplanned++;
        return undefined;
      },
    });
    outcomes.push({ seed, outcome });
  }
  return { outcomes, unplanned };
}
