import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ClaimCheck } from '../claims/types';
import type { RegistryView } from './registrySource';
import { failedCheckResult, findCheck, runTask, type CheckTask, type TaskOutcome } from './task';

export interface PoolOptions {
  /** Worker threads. */
  jobs: number;
  /**
   * Run in the calling thread instead of worker threads (for notebooks and
   * library use). The CLI always uses workers, even for one job, so the main
   * thread stays free to draw progress and to clean up on Ctrl-C.
   */
  inProcess?: boolean;
  /** Called as each check finishes (in completion order — for progress only). */
  onDone?: (outcome: TaskOutcome, task: CheckTask) => void;
  /** Called as each check starts. */
  onStart?: (task: CheckTask) => void;
}

/**
 * Runs checks on a pool of worker threads and returns their outcomes in the
 * order of `tasks` (registry order), whatever order they complete in, so the
 * results are identical for any `jobs`.
 *
 * Scheduling: the most expensive checks (by `ClaimCheck.cost`) are started
 * first, which shortens the wall time without touching the results: every
 * check draws from its own seeded streams.
 */
export async function runChecks(registry: RegistryView, tasks: readonly CheckTask[], options: PoolOptions): Promise<TaskOutcome[]> {
  const checkOf = (t: CheckTask): ClaimCheck => findCheck(registry.checks, t)!;
  const outcomes: TaskOutcome[] = new Array(tasks.length);
  if (tasks.length === 0) return outcomes;
  const queue = [...tasks].sort((a, b) => (checkOf(b)?.cost ?? 0) - (checkOf(a)?.cost ?? 0) || a.index - b.index);
  const slot = new Map<number, number>(tasks.map((t, i) => [t.index, i]));
  const record = (o: TaskOutcome, t: CheckTask) => {
    outcomes[slot.get(t.index)!] = o;
    options.onDone?.(o, t);
  };

  const jobs = Math.max(1, Math.min(options.jobs, queue.length));
  if (options.inProcess) {
    for (const t of queue) {
      options.onStart?.(t);
      record(await runTask(checkOf(t), t), t);
    }
    return outcomes;
  }

  await new Promise<void>((resolve) => {
    let running = 0;
    const workerFile = path.join(__dirname, 'worker.js');
    const startWorker = () => {
      const worker = new Worker(workerFile, { workerData: { registryModule: registry.modulePath } });
      let current: CheckTask | undefined;
      const next = () => {
        current = queue.shift();
        if (!current) {
          void worker.terminate();
          return;
        }
        options.onStart?.(current);
        worker.postMessage(current);
      };
      running++;
      worker.on('message', (o: TaskOutcome) => {
        record(o, current!);
        next();
      });
      worker.on('error', (error) => {
        // A worker that dies (out of memory, an uncaught throw outside the check) takes only its current check down.
        if (current) record({ index: current.index, result: failedCheckResult(checkOf(current), current.ctx, `worker thread died: ${error.message}`), seconds: 0 }, current);
        current = undefined;
        if (queue.length > 0) startWorker();
      });
      worker.on('exit', () => {
        running--;
        if (running === 0) resolve();
      });
      next();
    };
    for (let w = 0; w < jobs; w++) startWorker();
  });
  return outcomes;
}
