/**
 * Worker of the benchmark's SGD row: runs the simulator for each seed it is
 * given and posts, per seed, the final iterate's first coordinates and ‖x‖²
 * (enough to tell whether two thread counts gave the same runs).
 */
import { parentPort, workerData } from 'node:worker_threads';

type Loose = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const { simulate } = require('../../lib/sgd/simulate') as Loose; // eslint-disable-line @typescript-eslint/no-require-imports
const { rippledBowl } = require('../../lib/problems/rippledBowl') as Loose; // eslint-disable-line @typescript-eslint/no-require-imports

const job = workerData as { seeds: number[]; steps: number; d: number; n: number; f: number; rule: string };
const out: Record<number, number[]> = {};
for (const seed of job.seeds) {
  let last: Float64Array | null = null;
  simulate({
    problem: rippledBowl({ d: job.d, n: job.n, f: job.f }), rule: job.rule, n: job.n, f: job.f, byzantine: 0,
    schedule: { kind: 'decreasing', gamma0: 1, t0: 10, p: 0.75 }, steps: job.steps, seed,
    recordEvery: job.steps, onIterate: (_t: number, x: Float64Array) => (last = x),
  });
  const x = last as Float64Array | null;
  out[seed] = x ? [x[0], x[1], x.reduce((a, v) => a + v * v, 0)] : [];
}
parentPort!.postMessage(out);
