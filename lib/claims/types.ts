/**
 * The contract between the paper and the code. Every claim id of
 * `claims.md` has one {@link Claim}; every way the workbook checks it is a
 * {@link ClaimCheck} registered under that id. Notebooks, tests, the CLI and
 * the report read only these, so they can never disagree.
 *
 * Results are plain JSON-serialisable data (they cross worker threads and are
 * written to results.json): no functions, no typed arrays, no timings.
 */
import type { UnitCall } from '../parallel/units';

/** How a claim is checked. */
export type ClaimKind =
  | 'definition' // a definition: checked by exercising it (what it accepts / rejects)
  | 'deterministic' // an inequality or identity between concrete numbers or vectors
  | 'expectation' // a statement about expectations: Monte Carlo
  | 'convergence' // almost-sure / asymptotic behaviour of SGD: simulation
  | 'asymptotic'; // a rate in d or n: fitted exponents

/** A parameter set a claim's hypotheses are evaluated on. */
export interface ClaimParameters {
  n?: number;
  f?: number;
  m?: number;
  k?: number;
  d?: number;
  sigma?: number;
  gNorm?: number;
  [key: string]: number | string | undefined;
}

/** One plausible reading of an ambiguous claim (e.g. which neighbour count enters a score). */
export interface Reading {
  /** Short id used in results, e.g. `k=m`, `k=n-f-2`, `as-printed`, `as-derived`. */
  id: string;
  description: string;
}

/** The registry's expectation for a check, so a regression in either direction is a surprise. */
export type ExpectedVerdict = 'holds' | 'fails';

/** What a check concluded. `inconclusive` is never hidden: it is a surprise unless expected. */
export type Verdict = 'holds' | 'fails' | 'inconclusive';

export interface Interval {
  estimate: number;
  lo: number;
  hi: number;
  /** Confidence level, e.g. 0.95 (after multiplicity correction, say so in `method`). */
  level: number;
  method: string;
}

export interface Counterexample {
  /** One line a reader can take in: the values and both sides of the inequality. */
  text: string;
  /** Plain data of the counterexample (numbers, arrays of numbers). */
  value: unknown;
  /** fast-check seed and path, so `fc.assert(prop, { seed, path })` replays it. */
  seed?: number;
  path?: string;
}

/** A measured series for CSV export and figures. */
export interface Series {
  name: string;
  xLabel: string;
  yLabel: string;
  x: number[];
  y: number[];
  /** Optional confidence band. */
  lo?: number[];
  hi?: number[];
}

/** A Plotly figure as pure data (no functions): `{ data, layout }`. */
export interface FigureSpec {
  id: string;
  title: string;
  data: Record<string, unknown>[];
  layout: Record<string, unknown>;
}

export interface CheckResult {
  claimId: string;
  check: string;
  reading: string;
  method: 'property' | 'exact' | 'monte-carlo' | 'simulation';
  verdict: Verdict;
  expected: ExpectedVerdict;
  /**
   * Where the verdict was earned: the parameter region actually tested, in
   * one line (e.g. `n ∈ {7, 11}, f ∈ {2, 4}, …; attacks: …; 320 trials per
   * setting`), built from the check's grid or arbitrary so it cannot drift.
   * Every registry check states it (lib/claims/checks: the deterministic
   * specs, bound reports and simulation results require it, and
   * claims-registry.test checks it); optional here only so that results
   * built outside the registry (a check that could not run, test fixtures)
   * still type-check.
   */
  region?: string;
  /** One line: what was checked and what was found. */
  summary: string;
  seed: number;
  /** fast-check runs, Monte Carlo trials, or simulation seeds × steps, as stated in `runsLabel`. */
  runs: number;
  runsLabel?: string;
  /** measured / bound, with its interval, where the claim is an inequality with a measurable slack. */
  tightness?: Interval;
  counterexample?: Counterexample;
  /** Where the claim fails as printed: the condition under which it holds, checked by its own property. */
  repair?: { statement: string; verdict: Verdict; runs: number; seed: number; summary: string };
  /** Evidence table. */
  table?: { columns: string[]; rows: (string | number)[][] };
  series?: Series[];
  figures?: FigureSpec[];
  /** Free-form notes (Markdown). */
  notes?: string;
}

/**
 * How hard a run looks. `quick` (about a minute on two cores) and `full`
 * (about ten) are the modes of `npm start`; `paper` (`--grade paper`) is full
 * mode with the larger grids a paper needs — 10× full's Monte Carlo trials,
 * the leeway and strong-resilience exponents up to d = 10⁶ with every rule of
 * the catalogue beside the paper's, n up to 101 — hours of CPU, meant for a
 * cluster (README, "Running on a cluster"). A grid that has no paper grade of
 * its own runs its full grid.
 */
export type CheckMode = 'quick' | 'full' | 'paper';

export interface CheckContext {
  mode: CheckMode;
  seed: number;
  /** Override of the number of trials / runs (`--trials`). */
  trials?: number;
  /** Parameter overrides, e.g. from `show('L1.8', { n: 15, f: 3 })`. */
  params?: ClaimParameters & { attack?: string; rule?: string; family?: string };
}

export interface ClaimCheck {
  claimId: string;
  /** Unique name within the claim, e.g. `pointwise`, `monte-carlo`, `repair`. */
  name: string;
  reading: string;
  method: CheckResult['method'];
  expected: ExpectedVerdict;
  /**
   * Rough cost in seconds in quick mode of the check's own work, for
   * scheduling and progress: the units it declares carry their own costs.
   */
  cost: number;
  run(ctx: CheckContext): CheckResult | Promise<CheckResult>;
  /**
   * The units of work (lib/parallel/units) `run` will ask for under `ctx`:
   * the runner computes them beforehand, spread over its threads and shared
   * between checks. Optional — undeclared units are computed when asked for
   * — but a declared unit that `run` does not use is wasted work (a test
   * runs every check and compares).
   */
  units?(ctx: CheckContext): UnitCall[];
}

export interface Claim {
  id: string;
  /** Claim group, used by `--only` and the notebooks: `definitions`, `eta`, `cone`, `moments`, `convergence`, `slowdown`, `leeway`. */
  group: string;
  title: string;
  /** As printed, Markdown with LaTeX. */
  statement: string;
  kind: ClaimKind;
  /** The hypotheses in words and as a predicate over the parameters. */
  hypotheses: { text: string; holds(p: ClaimParameters): boolean };
  readings: Reading[];
  /** Where in the paper (section, lemma, page). */
  source: string;
  /** BibTeX keys of the sources this claim relies on. */
  cites: string[];
}
