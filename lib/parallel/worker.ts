/**
 * Worker-thread entry of the check pool. Each worker loads the claim registry
 * itself (from the compiled module the main thread names) and runs the checks
 * it is sent, one at a time, by (claimId, name).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadRegistry } from './registrySource';
import { failedCheckResult, findCheck, runTask, type CheckTask } from './task';

const { registryModule } = workerData as { registryModule: string };
const registry = loadRegistry(registryModule);

parentPort!.on('message', async (task: CheckTask) => {
  const check = findCheck(registry.checks, task);
  if (!check) {
    const result = failedCheckResult({ claimId: task.claimId, name: task.name, reading: task.reading, method: 'property', expected: 'holds' }, task.ctx, 'no such check in the worker\'s registry');
    parentPort!.postMessage({ index: task.index, result, seconds: 0 });
    return;
  }
  parentPort!.postMessage(await runTask(check, task));
});
