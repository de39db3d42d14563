/**
 * Builders for the proof-map checks of the front matter, Lemma 1, Theorem 1
 * and Section 3 (issue #13). Every check is a pure function of
 * (seed, mode, mutant): fast-check properties with a seed derived from the
 * step id and check name, exhaustive searches and exact evaluations (no seed:
 * their results are cached per mode and mutant), and Monte Carlo estimates
 * on seeded streams.
 *
 * A check that finds no counterexample returns `holds`; one that finds a
 * counterexample returns `fails` with it (tie-free where the search could
 * find one); a check whose evidence is statistical returns `inconclusive`
 * when its interval straddles the decision threshold.
 */
import fc from 'fast-check';
import { deriveSeed } from '../../random/stream';
import { toPlain } from '../../claims/arbitraries';
import type { ProofStep, StepCheck, StepCounterexample, StepResult, TestedRegion } from '../types';

export type Mode = 'quick' | 'full';
export type TieKind = StepCounterexample['kind'];

/** What every check builder needs. */
export interface CheckBase {
  stepId: string;
  name: string;
  reading: string;
  expected: 'holds' | 'fails';
  /** The region the verdict is earned on (per mode when it differs). */
  region: TestedRegion | ((mode: Mode) => TestedRegion);
  mutantDescription: string;
  /** One sentence: what is checked. */
  statement: string;
}

/** A repaired statement, with its own evaluation (run in the same mode, never mutated). */
export interface RepairSpec {
  statement: string;
  evaluate(seed: number, mode: Mode): { verdict: 'holds' | 'fails' | 'inconclusive'; summary: string; region: TestedRegion };
}

const regionOf = (b: CheckBase, mode: Mode) => (typeof b.region === 'function' ? b.region(mode) : b.region);

/** The seed a check uses: derived from the context seed, the step, the check and whether it is the mutant. */
export function stepSeed(seed: number, stepId: string, name: string, mutant: boolean): number {
  return deriveSeed(seed, 'proof-map', stepId, name, mutant ? 'mutant' : 'printed') | 0;
}

function finish(b: CheckBase, mode: Mode, seed: number, mutant: boolean, core: Omit<StepResult, 'stepId' | 'reading' | 'region' | 'seed'>, repair?: RepairSpec): StepResult {
  const r: StepResult = { stepId: b.stepId, reading: b.reading, region: regionOf(b, mode), seed, ...core };
  if (mutant) r.summary = `MUTANT (${b.mutantDescription}): ${r.summary}`;
  if (repair && !mutant && r.verdict === 'fails') {
    const e = repair.evaluate(seed, mode);
    r.repair = { statement: repair.statement, ...e };
  }
  return r;
}

// ------------------------------------------------------------------ fast-check

export interface PropertyCheckSpec<T> extends CheckBase {
  arbitrary(mutant: boolean): fc.Arbitrary<T>;
  /** True when the step (or, with `mutant`, its wrong variant) holds on this case. */
  predicate(t: T, mutant: boolean): boolean;
  describe(t: T, mutant: boolean): string;
  runs: { quick: number; full: number };
  /** Whether a counterexample relies on a tie broken by index. Default `not-applicable`. */
  tieKind?(t: T): TieKind;
  repair?: RepairSpec;
}

/** A fast-check property as a step check (`method: property`). */
export function propertyCheck<T>(spec: PropertyCheckSpec<T>): StepCheck {
  return {
    name: spec.name, reading: spec.reading, expected: spec.expected, mutantDescription: spec.mutantDescription,
    run({ seed, mode, mutant = false }) {
      const s = stepSeed(seed, spec.stepId, spec.name, mutant);
      const numRuns = spec.runs[mode];
      const details = fc.check(fc.property(spec.arbitrary(mutant), (t) => spec.predicate(t, mutant)), { seed: s, numRuns });
      if (details.failed && details.counterexample) {
        const t = details.counterexample[0];
        return finish(spec, mode, seed, mutant, {
          verdict: 'fails', method: 'property', runs: details.numRuns,
          summary: `${spec.statement}: counterexample after ${details.numRuns} runs (${details.numShrinks} shrinks): ${spec.describe(t, mutant)}`,
          counterexample: { text: spec.describe(t, mutant), value: toPlain(t), kind: spec.tieKind ? spec.tieKind(t) : 'not-applicable', foundBy: `fast-check seed ${s} path ${details.counterexamplePath}` },
        }, spec.repair);
      }
      if (details.failed) {
        return finish(spec, mode, seed, mutant, { verdict: 'inconclusive', method: 'property', runs: details.numRuns, summary: `${spec.statement}: the check threw: ${String(details.errorInstance)}` });
      }
      return finish(spec, mode, seed, mutant, { verdict: 'holds', method: 'property', runs: details.numRuns, summary: `${spec.statement}: no counterexample in ${details.numRuns} runs (fast-check seed ${s})` });
    },
  };
}

// ------------------------------------------------------------------ exhaustive / exact

export interface ExhaustiveCheckSpec<T> extends CheckBase {
  /** Every case of the tested region, smallest first. */
  cases(mode: Mode): Iterable<T>;
  predicate(t: T, mutant: boolean): boolean;
  describe(t: T, mutant: boolean): string;
  /** Whether a case is free of ties broken by index; when given, the search keeps going until a tie-free counterexample is found. */
  tieFree?(t: T): boolean;
  /** Cases where the step's condition is met (others are vacuous); counted in the summary. */
  relevant?(t: T): boolean;
  /** `exhaustive` (small integer inputs) or `exact` (exact arithmetic over a parameter grid) or `exact-expectation`. */
  method?: string;
  repair?: RepairSpec;
}

const exhaustiveCache = new Map<string, Omit<StepResult, 'seed'>>();

/** An exhaustive search or exact evaluation (independent of the seed: cached per mode and mutant). */
export function exhaustiveCheck<T>(spec: ExhaustiveCheckSpec<T>): StepCheck {
  const method = spec.method ?? 'exhaustive';
  const evaluate = (mode: Mode, mutant: boolean): Omit<StepResult, 'seed'> => {
    const key = `${spec.stepId}|${spec.name}|${spec.reading}|${mode}|${mutant}`;
    const hit = exhaustiveCache.get(key);
    if (hit) return hit;
    let runs = 0, relevant = 0;
    let first: { t: T; tieFree: boolean } | null = null;
    for (const t of spec.cases(mode)) {
      runs++;
      if (spec.relevant && !spec.relevant(t)) continue;
      relevant++;
      if (spec.predicate(t, mutant)) continue;
      const tf = spec.tieFree ? spec.tieFree(t) : true;
      if (!first || (tf && !first.tieFree)) first = { t, tieFree: tf };
      if (tf) break;
    }
    const rel = spec.relevant ? ` (${relevant} met the step's condition)` : '';
    let r: Omit<StepResult, 'seed'>;
    if (first) {
      const kind: TieKind = spec.tieFree ? (first.tieFree ? 'tie-free' : 'tie-broken-by-index') : 'not-applicable';
      const text = spec.describe(first.t, mutant);
      r = {
        stepId: spec.stepId, reading: spec.reading, verdict: 'fails', region: regionOf(spec, mode), method, runs,
        summary: `${spec.statement}: ${kind === 'tie-free' ? 'tie-free ' : kind === 'tie-broken-by-index' ? 'only tie-dependent ' : ''}counterexample after ${runs} cases${rel}: ${text}`,
        counterexample: { text, value: toPlain(first.t), kind, foundBy: `${method} search, first ${kind === 'tie-broken-by-index' ? 'tie-dependent' : ''} case in the enumeration order` },
      };
    } else {
      r = { stepId: spec.stepId, reading: spec.reading, verdict: 'holds', region: regionOf(spec, mode), method, runs, summary: `${spec.statement}: holds on all ${runs} cases${rel}` };
    }
    exhaustiveCache.set(key, r);
    return r;
  };
  return {
    name: spec.name, reading: spec.reading, expected: spec.expected, mutantDescription: spec.mutantDescription,
    run({ seed, mode, mutant = false }) {
      const base = evaluate(mode, mutant);
      const r: StepResult = { ...base, seed, summary: mutant ? `MUTANT (${spec.mutantDescription}): ${base.summary}` : base.summary };
      if (spec.repair && !mutant && r.verdict === 'fails') r.repair = { statement: spec.repair.statement, ...spec.repair.evaluate(seed, mode) };
      return r;
    },
  };
}

/** A repair evaluated by an exhaustive search (same machinery, no mutant). */
export function exhaustiveRepair<T>(statement: string, spec: Omit<ExhaustiveCheckSpec<T>, 'expected' | 'mutantDescription' | 'statement' | 'repair' | 'name' | 'stepId' | 'reading'> & { stepId: string }): RepairSpec {
  const check = exhaustiveCheck<T>({ ...spec, name: 'repair', reading: 'repaired', expected: 'holds', mutantDescription: '-', statement, predicate: (t) => spec.predicate(t, false) });
  return {
    statement,
    evaluate(seed, mode) {
      const r = check.run({ seed, mode });
      return { verdict: r.verdict, summary: r.summary, region: r.region };
    },
  };
}

/** A repair evaluated by a fast-check property. */
export function propertyRepair<T>(statement: string, spec: Omit<PropertyCheckSpec<T>, 'expected' | 'mutantDescription' | 'statement' | 'repair' | 'name' | 'reading'>): RepairSpec {
  const check = propertyCheck<T>({ ...spec, name: 'repair', reading: 'repaired', expected: 'holds', mutantDescription: '-', statement, arbitrary: () => spec.arbitrary(false), predicate: (t) => spec.predicate(t, false) });
  return {
    statement,
    evaluate(seed, mode) {
      const r = check.run({ seed, mode });
      return { verdict: r.verdict, summary: r.summary, region: r.region };
    },
  };
}

// ------------------------------------------------------------------ custom (Monte Carlo, fitted exponents)

export interface CustomCheckSpec extends CheckBase {
  method: string;
  /** Seeded evaluation; `ok` null means inconclusive. */
  evaluate(seed: number, mode: Mode, mutant: boolean): { ok: boolean | null; runs: number; summary: string; counterexample?: StepCounterexample };
  repair?: RepairSpec;
  /** Deterministic evaluations (no randomness) are cached per mode and mutant. */
  deterministic?: boolean;
}

const customCache = new Map<string, ReturnType<CustomCheckSpec['evaluate']>>();

export function customCheck(spec: CustomCheckSpec): StepCheck {
  return {
    name: spec.name, reading: spec.reading, expected: spec.expected, mutantDescription: spec.mutantDescription,
    run({ seed, mode, mutant = false }) {
      const key = `${spec.stepId}|${spec.name}|${spec.reading}|${mode}|${mutant}${spec.deterministic ? '' : `|${seed}`}`;
      let e = customCache.get(key);
      if (!e) { e = spec.evaluate(seed, mode, mutant); customCache.set(key, e); }
      const verdict = e.ok === null ? 'inconclusive' : e.ok ? 'holds' : 'fails';
      return finish(spec, mode, seed, mutant, { verdict, method: spec.method, runs: e.runs, summary: `${spec.statement}: ${e.summary}`, counterexample: e.counterexample }, spec.repair);
    },
  };
}

// ------------------------------------------------------------------ small helpers

/** a <= b up to a relative tolerance (floating evaluations of exact-in-principle quantities). */
export function leqTol(a: number, b: number, rel = 1e-9): boolean {
  return a <= b + rel * Math.max(1, Math.abs(a), Math.abs(b));
}

export function eqTol(a: number, b: number, rel = 1e-9): boolean {
  return Math.abs(a - b) <= rel * Math.max(1, Math.abs(a), Math.abs(b));
}

/** Formats a number compactly. */
export function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Number.isInteger(x)) return String(x);
  return Number(x.toPrecision(6)).toString();
}

/** A step, with defaults for optional lists. */
export function step(s: Omit<ProofStep, 'readings' | 'premises' | 'checks'> & Partial<Pick<ProofStep, 'readings' | 'premises' | 'checks'>>): ProofStep {
  return { readings: [{ id: 'as-printed', description: 'as printed' }], premises: [], checks: [], ...s };
}

/** Exact rationals as bigint pairs (denominator > 0). */
export type Q = [bigint, bigint];
export const q = (a: number | bigint, b: number | bigint = 1): Q => {
  let n = BigInt(a), d = BigInt(b);
  if (d < 0n) { n = -n; d = -d; }
  return [n, d];
};
export const qAdd = (x: Q, y: Q): Q => q(x[0] * y[1] + y[0] * x[1], x[1] * y[1]);
export const qMul = (x: Q, y: Q): Q => q(x[0] * y[0], x[1] * y[1]);
export const qCmp = (x: Q, y: Q): number => { const l = x[0] * y[1], r = y[0] * x[1]; return l < r ? -1 : l > r ? 1 : 0; };
export const qStr = (x: Q): string => {
  const g = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : g(b, a % b));
  const c = g(x[0], x[1]) || 1n;
  return x[1] / c === 1n ? `${x[0] / c}` : `${x[0] / c}/${x[1] / c}`;
};

/** η² as printed (denominator m) and as derived in L1.8 (denominator n − 2f − 2), exactly. */
export function eta2(n: number, f: number, m: number, reading: 'as-printed' | 'as-derived'): Q {
  const den = reading === 'as-printed' ? m : n - 2 * f - 2;
  return qMul(q(2), qAdd(q(n - f), q(f * m + f * f * (m + 1), den)));
}

/** (n, f, m) with n >= 2f + 3, 1 <= m <= n − f − 2, f <= fMax, n <= 2f + 3 + extraMax. */
export function* lemmaGrid(fMax: number, extraMax: number): Generator<{ n: number; f: number; m: number }> {
  for (let f = 0; f <= fMax; f++) for (let n = 2 * f + 3; n <= 2 * f + 3 + extraMax; n++) for (let m = 1; m <= n - f - 2; m++) yield { n, f, m };
}
