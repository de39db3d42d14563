/**
 * A registry for the lifecycle tests (loaded through AGGREGATHOR_REGISTRY):
 * one claim whose check waits in two units of work, one per worker thread,
 * for AGGREGATHOR_FIXTURE_SLEEP_MS milliseconds (default 1 s). A test can then
 * interrupt a run at a known stage — checks running on worker threads — or,
 * with a short wait, let it finish and write its report.
 */
import type { CheckContext, CheckResult, Claim, ClaimCheck } from '../lib/claims/types';
import { defineUnit } from '../lib/parallel/units';

const always = { text: 'none', holds: () => true };

export const CLAIMS: Claim[] = [
  { id: 'S1', group: 'eta', title: 'A slow claim', statement: 'Waits, then holds.', kind: 'deterministic', hypotheses: always, readings: [{ id: 'as-printed', description: 'as printed' }], source: 'fixture', cites: [] },
];

/** Blocks the thread (as real number crunching does: no event loop turns) for the configured time. */
const wait = defineUnit<{ part: number }, number>('lifecycle-wait', ({ part }) => {
  const ms = Number(process.env.AGGREGATHOR_FIXTURE_SLEEP_MS ?? 1000);
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
  return part;
}, () => 1);

const parts = [0, 1];

export const ALL_CHECKS: ClaimCheck[] = [
  {
    claimId: 'S1', name: 'wait', reading: 'as-printed', method: 'property', expected: 'holds', cost: 0.01,
    units: () => parts.map((part) => wait.call({ part })),
    run(ctx: CheckContext): CheckResult {
      const done = parts.map((part) => wait.get({ part }));
      return { claimId: 'S1', check: 'wait', reading: 'as-printed', method: 'property', verdict: 'holds', expected: 'holds', summary: `waited in ${done.length} units`, seed: ctx.seed, runs: done.length,
        // one series, so the report has a figure to render through Chromium
        series: [{ name: 'parts', xLabel: 'part', yLabel: 'value', x: parts, y: done }] };
    },
  },
];

export function claims(): readonly Claim[] {
  return CLAIMS;
}
