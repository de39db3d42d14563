import type { CheckResult, Claim, ClaimKind, Reading, Verdict } from '../claims/types';
import type { Environment } from './environment';
import type { ProofMapReport } from '../proof/report';

/** Bumped whenever a field of results.json changes meaning or is removed (adding fields keeps the version). */
export const RESULTS_SCHEMA_VERSION = 1;

/** A claim's verdict row in the report: its checks' results, or `not checked` when the registry has none. */
export interface ClaimReport {
  id: string;
  group: string;
  title: string;
  kind: ClaimKind;
  source: string;
  statement: string;
  hypotheses: string;
  readings: Reading[];
  cites: string[];
  status: 'checked' | 'not checked';
  results: CheckResult[];
}

/**
 * Which of a claim's readings its checks tested, and which none did: a
 * verdict speaks only for the readings it was earned under. `repaired` is
 * tested through the repair of each failing check.
 */
export function readingScope(c: Pick<ClaimReport, 'readings' | 'results'>): { tested: string[]; untested: string[] } {
  const tested = new Set(c.results.map((r) => r.reading));
  if (c.results.some((r) => r.repair)) tested.add('repaired');
  const ids = c.readings.map((r) => r.id);
  return { tested: ids.filter((id) => tested.has(id)).concat([...tested].filter((id) => !ids.includes(id))), untested: ids.filter((id) => !tested.has(id)) };
}

/** One check (or claim) whose verdict is not what the registry expects. */
export interface Surprise {
  claimId: string;
  check: string | null;
  reading: string | null;
  verdict: Verdict | 'not checked';
  expected: string;
  summary: string;
}

/**
 * A researcher's own rule (`--rule FILE`) and the results of every
 * rule-generic check on it (lib/custom/ruleChecks.ts). Kept apart from the
 * claims: these verdicts are about the user's rule, so they never count as
 * surprises and never change a claim's verdict or the exit status.
 */
export interface CustomRuleReport {
  /** The rule's display name (Gar.name). */
  name: string;
  requirement: string;
  /** The module's file name (the path as given is in the terminal; results.json keeps the base name so it does not depend on the folder). */
  module: string;
  /** Where η came from, in words. */
  eta: string;
  /** The rule-generic checks run on it, in order. */
  results: CheckResult[];
  counts: Record<string, number>;
}

/** The content of results.json: everything the report shows, deterministic for a given seed and options. */
export interface ReportModel {
  schemaVersion: number;
  seed: number;
  mode: import('../claims/types').CheckMode;
  /** `--trials` when given, else null (each check's own default, recorded in its `runs`). */
  trials: number | null;
  /** `--only` as resolved to claim ids, or null for every claim. */
  only: string[] | null;
  environment: Environment;
  counts: { claims: number; checks: number; asExpected: number; surprises: number; notChecked: number; verdicts: Record<string, number> };
  claims: ClaimReport[];
  surprises: Surprise[];
  /**
   * The proof map (lib/proof): every step of the paper with its evidence,
   * reading, tested region and standing; null when the run was restricted
   * with --only.
   */
  proofMap: ProofMapReport | null;
  /** Present only with `--rule`: the user's rule and its checks (never part of `claims`, `counts` or `surprises`). */
  customRule?: CustomRuleReport;
}

/** A check's result is a surprise when its verdict is not what the registry expects. */
export function isSurpriseResult(r: CheckResult): boolean {
  return r.verdict !== r.expected;
}

/** Assembles the report model from the selected claims and their results (already in registry order). */
export function buildModel(args: {
  claims: readonly Claim[];
  results: readonly CheckResult[];
  seed: number;
  mode: import('../claims/types').CheckMode;
  trials?: number;
  only?: string[];
  environment: Environment;
  proofMap?: ProofMapReport;
  customRule?: Omit<CustomRuleReport, 'counts'>;
}): ReportModel {
  const claims: ClaimReport[] = args.claims.map((c) => {
    const results = args.results.filter((r) => r.claimId === c.id);
    return {
      id: c.id,
      group: c.group,
      title: c.title,
      kind: c.kind,
      source: c.source,
      statement: c.statement,
      hypotheses: c.hypotheses?.text ?? '',
      readings: (c.readings ?? []).map((r) => ({ id: r.id, description: r.description })),
      cites: [...(c.cites ?? [])],
      status: results.length > 0 ? 'checked' : 'not checked',
      results: [...results],
    };
  });
  const surprises: Surprise[] = [];
  for (const c of claims) {
    if (c.status === 'not checked') surprises.push({ claimId: c.id, check: null, reading: null, verdict: 'not checked', expected: 'a check', summary: 'no check is registered for this claim' });
    for (const r of c.results)
      if (isSurpriseResult(r)) surprises.push({ claimId: r.claimId, check: r.check, reading: r.reading, verdict: r.verdict, expected: r.expected, summary: r.summary });
  }
  // A proof-map step whose result differs from its check's expectation is a surprise like any check's.
  for (const st of args.proofMap?.steps ?? [])
    for (const e of st.evidence)
      if (!e.check.startsWith('registry:') && e.verdict !== e.expected) surprises.push({ claimId: st.id, check: e.check, reading: e.reading, verdict: e.verdict, expected: e.expected, summary: e.summary });
  const verdicts: Record<string, number> = { holds: 0, fails: 0, inconclusive: 0 };
  for (const r of args.results) verdicts[r.verdict] = (verdicts[r.verdict] ?? 0) + 1;
  const notChecked = claims.filter((c) => c.status === 'not checked').length;
  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    seed: args.seed,
    mode: args.mode,
    trials: args.trials ?? null,
    only: args.only ? claims.map((c) => c.id) : null,
    environment: args.environment,
    counts: {
      claims: claims.length,
      checks: args.results.length,
      asExpected: args.results.filter((r) => !isSurpriseResult(r)).length,
      surprises: surprises.length,
      notChecked,
      verdicts,
    },
    claims,
    surprises,
    proofMap: args.proofMap ?? null,
    ...(args.customRule ? { customRule: { ...args.customRule, counts: verdictCounts(args.customRule.results) } } : {}),
  };
}

/** How many results have each verdict. */
function verdictCounts(results: readonly CheckResult[]): Record<string, number> {
  const out: Record<string, number> = { holds: 0, fails: 0, inconclusive: 0 };
  for (const r of results) out[r.verdict] = (out[r.verdict] ?? 0) + 1;
  return out;
}
