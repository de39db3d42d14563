/**
 * Worker-thread entry of the check pool. Each worker loads the claim registry
 * itself (from the compiled module the main thread names), which defines
 * every kind of unit of work, and then does what it is sent, one thing at a
 * time: a unit of work (computed and handed back, not kept), or a check by
 * (claimId, name, reading), with the unit values it needs.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { FromWorker, ToWorker } from './pool';
import { loadRegistry } from './registrySource';
import { checksOfTask, failedCheckResult, findCheck, runTask } from './task';
import { computeUnit, provideUnits } from './units';

const { registryModule } = workerData as { registryModule: string };
const registry = loadRegistry(registryModule);

parentPort!.on('message', async (m: ToWorker) => {
  if (m.type === 'unit') {
    const started = process.hrtime.bigint();
    let reply: FromWorker;
    try {
      const value = computeUnit(m.unit);
      reply = { type: 'unit', key: m.key, value, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
    } catch (error) {
      reply = { type: 'unit', key: m.key, error: error instanceof Error ? error.message : String(error), seconds: Number(process.hrtime.bigint() - started) / 1e9 };
    }
    parentPort!.postMessage(reply);
    return;
  }
  const { task } = m;
  provideUnits(m.provide);
  let check;
  try {
    check = findCheck(checksOfTask(registry.checks, task), task);
  } catch (error) {
    // A researcher's rule module that loads in the main thread but not here (it was changed meanwhile): the check cannot run.
    const result = failedCheckResult({ claimId: task.claimId, name: task.name, reading: task.reading, method: 'property', expected: 'holds' }, task.ctx, `the rule module could not be loaded in the worker: ${error instanceof Error ? error.message : String(error)}`);
    parentPort!.postMessage({ type: 'check', outcome: { index: task.index, result, seconds: 0 } } satisfies FromWorker);
    return;
  }
  if (!check) {
    const result = failedCheckResult({ claimId: task.claimId, name: task.name, reading: task.reading, method: 'property', expected: 'holds' }, task.ctx, 'no such check in the worker\'s registry');
    parentPort!.postMessage({ type: 'check', outcome: { index: task.index, result, seconds: 0 } } satisfies FromWorker);
    return;
  }
  parentPort!.postMessage({ type: 'check', outcome: await runTask(check, task) } satisfies FromWorker);
});
