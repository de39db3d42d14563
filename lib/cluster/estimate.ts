/**
 * The cost estimate of a run, printed by `plan` (and `job-files`) before
 * anything starts: per unit kind, and the wall time on one machine and on N
 * shards.
 *
 * Model. Each unit kind declares an estimated cost in seconds of one thread
 * (lib/parallel/units); a report's timings.json records, per kind, the
 * summed measured seconds and the summed declared costs of the units it ran,
 * and per check its measured seconds and the registry's declared cost. The
 * calibration factor of a kind is measured / declared (1 when the kind is not
 * in the timings file, or without one); the checks' own work (what `merge`
 * runs) is Σ declared cost × the checks' factor.
 *
 *     unit seconds      c_u = declared_u × factor(kind u)
 *     threads' time     LPT(c, T) = makespan of longest-first list scheduling on T threads
 *     one machine       T_1 = LPT(all c_u, cores) + checks / cores + report
 *     N shards of T     T_N = max_i LPT(c_u of shard i, T) + startup + checks / T + report
 *
 * where shard i's units are the ones {@link assignShards} gives it (by the
 * declared costs, as the shards do). `startup` (loading the registry in each
 * shard) and `report` (writing the report, Chromium figures) are measured
 * constants passed in, 0 by default.
 *
 * @example
 *   lptMakespan([4, 3, 3, 2], 2) // → 6 (4+2 | 3+3)
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UserError } from '../cli/userError';
import type { Plan, PlannedVerification } from './plan';
import { assignShards } from './shards';

/** Calibration factors (measured / declared seconds) per unit kind and for the checks' own work. */
export interface Calibration {
  source: string;
  kinds: Record<string, number>;
  checks: number;
  /** Seconds the report took to write in the calibrating run (timings.json reportSeconds), if known. */
  reportSeconds: number;
}

export const UNCALIBRATED: Calibration = { source: 'declared costs, not calibrated (pass --timings report/timings.json of a run on this kind of machine)', kinds: {}, checks: 1, reportSeconds: 0 };

/** Reads the factors from a report's timings.json; one line naming the file and the field on anything unreadable. */
export function calibrationFrom(file: string): Calibration {
  let t: { units?: { kind: string; seconds: number; declaredCost: number }[]; checks?: { seconds: number; declaredCost: number }[]; reportSeconds?: number };
  try {
    t = JSON.parse(fs.readFileSync(file, 'utf8')) as typeof t;
  } catch (error) {
    throw new UserError(`--timings ${file}: cannot read it as JSON (${(error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message.split('\n')[0] : String(error))})`);
  }
  if (!Array.isArray(t?.units) || !Array.isArray(t?.checks)) throw new UserError(`--timings ${file}: not a report's timings.json (needs "units" and "checks" arrays)`);
  const kinds: Record<string, number> = {};
  for (const u of t.units) if (u && typeof u.kind === 'string' && u.declaredCost > 0 && u.seconds >= 0) kinds[u.kind] = u.seconds / u.declaredCost;
  const measured = t.checks.reduce((s, c) => s + (Number.isFinite(c?.seconds) ? c.seconds : 0), 0);
  const declared = t.checks.reduce((s, c) => s + (Number.isFinite(c?.declaredCost) ? c.declaredCost : 0), 0);
  return { source: `measured unit costs of ${file}`, kinds, checks: declared > 0 ? measured / declared : 1, reportSeconds: Number.isFinite(t.reportSeconds) ? t.reportSeconds! : 0 };
}

/** The calibration shipped with the workbook: the unit costs `npm run bench` measured in a full run (bench/timings-full.json). */
export const DEFAULT_TIMINGS = path.join(__dirname, '..', '..', '..', 'bench', 'timings-full.json');

/**
 * The calibration of `--timings`: `none` for the declared costs as they are,
 * a file, or (not given) {@link DEFAULT_TIMINGS} when present.
 */
export function calibrationFor(option: string | undefined): Calibration {
  if (option === 'none') return { ...UNCALIBRATED, source: 'declared costs, not calibrated (--timings none)' };
  if (option !== undefined) return calibrationFrom(option);
  if (!fs.existsSync(DEFAULT_TIMINGS)) return UNCALIBRATED;
  const c = calibrationFrom(DEFAULT_TIMINGS);
  return { ...c, source: `unit costs measured by npm run bench in a full run (bench/timings-full.json; its machine and load in bench/cluster.txt; --timings to use your own)` };
}

/** Makespan of longest-processing-time-first list scheduling of `costs` on `threads` threads. */
export function lptMakespan(costs: readonly number[], threads: number): number {
  const load = new Array<number>(Math.max(1, threads)).fill(0);
  for (const c of [...costs].sort((a, b) => b - a)) {
    let best = 0;
    for (let s = 1; s < load.length; s++) if (load[s] < load[best]) best = s;
    load[best] += c;
  }
  return Math.max(...load);
}

export interface KindCost {
  kind: string;
  units: number;
  declared: number;
  seconds: number;
}

export interface Estimate {
  calibration: Calibration;
  kinds: KindCost[];
  /** CPU-seconds of all units (calibrated). */
  unitSeconds: number;
  /** CPU-seconds of the checks' own work in the merge, all seeds. */
  checkSeconds: number;
  oneMachine: { cores: number; seconds: number };
  sharded: { shards: number; threads: number; seconds: number; slowestShard: number; mergeSeconds: number };
}

/** The estimate of `plan` on one machine of `cores` cores and on `shards` shards of `threads` threads each. */
export function estimate(plan: Plan, calibration: Calibration, o: { cores: number; shards: number; threads: number; startupSeconds?: number }): Estimate {
  const factor = (kind: string) => calibration.kinds[kind] ?? 1;
  const seconds = plan.units.map((u) => (Number.isFinite(u.cost) && u.cost > 0 ? u.cost : 0) * factor(u.kind));
  const byKind = new Map<string, KindCost>();
  plan.units.forEach((u, i) => {
    const k = byKind.get(u.kind) ?? { kind: u.kind, units: 0, declared: 0, seconds: 0 };
    k.units++;
    k.declared += u.cost;
    k.seconds += seconds[i];
    byKind.set(u.kind, k);
  });
  const unitSeconds = seconds.reduce((a, b) => a + b, 0);
  const checkSeconds = plan.checks.declaredCost * calibration.checks * plan.verify.seeds.length;
  const report = calibration.reportSeconds * plan.verify.seeds.length;
  const owner = assignShards(plan.units, o.shards);
  let slowestShard = 0;
  for (let s = 0; s < o.shards; s++) slowestShard = Math.max(slowestShard, lptMakespan(seconds.filter((_, i) => owner[i] === s), o.threads));
  const mergeSeconds = checkSeconds / o.threads + report;
  return {
    calibration,
    kinds: [...byKind.values()].sort((a, b) => b.seconds - a.seconds),
    unitSeconds,
    checkSeconds,
    oneMachine: { cores: o.cores, seconds: lptMakespan(seconds, o.cores) + checkSeconds / o.cores + report },
    sharded: { shards: o.shards, threads: o.threads, seconds: slowestShard + (o.startupSeconds ?? 0) + mergeSeconds, slowestShard, mergeSeconds },
  };
}

/** 75 s → "1.3 min", 5400 s → "1.5 h". */
export function formatDuration(s: number): string {
  if (s < 90) return `${s.toFixed(s < 10 ? 1 : 0)} s`;
  if (s < 5400) return `${(s / 60).toFixed(1)} min`;
  return `${(s / 3600).toFixed(1)} h`;
}

/** The estimate as lines for the terminal. */
export function describeEstimate(plan: Plan, e: Estimate): string[] {
  const v = plan.verify;
  const extras = [
    v.mode !== v.grade ? `${v.mode} mode` : '',
    v.trials !== null ? `--trials ${v.trials}` : '',
    v.only !== null ? `--only ${v.only.join(',')}` : '',
    v.rule ? `--rule ${path.basename(v.rule.module)}` : '',
  ].filter((x) => x !== '');
  const lines = [
    `Cost estimate: ${v.grade} grade${extras.length > 0 ? ` (${extras.join(', ')})` : ''}, seed${v.seeds.length > 1 ? 's' : ''} ${v.seeds.join(', ')}; ${plan.units.length} units; ${e.calibration.source}`,
    `  ${'unit kind'.padEnd(28)} ${'units'.padStart(7)} ${'CPU time'.padStart(10)}`,
  ];
  for (const k of e.kinds) lines.push(`  ${k.kind.padEnd(28)} ${String(k.units).padStart(7)} ${formatDuration(k.seconds).padStart(10)}`);
  lines.push(`  ${'checks (run by merge)'.padEnd(28)} ${String(plan.checks.count * v.seeds.length).padStart(7)} ${formatDuration(e.checkSeconds).padStart(10)}`);
  lines.push(`  total CPU time ${formatDuration(e.unitSeconds + e.checkSeconds)}`);
  lines.push(`  1 machine, ${e.oneMachine.cores} core${e.oneMachine.cores > 1 ? 's' : ''}: about ${formatDuration(e.oneMachine.seconds)}`);
  lines.push(
    `  ${e.sharded.shards} shards × ${e.sharded.threads} thread${e.sharded.threads > 1 ? 's' : ''}: about ${formatDuration(e.sharded.seconds)} (slowest shard ${formatDuration(e.sharded.slowestShard)}, then merge ${formatDuration(e.sharded.mergeSeconds)}; queue waits not included)`,
  );
  return lines;
}

/** Shard count of the estimate a single-machine run prints (the 64-core cluster of `npm run bench`'s projection). */
export const RUN_ESTIMATE_SHARDS = 64;

/**
 * The estimate a single-machine full or paper-grade run prints before it
 * starts (lib/cli/verify.ts), from the units its checks declared: the same
 * model and calibration as `plan`, for this machine and for
 * {@link RUN_ESTIMATE_SHARDS} shards of one thread, plus a pointer to `plan`.
 */
export function runEstimateLines(units: readonly { kind: string; cost: number }[], checks: Plan['checks'], v: PlannedVerification, cores: number): string[] {
  const plan = { units: units.map((u) => ({ hash: '', kind: u.kind, cost: u.cost, spec: null })), checks, verify: v } as unknown as Plan;
  const e = estimate(plan, calibrationFor(undefined), { cores, shards: RUN_ESTIMATE_SHARDS, threads: 1 });
  return [...describeEstimate(plan, e), `  (for a cluster: aggregathor-workbook plan --run-folder DIR --grade ${v.grade} --seed ${v.seeds[0]} --shards N; README, "Running on a cluster")`];
}
