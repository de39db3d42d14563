/**
 * The assembled proof map (see ./types): every step of every section, in the
 * paper's order, with each step's dependents computed from the premises, and
 * the function that runs every step's checks.
 */
import { FRONT_STEPS } from './map/front';
import { LEMMA1_STEPS } from './map/lemma1';
import { LEMMA2_STEPS } from './map/lemma2';
import { THEOREM2_STEPS } from './map/theorem2';
import type { ProofStep, StepCheck, StepResult } from './types';

export * from './types';
export { dependents, stepStandings, type StepStanding, type StepStatus } from './status';

/** Every step, in the order of the paper's lines (the order of the map files breaks ties). */
export const PROOF_MAP: readonly ProofStep[] = [...FRONT_STEPS, ...LEMMA1_STEPS, ...LEMMA2_STEPS, ...THEOREM2_STEPS]
  .map((s, i) => ({ s, i }))
  .sort((a, b) => a.s.location.lines[0] - b.s.location.lines[0] || a.i - b.i)
  .map(({ s }) => s);

/** The step with this id, or undefined. */
export function proofStep(id: string): ProofStep | undefined {
  return PROOF_MAP.find((s) => s.id === id);
}

/** The paper's sections as the map names them, in order of first appearance. */
export function proofSections(steps: readonly ProofStep[] = PROOF_MAP): string[] {
  return [...new Set(steps.map((s) => s.location.section))];
}

/**
 * Runs one check of a step; a check that throws gives an `inconclusive`
 * result naming the error (a broken check is never a silent pass).
 */
export function runStepCheck(step: ProofStep, check: StepCheck, opts: { seed: number; mode: 'quick' | 'full'; mutant?: boolean }): StepResult {
  try {
    return check.run(opts);
  } catch (error) {
    const why = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    return { stepId: step.id, reading: check.reading, verdict: 'inconclusive', region: { text: 'not evaluated' }, method: 'error', summary: `the check could not run: ${why}`, runs: 0, seed: opts.seed };
  }
}

/** Runs every check of every step (in map order): the map's evidence at one seed. */
export function runProofMap(opts: { seed: number; mode: 'quick' | 'full' }, steps: readonly ProofStep[] = PROOF_MAP): StepResult[] {
  return steps.flatMap((s) => s.checks.map((c) => runStepCheck(s, c, opts)));
}
