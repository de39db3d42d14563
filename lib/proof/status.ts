import type { ProofStep, StepResult } from './types';

/**
 * A step's standing in the printed proof, from its own checks and its
 * premises' standing:
 *
 * - `fails`: a check under the proof's own reading (the step's first
 *   reading) fails — the step is false as printed.
 * - `unsupported`: a premise (directly or further up) fails or is
 *   unsupported, and the step is not itself checked and found to hold — the
 *   printed proof does not establish it. This is not `fails`: the statement
 *   may still be true.
 * - `holds`: its checks under the proof's reading hold; when a premise is
 *   broken, the step still holds *independently*, and `brokenPremises` says
 *   which premises the printed argument would have needed.
 * - `inconclusive`: its checks could not decide.
 * - `unchecked`: a pure definition (whatever its premises) or a step with a
 *   stated reason not to check.
 */
export type StepStanding = 'holds' | 'fails' | 'unsupported' | 'inconclusive' | 'unchecked';

export interface StepStatus {
  stepId: string;
  standing: StepStanding;
  /** The reading the standing is about: the proof's own (first) reading. */
  reading: string;
  /** Premises that fail or are unsupported (direct ones first), when any. */
  brokenPremises: string[];
  /** Results under every reading, for the tables. */
  results: StepResult[];
}

/**
 * The standing of every step, in map order. Premises that name no step of
 * the map (claim ids outside it) are ignored. Cycles are cut: a step is
 * evaluated once, with the premises evaluated before it.
 */
export function stepStandings(steps: readonly ProofStep[], results: readonly StepResult[]): Map<string, StepStatus> {
  const byId = new Map(steps.map((s) => [s.id, s]));
  const resultsOf = new Map<string, StepResult[]>();
  for (const r of results) resultsOf.set(r.stepId, [...(resultsOf.get(r.stepId) ?? []), r]);
  const out = new Map<string, StepStatus>();
  const visiting = new Set<string>();

  const evaluate = (id: string): StepStatus | undefined => {
    const done = out.get(id);
    if (done) return done;
    const step = byId.get(id);
    if (!step || visiting.has(id)) return undefined;
    visiting.add(id);
    const broken: string[] = [];
    for (const p of step.premises) {
      const ps = evaluate(p);
      if (ps && (ps.standing === 'fails' || ps.standing === 'unsupported')) broken.push(p);
    }
    const all = resultsOf.get(id) ?? [];
    const proofReading = step.readings[0]?.id ?? 'as-printed';
    // A check over several readings says so as `a and b`: it speaks for each of them.
    const own = all.filter((r) => r.reading === proofReading || r.reading.split(' and ').includes(proofReading));
    const considered = own.length > 0 ? own : all;
    let standing: StepStanding;
    // A definition asserts nothing that a broken premise could leave unsupported: it stays a definition.
    if (considered.length === 0) standing = broken.length > 0 && step.kind !== 'definition' ? 'unsupported' : 'unchecked';
    else if (considered.some((r) => r.verdict === 'fails')) standing = 'fails';
    else if (considered.every((r) => r.verdict === 'holds')) standing = 'holds';
    else standing = broken.length > 0 ? 'unsupported' : 'inconclusive';
    const status: StepStatus = { stepId: id, standing, reading: own.length > 0 ? proofReading : considered[0]?.reading ?? proofReading, brokenPremises: broken, results: all };
    visiting.delete(id);
    out.set(id, status);
    return status;
  };
  for (const s of steps) evaluate(s.id);
  return out;
}

/** The steps that use each step (the inverse of `premises`), in map order. */
export function dependents(steps: readonly ProofStep[]): Map<string, string[]> {
  const out = new Map<string, string[]>(steps.map((s) => [s.id, []]));
  for (const s of steps) for (const p of s.premises) out.get(p)?.push(s.id);
  return out;
}
