import { MONTECARLO_CHECKS } from '../claims/checks/montecarlo';
import type { CheckResult } from '../claims/types';
import { clearExperimentCache } from './experiment';

/**
 * Runs every Monte Carlo check of the registry once, in registry order, and
 * returns their results with the total number of trials they report — the
 * entry point for the benchmark (trials per second) and for a quick look.
 * Checks of Lemma 1 share their trials (memoised), so `trials` counts the
 * trials each check reports, and `distinctTrials` those actually run once.
 *
 * @example const { results, trials } = await runMonteCarloSuite('quick', 1)
 */
export async function runMonteCarloSuite(mode: 'quick' | 'full', seed: number, trials?: number): Promise<{ results: CheckResult[]; trials: number; distinctTrials: number }> {
  clearExperimentCache();
  const results: CheckResult[] = [];
  const counted = new Map<string, number>();
  for (const check of MONTECARLO_CHECKS) {
    const r = await check.run({ mode, seed, trials });
    results.push(r);
    // Checks sharing a stream family share trials; the largest count per family is what was run.
    const family = r.claimId === 'D2' || r.claimId === 'T2' || r.claimId === 'T2.1' ? 'leeway' : r.claimId === 'F1' ? 'F1' : `${r.claimId}/${r.check}`;
    counted.set(family, Math.max(counted.get(family) ?? 0, r.runs));
  }
  const lemma1 = Math.max(0, ...results.filter((r) => !['D2', 'T2', 'T2.1', 'F1'].includes(r.claimId)).map((r) => r.runs));
  const leeway = counted.get('leeway') ?? 0;
  // D2 and T2, T2.1 report disjoint rules of one shared run: their sum is the run.
  const leewayRun = results.filter((r) => ['D2', 'T2', 'T2.1'].includes(r.claimId)).reduce((a, r) => a + r.runs, 0);
  return { results, trials: results.reduce((a, r) => a + r.runs, 0), distinctTrials: lemma1 + Math.max(leeway, leewayRun) + (counted.get('F1') ?? 0) };
}
