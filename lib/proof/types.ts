/**
 * The proof map: every assertion of the paper (abstract, definitions,
 * theorem and lemma statements, every display and implication of every
 * proof, figure captions) as one {@link ProofStep} with a step id. Existing
 * claim ids (L1.4, L2.3, T2.1 …) are steps too; the map extends them
 * (L2.6, L2.7 …, T2.2 …). The id is the thread from the paper to its verdict:
 * the report, the notebooks, the tests and the coverage command read this map.
 *
 * A step is checked *where it stands*: as an implication from its premises
 * (what the proof has established just before it) to its conclusion, not
 * only through the end result of its lemma. A step can fail while the lemma
 * it serves holds; the report says so.
 */

/** Where a step is in the paper. */
export interface PaperLocation {
  /** Section / environment, e.g. `Lemma 2, proof`, `Abstract`, `Figure 1 caption`. */
  section: string;
  /** 1-based line range in reference/aggregathor-supplementary-proofs.txt. */
  lines: [number, number];
  /** Which display or sentence, in words: `third display`, `sentence "hence …"`. */
  where: string;
}

/** What kind of assertion a step is (decides the kind of evidence that fits). */
export type StepKind =
  | 'definition' // defines a sequence, constant or object used later: nothing to be false, unless inconsistent
  | 'identity' // an equality between constants or expressions: exact arithmetic
  | 'inequality' // a pointwise inequality: fast-check + exhaustive search on small integer inputs
  | 'implication' // "hence", "so", "i.e.", "by assumption": conclusion from premises
  | 'count' // "has m neighbours", index counts
  | 'existence' // there is a …
  | 'expectation' // a statement about expectations: Monte Carlo
  | 'trajectory' // a statement about SGD trajectories: simulation
  | 'rate' // an order of growth or a rate: fitted exponents
  | 'range'; // a parameter range in a theorem's setting

/** One reading of an ambiguous step; the proof's own reading comes first. */
export interface StepReading {
  id: string;
  description: string;
}

/** The region of parameters a verdict was earned on: stated with every verdict. */
export interface TestedRegion {
  /** e.g. `n ∈ [5, 40], f ∈ [0, (n-3)/2], m ∈ [1, n-f-2], d ∈ {1, 2, 8}, coordinates in {-2..2}` */
  text: string;
  /** Optional structured bounds for tables. */
  bounds?: Record<string, [number, number] | number[]>;
}

export type StepVerdict = 'holds' | 'fails' | 'inconclusive' | 'unsupported';

/** A counterexample found by a step's check. */
export interface StepCounterexample {
  text: string;
  value: unknown;
  /** `tie-free`: no exact tie decides it; `tie-broken-by-index`: weaker evidence. */
  kind: 'tie-free' | 'tie-broken-by-index' | 'not-applicable';
  /** how it was found: `exhaustive search`, `fast-check seed … path …`, `Monte Carlo`. */
  foundBy: string;
}

/** The result of checking one step under one reading. */
export interface StepResult {
  stepId: string;
  reading: string;
  verdict: Exclude<StepVerdict, 'unsupported'>;
  region: TestedRegion;
  /** `exact`, `exhaustive`, `property`, `monte-carlo`, `simulation`, `registry` (an existing registry check). */
  method: string;
  summary: string;
  runs: number;
  seed: number;
  counterexample?: StepCounterexample;
  /** Where the step fails as printed: the repaired statement and its own check. */
  repair?: { statement: string; verdict: 'holds' | 'fails' | 'inconclusive'; summary: string; region: TestedRegion };
}

/** How a step is checked: a pure function of a seed (and mode), or an existing registry check. */
export interface StepCheck {
  /** unique within the step, e.g. `exhaustive`, `property`, `exact`. */
  name: string;
  reading: string;
  /** What the registry expects, so a change in either direction is a surprise. */
  expected: 'holds' | 'fails';
  /**
   * Checks the step as printed. `mutant: true` asks the check to evaluate a
   * deliberately wrong variant of its step instead (a constant changed, an
   * inequality flipped), which must then fail: the test that the check can fail.
   */
  run(opts: { seed: number; mode: 'quick' | 'full'; mutant?: boolean }): StepResult;
  /** The wrong variant used by `mutant: true`, in words. */
  mutantDescription: string;
}

export interface ProofStep {
  id: string;
  /** the claim id of claims.md this step belongs to, if any (L1.4 belongs to L1). */
  parent?: string;
  location: PaperLocation;
  kind: StepKind;
  /** The assertion as printed (plain text with TeX where the paper has math). */
  printed: string;
  /** Step ids the proof has established just before this step and relies on. */
  premises: string[];
  readings: StepReading[];
  /** The step's own checks; or `registry` naming claim-registry check ids `CLAIM/name`. */
  checks: StepCheck[];
  registryChecks?: string[];
  /** Why a step has no check (a pure definition, for instance). Required when it has none. */
  uncheckedBecause?: string;
}
