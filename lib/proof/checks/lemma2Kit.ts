/**
 * Small shared machinery for the step checks of Lemma 2 and Theorem 1 (i)
 * (issue 13): exact rationals on bigint, a fast-check runner, an exhaustive
 * runner that reports the first failing case of an ordered enumeration (so
 * the counterexample is the smallest in that order), and the builder that
 * turns a check body into a {@link StepCheck}.
 *
 * Seeds: every random draw of a check comes from
 * `deriveSeed(seed, 'proof', stepId, checkName, printed|mutant)`, so checks
 * do not share draws and one check's result does not depend on which others ran.
 */
import fc from 'fast-check';
import { deriveSeed } from '../../random/stream';
import type { StepCheck, StepCounterexample, StepResult, TestedRegion } from '../types';

export interface Ctx { seed: number; mode: 'quick' | 'full'; mutant?: boolean }

// ------------------------------------------------------------ rationals

const babs = (a: bigint) => (a < 0n ? -a : a);
const bgcd = (a: bigint, b: bigint): bigint => { a = babs(a); b = babs(b); while (b) { [a, b] = [b, a % b]; } return a; };

/** An exact rational p/q with q > 0, in lowest terms. */
export class Rat {
  readonly p: bigint;
  readonly q: bigint;
  constructor(p: bigint | number, q: bigint | number = 1n) {
    let P = BigInt(p), Q = BigInt(q);
    if (Q === 0n) throw new Error('Rat: zero denominator');
    if (Q < 0n) { P = -P; Q = -Q; }
    const g = bgcd(P, Q) || 1n;
    this.p = P / g; this.q = Q / g;
  }
  static of(x: number | Rat | [number, number]): Rat {
    if (x instanceof Rat) return x;
    if (Array.isArray(x)) return new Rat(x[0], x[1]);
    if (!Number.isInteger(x)) throw new Error(`Rat.of: not an integer ${x}`);
    return new Rat(x);
  }
  add(o: Rat | number): Rat { const b = Rat.of(o); return new Rat(this.p * b.q + b.p * this.q, this.q * b.q); }
  sub(o: Rat | number): Rat { const b = Rat.of(o); return new Rat(this.p * b.q - b.p * this.q, this.q * b.q); }
  mul(o: Rat | number): Rat { const b = Rat.of(o); return new Rat(this.p * b.p, this.q * b.q); }
  div(o: Rat | number): Rat { const b = Rat.of(o); return new Rat(this.p * b.q, this.q * b.p); }
  neg(): Rat { return new Rat(-this.p, this.q); }
  cmp(o: Rat | number): number { const b = Rat.of(o); const l = this.p * b.q, r = b.p * this.q; return l < r ? -1 : l > r ? 1 : 0; }
  le(o: Rat | number): boolean { return this.cmp(o) <= 0; }
  lt(o: Rat | number): boolean { return this.cmp(o) < 0; }
  eq(o: Rat | number): boolean { return this.cmp(o) === 0; }
  sign(): number { return this.p < 0n ? -1 : this.p > 0n ? 1 : 0; }
  toNumber(): number { return Number(this.p) / Number(this.q); }
  toString(): string { return this.q === 1n ? `${this.p}` : `${this.p}/${this.q}`; }
}
export const rat = (p: number | bigint, q: number | bigint = 1) => new Rat(p, q);
export const ZERO = rat(0);
export const ONE = rat(1);

/** Decides c·√P ≥ q exactly for rationals (c ≥ 0, P ≥ 0): q ≤ 0 or q² ≤ c²P. */
export function sqrtTermAtLeast(c: Rat, P: Rat, q: Rat): boolean {
  return q.sign() <= 0 || q.mul(q).le(c.mul(c).mul(P));
}

/** The rationals k/den for k = lo·den … hi·den. */
export function ratGrid(lo: number, hi: number, den: number): Rat[] {
  const out: Rat[] = [];
  for (let k = Math.round(lo * den); k <= Math.round(hi * den); k++) out.push(rat(k, den));
  return out;
}

// ------------------------------------------------------------ runners

/** Set while a mutant runs (checks are synchronous). */
const NO_SHRINK = { on: false };

export interface Outcome {
  ok: boolean;
  runs: number;
  counterexample?: StepCounterexample;
}

export function checkSeed(ctx: Ctx, stepId: string, name: string, salt = ''): number {
  return deriveSeed(ctx.seed, 'proof', stepId, name, ctx.mutant ? 'mutant' : 'printed', salt) | 0;
}

/** fast-check: `pred` over `numRuns` cases of `arb` at `seed`; the shrunk counterexample, with seed and path. */
export function property<T>(arb: fc.Arbitrary<T>, pred: (t: T) => boolean, numRuns: number, seed: number, describe: (t: T) => string, kind: StepCounterexample['kind'] = 'not-applicable'): Outcome {
  // Mutants are run without shrinking (endOnFailure): their counterexample only has to exist, and float shrinking can take seconds.
  const d = fc.check(fc.property(arb, pred), { numRuns, seed, endOnFailure: NO_SHRINK.on });
  if (d.errorInstance && !d.counterexample) throw d.errorInstance;
  if (!d.failed) return { ok: true, runs: d.numRuns };
  if (d.counterexample === null) throw new Error(`property: failed without a counterexample (${String(d.errorInstance)})`);
  const t = d.counterexample[0];
  return { ok: false, runs: d.numRuns, counterexample: { text: describe(t), value: plain(t), kind, foundBy: `fast-check seed ${seed} path ${d.counterexamplePath}` } };
}

/** Every case of an ordered enumeration; the first failing case (the smallest in that order) is the counterexample. */
export function exhaustive<T>(cases: Iterable<T>, pred: (t: T) => boolean, describe: (t: T) => string, order: string, kind: StepCounterexample['kind'] = 'not-applicable'): Outcome {
  let runs = 0;
  for (const t of cases) {
    runs++;
    if (!pred(t)) return { ok: false, runs, counterexample: { text: describe(t), value: plain(t), kind, foundBy: `exhaustive search (${order}), case ${runs}` } };
  }
  return { ok: true, runs };
}

/** Plain JSON data of a case (bigint rationals as strings). */
export function plain(x: unknown): unknown {
  if (x instanceof Rat) return x.toString();
  if (typeof x === 'bigint') return x.toString();
  if (x instanceof Float64Array) return Array.from(x);
  if (Array.isArray(x)) return x.map(plain);
  if (x && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, plain(v)]));
  return x;
}

export function* product<T extends unknown[]>(...lists: { [K in keyof T]: readonly T[K][] }): Generator<T> {
  const n = lists.length;
  if (lists.some((l) => l.length === 0)) return;
  const idx = new Array(n).fill(0);
  while (true) {
    yield idx.map((i, k) => lists[k][i]) as T;
    let k = n - 1;
    while (k >= 0 && ++idx[k] === lists[k].length) { idx[k] = 0; k--; }
    if (k < 0) return;
  }
}

// ------------------------------------------------------------ check builder

export interface BodyResult {
  ok: boolean;
  /** `inconclusive` overrides ok (e.g. a Monte Carlo interval straddling the bound). */
  inconclusive?: boolean;
  runs: number;
  summary: string;
  region: TestedRegion;
  counterexample?: StepCounterexample;
  repair?: StepResult['repair'];
}

export interface CheckSpec {
  name: string;
  reading: string;
  expected: 'holds' | 'fails';
  method: string;
  mutantDescription: string;
  /** Runs the step (or, with ctx.mutant, its wrong variant). `seed` is the check's own derived seed. */
  body(ctx: Ctx & { mutant: boolean }, seed: number): BodyResult;
}

export function stepCheck(stepId: string, spec: CheckSpec): StepCheck {
  return {
    name: spec.name,
    reading: spec.reading,
    expected: spec.expected,
    mutantDescription: spec.mutantDescription,
    run(opts) {
      const ctx = { seed: opts.seed, mode: opts.mode, mutant: opts.mutant === true };
      const seed = checkSeed(ctx, stepId, spec.name);
      let r: BodyResult;
      try {
        NO_SHRINK.on = ctx.mutant;
        r = spec.body(ctx, seed);
      } catch (e) {
        NO_SHRINK.on = false;
        return { stepId, reading: spec.reading, verdict: 'inconclusive', region: { text: 'n/a' }, method: spec.method, summary: `the check threw (a bug in the check, not a verdict): ${(e as Error).message}`, runs: 0, seed: opts.seed };
      }
      NO_SHRINK.on = false;
      const verdict = r.inconclusive ? 'inconclusive' : r.ok ? 'holds' : 'fails';
      const out: StepResult = {
        stepId, reading: ctx.mutant ? `MUTANT (${spec.mutantDescription}) of: ${spec.reading}` : spec.reading,
        verdict, region: r.region, method: spec.method, summary: r.summary, runs: r.runs, seed: opts.seed,
      };
      if (r.counterexample) out.counterexample = r.counterexample;
      if (r.repair) out.repair = r.repair;
      return out;
    },
  };
}

/** A body result from an outcome, with the standard summary. */
export function fromOutcome(o: Outcome, what: string, region: TestedRegion, extra = ''): BodyResult {
  return {
    ok: o.ok, runs: o.runs, region,
    summary: o.ok ? `${what}: no counterexample in ${o.runs} cases${extra ? `; ${extra}` : ''}.` : `${what}: FAILS — ${o.counterexample!.text}${extra ? `; ${extra}` : ''}.`,
    counterexample: o.counterexample,
  };
}

/** For a step that fails as printed: the printed outcome plus its repair's outcome. With ctx.mutant the repair's mutant is what is judged. */
export function withRepair(printed: Outcome, what: string, region: TestedRegion, repair: { statement: string; outcome: Outcome; region: TestedRegion }, mutant: boolean, mutantOutcome?: () => Outcome): BodyResult {
  if (mutant) {
    const m = mutantOutcome!();
    return { ...fromOutcome(m, `mutant of the repair (${repair.statement})`, repair.region) };
  }
  const base = fromOutcome(printed, what, region);
  base.repair = {
    statement: repair.statement,
    verdict: repair.outcome.ok ? 'holds' : 'fails',
    summary: repair.outcome.ok ? `no counterexample in ${repair.outcome.runs} cases` : `FAILS: ${repair.outcome.counterexample!.text}`,
    region: repair.region,
  };
  return base;
}

export const fmt = (x: number, digits = 4) => (Number.isFinite(x) ? String(Number(x.toPrecision(digits))) : String(x));
export const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => { let s = 0; for (let i = 0; i < a.length; i++) s += a[i] * b[i]; return s; };
export const norm = (a: ArrayLike<number>) => Math.sqrt(dot(a, a));
