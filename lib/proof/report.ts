import type { CheckResult } from '../claims/types';
import { dependents, stepStandings, type StepStanding } from './status';
import type { PaperLocation, ProofStep, StepKind, StepReading, StepResult } from './types';

/** One step's result with the expectation of the check that gave it. */
export interface StepEvidence extends StepResult {
  /** The check's name, or `registry:CLAIM/name` for a claim-registry check. */
  check: string;
  expected: 'holds' | 'fails';
}

/** A step as results.json and the report carry it: the map entry, its evidence, and its standing. */
export interface StepReport {
  id: string;
  parent: string | null;
  location: PaperLocation;
  kind: StepKind;
  printed: string;
  premises: string[];
  dependents: string[];
  readings: StepReading[];
  uncheckedBecause: string | null;
  standing: StepStanding;
  /** The reading the standing is about (the proof's own, where the step has checks under it). */
  standingReading: string;
  brokenPremises: string[];
  evidence: StepEvidence[];
}

export interface ProofMapReport {
  steps: StepReport[];
  counts: {
    steps: number;
    checks: number;
    standings: Record<StepStanding, number>;
    bySection: { section: string; steps: number; standings: Record<StepStanding, number> }[];
    /** Step results whose verdict differs from their check's expectation. */
    surprises: number;
  };
}

const emptyStandings = (): Record<StepStanding, number> => ({ holds: 0, fails: 0, unsupported: 0, inconclusive: 0, unchecked: 0 });

/** A claim-registry result as evidence for a step that names it in `registryChecks`. */
export function registryEvidence(stepId: string, r: CheckResult): StepEvidence {
  return {
    stepId,
    check: `registry:${r.claimId}/${r.check}`,
    expected: r.expected,
    reading: r.reading,
    verdict: r.verdict,
    region: { text: `as in the registry check ${r.claimId}/${r.check}: ${r.runs} ${r.runsLabel ?? 'runs'}, seed ${r.seed}` },
    method: `registry ${r.method}`,
    summary: r.summary,
    runs: r.runs,
    seed: r.seed,
  };
}

/**
 * The proof map's report: each step with its own checks' results (in map
 * order), the registry results it names when they were run, its dependents,
 * and its standing with failure propagation (lib/proof/status).
 */
export function buildProofMapReport(steps: readonly ProofStep[], results: readonly StepResult[], registryResults: readonly CheckResult[] = []): ProofMapReport {
  const evidence = new Map<string, StepEvidence[]>();
  const add = (e: StepEvidence) => evidence.set(e.stepId, [...(evidence.get(e.stepId) ?? []), e]);
  let k = 0;
  for (const s of steps) {
    for (const c of s.checks) {
      const r = results[k++];
      if (!r || r.stepId !== s.id) throw new Error(`proof map results out of order at step ${s.id}`);
      add({ ...r, check: c.name, expected: c.expected });
    }
    for (const id of s.registryChecks ?? []) {
      const [claimId, name] = id.split('/');
      for (const r of registryResults.filter((x) => x.claimId === claimId && x.check === name)) add(registryEvidence(s.id, r));
    }
  }
  const all = [...evidence.values()].flat();
  const standings = stepStandings(steps, all);
  const deps = dependents(steps);
  const reports: StepReport[] = steps.map((s) => {
    const st = standings.get(s.id)!;
    return {
      id: s.id,
      parent: s.parent ?? null,
      location: s.location,
      kind: s.kind,
      printed: s.printed,
      premises: [...s.premises],
      dependents: deps.get(s.id) ?? [],
      readings: s.readings.map((r) => ({ id: r.id, description: r.description })),
      uncheckedBecause: s.uncheckedBecause ?? null,
      standing: st.standing,
      standingReading: st.reading,
      brokenPremises: st.brokenPremises,
      evidence: evidence.get(s.id) ?? [],
    };
  });
  const counts = emptyStandings();
  const sections = new Map<string, { section: string; steps: number; standings: Record<StepStanding, number> }>();
  for (const r of reports) {
    counts[r.standing]++;
    const sec = sections.get(r.location.section) ?? { section: r.location.section, steps: 0, standings: emptyStandings() };
    sec.steps++;
    sec.standings[r.standing]++;
    sections.set(r.location.section, sec);
  }
  return {
    steps: reports,
    counts: {
      steps: reports.length,
      checks: all.length,
      standings: counts,
      bySection: [...sections.values()],
      surprises: all.filter((e) => e.verdict !== e.expected).length,
    },
  };
}

/** Every step that uses `id`, directly or further down, in map order. */
export function downstream(report: ProofMapReport, id: string): StepReport[] {
  const byId = new Map(report.steps.map((s) => [s.id, s]));
  const seen = new Set<string>();
  const queue = [...(byId.get(id)?.dependents ?? [])];
  while (queue.length) {
    const next = queue.shift()!;
    if (seen.has(next)) continue;
    seen.add(next);
    queue.push(...(byId.get(next)?.dependents ?? []));
  }
  return report.steps.filter((s) => seen.has(s.id));
}
