/**
 * One fast-check property turned into a {@link ClaimCheck}: the same property
 * object serves the CLI, the notebooks and the tests, which replay a
 * counterexample with `fc.assert(spec.property(), { seed, path })`.
 *
 * Verdict: `holds` when fast-check found no counterexample in `numRuns` runs,
 * `fails` when the predicate returned false (the shrunk counterexample, seed
 * and path are recorded), `inconclusive` when the predicate threw (that is a
 * bug in the check, never a verdict on the claim).
 *
 * The seed is derived from the context seed and the check's name, so checks do
 * not share random draws and one check's result does not depend on which
 * others ran.
 */
import fc from 'fast-check';
import { deriveSeed } from '../../../random/stream';
import { toPlain } from '../../arbitraries';
import type { CheckContext, CheckResult, ClaimCheck, ExpectedVerdict, Verdict } from '../../types';

/** A claim (or its repair) as a predicate over generated cases. */
export interface PropertySpec<T> {
  /** What is checked, in one sentence (goes into summaries and the repair statement). */
  statement: string;
  arbitrary(): fc.Arbitrary<T>;
  /**
   * The region the arbitrary draws from, in one line (ranges of n, f, m, k, d,
   * coordinates), built from the same options as the arbitrary where it has
   * them (lib/claims/checks/region.ts).
   */
  region?: string;
  /** True when the claim holds on this case. */
  predicate(t: T): boolean;
  /** One line with the case's values and both sides. */
  describe(t: T): string;
  /** fast-check runs in quick and full mode. */
  numRuns: { quick: number; full: number };
  /**
   * Where the claim is conditional (e.g. “when i* is Byzantine”), whether a case
   * meets the condition; runs that do not are vacuous, and the result says how
   * many runs were not.
   */
  relevant?: { label: string; test(t: T): boolean };
}

/** A deterministic check: a property, its expectation, and, where the claim fails as printed, the repaired statement's property. */
export interface DeterministicCheckSpec<T = any, R = any> extends PropertySpec<T> {
  claimId: string;
  name: string;
  reading: string;
  method: 'property' | 'exact';
  expected: ExpectedVerdict;
  /** Where the verdict is earned: the arbitrary's region (required: every result states it). */
  region: string;
  repair?: PropertySpec<R>;
  notes?: string;
}

/** The property of a spec, for `fc.check` / `fc.assert`. */
export function propertyOf<T>(spec: PropertySpec<T>): fc.IProperty<[T]> {
  return fc.property(spec.arbitrary(), (t) => spec.predicate(t));
}

/** The seed a check uses for a given context seed. */
export function checkSeed(ctxSeed: number, claimId: string, name: string, reading: string, repair = false): number {
  return deriveSeed(ctxSeed, 'deterministic', claimId, name, reading, repair ? 'repair' : 'as-stated') | 0;
}

export interface PropertyOutcome {
  verdict: Verdict;
  runs: number;
  /** Runs (before any shrinking) whose case met the claim's condition; equals `runs` for unconditional claims. */
  relevantRuns: number;
  seed: number;
  numShrinks: number;
  counterexample?: { text: string; value: unknown; seed: number; path: string };
  error?: string;
}

/** Runs a property with fast-check and reads the outcome. */
export function runProperty<T>(spec: PropertySpec<T>, numRuns: number, seed: number): PropertyOutcome {
  // the same arbitrary and predicate as propertyOf(spec), so seed and path replay; it also counts relevant runs
  let calls = 0, relevant = 0;
  const counted = fc.property(spec.arbitrary(), (t) => {
    if (calls++ < numRuns && (!spec.relevant || spec.relevant.test(t))) relevant++;
    return spec.predicate(t);
  });
  const details = fc.check(counted, { numRuns, seed });
  const relevantRuns = Math.min(relevant, details.numRuns);
  if (!details.failed) return { verdict: 'holds', runs: details.numRuns, relevantRuns, seed, numShrinks: 0 };
  const value = details.counterexample![0];
  const threw = details.errorInstance !== null && details.errorInstance !== undefined && !(details.errorInstance instanceof Error && /Property failed by returning false/.test(details.errorInstance.message));
  let text: string;
  try { text = spec.describe(value); } catch (e) { text = `(cannot describe: ${(e as Error).message})`; }
  return {
    verdict: threw ? 'inconclusive' : 'fails',
    runs: details.numRuns,
    relevantRuns,
    seed,
    numShrinks: details.numShrinks,
    counterexample: { text, value: toPlain(value), seed, path: details.counterexamplePath ?? '' },
    error: threw ? String((details.errorInstance as Error)?.message ?? details.errorInstance) : undefined,
  };
}

/** Number of runs for a context. */
export function runsFor(spec: PropertySpec<unknown>, ctx: CheckContext): number {
  return ctx.trials ?? (ctx.mode === 'full' ? spec.numRuns.full : spec.numRuns.quick);
}

/** The {@link ClaimCheck} of a spec. */
export function toClaimCheck(spec: DeterministicCheckSpec): ClaimCheck {
  return {
    claimId: spec.claimId,
    name: spec.name,
    reading: spec.reading,
    method: spec.method,
    expected: spec.expected,
    cost: 0.2,
    run(ctx: CheckContext): CheckResult {
      const seed = checkSeed(ctx.seed, spec.claimId, spec.name, spec.reading);
      const numRuns = runsFor(spec, ctx);
      const out = runProperty(spec, numRuns, seed);
      const result: CheckResult = {
        claimId: spec.claimId,
        check: spec.name,
        reading: spec.reading,
        method: spec.method,
        verdict: out.verdict,
        expected: spec.expected,
        region: `${spec.region}; ${numRuns} fast-check runs`,
        summary:
          out.verdict === 'holds' ? `${spec.statement}: no counterexample in ${out.runs} fast-check runs (seed ${seed}).`
            : out.verdict === 'fails' ? `${spec.statement}: fails; fast-check counterexample after ${out.numShrinks} shrinks: ${out.counterexample!.text}`
              : `${spec.statement}: the check itself threw (${out.error}); no verdict.`,
        seed,
        runs: out.runs,
        runsLabel: `fast-check runs (${ctx.mode} mode), seed ${seed}` + (spec.relevant ? `; ${out.relevantRuns} of them ${spec.relevant.label}` : ''),
      };
      if (spec.relevant) result.table = { columns: ['property', 'runs', `runs that ${spec.relevant.label}`], rows: [['as stated', out.runs, out.relevantRuns]] };
      if (out.counterexample) result.counterexample = out.counterexample;
      if (spec.notes) result.notes = spec.notes;
      if (spec.repair) {
        const rSeed = checkSeed(ctx.seed, spec.claimId, spec.name, spec.reading, true);
        const rOut = runProperty(spec.repair, runsFor(spec.repair, ctx), rSeed);
        if (spec.repair.relevant) {
          result.table ??= { columns: ['property', 'runs', `runs that ${spec.repair.relevant.label}`], rows: [] };
          result.table.rows.push(['repair', rOut.runs, rOut.relevantRuns]);
        }
        result.repair = {
          statement: spec.repair.statement,
          verdict: rOut.verdict,
          runs: rOut.runs,
          seed: rSeed,
          summary: rOut.verdict === 'holds' ? `no counterexample in ${rOut.runs} fast-check runs (seed ${rSeed})${spec.repair.relevant ? `, ${rOut.relevantRuns} of them ${spec.repair.relevant.label}` : ''}`
            : rOut.verdict === 'fails' ? `repair fails too: ${rOut.counterexample!.text} (seed ${rSeed}, path ${rOut.counterexample!.path})`
              : `repair check threw: ${rOut.error}`,
        };
      }
      return result;
    },
  };
}

/** a <= b up to a relative tolerance (floating-point sums of squares): a <= b + tol·max(|a|, |b|, 1e-300). Infinity <= Infinity holds. */
export function leq(a: number, b: number, tol = 1e-9): boolean {
  if (a <= b) return true;
  return a - b <= tol * Math.max(Math.abs(a), Math.abs(b), 1e-300);
}

/** A number for a one-line counterexample: 6 significant digits. */
export function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toPrecision(6);
}
