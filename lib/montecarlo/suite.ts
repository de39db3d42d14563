import { clearLeewayCache, MONTECARLO_CHECKS } from '../claims/checks/montecarlo';
import type { CheckResult } from '../claims/types';
import { clearExperimentCache, experimentTrialsRun } from './experiment';

/** Claims whose checks run outside the shared Lemma 1 experiments: one leeway run split by rule, and F1's budget. */
const LEEWAY_IDS = ['D2', 'T2', 'T2.1'];

/**
 * Runs every Monte Carlo check of the registry once, in registry order, and
 * returns their results with trial counts — the entry point for the
 * benchmark (trials per second) and for a quick look.
 *
 * - `trials`: the sum of the trials each result reports (`runs`). Checks of
 *   Lemma 1 share memoised trials, so this counts shared trials once per
 *   check that uses them.
 * - `distinctTrials`: trials actually simulated — the shared Lemma 1
 *   experiments once each, plus the leeway series (D2, T2 and T2.1 report
 *   disjoint rules of one run) and F1's budget runs. Divide this by the
 *   wall time for trials per second.
 *
 * @example const { results, distinctTrials } = await runMonteCarloSuite('quick', 1)
 */
export async function runMonteCarloSuite(mode: 'quick' | 'full', seed: number, trials?: number): Promise<{ results: CheckResult[]; trials: number; distinctTrials: number }> {
  clearExperimentCache();
  clearLeewayCache();
  const results: CheckResult[] = [];
  for (const check of MONTECARLO_CHECKS) results.push(await check.run({ mode, seed, trials }));
  const outside = results.filter((r) => LEEWAY_IDS.includes(r.claimId) || r.claimId === 'F1').reduce((a, r) => a + r.runs, 0);
  return { results, trials: results.reduce((a, r) => a + r.runs, 0), distinctTrials: experimentTrialsRun() + outside };
}
