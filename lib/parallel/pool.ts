import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ClaimCheck } from '../claims/types';
import type { RegistryView } from './registrySource';
import { checksOfTask, failedCheckResult, findCheck, runTask, type CheckTask, type TaskOutcome } from './task';
import { provideUnits, unitKey, type UnitCall } from './units';

export interface PoolOptions {
  /** Worker threads. */
  jobs: number;
  /**
   * Run in the calling thread instead of worker threads (for notebooks and
   * library use). The CLI always uses workers, even for one job, so the main
   * thread stays free to draw progress and to clean up on Ctrl-C.
   */
  inProcess?: boolean;
  /** Called once, before anything runs, with the distinct units of work the checks declared. */
  onPlan?: (units: readonly UnitCall[]) => void;
  /**
   * Values of units computed elsewhere (a cluster run's folder, lib/cluster):
   * a unit for which this returns `{ value }` is not computed again. The value
   * must be what the unit's function returns (it is handed to the checks as if
   * a worker had just computed it). Units it returns undefined for are computed.
   */
  storedUnit?: (unit: UnitCall, key: string) => { value: unknown } | undefined;
  /** Called as each unit of work finishes, with its measured seconds. */
  onUnitDone?: (unit: UnitCall, seconds: number) => void;
  /** Called as each check finishes (in completion order — for progress only). */
  onDone?: (outcome: TaskOutcome, task: CheckTask) => void;
  /** Called as each check starts. */
  onStart?: (task: CheckTask) => void;
}

/** Messages between the pool and its workers (lib/parallel/worker.ts). */
export type ToWorker =
  | { type: 'unit'; key: string; unit: Pick<UnitCall, 'kind' | 'spec'> }
  | { type: 'check'; task: CheckTask; provide: [string, unknown][] };
export type FromWorker =
  | { type: 'unit'; key: string; value?: unknown; error?: string; seconds: number }
  | { type: 'check'; outcome: TaskOutcome };

/** The distinct units of work the tasks' checks declare, most expensive first, and the keys each task needs. */
export function planUnits(checks: readonly (ClaimCheck | undefined)[], tasks: readonly CheckTask[]): { units: UnitCall[]; keys: string[][] } {
  const byKey = new Map<string, UnitCall>();
  const keys = tasks.map((t, i) => {
    let calls: UnitCall[] = [];
    try {
      calls = checks[i]?.units?.(t.ctx) ?? [];
    } catch {
      // A check whose declaration throws runs without prefetched units; its run reports the error.
    }
    return calls.map((c) => {
      const key = unitKey(c);
      if (!byKey.has(key)) byKey.set(key, c);
      return key;
    });
  });
  const units = [...byKey.entries()].sort(([ka, a], [kb, b]) => b.cost - a.cost || (ka < kb ? -1 : 1)).map(([, c]) => c);
  return { units, keys: keys.map((k) => [...new Set(k)]) };
}

/**
 * Runs checks on a pool of worker threads and returns their outcomes in the
 * order of `tasks` (registry order), whatever order they complete in, so the
 * results are identical for any `jobs`.
 *
 * Two kinds of work share the pool. First the units of work the checks
 * declare (lib/parallel/units: chunks of Monte Carlo trials, SGD runs), each
 * distinct unit computed once, on whichever worker is free, most expensive
 * first (so the threads finish together); then the checks, each sent with
 * the unit values it needs that its worker does not hold yet. A unit's value
 * depends on its spec alone, so where it ran changes nothing in a result.
 * A check whose unit failed recomputes it itself and reports the error.
 */
export async function runChecks(registry: RegistryView, tasks: readonly CheckTask[], options: PoolOptions): Promise<TaskOutcome[]> {
  const checkOf = (t: CheckTask): ClaimCheck | undefined => findCheck(checksOfTask(registry.checks, t), t);
  const outcomes: TaskOutcome[] = new Array(tasks.length);
  if (tasks.length === 0) return outcomes;
  const checks = tasks.map(checkOf);
  const plan = planUnits(checks, tasks);
  const stored = new Map<string, unknown>();
  for (const unit of options.storedUnit ? plan.units : []) {
    const key = unitKey(unit);
    const found = options.storedUnit!(unit, key);
    if (found) stored.set(key, found.value);
  }
  const toCompute = plan.units.filter((unit) => !stored.has(unitKey(unit)));
  options.onPlan?.(toCompute);
  const slot = new Map<number, number>(tasks.map((t, i) => [t.index, i]));
  const record = (o: TaskOutcome, t: CheckTask) => {
    outcomes[slot.get(t.index)!] = o;
    options.onDone?.(o, t);
  };
  const failed = (t: CheckTask, why: string): TaskOutcome => {
    const c = checkOf(t);
    const identity = c ?? { claimId: t.claimId, name: t.name, reading: t.reading, method: 'property' as const, expected: 'holds' as const };
    return { index: t.index, result: failedCheckResult(identity, t.ctx, why), seconds: 0 };
  };
  const checkQueue = tasks.map((t, i) => i).sort((a, b) => (checks[b]?.cost ?? 0) - (checks[a]?.cost ?? 0) || tasks[a].index - tasks[b].index);

  if (options.inProcess) {
    // One thread: the checks compute their units lazily, in registry order of need; nothing to ship.
    provideUnits(stored);
    for (const i of checkQueue) {
      const t = tasks[i];
      options.onStart?.(t);
      const c = checks[i];
      record(c ? await runTask(c, t) : failed(t, 'no such check in the registry'), t);
    }
    return outcomes;
  }

  const values = new Map<string, unknown>();
  const settled = new Set<string>(); // computed, or failed (then the check recomputes it)
  // How many checks still need each unit: a value is dropped from the main thread once every one of them was sent off.
  const need = new Map<string, number>();
  for (const ks of plan.keys) for (const k of ks) need.set(k, (need.get(k) ?? 0) + 1);
  const unitQueue = [...toCompute];
  for (const [key, value] of stored) {
    if ((need.get(key) ?? 0) > 0) values.set(key, value);
    settled.add(key);
  }
  stored.clear();
  const jobs = Math.max(1, Math.min(options.jobs, unitQueue.length + checkQueue.length));

  await new Promise<void>((resolve) => {
    let running = 0;
    // Tasks with the same `sharedWith` key go to one worker (the first to start one of them), which then keeps the trials they share.
    let workers = 0;
    const owner = new Map<string, number>();
    const idle: (() => void)[] = [];
    const wakeIdle = () => {
      for (const w of idle.splice(0)) w();
    };
    const workerFile = path.join(__dirname, 'worker.js');
    const startWorker = () => {
      const id = workers++;
      const mayRun = (i: number) => { const key = tasks[i].sharedWith; return key === undefined || (owner.get(key) ?? id) === id; };
      const worker = new Worker(workerFile, { workerData: { registryModule: registry.modulePath } });
      const held = new Set<string>();
      let current: { unit: UnitCall; key: string; started: bigint } | { check: number } | undefined;
      const next = () => {
        current = undefined;
        const unit = unitQueue.shift();
        if (unit) {
          const key = unitKey(unit);
          current = { unit, key, started: process.hrtime.bigint() };
          worker.postMessage({ type: 'unit', key, unit: { kind: unit.kind, spec: unit.spec } } satisfies ToWorker);
          return;
        }
        const at = checkQueue.findIndex((i) => mayRun(i) && plan.keys[i].every((k) => settled.has(k)));
        if (at < 0) {
          if (checkQueue.length === 0) void worker.terminate();
          else idle.push(next); // every remaining check waits for a unit another worker is computing
          return;
        }
        const [i] = checkQueue.splice(at, 1);
        current = { check: i };
        if (tasks[i].sharedWith !== undefined) owner.set(tasks[i].sharedWith!, id);
        const provide: [string, unknown][] = [];
        for (const k of plan.keys[i]) {
          if (values.has(k) && !held.has(k)) {
            provide.push([k, values.get(k)]);
            held.add(k);
          }
          const left = (need.get(k) ?? 1) - 1;
          need.set(k, left);
          if (left === 0) values.delete(k);
        }
        options.onStart?.(tasks[i]);
        worker.postMessage({ type: 'check', task: tasks[i], provide } satisfies ToWorker);
      };
      running++;
      worker.on('message', (m: FromWorker) => {
        if (m.type === 'unit' && current && 'unit' in current) {
          if (m.error === undefined && (need.get(m.key) ?? 0) > 0) values.set(m.key, m.value);
          settled.add(m.key);
          options.onUnitDone?.(current.unit, m.seconds);
          wakeIdle();
        } else if (m.type === 'check' && current && 'check' in current) {
          record(m.outcome, tasks[current.check]);
        }
        next();
      });
      worker.on('error', (error) => {
        for (const [key, w] of owner) if (w === id) owner.delete(key); // its tasks may go to another worker now
        // A worker that dies (out of memory, an uncaught throw outside the check) takes only its current piece of work down.
        if (current && 'check' in current) record(failed(tasks[current.check], `worker thread died: ${error.message}`), tasks[current.check]);
        if (current && 'unit' in current) {
          settled.add(current.key);
          options.onUnitDone?.(current.unit, 0);
          wakeIdle();
        }
        current = undefined;
        if (unitQueue.length > 0 || checkQueue.length > 0) startWorker();
      });
      worker.on('exit', () => {
        running--;
        if (running === 0) resolve();
        else wakeIdle();
      });
      next();
    };
    for (let w = 0; w < jobs; w++) startWorker();
  });
  for (const [i, t] of tasks.entries()) if (!outcomes[i]) record(failed(t, 'never ran (the worker pool stopped)'), t);
  return outcomes;
}
