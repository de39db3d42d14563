import { makeAttack } from '../attacks';
import { mnistLogistic } from '../problems/mnist';
import { rippledBowl } from '../problems/rippledBowl';
import type { Problem } from '../problems/types';
import { MNIST_SETTING } from './experiments';
import { simulate } from './simulate';

/**
 * Steps per second of the simulator, for the benchmarks (never for tests):
 * runs `steps` SGD steps of `rule` and divides by the wall-clock time.
 * Problems: `mnist` (logistic regression, n = 19, f = 4, batch 16 per
 * worker, test accuracy every 50 steps — the "quick MNIST run") or
 * `lemma2` (the rippled bowl, d = 10, n = 11, f = 2). `attack` adds f
 * Byzantine workers running that attack.
 *
 * @example sgdStepsPerSecond({ problem: 'mnist', rule: 'multi-krum', steps: 200 }) // e.g. ≈ 300
 */
export function sgdStepsPerSecond(o: { problem: 'mnist' | 'lemma2'; rule: string; steps: number; attack?: string; seed?: number }): { stepsPerSecond: number; seconds: number; steps: number } {
  const mnist = o.problem === 'mnist';
  const n = mnist ? MNIST_SETTING.n : 11, f = mnist ? MNIST_SETTING.f : 2;
  const problem: Problem = mnist ? mnistLogistic({ batch: MNIST_SETTING.batch }) : rippledBowl({ d: 10, n, f });
  const attack = o.attack && o.attack !== 'none' ? makeAttack(o.attack) : undefined;
  const start = performance.now();
  simulate({
    problem, rule: o.rule, n, f, byzantine: attack ? f : 0, attack, steps: o.steps, seed: o.seed ?? 1,
    schedule: mnist ? MNIST_SETTING.schedule : { kind: 'decreasing', gamma0: 1, t0: 10, p: 0.75 },
    recordEvery: mnist ? 50 : 1, metricsEvery: mnist ? 50 : 1,
  });
  const seconds = (performance.now() - start) / 1000;
  return { stepsPerSecond: o.steps / seconds, seconds, steps: o.steps };
}
