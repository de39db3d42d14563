import { AdmissibilityError } from '../errors';
import { aggregathor, type ScoreUpdate } from './aggregathor';
import { average } from './average';
import { bulyan } from './bulyan';
import { coordinateMedian, trimmedMean } from './coordinatewise';
import { geometricMedian } from './geometricMedian';
import { multiKrumAggregate } from './krum';
import { catalogueGar, checkCatalogueParameters, type CatalogueParameters } from './index';
import type { DistanceKind } from './pairwise';
import type { Gar } from './types';

/** The rules the workbook ships, by the name used in the CLI, notebooks and reports. */
export const RULE_NAMES = ['average', 'median', 'trimmed-mean', 'geometric-median', 'krum', 'multi-krum', 'bulyan', 'aggregathor'] as const;
export type RuleName = (typeof RULE_NAMES)[number];

/**
 * Parameters a named rule may take beyond f. Absent values take each rule's
 * documented default. The keys beyond these four (the peers' conventions and
 * the parameters of the catalogue's other rules) are documented in
 * lib/rules/index.ts.
 */
export interface RuleParameters extends Omit<CatalogueParameters, 'm' | 'k' | 'distance' | 'scoreUpdate'> {
  /** MULTI-KRUM, AGGREGATHOR: how many vectors are averaged; as a function of (n, f) so one Gar serves every n. */
  m?: number | ((n: number, f: number) => number);
  /** MULTI-KRUM: neighbours per score. */
  k?: number | ((n: number, f: number) => number);
  distance?: DistanceKind;
  scoreUpdate?: ScoreUpdate;
}

const PARAMETER_KEYS = ['m', 'k', 'distance', 'scoreUpdate'];

const at = (p: number | ((n: number, f: number) => number) | undefined, n: number, f: number) => (typeof p === 'function' ? p(n, f) : p);

/**
 * A named rule behind the {@link Gar} interface, for the checks, the
 * simulator and the CLI.
 *
 * @example makeGar('multi-krum', { m: (n, f) => n - f - 2 }).aggregate(vectors, 2)
 */
export function makeGar(name: RuleName | string, params: RuleParameters = {}): Gar {
  // The eight rules of the paper, with only their own four parameters, are built as before
  // (bit for bit); every other name, composite (nnm+krum) or peer convention goes through
  // the catalogue (lib/rules/index.ts).
  const own = (RULE_NAMES as readonly string[]).includes(name) && Object.entries(params).every(([k, v]) => v === undefined || PARAMETER_KEYS.includes(k));
  const gar = own ? garOf(name, params) : catalogueGar(String(name), params);
  // One bag of parameters serves every rule (callers pass m to rules without one), so only
  // keys that no rule takes and values outside a fixed set are rejected here; each rule
  // checks its own options again when it runs.
  checkCatalogueParameters(gar.name, params);
  const plain = Object.entries(params).filter(([, v]) => v !== undefined);
  if (plain.every(([, v]) => typeof v === 'number' || typeof v === 'string')) {
    return { ...gar, rule: { name, params: Object.fromEntries(plain) as Record<string, number | string> } };
  }
  return gar;
}

function garOf(name: RuleName | string, params: RuleParameters): Gar {
  switch (name) {
    case 'average':
      return { name: 'AVERAGE', requirement: 'n >= 1', admissible: (n) => n >= 1, aggregate: (v) => average(v).aggregate };
    case 'median':
      return { name: 'MEDIAN', requirement: 'n >= 2f + 1', admissible: (n, f) => n >= 2 * f + 1, aggregate: (v, f) => coordinateMedian(v, f).aggregate };
    case 'trimmed-mean':
      return { name: 'TRIMMED-MEAN', requirement: 'n >= 2f + 1', admissible: (n, f) => n >= 2 * f + 1, aggregate: (v, f) => trimmedMean(v, f).aggregate };
    case 'geometric-median':
      return { name: 'GEOMETRIC-MEDIAN', requirement: 'n >= 2f + 1', admissible: (n, f) => n >= 2 * f + 1, aggregate: (v, f) => geometricMedian(v, { f }).aggregate };
    case 'krum':
      return {
        name: 'KRUM', requirement: 'n >= 2f + 3', admissible: (n, f) => n >= 2 * f + 3,
        aggregate: (v, f) => multiKrumAggregate(v, { f, m: 1, k: at(params.k, v.length, f), distance: params.distance }),
      };
    case 'multi-krum':
      return {
        name: 'MULTI-KRUM', requirement: 'n >= 2f + 3', admissible: (n, f) => n >= 2 * f + 3,
        aggregate: (v, f) => multiKrumAggregate(v, { f, m: at(params.m, v.length, f), k: at(params.k, v.length, f), distance: params.distance }),
      };
    case 'bulyan':
      return { name: 'BULYAN', requirement: 'n >= 4f + 3', admissible: (n, f) => n >= 4 * f + 3, aggregate: (v, f) => bulyan(v, { f, distance: params.distance }).aggregate };
    case 'aggregathor':
      return {
        name: 'AGGREGATHOR', requirement: 'n >= 4f + 3', admissible: (n, f) => n >= 4 * f + 3,
        aggregate: (v, f) => aggregathor(v, { f, m: at(params.m, v.length, f), scoreUpdate: params.scoreUpdate, distance: params.distance }).aggregate,
      };
    default:
      throw new AdmissibilityError('makeGar', `a rule name among ${RULE_NAMES.join(', ')}`, { name: String(name) });
  }
}
