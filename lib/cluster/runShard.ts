/**
 * `run --shard i/N`: computes the units the plan assigns to shard i of N
 * (lib/cluster/shards.ts) and writes each one's value to the run folder as
 * soon as it is computed (lib/cluster/unitFile.ts, atomic). A unit whose file
 * is already there and whole is skipped, so a shard that was preempted,
 * killed or failed is simply run again and does only what is left; a file
 * that is corrupt (checksum, length, header) is computed again and replaced.
 *
 * With `jobs` > 1 the units are computed on worker threads (the pool's own
 * worker, lib/parallel/worker.ts), most expensive first; the values are the
 * same bytes wherever they are computed (a unit is a pure function of its spec).
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FromWorker, ToWorker } from '../parallel/pool';
import { loadRegistry } from '../parallel/registrySource';
import { computeUnit, unitKey } from '../parallel/units';
import { unitCallOf, type Plan, type PlannedUnit } from './plan';
import { shardRecordPath, unitPath, readIfPresent } from './runFolder';
import { assignShards } from './shards';
import { decodeUnitFile, encodeUnitFile, writeFileAtomic } from './unitFile';

export interface ShardOutcome {
  index: number;
  count: number;
  /** Units of this shard. */
  units: number;
  computed: number;
  /** Present and whole already. */
  skipped: number;
  /** Present but corrupt, computed again. */
  repaired: number;
  /** Units that threw (their files are not written; merge will list them). */
  failed: { kind: string; hash: string; error: string }[];
  seconds: number;
}

/** The units of shard `index` of `count`, in the plan's order (most expensive first). */
export function unitsOfShard(plan: Plan, index: number, count: number): PlannedUnit[] {
  const owner = assignShards(plan.units, count);
  return plan.units.filter((_, i) => owner[i] === index);
}

/** Whether a unit's file in the run folder is present and whole. */
export function unitState(runFolder: string, u: PlannedUnit): 'present' | 'missing' | { corrupt: string } {
  const key = unitKey(unitCallOf(u));
  const bytes = readIfPresent(unitPath(runFolder, key));
  if (!bytes) return 'missing';
  const decoded = decodeUnitFile(bytes, key);
  return decoded.ok ? 'present' : { corrupt: decoded.why };
}

/** Computes shard `index` of `count` of the plan in `runFolder` on `jobs` threads; `log` gets one line per notable event. */
export async function runShard(runFolder: string, plan: Plan, index: number, count: number, jobs: number, log: (line: string) => void): Promise<ShardOutcome> {
  const started = process.hrtime.bigint();
  const mine = unitsOfShard(plan, index, count);
  const outcome: ShardOutcome = { index, count, units: mine.length, computed: 0, skipped: 0, repaired: 0, failed: [], seconds: 0 };
  const todo: PlannedUnit[] = [];
  for (const u of mine) {
    const state = unitState(runFolder, u);
    if (state === 'present') outcome.skipped++;
    else {
      if (state !== 'missing') {
        outcome.repaired++;
        log(`unit ${u.kind} ${u.hash.slice(0, 12)}: the stored file is corrupt (${state.corrupt}); computing it again`);
      }
      todo.push(u);
    }
  }
  log(`shard ${index}/${count}: ${mine.length} units (estimated ${mine.reduce((s, u) => s + u.cost, 0).toFixed(1)} s of one thread), ${outcome.skipped} already stored, ${todo.length} to compute on ${Math.min(jobs, Math.max(1, todo.length))} thread(s)`);
  const store = (u: PlannedUnit, value: unknown, seconds: number) => {
    const key = unitKey(unitCallOf(u));
    writeFileAtomic(unitPath(runFolder, key), encodeUnitFile(key, u.kind, value, seconds));
    outcome.computed++;
  };
  const fail = (u: PlannedUnit, error: string) => {
    outcome.failed.push({ kind: u.kind, hash: u.hash, error });
    log(`unit ${u.kind} ${u.hash.slice(0, 12)} failed: ${error.split('\n')[0]}`);
  };

  if (jobs <= 1 || todo.length <= 1) {
    loadRegistry(plan.registry ?? undefined); // defines every unit kind in this thread
    for (const u of todo) {
      const t0 = process.hrtime.bigint();
      let value: unknown;
      try {
        value = computeUnit(unitCallOf(u));
      } catch (error) {
        fail(u, error instanceof Error ? error.message : String(error));
        continue;
      }
      store(u, value, Number(process.hrtime.bigint() - t0) / 1e9);
    }
  } else {
    await onWorkers(plan, todo, Math.min(jobs, todo.length), store, fail);
  }
  outcome.seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const record = { ...outcome, host: os.hostname(), pid: process.pid, jobs, finishedAt: new Date().toISOString() };
  writeFileAtomic(shardRecordPath(runFolder, index, count), `${JSON.stringify(record, null, 1)}\n`);
  return outcome;
}

/** Computes `todo` on `threads` worker threads, most expensive first, calling `store` in the main thread as each value arrives. */
function onWorkers(plan: Plan, todo: PlannedUnit[], threads: number, store: (u: PlannedUnit, value: unknown, seconds: number) => void, fail: (u: PlannedUnit, error: string) => void): Promise<void> {
  const queue = [...todo];
  const registryModule = plan.registry ?? path.join(__dirname, '..', 'claims', 'registry.js');
  return new Promise((resolve, reject) => {
    let running = 0;
    const start = () => {
      const worker = new Worker(path.join(__dirname, '..', 'parallel', 'worker.js'), { workerData: { registryModule } });
      running++;
      let current: PlannedUnit | undefined;
      const next = () => {
        current = queue.shift();
        if (!current) {
          void worker.terminate();
          return;
        }
        const call = unitCallOf(current);
        worker.postMessage({ type: 'unit', key: unitKey(call), unit: { kind: call.kind, spec: call.spec } } satisfies ToWorker);
      };
      worker.on('message', (m: FromWorker) => {
        if (m.type !== 'unit' || !current) return;
        try {
          if (m.error !== undefined) fail(current, m.error);
          else store(current, m.value, m.seconds);
        } catch (error) {
          reject(error); // the run folder is not writable: nothing more can be stored
          void worker.terminate();
          return;
        }
        next();
      });
      worker.on('error', (error) => {
        if (current) fail(current, `worker thread died: ${error.message}`);
        current = undefined;
        if (queue.length > 0) start();
      });
      worker.on('exit', () => {
        running--;
        if (running === 0) resolve();
      });
      next();
    };
    for (let i = 0; i < threads; i++) start();
  });
}
