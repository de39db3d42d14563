/**
 * The rule catalogue of the field, by name: every aggregation rule and
 * pre-aggregator of the workbook, for `makeGar` (lib/rules/catalogue.ts, which
 * the notebooks and the checks use) and for {@link aggregateNamed}, the
 * aggregate with its diagnostics that a command line can print.
 *
 * - Rules: the eight of the AggregaThor workbook (lib/rules/catalogue.ts's
 *   RULE_NAMES, whose behaviour and checks are unchanged) and the rules of
 *   the peers' libraries (ByzFL, ByzantineMomentum/Garfield), each written
 *   from its paper: {@link CATALOGUE_RULES}.
 * - Pre-aggregators ({@link PREAGGREGATOR_NAMES}): `nnm`, `arc`, `bucketing`,
 *   `clipping`. A name `pre1+pre2+rule` applies pre1, then pre2, then the
 *   rule with the same f: `nnm+multi-krum` is MULTI-KRUM ∘ NNM.
 *
 * Parameters are one flat bag ({@link CatalogueParameters}); each rule reads
 * the keys it documents and ignores the others (a shared bag serves every
 * rule), while unknown keys and values outside a fixed set are refused in one
 * line. docs/rules.md lists every rule, its parameters and every difference
 * from the peers' implementations.
 *
 * @example aggregateNamed('nnm+krum', vectors, 2).aggregate
 */
import { AdmissibilityError } from '../errors';
import type { Vectors } from '../vectors';
import { aggregathor } from './aggregathor';
import { average } from './average';
import { bulyan } from './bulyan';
import { bucketingPreaggregator } from './bucketing';
import { caf } from './caf';
import { centeredClipping, CLIPPING_STARTS } from './centeredClipping';
import { ARC, clippingPreaggregator } from './clipping';
import { trimmedMean } from './coordinatewise';
import { geometricMedian } from './geometricMedian';
import { multiKrum } from './krum';
import { multiKrumMeanScores } from './krumMeanScores';
import { mda } from './mda';
import { meamed } from './meamed';
import { monna } from './monna';
import { weightedSum } from './inputs';
import { NNM } from './nnm';
import { checkOptions, DISTANCES, SCORE_UPDATES } from './options';
import { coordinateMedianOf, EVEN_MEDIANS, type EvenMedian } from './orderStatistic';
import type { DistanceKind } from './pairwise';
import { phocas } from './phocas';
import type { Preaggregator } from './preaggregator';
import { smea } from './smea';
import { smoothedWeiszfeld } from './smoothedWeiszfeld';
import type { Aggregation, Gar, InputVectors } from './types';

/**
 * Inputs in numpy's layout: n rows of one WebAssembly memory, read in place
 * by the means (lib/rules/kernels/arena.ts); every rule accepts them.
 */
export { allocateVectors } from './kernels/arena';

/** Every parameter a catalogue rule or pre-aggregator reads. Absent values take each one's documented default. */
export interface CatalogueParameters {
  /** MULTI-KRUM, AGGREGATHOR: vectors averaged; a function of (n, f) is evaluated on the n vectors the rule receives. */
  m?: number | ((n: number, f: number) => number);
  /** MULTI-KRUM, KRUM: neighbours per score (a number or a function of (n, f)). */
  k?: number | ((n: number, f: number) => number);
  distance?: DistanceKind;
  scoreUpdate?: 'incremental' | 'recompute' | 'frozen';
  /** KRUM, MULTI-KRUM: 'sum' (the paper, default) or 'mean' (ByzFL) of the neighbour distances. */
  scores?: 'sum' | 'mean';
  /** MEDIAN, MEAMED: the median of an even number of values. */
  even?: EvenMedian;
  /** GEOMETRIC-MEDIAN: 'workbook' (Weiszfeld–Vardi–Zhang to a relative tolerance, default) or 'byzfl' (smoothed Weiszfeld, fixed iterations). */
  weiszfeld?: 'workbook' | 'byzfl';
  /** GEOMETRIC-MEDIAN 'byzfl': smoothing ν (default 0.1). */
  smoothing?: number;
  /** GEOMETRIC-MEDIAN 'byzfl' (default 3), CENTERED-CLIPPING (default 1): iterations. */
  iterations?: number;
  /** GEOMETRIC-MEDIAN 'byzfl', CENTERED-CLIPPING: where the iteration starts (default 'zero'). */
  start?: 'zero' | 'median';
  /** CENTERED-CLIPPING: clipping radius τ (default 100). */
  tau?: number;
  /** MONNA: the trusted input's index (default 0). */
  index?: number;
  /** bucketing: bucket size (default 2). */
  s?: number;
  /** bucketing: permutation seed (default 0). */
  seed?: number;
  /** clipping: threshold (default 2). */
  c?: number;
  /** MDA, SMEA: refuse calls estimated above this many seconds (default 10). */
  maxSeconds?: number;
}

/** The parameters with m and k evaluated. */
export type ResolvedParameters = Omit<CatalogueParameters, 'm' | 'k'> & { m?: number; k?: number };

const resolve = (p: CatalogueParameters, n: number, f: number): ResolvedParameters => ({
  ...p, m: typeof p.m === 'function' ? p.m(n, f) : p.m, k: typeof p.k === 'function' ? p.k(n, f) : p.k,
});

export const CATALOGUE_PARAMETER_KEYS = ['m', 'k', 'distance', 'scoreUpdate', 'scores', 'even', 'weiszfeld', 'smoothing', 'iterations', 'start', 'tau', 'index', 's', 'seed', 'c', 'maxSeconds'] as const;
const CHOICES = {
  distance: DISTANCES, scoreUpdate: SCORE_UPDATES, scores: ['sum', 'mean'], even: EVEN_MEDIANS, weiszfeld: ['workbook', 'byzfl'], start: CLIPPING_STARTS,
} as const;

/** One rule of the catalogue. */
export interface CatalogueRule {
  /** Display name, e.g. `CENTERED-CLIPPING`. */
  display: string;
  requirement: string;
  admissible(n: number, f: number): boolean;
  /** The parameters it reads. */
  parameters: readonly string[];
  run(vectors: InputVectors, f: number, p: ResolvedParameters): Aggregation<unknown>;
}

const atLeast = (a: number, b: number) => (n: number, f: number) => n >= a * f + b;

/** Every rule by its catalogue name. */
export const CATALOGUE_RULES: Readonly<Record<string, CatalogueRule>> = {
  average: { display: 'AVERAGE', requirement: 'n >= 1', admissible: (n) => n >= 1, parameters: [], run: (v) => average(v as Vectors) },
  median: {
    display: 'MEDIAN', requirement: 'n >= 2f + 1', admissible: atLeast(2, 1), parameters: ['even'],
    run: (v, f, p) => coordinateMedianOf(v, { f, even: p.even }),
  },
  'trimmed-mean': { display: 'TRIMMED-MEAN', requirement: 'n >= 2f + 1', admissible: atLeast(2, 1), parameters: [], run: (v, f) => trimmedMean(v as Vectors, f) },
  'geometric-median': {
    display: 'GEOMETRIC-MEDIAN', requirement: 'n >= 2f + 1', admissible: atLeast(2, 1), parameters: ['weiszfeld', 'smoothing', 'iterations', 'start'],
    run: (v, f, p) => (p.weiszfeld === 'byzfl'
      ? smoothedWeiszfeld(v, { f, smoothing: p.smoothing, iterations: p.iterations, start: p.start })
      : geometricMedian(v as Vectors, { f, smoothing: p.smoothing })),
  },
  krum: {
    display: 'KRUM', requirement: 'n >= 2f + 3', admissible: atLeast(2, 3), parameters: ['k', 'distance', 'scores'],
    run: (v, f, p) => (p.scores === 'mean' ? multiKrumMeanScores(v, { f, m: 1, k: p.k, distance: p.distance }) : multiKrum(v as Vectors, { f, m: 1, k: p.k, distance: p.distance })),
  },
  'multi-krum': {
    display: 'MULTI-KRUM', requirement: 'n >= 2f + 3', admissible: atLeast(2, 3), parameters: ['m', 'k', 'distance', 'scores'],
    run: (v, f, p) => (p.scores === 'mean' ? multiKrumMeanScores(v, { f, m: p.m, k: p.k, distance: p.distance }) : multiKrum(v as Vectors, { f, m: p.m, k: p.k, distance: p.distance })),
  },
  bulyan: { display: 'BULYAN', requirement: 'n >= 4f + 3', admissible: atLeast(4, 3), parameters: ['distance'], run: (v, f, p) => bulyan(v as Vectors, { f, distance: p.distance }) },
  aggregathor: {
    display: 'AGGREGATHOR', requirement: 'n >= 4f + 3', admissible: atLeast(4, 3), parameters: ['m', 'distance', 'scoreUpdate'],
    run: (v, f, p) => aggregathor(v as Vectors, { f, m: p.m, scoreUpdate: p.scoreUpdate, distance: p.distance }),
  },
  'centered-clipping': {
    display: 'CENTERED-CLIPPING', requirement: 'n >= 1', admissible: (n, f) => n >= 1 && f <= n, parameters: ['tau', 'iterations', 'start'],
    run: (v, f, p) => centeredClipping(v, { f, tau: p.tau, iterations: p.iterations, start: p.start }),
  },
  mda: { display: 'MDA', requirement: 'n >= 2f + 1', admissible: atLeast(2, 1), parameters: ['maxSeconds'], run: (v, f, p) => mda(v, { f, maxSeconds: p.maxSeconds }) },
  meamed: { display: 'MEAMED', requirement: 'n >= 2f + 1', admissible: atLeast(2, 1), parameters: ['even'], run: (v, f, p) => meamed(v, { f, even: p.even }) },
  phocas: { display: 'PHOCAS', requirement: 'n >= 2f + 1', admissible: atLeast(2, 1), parameters: [], run: (v, f) => phocas(v, { f }) },
  monna: { display: 'MONNA', requirement: 'n >= 2f + 1', admissible: atLeast(2, 1), parameters: ['index'], run: (v, f, p) => monna(v, { f, index: p.index }) },
  caf: { display: 'CAF', requirement: 'n >= 2f + 1', admissible: atLeast(2, 1), parameters: [], run: (v, f) => caf(v, { f }) },
  smea: { display: 'SMEA', requirement: 'n >= 2f + 1', admissible: atLeast(2, 1), parameters: ['maxSeconds'], run: (v, f, p) => smea(v, { f, maxSeconds: p.maxSeconds }) },
};

/** The names of {@link CATALOGUE_RULES}. */
export const CATALOGUE_RULE_NAMES = Object.keys(CATALOGUE_RULES);

/** The pre-aggregators by name, each with the parameters it reads and its requirement on n. */
export const PREAGGREGATORS: Readonly<Record<string, { parameters: readonly string[]; requirement: string; admissible: (n: number, f: number) => boolean; make: (p: CatalogueParameters) => Preaggregator }>> = {
  nnm: { parameters: [], requirement: 'n >= 2f + 1', admissible: atLeast(2, 1), make: () => NNM },
  arc: { parameters: [], requirement: 'n >= 2f + 1', admissible: atLeast(2, 1), make: () => ARC },
  bucketing: { parameters: ['s', 'seed'], requirement: 'n >= s', admissible: () => true, make: (p) => bucketingPreaggregator({ s: p.s, seed: p.seed }) },
  clipping: { parameters: ['c'], requirement: 'n >= 1', admissible: () => true, make: (p) => clippingPreaggregator(p.c) },
};
export const PREAGGREGATOR_NAMES = Object.keys(PREAGGREGATORS);

/** Splits `pre1+pre2+rule` and checks every part's name: one line naming what is admissible. */
export function parseRuleName(name: string): { pre: string[]; rule: string } {
  const parts = String(name).split('+').map((s) => s.trim());
  const rule = parts.pop()!;
  for (const p of parts) {
    if (!(p in PREAGGREGATORS)) throw new AdmissibilityError('makeGar', `pre-aggregators among ${PREAGGREGATOR_NAMES.join(', ')} before the rule (pre+rule)`, { name: String(name) });
  }
  if (!(rule in CATALOGUE_RULES)) throw new AdmissibilityError('makeGar', `a rule name among ${CATALOGUE_RULE_NAMES.join(', ')}, optionally after pre-aggregators (${PREAGGREGATOR_NAMES.join(', ')}) joined by +`, { name: String(name) });
  return { pre: parts, rule };
}

/** Checks a parameter bag: known keys, values of the fixed-choice keys. */
export function checkCatalogueParameters(display: string, params: object): void {
  checkOptions(display, params, CATALOGUE_PARAMETER_KEYS, CHOICES as unknown as Record<string, readonly string[]>);
}

/** The display name of a composite, e.g. `MULTI-KRUM ∘ NNM`. */
export function displayName(name: string, params: CatalogueParameters = {}): string {
  const { pre, rule } = parseRuleName(name);
  return [CATALOGUE_RULES[rule].display, ...pre.reverse().map((p) => PREAGGREGATORS[p].make(params).name)].join(' ∘ ');
}

/**
 * Applies a catalogue name (a rule, or pre-aggregators then a rule) to the
 * inputs, with f Byzantine inputs tolerated at every stage. The diagnostics
 * of a composite are `{ preaggregation: [each stage's diagnostics], rule }`.
 *
 * @example aggregateNamed('nnm+multi-krum', vectors, 1).aggregate
 */
export function aggregateNamed(name: string, vectors: InputVectors, f: number, params: CatalogueParameters = {}): Aggregation<unknown> {
  const { pre, rule } = parseRuleName(name);
  const entry = CATALOGUE_RULES[rule];
  checkCatalogueParameters(entry.display, params);
  if (pre.length === 0) return entry.run(vectors, f, resolve(params, vectors.length, f));
  let current: InputVectors = vectors;
  const stages: unknown[] = [];
  for (const [index, p] of pre.entries()) {
    const preaggregator = PREAGGREGATORS[p].make(params);
    if (rule === 'average' && index === pre.length - 1 && preaggregator.scales) {
      const fused = scaledAverage(preaggregator, current, f);
      if (fused) return { aggregate: fused.aggregate, diagnostics: { preaggregation: [...stages, { name: p, ...fused.diagnostics }], rule: { n: current.length } } };
    }
    const stage = preaggregator.apply(current, f);
    stages.push({ name: p, ...stage.diagnostics });
    current = stage.vectors;
  }
  const out = entry.run(current, f, resolve(params, current.length, f));
  return { aggregate: out.aggregate, diagnostics: { preaggregation: stages, rule: out.diagnostics } };
}

/**
 * The average of a scaling pre-aggregator's outputs, (1/n) Σ_i s_i x_i, read from the inputs in one weighted sum
 * instead of n scaled copies: each coordinate ((0 + s_1 x_1) + s_2 x_2) + … × (1/n), the products and sums that
 * AVERAGE makes of the copies, so bit for bit its result. Null (the caller then builds the copies) when the
 * pre-aggregator handles an input itself: a non-finite coordinate or norm, or sums that could overflow (AVERAGE
 * then sums that coordinate again its own way); the check of the output is a guard behind that bound.
 */
function scaledAverage(preaggregator: Preaggregator, vectors: InputVectors, f: number): { aggregate: Float64Array; diagnostics: Record<string, unknown> } | null {
  const scaling = preaggregator.scales!(vectors, f);
  if (!scaling) return null;
  const out = weightedSum(vectors, scaling.factors, new Float64Array(vectors[0].length));
  const inv = 1 / vectors.length;
  for (let c = 0; c < out.length; c++) {
    const y = out[c] * inv;
    if (y - y !== 0) return null;
    out[c] = y;
  }
  return { aggregate: out, diagnostics: scaling.diagnostics };
}

/** What a composite admits: the rule on the pre-aggregators' output count, each pre-aggregator on its input count. */
function compositeAdmissible(pre: string[], rule: string, params: CatalogueParameters): (n: number, f: number) => boolean {
  return (n, f) => {
    let count = n;
    for (const p of pre) {
      if (!PREAGGREGATORS[p].admissible(count, f)) return false;
      count = PREAGGREGATORS[p].make(params).outputs(count);
    }
    return CATALOGUE_RULES[rule].admissible(count, f);
  };
}

/**
 * A catalogue name as a {@link Gar}. The rebuild information (`rule`) is set
 * by makeGar.
 *
 * @example catalogueGar('nnm+krum').aggregate(vectors, 1)
 */
export function catalogueGar(name: string, params: CatalogueParameters = {}): Gar {
  const { pre, rule } = parseRuleName(name);
  const display = displayName(name, params);
  checkCatalogueParameters(display, params);
  const requirement = pre.length === 0
    ? CATALOGUE_RULES[rule].requirement
    : `${pre.map((p) => `${p}: ${PREAGGREGATORS[p].requirement}`).join('; ')}; ${rule} on the pre-aggregated vectors: ${CATALOGUE_RULES[rule].requirement}`;
  return { name: display, requirement, admissible: compositeAdmissible(pre, rule, params), aggregate: (v, f) => aggregateNamed(name, v, f, params).aggregate };
}
