import type { ClaimCheck } from '../types';
import { ADMISSIBILITY_CHECKS } from './deterministic/admissibility';
import { ETA_CHECKS } from './deterministic/etaIdentities';
import { GEOMETRY_CHECKS } from './deterministic/geometry';
import { LEMMA1_STEP_CHECKS } from './deterministic/lemma1Steps';
import { toClaimCheck, type DeterministicCheckSpec } from './deterministic/propertyCheck';

/**
 * Every deterministic check's spec (property, expectation, repair). Tests and
 * notebooks replay a counterexample with `fc.assert(propertyOf(spec), { seed, path })`.
 */
export const DETERMINISTIC_SPECS: readonly DeterministicCheckSpec[] = [...ETA_CHECKS, ...LEMMA1_STEP_CHECKS, ...GEOMETRY_CHECKS, ...ADMISSIBILITY_CHECKS];

/** The deterministic checks, registered under their claim ids. */
export const DETERMINISTIC_CHECKS: ClaimCheck[] = DETERMINISTIC_SPECS.map(toClaimCheck);
